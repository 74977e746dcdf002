"""ICC(1) and ICC(2) of the scale scores by department (one-way ANOVA; Bliese 2000).

On each respondent's scale score (the diagnosis's: the mean of the answered statements
when at least two thirds are answered), grouped by the department they named:

* MSB = sum_g n_g (m_g - m)^2 / (G - 1), MSW = sum (x - m_g)^2 / (N - G);
* ICC(1) = (MSB - MSW) / (MSB + (k0 - 1) MSW) with k0 = (N - sum n_g^2 / N) / (G - 1), the
  adjusted mean group size for unequal groups (equal to N / G when they are equal);
* ICC(2) = (MSB - MSW) / MSB, the reliability of a department's mean.

That is :func:`tandem.analysis.reliability.icc_oneway`, used as it is. Privacy: only
departments with at least k respondents with a score enter (a smaller one is listed as
left out); respondents who named no department are left out too (they are no group).
At least two departments must remain.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.analysis.reliability import ICC, FloatArray, icc_oneway
from tandem.privacy import may_show

__all__ = ["DepartmentCodes", "DepartmentICC", "department_codes", "department_icc"]


@dataclass(frozen=True, slots=True)
class DepartmentICC:
    icc: ICC | None  # None when fewer than two departments reach k
    left_out: tuple[str, ...]  # departments below k, alphabetical


@dataclass(frozen=True, slots=True)
class DepartmentCodes:
    """Each respondent's department as an index into ``names`` (-1: none named), so the
    strings are compared once, not once per scale."""

    names: tuple[str, ...]  # alphabetical
    index: npt.NDArray[np.intp]


def department_codes(departments: npt.NDArray[np.object_]) -> DepartmentCodes:
    named = np.array([d is not None and d != "" for d in departments], dtype=bool)
    names, inverse = np.unique(np.asarray(departments, dtype=object)[named].astype(str),
                               return_inverse=True)
    index = np.full(len(departments), -1, dtype=np.intp)
    index[named] = inverse.ravel()
    return DepartmentCodes(tuple(str(n) for n in names), index)


def department_icc(scores: FloatArray, departments: DepartmentCodes, k: int) -> DepartmentICC:
    """ICC(1)/ICC(2) of ``scores`` by department over the departments that reach k."""
    values = np.asarray(scores, dtype=np.float64)
    keep = (departments.index >= 0) & ~np.isnan(values)
    index = departments.index[keep]
    sizes = np.bincount(index, minlength=len(departments.names))
    shown = np.array([may_show(int(s), k) for s in sizes], dtype=bool)
    left_out = tuple(name for name, s, ok in zip(departments.names, sizes, shown, strict=True)
                     if s > 0 and not ok)
    if int(shown.sum()) < 2:
        return DepartmentICC(None, left_out)
    rows = shown[index]
    return DepartmentICC(icc_oneway(values[keep][rows], index[rows]), left_out)
