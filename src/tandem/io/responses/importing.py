"""Reading the response exports of other survey tools (and Tandem's own, for inspect).

The tool is detected from the file (:mod:`.sources`) or named; its header rows become
one heading per column, matched to questions (:class:`.headers.QuestionMatcher`); each
answer is recoded to Tandem's codes (:class:`.recoding.AnswerLabels`); the recoded rows
then pass the same validation and assembly as a file in Tandem's format. What was done
is kept in an :class:`.report.ImportReport` (``tandem inspect``, the web's check before
an import is committed). All or nothing: a heading or answer that cannot be placed is
a problem naming its row and column, and nothing is read.

Respondents are counted only when they answered at least one scale (agreement)
question: profile-only rows and unfinished responses without such answers are left
out, and so are Qualtrics survey previews, survey tests and responses flagged as spam;
the rows are listed and counted. An empty or unknown department is a warning naming the
rows, never silently "other".
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from tandem.i18n import LANGUAGES, Text
from tandem.instrument.model import Form, Instrument, Item
from tandem.io.responses.assembly import build
from tandem.io.responses.headers import (
    ALL_SETTINGS,
    BY_TOOL,
    IGNORE,
    REQUIRED,
    RESPONDENT,
    HeaderNames,
    QuestionMatcher,
    plan_columns,
    read_mapping,
    text_key,
)
from tandem.io.responses.reading import (
    NO_HEADER,
    _table_from_records,
    read_records,
    separator,
)
from tandem.io.responses.recoding import MISSING, AnswerLabels
from tandem.io.responses.report import (
    ROWS_BEYOND,
    UNNAMED,
    UNREADABLE,
    HeadingMatch,
    ImportReport,
    Notice,
    Recoding,
    Report,
    Unplaced,
    answers_beyond,
    answers_unnamed,
    column_letter,
)
from tandem.io.responses.sources import (
    FINISHED,
    LANGUAGE,
    RESPONSE_ID,
    STATUS,
    SUBMITTED,
    Records,
    Tool,
    key,
    qualtrics,
)
from tandem.io.responses.sources.registry import NAMES, TANDEM, TOOLS, by_name, detect
from tandem.io.safety import (
    RESPONSE_FILE_LIMITS,
    FileLimits,
    RejectedFileError,
    cell_text,
    read_first_sheet,
)
from tandem.responses import ResponseSet, parse_language

_PEEK_BYTES = 1 << 16
_STANDARD_KEYS = frozenset(k for tool in TOOLS for k in tool.columns)


@dataclass
class Imported:
    responses: ResponseSet | None  # None when the report has problems
    report: ImportReport


def tool_named(name: str) -> Tool:
    try:
        return by_name(name)
    except KeyError:
        raise ValueError(f"unknown source {name!r}: use one of {', '.join(NAMES)}") from None


def peek_tool(path: Path, limits: FileLimits = RESPONSE_FILE_LIMITS) -> Tool | None:
    """The tool of a file judged from its first rows; None when that cannot be judged
    cheaply (the caller then reads all rows)."""
    try:
        rows = peek_rows(path, limits)
    except RejectedFileError:
        return TANDEM  # the usual reader says what is wrong with it
    return None if rows is None else detect(rows)


def peek_rows(path: Path, limits: FileLimits = RESPONSE_FILE_LIMITS) -> list[list[str]] | None:
    """A file's first three rows as texts, read cheaply; None when that cannot be done
    (an old .xls, an unreadable file, header rows longer than the first 64 KiB).
    A workbook the safety checks refuse raises :class:`RejectedFileError`."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError:
        return None
    if head.startswith(b"\xd0\xcf"):
        return None  # an old .xls: the usual reader refuses it with advice
    if head.startswith(b"PK"):
        rows = read_first_sheet(path, path.name, limits, first=3)
        return [[cell_text(v) for v in row] for row in rows]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    sep = separator(text, lambda h: key(h) in _STANDARD_KEYS)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        records = [row for _, row in zip(range(3), reader, strict=False)]
    except csv.Error:
        return None
    if len(head) == _PEEK_BYTES and len(records) < 3:
        return None  # very long header rows: judge on the whole file
    return records


def import_responses(
    path: Path | str,
    instrument: Instrument,
    *,
    source: str | None = None,
    form: Form | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] = ALL_SETTINGS,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
    tandem_as_is: bool = False,
) -> Imported:
    """Read any supported export; never raises for bad data (see ``report.problems``).

    With ``tandem_as_is``, a file detected as Tandem's own format is not converted
    (the caller reads it the usual way): the report then only names the source.
    """
    path = Path(path)
    report = Report()
    mapped: dict[str, str] = {}
    if mapping is not None:
        mapped = read_mapping(Path(mapping), instrument, report, limits)
    matcher = QuestionMatcher(instrument, mapped)
    tool = tool_named(source) if source else None

    def known(header: str) -> bool:
        k = key(header)
        return k in _STANDARD_KEYS or k in matcher.ids or k in matcher.codes or (
            text_key(header) in matcher.texts
        )

    records = read_records(path, report, known, limits)
    chosen = tool or (detect(records) if records else TANDEM)
    summary = ImportReport(
        file=path.name,
        source=chosen.name,
        source_title=chosen.title,
        detected=tool is None,
        header_rows=chosen.header_rows,
    )
    if tandem_as_is and chosen is TANDEM and records is not None and not report.problems:
        return Imported(None, summary)
    if records is not None and not report.problems:
        responses = _convert(records, chosen, instrument, matcher, form, settings, report, summary)
    else:
        responses = None
    if responses is None and not report.problems:
        report.add(UNREADABLE)
    summary.problems = list(report.problems)
    return Imported(responses if not report.problems else None, summary)


def _convert(
    records: Records,
    tool: Tool,
    instrument: Instrument,
    matcher: QuestionMatcher,
    form: Form | None,
    settings: frozenset[str],
    report: Report,
    summary: ImportReport,
) -> ResponseSet | None:
    headings = tool.headings(records)
    while headings and not headings[-1].text.strip():
        headings.pop()
    start = tool.first_answer_row(records)
    if not headings:
        report.add(NO_HEADER, row=1)
        return None
    if len(records) < start:
        n, found = tool.header_rows, len(records)
        report.add(Text(f"een export van {tool.title} heeft {n} kopregels; dit bestand heeft "
                        f"{found} rijen",
                        f"a {tool.title} export has {n} header rows; this file has {found} rows"))
        return None

    targets: dict[int, str] = {}  # position -> question id or RESPONDENT
    roles: dict[str, int] = {}
    unnamed: list[int] = []
    seen: dict[str, int] = {}
    for pos, heading in enumerate(headings):
        letter = column_letter(pos)
        role = tool.role(heading)
        if not heading.text.strip():
            unnamed.append(pos)
            summary.headings.append(HeadingMatch(letter, "", None, "ignored"))
            continue
        if role is not None and role != RESPONSE_ID:
            roles.setdefault(role, pos)
            summary.headings.append(HeadingMatch(letter, heading.text, None, BY_TOOL))
            continue
        if role == RESPONSE_ID:
            match_target, method, score = RESPONDENT, BY_TOOL, 1.0
        else:
            match = matcher.match(heading)
            if match is None:
                summary.headings.append(HeadingMatch(letter, heading.text, None, "unplaced"))
                report.add(Text(
                    f"kolom {letter}: kan de kop {heading.text!r} niet plaatsen (geen vraag "
                    "heeft deze id, code of tekst); noem de vraag in een koppelbestand "
                    "(header,question_id; een lege question_id negeert de kolom)",
                    f"column {letter}: cannot place the heading {heading.text!r} "
                    "(no question has this id, code or text); name its question in a "
                    "mapping file (header,question_id; an empty question_id ignores it)"),
                    row=1,
                    column=heading.text,
                )
                continue
            match_target, method, score = match.target, match.method, match.score
        if match_target == IGNORE:
            summary.headings.append(HeadingMatch(letter, heading.text, None, "ignored"))
            continue
        if match_target in seen:
            first = seen[match_target]
            before = column_letter(first)
            report.add(Text(
                f"kolom {letter} ({heading.text!r}) beantwoordt dezelfde vraag "
                f"{match_target!r} als kolom {before}",
                f"column {letter} ({heading.text!r}) answers the same question "
                f"{match_target!r} as column {before}"),
                row=1,
                column=heading.text,
            )
            summary.headings.append(HeadingMatch(letter, heading.text, match_target, method))
            continue
        seen[match_target] = pos
        targets[pos] = match_target
        summary.headings.append(HeadingMatch(letter, heading.text, match_target, method, score))

    body = [list(r) for r in records[start:]]
    row_numbers = [start + 1 + i for i in range(len(body))]
    keep = [i for i, cells in enumerate(body) if any(c.strip() for c in cells)]
    width = len(headings)
    beyond = [row_numbers[i] for i in keep if any(c.strip() for c in body[i][width:])]
    report.rows(None, beyond, answers_beyond(width), what=ROWS_BEYOND)
    for pos in unnamed:
        filled = [row_numbers[i] for i in keep if _cell(body[i], pos).strip()]
        report.rows(None, filled, answers_unnamed(pos), what=UNNAMED)

    def role_value(i: int, role: str) -> str | None:
        pos = roles.get(role)
        return None if pos is None else _cell(body[i], pos).strip()

    status = {i: key(role_value(i, STATUS) or "") for i in keep}
    previews, tests, spam = (tuple(i for i in keep if status[i] in values)
                             for values in (qualtrics.PREVIEW, qualtrics.TEST, qualtrics.SPAM))
    dropped = {*previews, *tests, *spam}
    keep = [i for i in keep if i not in dropped]
    summary.previews, summary.tests, summary.spam = (
        tuple(row_numbers[i] for i in rows) for rows in (previews, tests, spam))
    unfinished = {
        i for i in keep
        if key(role_value(i, FINISHED) or "x") in qualtrics.NOT_FINISHED
        or role_value(i, SUBMITTED) == ""
    }

    labels = AnswerLabels.load(instrument)
    items = {i.id: i for i in instrument.items}
    coded: dict[int, list[str]] = {}
    for pos, target in targets.items():
        coded[pos] = _recode_column(
            pos, target, items.get(target), headings[pos].text, body, keep, row_numbers,
            tool, labels, report, summary,
        )
    # respondents who answered no scale question are not counted
    likert_positions = [p for p, t in targets.items() if t in items and items[t].kind == "likert"]
    answered = [
        any(coded[p][k] not in (MISSING, "dk") for p in likert_positions)
        for k in range(len(keep))
    ]
    counted = [k for k in range(len(keep)) if answered[k]]
    skipped = tuple(row_numbers[keep[k]] for k in range(len(keep)) if not answered[k])
    summary.unfinished_kept = tuple(row_numbers[keep[k]] for k in counted if keep[k] in unfinished)
    if tool is TANDEM:  # Tandem's own format counts every filled row, as `score` does
        counted = list(range(len(keep)))
        if skipped:
            summary.warnings.append(Notice.of(
                Text("rijen zonder enig antwoord op een schaalvraag",
                     "rows without any scale answer"), skipped, "no_scale"))
    else:
        summary.no_scale_answers = skipped
    _department_warnings(targets, coded, counted, keep, row_numbers, summary)
    if tool is TANDEM and LANGUAGE in roles:  # Tandem's own column: checked as its reader does
        checked = [(row_numbers[keep[k]], parse_language(role_value(keep[k], LANGUAGE)))
                   for k in counted]
        bad = [(row, problem) for row, (_code, problem) in checked if problem is not None]
        report.rows(headings[roles[LANGUAGE]].text, [row for row, _ in bad],
                    lambda i: bad[i][1])
    if report.problems:
        return None
    if not counted:
        report.add(Text("het bestand heeft geen respondent die een schaalvraag beantwoordde",
                        "the file has no respondent who answered a scale question"))
        return None

    positions = list(targets)
    header = [targets[p] for p in positions]
    names = HeaderNames(instrument)
    sub = Report()
    plan = plan_columns(header, instrument, names, form, settings, sub)
    for problem in sub.problems:
        report.add(problem.message, row=problem.row, column=problem.column)
    if report.problems:
        return None
    rows = np.array([row_numbers[keep[k]] for k in counted], dtype=np.intp)
    table_rows = [[coded[p][k] for p in positions] for k in counted]
    table = _table_from_records(table_rows, rows, plan.kinds)
    responses = build(table, plan, instrument, settings, report)
    summary.form = plan.form
    if responses is not None:
        summary.n = responses.n
        if LANGUAGE in roles:
            summary.languages = tuple(
                _language(role_value(keep[k], LANGUAGE) or "") for k in counted
            )
            ours = tuple(code if code in LANGUAGES else "" for code in summary.languages)
            responses = replace(responses, languages=ours if any(ours) else ())
    return responses


def _language(value: str) -> str:
    """A tool's language code as a two-letter one ("NL", "nl-NL", "EN-GB" -> nl, en)."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if len(code) == 2 and code.isalpha() else ""


def _cell(cells: list[str], pos: int) -> str:
    return cells[pos] if pos < len(cells) else ""


def _recode_column(
    pos: int,
    target: str,
    item: Item | None,
    heading: str,
    body: list[list[str]],
    keep: list[int],
    row_numbers: list[int],
    tool: Tool,
    labels: AnswerLabels,
    report: Report,
    summary: ImportReport,
) -> list[str]:
    """The column's cells as Tandem codes (free text as written), one per kept row."""
    cells = [_cell(body[i], pos) for i in keep]
    if item is None or item.options is None:  # respondent id, open question, segment
        return [c.strip() for c in cells]
    cache: dict[str, str | None] = {}
    counts: Counter[str] = Counter()
    out: list[str] = []
    bad_rows: list[int] = []
    bad_values: list[str] = []
    for k, cell in enumerate(cells):
        if cell not in cache:
            cache[cell] = labels.recode(item, cell, tool.positions)
        code = cache[cell]
        if code is None:
            if target == REQUIRED:  # an unknown department: a warning, below
                out.append("?" + cell.strip())
                continue
            bad_rows.append(row_numbers[keep[k]])
            bad_values.append(cell)
            summary.unplaced_values.append(Unplaced(row_numbers[keep[k]], heading, cell))
            out.append(MISSING)
            continue
        if cell.strip():
            counts[cell.strip()] += 1
        out.append(code)
    assert item.options is not None
    for value, count in counts.items():
        code = cache.get(value)
        if code is None:
            code = next(c for t, c in cache.items() if t.strip() == value)
        summary.recodings.append(Recoding(target, value, code or "", count, item.options.id))
    options = item.options.options
    labels_nl = ", ".join(o.label.nl for o in options)
    labels_en = ", ".join(o.label.en for o in options)
    report.rows(
        heading,
        bad_rows,
        lambda i: Text(
            f"kan het antwoord {bad_values[i]!r} op {target!r} niet plaatsen (verwacht een "
            f"van: {labels_nl}, of een getal 1-{len(options)})",
            f"cannot place the answer {bad_values[i]!r} to {target!r} "
            f"(expected one of: {labels_en}, or a number 1-{len(options)})"),
    )
    return out


def _department_warnings(
    targets: dict[int, str],
    coded: dict[int, list[str]],
    counted: list[int],
    keep: list[int],
    row_numbers: list[int],
    summary: ImportReport,
) -> None:
    pos = next((p for p, t in targets.items() if t == REQUIRED), None)
    if pos is None:
        return
    values = coded[pos]
    empty = tuple(row_numbers[keep[k]] for k in counted if values[k] == MISSING)
    unknown: dict[str, list[int]] = {}
    for k in counted:
        if values[k].startswith("?"):
            unknown.setdefault(values[k][1:], []).append(row_numbers[keep[k]])
            values[k] = MISSING
    if empty:
        summary.warnings.append(
            Notice.of(Text("afdeling leeg (in de cijfers per afdeling tellen deze "
                           "respondenten mee bij “Andere afdelingen”; vul haar in om ze te "
                           "plaatsen)",
                           "department empty (in the department figures these respondents "
                           "count under “Other departments”; fill it in to place them)"),
                      empty, "department")
        )
    for value, rows in unknown.items():
        summary.warnings.append(
            Notice.of(Text(f"onbekende afdeling {value!r} (in de cijfers per afdeling tellen "
                           "deze respondenten mee bij “Andere afdelingen”; koppel haar in een "
                           "koppelbestand of verbeter het bestand)",
                           f"unknown department {value!r} (in the department figures these "
                           "respondents count under “Other departments”; map it in a mapping "
                           "file or fix the file)"),
                      tuple(rows), "department", value)
        )
