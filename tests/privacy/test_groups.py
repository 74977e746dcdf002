"""The partition into displayed groups: no displayed set and no difference of nested
displayed sets below k; a department that reaches k stands alone, smaller ones are
pooled, and a pool that stays below k is withheld from every figure."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.groups import (
    POOL_ID,
    cell_masks,
    department_codes,
    included_mask,
    plan_groups,
    plan_respondents,
)

DEPARTMENTS = ("sales", "marketing", "service", "management", "other")

counts_strategy = st.dictionaries(
    st.sampled_from(DEPARTMENTS), st.integers(min_value=0, max_value=40), min_size=1
)


@given(counts=counts_strategy, k=st.integers(min_value=3, max_value=12))
def test_every_displayed_cell_and_every_difference_is_at_least_k(
    counts: dict[str, int], k: int
) -> None:
    plan = plan_groups(counts, k)
    everyone = sum(counts.values())
    assert plan.total_shown == (everyone >= k)
    if not plan.total_shown:
        assert plan.cells == () and plan.withheld == ()
        return
    members = [m for c in plan.cells for m in c.members]
    assert len(members) == len(set(members)), "cells must not overlap"
    assert not set(members) & set(plan.withheld), "a withheld department is in no cell"
    present = {d for d, n in counts.items() if n > 0}
    withheld_n = sum(counts[d] for d in plan.withheld)
    assert plan.total == everyone - withheld_n
    assert plan.total >= k
    if plan.cells:
        assert set(members) | set(plan.withheld) == present
        assert sum(c.n for c in plan.cells) == plan.total
    else:
        assert plan.withheld == ()
    # The total minus the shown cells: 0, or the whole total when no cell is shown.
    rest = plan.total - sum(c.n for c in plan.cells)
    assert rest == 0 or rest >= k
    for cell in plan.cells:
        assert cell.n >= k
        # The total and the cell are nested displayed sets: their difference is 0 or >= k.
        assert plan.total - cell.n == 0 or plan.total - cell.n >= k
        assert cell.n == sum(counts[m] for m in cell.members)
    if plan.withheld:
        assert 0 < withheld_n < k  # withheld only when pooling cannot protect them
        assert len(plan.cells) >= 2 and not any(c.pooled for c in plan.cells)


@given(counts=counts_strategy, k=st.integers(min_value=3, max_value=12))
def test_no_department_that_reaches_k_is_pooled_or_withheld(counts: dict[str, int], k: int) -> None:
    plan = plan_groups(counts, k)
    if not plan.total_shown:
        return
    for department, n in counts.items():
        if department == "other" or n < k:
            continue
        assert department not in plan.withheld
        assert department not in plan.pooled_members
        if plan.cells:
            assert plan.cell_of(department) == department, (department, plan)


@given(counts=counts_strategy, k=st.integers(min_value=3, max_value=12))
def test_only_departments_below_k_are_withheld(counts: dict[str, int], k: int) -> None:
    plan = plan_groups(counts, k)
    assert all(0 < counts[d] < k for d in plan.withheld)
    assert all(counts[d] < k or d == "other" for d in plan.pooled_members)


def test_issue_case_one_sales_and_marketing_keep_their_figures_service_is_withheld() -> None:
    # 6 Sales, 6 Marketing, 3 Service, k = 5: once "Marketing 6, pooled 9".
    plan = plan_groups({"sales": 6, "marketing": 6, "service": 3}, 5)
    assert [(c.id, c.n) for c in plan.cells] == [("sales", 6), ("marketing", 6)]
    assert plan.withheld == ("service",)
    assert plan.pooled_members == ()
    assert plan.total == 12 and plan.total_shown


def test_issue_case_two_small_groups_together_below_k_are_withheld_not_sales() -> None:
    # 6 Sales, 6 Marketing, 2 Service, 2 management: once Sales was pooled.
    plan = plan_groups({"sales": 6, "marketing": 6, "service": 2, "management": 2}, 5)
    assert [(c.id, c.n) for c in plan.cells] == [("sales", 6), ("marketing", 6)]
    assert plan.withheld == ("service", "management")
    assert plan.total == 12


def test_small_groups_that_together_reach_k_are_pooled_not_withheld() -> None:
    plan = plan_groups({"sales": 6, "marketing": 6, "service": 3, "management": 2}, 5)
    assert [(c.id, c.members, c.n) for c in plan.cells] == [
        ("sales", ("sales",), 6), ("marketing", ("marketing",), 6),
        (POOL_ID, ("service", "management"), 5)]
    assert plan.withheld == () and plan.total == 17


def test_service_that_reaches_k_stands_alone() -> None:
    plan = plan_groups({"sales": 6, "marketing": 6, "service": 7, "management": 2}, 5)
    assert [c.id for c in plan.cells] == ["sales", "marketing", "service"]
    assert plan.withheld == ("management",)


def test_one_group_that_stands_alone_and_a_small_pool_show_the_total_only() -> None:
    # No contrast to keep: everyone in the total, no group, nobody left out.
    plan = plan_groups({"sales": 6, "service": 2}, 5)
    assert plan.total_shown and plan.cells == () and plan.withheld == ()
    assert plan.total == 8


def test_small_service_group_is_pooled_with_other_not_exposed() -> None:
    plan = plan_groups({"sales": 20, "marketing": 9, "service": 3, "other": 4}, 5)
    ids = {c.id: c for c in plan.cells}
    assert set(ids) == {"sales", "marketing", POOL_ID}
    assert ids[POOL_ID].members == ("service", "other")
    assert ids[POOL_ID].n == 7


def test_a_pool_below_k_absorbs_no_department_that_stands_alone() -> None:
    plan = plan_groups({"sales": 20, "marketing": 6, "service": 8, "management": 2}, 5)
    assert [c.id for c in plan.cells] == ["sales", "marketing", "service"]
    assert plan.withheld == ("management",)


def test_whole_scan_below_k_shows_nothing() -> None:
    plan = plan_groups({"sales": 2, "marketing": 2}, 5)
    assert not plan.total_shown
    assert plan.cells == ()


def test_single_cell_equal_to_total_is_not_repeated() -> None:
    plan = plan_groups({"sales": 4, "marketing": 3}, 5)
    assert plan.total_shown
    assert plan.cells == ()


def test_a_lone_other_group_keeps_its_own_name() -> None:
    plan = plan_groups({"sales": 9, "marketing": 7, "other": 6}, 5)
    assert [c.id for c in plan.cells] == ["sales", "marketing", "other"]
    plan = plan_groups({"sales": 9, "marketing": 7, "other": 6, "service": 1}, 5)
    assert [(c.id, c.members) for c in plan.cells][-1] == (POOL_ID, ("service", "other"))
    assert plan.pooled_members == ("service", "other")
    assert plan.cell_of("other") == POOL_ID and plan.cell_of("absent") is None


def test_other_joins_a_pool_of_small_departments_and_can_lift_it_to_k() -> None:
    plan = plan_groups({"sales": 20, "marketing": 6, "service": 2, "other": 3}, 5)
    assert {c.id: c.members for c in plan.cells} == {
        "sales": ("sales",), "marketing": ("marketing",), POOL_ID: ("service", "other")}
    assert plan.withheld == ()


def test_k_below_three_is_refused_by_the_plan() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        plan_groups({"sales": 10}, 2)


def test_respondents_without_a_department_count_as_other() -> None:
    codes = department_codes(["sales", None, float("nan"), "marketing", "other"])
    assert codes.tolist() == ["sales", "other", "other", "marketing", "other"]


@given(
    people=st.lists(st.sampled_from((*DEPARTMENTS, None)), max_size=60),
    k=st.integers(min_value=3, max_value=8),
)
def test_cell_masks_cover_each_included_respondent_once_and_match_the_plan(
    people: list[str | None], k: int
) -> None:
    codes = department_codes(people)
    plan = plan_respondents(codes, k)
    masks = cell_masks(plan, codes)
    included = included_mask(plan, codes)
    assert list(masks) == [c.id for c in plan.cells]
    assert int(included.sum()) == (plan.total if plan.total_shown else 0)
    for cell in plan.cells:
        assert int(masks[cell.id].sum()) == cell.n
    if masks:
        # Each included respondent in exactly one cell, each withheld one in none.
        assert (np.sum(list(masks.values()), axis=0) == included.astype(int)).all()


def test_included_mask_leaves_out_the_withheld_departments_only() -> None:
    codes = department_codes(["sales"] * 6 + ["marketing"] * 6 + ["service"] * 2 + [None] * 2)
    plan = plan_respondents(codes, 5)
    assert plan.withheld == ("service", "other")
    assert included_mask(plan, codes).tolist() == [True] * 12 + [False] * 4
