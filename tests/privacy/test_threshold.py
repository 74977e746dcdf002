"""The thresholds: k (never below 3), the comment threshold, waves under the stricter k."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.privacy import threshold
from tandem.privacy.threshold import check_k, comments_shown, may_show, shown_count, wave_k


def test_defaults_follow_the_design() -> None:
    assert (threshold.MIN_K, threshold.DEFAULT_K, threshold.DEFAULT_COMMENT_K) == (3, 5, 10)


@pytest.mark.parametrize("k", [-1, 0, 1, 2])
def test_k_below_three_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="at least 3"):
        check_k(k)


@pytest.mark.parametrize("k", [3, 5, 50])
def test_k_from_three_up_is_accepted(k: int) -> None:
    assert check_k(k) == k


@given(n=st.integers(min_value=0, max_value=100), k=st.integers(min_value=3, max_value=20))
def test_no_count_is_shown_below_k(n: int, k: int) -> None:
    assert may_show(n, k) == (n >= k)
    assert shown_count(n, k) == (n if n >= k else None)


def test_comments_have_their_own_threshold() -> None:
    assert not comments_shown(9, threshold.DEFAULT_COMMENT_K)
    assert comments_shown(10, threshold.DEFAULT_COMMENT_K)
    assert not comments_shown(0, threshold.DEFAULT_COMMENT_K)


@given(ks=st.lists(st.integers(min_value=3, max_value=20), min_size=1, max_size=4))
def test_waves_are_compared_under_the_strictest_k(ks: list[int]) -> None:
    k = wave_k(*ks)
    assert k in ks and all(k >= other for other in ks)
