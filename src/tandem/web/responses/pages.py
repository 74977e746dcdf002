"""The inspection page of an uploaded answer file: the core's import report as rows
for the template, with the questions' texts in the reader's language.

Anonymity: only headings, counts and row numbers; never a row's answers, and the
recoding of free-text (open) questions is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.instrument.model import Instrument
from tandem.io.responses import ImportReport
from tandem.io.responses.inspection import METHODS, form_name
from tandem.io.responses.report import Notice
from tandem.responses import Problem

MAX_ROWS_SHOWN = 50


@dataclass(frozen=True)
class HeadingRow:
    column: str
    heading: str
    question_id: str
    question: str
    method: str
    unplaced: bool


@dataclass(frozen=True)
class RecodingRow:
    question_id: str
    question: str
    value: str
    code: str
    count: int


@dataclass(frozen=True)
class RowsNote:
    message: str
    count: int
    rows: str


def rows_text(rows: tuple[int, ...] | list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_SHOWN])
    return shown + (", …" if len(rows) > MAX_ROWS_SHOWN else "")


@dataclass(frozen=True)
class InspectionPage:
    report: ImportReport
    form: str  # the form read, by its name
    headings: list[HeadingRow]
    recodings: list[RecodingRow]
    unplaced: list[RowsNote]
    previews: str
    tests: str
    spam: str
    no_scale: str
    unfinished: str
    warnings: list[RowsNote]
    problems: list[ProblemRow]


@dataclass(frozen=True)
class ProblemRow:
    """A problem of an uploaded file as the page shows it: in the reader's language."""

    row: int | None
    column: str | None
    message: str


def problem_rows(problems: list[Problem], lang: str) -> list[ProblemRow]:
    return [ProblemRow(p.row, p.column, _sentence(p.in_language(lang))) for p in problems]


def _sentence(text: str) -> str:
    """A core message (written to follow "row 3: ") as a line of its own."""
    return text[:1].upper() + text[1:]


def inspection_page(report: ImportReport, instrument: Instrument, lang: str) -> InspectionPage:
    items = {i.id: i for i in instrument.items}

    def question(target: str | None) -> str:
        item = items.get(target or "")
        return item.text(lang) if item is not None else ""

    headings = [
        HeadingRow(h.column, h.heading, h.target or "", question(h.target),
                   METHODS[h.method](lang) if h.method in METHODS else h.method,
                   h.method == "unplaced")
        for h in report.headings
    ]
    recodings = [
        RecodingRow(r.column, question(r.column), r.value, r.code or "–", r.count)
        for r in report.recodings
        if items.get(r.column) is not None and items[r.column].options is not None
    ]
    unplaced: dict[tuple[str, str], list[int]] = {}
    for u in report.unplaced_values:
        unplaced.setdefault((u.column, u.value), []).append(u.row)
    return InspectionPage(
        report=report,
        form=form_name(report.form, lang),
        headings=headings,
        recodings=recodings,
        unplaced=[RowsNote(f"{column}: {value!r}", len(rows), rows_text(rows))
                  for (column, value), rows in unplaced.items()],
        previews=rows_text(report.previews),
        tests=rows_text(report.tests),
        spam=rows_text(report.spam),
        no_scale=rows_text(report.no_scale_answers),
        unfinished=rows_text(report.unfinished_kept),
        warnings=[RowsNote(_warning(w, lang), len(w.rows), rows_text(w.rows))
                  for w in report.warnings],
        problems=problem_rows(report.problems, lang),
    )


def _warning(notice: Notice, lang: str) -> str:
    """The core's warning in the reader's language, as a line of its own."""
    return _sentence(notice.in_language(lang))
