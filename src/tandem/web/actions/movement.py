"""How much what an action addresses moved between two scans, with its uncertainty.

An action is meant to move scales and ladder criteria. The next scan shows whether
they moved; but two waves of a survey always differ a little by chance, and selling
that noise as progress would undermine the whole exercise. So every movement comes
with a 95% confidence interval, and a change whose interval contains zero is reported
as "no change beyond noise".

For scales the wave comparison of ``tandem.analysis.compare`` is used (Welch interval,
Benjamini-Hochberg over the report, "moved" only at 5 points or more and q < 0.10), so
the action plan and the results pages give the same verdict. Ladder criteria are
single items, which the wave comparison does not cover; their change is computed here
from the two results' own figures (normal approximation for the difference of two
independent means, the spread taken from the answer shares), and a criterion moved
when the 95% interval excludes zero. A scale the comparison cannot show (too few
answers in a wave) falls back to the same computation. Pure Python: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from tandem.contract.result import ItemFigures, Result
from tandem.i18n import Text

Z95 = 1.959963984540054
Kind = Literal["scale", "criterion"]


@dataclass(frozen=True, slots=True)
class Movement:
    """The change of one scale (0-100) or one ladder criterion (mean 1-5)."""

    subject: str
    kind: Kind
    label: Text
    before: float | None
    after: float | None
    change: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str | None = None  # the wave comparison's verdict, when it gave one

    @property
    def known(self) -> bool:
        return self.change is not None and self.ci_low is not None and self.ci_high is not None

    @property
    def beyond_noise(self) -> bool:
        """The 95% interval of the change excludes zero."""
        return self.known and (self.ci_low > 0 or self.ci_high < 0)  # type: ignore[operator]

    @property
    def direction(self) -> str:
        """"up", "down", "noise" (no change beyond noise), "too_few" or "unknown"."""
        if self.verdict is not None:
            return {"up": "up", "down": "down", "no_change": "noise"}.get(self.verdict,
                                                                          "too_few")
        if not self.known:
            return "unknown"
        if not self.beyond_noise:
            return "noise"
        return "up" if (self.change or 0) > 0 else "down"


def _scale_figures(result: Result, scale_id: str) -> tuple[float | None, float | None, int]:
    """Score and standard error of a scale's organisation mean (0-100)."""
    try:
        scale = result.scale(scale_id)
    except KeyError:
        return None, None, 0
    if scale.score is None or math.isnan(scale.score):
        return None, None, scale.n
    se: float | None = None
    if scale.ci_low is not None and scale.ci_high is not None:
        se = (scale.ci_high - scale.ci_low) / (2 * Z95)
    elif scale.sd is not None and scale.n > 1:
        se = scale.sd / math.sqrt(scale.n)
    return scale.score, se, scale.n


def _item(result: Result, item_id: str) -> ItemFigures | None:
    for scale in result.scales:
        for item in scale.items:
            if item.id == item_id:
                return item
    return None


def _item_figures(result: Result, item_id: str) -> tuple[float | None, float | None]:
    """Mean (1-5) and its standard error, the spread taken from the answer shares."""
    item = _item(result, item_id)
    if item is None or item.n < 2 or math.isnan(item.mean):
        return None, None
    total = sum(item.shares)
    if total <= 0:
        return item.mean, None
    variance = sum(s / total * (v - item.mean) ** 2 for v, s in zip(range(1, 6), item.shares,
                                                                    strict=True))
    variance *= item.n / (item.n - 1)
    return item.mean, math.sqrt(variance / item.n)


def _difference(before: float | None, se_b: float | None, after: float | None,
                se_a: float | None) -> tuple[float | None, float | None, float | None]:
    if before is None or after is None:
        return None, None, None
    change = after - before
    if se_b is None or se_a is None:
        return change, None, None
    half = Z95 * math.sqrt(se_b**2 + se_a**2)
    return change, change - half, change + half


def _first(obj: Any, *names: str) -> Any:
    for name in names:
        value = getattr(obj, name, None)
        if value is not None:
            return value
    return None


def _from_comparison(comparison: Any, scale_id: str, label: Text) -> Movement | None:
    """One scale of a ``WaveComparison`` (``.scale(id)`` -> ``ScaleChange``), or None."""
    try:
        row = comparison.scale(scale_id)
    except (KeyError, AttributeError, LookupError):
        return None
    if row is None:
        return None
    change = _first(row, "change", "difference")
    if change is None:
        return None
    low, high = _first(row, "ci_low"), _first(row, "ci_high")
    return Movement(
        subject=scale_id, kind="scale", label=label,
        before=_first(row, "previous"), after=_first(row, "current"),
        change=float(change),
        ci_low=None if low is None or math.isnan(low) else float(low),
        ci_high=None if high is None or math.isnan(high) else float(high),
        verdict=_first(row, "verdict"),
    )


def movements(
    before: Result,
    after: Result,
    *,
    scales: Iterable[str],
    criteria: Iterable[str],
    comparison: Any | None = None,
) -> tuple[Movement, ...]:
    """The movement of each scale and criterion between ``before`` and ``after``."""
    out: list[Movement] = []
    titles = {s.id: s.title for s in (*after.scales, *before.scales)}
    for scale_id in scales:
        label = titles.get(scale_id, Text(scale_id, scale_id))
        wave = _from_comparison(comparison, scale_id, label) if comparison is not None else None
        if wave is not None:
            out.append(wave)
            continue
        b, se_b, _ = _scale_figures(before, scale_id)
        a, se_a, _ = _scale_figures(after, scale_id)
        change, low, high = _difference(b, se_b, a, se_a)
        out.append(Movement(scale_id, "scale", label, b, a, change, low, high))
    for item_id in criteria:
        b, se_b = _item_figures(before, item_id)
        a, se_a = _item_figures(after, item_id)
        change, low, high = _difference(b, se_b, a, se_a)
        out.append(Movement(item_id, "criterion", Text(item_id, item_id), b, a, change, low,
                            high))
    return tuple(out)


__all__ = ["Movement", "movements"]
