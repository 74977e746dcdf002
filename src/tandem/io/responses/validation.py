"""Validating the rows of a response file: every problem, naming its row and column.

Blank rows are dropped (trailing ``;;;;`` lines from Excel are not respondents), answers
in a column without a header, answers that recoding could not read, and empty or
repeated respondent ids are reported.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.i18n import Text
from tandem.io.responses.recoding import Recoded
from tandem.io.responses.report import UNNAMED, Report, answers_unnamed
from tandem.io.responses.table import CodeArray, Column, IntArray, Table, empty_mask


def without_blank_rows(table: Table) -> Table:
    """The table without rows where every loaded cell is empty."""
    blank = _blank_rows(table)
    if blank is None:
        return table
    keep = ~blank
    return Table(
        rows=table.rows[keep],
        columns={p: Column(c.codes[keep], c.cats) for p, c in table.columns.items()},
    )


def check_unnamed(table: Table, unnamed: list[int], report: Report) -> None:
    """Columns without a header must be empty."""
    for pos in unnamed:
        filled = np.flatnonzero(~empty_mask(table.columns[pos]))
        report.rows(None, table.rows[filled], answers_unnamed(pos), what=UNNAMED)


def check_answers[T](
    recoded: Recoded[T], column: Column, rows: IntArray, label: str, report: Report
) -> T:
    """Report each row whose answer recoding found bad; the recoded values."""
    bad = recoded.bad
    where = _bad_rows(column, bad)
    report.rows(label, rows[where], lambda i: bad[int(column.codes[where[i]])])
    return recoded.values


def _blank_rows(table: Table) -> npt.NDArray[np.bool_] | None:
    """Rows where every loaded cell is empty; None when there are none (checked cheaply)."""
    blank: npt.NDArray[np.bool_] | None = None
    for column in sorted(table.columns.values(), key=lambda c: len(c.cats)):  # cheap first
        empty = empty_mask(column)
        blank = empty if blank is None else np.logical_and(blank, empty, out=blank)
        if not blank.any():
            return None
    return blank


def _twice(respondent: str, first: int, again: int) -> Text:
    return Text(f"respondent-id {respondent!r} komt twee keer voor: rijen {first} en {again}",
                f"respondent id {respondent!r} is used twice: rows {first} and {again}")


def _bad_rows(column: Column, bad: dict[int, Text]) -> IntArray:
    if not bad:
        return np.empty(0, dtype=np.intp)
    is_bad = np.zeros(len(column.cats) + 1, dtype=bool)
    is_bad[list(bad)] = True
    return np.flatnonzero(is_bad[column.codes])


def respondents(column: Column, rows: IntArray, label: str, report: Report) -> tuple[str, ...]:
    """Respondent ids, trimmed; every row needs one and no two rows may share one."""
    stripped = [c.strip() for c in column.cats]
    ids: CodeArray
    if stripped == column.cats:  # the usual case: the categories are the distinct ids
        ids, uniques = column.codes, stripped
    else:
        remap, distinct = pd.factorize(np.array([*stripped, ""], dtype=object))
        ids, uniques = remap[column.codes], [str(u) for u in distinct]  # -1 picks ""
    if "" in uniques:
        ids = np.where(ids == uniques.index(""), -1, ids)
    missing = np.flatnonzero(ids < 0)
    report.rows(
        label,
        rows[missing],
        Text("de respondent-id is leeg (elke rij heeft er een nodig als de kolom er is)",
             "the respondent id is empty (every row needs one when the column is given)"),
    )
    counts = np.bincount(ids[ids >= 0], minlength=len(uniques))
    if (counts > 1).any():
        repeated = np.flatnonzero((counts > 1)[np.where(ids >= 0, ids, 0)] & (ids >= 0))
        first: dict[int, int] = {}
        later: list[tuple[int, int]] = []  # (row index, first row index)
        for r in repeated.tolist():
            code = int(ids[r])
            if code in first:
                later.append((r, first[code]))
            else:
                first[code] = r
        report.rows(
            label,
            rows[[r for r, _ in later]],
            lambda i: _twice(uniques[int(ids[later[i][0]])], rows[later[i][1]],
                             rows[later[i][0]]),
            what=Text("dubbele respondent-id's", "repeated respondent ids"),
        )
    lookup = np.array([*uniques, ""], dtype=object)
    return tuple(lookup[ids].tolist())
