"""Complementary suppression within one row: the withheld cells hold 0 or at least k."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy.cells import suppress_row, suppression_reason

DEPARTMENTS = ("sales", "marketing", "service", "management", "other", "pooled")

rows = st.dictionaries(
    st.sampled_from(DEPARTMENTS), st.integers(min_value=0, max_value=30), min_size=1
)


@given(n_valid=rows, k=st.integers(min_value=3, max_value=10))
def test_row_suppression_leaves_nothing_small_to_subtract(n_valid: dict[str, int], k: int) -> None:
    hidden = suppress_row(n_valid, k)
    for cell, n in n_valid.items():
        if cell not in hidden:
            assert n >= k
    withheld = sum(n_valid[c] for c in hidden)
    total = sum(n_valid.values())
    # total - (sum of shown cells) = the withheld set: empty, or at least k (or all of it)
    assert withheld == 0 or withheld >= k or withheld == total


@given(n_valid=rows, k=st.integers(min_value=3, max_value=10))
def test_without_a_shown_total_only_the_small_cells_go(n_valid: dict[str, int], k: int) -> None:
    assert suppress_row(n_valid, k, total_shown=False) == {c for c, n in n_valid.items() if n < k}


@given(n_valid=rows, k=st.integers(min_value=3, max_value=10))
def test_every_withheld_cell_has_a_reason_that_never_says_its_size(
    n_valid: dict[str, int], k: int
) -> None:
    for cell in suppress_row(n_valid, k):
        reason = suppression_reason(n_valid[cell], k)
        assert reason == ("below_k" if n_valid[cell] < k else "complementary")


def test_two_small_cells_are_not_enough_cover_for_each_other() -> None:
    hidden = suppress_row({"sales": 20, "marketing": 12, "service": 1, "other": 1}, 5)
    assert hidden == {"service", "other", "marketing"}


def test_the_smallest_shown_cell_covers_a_lone_small_one() -> None:
    assert suppress_row({"sales": 20, "marketing": 8, "service": 9, "other": 2}, 5) == {
        "other", "marketing"}


def test_a_row_of_large_cells_withholds_nothing() -> None:
    assert suppress_row({"sales": 20, "marketing": 8}, 5) == set()


def test_an_empty_cell_needs_no_cover() -> None:
    assert suppress_row({"sales": 20, "marketing": 8, "service": 0}, 5) == {"service"}
