"""The research pool: many organisations' research exports in one labelled file.

Each scan's rows are exactly its one-scan research export (:func:`.data.research_data`
on the scan's answers and what its result shows: the anonymised answers, only
respondents in groups that reach the scan's threshold k, none when the scan is below k),
so the variables, their labels, value labels and codes are the same. Three variables
describe the organisation: ``sector``, ``size_band`` (its number of employees) and
``month`` (the month the scan closed: the finest time the pool holds). The codebook is
the one-scan codebook with the pool's rules (:data:`RULES`) added.

The pool is made member by member (:func:`member_frame`), so the CSV can be streamed
(:func:`pool_zip`); SPSS and Stata files are written whole from the joined rows with
the one-scan writers (:mod:`.files`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from tandem.context import EMPLOYEE_BANDS, SECTORS, context_field
from tandem.contract.result import Result
from tandem.i18n import Text, parse_lang
from tandem.instrument.model import Instrument
from tandem.io.zipstream import zip_stream
from tandem.report.exports import NOTES
from tandem.report.research.codebook import codebook_json, codebook_markdown
from tandem.report.research.data import (
    DEPARTMENT,
    ORGANISATION,
    ResearchData,
    Variable,
    item_variable,
    origin_variables,
    research_data,
)
from tandem.report.research.files import FORMATS, csv, written_chunks
from tandem.responses import LANGUAGE, ResponseSet

SECTOR = "sector"
SIZE_BAND = "size_band"
MONTH = "month"
#: Variables describing the organisation, after the origin variables.
ORGANISATION_VARIABLES = (SECTOR, SIZE_BAND, MONTH)
#: Rows the CSV writer is given at once (a few MB of CSV; a batch leaves as it is done).
CSV_BATCH_ROWS = 2000
#: Profile variables blanked per scan where a combination with the group is below k.
BLANKABLE = ("level", "tenure", LANGUAGE)

LABELS = {
    SECTOR: Text("Sector van de organisatie", "The organisation's sector"),
    SIZE_BAND: Text("Aantal medewerkers van de organisatie (klasse)",
                    "The organisation's number of employees (band)"),
    MONTH: Text("Maand waarin de scan sloot (JJJJ-MM)", "Month the scan closed (YYYY-MM)"),
}
BLANKED = Text(
    "Per organisatie leeggemaakt waar een combinatie met de groep minder respondenten telt "
    "dan de drempel k van die scan (zoals in de export van één scan).",
    "Blanked in an organisation's rows where a combination with the group holds fewer "
    "respondents than that scan's threshold k (as in the one-scan export).",
)
UNKNOWN_CONTEXT = Text("Leeg wanneer de organisatie het niet heeft opgegeven.",
                       "Empty where the organisation did not give it.")

#: What the pool holds and leaves out, in its codebook and in docs/research.md.
RULES: tuple[Text, ...] = (
    Text("Alleen organisaties waarvan de eigenaar toestemming gaf voor onderzoek, op het "
         "moment dat de pool werd gemaakt. Een organisatie die haar toestemming intrekt, zit "
         "in geen enkele latere pool; een eerder gemaakte pool houdt wat hij had.",
         "Only organisations whose owner consented to research when the pool was made. An "
         "organisation that revokes its consent is in no later pool; a pool made before "
         "keeps what it held."),
    Text("Alleen gesloten scans waarvan de antwoorden nog bewaard zijn (niet na de "
         "bewaartermijn verwijderd).",
         "Only closed scans whose answers are still kept (not deleted after the retention "
         "period)."),
    Text("Per scan precies de rijen van zijn onderzoeksexport: alleen respondenten in groepen "
         "die de anonimiteitsdrempel k van de scan halen (kleine afdelingen samengevoegd, een "
         "samenvoeging die onder k blijft weggelaten, een scan onder k helemaal niet).",
         "Per scan exactly the rows of its research export: only respondents in groups that "
         "reach the scan's anonymity threshold k (small departments pooled, a pool still "
         "below k left out, a scan below k not at all)."),
    Text("`organisation` is een willekeurige code die de organisatie bij haar eerste "
         "toestemming kreeg: in elke pool dezelfde, niet afgeleid van naam, nummer of slug, "
         "en anders dan de code in de export die de eigenaar zelf downloadt.",
         "`organisation` is a random code the organisation got at its first consent: the "
         "same in every pool, not derived from its name, id or slug, and different from "
         "the code in the export its owner downloads."),
    Text("`wave` is de plaats van de scan onder de gesloten scans van de organisatie (1 = "
         "de eerste).",
         "`wave` is the scan's place among its organisation's closed scans (1 = the first)."),
    Text("De rijen staan per organisatiecode en meetronde bij elkaar, binnen een scan in "
         "willekeurige volgorde.",
         "Rows are grouped by organisation code and wave, in random order within a scan."),
    Text("Nooit opmerkingen, open antwoorden of andere vrije tekst, e-mailadressen of namen; "
         "de enige tijd is de maand waarin de scan sloot.",
         "Never comments, open answers or other free text, e-mail addresses or names; the "
         "only time is the month the scan closed."),
)

T = {
    "pool": Text("De pool", "The pool"),
    "organisations": Text("Organisaties", "Organisations"),
    "scans": Text("Scans", "Scans"),
    "made": Text("Gemaakt op", "Made on"),
    "k": Text("Elke scan met zijn eigen drempel k; de laagste in deze pool is {k}.",
              "Each scan with its own threshold k; the lowest in this pool is {k}."),
}


@dataclass(frozen=True)
class Member:
    """One closed scan in the pool and what the pool says of its organisation."""

    responses: ResponseSet
    result: Result  # what the scan's result shows (tandem.analysis.publication)
    organisation: str  # the pseudonymous code
    wave: int
    sector: str | None
    size_band: str | None
    month: str  # YYYY-MM


@dataclass(frozen=True)
class PoolSummary:
    """What the codebook says of the pool as made: organisations, scans, rows."""

    organisations: int
    scans: int
    rows: int
    made_on: str  # YYYY-MM-DD


@dataclass
class PoolTally:
    """Who is in the pool, counted while its rows go by (for the codebook at the end)."""

    organisations: set[str] = field(default_factory=set)
    scans: int = 0
    rows: int = 0

    def count(self, frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for frame in frames:
            if len(frame):
                self.organisations.add(str(frame[ORGANISATION].iloc[0]))
                self.scans += 1
                self.rows += len(frame)
                yield frame

    def summary(self, made_on: str) -> PoolSummary:
        return PoolSummary(len(self.organisations), self.scans, self.rows, made_on)


def pool_layout(instruments: Sequence[Instrument], lang: str, *, k: int,
                forms: Sequence[str] = ("full",)) -> ResearchData:
    """The pool's variables (no rows): origin, organisation, then every coded question of
    ``instruments`` (the versions in the pool, oldest first) once. Refuses versions that
    code the same question differently: their rows could not share a column."""
    lang = parse_lang(lang)
    if not instruments:
        raise ValueError("a pool needs at least one instrument version")
    variables: dict[str, Variable] = {v.name: v for v in origin_variables(
        lang, BLANKED(lang))}
    variables |= {v.name: v for v in _organisation_variables(lang)}
    for instrument in instruments:
        for item in instrument.items:
            if item.options is None:  # free text: never in any export
                continue
            variable = item_variable(item, lang, _note(item.id, lang))
            known = variables.setdefault(item.id, variable)
            if (known.values, known.missing) != (variable.values, variable.missing):
                raise ValueError(f"{item.id!r} is coded differently in {instrument.key}: "
                                 "pool the versions separately")
    frame = pd.DataFrame({name: pd.Series(dtype=_dtype(v)) for name, v in variables.items()})
    return ResearchData(frame, tuple(variables.values()), lang, instruments[-1],
                        ", ".join(sorted(set(forms))), k)


def member_frame(member: Member, layout: ResearchData) -> pd.DataFrame | None:
    """The member's rows in the pool's columns (a question it did not ask is empty), or
    None when its result shows nothing."""
    data = research_data(member.responses, member.result, lang=layout.lang,
                         organisation=member.organisation, wave=member.wave)
    if data is None:
        return None
    pooled = {v.name: v for v in layout.variables}
    for variable in data.variables:
        known = pooled.get(variable.name)
        if known is None or (known.values, known.missing) != (variable.values,
                                                                variable.missing):
            raise ValueError(f"{variable.name!r} of {data.instrument.key} does not fit the "
                             "pool's layout: make the layout from every version in the pool")
    frame = data.frame
    n = len(frame)
    frame[SECTOR] = np.full(n, _code(member.sector, SECTORS))
    frame[SIZE_BAND] = np.full(n, _code(member.size_band, EMPLOYEE_BANDS))
    frame[MONTH] = [member.month] * n
    return frame.reindex(columns=list(pooled))


def pool_data(layout: ResearchData, frames: Iterable[pd.DataFrame]) -> ResearchData:
    """The pool as one :class:`ResearchData` (for the SPSS and Stata writers). The
    members' columns already have the layout's types, so joining them is the only copy."""
    parts = [f for f in frames if len(f)]
    frame = pd.concat(parts, ignore_index=True) if parts else layout.frame
    return dataclasses.replace(layout, frame=frame)


#: What a pool is made from: its layout and its members' rows, asked for once the ZIP
#: has begun (so the download starts before the pool's members are even looked up).
Source = Callable[[], tuple[ResearchData, Iterable[pd.DataFrame]]]


def pool_zip(source: Source, fmt: str, *, made_on: str,
             tally: PoolTally | None = None) -> Iterator[bytes]:
    """The pool as a ZIP (``data.<fmt>``, ``codebook.md``, ``codebook.json``), handed out
    as it is written: CSV rows leave a batch of members at a time; SPSS and Stata are
    written whole (their headers hold the number of rows), then zipped. ``tally`` counts
    who is in it, for the caller too."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown research export format {fmt!r}: use sav, dta or csv")
    tally = tally if tally is not None else PoolTally()
    made: list[ResearchData] = []

    def data() -> Iterator[bytes]:
        layout, frames = source()
        made.append(layout)
        if fmt == "csv":
            yield from _csv_chunks(layout, tally.count(frames))
        else:
            yield from written_chunks(pool_data(layout, tally.count(frames)), fmt)

    def codebook(kind: str) -> Iterator[bytes]:
        markdown, book = pool_codebook(made[0], fmt, tally.summary(made_on))
        yield (markdown if kind == "md" else book).encode()

    return zip_stream([(f"data.{fmt}", data()), ("codebook.md", codebook("md")),
                       ("codebook.json", codebook("json"))])


def pool_codebook(layout: ResearchData, fmt: str, summary: PoolSummary) -> tuple[str, str]:
    """The one-scan codebook of the pool's variables, with the pool and its rules:
    Markdown and JSON."""
    lang = layout.lang
    described = dataclasses.replace(layout, frame=pd.DataFrame(index=pd.RangeIndex(
        summary.rows)))
    rules = [rule(lang) for rule in RULES] + [T["k"](lang).format(k=layout.k)]
    markdown = codebook_markdown(described, fmt).rstrip("\n") + "\n\n" + "\n".join([
        f"## {T['pool'](lang)}", "",
        f"- {T['organisations'](lang)}: {summary.organisations}",
        f"- {T['scans'](lang)}: {summary.scans}",
        f"- {T['made'](lang)}: {summary.made_on}", "",
        *(f"- {rule}" for rule in rules), ""])
    book: dict[str, Any] = codebook_json(described, fmt)
    book["pool"] = {"organisations": summary.organisations, "scans": summary.scans,
                    "rows": summary.rows, "made_on": summary.made_on, "rules": rules}
    return markdown, json.dumps(book, ensure_ascii=False, indent=2) + "\n"


def _csv_chunks(layout: ResearchData, frames: Iterable[pd.DataFrame]) -> Iterator[bytes]:
    """The one-scan CSV writer on batches of members (its header, with the BOM, once):
    batches of about CSV_BATCH_ROWS rows spare the writer's fixed cost per call."""
    header = True
    batch: list[pd.DataFrame] = []

    def written() -> bytes:
        nonlocal header
        body = csv(dataclasses.replace(layout, frame=pd.concat(batch, ignore_index=True)))
        batch.clear()
        out, header = (body if header else body[body.index(b"\n") + 1:]), False
        return out

    for frame in frames:
        batch.append(frame)
        if sum(len(f) for f in batch) >= CSV_BATCH_ROWS:
            yield written()
    if batch:
        yield written()
    if header:  # nobody in the pool: the header alone
        yield csv(layout)


def _organisation_variables(lang: str) -> tuple[Variable, ...]:
    def coded(name: str, key: str) -> Variable:
        values = {i: c.label(lang) for i, c in enumerate(context_field(key).choices, start=1)}
        return Variable(name, LABELS[name](lang), "coded",
                        "ordinal" if name == SIZE_BAND else "nominal", values, {},
                        value_set=name, note=UNKNOWN_CONTEXT(lang))

    return (coded(SECTOR, "sector"), coded(SIZE_BAND, "employees"),
            Variable(MONTH, LABELS[MONTH](lang), "text", "ordinal", {}, {}))


def _note(name: str, lang: str) -> str:
    if name == DEPARTMENT:
        return NOTES["department"](lang)
    return BLANKED(lang) if name in BLANKABLE else ""


def _code(value: str | None, codes: Sequence[str]) -> float:
    return float(codes.index(value) + 1) if value in codes else np.nan


def _dtype(variable: Variable) -> str:
    return "object" if variable.kind == "text" else "float64"


__all__ = [
    "MONTH",
    "ORGANISATION_VARIABLES",
    "RULES",
    "SECTOR",
    "SIZE_BAND",
    "Member",
    "PoolSummary",
    "PoolTally",
    "member_frame",
    "pool_codebook",
    "pool_data",
    "pool_layout",
    "pool_zip",
]
