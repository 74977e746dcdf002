"""Exports for analysts and scan owners, each bound by the same anonymity rules as the report.

- :func:`aggregated_rows` / :func:`write_aggregated_csv`: every figure of the
  :class:`Result` in long format (section, subject, group, measure, value), ids rather
  than labels so the file is language-neutral. Withheld figures are simply absent.
- :func:`anonymised_responses` / :func:`anonymised_export`: the answers themselves, made
  safe to hand to an owner:

  * no respondent id, rows shuffled (so file order says nothing about who answered when);
  * department replaced by the displayed group of the result, ``level`` and ``tenure``
    blanked where a combination with the group is small, free-text profile answers
    dropped: decided by :mod:`tandem.privacy.microdata`;
  * open comments are not put on the rows at all (that would give them a profile), but
    exported separately, in the report's random order, and only when the result shows
    them, with the one attribute the result shows them by: their group (or pooled groups);
  * no row for a respondent the result withholds (a pool of small departments that
    stayed below k), and nothing at all when the result shows nothing (the whole scan
    is below k).

Every CSV goes through :func:`tandem.io.writers.write_csv`, which neutralises formulas.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.analysis.emphasis import certainty
from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.instrument.model import DONT_KNOW
from tandem.io.writers import write_csv
from tandem.privacy.groups import department_codes
from tandem.privacy.microdata import (
    DROPPED_PROFILE_TEXT,
    EVERYONE,
    QUASI_IDENTIFIERS,
    blanked_columns,
    row_groups,
)
from tandem.report.codebook import codebook_rows
from tandem.report.wording import questionnaire_words
from tandem.responses import LANGUAGE, ObjArray, ResponseSet

__all__ = [
    "AGGREGATED_COLUMNS",
    "AnonymisedColumns",
    "AnonymisedData",
    "aggregated_rows",
    "anonymise",
    "anonymised_columns",
    "anonymised_comments",
    "anonymised_export",
    "anonymised_responses",
    "write_aggregated_csv",
]

AGGREGATED_COLUMNS = ("section", "subject", "group", "measure", "value")

Row = dict[str, Any]


# ---------------------------------------------------------------- aggregated figures


def aggregated_rows(result: Result) -> Iterator[Row]:
    """Every figure of the result as (section, subject, group, measure, value) rows."""

    def row(section: str, subject: str, group: str, measure: str, value: Any) -> Row | None:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return None
        return dict(zip(AGGREGATED_COLUMNS, (section, subject, group, measure, value), strict=True))

    def rows(section: str, subject: str, group: str, values: dict[str, Any]) -> Iterator[Row]:
        for measure, value in values.items():
            r = row(section, subject, group, measure, value)
            if r is not None:
                yield r

    meta = result.meta
    yield from rows(
        "meta",
        meta.instrument,
        EVERYONE,
        {
            "instrument_version": meta.instrument_version,
            "form": meta.form,
            "n": meta.n,
            "k": meta.k,
            "comment_k": meta.comment_k,
        },
    )
    for info in meta.groups:
        yield from rows("group", info.id, info.id, {"n": info.n, "members": " ".join(info.members)})
    phase = result.phase
    if phase is not None:
        u = phase.uncertainty
        yield from rows(
            "phase",
            "ladder",
            EVERYONE,
            {
                "phase": phase.ladder.phase,
                "index_mean": phase.index.mean,
                "index_band": phase.index.band,
                "agree": phase.agree,
                "same_phase_share": u.same_phase if u else None,
                "same_phase_band": certainty(u.same_phase, u.resamples).band if u else None,
            },
        )
        for block in phase.blocks.values():
            yield from rows(
                "block", block.id, EVERYONE, {"score": block.score, "met": block.met, "n": block.n}
            )
        for gp in phase.by_group:
            if gp.suppressed or gp.distribution is None:
                continue
            values: dict[str, Any] = {"n": gp.n, "modal": gp.modal}
            values.update({f"share_phase_{p + 1}": s for p, s in enumerate(gp.distribution)})
            yield from rows("phase_group", "ladder", gp.group, values)
    for s in result.scales:
        rel = s.reliability
        yield from rows(
            "scale",
            s.id,
            EVERYONE,
            {
                "n": s.n,
                "score": s.score,
                "sd": s.sd,
                "ci_low": s.ci_low,
                "ci_high": s.ci_high,
                "tension": s.tension,
                "favourable": s.favourable,
                "unfavourable": s.unfavourable,
                "missing_rate": s.missing_rate,
                "rwg": s.rwg,
                "alpha": rel.alpha,
                "alpha_ci_low": rel.ci_low,
                "alpha_ci_high": rel.ci_high,
            },
        )
        for g in s.groups:
            if g.suppressed:
                continue
            yield from rows(
                "scale_group",
                s.id,
                g.group,
                {
                    "n": g.n,
                    "score": g.score,
                    "sd": g.sd,
                    "ci_low": g.ci_low,
                    "ci_high": g.ci_high,
                    "tension": g.tension,
                    "rwg": g.rwg,
                },
            )
        for item in s.items:
            yield from rows(
                "item",
                item.id,
                EVERYONE,
                {
                    "n": item.n,
                    "mean": item.mean,
                    "favourable": item.favourable,
                    "unfavourable": item.unfavourable,
                    "missing_rate": item.missing_rate,
                    "item_total": item.item_total,
                },
            )
    for gap in result.gaps:
        yield from rows(
            "gap",
            gap.scale,
            f"{gap.a}-{gap.b}",
            {
                "difference": gap.difference,
                "diff_ci_low": gap.diff_ci_low,
                "diff_ci_high": gap.diff_ci_high,
                "hedges_g": gap.hedges_g,
                "g_ci_low": gap.g_ci_low,
                "g_ci_high": gap.g_ci_high,
                "p": gap.p,
                "q": gap.q,
                "notable": gap.notable,
                "verdict": gap.verdict,
                "tier": gap.tier,
                "family": gap.family,
                "measure": gap.measure,
            },
        )
    for area in result.decision_rights:
        values = {"n": area.n, "modal": area.modal, "clarity": area.clarity}
        values.update({"contested": area.contested, "nobody": area.nobody})
        values.update({f"share_{c}": v for c, v in area.distribution.items()})
        yield from rows("decision", area.area, EVERYONE, values)
        choices = [*area.groups, *([area.should] if area.should else [])]
        for cg in choices:
            if cg.suppressed or cg.distribution is None:
                continue
            section = "decision_should" if cg is area.should else "decision_group"
            values = {"n": cg.n, "modal": cg.modal}
            values.update({f"share_{c}": v for c, v in cg.distribution.items()})
            yield from rows(section, area.area, cg.group, values)
    for stage in result.journey:
        values = {"n": stage.n, "owner": stage.owner, "clarity": stage.clarity}
        values.update({"unowned": stage.unowned, "consistency": stage.consistency})
        values["consistency_score"] = stage.consistency_score
        values.update({f"share_{c}": v for c, v in stage.distribution.items()})
        yield from rows("journey", stage.stage, EVERYONE, values)
        for cg in stage.groups:
            if cg.suppressed or cg.distribution is None:
                continue
            values = {"n": cg.n, "modal": cg.modal}
            values.update({f"share_{c}": v for c, v in cg.distribution.items()})
            yield from rows("journey_group", stage.stage, cg.group, values)
    if result.target is not None:
        target = result.target
        yield from rows(
            "target",
            "target",
            EVERYONE,
            {"phase": target.phase, "current": target.current, "urgency": target.urgency},
        )
    for step in result.roadmap:
        yield from rows(
            "roadmap",
            step.step,
            EVERYONE,
            {"rank": step.rank, "status": step.status, "priority": step.priority},
        )


def write_aggregated_csv(result: Result, out: TextIO | Path) -> None:
    """The aggregated figures as a long CSV (formula-safe, via ``write_csv``)."""
    write_csv(aggregated_rows(result), out, columns=AGGREGATED_COLUMNS)


# ---------------------------------------------------------------- anonymised answers


class AnonymisedData:
    """The anonymised rows, with notes on what was blanked and why."""

    def __init__(self, frame: pd.DataFrame, notes: dict[str, Text]) -> None:
        self.frame = frame
        self.notes = notes


NOTES = {
    "department": Text(
        "Vervangen door de groep zoals het rapport die toont; kleine afdelingen zijn "
        "samengevoegd tot 'pooled'.",
        "Replaced by the group as the report shows it; small departments are pooled into 'pooled'.",
    ),
    "blanked": Text(
        "Leeggemaakt: een combinatie van groep en deze vraag telt minder dan {k} respondenten.",
        "Blanked: a combination of group and this question holds fewer than {k} respondents.",
    ),
    "blanked_joint": Text(
        "Leeggemaakt: een combinatie van groep, functieniveau en deze vraag telt minder dan "
        "{k} respondenten.",
        "Blanked: a combination of group, level and this question holds fewer than {k} "
        "respondents.",
    ),
    "blanked_profile": Text(
        "Leeggemaakt: een combinatie van groep, de andere bewaarde profielvragen en deze "
        "telt minder dan {k} respondenten.",
        "Blanked: a combination of group, the other profile answers kept and this one "
        "holds fewer than {k} respondents.",
    ),
    "dropped_text": Text(
        "Weggelaten: vrije tekst over het profiel kan een persoon aanwijzen.",
        "Dropped: free text about the profile can point to a person.",
    ),
}


def anonymised_responses(
    responses: ResponseSet, result: Result, *, seed: int | None = None
) -> pd.DataFrame:
    """The answers, safe for owners (see the module docstring); empty when nothing is shown."""
    return anonymise(responses, result, seed=seed).frame


def anonymise(
    responses: ResponseSet,
    result: Result,
    *,
    seed: int | None = None,
    likert_codes: bool = False,
    language: bool = False,
) -> AnonymisedData:
    """:func:`anonymised_responses` with the notes on what was blanked or dropped.

    With ``likert_codes`` a Likert answer is its code as given ("1".."5", "dk" for don't
    know, None when empty) instead of a number; with ``language`` the respondents'
    languages are a column too, blanked like level and tenure when a combination with
    the group is small (the research export, :mod:`tandem.report.research`).
    """
    found = anonymised_columns(
        responses, result, seed=seed, likert_codes=likert_codes, language=language)
    if found is None:
        return AnonymisedData(pd.DataFrame(), {})
    frame = pd.DataFrame(found.columns).iloc[found.order].reset_index(drop=True)
    return AnonymisedData(frame, found.notes)


@dataclass(frozen=True)
class AnonymisedColumns:
    """:func:`anonymise`'s rows as columns in the respondents' order, with the shuffled
    order apart: row ``i`` of the file is respondent ``order[i]``. A caller that recodes
    every column (the research export) shuffles its own, smaller, columns, and no table
    of Python objects is built for 250,000 rows."""

    columns: dict[str, Any]  # in the file's order
    notes: dict[str, Text]
    order: npt.NDArray[np.intp]


def anonymised_columns(
    responses: ResponseSet,
    result: Result,
    *,
    seed: int | None = None,
    likert_codes: bool = False,
    language: bool = False,
) -> AnonymisedColumns | None:
    """The columns and order of :func:`anonymise`; None when the result shows nothing."""
    meta = result.meta
    if meta.n is None:
        return None
    withheld = result.withheld_groups()
    if withheld:  # a pool below k is in no figure, so not on the rows either
        responses = responses.subset(~np.isin(department_codes(responses.department), withheld))
    if responses.n != meta.n:
        raise ValueError(
            f"the result describes {meta.n} respondents but the responses hold {responses.n}: "
            "export the responses the result was computed from"
        )
    k = meta.k
    instrument = responses.instrument
    notes: dict[str, Text] = {"department": NOTES["department"]}
    groups = row_groups(responses.department, {g.id: g.members for g in meta.groups})
    columns: dict[str, Any] = {}
    order = [i.id for i in instrument.items]
    for item_id in order:
        if item_id == "department":
            columns[item_id] = groups
        elif item_id in responses.choices:
            columns[item_id] = responses.choices[item_id]
        elif item_id in responses.likert_ids and likert_codes:
            columns[item_id] = _likert_codes(responses, item_id)
        elif item_id in responses.likert_ids:
            values = responses.column(item_id)
            columns[item_id] = pd.array(
                [None if np.isnan(v) else int(v) for v in values], dtype="Int64"
            )
        elif item_id in responses.texts and item_id in DROPPED_PROFILE_TEXT:
            notes[item_id] = NOTES["dropped_text"]
    if language:
        columns[LANGUAGE] = responses.language_column()

    present = {n: np.asarray(columns[n], dtype=object) for n in QUASI_IDENTIFIERS
               if n in columns}
    for name, why in blanked_columns(groups, present, k).items():
        columns[name] = np.full(responses.n, None, dtype=object)
        notes[name] = NOTES[why].format(k=k)

    rng = np.random.default_rng(seed if seed is not None else _content_seed(responses))
    return AnonymisedColumns(columns, notes, rng.permutation(responses.n))


def _likert_codes(responses: ResponseSet, item_id: str) -> ObjArray:
    """A Likert item's answers as given: "1".."5", "dk", or None when empty."""
    # by the few distinct values, each text made once and shared by its cells (a text per
    # cell cost about a gigabyte at 250,000 respondents)
    numbers, distinct = pd.factorize(responses.column(item_id), use_na_sentinel=True)
    texts = np.empty(len(distinct) + 1, dtype=object)
    texts[: len(distinct)] = [str(int(v)) for v in distinct]
    texts[-1] = None  # number -1 (empty) picks the last
    codes: ObjArray = texts[numbers]
    codes[responses.dont_know(item_id)] = DONT_KNOW
    return codes


def _content_seed(responses: ResponseSet) -> int:
    """A seed from the answers in their original order: the same data give the same file,
    yet the seed cannot be recomputed from the shuffled file to undo the shuffle."""
    digest = hashlib.sha256(np.ascontiguousarray(responses.likert).tobytes())
    for key in sorted(responses.choices):
        digest.update("\x1f".join(map(str, responses.choices[key].tolist())).encode())
    return int.from_bytes(digest.digest()[:8])


def anonymised_comments(result: Result) -> pd.DataFrame:
    """The open answers the result shows, in its random order, with no link to any row;
    ``groups``: the group they come from, or the groups pooled for them (``+``)."""
    rows = [
        {"question": c.question, "groups": "+".join(c.groups), "text": text}
        for c in result.comments
        if c.shown
        for text in c.texts
    ]
    return pd.DataFrame(rows, columns=["question", "groups", "text"])


README = Text(
    "Geanonimiseerde antwoorden van de Tandem Scan\n\n"
    "data.csv: één rij per respondent, in willekeurige volgorde, zonder respondentnummer.\n"
    "codebook.csv: wat elke kolom betekent; de kolom 'note' zegt wat is aangepast.\n"
    "comments.csv: de open antwoorden die het rapport toont, los van de rijen, met de groep "
    "(of samengevoegde groepen) waaronder het rapport ze toont.\n\n"
    "Vragenlijst: {questionnaire}.\n"
    "Anonimiteitsdrempel: {k} respondenten.\n{notes}",
    "Anonymised answers of the Tandem Scan\n\n"
    "data.csv: one row per respondent, in random order, without respondent id.\n"
    "codebook.csv: what each column means; the 'note' column says what was changed.\n"
    "comments.csv: the open answers the report shows, apart from the rows, with the group "
    "(or pooled groups) the report shows them under.\n\n"
    "Questionnaire: {questionnaire}.\n"
    "Anonymity threshold: {k} respondents.\n{notes}",
)
README_EMPTY = Text(
    "Te weinig respondenten: om de anonimiteit te beschermen bevat deze export geen gegevens.\n",
    "Too few respondents: to protect anonymity this export contains no data.\n",
)


def anonymised_export(
    responses: ResponseSet, result: Result, lang: str = "nl", *, seed: int | None = None
) -> bytes:
    """A zip with data.csv, codebook.csv, comments.csv (when shown) and README.txt."""
    data = anonymise(responses, result, seed=seed)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if data.frame.empty:
            archive.writestr("README.txt", README_EMPTY(lang))
        else:
            _write_bundle(archive, data, responses, result, lang)
    return out.getvalue()


def _write_bundle(
    archive: zipfile.ZipFile,
    data: AnonymisedData,
    responses: ResponseSet,
    result: Result,
    lang: str,
) -> None:
    """data.csv, codebook.csv (with notes), comments.csv when shown, README.txt."""
    archive.writestr("data.csv", _csv(data.frame))
    rows = codebook_rows(responses.instrument, responses.form, lang=lang)
    codebook = [
        {**row, "note": data.notes[row["id"]](lang) if row["id"] in data.notes else ""}
        for row in rows
        if row["id"] in data.frame.columns or row["id"] in data.notes
    ]
    archive.writestr("codebook.csv", _csv(codebook, columns=list(codebook[0])))
    comments = anonymised_comments(result)
    if not comments.empty:
        archive.writestr("comments.csv", _csv(comments))
    lines = "\n".join(f"- {column}: {note(lang)}" for column, note in data.notes.items())
    archive.writestr("README.txt", README(lang).format(
        k=result.meta.k, notes=lines, questionnaire=questionnaire_words(result, lang)) + "\n")


def _csv(data: pd.DataFrame | list[dict[str, str]], columns: list[str] | None = None) -> str:
    stream = io.StringIO()
    write_csv(data, stream, columns=columns, bom=True)
    return stream.getvalue()
