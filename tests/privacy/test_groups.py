"""The partition into displayed groups: no displayed set and no difference of nested
displayed sets below k; small groups pooled, Sales and Marketing kept last."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.groups import (
    CORE_GROUPS,
    POOL_ID,
    cell_masks,
    department_codes,
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
    total = sum(counts.values())
    assert plan.total_shown == (total >= k)
    if not plan.total_shown:
        assert plan.cells == ()
        return
    members = [m for c in plan.cells for m in c.members]
    assert len(members) == len(set(members)), "cells must not overlap"
    if plan.cells:
        assert set(members) == {d for d, n in counts.items() if n > 0}
        assert sum(c.n for c in plan.cells) == total
    for cell in plan.cells:
        assert cell.n >= k
        # The total and the cell are nested displayed sets: their difference is 0 or >= k.
        assert total - cell.n == 0 or total - cell.n >= k
        assert cell.n == sum(counts[m] for m in cell.members)


@given(counts=counts_strategy, k=st.integers(min_value=3, max_value=12))
def test_pooling_keeps_sales_and_marketing_when_a_non_core_group_could_be_pooled(
    counts: dict[str, int], k: int
) -> None:
    plan = plan_groups(counts, k)
    pool = next((c for c in plan.cells if c.id == POOL_ID), None)
    if pool is None:
        return
    pooled_core_large = [m for m in pool.members if m in CORE_GROUPS and counts[m] >= k]
    if pooled_core_large:
        standalone_non_core = [
            c.id for c in plan.cells if c.id != POOL_ID and c.id not in CORE_GROUPS
        ]
        assert standalone_non_core == []


def test_small_service_group_is_pooled_with_other_not_exposed() -> None:
    plan = plan_groups({"sales": 20, "marketing": 9, "service": 3, "other": 4}, 5)
    ids = {c.id: c for c in plan.cells}
    assert set(ids) == {"sales", "marketing", POOL_ID}
    assert ids[POOL_ID].members == ("service", "other")
    assert ids[POOL_ID].n == 7


def test_pool_too_small_absorbs_smallest_non_core_group_before_marketing() -> None:
    plan = plan_groups({"sales": 20, "marketing": 6, "service": 8, "management": 2}, 5)
    ids = {c.id: c for c in plan.cells}
    assert set(ids) == {"sales", "marketing", POOL_ID}
    assert ids[POOL_ID].members == ("service", "management")


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


def test_core_groups_join_the_pool_only_when_nothing_else_is_left() -> None:
    plan = plan_groups({"sales": 20, "marketing": 6, "service": 2}, 5)
    assert {c.id: c.members for c in plan.cells} == {
        "sales": ("sales",), POOL_ID: ("marketing", "service")}


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
def test_cell_masks_cover_each_respondent_once_and_match_the_plan(
    people: list[str | None], k: int
) -> None:
    codes = department_codes(people)
    plan = plan_respondents(codes, k)
    masks = cell_masks(plan, codes)
    assert list(masks) == [c.id for c in plan.cells]
    for cell in plan.cells:
        assert int(masks[cell.id].sum()) == cell.n
    if masks:
        assert (np.sum(list(masks.values()), axis=0) == 1).all()
