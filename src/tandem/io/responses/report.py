"""Collecting the problems of a response file, so all are reported at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tandem.i18n import Text
from tandem.io.responses.table import IntArray
from tandem.responses import Problem

MAX_PROBLEMS_PER_COLUMN = 20
_PROBLEMS = Text("problemen", "problems")  # only said of more than the first 20
_IN_COLUMN = Text("in deze kolom", "in this column")
_IN_FILE = Text("in het bestand", "in the file")


def _capped(total: int, what: Text, scope: Text) -> Text:
    """The line after the first problems of a column: how many there are in all."""
    shown = MAX_PROBLEMS_PER_COLUMN
    return Text(f"{total} {what.nl} {scope.nl} in totaal; alleen de eerste {shown} staan hier",
                f"{total} {what.en} {scope.en} in all; only the first {shown} are listed")


class Report:
    """Collects problems; per-column lists are capped with a summary line."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, message: Text | str, row: int | None = None,
            column: str | None = None) -> None:
        self.problems.append(Problem.of(message, row=row, column=column))

    def rows(
        self,
        column: str | None,
        row_numbers: Sequence[int] | IntArray,
        message: Text | Callable[[int], Text],
        what: Text = _PROBLEMS,
    ) -> None:
        """One problem per row (``message(i)`` for the i-th), capped per column."""
        total = len(row_numbers)
        for i in range(min(total, MAX_PROBLEMS_PER_COLUMN)):
            text = message if isinstance(message, Text) else message(i)
            self.add(text, row=int(row_numbers[i]), column=column)
        if total > MAX_PROBLEMS_PER_COLUMN:
            scope = _IN_COLUMN if column is not None else _IN_FILE
            self.add(_capped(total, what, scope), column=column)


UNREADABLE = Text("het bestand kon niet worden gelezen", "the file could not be read")


def answers_beyond(width: int) -> Text:
    """A row with answers right of the last column that has a heading."""
    letter = column_letter(width - 1)
    return Text(f"de rij heeft antwoorden rechts van de laatste benoemde kolom {letter}",
                f"row has answers to the right of the last named column {letter}")


ROWS_BEYOND = Text("rijen met antwoorden buiten de benoemde kolommen",
                   "rows with answers outside the named columns")


def answers_unnamed(position: int) -> Text:
    """Answers in a column without a heading."""
    letter = column_letter(position)
    return Text(f"kolom {letter} heeft antwoorden maar geen kop",
                f"column {letter} has answers but no header")


UNNAMED = Text("antwoorden zonder kop", "answers without a header")


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
    message: str  # English
    rows: tuple[int, ...] = ()
    kind: str = ""  # "department" (empty or unknown), "no_scale" (Tandem's format)
    nl: str = ""  # the same in Dutch
    value: str = ""  # an unknown department as written ("" for an empty one)

    @classmethod
    def of(cls, text: Text, rows: tuple[int, ...] = (), kind: str = "",
           value: str = "") -> Notice:
        return cls(text.en, rows, kind, text.nl, value)

    def in_language(self, lang: str) -> str:
        return self.nl if lang == "nl" and self.nl else self.message


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
