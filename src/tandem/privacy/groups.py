"""The partition: which departments are shown as their own group, which are pooled.

See the package docstring for the rules; this module applies the group rule once for
the whole result (:func:`plan_groups`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.i18n import Text
from tandem.privacy.pooling import grow_to_k
from tandem.privacy.threshold import check_k

CORE_GROUPS: tuple[str, ...] = ("sales", "marketing")
POOL_ID = "pooled"
DEPARTMENT_ORDER: tuple[str, ...] = ("sales", "marketing", "service", "management", "other")

GROUP_LABELS: dict[str, Text] = {
    "sales": Text("Sales", "Sales"),
    "marketing": Text("Marketing", "Marketing"),
    "service": Text("Customer Service", "Customer Service"),
    "management": Text("Commercieel management", "Commercial management"),
    "other": Text("Andere afdelingen", "Other departments"),
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
    """Which groups a report may show, decided once for the whole result."""

    k: int
    total: int
    total_shown: bool
    cells: tuple[Cell, ...]
    pooled_members: tuple[str, ...]

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
    """Partition the departments into displayable cells of at least ``k`` respondents."""
    check_k(k)
    present = {d: int(n) for d, n in counts.items() if n > 0}
    total = sum(present.values())
    if total < k:
        return GroupPlan(k=k, total=total, total_shown=False, cells=(), pooled_members=())
    rank = {d: i for i, d in enumerate(order)}
    small = {d for d, n in present.items() if n < k}
    if small and "other" in present:
        small.add("other")
    # Absorb the smallest non-core department first; Sales/Marketing last.
    pool = grow_to_k(
        present, small, k, key=lambda d: (d in CORE_GROUPS, present[d], rank.get(d, 99))
    )
    cells = [
        Cell(id=d, members=(d,), n=present[d])
        for d in sorted(present, key=lambda d: rank.get(d, 99))
        if d not in pool
    ]
    if pool:
        members = tuple(sorted(pool, key=lambda d: rank.get(d, 99)))
        cell_id = "other" if members == ("other",) else POOL_ID
        cells.append(Cell(id=cell_id, members=members, n=sum(present[d] for d in pool)))
    if len(cells) == 1:
        cells = []  # one cell equal to the total: show the total only
    pooled = tuple(m for c in cells if c.pooled for m in c.members)
    return GroupPlan(k=k, total=total, total_shown=True, cells=tuple(cells), pooled_members=pooled)


def department_codes(departments: Sequence[object] | npt.NDArray[Any]) -> npt.NDArray[np.str_]:
    """Departments as the group plan reads them: no answer counts as ``other``."""
    return np.array(["other" if d is None or d != d else str(d) for d in departments], dtype=str)


def plan_respondents(codes: npt.NDArray[np.str_], k: int) -> GroupPlan:
    """:func:`plan_groups` for one department code per respondent."""
    values, counts = np.unique(codes, return_counts=True)
    return plan_groups(dict(zip(values.tolist(), counts.tolist(), strict=True)), k)


def cell_masks(plan: GroupPlan, codes: npt.NDArray[np.str_]) -> dict[str, npt.NDArray[np.bool_]]:
    """Per displayed cell, which respondents (one department code each) it holds."""
    return {cell.id: np.isin(codes, cell.members) for cell in plan.cells}


__all__ = [
    "CORE_GROUPS",
    "DEPARTMENT_ORDER",
    "GROUP_LABELS",
    "POOL_ID",
    "Cell",
    "GroupPlan",
    "cell_masks",
    "department_codes",
    "plan_groups",
    "plan_respondents",
]
