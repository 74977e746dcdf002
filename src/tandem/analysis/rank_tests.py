"""Rank tests, computed from value counts so that heavily tied data (Likert means) is fast."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special  # distribution functions without scipy.stats' import cost

FloatArray = npt.NDArray[np.float64]

NAN = float("nan")


@dataclass(frozen=True, slots=True)
class MannWhitney:
    """Mann–Whitney U of a (U_a = R_a − n_a(n_a+1)/2) and its two-sided p-value."""

    u: float
    p: float
    n_a: int
    n_b: int


def mann_whitney(a: FloatArray, b: FloatArray) -> MannWhitney:
    """Two-sided Mann–Whitney U test, normal approximation with tie and continuity correction.

    Ranks are midranks of the pooled data; per distinct value v with pooled count t_v the
    midrank is (cumulative count up to v) − (t_v − 1)/2, so U_a = Σ_v a_v · rank_v − n_a(n_a+1)/2
    where a_v counts a's values equal to v. With μ = n_a n_b / 2,
    σ² = n_a n_b / 12 · ((N+1) − Σ(t_v³ − t_v) / (N(N−1))) and
    z = (U_a − μ − ½·sign(U_a − μ)) / σ, p = 2·(1 − Φ(|z|)) clipped to [0, 1]
    (Mann & Whitney 1947; identical to ``scipy.stats.mannwhitneyu(method='asymptotic')``).
    O(N log N) (one sort) for N pooled values. NaN dropped; p is NaN when a group is empty
    or all values tie (U is NaN when a group is empty).
    """
    x = np.asarray(a, dtype=np.float64).ravel()
    y = np.asarray(b, dtype=np.float64).ravel()
    x = x[~np.isnan(x)]
    y = y[~np.isnan(y)]
    na, nb = int(x.size), int(y.size)
    if na == 0 or nb == 0:
        return MannWhitney(NAN, NAN, na, nb)
    values, inverse = np.unique(np.concatenate((x, y)), return_inverse=True)
    a_counts = np.bincount(inverse[:na], minlength=values.size)
    b_counts = np.bincount(inverse[na:], minlength=values.size)
    return mann_whitney_counts(a_counts, b_counts)


def mann_whitney_counts(
    a_counts: npt.NDArray[np.integer], b_counts: npt.NDArray[np.integer]
) -> MannWhitney:
    """:func:`mann_whitney` from the counts of each group at the same sorted distinct values.

    O(V) for V distinct values: a scale with a few dozen possible means is tested in
    microseconds whatever the number of respondents, once the counts are known.
    Values where both counts are zero are ignored.
    """
    a_c = np.asarray(a_counts, dtype=np.float64)
    b_c = np.asarray(b_counts, dtype=np.float64)
    t = a_c + b_c
    present = t > 0
    a_c, t = a_c[present], t[present]
    na, nb = int(a_c.sum()), int(t.sum() - a_c.sum())
    if na == 0 or nb == 0:
        return MannWhitney(NAN, NAN, na, nb)
    midranks = np.cumsum(t) - (t - 1.0) / 2.0
    u = float(a_c @ midranks) - na * (na + 1) / 2.0
    if t.size == 1:
        return MannWhitney(u, NAN, na, nb)
    n = na + nb
    tie_term = float(np.sum(t**3 - t))
    sigma = math.sqrt(na * nb / 12.0 * ((n + 1) - tie_term / (n * (n - 1))))
    numerator = u - na * nb / 2.0
    numerator -= 0.5 * float(np.sign(numerator))
    z = numerator / sigma
    p = min(1.0, max(0.0, 2.0 * float(special.ndtr(-abs(z)))))
    return MannWhitney(u, p, na, nb)
