"""Multiple-comparison adjustments of p-values."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def benjamini_hochberg(p: FloatArray) -> FloatArray:
    """Benjamini–Hochberg (1995) adjusted p-values (q-values), in the input order.

    With the m non-missing p-values sorted ascending, q_(i) = min_{j ≥ i} min(1, p_(j)·m/j).
    NaN entries stay NaN and do not count in m. Same as
    ``scipy.stats.false_discovery_control(p, method='bh')`` and R's ``p.adjust(p, 'BH')``.

    Raises ValueError when a p-value lies outside [0, 1].
    """
    ps = np.asarray(p, dtype=np.float64)
    flat = ps.ravel()
    valid = ~np.isnan(flat)
    pv = flat[valid]
    if np.any((pv < 0.0) | (pv > 1.0)):
        raise ValueError("p-values must lie in [0, 1]")
    m = pv.size
    out = np.full(flat.shape, np.nan, dtype=np.float64)
    if m:
        order = np.argsort(pv, kind="stable")
        scaled = pv[order] * (m / np.arange(1, m + 1, dtype=np.float64))
        q_sorted = np.minimum.accumulate(scaled[::-1])[::-1]
        q = np.empty(m, dtype=np.float64)
        q[order] = np.clip(q_sorted, 0.0, 1.0)
        out[valid] = q
    return out.reshape(ps.shape)
