"""Mann–Whitney U from value counts against scipy.stats.mannwhitneyu (asymptotic)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from tandem.analysis.rank_tests import mann_whitney


def scipy_mwu(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    res = stats.mannwhitneyu(
        a[~np.isnan(a)],
        b[~np.isnan(b)],
        alternative="two-sided",
        method="asymptotic",
        use_continuity=True,
    )
    return float(res.statistic), float(res.pvalue)


def assert_matches_scipy(a: np.ndarray, b: np.ndarray) -> None:
    res = mann_whitney(a, b)
    u, p = scipy_mwu(a, b)
    assert res.u == pytest.approx(u, rel=1e-12, abs=1e-9)
    assert res.p == pytest.approx(p, rel=1e-9, abs=1e-15)
    assert (res.n_a, res.n_b) == (int((~np.isnan(a)).sum()), int((~np.isnan(b)).sum()))


def likert_means(rng: np.random.Generator, n: int, items: int, shift: float = 0.0) -> np.ndarray:
    answers = np.clip(np.round(rng.normal(3.2 + shift, 1.1, (n, items))), 1, 5)
    return answers.mean(axis=1)


RNG = np.random.default_rng(7)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(likert_means(RNG, 60, 4), likert_means(RNG, 45, 4, 0.3), id="likert-means"),
        pytest.param(
            np.array([3.0, 3, 3, 4, 4, 2, 3, 3]), np.array([3.0, 3, 4, 4, 4, 4, 5]), id="heavy"
        ),
        pytest.param(np.array([2.0, 2, 2, 2, 3]), np.array([2.0, 2, 2, 3, 3, 3]), id="two-vals"),
        pytest.param(
            RNG.integers(1, 6, 7).astype(float), RNG.integers(1, 6, 300) * 1.0, id="7-300"
        ),
        pytest.param(np.array([4.5]), np.array([1.0, 2.0, 3.0, 5.0]), id="one-value"),
        pytest.param(RNG.normal(0, 1, 50), RNG.normal(0.4, 2, 70), id="continuous"),
        pytest.param(
            np.array([1.0, np.nan, 3.0, 2.5]), np.array([np.nan, 4.0, 2.5, 3.5]), id="nan"
        ),
        pytest.param(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]), id="equal-u"),
    ],
)
def test_matches_scipy_on_fixed_data(a: np.ndarray, b: np.ndarray) -> None:
    assert_matches_scipy(a, b)


def test_large_likert_sample_agrees_with_scipy() -> None:
    rng = np.random.default_rng(2024)
    a = likert_means(rng, 100_000, 6)
    b = likert_means(rng, 40_000, 6, 0.02)
    assert np.unique(np.concatenate((a, b))).size <= 25
    assert_matches_scipy(a, b)
    res = mann_whitney(a, b)
    assert 0.0 <= res.p < 0.05


def test_undefined_cases_give_nan() -> None:
    empty = mann_whitney(np.array([np.nan]), np.array([1.0, 2.0]))
    assert empty.n_a == 0
    assert math.isnan(empty.p)
    all_tied = mann_whitney(np.array([3.0, 3.0]), np.array([3.0, 3.0, 3.0]))
    assert math.isnan(all_tied.p)
    assert all_tied.u == 3.0


def test_u_of_a_and_of_b_add_up() -> None:
    a, b = np.array([1.0, 2.0, 2.0, 5.0]), np.array([2.0, 3.0, 4.0])
    ab, ba = mann_whitney(a, b), mann_whitney(b, a)
    assert ab.u + ba.u == a.size * b.size
    assert ab.p == pytest.approx(ba.p, rel=1e-12)
    # Brute force: U_a = #(a > b) + ½ #(a == b).
    assert ab.u == np.sum(a[:, None] > b) + 0.5 * np.sum(a[:, None] == b)


likert_mean_values = st.integers(min_value=4, max_value=20).map(lambda s: s / 4)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(likert_mean_values, min_size=1, max_size=80),
    st.lists(likert_mean_values, min_size=1, max_size=80),
)
def test_matches_scipy_on_random_likert_means(a: list[float], b: list[float]) -> None:
    x, y = np.array(a), np.array(b)
    assume(np.unique(np.concatenate((x, y))).size > 1)
    assert_matches_scipy(x, y)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.floats(min_value=-1e3, max_value=1e3, allow_nan=False), min_size=1, max_size=40),
    st.lists(st.floats(min_value=-1e3, max_value=1e3, allow_nan=False), min_size=1, max_size=40),
)
def test_matches_scipy_on_continuous_data(a: list[float], b: list[float]) -> None:
    x, y = np.array(a), np.array(b)
    assume(np.unique(np.concatenate((x, y))).size > 1)
    assert_matches_scipy(x, y)
