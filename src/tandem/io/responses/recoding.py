"""Recoding the cell texts of a column into answers: Likert numbers, option codes, texts.

Each distinct cell text is judged once by the shared parsers
(:func:`tandem.responses.parse_likert` / :func:`~tandem.responses.parse_choice`) and the
result is spread to the rows with numpy. A text that is not a valid answer comes back
in ``bad`` (category index -> problem) for validation to report; recoding knows
nothing of file formats or of rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.instrument.model import Item
from tandem.io.responses.table import Column
from tandem.responses import FloatArray, ObjArray, parse_choice, parse_likert


@dataclass
class Recoded[T]:
    values: T  # one per row; NaN / None where empty or bad
    bad: dict[int, str]  # category index -> why its text is not a valid answer


def likert(column: Column) -> Recoded[FloatArray]:
    return _recode(column, parse_likert, np.full(len(column.cats) + 1, np.nan))


def choice(item: Item, column: Column) -> Recoded[ObjArray]:
    empty = np.full(len(column.cats) + 1, None, dtype=object)
    return _recode(column, lambda cat: parse_choice(item, cat), empty)


def _recode(
    column: Column,
    parse: Callable[[str], tuple[object, str | None]],
    lookup: npt.NDArray[Any],
) -> Recoded[npt.NDArray[Any]]:
    """Parse each distinct text once and spread the values to the rows.

    ``lookup`` comes filled with the empty value, one slot per distinct text plus a
    last one for missing cells (code -1).
    """
    bad: dict[int, str] = {}
    for k, cat in enumerate(column.cats):
        value, problem = parse(cat)
        if problem is None:
            lookup[k] = value
        else:
            bad[k] = problem
    return Recoded(lookup[column.codes], bad)


def text(column: Column) -> ObjArray:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    lookup[: len(column.cats)] = [c.strip() or None for c in column.cats]
    result: ObjArray = lookup[column.codes]
    return result
