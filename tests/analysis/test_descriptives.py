"""Descriptives against scipy/pandas re-computations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from tandem.analysis.descriptives import (
    describe,
    item_distribution,
    pooled_favourability,
    to_percent_scale,
)

NAN = np.nan
VALUES = np.array([3.25, NAN, 4.0, 2.5, 4.75, 3.0, NAN, 1.5, 5.0, 3.5])
LIKERT = np.array([1, 2, 2, 3, 4, 4, 4, 5, NAN, NAN, 5, 3, 2, 4, 5.0])


@pytest.mark.parametrize("confidence", [0.95, 0.90, 0.99])
def test_describe_matches_scipy(confidence: float) -> None:
    x = VALUES[~np.isnan(VALUES)]
    d = describe(VALUES, confidence=confidence) if confidence != 0.95 else describe(VALUES)
    low, high = stats.t.interval(confidence, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    assert d.n == 8
    assert d.mean == pytest.approx(pd.Series(VALUES).mean(), abs=1e-12)
    assert d.sd == pytest.approx(pd.Series(VALUES).std(), abs=1e-12)
    assert d.se == pytest.approx(stats.sem(x), abs=1e-12)
    assert (d.ci_low, d.ci_high) == pytest.approx((low, high), abs=1e-12)


def test_describe_returns_python_floats() -> None:
    d = describe(VALUES)
    assert all(type(v) is float for v in (d.mean, d.sd, d.se, d.ci_low, d.ci_high))
    assert type(d.n) is int


def test_describe_too_few_values() -> None:
    one = describe(np.array([NAN, 4.0]))
    assert one.n == 1
    assert one.mean == 4.0
    assert all(math.isnan(v) for v in (one.sd, one.se, one.ci_low, one.ci_high))
    none = describe(np.array([NAN, NAN]))
    assert none.n == 0
    assert math.isnan(none.mean)


def test_item_distribution_matches_value_counts() -> None:
    dist = item_distribution(LIKERT)
    s = pd.Series(LIKERT)
    shares = s.value_counts(normalize=True).reindex([1.0, 2.0, 3.0, 4.0, 5.0], fill_value=0.0)
    assert dist.n_answered == 13
    assert dist.n_missing == 2
    assert dist.shares == pytest.approx(tuple(shares), abs=1e-12)
    assert dist.favourable == pytest.approx(shares[4.0] + shares[5.0], abs=1e-12)
    assert dist.unfavourable == pytest.approx(shares[1.0] + shares[2.0], abs=1e-12)
    assert dist.missing_rate == pytest.approx(s.isna().mean(), abs=1e-12)
    assert sum(dist.shares) == pytest.approx(1.0)


def test_item_distribution_nobody_answered() -> None:
    dist = item_distribution(np.array([NAN, NAN, NAN]))
    assert dist.n_answered == 0
    assert dist.missing_rate == 1.0
    assert all(math.isnan(v) for v in (*dist.shares, dist.favourable, dist.unfavourable))


def test_item_distribution_rejects_non_likert() -> None:
    with pytest.raises(ValueError, match=r"1\.\.5"):
        item_distribution(np.array([1.0, 2.5, 3.0]))
    with pytest.raises(ValueError, match=r"1\.\.5"):
        item_distribution(np.array([0.0, 5.0]))


def test_pooled_favourability_counts_all_cells() -> None:
    matrix = np.array([[1, 4, NAN], [5, 5, 3], [2, NAN, 4], [3, 3, 1.0]])
    fav, unfav, missing = pooled_favourability(matrix)
    answered = matrix[~np.isnan(matrix)]
    assert fav == pytest.approx(np.isin(answered, [4, 5]).sum() / answered.size)
    assert unfav == pytest.approx(np.isin(answered, [1, 2]).sum() / answered.size)
    assert missing == pytest.approx(2 / 12)
    assert (fav, unfav) == (4 / 10, 3 / 10)  # 4,5,5,4 and 1,2,1 of 10 answered


def test_pooled_favourability_all_missing() -> None:
    fav, unfav, missing = pooled_favourability(np.full((2, 3), NAN))
    assert math.isnan(fav)
    assert math.isnan(unfav)
    assert missing == 1.0


def test_to_percent_scale_float_and_array() -> None:
    assert to_percent_scale(1.0) == 0.0
    assert to_percent_scale(5.0) == 100.0
    assert to_percent_scale(3.5) == 62.5
    out = to_percent_scale(np.array([1.0, 2.0, NAN, 4.5]))
    np.testing.assert_allclose(out, [0.0, 25.0, NAN, 87.5])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]), st.just(NAN)),
        min_size=1,
        max_size=60,
    )
)
def test_item_distribution_properties(answers: list[float]) -> None:
    dist = item_distribution(np.array(answers))
    assert dist.n_answered + dist.n_missing == len(answers)
    if dist.n_answered:
        assert sum(dist.shares) == pytest.approx(1.0)
        assert dist.favourable + dist.unfavourable <= 1.0 + 1e-12
        assert dist.favourable == pytest.approx(dist.shares[3] + dist.shares[4])
    fav, unfav, missing = pooled_favourability(np.array(answers).reshape(-1, 1))
    assert missing == pytest.approx(dist.missing_rate)
    if dist.n_answered:
        assert (fav, unfav) == pytest.approx((dist.favourable, dist.unfavourable))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=2, max_size=40))
def test_describe_interval_contains_mean(xs: list[float]) -> None:
    d = describe(np.array(xs))
    assert d.n == len(xs)
    assert d.ci_low <= d.mean <= d.ci_high
    assert d.sd >= 0.0
