"""Scale reliability: Cronbach's alpha, corrected item–total correlations, ICC(1)/ICC(2).

Alpha two ways: on complete cases (:func:`cronbach_alpha`, as SPSS reports it) and on
the available cases (:func:`cronbach_alpha_available`, pairwise covariances, the default
of R's ``psych::alpha``). The diagnosis uses the available cases: in a survey where
"don't know" is an answer, complete cases drop 40-50% of the people of a long scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special  # distribution functions without scipy.stats' import cost

FloatArray = npt.NDArray[np.float64]

NAN = float("nan")
#: Reliability figures need this many respondents behind every pair of statements.
MIN_N_RELIABILITY = 30


@dataclass(frozen=True, slots=True)
class Alpha:
    """Cronbach's alpha with its Feldt interval; n = complete rows used, k = items."""

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    k: int


@dataclass(frozen=True, slots=True)
class AvailableAlpha:
    """Cronbach's alpha on pairwise covariances.

    ``n`` counts respondents with at least one answer (everyone the figure describes);
    ``pair_n`` is the fewest respondents behind any covariance, the n of the interval.
    """

    alpha: float
    ci_low: float
    ci_high: float
    n: int
    pair_n: int
    k: int


@dataclass(frozen=True, slots=True)
class ICC:
    """One-way ICC(1) and ICC(2) of values nested in groups (with the ANOVA mean squares)."""

    icc1: float
    icc2: float
    n_groups: int
    k_mean: float
    ms_between: float
    ms_within: float
    n: int


def _complete_rows(items: FloatArray) -> FloatArray:
    x = np.asarray(items, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"items must be a 2-D (respondents, items) array, got shape {x.shape}")
    return x[~np.isnan(x).any(axis=1)]


def cronbach_alpha(items: FloatArray, confidence: float = 0.95) -> Alpha:
    """Cronbach's alpha (1951) of an (n, k) item matrix after listwise deletion.

    α = k/(k−1) · (1 − Σ_j s_j² / s²_total) with C the item covariance matrix (ddof=1),
    Σ s_j² = tr(C) and s²_total = Σ C. Interval (Feldt, Woodruff & Salih 1987), with
    df1 = n − 1, df2 = (n − 1)(k − 1) and c = 1 − confidence:
    [1 − (1 − α) F_{1−c/2}(df1, df2), 1 − (1 − α) F_{c/2}(df1, df2)] (F quantiles).
    n counts complete rows only. Everything NaN when n < 2, k < 2 or s²_total = 0.
    Alpha equals ``pingouin.cronbach_alpha(nan_policy='listwise')``; the interval equals
    pingouin's on complete data (pingouin uses the row count before deletion for df).
    """
    x = _complete_rows(items)
    n, k = x.shape
    if n < 2 or k < 2:
        return Alpha(NAN, NAN, NAN, n, k)
    alpha = _alpha_of(np.cov(x, rowvar=False, ddof=1))
    low, high = _feldt(alpha, n, k, confidence)
    return Alpha(alpha, low, high, n, k)


def cronbach_alpha_available(
    items: FloatArray,
    confidence: float = 0.95,
    *,
    pairwise: tuple[FloatArray, FloatArray] | None = None,
) -> AvailableAlpha:
    """Cronbach's alpha of an (n, k) item matrix on its pairwise-complete covariances.

    The formula of :func:`cronbach_alpha` on C_ij over the respondents who answered both
    i and j (:func:`pairwise_covariance`; R's ``cov(use = "pairwise")``, so equal to
    ``psych::alpha(x)$total$raw_alpha`` with missing answers). Every answer counts, so
    nobody who skipped one statement is thrown away. Feldt's interval takes the fewest
    respondents behind any covariance (``pair_n``) as its n: the figure is no surer than
    its weakest covariance. NaN when k < 2, a pair was answered together by fewer than
    two people, or sum C <= 0. ``pairwise`` is :func:`pairwise_covariance` of ``items``
    when the caller has it already (the diagnosis uses it for the item-total
    correlations too).
    """
    x = np.asarray(items, dtype=np.float64)
    if x.ndim != 2:
        raise ValueError(f"items must be a 2-D (respondents, items) array, got shape {x.shape}")
    n = int(np.count_nonzero((~np.isnan(x)).any(axis=1)))
    k = x.shape[1]
    if k < 2:
        return AvailableAlpha(NAN, NAN, NAN, n, n, k)
    cov, pairs = pairwise if pairwise is not None else pairwise_covariance(x)
    pair_n = int(pairs.min())
    alpha = _alpha_of(cov)
    low, high = _feldt(alpha, pair_n, k, confidence) if pair_n >= 2 else (NAN, NAN)
    return AvailableAlpha(alpha, low, high, n, pair_n, k)


def _alpha_of(cov: FloatArray) -> float:
    """k/(k-1) (1 - tr C / sum C); NaN when sum C is not positive or not finite."""
    k = int(cov.shape[0])
    total = float(cov.sum())
    if not np.isfinite(total) or total <= 0.0:
        return NAN
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total)


def _feldt(alpha: float, n: int, k: int, confidence: float) -> tuple[float, float]:
    """Feldt, Woodruff & Salih (1987): df1 = n - 1, df2 = (n - 1)(k - 1)."""
    if np.isnan(alpha):
        return NAN, NAN
    c = 1.0 - confidence
    df1 = n - 1
    df2 = df1 * (k - 1)
    low = 1.0 - (1.0 - alpha) * float(special.fdtri(df1, df2, 1.0 - c / 2.0))
    high = 1.0 - (1.0 - alpha) * float(special.fdtri(df1, df2, c / 2.0))
    return low, high


def pairwise_covariance(items: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Pairwise-complete covariances (ddof 1) and the pair counts n_ij of an (n, k) matrix.

    One matrix product over the data (O(n k^2)): with A the answers centred on each
    column's mean and 0 where missing and M the answered mask, [A M]'[A M] holds
    P = A'A, S = A'M and N = M'M, and C_ij = (P_ij - S_ij S_ji / N_ij) / (N_ij - 1).
    Centring first keeps the sums small (the covariance does not change with a shift).
    NaN where N_ij < 2.
    """
    x = np.asarray(items, dtype=np.float64)
    k = x.shape[1]
    answered = ~np.isnan(x)
    counts = answered.sum(axis=0)
    means = np.divide(np.nansum(x, axis=0), counts, out=np.zeros(k), where=counts > 0)
    both = np.zeros((x.shape[0], 2 * k))
    np.subtract(x, means, out=both[:, :k], where=answered)  # 0 where missing
    both[:, k:] = answered
    gram = both.T @ both
    products, sums, pairs = gram[:k, :k], gram[:k, k:], gram[k:, k:]
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (products - sums * sums.T / pairs) / (pairs - 1.0)
    cov[pairs < 2] = np.nan
    return cov, pairs


def item_rest(cov: FloatArray) -> FloatArray:
    """Item-rest correlations from a covariance matrix: item j with the sum of the others.

    r_j = (sum_l C_jl - C_jj) / sqrt(C_jj var(rest_j)) with var(rest_j) = sum C -
    2 sum_l C_jl + C_jj (``psych::alpha``'s ``r.drop``); on complete rows this is the
    Pearson correlation :func:`item_total_correlations` computes from the rows. NaN for
    an item or rest without variance (or, from pairwise covariances, a negative one).
    """
    c = np.asarray(cov, dtype=np.float64)
    own = np.diag(c)
    with_all = c.sum(axis=1)
    rest_var = c.sum() - 2.0 * with_all + own
    den = own * rest_var
    out = np.full(c.shape[0], np.nan)
    ok = np.isfinite(den) & (den > 0.0)
    out[ok] = np.clip((with_all[ok] - own[ok]) / np.sqrt(den[ok]), -1.0, 1.0)
    return out


def item_total_correlations(items: FloatArray) -> FloatArray:
    """Corrected item–total correlations: Pearson r of each item with the sum of the others.

    Listwise deletion first. Entry j is NaN when item j or its rest score is constant,
    or fewer than 2 complete rows remain.
    """
    x = _complete_rows(items)
    n, k = x.shape
    if n < 2:
        return np.full(k, np.nan, dtype=np.float64)
    rest = x.sum(axis=1, keepdims=True) - x
    xc = x - x.mean(axis=0)
    rc = rest - rest.mean(axis=0)
    num = np.einsum("ij,ij->j", xc, rc)
    den = np.sqrt(np.einsum("ij,ij->j", xc, xc) * np.einsum("ij,ij->j", rc, rc))
    out = np.full(k, np.nan, dtype=np.float64)
    ok = den > 0.0
    out[ok] = np.clip(num[ok] / den[ok], -1.0, 1.0)
    return out


def icc_oneway(values: FloatArray, groups: npt.NDArray[Any]) -> ICC:
    """ICC(1) and ICC(2) from a one-way ANOVA of values by group (Bliese 2000).

    MSB = Σ_g n_g (x̄_g − x̄)² / (G − 1), MSW = Σ (x − x̄_g)² / (N − G);
    ICC(1) = (MSB − MSW) / (MSB + (k − 1) MSW), ICC(2) = (MSB − MSW) / MSB, where k is
    the group size, for unequal sizes the adjusted mean k0 = (N − Σ n_g² / N) / (G − 1)
    (Snedecor & Cochran 1989; equals N/G for equal sizes); reported as ``k_mean``.
    Observations with a NaN value are dropped. ICCs are NaN when G < 2, N − G < 1 or a
    denominator is 0 (e.g. MSB = 0 for ICC(2)).
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    g = np.asarray(groups).ravel()
    if v.size != g.size:
        raise ValueError(f"values ({v.size}) and groups ({g.size}) differ in length")
    keep = ~np.isnan(v)
    v, g = v[keep], g[keep]
    n = int(v.size)
    if n == 0:
        return ICC(NAN, NAN, 0, NAN, NAN, NAN, 0)
    _, inverse = np.unique(g, return_inverse=True)
    inverse = inverse.ravel()
    sizes = np.bincount(inverse).astype(np.float64)
    n_groups = int(sizes.size)
    group_means = np.bincount(inverse, weights=v) / sizes
    if n_groups < 2:
        return ICC(NAN, NAN, n_groups, NAN, NAN, NAN, n)
    k0 = (n - float(np.sum(sizes**2)) / n) / (n_groups - 1)
    grand = float(np.mean(v))
    msb = float(np.sum(sizes * (group_means - grand) ** 2)) / (n_groups - 1)
    if n - n_groups < 1:
        return ICC(NAN, NAN, n_groups, k0, msb, NAN, n)
    msw = float(np.sum((v - group_means[inverse]) ** 2)) / (n - n_groups)
    den1 = msb + (k0 - 1.0) * msw
    icc1 = (msb - msw) / den1 if den1 > 0.0 else NAN
    icc2 = (msb - msw) / msb if msb > 0.0 else NAN
    return ICC(icc1, icc2, n_groups, k0, msb, msw, n)
