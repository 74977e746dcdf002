"""Scale reliability: Cronbach's alpha, corrected item–total correlations, ICC(1)/ICC(2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import special  # distribution functions without scipy.stats' import cost

FloatArray = npt.NDArray[np.float64]

NAN = float("nan")


@dataclass(frozen=True, slots=True)
class Alpha:
    """Cronbach's alpha with its Feldt interval; n = complete rows used, k = items."""

    alpha: float
    ci_low: float
    ci_high: float
    n: int
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
    cov = np.cov(x, rowvar=False, ddof=1)
    total = float(cov.sum())
    if total <= 0.0:
        return Alpha(NAN, NAN, NAN, n, k)
    alpha = k / (k - 1) * (1.0 - float(np.trace(cov)) / total)
    c = 1.0 - confidence
    df1 = n - 1
    df2 = df1 * (k - 1)
    low = 1.0 - (1.0 - alpha) * float(special.fdtri(df1, df2, 1.0 - c / 2.0))
    high = 1.0 - (1.0 - alpha) * float(special.fdtri(df1, df2, c / 2.0))
    return Alpha(alpha, low, high, n, k)


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
