"""Two waves of the same organisation: what moved beyond noise.

For every scale, overall and per displayed group that both waves show with a figure:

* the change in score (current − previous, on 0–100) with its Welch 95% interval,
* Hedges' g of current versus previous with its 95% interval,
* the two-sided Mann–Whitney U p-value (all three from
  :func:`~tandem.analysis.two_sample.two_sample`, as for perception gaps),
* Benjamini–Hochberg q over *all* comparisons of the report (every scale, overall and
  per group), since a reader scans them all at once.

A scale has **moved** when |change| >= 5 points and q < 0.10. Why 5 and not the 10 of
perception gaps: a wave is compared with itself a year later, so a smaller shift is
worth reporting, yet 5 points (a fifth of a step on the 1–5 answer scale) stays above
what a change of wording or mood alone tends to produce. Everything else is "no change
beyond noise"; when the interval is too wide to rule out a 5-point move either way the
verdict is "too few to tell", as for gaps.

Anonymity: each wave's figures are for sets its own report displays (its own group
plan, and the same per-scale suppression), so a comparison shows nothing either
report withholds. A group is compared only when both waves show it with the same
members (a pooled cell made of other departments is another group). The overall rows
cover only the respondents each wave's plan includes (a pool below k is withheld), and
when the stricter threshold of the comparison would include other respondents than a
wave's own report (``own_k``), nothing is compared: the two overall figures would
differ by a small pool (:func:`tandem.privacy.differencing.same_withheld`).

The respondents of the two waves are independent samples (no link between waves is
kept), hence the two-sample tests.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import numpy as np

from tandem.analysis.groups import Cells, build_cells
from tandem.analysis.multiplicity import benjamini_hochberg
from tandem.analysis.scores import score_responses
from tandem.analysis.two_sample import judge, two_sample
from tandem.contract import codec
from tandem.privacy import DEFAULT_K, check_k, comparable_cells, may_show
from tandem.privacy.differencing import same_withheld
from tandem.privacy.groups import department_codes, plan_respondents
from tandem.responses import ResponseSet

MOVED_POINTS = 5.0
MOVED_Q = 0.10
EVERYONE = "all"

Verdict = Literal["up", "down", "no_change", "too_few_to_tell"]


@dataclass(frozen=True, slots=True)
class ScaleChange:
    """One scale in one group (``all`` for everyone): previous, current and the change."""

    scale: str
    group: str
    n_previous: int
    n_current: int
    previous: float  # mean score 0-100
    current: float
    change: float  # current - previous
    ci_low: float
    ci_high: float
    hedges_g: float  # current versus previous
    g_ci_low: float
    g_ci_high: float
    p: float
    q: float
    moved: bool
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class WaveComparison:
    """Every change between two waves; ``changes`` holds overall rows and group rows."""

    k: int
    n_previous: int
    n_current: int
    changes: tuple[ScaleChange, ...]

    def scale(self, scale_id: str, group: str = EVERYONE) -> ScaleChange | None:
        """The change of one scale (overall by default); None when it cannot be shown."""
        for change in self.changes:
            if change.scale == scale_id and change.group == group:
                return change
        return None

    @property
    def overall(self) -> tuple[ScaleChange, ...]:
        return tuple(c for c in self.changes if c.group == EVERYONE)

    @property
    def moved(self) -> tuple[ScaleChange, ...]:
        return tuple(c for c in self.changes if c.moved)

    def groups(self) -> tuple[str, ...]:
        seen = dict.fromkeys(c.group for c in self.changes if c.group != EVERYONE)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        return codec.encode(self)


def compare_waves(
    previous: ResponseSet,
    current: ResponseSet,
    *,
    min_group: int = DEFAULT_K,
    own_k: tuple[int, int] | None = None,
) -> WaveComparison:
    """Compare two waves of the same instrument (see the module docstring).

    ``min_group`` is the comparison's threshold (the stricter of the two waves');
    ``own_k`` the threshold of each wave's own report (previous, current), by default
    ``min_group`` for both.
    """
    k = check_k(min_group)
    if previous.instrument.id != current.instrument.id:
        raise ValueError("the waves use different instruments and cannot be compared")
    ks = own_k or (k, k)
    cells_before, cells_after = build_cells(previous, k), build_cells(current, k)
    if not (cells_before.plan.total_shown and cells_after.plan.total_shown):
        return WaveComparison(k, previous.n, current.n, ())
    codes = [department_codes(wave.department) for wave in (previous, current)]
    if not all(same_withheld(c, k, own) for c, own in zip(codes, ks, strict=True)):
        n_own = [plan_respondents(c, own).total for c, own in zip(codes, ks, strict=True)]
        return WaveComparison(k, n_own[0], n_own[1], ())
    if cells_before.plan.withheld or cells_after.plan.withheld:
        # Only the respondents the reports include: the rest are in no figure.
        previous, current = (previous.subset(cells_before.included),
                             current.subset(cells_after.included))
        cells_before, cells_after = build_cells(previous, k), build_cells(current, k)
    before, after = score_responses(previous), score_responses(current)
    common = comparable_cells(cells_before.plan, cells_after.plan)
    after_ids = [s.id for s in after.scales]
    raw: list[ScaleChange] = []
    for scale in before.scales:
        if scale.id not in after_ids:
            continue
        x = before.scale_percent(scale.id)
        y = after.scale_percent(scale.id)
        if not (may_show(_n(x), k) and may_show(_n(y), k)):
            continue
        raw.append(_change(scale.id, EVERYONE, x, y))
        shown_before = _shown_groups(x, cells_before)
        shown_after = _shown_groups(y, cells_after)
        for group in common:
            if group in shown_before and group in shown_after:
                raw.append(
                    _change(
                        scale.id, group, x[cells_before.masks[group]], y[cells_after.masks[group]]
                    )
                )
    if not raw:
        return WaveComparison(k, previous.n, current.n, ())
    q = benjamini_hochberg(np.array([c.p for c in raw]))  # NaN (untestable) passes through
    changes = tuple(_judge(replace(c, q=float(qi))) for c, qi in zip(raw, q, strict=True))
    return WaveComparison(k, previous.n, current.n, changes)


def _n(values: np.ndarray) -> int:
    return int(np.count_nonzero(~np.isnan(values)))


def _shown_groups(percent: np.ndarray, cells: Cells) -> set[str]:
    """The groups whose score this wave's own report shows (same rule as the report)."""
    valid = ~np.isnan(percent)
    n_valid = {cid: int(np.count_nonzero(valid & m)) for cid, m in cells.masks.items()}
    return set(n_valid) - cells.hidden(n_valid)


def _change(scale: str, group: str, x: np.ndarray, y: np.ndarray) -> ScaleChange:
    t = two_sample(y, x)  # current versus previous
    return ScaleChange(
        scale=scale,
        group=group,
        n_previous=t.n_b,
        n_current=t.n_a,
        previous=t.mean_b,
        current=t.mean_a,
        change=t.difference,
        ci_low=t.ci_low,
        ci_high=t.ci_high,
        hedges_g=t.hedges_g,
        g_ci_low=t.g_ci_low,
        g_ci_high=t.g_ci_high,
        p=t.p,
        q=float("nan"),
        moved=False,
        verdict="too_few_to_tell",
    )


def _judge(change: ScaleChange) -> ScaleChange:
    moved, ruled_out = judge(
        change.change,
        change.ci_low,
        change.ci_high,
        change.q,
        points=MOVED_POINTS,
        q_bar=MOVED_Q,
    )
    if moved:
        return replace(change, moved=True, verdict="up" if change.change > 0 else "down")
    return replace(change, verdict="no_change" if ruled_out else "too_few_to_tell")


__all__ = ["MOVED_POINTS", "MOVED_Q", "ScaleChange", "WaveComparison", "compare_waves"]
