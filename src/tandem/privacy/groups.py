"""The partition: which departments are shown as their own group, which are pooled,
and which respondents are left out of every figure.

The rule (applied once for the whole result by :func:`plan_groups`; the reasons are in
``docs/method.md``, "Pooling small groups"):

1. A department with at least k respondents is always shown as its own group: it is
   never pooled and never left out. Sales and Marketing keep their contrast whenever
   each reaches k, and so does any other department that reaches k.
2. The departments below k are pooled with each other ("Other functions"), together
   with ``other`` (the catch-all for other departments and no answer) when it is there.
3. When that pool still holds fewer than k respondents and at least two departments
   stand alone, the pool's respondents are *withheld*: no figure includes them, not
   even the organisation-wide one, whose total is the sum of the groups shown (else the
   total minus the shown groups would be the small pool). The plan lists the withheld
   departments, never their size.
4. When fewer than two departments stand alone (so there is no contrast to keep) and
   the pool is below k, the result shows the total over everyone and no groups, as
   does a plan whose one cell would equal the total.

Every displayed cell therefore holds at least k respondents, and the shown total minus
the shown cells is 0 (or the whole total, when no cells are shown).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.i18n import Text
from tandem.privacy.threshold import check_k, may_show

CORE_GROUPS: tuple[str, ...] = ("sales", "marketing")
POOL_ID = "pooled"
OTHER = "other"
DEPARTMENT_ORDER: tuple[str, ...] = ("sales", "marketing", "service", "management", OTHER)

GROUP_LABELS: dict[str, Text] = {
    "sales": Text("Sales", "Sales"),
    "marketing": Text("Marketing", "Marketing"),
    "service": Text("Customer Service", "Customer Service"),
    "management": Text("Commercieel management", "Commercial management"),
    OTHER: Text("Andere afdelingen", "Other departments"),
    POOL_ID: Text("Overige functies (samengevoegd)", "Other functions (pooled)"),
    "all": Text("Iedereen", "Everyone"),
}


@dataclass(frozen=True, slots=True)
class Cell:
    """A displayed group: one department, or several pooled together."""

    id: str
    members: tuple[str, ...]
    n: int

    @property
    def pooled(self) -> bool:
        return self.id == POOL_ID


@dataclass(frozen=True, slots=True)
class GroupPlan:
    """Which groups a report may show, decided once for the whole result.

    ``total`` counts the respondents behind the figures (everyone but the withheld);
    ``withheld`` names the departments whose respondents no figure includes.
    """

    k: int
    total: int
    total_shown: bool
    cells: tuple[Cell, ...]
    pooled_members: tuple[str, ...]
    withheld: tuple[str, ...] = ()

    def cell_of(self, department: str) -> str | None:
        for cell in self.cells:
            if department in cell.members:
                return cell.id
        return None


def plan_groups(
    counts: Mapping[str, int],
    k: int,
    order: Sequence[str] = DEPARTMENT_ORDER,
) -> GroupPlan:
    """Partition the departments into displayable cells of at least ``k`` respondents
    (see the module docstring for the rule)."""
    check_k(k)
    rank = {d: i for i, d in enumerate(order)}

    def ordered(departments: set[str] | Sequence[str]) -> tuple[str, ...]:
        return tuple(sorted(departments, key=lambda d: (rank.get(d, len(rank)), d)))

    present = {d: int(n) for d, n in counts.items() if n > 0}
    everyone = sum(present.values())
    if not may_show(everyone, k):
        return GroupPlan(k=k, total=everyone, total_shown=False, cells=(), pooled_members=())
    pool = {d for d, n in present.items() if not may_show(n, k)}
    if pool and OTHER in present:
        pool.add(OTHER)  # the catch-all joins the small ones: one "other functions" group
    standing = [d for d in ordered(set(present)) if d not in pool]
    pooled_n = sum(present[d] for d in pool)
    withheld: tuple[str, ...] = ()
    if pool and not may_show(pooled_n, k):
        if len(standing) < 2:  # no contrast to keep: the total over everyone only
            return GroupPlan(k=k, total=everyone, total_shown=True, cells=(), pooled_members=())
        withheld, pool = ordered(pool), set()
    cells = [Cell(id=d, members=(d,), n=present[d]) for d in standing]
    if pool:
        members = ordered(pool)
        cell_id = OTHER if members == (OTHER,) else POOL_ID
        cells.append(Cell(id=cell_id, members=members, n=pooled_n))
    total = sum(c.n for c in cells)
    if len(cells) == 1:
        cells = []  # one cell equal to the total: show the total only
    pooled = tuple(m for c in cells if c.pooled for m in c.members)
    return GroupPlan(k=k, total=total, total_shown=True, cells=tuple(cells),
                     pooled_members=pooled, withheld=withheld)


def department_codes(departments: Sequence[object] | npt.NDArray[Any]) -> npt.NDArray[np.str_]:
    """Departments as the group plan reads them: no answer counts as ``other``."""
    return np.array([OTHER if d is None or d != d else str(d) for d in departments], dtype=str)


def plan_respondents(codes: npt.NDArray[np.str_], k: int) -> GroupPlan:
    """:func:`plan_groups` for one department code per respondent."""
    values, counts = np.unique(codes, return_counts=True)
    return plan_groups(dict(zip(values.tolist(), counts.tolist(), strict=True)), k)


def cell_masks(plan: GroupPlan, codes: npt.NDArray[np.str_]) -> dict[str, npt.NDArray[np.bool_]]:
    """Per displayed cell, which respondents (one department code each) it holds."""
    return {cell.id: np.isin(codes, cell.members) for cell in plan.cells}


def included_mask(plan: GroupPlan, codes: npt.NDArray[np.str_]) -> npt.NDArray[np.bool_]:
    """Which respondents the figures include: everyone but the withheld departments."""
    if not plan.total_shown:
        return np.zeros(codes.shape, dtype=bool)
    return ~np.isin(codes, plan.withheld)


__all__ = [
    "CORE_GROUPS",
    "DEPARTMENT_ORDER",
    "GROUP_LABELS",
    "OTHER",
    "POOL_ID",
    "Cell",
    "GroupPlan",
    "cell_masks",
    "department_codes",
    "included_mask",
    "plan_groups",
    "plan_respondents",
]
