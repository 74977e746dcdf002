"""Turning an organisation's truth into answers, the way people give them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.instrument.loader import load_instrument
from tandem.instrument.model import Form, Instrument, Item
from tandem.io.demo.comments import CHANGE, FRICTION
from tandem.io.demo.profiles import PROFILES
from tandem.io.demo.spec import DEPARTMENTS, Levels, OrganisationSpec, by_department
from tandem.io.responses import ALL_SETTINGS
from tandem.io.writers import write_csv

FloatArray = npt.NDArray[np.float64]

_LIKERT_CODES = np.array(["", "1", "2", "3", "4", "5", "dk"], dtype=object)
_SKIP, _DK = 0, 6


def generate_responses(
    n: int,
    seed: int,
    profile: str | OrganisationSpec = "default",
    form: Form = "full",
    instrument: Instrument | None = None,
    *,
    settings: frozenset[str] = ALL_SETTINGS,
) -> pd.DataFrame:
    """``n`` synthetic respondents in the wide file format (all cells strings).

    Columns: ``respondent`` (``r00001`` ...) and the ids of the form's items, with
    "1".."5", "dk" or "" for Likert items, option codes for choices, texts for open
    questions. Same ``seed``, same answers. A respondent's open answers are in their own
    language (:func:`respondent_languages`, which a web demo uses for the survey
    language of the same rows).
    """
    spec = _spec(profile)
    instrument = instrument if instrument is not None else load_instrument()
    if n < 0:
        raise ValueError("n must be at least 0")
    languages = respondent_languages(n, seed, spec)
    rng = np.random.default_rng(seed)
    items = instrument.items_for(form, settings)
    dept = _departments(n, spec, rng)
    width = max(5, len(str(n)))
    columns: dict[str, npt.NDArray[np.object_]] = {
        "respondent": np.array([f"r{i:0{width}d}" for i in range(1, n + 1)], dtype=object)
    }
    person = rng.normal(0.0, spec.person_sd, n)
    levels = spec.scale_levels()
    scale_effect: dict[str, npt.NDArray[np.float64]] = {}

    def latent_for(key: str, table: Levels) -> npt.NDArray[np.float64]:
        if key not in scale_effect:
            scale_effect[key] = rng.normal(0.0, spec.scale_sd, n)
        level = np.array([table[d] for d in DEPARTMENTS])[dept]
        result: npt.NDArray[np.float64] = level + person + scale_effect[key]
        return result

    for item in items:
        if item.id == "department":
            columns[item.id] = np.array(DEPARTMENTS, dtype=object)[dept]
        elif item.id == "level":
            columns[item.id] = _levels_of(dept, spec, rng)
        elif item.id == "tenure":
            columns[item.id] = _pick(rng, spec.tenure_mix, n)
        elif item.id == "segment":
            columns[item.id] = (
                rng.choice(np.array(spec.segments, dtype=object), n)
                if spec.segments
                else np.full(n, "", dtype=object)
            )
        elif item.about is not None:
            columns[item.id] = _prediction(item, columns[item.about], dept, spec, rng)
        elif item.kind == "likert":
            columns[item.id] = _likert(item, latent_for, levels, spec, rng, n)
        elif item.kind == "choice":
            columns[item.id] = _choice(item, dept, spec, rng)
        else:
            columns[item.id] = _comments(item, spec, rng, languages)
    return pd.DataFrame(columns)


def _spec(profile: str | OrganisationSpec) -> OrganisationSpec:
    return PROFILES[profile] if isinstance(profile, str) else profile


def respondent_languages(
    n: int, seed: int, profile: str | OrganisationSpec = "default"
) -> npt.NDArray[np.str_]:
    """The language ("nl" or "en") each of :func:`generate_responses`' ``n`` respondents
    answers in, for the same ``seed``: a share ``comment_nl_share`` Dutch. Drawn from its
    own stream, so it changes no other answer."""
    spec = _spec(profile)
    dutch = np.random.default_rng([seed, 0x6E6C]).random(n) < spec.comment_nl_share
    return np.where(dutch, "nl", "en")


def _departments(n: int, spec: OrganisationSpec, rng: np.random.Generator) -> npt.NDArray[np.intp]:
    """Department index per respondent: exact largest-remainder sizes, shuffled."""
    shares = np.array([spec.department_shares.get(d, 0.0) for d in DEPARTMENTS])
    if shares.sum() <= 0:
        raise ValueError(f"profile {spec.name!r}: department shares must add up to more than 0")
    raw = shares / shares.sum() * n
    sizes = np.floor(raw).astype(np.intp)
    rest = np.argsort(-(raw - sizes), kind="stable")[: n - int(sizes.sum())]
    sizes[rest] += 1
    dept = np.repeat(np.arange(len(DEPARTMENTS), dtype=np.intp), sizes)
    rng.shuffle(dept)
    return dept


def _pick(rng: np.random.Generator, mix: Mapping[str, float], n: int) -> npt.NDArray[np.object_]:
    codes = np.array(list(mix), dtype=object)
    p = np.array(list(mix.values()), dtype=float)
    picked: npt.NDArray[np.object_] = rng.choice(codes, n, p=p / p.sum())
    return picked


def _levels_of(
    dept: npt.NDArray[np.intp], spec: OrganisationSpec, rng: np.random.Generator
) -> npt.NDArray[np.object_]:
    """Role level; commercial management are managers or directors."""
    levels = _pick(rng, spec.level_mix, len(dept))
    managers = dept == DEPARTMENTS.index("management")
    levels[managers] = _pick(rng, {"manager": 0.65, "director": 0.35}, int(managers.sum()))
    return levels


def _likert(
    item: Item,
    latent_for: Callable[[str, Levels], FloatArray],
    levels: Mapping[str, Levels],
    spec: OrganisationSpec,
    rng: np.random.Generator,
    n: int,
) -> npt.NDArray[np.object_]:
    if item.scale is not None:
        if item.scale not in levels:
            raise ValueError(f"profile {spec.name!r} has no level for scale {item.scale!r}")
        latent = latent_for(item.scale, levels[item.scale])
    elif item.stage is not None:
        if item.stage not in spec.journey:
            raise ValueError(f"profile {spec.name!r} has no journey stage {item.stage!r}")
        experience = spec.journey[item.stage].experience
        latent = latent_for(f"stage:{item.stage}", by_department(experience))
    else:
        latent = latent_for(f"item:{item.id}", by_department(3.0))
    answer = np.clip(np.rint(latent + rng.normal(0.0, spec.item_sd, n)), 1, 5).astype(np.intp)
    if item.reverse:
        answer = 6 - answer
    draw = rng.random(n)
    answer[draw < spec.dk_rate] = _DK
    answer[(draw >= spec.dk_rate) & (draw < spec.dk_rate + spec.skip_rate)] = _SKIP
    coded: npt.NDArray[np.object_] = _LIKERT_CODES[answer]
    return coded


#: How much more negative (in answer points, in the direction of alignment) a
#: department pictures the other's view than it is: the usual meta-perception finding.
META_BIAS = 0.6


def _prediction(item: Item, statement: npt.NDArray[np.object_], dept: npt.NDArray[np.intp],
                spec: OrganisationSpec, rng: np.random.Generator) -> npt.NDArray[np.object_]:
    """A meta-perception item: each respondent of an asking department guesses the other
    department's mean answer to the statement, a little more negative than it is, with
    noise; everyone else has no answer (the survey does not ask them)."""
    n = len(dept)
    asked = np.isin(np.array(DEPARTMENTS, dtype=object)[dept], item.asked_of)
    answers = np.array([float(a) if a in ("1", "2", "3", "4", "5") else np.nan
                        for a in statement])
    other = answers[np.array(DEPARTMENTS, dtype=object)[dept] == item.predicts]
    centre = float(np.nanmean(other)) if np.any(~np.isnan(other)) else 3.0
    tilt = META_BIAS if item.reverse else -META_BIAS
    guess = np.clip(np.rint(centre + tilt + rng.normal(0.0, spec.item_sd, n)), 1, 5)
    coded = _LIKERT_CODES[guess.astype(np.intp)]
    coded[~asked] = ""
    draw = rng.random(n)
    coded[asked & (draw < spec.dk_rate)] = "dk"
    return coded.astype(object)


def _choice(
    item: Item, dept: npt.NDArray[np.intp], spec: OrganisationSpec, rng: np.random.Generator
) -> npt.NDArray[np.object_]:
    """Each respondent names their department's tendency with its consistency, else another."""
    assert item.options is not None
    codes = np.array(item.options.codes, dtype=object)
    n = len(dept)
    if item.area is not None:
        tendency = spec.decisions.get(item.area)
        if tendency is None:
            raise ValueError(f"profile {spec.name!r} has no decision tendency for {item.area!r}")
        if item.role == "should_decide":
            favourite = np.full(n, tendency.should, dtype=object)
            consistency = tendency.should_consistency
        else:
            favourite = np.array([tendency.decides[d] for d in DEPARTMENTS], dtype=object)[dept]
            consistency = tendency.consistency
    elif item.stage is not None:
        journey = spec.journey.get(item.stage)
        if journey is None:
            raise ValueError(f"profile {spec.name!r} has no journey stage {item.stage!r}")
        favourite = np.array([journey.owner[d] for d in DEPARTMENTS], dtype=object)[dept]
        consistency = journey.consistency
    else:
        picked: npt.NDArray[np.object_] = rng.choice(codes, n)
        return picked
    index = {code: k for k, code in enumerate(codes)}
    fav = np.array([index[c] for c in favourite], dtype=np.intp)
    other = rng.integers(0, len(codes) - 1, n)
    other = other + (other >= fav)  # any option but the favourite, uniformly
    chosen = np.where(rng.random(n) < consistency, fav, other)
    result: npt.NDArray[np.object_] = codes[chosen]
    return result


def _comments(
    item: Item, spec: OrganisationSpec, rng: np.random.Generator,
    languages: npt.NDArray[np.str_],
) -> npt.NDArray[np.object_]:
    """Open answers: a share ``comment_rate`` writes one (fewer for the second question),
    each in the respondent's own language."""
    pools = CHANGE if item.id == "open_change" else FRICTION
    rate = spec.comment_rate * (0.6 if item.id == "open_change" else 1.0)
    n = len(languages)
    out = np.full(n, "", dtype=object)
    writes = rng.random(n) < rate
    for lang in ("nl", "en"):
        chosen = np.flatnonzero(writes & (languages == lang))
        pool = np.array(pools[lang], dtype=object)
        out[chosen] = pool[rng.integers(0, len(pool), len(chosen))]
    return out


def write_demo_csv(df: pd.DataFrame, out: TextIO | Path) -> None:
    """Write generated responses as the CSV that :func:`read_responses` reads."""
    write_csv(df, out)
