"""Reliability against pingouin (alpha, ANOVA mean squares) and pandas (correlations)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats

from tandem.analysis.reliability import (
    cronbach_alpha,
    cronbach_alpha_available,
    icc_oneway,
    item_rest,
    item_total_correlations,
    pairwise_covariance,
)

NAN = np.nan
RNG = np.random.default_rng(11)
_trait = RNG.normal(0, 1, (80, 1))
LIKERT = np.clip(np.round(3 + _trait + RNG.normal(0, 0.9, (80, 5))), 1, 5)
WITH_NAN = LIKERT.copy()
WITH_NAN[[3, 17, 40], [0, 2, 4]] = NAN
# pingouin.anova calls DataFrame.dropna(inplace=True), deprecated in pandas 3.1.
pytestmark = pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.dropna")

SMALL = np.array([[1, 2, 3], [2, 3, 3], [NAN, 4, 5], [4, 4, 5], [5, 4, 4], [3, 2, 2.0], [4, 5, 4]])


def feldt_ci(alpha: float, n: int, k: int, confidence: float) -> tuple[float, float]:
    c = 1 - confidence
    df1, df2 = n - 1, (n - 1) * (k - 1)
    return (
        1 - (1 - alpha) * stats.f.ppf(1 - c / 2, df1, df2),
        1 - (1 - alpha) * stats.f.ppf(c / 2, df1, df2),
    )


@pytest.mark.parametrize("confidence", [0.95, 0.90])
def test_alpha_matches_pingouin_on_complete_data(confidence: float) -> None:
    res = cronbach_alpha(LIKERT, confidence=confidence)
    alpha, ci = pg.cronbach_alpha(pd.DataFrame(LIKERT), nan_policy="listwise", ci=confidence)
    assert (res.n, res.k) == (80, 5)
    assert res.alpha == pytest.approx(alpha, abs=1e-12)
    # pingouin rounds its interval to 3 decimals
    assert (res.ci_low, res.ci_high) == pytest.approx(tuple(ci), abs=5e-4 + 1e-12)
    assert (res.ci_low, res.ci_high) == pytest.approx(feldt_ci(alpha, 80, 5, confidence), abs=1e-12)


@pytest.mark.parametrize("items", [WITH_NAN, SMALL], ids=["likert", "small"])
def test_alpha_listwise(items: np.ndarray) -> None:
    res = cronbach_alpha(items)
    complete = pd.DataFrame(items).dropna()
    alpha, _ = pg.cronbach_alpha(pd.DataFrame(items), nan_policy="listwise")
    assert res.alpha == pytest.approx(alpha, abs=1e-12)
    assert res.n == len(complete)
    # The interval uses the complete rows; pingouin's df use the rows before deletion,
    # so compare with pingouin on the already-deleted data.
    _, ci = pg.cronbach_alpha(complete)
    assert (res.ci_low, res.ci_high) == pytest.approx(tuple(ci), abs=5e-4 + 1e-12)
    assert (res.ci_low, res.ci_high) == pytest.approx(
        feldt_ci(alpha, res.n, res.k, 0.95), abs=1e-12
    )


def test_alpha_textbook_formula() -> None:
    df = pd.DataFrame(LIKERT)
    k = df.shape[1]
    expected = k / (k - 1) * (1 - df.var().sum() / df.sum(axis=1).var())
    assert cronbach_alpha(LIKERT).alpha == pytest.approx(expected, abs=1e-12)


def test_alpha_undefined() -> None:
    assert math.isnan(cronbach_alpha(np.array([[1.0, 2.0], [NAN, 3.0]])).alpha)
    assert math.isnan(cronbach_alpha(np.full((5, 3), 3.0)).alpha)
    single = cronbach_alpha(LIKERT[:, :1])
    assert single.k == 1
    assert math.isnan(single.alpha)


@pytest.mark.parametrize("items", [LIKERT, WITH_NAN, SMALL], ids=["likert", "nan", "small"])
def test_item_total_correlations_match_pandas(items: np.ndarray) -> None:
    df = pd.DataFrame(items).dropna()
    total = df.sum(axis=1)
    expected = [df[c].corr(total - df[c]) for c in df.columns]
    np.testing.assert_allclose(item_total_correlations(items), expected, atol=1e-12)


def test_item_total_correlation_of_constant_item_is_nan() -> None:
    items = LIKERT.copy()
    items[:, 2] = 3.0
    r = item_total_correlations(items)
    assert math.isnan(r[2])
    assert np.isfinite(np.delete(r, 2)).all()


def anova_ms(values: np.ndarray, groups: np.ndarray) -> tuple[float, float]:
    df = pd.DataFrame({"v": values, "g": groups}).dropna()
    table = pg.anova(dv="v", between="g", data=df, detailed=True)
    return float(table["MS"].iloc[0]), float(table["MS"].iloc[1])


def manual_icc(msb: float, msw: float, sizes: np.ndarray) -> tuple[float, float]:
    n, g = sizes.sum(), sizes.size
    k0 = (n - (sizes**2).sum() / n) / (g - 1)
    return (msb - msw) / (msb + (k0 - 1) * msw), (msb - msw) / msb


GROUP_CASES = [
    pytest.param(
        np.repeat([3.0, 3.4, 2.8, 3.9], 6) + RNG.normal(0, 0.5, 24),
        np.repeat(["sales", "marketing", "service", "ops"], 6),
        id="equal",
    ),
    pytest.param(
        np.concatenate([RNG.normal(m, 0.6, s) for m, s in [(3, 4), (3.5, 11), (2.6, 7)]]),
        np.repeat([1, 2, 3], [4, 11, 7]),
        id="unequal",
    ),
    pytest.param(
        np.array([3.0, NAN, 4.0, 2.5, 2.0, 3.0, 4.5, 5.0, NAN, 4.0]),
        np.array(["a", "a", "a", "b", "b", "b", "c", "c", "c", "c"]),
        id="nan",
    ),
]


@pytest.mark.parametrize(("values", "groups"), GROUP_CASES)
def test_icc_matches_anova(values: np.ndarray, groups: np.ndarray) -> None:
    res = icc_oneway(values, groups)
    msb, msw = anova_ms(values, groups)
    sizes = pd.Series(groups[~np.isnan(values)]).value_counts().to_numpy()
    icc1, icc2 = manual_icc(msb, msw, sizes)
    assert res.ms_between == pytest.approx(msb, rel=1e-10)
    assert res.ms_within == pytest.approx(msw, rel=1e-10)
    assert res.icc1 == pytest.approx(icc1, abs=1e-10)
    assert res.icc2 == pytest.approx(icc2, abs=1e-10)
    assert res.n_groups == sizes.size
    assert res.n == sizes.sum()


def test_icc_equal_groups_k_is_group_size() -> None:
    values = np.array([1.0, 2.0, 3.0, 2.0, 3.0, 4.0, 5.0, 5.0, 4.0])
    res = icc_oneway(values, np.repeat([0, 1, 2], 3))
    assert res.k_mean == pytest.approx(3.0)
    # Hand computation: group means 2, 3, 14/3, grand mean 29/9; SSB = 98/9 on 2 df,
    # SSW = 2 + 2 + 2/3 on 6 df; ICC(1) = (49/9 - 7/9) / (49/9 + 2 * 7/9) = 2/3.
    assert res.ms_between == pytest.approx(49 / 9, abs=1e-12)
    assert res.ms_within == pytest.approx(7 / 9, abs=1e-12)
    assert res.icc1 == pytest.approx(2 / 3, abs=1e-12)
    assert res.icc2 == pytest.approx(6 / 7, abs=1e-12)


def test_icc_undefined() -> None:
    one_group = icc_oneway(np.array([1.0, 2.0, 3.0]), np.array(["a", "a", "a"]))
    assert one_group.n_groups == 1
    assert math.isnan(one_group.icc1)
    singletons = icc_oneway(np.array([1.0, 2.0]), np.array(["a", "b"]))
    assert math.isnan(singletons.icc1)
    flat = icc_oneway(np.array([2.0, 2.0, 2.0, 2.0]), np.array([1, 1, 2, 2]))
    assert math.isnan(flat.icc2)
    with pytest.raises(ValueError, match="differ in length"):
        icc_oneway(np.array([1.0, 2.0]), np.array([1]))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0])),
        min_size=4,
        max_size=40,
    )
)
def test_icc_properties(pairs: list[tuple[int, float]]) -> None:
    groups = np.array([g for g, _ in pairs])
    values = np.array([v for _, v in pairs])
    res = icc_oneway(values, groups)
    assume(res.n_groups >= 2 and res.n > res.n_groups and res.ms_within > 0)
    assert res.icc1 <= 1.0
    if res.ms_between > 0:
        assert res.icc2 <= 1.0
    else:
        assert math.isnan(res.icc2)
    msb, msw = anova_ms(values, groups)
    assert res.ms_between == pytest.approx(msb, rel=1e-9, abs=1e-12)
    assert res.ms_within == pytest.approx(msw, rel=1e-9)


def test_available_case_alpha_is_alpha_of_pandas_pairwise_covariances() -> None:
    """Nobody is dropped for one missing answer: alpha on pandas' pairwise covariances,
    n = rows with any answer, Feldt's interval on the fewest people behind a pair."""
    x = LIKERT.copy()
    rng = np.random.default_rng(5)
    x[rng.random(x.shape) < 0.15] = NAN
    x[0] = NAN  # answered nothing: not in n
    res = cronbach_alpha_available(x)
    frame = pd.DataFrame(x)
    cov = frame.cov().to_numpy()
    k = x.shape[1]
    expected = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    assert res.alpha == pytest.approx(expected, abs=1e-12)
    assert res.n == 79 and res.k == k
    answered = frame.notna().astype(int)
    pair_n = int((answered.T @ answered).to_numpy().min())
    assert res.pair_n == pair_n
    assert (res.ci_low, res.ci_high) == pytest.approx(feldt_ci(expected, pair_n, k, 0.95),
                                                      abs=1e-12)
    assert cronbach_alpha(x).n < pair_n  # listwise would have used fewer people


def test_available_case_alpha_equals_listwise_on_complete_data() -> None:
    a, b = cronbach_alpha_available(LIKERT), cronbach_alpha(LIKERT)
    assert (a.alpha, a.ci_low, a.ci_high) == pytest.approx((b.alpha, b.ci_low, b.ci_high),
                                                           abs=1e-12)
    assert a.n == a.pair_n == b.n == 80


def test_item_rest_from_pairwise_covariances_matches_rows_on_complete_data() -> None:
    cov, _ = pairwise_covariance(LIKERT)
    np.testing.assert_allclose(item_rest(cov), item_total_correlations(LIKERT), atol=1e-12)


def test_available_case_alpha_undefined() -> None:
    single = cronbach_alpha_available(LIKERT[:, :1])
    assert single.k == 1 and math.isnan(single.alpha)
    never_together = LIKERT[:, :3].copy()
    never_together[:40, 0] = NAN
    never_together[40:, 1] = NAN
    res = cronbach_alpha_available(never_together)
    assert res.pair_n == 0 and math.isnan(res.alpha) and math.isnan(res.ci_low)
