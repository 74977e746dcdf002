"""Reading one CRM export into funnel records, all or nothing, with a report of what
was recognised: the export kind, each column and what Tandem read from it, the stage
values and what they count as, and every problem by file, row and column.

The file itself is read by the same code as an answer file
(:func:`tandem.io.responses.reading.read_records`: CSV with any separator, UTF-8,
UTF-16 or Windows-1252, or the first sheet of a workbook, behind the same safety
limits), and problems are collected the same way (:class:`~tandem.io.responses.report.Report`,
a spreadsheet's row numbers: header = row 1).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from tandem.i18n import Text
from tandem.io.crm.formats import (
    BY_NAME,
    KINDS,
    LIFECYCLE,
    LOST_STAGES,
    PERSONAL,
    STATUS_FIELDS,
    WON_STAGES,
    ExportKind,
    Field,
    entered_stage,
)
from tandem.io.crm.records import (
    LEAD,
    MQL,
    OPPORTUNITY,
    SQL,
    STAGES,
    WON,
    Deal,
    FunnelData,
    Lead,
    Outcome,
    StageChange,
)
from tandem.io.crm.values import (
    BadValueError,
    date_order,
    parse_amount,
    parse_bool,
    parse_datetime,
    pseudonym,
    record_id,
)
from tandem.io.responses.reading import read_records
from tandem.io.responses.report import HeadingMatch, Notice, Report, column_letter
from tandem.io.responses.sources import key
from tandem.io.safety import RESPONSE_FILE_LIMITS, FileLimits
from tandem.responses import Problem

# How a column was recognised (HeadingMatch.method)
BY_NAME_METHOD = "internal name"
BY_LABEL = "label"
ENTERED = "date entered"
PERSONAL_METHOD = "personal"
IGNORED = "ignored"
DUPLICATE = "duplicate"

_KNOWN = frozenset(key(h) for kind in KINDS for f in kind.fields for h in (*f.names, *f.labels))


@dataclass(frozen=True)
class ValueCount:
    field: str  # the field the values are in (stage, source, field)
    value: str  # as written
    meaning: str  # what it counts as: a funnel stage, won / lost / open, status; "" unused
    count: int


@dataclass
class CrmReport:
    """What reading the file did; ``problems`` empty means it can be imported."""

    file: str
    kind: str  # an ExportKind name, "" when it could not be told
    detected: bool
    headings: list[HeadingMatch] = field(default_factory=list)
    values: list[ValueCount] = field(default_factory=list)
    rows: int = 0  # data rows read (empty rows left out)
    records: int = 0  # leads, deals or stage changes made from them
    notices: list[Notice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class CrmImport:
    report: CrmReport
    data: FunnelData | None  # None when the report has problems: nothing is read


def read_crm(path: Path | str, salt: bytes, *, kind: str | None = None,
             limits: FileLimits = RESPONSE_FILE_LIMITS) -> CrmImport:
    """Read a CRM export (``kind`` an :data:`~tandem.io.crm.formats.KINDS` name, or
    detected); never raises for bad data: the problems are in the report."""
    path = Path(path)
    report = Report()
    chosen = BY_NAME.get(kind or "")
    records = read_records(path, report, lambda h: key(h) in _KNOWN, limits)
    header = [c.strip() for c in records[0]] if records else []
    while header and not header[-1]:
        header.pop()
    if records is not None and not header and not report.problems:
        report.add(Text("geen kopregel: rij 1 is leeg; daar moeten de kolommen staan",
                        "no header row: row 1 is empty; it must name the columns"), row=1)
    if chosen is None and header:
        chosen = detect(header)
        if chosen is None:
            report.add(Text(
                "niet te zien welke export dit is: verwacht HubSpot-contacten of -deals, of "
                "Salesforce-leads, -opportunities, OpportunityHistory of LeadHistory (kies "
                "de soort bij het uploaden)",
                "cannot tell which export this is: expected HubSpot contacts or deals, "
                "or Salesforce leads, opportunities, OpportunityHistory or LeadHistory "
                "(choose the kind when uploading)"), row=1)
    summary = CrmReport(file=path.name, kind=chosen.name if chosen else "",
                        detected=kind is None)
    data = None
    if records is not None and chosen is not None and not report.problems:
        data = _convert(records, header, chosen, salt, report, summary)
    summary.problems = list(report.problems)
    return CrmImport(summary, data if not report.problems else None)


def detect(header: list[str]) -> ExportKind | None:
    """The export kind whose required columns the header has and that it resembles
    most (its telltale columns first); None when none fits or two fit equally."""
    keys = {key(h) for h in header}
    scored: list[tuple[tuple[int, int], ExportKind]] = []
    for kind in KINDS:
        found = [f for f in kind.fields if keys & {key(n) for n in (*f.names, *f.labels)}]
        if not all(f in found for f in kind.fields if f.required):
            continue
        telltales = sum(1 for t in kind.telltales if key(t) in keys)
        scored.append(((telltales, len(found)), kind))
    if not scored:
        return None
    best = max(score for score, _ in scored)
    winners = [k for score, k in scored if score == best]
    return winners[0] if len(winners) == 1 else None


def _match(kind: ExportKind, heading: str) -> tuple[Field, str] | None:
    k = key(heading)
    for method, names in ((BY_NAME_METHOD, "names"), (BY_LABEL, "labels")):
        for f in kind.fields:
            if k in {key(n) for n in getattr(f, names)}:
                return f, method
    return None


@dataclass
class _Columns:
    """The recognised columns of the file: field -> position, and entered stages."""

    fields: dict[str, int] = field(default_factory=dict)
    entered: dict[int, str] = field(default_factory=dict)  # position -> deal stage


def _plan(header: list[str], kind: ExportKind, report: Report,
          summary: CrmReport) -> _Columns:
    columns = _Columns()
    for pos, heading in enumerate(header):
        letter = column_letter(pos)
        found = _match(kind, heading)
        stage = entered_stage(heading) if kind.name == "hubspot_deals" else None
        if found is not None:
            f, method = found
            if f.name in columns.fields:
                first = column_letter(columns.fields[f.name])
                summary.headings.append(HeadingMatch(letter, heading, f.name, DUPLICATE))
                summary.notices.append(Notice.of(Text(
                    f"kolom {letter} bevat hetzelfde als kolom {first} ({f.name}); kolom "
                    f"{first} wordt gelezen",
                    f"column {letter} holds the same as column {first} ({f.name}); column "
                    f"{first} is read")))
                continue
            columns.fields[f.name] = pos
            summary.headings.append(HeadingMatch(letter, heading, f.name, method))
        elif stage is not None:
            columns.entered[pos] = stage
            summary.headings.append(HeadingMatch(letter, heading, stage, ENTERED))
        elif key(heading) in PERSONAL:
            summary.headings.append(HeadingMatch(letter, heading, None, PERSONAL_METHOD))
        else:
            summary.headings.append(HeadingMatch(letter, heading, None, IGNORED))
    for f in kind.fields:
        if f.required and f.name not in columns.fields:
            names = ", ".join(repr(n) for n in (*f.labels, *f.names))
            report.add(Text(f"geen kolom voor {f.name!r}: een export van {kind.title.nl} "
                            f"noemt haar {names}",
                            f"no column for {f.name!r}: a {kind.title.en} export names it "
                            f"{names}"), row=1)
    return columns


class _Cells:
    """The parsed cells of the recognised columns, problems reported per column."""

    def __init__(self, body: list[list[str]], rows: list[int], header: list[str],
                 report: Report) -> None:
        self.body, self.rows, self.header, self.report = body, rows, header, report

    def raw(self, pos: int) -> list[str]:
        return [cells[pos].strip() if pos < len(cells) else "" for cells in self.body]

    def parsed(self, pos: int, parse: Callable[[str], Any]) -> list[Any]:
        out: list[Any] = []
        bad_rows: list[int] = []
        bad: list[Text] = []
        for row, cell in zip(self.rows, self.raw(pos), strict=True):
            try:
                out.append(parse(cell))
            except BadValueError as exc:
                out.append(None)
                bad_rows.append(row)
                bad.append(exc.text)
        self.report.rows(self.header[pos], bad_rows, lambda i: bad[i])
        return out

    def dates(self, pos: int) -> list[datetime | None]:
        order = date_order(self.raw(pos))
        return self.parsed(pos, lambda cell: parse_datetime(cell, order))


def _convert(records: list[list[str]], header: list[str], kind: ExportKind, salt: bytes,
             report: Report, summary: CrmReport) -> FunnelData | None:
    columns = _plan(header, kind, report, summary)
    if report.problems:
        return None
    width = len(header)
    body: list[list[str]] = []
    rows: list[int] = []
    for number, record in enumerate(records[1:], start=2):
        if any(c.strip() for c in record):
            body.append(list(record))
            rows.append(number)
    beyond = [r for r, record in zip(rows, body, strict=True)
              if any(c.strip() for c in record[width:])]
    letter = column_letter(width - 1)
    report.rows(None, beyond,
                Text(f"de rij heeft waarden rechts van de laatste benoemde kolom {letter}",
                     f"row has values to the right of the last named column {letter}"),
                what=Text("rijen met waarden buiten de benoemde kolommen",
                          "rows with values outside the named columns"))
    summary.rows = len(body)
    if not body:
        report.add(Text("het bestand heeft een kopregel maar geen rijen",
                        "the file has a header but no rows"))
        return None
    cells = _Cells(body, rows, header, report)
    values: dict[str, list[Any]] = {}
    for name, pos in columns.fields.items():
        f = kind.field(name)
        assert f is not None
        values[name] = _column(f, pos, cells, report)
    entered = {stage: cells.dates(pos) for pos, stage in columns.entered.items()}
    if kind.record in ("lead", "deal"):
        _refuse_repeated_ids(values["id"], rows, header[columns.fields["id"]], report)
    if report.problems:
        return None
    build = _BUILDERS[kind.record]
    data = build(kind, values, entered, len(body), salt, summary)
    summary.records = len(data.leads) + len(data.deals) + len(data.changes)
    return None if report.problems else data


def _column(f: Field, pos: int, cells: _Cells, report: Report) -> list[Any]:
    out: list[Any]
    if f.kind == "datetime":
        out = cells.dates(pos)
    elif f.kind == "bool":
        out = cells.parsed(pos, parse_bool)
    elif f.kind == "amount":
        out = cells.parsed(pos, parse_amount)
    elif f.kind == "id":
        out = [record_id(c) for c in cells.raw(pos)]
    else:
        out = cells.raw(pos)
    if f.required:
        missing = [row for row, v in zip(cells.rows, out, strict=True) if v in (None, "")]
        report.rows(cells.header[pos], missing,
                    Text(f"leeg: elke rij heeft een {f.name} nodig",
                         f"empty: every row needs its {f.name}"))
    return out


def _refuse_repeated_ids(ids: list[str], rows: list[int], heading: str,
                         report: Report) -> None:
    first: dict[str, int] = {}
    repeated: list[int] = []
    earlier: list[int] = []
    for row, value in zip(rows, ids, strict=True):
        if not value:
            continue
        if value in first:
            repeated.append(row)
            earlier.append(first[value])
        else:
            first[value] = row
    report.rows(heading, repeated,
                lambda i: Text(
                    f"hetzelfde record als rij {earlier[i]}: elk record één keer (is dit een "
                    "export van de geschiedenis? kies de soort bij het uploaden)",
                    f"the same record as row {earlier[i]}: each record once (is this a "
                    "history export? choose its kind when uploading)"))


def _get(values: dict[str, list[Any]], name: str, i: int) -> Any:
    column = values.get(name)
    return None if column is None else column[i]


def _count(summary: CrmReport, name: str, pairs: list[tuple[str, str]]) -> None:
    for (value, meaning), count in Counter(pairs).items():
        if value:
            summary.values.append(ValueCount(name, value, meaning, count))


def _leads(kind: ExportKind, values: dict[str, list[Any]], entered: dict[str, list[Any]],
           n: int, salt: bytes, summary: CrmReport) -> FunnelData:
    hubspot = kind.tool == "hubspot"
    namespace = "hubspot:contact" if hubspot else "salesforce:lead"
    leads: list[Lead] = []
    stage_meanings: list[tuple[str, str]] = []
    for i in range(n):
        created = _get(values, "created", i)
        stage = _get(values, "stage", i) or ""
        owner = _get(values, "owner", i) or ""
        if hubspot:
            dates = {s: _get(values, s, i) for s in ("mql", "sql", "opportunity", "won")}
            level = LIFECYCLE.get(key(stage), LEAD) if stage else LEAD
            stage_meanings.append((stage, STAGES[level] if key(stage) in LIFECYCLE else ""))
            deal_key = ""
        else:
            converted_on = _get(values, "converted_date", i)
            converted = bool(_get(values, "converted", i)) or converted_on is not None
            opportunity_id = _get(values, "converted_opportunity", i) or ""
            dates = {"mql": created, "sql": converted_on if converted else None,
                     "opportunity": converted_on if converted and opportunity_id else None,
                     "won": None}
            level = max(MQL, SQL if converted else MQL, OPPORTUNITY if opportunity_id else MQL)
            stage_meanings.append((stage, ""))
            deal_key = (pseudonym(salt, "salesforce:opportunity", opportunity_id)
                        if opportunity_id else "")
        for position, name in ((MQL, "mql"), (SQL, "sql"), (OPPORTUNITY, "opportunity"),
                               (WON, "won")):
            if dates.get(name) is not None:
                level = max(level, position)
        leads.append(Lead(
            source=kind.tool, key=pseudonym(salt, namespace, values["id"][i]), created=created,
            mql=dates["mql"], sql=dates["sql"], opportunity=dates["opportunity"],
            won=dates["won"], first_touch=_get(values, "first_touch", i), reached=level,
            deal_key=deal_key, owner=pseudonym(salt, "owner", owner) if owner else ""))
    _count(summary, "stage", stage_meanings)
    _count(summary, "source", [(v, "") for v in values.get("source", [])])
    unknown = sorted({v for v, meaning in stage_meanings if v and not meaning})
    if hubspot and unknown:
        stages = ", ".join(repr(u) for u in unknown[:10])
        summary.notices.append(Notice.of(Text(
            f"levensfasen die Tandem niet kent tellen alleen met hun datums: {stages}",
            f"lifecycle stages Tandem does not know count by their dates only: {stages}"),
            kind="stage"))
    if hubspot and "mql" not in values:
        summary.notices.append(Notice.of(Text(
            "geen kolom 'Became a Marketing Qualified Lead Date': de MQL-cijfers blijven leeg "
            "voor deze contacten",
            "no 'Became a Marketing Qualified Lead Date' column: MQL figures stay empty for "
            "these contacts"), kind="mql"))
    return FunnelData(leads=tuple(leads))


def _outcome(stage: str, won: bool | None, closed: bool | None, lost: bool | None) -> Outcome:
    if won:
        return "won"
    if lost or (closed and won is False):
        return "lost"
    if key(stage) in WON_STAGES:
        return "won"
    if key(stage) in LOST_STAGES or closed:
        return "lost"
    return "open"


def _deals(kind: ExportKind, values: dict[str, list[Any]], entered: dict[str, list[Any]],
           n: int, salt: bytes, summary: CrmReport) -> FunnelData:
    namespace = "hubspot:deal" if kind.tool == "hubspot" else "salesforce:opportunity"
    deals: list[Deal] = []
    changes: list[StageChange] = []
    meanings: list[tuple[str, str]] = []
    undated: list[int] = []
    for i in range(n):
        stage = _get(values, "stage", i) or ""
        outcome = _outcome(stage, _get(values, "is_won", i), _get(values, "is_closed", i),
                           _get(values, "is_lost", i))
        meanings.append((stage, outcome))
        closed = _get(values, "closed", i) if outcome != "open" else None
        if outcome != "open" and closed is None:
            undated.append(i)
        record = pseudonym(salt, namespace, values["id"][i])
        owner = _get(values, "owner", i) or ""
        deals.append(Deal(
            source=kind.tool, key=record, created=values["created"][i], closed=closed,
            outcome=outcome, amount=_get(values, "amount", i),
            pipeline=(_get(values, "pipeline", i) or "")[:100],
            owner=pseudonym(salt, "owner", owner) if owner else ""))
        changes += [StageChange(kind.tool, "deal", record, stage_name, at[i])
                    for stage_name, at in entered.items() if at[i] is not None]
    _count(summary, "stage", meanings)
    _count(summary, "source", [(v, "") for v in values.get("source", [])])
    if undated:
        n = len(undated)
        summary.notices.append(Notice.of(Text(
            f"{n} gesloten deal(s) zonder sluitdatum blijven buiten het winstpercentage",
            f"{n} closed deal(s) without a close date are left out of the win rate"),
            kind="undated"))
    return FunnelData(deals=tuple(deals), changes=tuple(changes))


def _history(kind: ExportKind, values: dict[str, list[Any]], entered: dict[str, list[Any]],
             n: int, salt: bytes, summary: CrmReport) -> FunnelData:
    if kind.record == "deal_history":
        changes = [StageChange("salesforce", "deal",
                               pseudonym(salt, "salesforce:opportunity", values["id"][i]),
                               values["stage"][i], values["at"][i]) for i in range(n)]
        _count(summary, "stage", [(v, "") for v in values["stage"]])
    else:
        status = [key(v) in STATUS_FIELDS for v in values["field"]]
        changes = [StageChange("salesforce", "lead",
                               pseudonym(salt, "salesforce:lead", values["id"][i]),
                               "status", values["at"][i]) for i in range(n) if status[i]]
        _count(summary, "field", [(v, "status" if s else "")
                                  for v, s in zip(values["field"], status, strict=True)])
    return FunnelData(changes=tuple(changes))


_BUILDERS: dict[str, Callable[..., FunnelData]] = {
    "lead": _leads, "deal": _deals, "deal_history": _history, "lead_history": _history,
}
