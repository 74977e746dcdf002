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

from tandem.analysis.descriptives import to_percent_scale
from tandem.analysis.effect_size import hedges_g, mean_difference_ci
from tandem.analysis.groups import Cells
from tandem.analysis.multiplicity import benjamini_hochberg
from tandem.analysis.rank_tests import mann_whitney
from tandem.analysis.scores import ScoredResponses
from tandem.result import Gap, ScaleResult

NOTABLE_POINTS = 10.0
NOTABLE_Q = 0.10


def perception_gaps(
    scored: ScoredResponses, cells: Cells, scales: tuple[ScaleResult, ...]
) -> tuple[Gap, ...]:
    raw: list[Gap] = []
    for s, scale in enumerate(scored.scales):
        shown = {g.group for g in scales[s].groups if not g.suppressed}
        if scales[s].score is None:
            continue
        percent = to_percent_scale(scored.scores[:, s])
        for a, b in itertools.combinations([c for c in cells.ids if c in shown], 2):
            x = percent[cells.masks[a]]
            y = percent[cells.masks[b]]
            x = x[~np.isnan(x)]
            y = y[~np.isnan(y)]
            diff = mean_difference_ci(x, y)
            g = hedges_g(x, y)
            mw = mann_whitney(x, y)
            raw.append(
                Gap(
                    scale=scale.id,
                    a=a,
                    b=b,
                    n_a=int(x.size),
                    n_b=int(y.size),
                    mean_a=float(x.mean()),
                    mean_b=float(y.mean()),
                    difference=float(x.mean() - y.mean()),
                    diff_ci_low=float(diff.ci_low),
                    diff_ci_high=float(diff.ci_high),
                    hedges_g=float(g.g),
                    g_ci_low=float(g.ci_low),
                    g_ci_high=float(g.ci_high),
                    p=float(mw.p),
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
    notable = abs(gap.difference) >= NOTABLE_POINTS and gap.q < NOTABLE_Q
    if notable:
        return replace(gap, notable=True, verdict="notable")
    ruled_out = gap.diff_ci_low > -NOTABLE_POINTS and gap.diff_ci_high < NOTABLE_POINTS
    return replace(gap, verdict="no_gap" if ruled_out else "too_few_to_tell")
