"""Measurement invariance of a one-factor scale across groups (languages): multi-group CFA.

The model of each group g (p statements, complete cases): x = nu_g + lambda_g eta + e with
Var(eta) = phi_g, E(eta) = kappa_g, Var(e) = diag(psi_g), so

    Sigma_g = phi_g lambda_g lambda_g' + diag(psi_g),   mu_g = nu_g + kappa_g lambda_g.

One loading is fixed to 1 in every group (the marker; we take the statement with the
largest loading: the fit does not depend on which, lavaan takes the first). The three
levels, as ``lavaan::cfa(model, data, group = "language", group.equal = ...)`` fits them:

* **configural**: lambda_g, phi_g, psi_g, nu_g free per group, kappa_g = 0;
* **metric** (``group.equal = "loadings"``): lambda equal across groups;
* **scalar** (``c("loadings", "intercepts")``): lambda and nu equal, kappa_1 = 0 and
  kappa_g free in the other groups.

**Estimation**: maximum likelihood on the complete cases. With S_g the covariance
(divisor n_g, as lavaan's ML) and m_g the mean vector of group g, and N = sum n_g,

    F = sum_g (n_g / N) [log|Sigma_g| + tr(S_g Sigma_g^-1) + (m_g - mu_g)' Sigma_g^-1 (m_g - mu_g)
                         - log|S_g| - p],

minimised by L-BFGS-B with the analytic gradient: with W = S_g + d d' (d = m_g - mu_g) and
D = Sigma^-1 - Sigma^-1 W Sigma^-1, dF_g/dlambda = 2 phi D lambda, dF_g/dphi = lambda' D lambda,
dF_g/dpsi_i = D_ii, and with h = -2 Sigma^-1 d, dF_g/dnu = h, dF_g/dkappa = lambda' h and
dF_g/dlambda += kappa h. Where the intercepts are free (configural, metric) mu_g = m_g at
the optimum, so the mean term is left out. The variances are moved as logarithms, so
they stay positive without bounds and BFGS can run unconstrained (scipy's L-BFGS-B
calls BLAS for vectors of a few dozen numbers, which with BLAS threads on a busy machine
was 50 times slower). lavaan would let a residual variance go negative; then the fit is
improper anyway, and ours approaches the boundary instead (it never did in our data).

**Fit** (lavaan's ``fitMeasures``): chi2 = N F; df = the group moments G (p(p+1)/2 + p)
minus the free parameters. The baseline is the independence model with free variances
and means per group: chi2_b = sum_g n_g (sum_i log s_ii,g - log|S_g|), df_b = G p(p-1)/2.
CFI = 1 - max(chi2 - df, 0) / max(chi2 - df, chi2_b - df_b, 0) (1 when both are 0);
RMSEA = sqrt(max(chi2 / N / df - 1 / N, 0)) * sqrt(G) (0 when df = 0).

**Why our own code**: semopy is ageing and pulls in much; this model has at most 3p + G
parameters, and ML on the groups' means and covariances needs no more than scipy.
The tests compare chi2, CFI and RMSEA with lavaan 0.6 (within 0.01 on CFI; in practice
far closer).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy import optimize

from tandem.analysis.psychometrics.omega import minres_one_factor
from tandem.analysis.reliability import FloatArray

Level = Literal["configural", "metric", "scalar"]
LEVELS: tuple[Level, ...] = ("configural", "metric", "scalar")

__all__ = ["LEVELS", "GroupMoments", "LevelFit", "fit_levels", "moments"]


@dataclass(frozen=True, slots=True)
class GroupMoments:
    """What ML needs of a group: its size, mean vector and covariance (divisor n)."""

    n: int
    mean: FloatArray
    cov: FloatArray
    logdet: float  # log |cov|


@dataclass(frozen=True, slots=True)
class LevelFit:
    level: Level
    chisq: float
    df: int
    cfi: float
    rmsea: float
    baseline_chisq: float
    baseline_df: int
    converged: bool


def moments(items: FloatArray) -> GroupMoments:
    """The moments of the complete rows of an (n, p) item matrix."""
    x = np.asarray(items, dtype=np.float64)
    x = x[~np.isnan(x).any(axis=1)]
    if x.shape[0] < 2:
        empty = np.full(x.shape[1], np.nan)
        return GroupMoments(int(x.shape[0]), empty, np.diag(empty), float("nan"))
    mean = x.mean(axis=0)
    centred = x - mean
    cov = centred.T @ centred / x.shape[0]
    return GroupMoments(int(x.shape[0]), mean, cov, float(np.linalg.slogdet(cov)[1]))


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each parameter sits in the vector the optimiser moves."""

    level: Level
    groups: int
    p: int
    marker: int

    @property
    def shared_loadings(self) -> bool:
        return self.level != "configural"

    @property
    def structured_means(self) -> bool:
        return self.level == "scalar"

    def sizes(self) -> list[tuple[str, int]]:
        g, p = self.groups, self.p
        parts = [("lambda", (p - 1) * (1 if self.shared_loadings else g)),
                 ("phi", g), ("psi", g * p)]
        if self.structured_means:
            parts += [("nu", p), ("kappa", g - 1)]
        return parts

    def count(self) -> int:
        return sum(size for _name, size in self.sizes())

    def slices(self) -> dict[str, slice]:
        out: dict[str, slice] = {}
        at = 0
        for name, size in self.sizes():
            out[name] = slice(at, at + size)
            at += size
        return out

    def df(self) -> int:
        moments_per_group = self.p * (self.p + 1) // 2 + self.p
        # free intercepts (configural, metric) cost p per group and fit the means exactly
        free = self.count() + (0 if self.structured_means else self.groups * self.p)
        return self.groups * moments_per_group - free

    def full_loadings(self, free: FloatArray) -> FloatArray:
        """Free loadings (p - 1 per set) -> (sets, p) with the marker's 1 put in."""
        rows = free.reshape(-1, self.p - 1)
        return np.insert(rows, self.marker, 1.0, axis=1)

    def free_loadings(self, full: FloatArray) -> FloatArray:
        return np.delete(np.atleast_2d(full), self.marker, axis=1).ravel()


def _objective(theta: FloatArray, layout: _Layout,
               groups: list[GroupMoments]) -> tuple[float, FloatArray]:
    at = layout.slices()
    loadings = layout.full_loadings(theta[at["lambda"]])
    phi = np.exp(theta[at["phi"]])  # variances as logarithms: see the module's docstring
    psi = np.exp(theta[at["psi"]]).reshape(layout.groups, layout.p)
    total_n = sum(g.n for g in groups)
    value = 0.0
    grad = np.zeros_like(theta)
    grad_loadings = np.zeros_like(loadings)
    for g, group in enumerate(groups):
        lam = loadings[0 if layout.shared_loadings else g]
        sigma = phi[g] * np.outer(lam, lam)
        sigma.flat[:: layout.p + 1] += psi[g]
        try:
            chol = np.linalg.cholesky(sigma)
        except np.linalg.LinAlgError:
            return float("inf"), grad
        inv = np.linalg.inv(sigma)
        w = group.cov
        h = np.zeros(layout.p)
        kappa = 0.0
        if layout.structured_means:
            kappa = 0.0 if g == 0 else float(theta[at["kappa"]][g - 1])
            d = group.mean - (theta[at["nu"]] + kappa * lam)
            w = w + np.outer(d, d)
            h = -2.0 * inv @ d
        logdet = 2.0 * float(np.sum(np.log(np.diagonal(chol))))
        weight = group.n / total_n
        value += weight * (logdet + float(np.sum(w * inv)) - group.logdet - layout.p)
        dsigma = inv - inv @ w @ inv
        dlam = 2.0 * phi[g] * (dsigma @ lam) + kappa * h
        grad_loadings[0 if layout.shared_loadings else g] += weight * dlam
        grad[at["phi"]][g] = weight * float(lam @ dsigma @ lam) * phi[g]
        grad[at["psi"]][g * layout.p:(g + 1) * layout.p] = weight * np.diagonal(dsigma) * psi[g]
        if layout.structured_means:
            grad[at["nu"]] += weight * h
            if g > 0:
                grad[at["kappa"]][g - 1] = weight * float(lam @ h)
    grad[at["lambda"]] = layout.free_loadings(grad_loadings)
    return value, grad


def _baseline(groups: list[GroupMoments]) -> tuple[float, int]:
    chisq = 0.0
    for group in groups:
        chisq += group.n * (float(np.sum(np.log(np.diagonal(group.cov)))) - group.logdet)
    p = groups[0].mean.size
    return chisq, len(groups) * p * (p - 1) // 2


def _cfi(chisq: float, df: int, base: float, base_df: int) -> float:
    t1 = max(chisq - df, 0.0)
    t2 = max(chisq - df, base - base_df, 0.0)
    return 1.0 if t2 == 0.0 else 1.0 - t1 / t2


def _rmsea(chisq: float, df: int, n: int, groups: int) -> float:
    if df == 0:
        return 0.0
    return float(np.sqrt(max(chisq / n / df - 1.0 / n, 0.0)) * np.sqrt(groups))


def _start(groups: list[GroupMoments]) -> tuple[int, FloatArray, FloatArray, FloatArray]:
    """Marker, per-group loadings (marker = 1), factor variances and residual variances
    from a one-factor minres of each group's correlations."""
    covs = [g.cov for g in groups]
    sds = [np.sqrt(np.diag(c)) for c in covs]
    raw = np.array([minres_one_factor(c / np.outer(s, s)) * s
                    for c, s in zip(covs, sds, strict=True)])
    marker = int(np.argmax(np.abs(raw / np.array(sds)).mean(axis=0)))
    scale = raw[:, marker]
    scale = np.where(np.abs(scale) < 1e-3, 1e-3, scale)
    loadings = raw / scale[:, None]
    phi = scale**2
    diag = np.array([np.diag(c) for c in covs])
    psi = np.maximum(diag - phi[:, None] * loadings**2, 0.05 * diag)
    return marker, loadings, phi, psi


def _solve(layout: _Layout, groups: list[GroupMoments],
           start: FloatArray) -> tuple[FloatArray, float, bool]:
    found = optimize.minimize(_objective, start, args=(layout, groups), jac=True,
                              method="BFGS", options={"gtol": 1e-7, "maxiter": 10000})
    x = np.asarray(found.x, dtype=np.float64)
    value = float(found.fun)
    gradient_small = float(np.max(np.abs(np.asarray(found.jac, dtype=np.float64)))) < 1e-5
    return x, value, bool(found.success) or gradient_small


def fit_levels(groups: list[GroupMoments]) -> dict[Level, LevelFit]:
    """Configural, metric and scalar fits of a one-factor model to two or more groups
    (each needs at least 3 statements and more complete cases than statements)."""
    p = int(groups[0].mean.size)
    if p < 3 or len(groups) < 2:
        raise ValueError("invariance needs at least 3 statements and 2 groups")
    marker, loadings, phi, psi = _start(groups)
    total_n = sum(g.n for g in groups)
    base, base_df = _baseline(groups)
    g_count = len(groups)
    fits: dict[Level, LevelFit] = {}

    config = _Layout("configural", g_count, p, marker)
    theta = np.concatenate([config.free_loadings(loadings), np.log(phi), np.log(psi.ravel())])
    theta, value, ok = _solve(config, groups, theta)
    fits["configural"] = _level_fit(config, value, total_n, base, base_df, ok)
    at = config.slices()
    loadings = config.full_loadings(theta[at["lambda"]])
    phi, psi = theta[at["phi"]], theta[at["psi"]]

    metric = _Layout("metric", g_count, p, marker)
    weights = np.array([g.n for g in groups], dtype=np.float64) / total_n
    shared = weights @ loadings
    theta = np.concatenate([metric.free_loadings(shared), phi, psi])
    theta, value, ok = _solve(metric, groups, theta)
    fits["metric"] = _level_fit(metric, value, total_n, base, base_df, ok)

    scalar = _Layout("scalar", g_count, p, marker)
    lam = metric.full_loadings(theta[metric.slices()["lambda"]])[0]
    first = groups[0].mean
    kappa = [float(lam @ (g.mean - first) / (lam @ lam)) for g in groups[1:]]
    theta = np.concatenate([theta, first, kappa])
    theta, value, ok = _solve(scalar, groups, theta)
    fits["scalar"] = _level_fit(scalar, value, total_n, base, base_df, ok)
    return fits


def _level_fit(layout: _Layout, value: float, n: int, base: float, base_df: int,
               converged: bool) -> LevelFit:
    chisq = max(n * value, 0.0)
    df = layout.df()
    return LevelFit(layout.level, chisq, df, _cfi(chisq, df, base, base_df),
                    _rmsea(chisq, df, n, layout.groups), base, base_df,
                    converged and np.isfinite(value))
