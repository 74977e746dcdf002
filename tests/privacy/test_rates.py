"""Response rates: no finished count below k, and none derivable from the total."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.rates import POOLED, response_rates

counts_strategy = st.dictionaries(
    st.sampled_from(("sales", "marketing", "service", "management", "other", "")),
    st.integers(min_value=0, max_value=30).flatmap(
        lambda invited: st.tuples(st.just(invited), st.integers(min_value=0, max_value=invited))
    ),
)


def test_rates_withheld_below_k_and_small_departments_pooled() -> None:
    table = response_rates({"sales": (10, 6), "marketing": (8, 5), "service": (4, 2),
                            "": (3, 1)}, k=5)
    shown = {r.key: r.finished for r in table.rows}
    # service (2) and unknown (1) pool to 3 < 5, so marketing (5) joins the pool: 8 >= 5
    assert shown == {"sales": 6, POOLED: 8}
    pooled = next(r for r in table.rows if r.key == POOLED)
    assert set(pooled.members) == {"", "marketing", "service"}
    assert table.total.finished == 14


def test_rates_all_withheld_when_total_below_k() -> None:
    table = response_rates({"sales": (10, 3), "marketing": (8, 1)}, k=5)
    assert table.total.finished is None
    assert all(r.finished is None for r in table.rows)
    assert [r.invited for r in table.rows] == [8, 10]


def test_rates_never_let_a_small_cell_be_derived() -> None:
    for counts in ({"a": (9, 9), "b": (9, 1)}, {"a": (9, 5), "b": (9, 5), "c": (9, 4)},
                   {"a": (20, 12), "b": (3, 0)}):
        table = response_rates(counts, k=5)
        shown = sum(r.finished for r in table.rows if r.finished is not None)
        hidden = (table.total.finished or 0) - shown
        assert hidden == 0 or hidden >= 5, (counts, table)
        assert all(r.finished is None or r.finished >= 5 for r in table.rows)


def test_a_department_with_no_response_yet_still_joins_the_pool() -> None:
    table = response_rates({"sales": (10, 7), "marketing": (6, 0)}, k=5)
    pooled = next(r for r in table.rows if r.key == POOLED)
    # The pool holds nobody yet: its count (0) is below k like any other and not shown.
    assert (pooled.members, pooled.invited, pooled.finished, pooled.rate) == (
        ("marketing",), 6, None, None)


@given(counts=counts_strategy, k=st.integers(min_value=3, max_value=8))
def test_no_shown_count_below_k_and_the_rest_of_the_total_zero_or_at_least_k(
    counts: dict[str, tuple[int, int]], k: int
) -> None:
    table = response_rates(counts, k)
    finished_total = sum(f for _i, f in counts.values())
    assert table.total.finished == (finished_total if finished_total >= k else None)
    assert table.total.invited == sum(i for i, _f in counts.values())
    for row in table.rows:
        assert row.finished is None or row.finished >= k
    listed = [m for r in table.rows for m in (r.members if r.key == POOLED else (r.key,))]
    assert sorted(listed) == sorted(counts), "every department once, in a row or the pool"
    if table.total.finished is not None:
        shown = sum(r.finished for r in table.rows if r.finished is not None)
        assert table.total.finished - shown == 0 or table.total.finished - shown >= k
