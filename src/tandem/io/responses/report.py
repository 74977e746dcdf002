"""Collecting the problems of a response file, so all are reported at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
