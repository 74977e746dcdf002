"""What may be shown given what is shown already: filters, and waves side by side.

Filters (department, level, tenure): which a results page may offer without exposing anyone.

A filter shows a second diagnosis of a subset F of the respondents: its total and the
cells its own group plan shows (the total without the respondents that plan withholds,
as for the unfiltered result). Together with the unfiltered total and cells, and with
every other filter value a user may pick in turn, these are the *displayed sets*. The
rule of ``analysis.md`` ("Anonymity") is that for every two displayed sets S ⊂ T,
|T \\ S| is 0 or at least k. Pairs are not enough, though: figures are sums, so
*any* set whose indicator is a linear combination of displayed sets can be derived
(``U − F_staff − F_manager`` gives the directors even when no single pair is small).
This module therefore checks the exact linear condition, of which the pairwise rule is
a special case:

* The displayed sets cut the respondents into *atoms* (people who belong to exactly the
  same displayed sets). Every displayed set is a union of atoms, and so is everything
  that can be derived from them: a derived set is a vector in the span V of the
  displayed sets' indicator vectors over the atoms.
* An atom with 1 to k − 1 people is *small*. A derivable set of 1 to k − 1 people
  consists of small atoms only, so it lies in W = V ∩ span(small atoms).
* We compute dim W = rank(V) + #small − rank(V ∪ small units). With the unfiltered
  plan alone dim W is 0 (its cells hold at least k people each). A filter value is
  offered only when adding its sets keeps dim W where it was: then nothing derivable
  got smaller than k. (This is conservative: it also refuses a filter when the newly
  derivable set is a union of small atoms that together hold k or more.)

Item non-response: a figure stands on the people who answered (a scale score needs two
thirds of its items; a decision area counts those who named someone). For each such
*figure mask* R the same check runs on the sets S ∩ R whose figure the page can show
(|S ∩ R| >= k), so that, e.g., a filtered scale score never rests on a set whose
difference with the unfiltered score's set is 1 to k − 1 people. The unfiltered row
counts as shown only as the core shows it: without the cells that complementary
suppression withholds (else a department's filter, which shows such a cell as its own
total, would look like nothing new, while the total minus the departments' filters
gives the small cell). Rather than withhold single cells inside a filtered result, the
whole filter value is withheld: it keeps the Result contract unchanged and the rule
easy to explain ("this filter would make a small group derivable").

One dimension at a time: a user can pick ``level = manager`` or ``tenure = 1to3`` but
not both together. Combinations multiply the displayed sets (every value pair and its
cells) and with them the small atoms, so most would be refused anyway, and each one
offered would constrain all the others. Values of all dimensions are still checked
*together* (a user may look at one after the other), in a fixed order: departments,
then level, then tenure, larger values first, so the same data always give the same
offer.

Waves: a group is compared across two waves only when it holds the same departments in
both (:func:`comparable_cells`; a pool that changed members would make the difference of
two pools a small set), only where each wave's own report shows the group's figure, and
under the stricter of the two thresholds (:func:`tandem.privacy.threshold.wave_k`).
Each wave's overall figures cover the respondents its report includes, and the waves
are compared only when the stricter threshold withholds the same departments as each
wave's own report does (:func:`same_withheld`): else the comparison's overall figure and
the report's would differ by a pool of fewer than k people.

Pure Python and numpy; no Django. The web layer builds the filtered diagnosis with
:meth:`tandem.responses.ResponseSet.subset` and :func:`tandem.analysis.diagnose.diagnose`
for an offered value only; :mod:`tandem.filters` adds each figure's respondents.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tandem.privacy.cells import suppress_row
from tandem.privacy.groups import (
    GroupPlan,
    cell_masks,
    department_codes,
    included_mask,
    plan_respondents,
)
from tandem.privacy.threshold import check_k, may_show

BoolArray = npt.NDArray[np.bool_]
DIMENSIONS: tuple[str, ...] = ("department", "level", "tenure")
Refusal = Literal["below_k", "derivable", "everyone"]


@dataclass(frozen=True, slots=True)
class FilterValue:
    """One value of one dimension, and whether a page may offer it."""

    dimension: str
    value: str
    offered: bool
    reason: Refusal | None = None  # why not; never the size of anything


@dataclass(frozen=True, slots=True)
class FilterOptions:
    """The decision for every value that occurs; pages offer the ``offered`` ones only."""

    k: int
    values: tuple[FilterValue, ...]

    def offered(self, dimension: str | None = None) -> tuple[FilterValue, ...]:
        return tuple(
            v for v in self.values if v.offered and (dimension is None or v.dimension == dimension)
        )

    def allows(self, dimension: str, value: str) -> bool:
        return any(v.dimension == dimension and v.value == value for v in self.offered())

    def dimensions(self) -> tuple[str, ...]:
        """The dimensions with at least one offered value, in the fixed order."""
        seen = [v.dimension for v in self.offered()]
        return tuple(d for d in DIMENSIONS if d in seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "k": self.k,
            "values": [
                {"dimension": v.dimension, "value": v.value, "offered": v.offered,
                 "reason": v.reason}
                for v in self.values
            ],
        }


def plan_masks(departments: npt.NDArray[np.str_], within: BoolArray, k: int) -> list[BoolArray]:
    """The total (when shown) and the cells the group plan shows for the people in ``within``.

    The total is the people the figures include: those of ``within`` whose department
    the plan does not withhold (a pool that stays below k is in no figure at all).
    """
    plan = plan_respondents(departments[within], k)
    if not plan.total_shown:
        return []
    total = within & included_mask(plan, departments)
    return [total, *(within & m for m in cell_masks(plan, departments).values())]


def filter_options(
    profile: Mapping[str, Sequence[object] | npt.NDArray[Any]],
    k: int,
    *,
    base_sets: Sequence[BoolArray] | None = None,
    figure_masks: Mapping[str, BoolArray] | None = None,
    dimensions: Sequence[str] = DIMENSIONS,
) -> FilterOptions:
    """Decide which filter values may be offered (see the module docstring).

    ``profile`` holds a column per dimension (one entry per respondent; ``None`` for no
    answer) and must hold ``department``. ``base_sets`` are the displayed sets of the
    unfiltered result (its total and cells); by default they are derived from the
    departments exactly as the core's group plan does. ``figure_masks`` name, per
    figure, the respondents behind it (answered the item, have the scale score).

    Every displayed set is a function of the profile, so the work is done over the
    distinct profile combinations (a few dozen), weighted by how many people of each
    combination stand behind a figure: fast for 100,000 respondents.
    """
    check_k(k)
    departments = department_codes(profile["department"])
    n = departments.size
    everyone = np.ones(n, dtype=bool)
    base = list(base_sets) if base_sets is not None else plan_masks(departments, everyone, k)
    if not base:  # the whole scan is below k: nothing is shown, so nothing to filter
        return FilterOptions(k, ())
    columns = {
        d: departments.astype(object) if d == "department" else _column(profile[d])
        for d in dimensions if d in profile
    }
    keys = np.array(
        ["\x1f".join("" if c[i] is None else str(c[i]) for c in columns.values()) + "\x1f"
         + "".join("1" if b[i] else "0" for b in base) for i in range(n)],
        dtype=object,
    )
    _, first, combo = np.unique(keys, return_index=True, return_inverse=True)
    n_combos = first.size

    def on_combos(mask: BoolArray) -> BoolArray:
        # Every set here is a function of the profile: read it at one person per combo.
        return mask[first]

    masks: list[BoolArray] = [everyone, *(figure_masks or {}).values()]
    checkers = [
        _Span(np.bincount(combo[m], minlength=n_combos).astype(np.float64), k) for m in masks
    ]
    base_c = [on_combos(s) for s in base]
    for checker in checkers:
        checker.add(checker.displayed_row(base_c))
    values: list[FilterValue] = []
    for dimension, column in columns.items():
        present = [v for v in column if v is not None]
        codes, counts = np.unique(np.array(present, dtype=str), return_counts=True)
        for code, count in sorted(zip(codes.tolist(), counts.tolist(), strict=True),
                                  key=lambda c: (-c[1], c[0])):
            chosen = column == code
            if not may_show(count, k):
                values.append(FilterValue(dimension, code, False, "below_k"))
                continue
            if count == n:
                values.append(FilterValue(dimension, code, False, "everyone"))
                continue
            sets = [on_combos(s) for s in plan_masks(departments, chosen, k)]
            if all(c.accepts(sets) for c in checkers):
                for c in checkers:
                    c.add(sets)
                values.append(FilterValue(dimension, code, True))
            else:
                values.append(FilterValue(dimension, code, False, "derivable"))
    return FilterOptions(k, tuple(values))


def _column(values: Sequence[object] | npt.NDArray[Any]) -> npt.NDArray[np.object_]:
    return np.array([None if v is None or v != v or v == "" else str(v) for v in values],
                    dtype=object)


class _Span:
    """The displayed sets as seen through one figure mask, and the derivability test.

    Sets are boolean vectors over profile combinations; ``weights`` counts the people
    of each combination inside the mask.
    """

    def __init__(self, weights: npt.NDArray[np.float64], k: int) -> None:
        self.weights = weights
        self.k = k
        self.sets: list[BoolArray] = []
        self.small_dim = 0

    def displayed_row(self, row: Sequence[BoolArray]) -> list[BoolArray]:
        """A row (its total, then its cells) as the core shows it through this mask.

        Besides a cell below k, :func:`~tandem.privacy.cells.suppress_row` withholds the next
        smallest cells until the hidden ones hold 0 or >= k people. Counting those as
        shown would make the small cell derivable in the baseline, and a filter that
        shows a withheld cell as its own total (a department's filter) would then pass
        as adding nothing new, while total minus the filters isolates the small cell.
        """
        if len(row) < 2:
            return list(row)
        total, cells = row[0], row[1:]
        n_valid = {str(i): round(float(self.weights @ c)) for i, c in enumerate(cells)}
        hidden = suppress_row(n_valid, self.k, may_show(float(self.weights @ total), self.k))
        return [total, *(c for i, c in enumerate(cells) if str(i) not in hidden)]

    def _visible(self, sets: Sequence[BoolArray]) -> list[BoolArray]:
        # A figure over fewer than k people is withheld by the core: it is not displayed.
        return [s for s in sets if may_show(float(self.weights @ s), self.k)]

    def accepts(self, sets: Sequence[BoolArray]) -> bool:
        dim = derivable_small_dimension(self.sets + self._visible(sets), self.k, self.weights)
        return dim <= self.small_dim

    def add(self, sets: Sequence[BoolArray]) -> None:
        self.sets += self._visible(sets)
        self.small_dim = derivable_small_dimension(self.sets, self.k, self.weights)


def derivable_small_dimension(
    sets: Sequence[BoolArray], k: int, weights: npt.NDArray[np.float64] | None = None
) -> int:
    """dim(V ∩ span(small atoms)): 0 means no set of 1..k-1 people can be derived.

    V is the span of the sets' indicator vectors over the atoms they induce; each
    position of a set stands for ``weights[i]`` people (one each by default).
    """
    if not sets:
        return 0
    membership = np.column_stack(sets)
    w = np.ones(membership.shape[0]) if weights is None else np.asarray(weights)
    keep = membership.any(axis=1) & (w > 0)
    if not keep.any():
        return 0
    patterns, inverse = np.unique(membership[keep], axis=0, return_inverse=True)
    sizes = np.bincount(inverse.ravel(), weights=w[keep], minlength=patterns.shape[0])
    small = np.flatnonzero(sizes < k)
    if small.size == 0:
        return 0
    matrix = patterns.T.astype(np.float64)  # one row per set, one column per atom
    rank_v = int(np.linalg.matrix_rank(matrix))
    units = np.zeros((small.size, matrix.shape[1]))
    units[np.arange(small.size), small] = 1.0
    rank_sum = int(np.linalg.matrix_rank(np.vstack([matrix, units])))
    return rank_v + int(small.size) - rank_sum


def displayed_sets(
    profile: Mapping[str, Sequence[object] | npt.NDArray[Any]],
    k: int,
    options: FilterOptions,
) -> list[BoolArray]:
    """Every set the pages can show: the unfiltered total and cells, then per offered
    filter value its total and cells. For tests and audits."""
    departments = department_codes(profile["department"])
    sets = plan_masks(departments, np.ones(departments.size, dtype=bool), k)
    for value in options.offered():
        column = (
            departments
            if value.dimension == "department"
            else _column(profile[value.dimension])
        )
        sets += plan_masks(departments, column == value.value, k)
    return sets


def same_withheld(codes: npt.NDArray[np.str_], k: int, own_k: int) -> bool:
    """Whether the plan under ``k`` (a wave comparison's) includes exactly the respondents
    the plan under ``own_k`` (the wave's own report) includes."""
    if k == own_k:
        return True
    here, own = plan_respondents(codes, k), plan_respondents(codes, own_k)
    return bool(np.array_equal(included_mask(here, codes), included_mask(own, codes)))


def comparable_cells(before: GroupPlan, after: GroupPlan) -> list[str]:
    """The cells of ``before`` that ``after`` shows with exactly the same departments."""
    members_after = {c.id: c.members for c in after.cells}
    return [c.id for c in before.cells if members_after.get(c.id) == c.members]


__all__ = [
    "DIMENSIONS",
    "FilterOptions",
    "FilterValue",
    "Refusal",
    "comparable_cells",
    "department_codes",
    "derivable_small_dimension",
    "displayed_sets",
    "filter_options",
    "plan_masks",
    "same_withheld",
]
