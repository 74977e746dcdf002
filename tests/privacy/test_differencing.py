"""What may be shown given what is shown already.

Filters never show a set below k nor one whose difference with another shown set (or any
linear combination of shown sets) is 1 to k - 1 people; waves are compared per group only
where the group is the same set of departments in both."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.privacy.cells import suppress_row
from tandem.privacy.differencing import (
    FilterOptions,
    comparable_cells,
    department_codes,
    derivable_small_dimension,
    displayed_sets,
    filter_options,
    plan_masks,
)
from tandem.privacy.groups import POOL_ID, plan_groups

DEPARTMENTS = ("sales", "marketing", "service", "management", "other", None)
LEVELS = ("staff", "manager", "director", None)
TENURES = ("lt1", "1to3", "3to10", "gt10", None)


def _pairs_ok(sets: list[np.ndarray], k: int) -> list[tuple[int, int, int]]:
    bad = []
    for (i, s), (j, t) in itertools.permutations(enumerate(sets), 2):
        if np.all(t[s]) and 0 < int(np.count_nonzero(t & ~s)) < k:
            bad.append((i, j, int(np.count_nonzero(t & ~s))))
    return bad


profiles = st.integers(min_value=0, max_value=90).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(DEPARTMENTS), min_size=n, max_size=n),
        st.lists(st.sampled_from(LEVELS), min_size=n, max_size=n),
        st.lists(st.sampled_from(TENURES), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


@settings(max_examples=150, deadline=None)
@given(profile=profiles, k=st.integers(min_value=3, max_value=7))
def test_no_displayed_pair_or_combination_reveals_a_small_set(
    profile: tuple[list[str | None], ...], k: int
) -> None:
    department, level, tenure, answered = profile
    columns = {"department": department, "level": level, "tenure": tenure}
    mask = np.array(answered, dtype=bool)
    options = filter_options(columns, k, figure_masks={"some_item": mask})
    for value in options.offered():  # a filter is neither below k nor everyone
        assert k <= int(_chosen(columns, value.dimension, value.value).sum()) < len(department)
    sets = displayed_sets(columns, k, options)
    for s in sets:
        assert int(s.sum()) >= k
    assert _pairs_ok(sets, k) == []
    # Stronger: no linear combination of shown sets is a set of 1..k-1 people.
    assert derivable_small_dimension(sets, k) == 0
    # And through the figure mask: every figure of the item as the page shows it, the
    # row of each view (total, then cells) after complementary suppression.
    visible = [s for row in _rows(columns, k, options) for s in _shown_through(row, mask, k)]
    assert _pairs_ok(visible, k) == []
    assert derivable_small_dimension(visible, k) == 0


def _rows(columns: dict[str, list[str | None]], k: int,
          options: FilterOptions) -> list[list[np.ndarray]]:
    """The unfiltered view's total and cells, then each offered filter value's."""
    departments = department_codes(columns["department"])
    rows = [plan_masks(departments, np.ones(departments.size, dtype=bool), k)]
    for value in options.offered():
        rows.append(plan_masks(departments, _chosen(columns, value.dimension, value.value), k))
    return [row for row in rows if row]


def _chosen(columns: dict[str, list[str | None]], dimension: str, value: str) -> np.ndarray:
    """The respondents a filter value picks (no department given counts as other)."""
    if dimension == "department":
        return department_codes(columns["department"]) == value
    return np.array(["" if v is None else v for v in columns[dimension]]) == value


def _shown_through(row: list[np.ndarray], mask: np.ndarray, k: int) -> list[np.ndarray]:
    """What the core shows of one row for a figure answered by ``mask``."""
    total, cells = row[0] & mask, [c & mask for c in row[1:]]
    shown_total = int(total.sum()) >= k
    hidden = suppress_row({str(i): int(c.sum()) for i, c in enumerate(cells)}, k, shown_total)
    return ([total] if shown_total else []) + [
        c for i, c in enumerate(cells) if str(i) not in hidden]


def test_a_three_person_department_cannot_be_isolated_by_any_filter_or_subtraction() -> None:
    rng = np.random.default_rng(7)
    department = ["sales"] * 20 + ["marketing"] * 12 + ["service"] * 9 + ["management"] * 3
    level = [str(x) for x in rng.choice(["staff", "manager"], size=len(department) - 3)]
    level += ["director"] * 3  # the three managers are the only directors
    tenure = [str(x) for x in rng.choice(["lt1", "1to3", "3to10"], size=len(department))]
    columns = {"department": department, "level": level, "tenure": tenure}
    k = 5
    options = filter_options(columns, k)
    offered = {(v.dimension, v.value) for v in options.offered()}
    assert ("department", "management") not in offered
    assert ("level", "director") not in offered
    sets = displayed_sets(columns, k, options)
    assert _pairs_ok(sets, k) == []
    management = np.array([d == "management" for d in department])
    people = np.flatnonzero(management)
    matrix = np.column_stack(sets).T.astype(float)
    rank = np.linalg.matrix_rank(matrix)
    # Every subset of the three people: is its indicator a combination of shown sets?
    for size in (1, 2, 3):
        for chosen in itertools.combinations(people, size):
            x = np.zeros(len(department))
            x[list(chosen)] = 1.0
            assert np.linalg.matrix_rank(np.vstack([matrix, x])) > rank, chosen
    # Each offered filter also gives its own diagnosis cells; none is management alone.
    for s in sets:
        assert not np.array_equal(s, management)


def test_the_rest_of_a_dimension_is_not_derivable() -> None:
    """U − staff − manager would be the directors: the last value is refused."""
    department = ["sales"] * 30 + ["marketing"] * 30
    level = ["staff"] * 25 + ["manager"] * 5 + ["staff"] * 23 + ["manager"] * 5 + ["director"] * 2
    options = filter_options({"department": department, "level": level}, 5)
    levels = {v.value: v for v in options.values if v.dimension == "level"}
    assert levels["director"].reason == "below_k"
    assert not (levels["staff"].offered and levels["manager"].offered)


def test_everyone_in_one_value_is_not_a_filter() -> None:
    options = filter_options({"department": ["sales"] * 6 + ["marketing"] * 6,
                              "level": ["staff"] * 12}, 5)
    assert [v.reason for v in options.values if v.dimension == "level"] == ["everyone"]


def test_below_k_scan_offers_nothing() -> None:
    assert filter_options({"department": ["sales"] * 3}, 5).values == ()


@pytest.mark.parametrize("k", [3, 5])
def test_a_large_organisation_gets_its_filters(k: int) -> None:
    rng = np.random.default_rng(1)
    n = 2000
    columns = {
        "department": list(rng.choice(["sales", "marketing", "service"], n)),
        "level": list(rng.choice(["staff", "manager", "director"], n, p=[0.7, 0.2, 0.1])),
        "tenure": list(rng.choice(["lt1", "1to3", "3to10", "gt10"], n)),
    }
    options = filter_options(columns, k)
    assert len(options.offered("level")) == 3
    assert len(options.offered("tenure")) == 4
    assert options.to_dict()["k"] == k


def test_a_department_filter_never_shows_what_complementary_suppression_withholds() -> None:
    """The leak found by tests/web/test_anonymity_attack.py, in the filter offer alone: one
    skip in the pooled group is enough to withdraw the filter that would complete the
    subtraction (total minus the sales, service and management filters)."""
    k = 5
    department = [*["sales"] * 20, *["service"] * 10, *["management"] * 8,
                  *["marketing"] * 3, None, None]
    answered = np.ones(len(department), dtype=bool)
    everyone = filter_options({"department": department}, k, figure_masks={"item": answered})
    assert everyone.allows("department", "management")
    answered[-1] = False  # one of the pooled five leaves the statement open
    one_open = filter_options({"department": department}, k, figure_masks={"item": answered})
    assert not one_open.allows("department", "management")
    assert one_open.allows("department", "sales") and one_open.allows("department", "service")


def test_refusals_say_why_but_never_how_many() -> None:
    options = filter_options({"department": ["sales"] * 12 + ["marketing"] * 3}, 5)
    reasons = {v.value: v.reason for v in options.values}
    assert reasons == {"sales": "derivable", "marketing": "below_k"}
    assert all(set(v) == {"dimension", "value", "offered", "reason"}
               for v in options.to_dict()["values"])


# ---------------------------------------------------------------- waves


def test_waves_compare_a_group_only_when_it_holds_the_same_departments() -> None:
    before = plan_groups({"sales": 20, "marketing": 9, "service": 3, "other": 4}, 5)
    after = plan_groups({"sales": 22, "marketing": 8, "service": 6, "other": 4,
                         "management": 3}, 5)
    # The pool was service + other, now management + other: comparing the two pools
    # would compare sets that differ by a small team.
    assert {c.id: c.members for c in before.cells}[POOL_ID] == ("service", "other")
    assert {c.id: c.members for c in after.cells}[POOL_ID] == ("management", "other")
    assert comparable_cells(before, after) == ["sales", "marketing"]
    assert comparable_cells(before, before) == ["sales", "marketing", POOL_ID]


@given(
    before=st.dictionaries(st.sampled_from(DEPARTMENTS[:5]), st.integers(0, 30), min_size=1),
    after=st.dictionaries(st.sampled_from(DEPARTMENTS[:5]), st.integers(0, 30), min_size=1),
    k=st.integers(min_value=3, max_value=8),
)
def test_compared_groups_are_the_same_sets_of_departments_in_both_waves(
    before: dict[str, int], after: dict[str, int], k: int
) -> None:
    a, b = plan_groups(before, k), plan_groups(after, k)
    members_a = {c.id: c.members for c in a.cells}
    members_b = {c.id: c.members for c in b.cells}
    for cell in comparable_cells(a, b):
        assert members_a[cell] == members_b[cell]
    assert set(comparable_cells(a, b)) == {
        c for c in members_a if members_b.get(c) == members_a[c]}


def test_withheld_respondents_cannot_be_derived_from_any_filter_or_subtraction() -> None:
    # 6 Sales, 6 Marketing, 3 Service at k = 5: Service is withheld; level filters cut
    # across it (two of the Service people are managers, as are three Sales people).
    department = ["sales"] * 6 + ["marketing"] * 6 + ["service"] * 3
    level = (["manager"] * 3 + ["staff"] * 3 + ["staff"] * 6 + ["manager"] * 2 + ["staff"])
    tenure = ["lt1", "1to3", "3to10"] * 5
    columns = {"department": department, "level": level, "tenure": tenure}
    k = 5
    options = filter_options(columns, k)
    sets = displayed_sets(columns, k, options)
    service = np.flatnonzero(np.array(department) == "service")
    everyone = sets[0]
    assert int(everyone.sum()) == 12 and not everyone[service].any()
    assert derivable_small_dimension(sets, k) == 0
    matrix = np.column_stack(sets).T.astype(float)
    rank = np.linalg.matrix_rank(matrix)
    for size in (1, 2, 3):
        for chosen in itertools.combinations(service, size):
            x = np.zeros(len(department))
            x[list(chosen)] = 1.0
            assert np.linalg.matrix_rank(np.vstack([matrix, x])) > rank, chosen


def test_a_filter_whose_plan_withholds_counts_only_the_people_it_shows() -> None:
    department = np.array(["sales"] * 6 + ["marketing"] * 6 + ["service"] * 3)
    everyone = plan_masks(department, np.ones(department.size, dtype=bool), 5)
    assert int(everyone[0].sum()) == 12  # the total is the groups shown
    assert [int(s.sum()) for s in everyone[1:]] == [6, 6]
