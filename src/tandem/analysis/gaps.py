"""Perception gaps between displayed groups (analysis.md, "Perception gaps"; docs/method.md).

For every scale and every pair of displayed groups that both have a figure: the
difference of means in points (0-100), its Welch 95% interval, Hedges' g with its
interval and a test that holds its level at the group sizes real teams have
(:mod:`tandem.analysis.permutation`). Tension sources are compared in tension (100 -
score), everything else in score, so a gap has the sign and the words the Tensions page
and the heatmap use for the same scale.

Planned contrasts first. The article is about Sales and Marketing, so Sales-Marketing on
the tension sources and phase blocks is the *primary* family; Sales-Service and
Marketing-Service on the same scales the *secondary* family; everything else (outcomes,
management, other or pooled groups) is *exploratory* and labelled so. The report's error
budget, :data:`ERROR_RATE`, is split over the planned families by
:data:`FAMILY_SHARE` (a family that cannot be tested passes its share on), and within a
family Benjamini-Hochberg controls the false discovery rate at that family's share:
under "no gap anywhere" the chance of any ``clear`` gap is at most :data:`ERROR_RATE`.

Two tiers:

* ``clear``: at least :data:`GAP_POINTS` points and significant within its planned
  family (BH q below the family's level). Exploratory gaps are never clear.
* ``possible``: at least :data:`GAP_POINTS` points, not clear, and p below 1/m for the m
  comparisons of its family: on average at most one ``possible`` gap per family when no
  gap exists (a per-family error rate of one). Large, but at this size it could be chance:
  a question for the meeting, not a finding.

A gap that is neither is "no_gap" only when its interval excludes a gap of
:data:`GAP_POINTS` in both directions, otherwise "too few to tell": a difference of 10
points or more never reads as "no gap". ``benchmarks/gap_power.py`` measures the
detection and false-alarm rates of these rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np
import numpy.typing as npt

from tandem.analysis.groups import Cells
from tandem.analysis.multiplicity import benjamini_hochberg
from tandem.analysis.scores import ScoredResponses
from tandem.analysis.two_sample import judge, sorted_factorize, two_sample_from_counts
from tandem.contract.result import Gap, GapFamily, ScaleResult, measure_of

GAP_POINTS = 10.0
ERROR_RATE = 0.08
POSSIBLE_P_MAX = 0.10

PRIMARY_PAIRS = (frozenset({"sales", "marketing"}),)
SECONDARY_PAIRS = (frozenset({"sales", "service"}), frozenset({"marketing", "service"}))
PLANNED_KINDS = frozenset({"tension", "phase_block"})
FAMILY_SHARE: dict[GapFamily, float] = {"primary": 0.7, "secondary": 0.3}
FAMILIES: tuple[GapFamily, ...] = ("primary", "secondary", "exploratory")

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def family_of(a: str, b: str, kind: str) -> GapFamily:
    """Which family a comparison of groups ``a`` and ``b`` on a scale of ``kind`` is in."""
    pair = frozenset({a, b})
    if kind in PLANNED_KINDS:
        if pair in PRIMARY_PAIRS:
            return "primary"
        if pair in SECONDARY_PAIRS:
            return "secondary"
    return "exploratory"


def family_levels(families: Sequence[GapFamily]) -> dict[GapFamily, float]:
    """The error rate each planned family is tested at, given which families occur."""
    present = {f for f in families if f != "exploratory"}
    share = sum(FAMILY_SHARE[f] for f in present)
    return {f: ERROR_RATE * FAMILY_SHARE[f] / share for f in present}


def perception_gaps(
    scored: ScoredResponses, cells: Cells, scales: tuple[ScaleResult, ...]
) -> tuple[Gap, ...]:
    raw: list[Gap] = []
    for s, scale in enumerate(scales):
        shown = [g.group for g in scale.groups if not g.suppressed and g.group in cells.ids]
        if scale.score is None or len(shown) < 2:
            continue
        masks = {g: cells.masks[g] for g in shown}
        raw += scale_gaps(scale.id, scale.kind, scored.percent[:, s], masks)
    return judge_gaps(raw)


def scale_gaps(
    scale: str, kind: str, percent: FloatArray, masks: Mapping[str, BoolArray]
) -> list[Gap]:
    """Every pair of the groups in ``masks`` (in their order) compared on one scale, from
    the respondents' 0-100 scores (NaN = no score); not yet judged (:func:`judge_gaps`)."""
    measure = measure_of(kind)
    values = 100.0 - percent if measure == "tension" else percent
    # A scale score takes few distinct values: one hashing pass per scale, then every pair
    # of groups is compared from value counts in O(distinct values).
    valid = ~np.isnan(values)
    distinct, inverse = sorted_factorize(values[valid])
    counts = {g: np.bincount(inverse[mask[valid]], minlength=distinct.size)
              for g, mask in masks.items()}
    gaps = []
    for a, b in itertools.combinations(masks, 2):
        t = two_sample_from_counts(distinct, counts[a], counts[b])
        gaps.append(
            Gap(
                scale=scale,
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
                p=t.welch_p,
                q=float("nan"),
                notable=False,
                verdict="too_few_to_tell",
                family=family_of(a, b, kind),
                measure=measure,
            )
        )
    return gaps


def judge_gaps(gaps: Sequence[Gap]) -> tuple[Gap, ...]:
    """``gaps`` with q (BH within each family), tier and verdict decided."""
    levels = family_levels([g.family for g in gaps])
    out = list(gaps)
    for family in FAMILIES:
        where = [i for i, g in enumerate(out) if g.family == family]
        if not where:
            continue
        p = np.array([out[i].p for i in where], dtype=np.float64)
        q = benjamini_hochberg(p)
        tested = int(np.count_nonzero(~np.isnan(p)))
        possible_below = min(POSSIBLE_P_MAX, 1.0 / tested) if tested else 0.0
        for i, qi in zip(where, q, strict=True):
            out[i] = _judge(replace(out[i], q=float(qi)), levels.get(family), possible_below)
    return tuple(out)


def _judge(gap: Gap, level: float | None, possible_below: float) -> Gap:
    large = abs(gap.difference) >= GAP_POINTS
    # An exploratory gap has no level: a bar of 0 for q makes "clear" impossible.
    clear, ruled_out = judge(
        gap.difference, gap.diff_ci_low, gap.diff_ci_high, gap.q,
        points=GAP_POINTS, q_bar=level if level is not None else 0.0,
    )
    if clear:
        return replace(gap, notable=True, verdict="clear", tier="clear")
    if large and not np.isnan(gap.p) and gap.p < possible_below:
        return replace(gap, verdict="possible", tier="possible")
    return replace(gap, verdict="no_gap" if ruled_out and not large else "too_few_to_tell")


__all__ = [
    "ERROR_RATE",
    "FAMILY_SHARE",
    "GAP_POINTS",
    "family_levels",
    "family_of",
    "judge_gaps",
    "perception_gaps",
    "scale_gaps",
]
