"""Two-group effect sizes: Hedges' g with its interval, and the Welch mean-difference interval.

NaN values are dropped from each group before anything is computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import special  # distribution functions without scipy.stats' import cost

FloatArray = npt.NDArray[np.float64]

NAN = float("nan")


@dataclass(frozen=True, slots=True)
class EffectSize:
    """Hedges' g of a versus b (positive when a is higher) with its confidence interval."""

    g: float
    ci_low: float
    ci_high: float
    n_a: int
    n_b: int


@dataclass(frozen=True, slots=True)
class DifferenceCI:
    """mean(a) − mean(b) with its Welch standard error, df and t-interval."""

    difference: float
    se: float
    df: float
    ci_low: float
    ci_high: float
    n_a: int
    n_b: int

    @property
    def p(self) -> float:
        """Two-sided p-value of Welch's t-test (NaN without a standard error)."""
        if not self.se > 0.0 or math.isnan(self.df):
            return NAN
        return float(2.0 * special.stdtr(self.df, -abs(self.difference) / self.se))


def hedges_g(a: FloatArray, b: FloatArray, confidence: float = 0.95) -> EffectSize:
    """Hedges' g with a t-based interval, as in ``pingouin.compute_effsize/compute_esci``.

    d = (x̄_a − x̄_b) / s_p with s_p² = ((n_a−1)s_a² + (n_b−1)s_b²) / (n_a+n_b−2);
    g = d · (1 − 3 / (4(n_a+n_b) − 9)) (Hedges 1981, approximate correction).
    Interval: g ± t_{(1+confidence)/2, n_a+n_b−2} · SE with
    SE = √((n_a+n_b)/(n_a·n_b) + g²/(2(n_a+n_b))) (Hedges & Olkin 1985, p. 86, in
    pingouin's form: the SE is evaluated at g, the denominator is 2(n_a+n_b)).
    NaN when a group has fewer than 2 values or the pooled sd is 0.
    """
    x, y = _finite(a), _finite(b)
    return hedges_g_from_moments(*_moments(x), *_moments(y), confidence=confidence)


def hedges_g_from_moments(
    mean_a: float,
    var_a: float,
    n_a: int,
    mean_b: float,
    var_b: float,
    n_b: int,
    confidence: float = 0.95,
) -> EffectSize:
    """:func:`hedges_g` from each group's mean, variance (ddof=1) and size.

    Lets callers that already hold group moments (e.g. from value counts of 100,000
    Likert means) skip touching the raw values again.
    """
    na, nb = n_a, n_b
    if na < 2 or nb < 2:
        return EffectSize(NAN, NAN, NAN, na, nb)
    dof = na + nb - 2
    pooled_var = ((na - 1) * var_a + (nb - 1) * var_b) / dof
    if pooled_var <= 0.0:
        return EffectSize(NAN, NAN, NAN, na, nb)
    d = (mean_a - mean_b) / math.sqrt(pooled_var)
    g = d * (1.0 - 3.0 / (4.0 * (na + nb) - 9.0))
    se = math.sqrt((na + nb) / (na * nb) + g**2 / (2.0 * (na + nb)))
    crit = abs(float(special.stdtrit(dof, (1.0 - confidence) / 2.0)))
    return EffectSize(g, g - crit * se, g + crit * se, na, nb)


def mean_difference_ci(a: FloatArray, b: FloatArray, confidence: float = 0.95) -> DifferenceCI:
    """Welch interval for mean(a) − mean(b) (Welch 1947; Satterthwaite 1946).

    SE = √(s_a²/n_a + s_b²/n_b),
    df = SE⁴ / ((s_a²/n_a)²/(n_a−1) + (s_b²/n_b)²/(n_b−1)),
    interval = diff ± t_{(1+confidence)/2, df} · SE.
    se, df and interval are NaN when a group has fewer than 2 values or SE is 0; the
    difference is NaN only when a group is empty.
    """
    x, y = _finite(a), _finite(b)
    return mean_difference_from_moments(*_moments(x), *_moments(y), confidence=confidence)


def mean_difference_from_moments(
    mean_a: float,
    var_a: float,
    n_a: int,
    mean_b: float,
    var_b: float,
    n_b: int,
    confidence: float = 0.95,
) -> DifferenceCI:
    """:func:`mean_difference_ci` from each group's mean, variance (ddof=1) and size."""
    na, nb = n_a, n_b
    if na == 0 or nb == 0:
        return DifferenceCI(NAN, NAN, NAN, NAN, NAN, na, nb)
    diff = mean_a - mean_b
    if na < 2 or nb < 2:
        return DifferenceCI(diff, NAN, NAN, NAN, NAN, na, nb)
    va = var_a / na
    vb = var_b / nb
    se2 = va + vb
    if se2 <= 0.0:
        return DifferenceCI(diff, 0.0, NAN, NAN, NAN, na, nb)
    df = se2**2 / (va**2 / (na - 1) + vb**2 / (nb - 1))
    se = math.sqrt(se2)
    crit = float(special.stdtrit(df, (1.0 + confidence) / 2.0))
    return DifferenceCI(diff, se, df, diff - crit * se, diff + crit * se, na, nb)


def _moments(x: FloatArray) -> tuple[float, float, int]:
    """Mean, variance (ddof=1; NaN below 2 values) and size of finite values."""
    n = int(x.size)
    mean = float(np.mean(x)) if n else NAN
    var = float(np.var(x, ddof=1)) if n > 1 else NAN
    return mean, var, n


def _finite(values: FloatArray) -> FloatArray:
    x = np.asarray(values, dtype=np.float64).ravel()
    return x[~np.isnan(x)]
