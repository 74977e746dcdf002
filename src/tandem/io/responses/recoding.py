"""Recoding the cell texts of a column into answers: Likert numbers, option codes, texts.

Each distinct cell text is judged once by the shared parsers
(:func:`tandem.responses.parse_likert` / :func:`~tandem.responses.parse_choice`) and the
result is spread to the rows with numpy. A text that is not a valid answer comes back
in ``bad`` (category index -> problem) for validation to report; recoding knows
nothing of file formats or of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tandem.instrument.model import Item
from tandem.io.responses.table import Column
from tandem.responses import FloatArray, ObjArray, parse_choice, parse_likert


@dataclass
class Recoded[T]:
    values: T  # one per row; NaN / None where empty or bad
    bad: dict[int, str]  # category index -> why its text is not a valid answer


def likert(column: Column) -> Recoded[FloatArray]:
    lookup = np.full(len(column.cats) + 1, np.nan)  # the extra last slot serves code -1
    bad: dict[int, str] = {}
    for k, cat in enumerate(column.cats):
        value, problem = parse_likert(cat)
        if problem is None:
            lookup[k] = value
        else:
            bad[k] = problem
    values: FloatArray = lookup[column.codes]
    return Recoded(values, bad)


def choice(item: Item, column: Column) -> Recoded[ObjArray]:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    bad: dict[int, str] = {}
    for k, cat in enumerate(column.cats):
        code, problem = parse_choice(item, cat)
        if problem is None:
            lookup[k] = code
        else:
            bad[k] = problem
    values: ObjArray = lookup[column.codes]
    return Recoded(values, bad)


def text(column: Column) -> ObjArray:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    lookup[: len(column.cats)] = [c.strip() or None for c in column.cats]
    result: ObjArray = lookup[column.codes]
    return result
