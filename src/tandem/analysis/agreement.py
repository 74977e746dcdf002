"""Within-group agreement: r*wg(j) against a realistic null (analysis.md, docs/method.md).

rwg(j) of James, Demaree & Wolf (1984) against the uniform null calls nearly every team
"strong": the uniform null (σ²_E = 2.0 on five points) assumes people who do not agree
answer every option equally often, which real answers never do, and rwg(j) grows with the
number of items J like a Spearman-Brown step-up. Tandem therefore reports r*wg(j) of
Lindell, Brandt & Whitney (1999), 1 − s̄² / σ²_E, which does not grow with J, against the
slightly skewed null of LeBreton & Senter (2008, Table 2: σ²_E = 1.34 on five points),
and names agreement only from :data:`AGREEMENT_MIN_N` people (below that one person moves
the figure by more than a label's width). :func:`rwg_j` stays for comparison.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

NAN = float("nan")

#: Lower bounds of the agreement labels (LeBreton & Senter 2008: 0.50 moderate, 0.70 strong).
MODERATE_FROM = 0.50
STRONG_FROM = 0.70
#: Expected variance of a 5-point item when people do not agree but lean to one side, as
#: real answers do: LeBreton & Senter (2008), Table 2, "slight skew".
SLIGHT_SKEW_NULL = 1.34
#: Fewer people than this: no agreement label (LeBreton & Senter 2008 on small groups).
AGREEMENT_MIN_N = 10


def uniform_null_variance(options: int) -> float:
    """Variance of the uniform ("no agreement") null over A options: σ²_E = (A² − 1) / 12."""
    if options < 2:
        raise ValueError(f"a response scale needs at least 2 options, got {options}")
    return (options * options - 1) / 12.0


def rwg_j(items: FloatArray, null_variance: float = 2.0) -> float:
    """Multi-item within-group agreement rwg(j) (James, Demaree & Wolf 1984).

    ``items`` is (n respondents, J items); a 1-D array is one item. With s̄² the mean of
    the item variances (ddof=1, NaN dropped per item; items with fewer than 2 answers are
    left out and do not count in J) and ratio = s̄² / σ²_E:
    rwg(j) = J(1 − ratio) / (J(1 − ratio) + ratio); for J = 1 this is 1 − s²/σ²_E.
    Values with ratio ≥ 1 are truncated to 0 (LeBreton & Senter 2008), so 0 ≤ rwg(j) ≤ 1.
    NaN when no item has 2 answers. σ²_E defaults to 2.0, the uniform null of a 5-point scale.
    """
    if null_variance <= 0.0:
        raise ValueError(f"null_variance must be positive, got {null_variance}")
    x = np.asarray(items, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, np.newaxis]
    if x.ndim != 2:
        raise ValueError(f"items must be 1-D or 2-D, got shape {x.shape}")
    answered = np.count_nonzero(~np.isnan(x), axis=0)
    usable = x[:, answered >= 2]
    j = int(usable.shape[1])
    if j == 0:
        return NAN
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        variances = np.nanvar(usable, axis=0, ddof=1)
    return rwg_from_variances(variances, null_variance)


def rwg_from_variances(item_variances: FloatArray, null_variance: float = 2.0) -> float:
    """rwg(j) from the observed item variances (NaN entries = unusable items, left out)."""
    usable = item_variances[~np.isnan(item_variances)]
    j = int(usable.size)
    if j == 0:
        return NAN
    mean_var = float(np.mean(usable))
    ratio = mean_var / null_variance
    if ratio >= 1.0:
        return 0.0
    agreement = j * (1.0 - ratio)
    return agreement / (agreement + ratio)


def rwg_star(item_variances: FloatArray, null_variance: float = SLIGHT_SKEW_NULL) -> float:
    """r*wg(j) = 1 − s̄² / σ²_E (Lindell, Brandt & Whitney 1999) from the item variances
    (NaN entries = items with fewer than 2 answers, left out), truncated to 0..1; NaN when
    no item is usable."""
    if null_variance <= 0.0:
        raise ValueError(f"null_variance must be positive, got {null_variance}")
    usable = np.asarray(item_variances, dtype=np.float64)
    usable = usable[~np.isnan(usable)]
    if usable.size == 0:
        return NAN
    return float(min(1.0, max(0.0, 1.0 - float(np.mean(usable)) / null_variance)))


def item_variances(items: FloatArray) -> FloatArray:
    """Per item (column) the variance (ddof=1) of its answers; NaN below 2 answers."""
    x = np.asarray(items, dtype=np.float64)
    if x.ndim == 1:
        x = x[:, np.newaxis]
    answered = np.count_nonzero(~np.isnan(x), axis=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        variances = np.nanvar(x, axis=0, ddof=1)
    return np.where(answered >= 2, variances, np.nan)


def group_item_variances(
    items: FloatArray, groups: npt.NDArray[np.int64], n_groups: int
) -> FloatArray:
    """:func:`item_variances` for every group at once (``groups`` holds 0..n_groups-1, or
    -1 for none): shape (n_groups, items)."""
    variances = np.full((n_groups, items.shape[1]), np.nan)
    for j in range(items.shape[1]):
        column = items[:, j]
        keep = ~np.isnan(column) & (groups >= 0)
        x, g = column[keep], groups[keep]
        n = np.bincount(g, minlength=n_groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.bincount(g, weights=x, minlength=n_groups) / n
            squares = np.bincount(g, weights=(x - means[g]) ** 2, minlength=n_groups)
            variances[:, j] = np.where(n >= 2, squares / np.maximum(n - 1, 1), np.nan)
    return variances


def agreement_label(r: float, n: int) -> str:
    """ "divided" (< 0.50), "moderate" (0.50 to < 0.70), "strong" (≥ 0.70), "unknown" (NaN),
    "too_few" (fewer than :data:`AGREEMENT_MIN_N` people)."""
    if math.isnan(r):
        return "unknown"
    if n < AGREEMENT_MIN_N:
        return "too_few"
    if r >= STRONG_FROM:
        return "strong"
    if r >= MODERATE_FROM:
        return "moderate"
    return "divided"
