"""What a reader sees first: the order of tension sources and gaps, and what is high.

Every face (pages, PDF, Markdown, workbook, charts) shows these in the same order and
with the same words because the core decides them once, here, and the result carries
the outcome: ``Result.tension_order``, ``Result.gap_order``, ``ScaleResult.high``,
``Result.patterns`` and the bars in ``Meta`` (from :mod:`tandem.analysis.thresholds`).
Faces only read them.
"""

from __future__ import annotations

import dataclasses

from tandem.analysis.phase import BLOCKS
from tandem.contract.result import Gap, Result, ScaleResult


def tension_order(scales: tuple[ScaleResult, ...]) -> tuple[str, ...]:
    """Tension sources, highest tension first; unknown last; ties in instrument order."""
    sources = [s for s in scales if s.kind == "tension"]
    ranked = sorted(sources, key=lambda s: -(s.tension if s.tension is not None else -1.0))
    return tuple(s.id for s in ranked)


def gap_order(gaps: tuple[Gap, ...]) -> tuple[int, ...]:
    """Positions of the gaps: notable ones first, each part by the size of the difference."""
    return tuple(
        sorted(range(len(gaps)), key=lambda i: (not gaps[i].notable, -abs(gaps[i].difference)))
    )


def patterns(gaps: tuple[Gap, ...]) -> tuple[str, ...]:
    """Known patterns the notable gaps show, each worth a sentence to the reader.

    ``marketing_more_positive``: on a phase block Sales rates the relationship notably
    lower than Marketing does, as research on the interface often finds.
    """
    found = []
    if any(
        g.notable and g.scale in BLOCKS and (g.a, g.b) == ("sales", "marketing")
        and g.difference < 0
        for g in gaps
    ):
        found.append("marketing_more_positive")
    return tuple(found)


def with_emphasis(result: Result) -> Result:
    """``result`` with its reading order, high tensions and pooled departments decided."""
    bar = result.meta.high_tension
    scales = tuple(
        dataclasses.replace(s, high=s.tension is not None and s.tension >= bar)
        if s.kind == "tension"
        else s
        for s in result.scales
    )
    return dataclasses.replace(
        result,
        scales=scales,
        tension_order=tension_order(scales),
        gap_order=gap_order(result.gaps),
        patterns=patterns(result.gaps),
    )
