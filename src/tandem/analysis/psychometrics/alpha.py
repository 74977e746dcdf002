"""Cronbach's alpha two ways: on complete cases (as SPSS and R report it) and on the
available cases (pairwise covariances, ``psych::alpha``'s default).

* **Complete cases**: :func:`tandem.analysis.reliability.cronbach_alpha`, the diagnosis's
  own function: listwise deletion, alpha = k/(k-1) (1 - tr C / sum C), Feldt's interval
  with df1 = n - 1, df2 = (n - 1)(k - 1) on the complete n. Item-rest correlations
  (``psych::alpha``'s ``r.drop``) are :func:`~tandem.analysis.reliability.item_total_correlations`
  on the same rows.
* **Available cases**: the same formula on the pairwise-complete covariance matrix,
  C_ij = (sum x_i x_j - sum x_i sum x_j / n_ij) / (n_ij - 1) over the n_ij respondents who
  answered both i and j (R's ``cov(use = "pairwise")``, so equal to
  ``psych::alpha(x)$total$raw_alpha`` on data with missing answers). It uses every answer
  and so describes everybody who answered, but its C need not be a covariance matrix of
  any one set of people; it is shown beside the complete-case alpha, not instead of it.
"""

from __future__ import annotations

import numpy as np

from tandem.analysis.reliability import Alpha, FloatArray, cronbach_alpha, item_total_correlations

NAN = float("nan")

__all__ = ["Alpha", "alpha_available", "cronbach_alpha", "item_total_correlations",
           "pairwise_covariance"]


def pairwise_covariance(items: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Pairwise-complete covariances (ddof 1) and the pair counts n_ij of an (n, k) matrix.

    One pass of matrix products over the data (O(n k^2)): with A the answers centred on
    each column's mean and 0 where missing, M the answered mask, P = A'A, S = A'M and
    N = M'M, C_ij = (P_ij - S_ij S_ji / N_ij) / (N_ij - 1). Centring first keeps the sums
    small (the covariance does not change with a shift). NaN where N_ij < 2.
    """
    x = np.asarray(items, dtype=np.float64)
    answered = ~np.isnan(x)
    mask = answered.astype(np.float64)
    counts = answered.sum(axis=0)
    means = np.divide(np.nansum(x, axis=0), counts, out=np.zeros(x.shape[1]),
                      where=counts > 0)
    centred = np.where(answered, x - means, 0.0)
    products = centred.T @ centred
    sums = centred.T @ mask  # sums[i, j]: sum of item i over respondents who answered j too
    pairs = mask.T @ mask
    with np.errstate(invalid="ignore", divide="ignore"):
        cov = (products - sums * sums.T / pairs) / (pairs - 1.0)
    cov[pairs < 2] = np.nan
    return cov, pairs


def alpha_available(items: FloatArray) -> tuple[float, int]:
    """Alpha on the pairwise covariances and n = respondents with at least one answer.

    NaN when fewer than two items, a pair was never answered together, or sum C <= 0.
    """
    x = np.asarray(items, dtype=np.float64)
    n = int(np.count_nonzero((~np.isnan(x)).any(axis=1)))
    k = x.shape[1]
    if k < 2:
        return NAN, n
    cov, _pairs = pairwise_covariance(x)
    total = float(cov.sum())
    if not np.isfinite(total) or total <= 0.0:
        return NAN, n
    return k / (k - 1) * (1.0 - float(np.trace(cov)) / total), n
