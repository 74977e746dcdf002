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

from tandem.analysis.groups import Cells
from tandem.analysis.multiplicity import benjamini_hochberg
from tandem.analysis.scores import ScoredResponses
from tandem.analysis.two_sample import judge, sorted_factorize, two_sample_from_counts
from tandem.contract.result import Gap, ScaleResult

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
        # A scale score takes few distinct values: one hashing pass per scale, then every pair
        # of groups is compared from value counts in O(distinct values).
        values, inverse = sorted_factorize(percent[valid])
        counts = {
            cid: np.bincount(inverse[cells.masks[cid][valid]], minlength=values.size)
            for cid in shown
        }
        for a, b in itertools.combinations(shown, 2):
            t = two_sample_from_counts(values, counts[a], counts[b])
            raw.append(
                Gap(
                    scale=scale.id,
                    a=a,
                    b=b,
                    n_a=t.n_a,
                    n_b=t.n_b,
                    mean_a=t.mean_a,
                    mean_b=t.mean_b,
                    difference=t.difference,
                    diff_ci_low=t.ci_low,
                    diff_ci_high=t.ci_high,
                    hedges_g=t.hedges_g,
                    g_ci_low=t.g_ci_low,
                    g_ci_high=t.g_ci_high,
                    p=t.p,
                    q=float("nan"),
                    notable=False,
                    verdict="too_few_to_tell",
                )
            )
    if not raw:
        return ()
    q = benjamini_hochberg(np.array([gap.p for gap in raw]))
    return tuple(_judge(replace(gap, q=float(qi))) for gap, qi in zip(raw, q, strict=True))


def _judge(gap: Gap) -> Gap:
    notable, ruled_out = judge(
        gap.difference,
        gap.diff_ci_low,
        gap.diff_ci_high,
        gap.q,
        points=NOTABLE_POINTS,
        q_bar=NOTABLE_Q,
    )
    if notable:
        return replace(gap, notable=True, verdict="notable")
    return replace(gap, verdict="no_gap" if ruled_out else "too_few_to_tell")
