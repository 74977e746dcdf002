"""Collecting the problems of a response file, so all are reported at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tandem.io.responses.table import IntArray
from tandem.responses import Problem

MAX_PROBLEMS_PER_COLUMN = 20


class Report:
    """Collects problems; per-column lists are capped with a summary line."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.problems.append(Problem(message, row=row, column=column))

    def rows(
        self,
        column: str | None,
        row_numbers: Sequence[int] | IntArray,
        message: str | Callable[[int], str],
        what: str = "problem(s)",
    ) -> None:
        """One problem per row (``message(i)`` for the i-th), capped per column."""
        total = len(row_numbers)
        for i in range(min(total, MAX_PROBLEMS_PER_COLUMN)):
            text = message if isinstance(message, str) else message(i)
            self.add(text, row=int(row_numbers[i]), column=column)
        if total > MAX_PROBLEMS_PER_COLUMN:
            scope = "in this column" if column is not None else "in the file"
            self.add(
                f"{total} {what} {scope} in all; only the first "
                f"{MAX_PROBLEMS_PER_COLUMN} are listed",
                column=column,
            )


def column_letter(position: int) -> str:
    """Spreadsheet column letter of a 0-based position (0 -> A, 26 -> AA)."""
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ------------------------------------------------------------------ what an import did
# The typed account of reading another tool's export: what ``tandem inspect`` prints
# and the web shows before an import is committed.


@dataclass(frozen=True)
class HeadingMatch:
    column: str  # spreadsheet letter
    heading: str  # as shown in the file (composed from its header rows)
    target: str | None  # question id, "respondent", or None (ignored / unplaced)
    method: str  # id, code, text, fuzzy, mapping, tool column, ignored, unplaced
    score: float = 1.0  # similarity of a fuzzy match


@dataclass(frozen=True)
class Recoding:
    column: str  # the question id
    value: str  # the answer as written
    code: str  # Tandem's code; "" = missing (an empty cell)
    count: int  # rows with this answer
    options: str = ""  # the option set of the question (agree, department, ...)


@dataclass(frozen=True)
class Unplaced:
    row: int
    column: str  # heading as written
    value: str


@dataclass(frozen=True)
class Notice:
    message: str
    rows: tuple[int, ...] = ()
    kind: str = ""  # "department" (empty or unknown), "no_scale" (Tandem's format)


@dataclass
class ImportReport:
    file: str
    source: str  # tool name (tandem, qualtrics, ...)
    source_title: str
    detected: bool  # False when --source said so
    header_rows: int
    headings: list[HeadingMatch] = field(default_factory=list)
    recodings: list[Recoding] = field(default_factory=list)
    unplaced_values: list[Unplaced] = field(default_factory=list)
    previews: tuple[int, ...] = ()  # rows of survey previews, dropped
    tests: tuple[int, ...] = ()  # rows of survey tests (Qualtrics), dropped
    spam: tuple[int, ...] = ()  # rows the tool flagged as spam (Qualtrics), dropped
    unfinished_kept: tuple[int, ...] = ()  # unfinished responses with scale answers
    no_scale_answers: tuple[int, ...] = ()  # rows not counted: no scale answered
    warnings: list[Notice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    form: str | None = None
    n: int = 0  # respondents counted
    # the language each counted respondent answered in, in the order of the responses
    # ("nl", "en"; "" when the file does not say): Qualtrics UserLanguage, LimeSurvey
    # startlanguage; empty when the tool exports no language
    languages: tuple[str, ...] = ()

    @property
    def unplaced_headings(self) -> list[HeadingMatch]:
        return [h for h in self.headings if h.method == "unplaced"]

    @property
    def ok(self) -> bool:
        return not self.problems
