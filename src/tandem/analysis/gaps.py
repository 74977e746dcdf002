"""Perception gaps between displayed groups (analysis.md, "Perception gaps").

For every scale and every pair of displayed groups that both have a figure: the
difference of means (0-100, a minus b), its Welch 95% CI, Hedges' g with 95% CI and the
Mann-Whitney U p-value; Benjamini-Hochberg q over all comparisons of the report.
A gap is notable when |difference| >= 10 points and q < 0.10. A gap that is not
notable is "no_gap" only when the CI of the difference excludes a 10-point gap in both
directions; otherwise there are too few respondents to tell.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd

from tandem.analysis.effect_size import hedges_g_from_moments, mean_difference_from_moments
from tandem.analysis.groups import Cells
from tandem.analysis.multiplicity import benjamini_hochberg
from tandem.analysis.rank_tests import mann_whitney_counts
from tandem.analysis.scores import ScoredResponses
from tandem.result import Gap, ScaleResult

NOTABLE_POINTS = 10.0
NOTABLE_Q = 0.10


def perception_gaps(
    scored: ScoredResponses, cells: Cells, scales: tuple[ScaleResult, ...]
) -> tuple[Gap, ...]:
    raw: list[Gap] = []
    for s, scale in enumerate(scored.scales):
        shown = [g.group for g in scales[s].groups if not g.suppressed and g.group in cells.ids]
        if scales[s].score is None or len(shown) < 2:
            continue
        percent = scored.percent[:, s]
        valid = ~np.isnan(percent)
        # A scale score takes few distinct values: one sort per scale, then every pair
        # of groups is compared from value counts in O(distinct values).
        values, inverse = _sorted_factorize(percent[valid])
        counts = {
            cid: np.bincount(inverse[cells.masks[cid][valid]], minlength=values.size)
            for cid in shown
        }
        moments = {cid: _moments(values, c) for cid, c in counts.items()}
        for a, b in itertools.combinations(shown, 2):
            (mean_a, var_a, n_a), (mean_b, var_b, n_b) = moments[a], moments[b]
            diff = mean_difference_from_moments(mean_a, var_a, n_a, mean_b, var_b, n_b)
            g = hedges_g_from_moments(mean_a, var_a, n_a, mean_b, var_b, n_b)
            mw = mann_whitney_counts(counts[a], counts[b])
            raw.append(
                Gap(
                    scale=scale.id,
                    a=a,
                    b=b,
                    n_a=n_a,
                    n_b=n_b,
                    mean_a=mean_a,
                    mean_b=mean_b,
                    difference=mean_a - mean_b,
                    diff_ci_low=diff.ci_low,
                    diff_ci_high=diff.ci_high,
                    hedges_g=g.g,
                    g_ci_low=g.ci_low,
                    g_ci_high=g.ci_high,
                    p=mw.p,
                    q=float("nan"),
                    notable=False,
                    verdict="too_few_to_tell",
                )
            )
    if not raw:
        return ()
    q = benjamini_hochberg(np.array([gap.p for gap in raw]))
    return tuple(_judge(replace(gap, q=float(qi))) for gap, qi in zip(raw, q, strict=True))


def _sorted_factorize(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Like ``np.unique(x, return_inverse=True)``, by hashing (O(n)) rather than sorting."""
    codes, uniques = pd.factorize(x)
    order = np.argsort(uniques)
    rank = np.empty_like(order)
    rank[order] = np.arange(order.size)
    return np.asarray(uniques)[order], rank[codes]


def _moments(values: np.ndarray, counts: np.ndarray) -> tuple[float, float, int]:
    """Mean, variance (ddof=1) and size of a group given as counts at distinct values."""
    n = int(counts.sum())
    if n == 0:
        return float("nan"), float("nan"), 0
    mean = float(counts @ values) / n
    var = float(counts @ (values - mean) ** 2) / (n - 1) if n > 1 else float("nan")
    return mean, var, n


def _judge(gap: Gap) -> Gap:
    notable = abs(gap.difference) >= NOTABLE_POINTS and gap.q < NOTABLE_Q
    if notable:
        return replace(gap, notable=True, verdict="notable")
    ruled_out = gap.diff_ci_low > -NOTABLE_POINTS and gap.diff_ci_high < NOTABLE_POINTS
    return replace(gap, verdict="no_gap" if ruled_out else "too_few_to_tell")
