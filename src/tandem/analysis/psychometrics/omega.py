"""McDonald's omega total of a one-factor model fitted by minimum residuals (minres).

``psych::omega(x, nfactors = 1, fm = "minres")$omega.tot``, on the complete cases:

1. R is the correlation matrix of the complete rows (``omega`` factors correlations).
2. One factor by minres: the loadings L minimise the squared off-diagonal residuals
   f(L) = sum_{i != j} (r_ij - l_i l_j)^2 (Harman's MINRES; unweighted least squares on
   the off-diagonal). ``psych::fa`` searches over the uniquenesses u = 1 - h^2 and takes
   L from the first eigenpair of R with 1 - u on the diagonal; at a stationary point both
   searches meet (the residual E = R - diag(u) - L L' has a zero diagonal, and
   grad f = -4 E L = 0 is the eigen equation), so we minimise f over L directly, with its
   analytic gradient, by BFGS from the first principal component. ``psych`` bounds u to
   at least 0.005; when a loading passes sqrt(0.995) (a Heywood case) we solve again
   with that bound (L-BFGS-B). Not L-BFGS-B throughout: scipy's calls BLAS for vectors
   of ten numbers, and with BLAS threads on a busy machine that was 50 times slower.
3. Items with a negative loading are reflected (``flip = TRUE``), then
   omega_t = (sum R - sum(1 - l_i^2)) / sum R, the share of the total score's variance
   that is not unique variance.

Why our own code: ``factor_analyzer`` breaks with scikit-learn 1.8 and later, and a
one-factor minres needs thirty lines; statsmodels' ``Factor`` fits principal axes, not
minres. The tests compare with ``psych`` (within 0.01; in practice to about 1e-6).
"""

from __future__ import annotations

import numpy as np
from scipy import optimize

from tandem.analysis.reliability import FloatArray

NAN = float("nan")
#: psych's lower bound on a uniqueness (so a loading is at most sqrt(0.995)).
MIN_UNIQUENESS = 0.005

__all__ = ["minres_one_factor", "omega_total", "omega_total_from_correlations",
           "omega_total_from_covariance"]


def minres_one_factor(corr: FloatArray) -> FloatArray:
    """One-factor minres loadings of a correlation matrix (first loading's sign positive
    on the sum: the factor points where most items point)."""
    r = np.asarray(corr, dtype=np.float64)
    k = r.shape[0]
    values, vectors = np.linalg.eigh(r)
    start = vectors[:, -1] * np.sqrt(max(values[-1], 0.0))
    off = ~np.eye(k, dtype=bool)

    def fit(loadings: FloatArray) -> tuple[float, FloatArray]:
        residual = r - np.outer(loadings, loadings)
        residual[~off] = 0.0
        return float(np.sum(residual**2)), -4.0 * (residual @ loadings)

    found = optimize.minimize(fit, start, jac=True, method="BFGS",
                              options={"gtol": 1e-10, "maxiter": 2000})
    limit = float(np.sqrt(1.0 - MIN_UNIQUENESS))
    if np.any(np.abs(found.x) > limit):  # a Heywood case: hold u at psych's bound
        found = optimize.minimize(
            fit, np.clip(found.x, -limit, limit), jac=True, method="L-BFGS-B",
            bounds=[(-limit, limit)] * k, options={"ftol": 1e-15, "gtol": 1e-10},
        )
    loadings: FloatArray = np.asarray(found.x, dtype=np.float64)
    return loadings if loadings.sum() >= 0 else -loadings


def omega_total_from_correlations(corr: FloatArray) -> float:
    """Omega total of a correlation matrix (steps 2 and 3 above); NaN below 3 items."""
    r = np.asarray(corr, dtype=np.float64)
    if r.shape[0] < 3 or not np.all(np.isfinite(r)):
        return NAN
    loadings = minres_one_factor(r)
    sign = np.where(loadings < 0, -1.0, 1.0)
    flipped = r * np.outer(sign, sign)
    total = float(flipped.sum())
    if total <= 0.0:
        return NAN
    return (total - float(np.sum(1.0 - loadings**2))) / total


def omega_total(items: FloatArray) -> float:
    """Omega total on the complete rows of an (n, k) item matrix; NaN when it cannot be
    computed (fewer than 3 items or 3 complete rows, a constant item)."""
    x = np.asarray(items, dtype=np.float64)
    x = x[~np.isnan(x).any(axis=1)]
    if x.shape[0] < 3:
        return NAN
    cov: FloatArray = np.atleast_2d(np.cov(x, rowvar=False))
    return omega_total_from_covariance(cov)


def omega_total_from_covariance(cov: FloatArray) -> float:
    """Omega total of the complete cases' covariance matrix (its correlations are what
    ``psych::omega`` factors); NaN below 3 items or for an item without variance."""
    c = np.asarray(cov, dtype=np.float64)
    sd = np.sqrt(np.diag(c)) if c.shape[0] >= 3 else np.zeros(c.shape[0])
    if c.shape[0] < 3 or not np.all(np.isfinite(c)) or np.any(sd <= 0.0):
        return NAN
    return omega_total_from_correlations(c / np.outer(sd, sd))
