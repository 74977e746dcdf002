"""Anonymity: which groups may be shown, which are pooled, which figures are withheld.

Rules (analysis.md, "Anonymity"):

* No figure of any kind for a set of fewer than ``k`` respondents.
* Differencing: for two displayed sets S ⊂ T, |T \\ S| is 0 or at least ``k``. With the
  total always displayed, a partition whose cells are all >= k satisfies this for
  every cell; a single hidden cell would be derivable from the total and the others.
* Small cells are therefore *pooled* ("other functions") rather than silently exposed,
  and when the pool itself is still too small it absorbs the smallest non-core group
  before it would absorb Sales or Marketing: the Sales–Marketing contrast is the one
  users need most.
* Per figure (a scale in a group, a decision area in a group), the number of people who
  actually answered can fall below ``k`` even in a large group. Such a cell is withheld,
  and while the withheld cells of a row together hold fewer than k respondents, the
  next smallest cell is withheld too (complementary suppression), so the hidden one cannot
  be recovered by subtraction (the withheld cells together always hold 0 or >= k).

Suppression notes never carry the size of a withheld set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tandem.i18n import Text

MIN_K = 3
DEFAULT_K = 5
DEFAULT_COMMENT_K = 10
CORE_GROUPS: tuple[str, ...] = ("sales", "marketing")
POOL_ID = "pooled"

GROUP_LABELS: dict[str, Text] = {
    "sales": Text("Sales", "Sales"),
    "marketing": Text("Marketing", "Marketing"),
    "service": Text("Customer Service", "Customer Service"),
    "management": Text("Commercieel management", "Commercial management"),
    "other": Text("Andere afdelingen", "Other departments"),
    POOL_ID: Text("Overige functies (samengevoegd)", "Other functions (pooled)"),
    "all": Text("Iedereen", "Everyone"),
}


def check_k(k: int) -> int:
    """Validate an anonymity threshold chosen by a user."""
    if k < MIN_K:
        raise ValueError(f"the anonymity threshold must be at least {MIN_K}, not {k}")
    return k


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
    order: Sequence[str] = ("sales", "marketing", "service", "management", "other"),
) -> GroupPlan:
    """Partition the departments into displayable cells of at least ``k`` respondents."""
    check_k(k)
    present = {d: int(n) for d, n in counts.items() if n > 0}
    total = sum(present.values())
    if total < k:
        return GroupPlan(k=k, total=total, total_shown=False, cells=(), pooled_members=())
    rank = {d: i for i, d in enumerate(order)}
    pool = {d for d, n in present.items() if n < k}
    if pool and "other" in present:
        pool.add("other")

    def pool_size() -> int:
        return sum(present[d] for d in pool)

    while 0 < pool_size() < k:
        outside = [d for d in present if d not in pool]
        # Absorb the smallest non-core department first; Sales/Marketing last.
        outside.sort(key=lambda d: (d in CORE_GROUPS, present[d], rank.get(d, 99)))
        pool.add(outside[0])
    cells = [
        Cell(id=d, members=(d,), n=present[d])
        for d in sorted(present, key=lambda d: rank.get(d, 99))
        if d not in pool
    ]
    if pool:
        members = tuple(sorted(pool, key=lambda d: rank.get(d, 99)))
        cell_id = "other" if members == ("other",) else POOL_ID
        cells.append(Cell(id=cell_id, members=members, n=pool_size()))
    if len(cells) == 1:
        cells = []  # one cell equal to the total: show the total only
    pooled = tuple(m for c in cells if c.pooled for m in c.members)
    return GroupPlan(k=k, total=total, total_shown=True, cells=tuple(cells), pooled_members=pooled)


def suppress_row(n_valid: Mapping[str, int], k: int, total_shown: bool = True) -> set[str]:
    """Cells of one row (e.g. one scale across groups) whose figure must be withheld.

    ``n_valid`` maps each displayed cell to the number of respondents behind its figure.
    A cell below ``k`` is withheld; while the withheld cells together hold between 1 and
    k - 1 respondents and the row total is shown, the smallest remaining cell is withheld
    as well, so that subtracting the shown cells from the total reveals no small set.
    """
    hidden = {c for c, n in n_valid.items() if n < k}
    if not total_shown:
        return hidden

    def hidden_total() -> int:
        return sum(n_valid[c] for c in hidden)

    while 0 < hidden_total() < k:
        remaining = sorted((n, c) for c, n in n_valid.items() if c not in hidden)
        if not remaining:
            break
        hidden.add(remaining[0][1])
    return hidden
