"""Synthetic organisations with a known truth, for demos, tests and benchmarks.

An :class:`OrganisationSpec` states what is true of a made-up organisation: how its
departments see each ladder block, each tension source and each outcome (levels on the
1-5 answer scale, where high always means good: alignment, not tension), who each
department thinks decides each area, who owns each journey stage. The generator turns
that truth into answers the way people give them, so the analysis can be checked
against the truth it should recover:

    answer = clip(round(level[scale][department] + person + person×scale + item noise), 1, 5)

``person`` is a respondent's general mood (N(0, ``person_sd``)), ``person×scale`` their
view of one scale (N(0, ``scale_sd``)), item noise N(0, ``item_sd``). Reverse-keyed
items are answered as ``6 - answer``: a person who sees alignment disagrees with a
statement of tension. A share ``dk_rate`` of Likert answers is "dk", ``skip_rate`` is
left empty. Everything is vectorised numpy and deterministic for a given seed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.instrument.loader import load_instrument
from tandem.instrument.model import Form, Instrument, Item
from tandem.io.responses import ALL_SETTINGS
from tandem.io.writers import write_csv

DEPARTMENTS = ("sales", "marketing", "service", "management", "other")
Levels = Mapping[str, float]  # department -> level on the 1-5 scale
FloatArray = npt.NDArray[np.float64]


def by_department(base: float, **offsets: float) -> dict[str, float]:
    """Levels for all departments: ``base`` plus a per-department offset."""
    unknown = set(offsets) - set(DEPARTMENTS)
    if unknown:
        raise ValueError(f"unknown department(s) {sorted(unknown)}")
    return {d: base + offsets.get(d, 0.0) for d in DEPARTMENTS}


def everyone(code: str, **exceptions: str) -> dict[str, str]:
    """The same answer tendency for all departments, except those named."""
    return {d: exceptions.get(d, code) for d in DEPARTMENTS}


@dataclass(frozen=True)
class DecisionTendency:
    """Who each department says decides an area, and how consistently they say it."""

    decides: Mapping[str, str]  # department -> decider code it tends to name
    consistency: float  # probability a respondent names it (else any other option)
    should: str = "joint"  # what people tend to say *should* decide
    should_consistency: float = 0.6


@dataclass(frozen=True)
class JourneyTendency:
    """Who each department names as owner of a stage, and how consistent the brand is there."""

    owner: Mapping[str, str]  # department -> owner code it tends to name
    consistency: float  # probability a respondent names it
    experience: float  # level (1-5) of "the experience here matches the other stages"


@dataclass(frozen=True)
class OrganisationSpec:
    """The truth about one synthetic organisation (see the module docstring)."""

    name: str
    description: str
    department_shares: Mapping[str, float]
    blocks: Mapping[str, Levels]  # DEF / ALI / INT
    tensions: Mapping[str, Levels]  # tension source -> alignment level (high = little tension)
    outcomes: Mapping[str, Levels]
    decisions: Mapping[str, DecisionTendency]
    journey: Mapping[str, JourneyTendency]
    level_mix: Mapping[str, float] = field(
        default_factory=lambda: {"staff": 0.75, "manager": 0.2, "director": 0.05}
    )
    tenure_mix: Mapping[str, float] = field(
        default_factory=lambda: {"lt1": 0.15, "1to3": 0.3, "3to10": 0.35, "gt10": 0.2}
    )
    segments: tuple[str, ...] = ()
    typical_n: int = 120
    person_sd: float = 0.45
    scale_sd: float = 0.35
    item_sd: float = 0.7
    dk_rate: float = 0.04
    skip_rate: float = 0.01
    comment_rate: float = 0.15
    comment_nl_share: float = 0.7

    def scale_levels(self) -> dict[str, Levels]:
        """Every scale's levels by department, whatever its kind."""
        return {**self.blocks, **self.tensions, **self.outcomes}


# ---------------------------------------------------------------- comments

FRICTION = {
    "nl": (
        "Marketing levert leads die Sales niet wil opvolgen.",
        "Sales geeft kortingen zonder overleg met Marketing.",
        "We hebben geen gedeelde definitie van een goede lead.",
        "Het CRM wordt door Sales maar half bijgehouden.",
        "Marketing zit te ver van de klant af.",
        "Niemand weet wie over de prijzen beslist.",
        "De targets van Sales en Marketing botsen.",
        "Campagnes worden gelanceerd zonder dat Sales het weet.",
        "Customer Service hoort als laatste wat er beloofd is.",
        "Er wordt vooral over elkaar gepraat, niet met elkaar.",
        "Sales wil meer verkopers in plaats van meer marketingbudget.",
        "Het overleg gaat alleen over problemen.",
    ),
    "en": (
        "Marketing sends leads that Sales will not follow up.",
        "Sales gives discounts without talking to Marketing.",
        "We have no shared definition of a good lead.",
        "Sales only half maintains the CRM.",
        "Marketing is too far away from the customer.",
        "Nobody knows who decides on pricing.",
        "The targets of Sales and Marketing clash.",
        "Campaigns go live before Sales knows about them.",
        "Customer Service is the last to hear what was promised.",
        "People talk about each other, not with each other.",
        "Sales would rather have more salespeople than more marketing budget.",
        "Meetings are only about problems.",
    ),
}
CHANGE = {
    "nl": (
        "Eén gezamenlijke definitie van een gekwalificeerde lead.",
        "Gedeelde doelen voor Sales en Marketing.",
        "Een vast maandelijks overleg over de pijplijn.",
        "Marketing mee laten gaan naar belangrijke klanten.",
        "Duidelijke afspraken over wie over prijzen beslist.",
        "Eén systeem voor alle klantinformatie.",
        "Samen de klantreis uittekenen.",
        "Feedback van Sales echt gebruiken in campagnes.",
        "Customer Service eerder betrekken bij nieuwe producten.",
        "Samen trainingen volgen.",
    ),
    "en": (
        "One agreed definition of a qualified lead.",
        "Shared targets for Sales and Marketing.",
        "A fixed monthly pipeline meeting.",
        "Let Marketing join visits to key customers.",
        "Clear agreements on who decides on pricing.",
        "One system for all customer information.",
        "Map the customer journey together.",
        "Actually use Sales' feedback in campaigns.",
        "Involve Customer Service earlier in new products.",
        "Train together.",
    ),
}


# ---------------------------------------------------------------- profiles

_SALES_LOWER = {"sales": -0.4, "marketing": 0.3, "management": 0.15}


def _levels(values: Mapping[str, float], **offsets: float) -> dict[str, dict[str, float]]:
    return {scale: by_department(v, **offsets) for scale, v in values.items()}


def _default() -> OrganisationSpec:
    tensions = _levels(
        {
            "eco_product": 3.5,
            "cul_competence": 3.6,
            "cul_goal": 3.4,
            "cul_time": 3.3,
            "org_systems": 3.2,
        },
        service=-0.1,
    )
    tensions |= _levels(
        {"eco_promotion": 3.3, "eco_power": 3.2, "cul_image": 3.2, "org_process": 3.3},
        **_SALES_LOWER,
    )
    tensions |= _levels({"eco_price": 2.4, "org_metrics": 2.3}, sales=-0.2, marketing=0.1)
    return OrganisationSpec(
        name="default",
        description=(
            "A mid-sized firm in phase II Defined: agreements are in place, alignment and "
            "integration are not; price and metrics rub; Sales sees the relationship less "
            "rosily than Marketing; pricing decisions are contested; nobody owns onboarding."
        ),
        department_shares={
            "sales": 0.34,
            "marketing": 0.2,
            "service": 0.26,
            "management": 0.08,
            "other": 0.12,
        },
        blocks=_levels({"DEF": 3.75, "ALI": 3.05, "INT": 2.35}, **_SALES_LOWER),
        tensions=tensions,
        outcomes=_levels({"out_cx": 3.0, "out_performance": 3.4, "out_wellbeing": 3.1}, sales=-0.3),
        decisions={
            "new_products": DecisionTendency(everyone("marketing"), 0.7),
            "pricing": DecisionTendency(
                everyone("management", sales="sales", marketing="marketing"), 0.6
            ),
            "service_policy": DecisionTendency(everyone("service"), 0.75, should="service"),
            "satisfaction": DecisionTendency(everyone("service"), 0.5),
            "new_markets": DecisionTendency(everyone("management"), 0.7, should="management"),
            "promotion_budget": DecisionTendency(everyone("marketing"), 0.75),
            "lead_definition": DecisionTendency(everyone("joint"), 0.6),
            "key_accounts": DecisionTendency(everyone("sales"), 0.7),
            "messaging": DecisionTendency(everyone("marketing"), 0.7),
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.75, 3.4),
            "choice": JourneyTendency(everyone("sales", marketing="marketing"), 0.6, 3.1),
            "purchase": JourneyTendency(everyone("sales"), 0.8, 3.5),
            "onboarding": JourneyTendency(everyone("unclear"), 0.4, 2.6),
            "service": JourneyTendency(everyone("service"), 0.8, 3.3),
            "loyalty": JourneyTendency(everyone("shared", sales="sales"), 0.5, 2.9),
        },
        segments=("Noord", "Zuid", "Online"),
        typical_n=120,
    )


def _conflict() -> OrganisationSpec:
    gap = {"sales": -0.5, "marketing": 0.4}
    tensions = _levels(
        {
            "eco_price": 2.0,
            "eco_promotion": 2.2,
            "eco_product": 2.5,
            "eco_power": 2.1,
            "cul_competence": 2.4,
            "cul_goal": 2.3,
            "cul_time": 2.4,
            "cul_image": 1.7,
            "org_systems": 2.6,
            "org_process": 2.2,
            "org_metrics": 2.0,
        },
        **gap,
    )
    contested = everyone("nobody", sales="sales", marketing="marketing")
    return OrganisationSpec(
        name="conflict",
        description=(
            "Phase I Undefined: functions work past each other, many sources of tension, "
            "a poor mutual image and contested decision rights."
        ),
        department_shares={
            "sales": 0.4,
            "marketing": 0.18,
            "service": 0.25,
            "management": 0.07,
            "other": 0.1,
        },
        blocks=_levels({"DEF": 2.6, "ALI": 2.2, "INT": 1.8}, **gap),
        tensions=tensions,
        outcomes=_levels({"out_cx": 2.4, "out_performance": 2.9, "out_wellbeing": 2.2}, sales=-0.3),
        decisions={
            "new_products": DecisionTendency(contested, 0.55),
            "pricing": DecisionTendency(contested, 0.55),
            "service_policy": DecisionTendency(everyone("nobody", service="service"), 0.45),
            "satisfaction": DecisionTendency(everyone("nobody"), 0.4),
            "new_markets": DecisionTendency(everyone("management"), 0.5, should="management"),
            "promotion_budget": DecisionTendency(contested, 0.55),
            "lead_definition": DecisionTendency(everyone("nobody"), 0.5),
            "key_accounts": DecisionTendency(everyone("sales"), 0.6),
            "messaging": DecisionTendency(contested, 0.5),
        },
        journey={
            stage: JourneyTendency(everyone("unclear", sales="sales"), 0.4, 2.3)
            for stage in ("orientation", "choice", "purchase", "onboarding", "service", "loyalty")
        },
        typical_n=150,
        comment_rate=0.3,
    )


def _integrated() -> OrganisationSpec:
    return OrganisationSpec(
        name="integrated",
        description=(
            "Phase IV Integrated: shared KPIs and rewards, the customer journey as the "
            "organising principle, little tension anywhere."
        ),
        department_shares={
            "sales": 0.3,
            "marketing": 0.25,
            "service": 0.25,
            "management": 0.08,
            "other": 0.12,
        },
        blocks=_levels({"DEF": 4.45, "ALI": 4.2, "INT": 3.95}, sales=-0.1, marketing=0.05),
        tensions=_levels(
            {
                "eco_price": 3.9,
                "eco_promotion": 4.1,
                "eco_product": 4.2,
                "eco_power": 4.0,
                "cul_competence": 4.3,
                "cul_goal": 4.1,
                "cul_time": 4.0,
                "cul_image": 4.2,
                "org_systems": 4.0,
                "org_process": 4.2,
                "org_metrics": 4.1,
            }
        ),
        outcomes=_levels({"out_cx": 4.1, "out_performance": 3.9, "out_wellbeing": 4.0}),
        decisions={
            area: DecisionTendency(everyone(code), 0.85, should=code, should_consistency=0.8)
            for area, code in {
                "new_products": "joint",
                "pricing": "joint",
                "service_policy": "service",
                "satisfaction": "joint",
                "new_markets": "management",
                "promotion_budget": "joint",
                "lead_definition": "joint",
                "key_accounts": "joint",
                "messaging": "joint",
            }.items()
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.85, 4.1),
            "choice": JourneyTendency(everyone("shared"), 0.8, 4.0),
            "purchase": JourneyTendency(everyone("sales"), 0.85, 4.2),
            "onboarding": JourneyTendency(everyone("service"), 0.8, 4.0),
            "service": JourneyTendency(everyone("service"), 0.9, 4.1),
            "loyalty": JourneyTendency(everyone("shared"), 0.8, 4.0),
        },
        segments=("Benelux", "DACH", "Nordics", "UK"),
        typical_n=200,
        dk_rate=0.03,
        comment_rate=0.1,
    )


def _small() -> OrganisationSpec:
    return OrganisationSpec(
        name="small",
        description=(
            "A small firm (about 30 people) where marketing mainly supports sales with "
            "leads and materials; phase II Defined, which may well be enough here."
        ),
        department_shares={
            "sales": 0.5,
            "marketing": 0.15,
            "service": 0.2,
            "management": 0.1,
            "other": 0.05,
        },
        blocks=_levels({"DEF": 3.65, "ALI": 2.9, "INT": 2.1}, sales=-0.2, marketing=0.2),
        tensions=_levels(
            {
                "eco_price": 3.2,
                "eco_promotion": 3.0,
                "eco_product": 3.4,
                "eco_power": 3.3,
                "cul_competence": 3.5,
                "cul_goal": 3.3,
                "cul_time": 3.1,
                "cul_image": 3.4,
                "org_systems": 2.8,
                "org_process": 3.3,
                "org_metrics": 3.0,
            },
            sales=-0.2,
        ),
        outcomes=_levels({"out_cx": 3.3, "out_performance": 3.3, "out_wellbeing": 3.5}),
        decisions={
            "new_products": DecisionTendency(everyone("management"), 0.7, should="joint"),
            "pricing": DecisionTendency(everyone("management"), 0.75, should="management"),
            "service_policy": DecisionTendency(everyone("service"), 0.7, should="service"),
            "satisfaction": DecisionTendency(everyone("service"), 0.55),
            "new_markets": DecisionTendency(everyone("management"), 0.8, should="management"),
            "promotion_budget": DecisionTendency(everyone("marketing"), 0.6),
            "lead_definition": DecisionTendency(everyone("sales"), 0.6),
            "key_accounts": DecisionTendency(everyone("sales"), 0.75, should="sales"),
            "messaging": DecisionTendency(everyone("marketing"), 0.65),
        },
        journey={
            "orientation": JourneyTendency(everyone("marketing"), 0.7, 3.3),
            "choice": JourneyTendency(everyone("sales"), 0.75, 3.3),
            "purchase": JourneyTendency(everyone("sales"), 0.85, 3.5),
            "onboarding": JourneyTendency(everyone("service"), 0.6, 3.1),
            "service": JourneyTendency(everyone("service"), 0.8, 3.4),
            "loyalty": JourneyTendency(everyone("sales"), 0.5, 3.0),
        },
        level_mix={"staff": 0.7, "manager": 0.2, "director": 0.1},
        typical_n=30,
    )


PROFILES: dict[str, OrganisationSpec] = {
    spec.name: spec for spec in (_default(), _conflict(), _integrated(), _small())
}


# ---------------------------------------------------------------- generation

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
    questions. Same ``seed``, same answers.
    """
    spec = PROFILES[profile] if isinstance(profile, str) else profile
    instrument = instrument if instrument is not None else load_instrument()
    if n < 0:
        raise ValueError("n must be at least 0")
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
        elif item.kind == "likert":
            columns[item.id] = _likert(item, latent_for, levels, spec, rng, n)
        elif item.kind == "choice":
            columns[item.id] = _choice(item, dept, spec, rng)
        else:
            columns[item.id] = _comments(item, spec, rng, n)
    return pd.DataFrame(columns)


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
    item: Item, spec: OrganisationSpec, rng: np.random.Generator, n: int
) -> npt.NDArray[np.object_]:
    pools = CHANGE if item.id == "open_change" else FRICTION
    rate = spec.comment_rate * (0.6 if item.id == "open_change" else 1.0)
    out = np.full(n, "", dtype=object)
    writes = np.flatnonzero(rng.random(n) < rate)
    dutch = rng.random(len(writes)) < spec.comment_nl_share
    for lang, chosen in (("nl", writes[dutch]), ("en", writes[~dutch])):
        pool = np.array(pools[lang], dtype=object)
        out[chosen] = pool[rng.integers(0, len(pool), len(chosen))]
    return out


def write_demo_csv(df: pd.DataFrame, out: TextIO | Path) -> None:
    """Write generated responses as the CSV that :func:`read_responses` reads."""
    write_csv(df, out)
