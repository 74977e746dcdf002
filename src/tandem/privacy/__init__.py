"""Anonymity: the one place that decides what is shown, pooled or withheld.

Rules (analysis.md, "Anonymity"):

* No figure of any kind (mean, distribution, count of answers, response rate) for a set
  of fewer than ``k`` respondents; k is 5 by default and never below 3
  (:mod:`~tandem.privacy.threshold`).
* Differencing: for two displayed sets S ⊂ T, |T \\ S| is 0 or at least ``k``. With the
  total always displayed, a partition whose cells are all >= k satisfies this for
  every cell; a single hidden cell would be derivable from the total and the others.
* A department with at least ``k`` respondents always stands as its own group (the
  Sales–Marketing contrast is the one users need most, and no department that can stand
  alone is hidden in a pool). Departments below ``k`` are *pooled* with each other
  ("other functions"); when that pool stays below ``k`` while two or more departments
  stand alone, its respondents are *withheld*: no figure includes them, the total
  included (it is the sum of the groups shown), and the result names the withheld
  departments, never their size (:mod:`~tandem.privacy.groups`; ``docs/method.md``,
  "Pooling small groups"; the one pooling loop of cells and rates is
  :mod:`~tandem.privacy.pooling`; response rates: :mod:`~tandem.privacy.rates`).
* Per figure (a scale in a group, a decision area in a group), the number of people who
  actually answered can fall below ``k`` even in a large group. Such a cell is withheld,
  and while the withheld cells of a row together hold fewer than k respondents, the
  next smallest cell is withheld too (complementary suppression), so the hidden one cannot
  be recovered by subtraction (the withheld cells together always hold 0 or >= k)
  (:mod:`~tandem.privacy.cells`).
* Filters and waves: a filter value is offered only when no set of 1 to k - 1 people
  becomes derivable, by any linear combination, from everything the pages show; waves
  are compared per group only for groups with the same departments in both, under the
  stricter k (:mod:`~tandem.privacy.differencing`).
* Comments: their own threshold (default 10 answers to the question), shown in random
  order, with no timestamp and no profile (:func:`~tandem.privacy.threshold.comments_shown`).
* The anonymised answers show the displayed group rather than the department and blank
  quasi-identifiers with a small combination (:mod:`~tandem.privacy.microdata`).

Suppression notes never carry the size of a withheld set.
"""

from __future__ import annotations

from tandem.privacy.cells import CellReason, suppress_row, suppression_reason
from tandem.privacy.differencing import (
    DIMENSIONS,
    FilterOptions,
    FilterValue,
    comparable_cells,
    derivable_small_dimension,
    displayed_sets,
    filter_options,
)
from tandem.privacy.groups import (
    CORE_GROUPS,
    GROUP_LABELS,
    POOL_ID,
    Cell,
    GroupPlan,
    included_mask,
    plan_groups,
)
from tandem.privacy.microdata import (
    DROPPED_PROFILE_TEXT,
    QUASI_IDENTIFIERS,
    blanked_columns,
    row_groups,
)
from tandem.privacy.pooling import grow_to_k
from tandem.privacy.rates import POOLED, RateRow, RateTable, response_rates
from tandem.privacy.threshold import (
    DEFAULT_COMMENT_K,
    DEFAULT_K,
    MIN_K,
    check_k,
    comments_shown,
    may_show,
    shown_count,
    wave_k,
)

__all__ = [
    "CORE_GROUPS",
    "DEFAULT_COMMENT_K",
    "DEFAULT_K",
    "DIMENSIONS",
    "DROPPED_PROFILE_TEXT",
    "GROUP_LABELS",
    "MIN_K",
    "POOLED",
    "POOL_ID",
    "QUASI_IDENTIFIERS",
    "Cell",
    "CellReason",
    "FilterOptions",
    "FilterValue",
    "GroupPlan",
    "RateRow",
    "RateTable",
    "blanked_columns",
    "check_k",
    "comments_shown",
    "comparable_cells",
    "derivable_small_dimension",
    "displayed_sets",
    "filter_options",
    "grow_to_k",
    "included_mask",
    "may_show",
    "plan_groups",
    "response_rates",
    "row_groups",
    "shown_count",
    "suppress_row",
    "suppression_reason",
    "wave_k",
]
