"""One two-sample comparison on 0-100 scores, shared by perception gaps and wave changes.

Difference of means with a Welch interval and p-value, Hedges' g with its interval and
the Mann-Whitney U p-value, all from the value counts of the two samples: a scale score
takes a few dozen distinct values, so after one hashing pass a comparison costs
O(distinct values) whatever the number of respondents.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.analysis.effect_size import hedges_g_from_moments, mean_difference_from_moments
from tandem.analysis.rank_tests import mann_whitney_counts

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
NAN = float("nan")


@dataclass(frozen=True, slots=True)
class TwoSample:
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    difference: float  # mean_a - mean_b
    ci_low: float
    ci_high: float
    hedges_g: float  # a versus b
    g_ci_low: float
    g_ci_high: float
    p: float  # Mann-Whitney U
    welch_p: float  # Welch's t-test


def sorted_factorize(x: FloatArray) -> tuple[FloatArray, IntArray]:
    """Like ``np.unique(x, return_inverse=True)``, by hashing (O(n)) rather than sorting."""
    codes, uniques = pd.factorize(x)
    order = np.argsort(uniques)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return np.asarray(uniques, dtype=np.float64)[order], rank[codes]


def moments(values: FloatArray, counts: npt.NDArray[np.integer]) -> tuple[float, float, int]:
    """Mean, variance (ddof=1) and size of a sample given as counts at distinct values."""
    n = int(counts.sum())
    if n == 0:
        return NAN, NAN, 0
    mean = float(counts @ values) / n
    var = float(counts @ (values - mean) ** 2) / (n - 1) if n > 1 else NAN
    return mean, var, n


def two_sample_from_counts(
    values: FloatArray, counts_a: npt.NDArray[np.integer], counts_b: npt.NDArray[np.integer]
) -> TwoSample:
    """Compare two samples given as counts at the same sorted distinct ``values``."""
    mean_a, var_a, n_a = moments(values, counts_a)
    mean_b, var_b, n_b = moments(values, counts_b)
    diff = mean_difference_from_moments(mean_a, var_a, n_a, mean_b, var_b, n_b)
    g = hedges_g_from_moments(mean_a, var_a, n_a, mean_b, var_b, n_b)
    mw = mann_whitney_counts(counts_a, counts_b)
    return TwoSample(
        n_a=n_a,
        n_b=n_b,
        mean_a=mean_a,
        mean_b=mean_b,
        difference=diff.difference,
        ci_low=diff.ci_low,
        ci_high=diff.ci_high,
        hedges_g=g.g,
        g_ci_low=g.ci_low,
        g_ci_high=g.ci_high,
        p=mw.p,
        welch_p=diff.p,
    )


def two_sample(a: FloatArray, b: FloatArray) -> TwoSample:
    """Compare two samples of scores (NaN dropped)."""
    x = a[~np.isnan(a)]
    y = b[~np.isnan(b)]
    values, inverse = sorted_factorize(np.concatenate((x, y)))
    counts_a = np.bincount(inverse[: x.size], minlength=values.size)
    counts_b = np.bincount(inverse[x.size :], minlength=values.size)
    return two_sample_from_counts(values, counts_a, counts_b)


def judge(
    difference: float, ci_low: float, ci_high: float, q: float, *, points: float, q_bar: float
) -> tuple[bool, bool]:
    """(flagged, ruled_out): flagged when |difference| >= points and q < q_bar; ruled out
    when the interval excludes a difference of ``points`` in both directions."""
    flagged = abs(difference) >= points and not np.isnan(q) and q < q_bar
    ruled_out = ci_low > -points and ci_high < points
    return flagged, ruled_out
