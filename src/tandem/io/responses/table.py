"""The rows of a response file as read: per column, codes into its distinct cell texts.

The shape shared by reading (which fills it from a CSV or a workbook) and recoding and
validation (which read it); it knows neither file formats nor the instrument.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.responses import ObjArray

IntArray = npt.NDArray[np.intp]
CodeArray = npt.NDArray[np.integer[Any]]  # int8 from pandas, or intp
# What a loaded column holds: the codes we expect (a hint for speed) or None for free text
ColumnKind = tuple[str, ...] | None


@dataclass
class Column:
    codes: CodeArray  # index into cats; -1 = empty or missing cell
    cats: list[str]


@dataclass
class Table:
    rows: IntArray  # spreadsheet row number of each data row
    columns: dict[int, Column]  # by file position


def factorised(values: ObjArray) -> Column:
    """Codes and distinct texts of a column; missing cells (NaN of short rows) get -1."""
    factors, uniques = pd.factorize(values, use_na_sentinel=True)
    return Column(codes=np.asarray(factors, dtype=np.intp), cats=[str(u) for u in uniques])


def empty_mask(column: Column) -> npt.NDArray[np.bool_]:
    """Per row, whether the cell is empty (or missing)."""
    is_empty = np.array([not c.strip() for c in column.cats] + [True])  # last: code -1
    mask: npt.NDArray[np.bool_] = is_empty[column.codes]
    return mask
