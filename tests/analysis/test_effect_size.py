"""Effect sizes against pingouin (Hedges' g) and scipy's Welch t-test interval."""

from __future__ import annotations

import math

import numpy as np
import pingouin as pg
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from tandem.analysis.effect_size import hedges_g, mean_difference_ci

NAN = np.nan
A = np.array([3.2, 4.1, NAN, 3.8, 4.5, 2.9, 3.6, 4.0, 3.3])
B = np.array([2.8, 3.0, 3.4, NAN, 2.5, 3.1, 3.9, 2.7, 3.2, 2.2, 3.0, NAN])

RNG = np.random.default_rng(20240501)
CASES = [
    (A, B),
    (RNG.normal(3.5, 0.8, 40), RNG.normal(3.1, 1.1, 25)),
    (RNG.integers(1, 6, 200).astype(float), RNG.integers(2, 6, 150).astype(float)),
    (np.array([1.0, 2.0]), np.array([3.0, 5.0, 4.0])),
]


@pytest.mark.parametrize(("a", "b"), CASES)
@pytest.mark.parametrize("confidence", [0.95, 0.90, 0.80])
def test_hedges_g_matches_pingouin(a: np.ndarray, b: np.ndarray, confidence: float) -> None:
    res = hedges_g(a, b, confidence=confidence)
    x, y = a[~np.isnan(a)], b[~np.isnan(b)]
    g = pg.compute_effsize(x, y, eftype="hedges")
    # decimals: pingouin rounds its interval to 2 decimals by default.
    ci = pg.compute_esci(
        stat=g, nx=x.size, ny=y.size, eftype="hedges", confidence=confidence, decimals=15
    )
    assert (res.n_a, res.n_b) == (x.size, y.size)
    assert res.g == pytest.approx(g, abs=1e-12)
    assert res.ci_low == pytest.approx(ci[0], abs=1e-9)
    assert res.ci_high == pytest.approx(ci[1], abs=1e-9)
    assert type(res.g) is float
    assert type(res.ci_low) is float


def test_hedges_g_undefined() -> None:
    assert math.isnan(hedges_g(np.array([1.0]), np.array([1.0, 2.0])).g)
    assert math.isnan(hedges_g(np.array([2.0, 2.0]), np.array([2.0, 2.0, NAN])).g)
    res = hedges_g(np.array([NAN, 1.0]), np.array([1.0, 2.0]))
    assert (res.n_a, res.n_b) == (1, 2)
    assert math.isnan(res.ci_low)


@pytest.mark.parametrize(("a", "b"), CASES)
@pytest.mark.parametrize("confidence", [0.95, 0.99])
def test_mean_difference_ci_matches_welch(a: np.ndarray, b: np.ndarray, confidence: float) -> None:
    res = mean_difference_ci(a, b, confidence=confidence)
    x, y = a[~np.isnan(a)], b[~np.isnan(b)]
    welch = stats.ttest_ind(x, y, equal_var=False)
    ci = welch.confidence_interval(confidence_level=confidence)
    assert res.difference == pytest.approx(x.mean() - y.mean(), abs=1e-12)
    assert res.df == pytest.approx(welch.df, rel=1e-10)
    assert res.difference / res.se == pytest.approx(welch.statistic, rel=1e-10)
    assert res.ci_low == pytest.approx(ci.low, abs=1e-10)
    assert res.ci_high == pytest.approx(ci.high, abs=1e-10)
    assert (res.n_a, res.n_b) == (x.size, y.size)


def test_mean_difference_ci_undefined() -> None:
    one = mean_difference_ci(np.array([4.0]), np.array([1.0, 2.0]))
    assert one.difference == 2.5
    assert math.isnan(one.se)
    assert math.isnan(one.ci_low)
    empty = mean_difference_ci(np.array([NAN]), np.array([1.0, 2.0]))
    assert math.isnan(empty.difference)
    constant = mean_difference_ci(np.array([3.0, 3.0]), np.array([1.0, 1.0]))
    assert constant.difference == 2.0
    assert math.isnan(constant.ci_high)


samples = st.lists(
    st.floats(min_value=1.0, max_value=5.0, allow_nan=False), min_size=2, max_size=30
)


@settings(max_examples=60, deadline=None)
@given(samples, samples)
def test_hedges_g_properties(a: list[float], b: list[float]) -> None:
    x, y = np.array(a), np.array(b)
    assume(np.var(x) + np.var(y) > 1e-6)
    ab, ba = hedges_g(x, y), hedges_g(y, x)
    assert ab.g == pytest.approx(-ba.g, abs=1e-12)
    assert ab.ci_low <= ab.g <= ab.ci_high
    assert ab.ci_low == pytest.approx(-ba.ci_high, abs=1e-12)
    narrow = hedges_g(x, y, confidence=0.80)
    assert ab.ci_low <= narrow.ci_low
    assert narrow.ci_high <= ab.ci_high
    diff = mean_difference_ci(x, y)
    assert diff.ci_low <= diff.difference <= diff.ci_high
    assert min(x.size, y.size) - 1 - 1e-9 <= diff.df <= x.size + y.size - 2 + 1e-9
