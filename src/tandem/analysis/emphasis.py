"""What a reader sees first: the order of tension sources and gaps, and what is high.

Every face (pages, PDF, Markdown, workbook, charts) shows these in the same order and
with the same words because the core decides them once, here, and the result carries
the outcome: ``Result.tension_order``, ``Result.gap_order``, ``ScaleResult.high``,
``Result.patterns`` and the bars in ``Meta`` (from :mod:`tandem.thresholds`).
Faces only read them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from tandem.analysis.gaps import family_of, judge_gaps
from tandem.analysis.phase import BLOCKS
from tandem.contract.result import Gap, Result, ScaleResult


def tension_order(scales: tuple[ScaleResult, ...]) -> tuple[str, ...]:
    """Tension sources, highest tension first; unknown last; ties in instrument order."""
    sources = [s for s in scales if s.kind == "tension"]
    ranked = sorted(sources, key=lambda s: -(s.tension if s.tension is not None else -1.0))
    return tuple(s.id for s in ranked)


_TIER_RANK = {"clear": 0, "possible": 1}
_FAMILY_RANK = {"primary": 0, "secondary": 1, "exploratory": 2}


def gap_order(gaps: tuple[Gap, ...]) -> tuple[int, ...]:
    """Positions of the gaps: clear ones first, then possible ones, then the rest; within
    a tier planned contrasts before exploratory ones, then by the size of the difference."""
    return tuple(
        sorted(
            range(len(gaps)),
            key=lambda i: (
                _TIER_RANK.get(gaps[i].tier or "", 2),
                _FAMILY_RANK[gaps[i].family],
                -abs(gaps[i].difference),
            ),
        )
    )


def patterns(gaps: tuple[Gap, ...]) -> tuple[str, ...]:
    """Known patterns the notable gaps show, each worth a sentence to the reader.

    ``marketing_more_positive``: on a phase block Sales rates the relationship clearly
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


def read_result(data: str | bytes | Mapping[str, Any]) -> Result:
    """A saved result (JSON text or its dict) with what its schema version lacks decided.

    A result-1 file (saved before the core carried its reading order) reads with the
    new fields at their defaults; this puts the decisions back, so a result kept since
    then shows its tensions and gaps in the order a fresh diagnosis would. The contract's
    reader cannot do it itself: deciding is the analysis' job, a layer above the contract.
    """
    mapping = json.loads(data) if isinstance(data, (str, bytes)) else data
    result = Result.from_dict(mapping)
    meta = mapping.get("meta") if isinstance(mapping, Mapping) else None
    version = str(meta.get("schema_version") if isinstance(meta, Mapping) else None)
    if version.startswith("1.") or version == "2.0":
        return with_emphasis(_gaps_judged_again(result))
    return result


def _gaps_judged_again(result: Result) -> Result:
    """A result saved before the planned families and tiers (result 2.0 and older): its
    gaps (kept in score, with their p-values) judged under the current rules."""
    kinds = {s.id: s.kind for s in result.scales}
    gaps = [
        dataclasses.replace(
            g, family=family_of(g.a, g.b, kinds.get(g.scale, "")), notable=False, tier=None,
            verdict="too_few_to_tell",
        )
        for g in result.gaps
    ]
    return dataclasses.replace(result, gaps=judge_gaps(gaps))
