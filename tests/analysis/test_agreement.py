"""rwg(j) against a textbook re-computation with pandas."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.analysis.agreement import (
    AGREEMENT_MIN_N,
    SLIGHT_SKEW_NULL,
    agreement_label,
    item_variances,
    rwg_j,
    rwg_star,
    uniform_null_variance,
)

NAN = np.nan
TEAM = np.array(
    [
        [4, 4, 3, 5],
        [4, 5, 3, 4],
        [3, 4, NAN, 4],
        [5, 4, 4, 4],
        [4, NAN, 3, 5],
        [4, 4, 2, 4.0],
    ]
)


def textbook_rwg_j(items: np.ndarray, sigma2: float) -> float:
    """James, Demaree & Wolf (1984) eq. for rwg(j), truncated at 0."""
    variances = pd.DataFrame(items).var()  # ddof=1, NaN skipped, NaN for < 2 answers
    j = int(variances.notna().sum())
    ratio = variances.mean() / sigma2
    if ratio >= 1:
        return 0.0
    return j * (1 - ratio) / (j * (1 - ratio) + ratio)


@pytest.mark.parametrize("sigma2", [2.0, 1.34, 0.9])
def test_matches_textbook_on_fixed_data(sigma2: float) -> None:
    assert rwg_j(TEAM, sigma2) == pytest.approx(textbook_rwg_j(TEAM, sigma2), abs=1e-12)


def test_known_value() -> None:
    # Item variances 0.3, 0.3, 0.3, 0.3 -> ratio 0.15, J = 4: 3.4 / 3.55.
    items = np.array([[3, 3, 3, 3], [4, 4, 4, 4], [3, 3, 3, 3], [3, 3, 3, 3], [4, 4, 4, 4.0]])
    assert rwg_j(items) == pytest.approx(3.4 / 3.55, abs=1e-12)


def test_single_item_is_one_minus_variance_ratio() -> None:
    x = np.array([2.0, 3.0, 3.0, 4.0, NAN])
    assert rwg_j(x) == pytest.approx(1 - pd.Series(x).var() / 2.0, abs=1e-12)
    assert rwg_j(x[:, None]) == rwg_j(x)


def test_truncated_to_zero_when_variance_exceeds_null() -> None:
    split = np.array([[1, 1], [5, 5], [1, 1], [5, 5.0]])
    assert rwg_j(split) == 0.0


def test_identical_answers_give_one() -> None:
    assert rwg_j(np.full((7, 3), 4.0)) == 1.0


def test_too_few_respondents() -> None:
    assert math.isnan(rwg_j(np.array([[4.0, 3.0]])))
    assert math.isnan(rwg_j(np.array([[4.0, NAN], [NAN, 3.0]])))
    # An item answered once is left out; the other still counts.
    assert rwg_j(np.array([[4.0, NAN], [4.0, 3.0]])) == 1.0


def test_uniform_null_variance() -> None:
    assert uniform_null_variance(5) == 2.0
    assert uniform_null_variance(7) == 4.0
    for options in (2, 3, 5, 7):
        values = np.arange(1, options + 1, dtype=float)
        assert uniform_null_variance(options) == pytest.approx(np.var(values))
    with pytest.raises(ValueError, match="at least 2"):
        uniform_null_variance(1)


@pytest.mark.parametrize(
    ("r", "label"),
    [
        (0.0, "divided"),
        (0.4999, "divided"),
        (0.50, "moderate"),
        (0.6999, "moderate"),
        (0.70, "strong"),
        (1.0, "strong"),
        (float("nan"), "unknown"),
    ],
)
def test_agreement_label(r: float, label: str) -> None:
    assert agreement_label(r, AGREEMENT_MIN_N) == label


def test_agreement_is_not_named_for_a_small_group() -> None:
    assert agreement_label(0.9, AGREEMENT_MIN_N - 1) == "too_few"
    assert agreement_label(0.9, AGREEMENT_MIN_N) == "strong"


def test_r_star_wg_is_one_minus_the_mean_item_variance_over_the_null() -> None:
    """Lindell, Brandt & Whitney (1999): r*wg(j) = 1 - mean(s_j^2) / sigma_E^2, here
    against LeBreton & Senter's slightly skewed null (1.34), recomputed with pandas."""
    variances = pd.DataFrame(TEAM).var()
    expected = 1 - variances.mean() / SLIGHT_SKEW_NULL
    assert rwg_star(item_variances(TEAM)) == pytest.approx(expected, abs=1e-12)


def test_r_star_wg_does_not_grow_with_the_number_of_items() -> None:
    """rwg(j) against the uniform null calls a team of middling agreement strong once it
    has enough items; r*wg(j) stays where one item puts it."""
    rng = np.random.default_rng(4)
    one = rng.integers(2, 5, size=(12, 1)).astype(float)
    many = np.repeat(one, 8, axis=1)
    assert rwg_star(item_variances(many)) == pytest.approx(rwg_star(item_variances(one)))
    assert rwg_j(many) > rwg_j(one)


def test_a_team_answering_like_the_skewed_null_is_divided() -> None:
    """Answers spread like LeBreton & Senter's slightly skewed null (5-point shares .05,
    .15, .20, .35, .25) have variance about 1.34: no agreement, whatever the item count."""
    shares = np.array([0.05, 0.15, 0.20, 0.35, 0.25])
    column = np.repeat(np.arange(1.0, 6.0), (shares * 100).astype(int))
    items = np.column_stack([column] * 6)
    assert agreement_label(rwg_star(item_variances(items)), len(column)) == "divided"
    assert agreement_label(rwg_j(items), len(column)) == "strong"  # what the old rule said


answers = st.one_of(st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0]), st.just(NAN))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda j: st.lists(st.lists(answers, min_size=j, max_size=j), min_size=1, max_size=25)
    )
)
def test_properties(rows: list[list[float]]) -> None:
    items = np.array(rows)
    r = rwg_j(items)
    expected = textbook_rwg_j(items, 2.0)
    if math.isnan(expected):
        assert math.isnan(r)
    else:
        assert 0.0 <= r <= 1.0
        assert r == pytest.approx(expected, abs=1e-12)
