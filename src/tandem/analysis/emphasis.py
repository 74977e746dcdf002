"""What a reader sees first: the order of tension sources and gaps, what is high, the
three things to discuss first, and how sure the phase is in words.

Every face (pages, PDF, Markdown, workbook, charts) shows these in the same order and
with the same words because the core decides them once, here, and the result carries
the outcome: ``Result.tension_order``, ``Result.gap_order``, ``ScaleResult.high``,
``Result.patterns``, ``Result.discuss_first`` and the bars in ``Meta`` (from
:mod:`tandem.thresholds`). Faces only read them; the phase certainty's word and the
percentage a reader may be shown come from :func:`certainty`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from tandem.analysis.gaps import family_of, judge_gaps
from tandem.analysis.phase import BLOCKS
from tandem.contract.result import DecisionArea, Gap, JourneyStage, Result, ScaleResult, Topic
from tandem.thresholds import CERTAINTY_BELOW, CERTAINTY_FROM

#: How many things the summary puts first for a management team to discuss.
DISCUSS_FIRST = 3


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


def _most_contested_first(areas: tuple[DecisionArea, ...]) -> list[DecisionArea]:
    """Contested areas: both reasons before one, then the least clarity; ties in order."""
    contested = [a for a in areas if a.contested]
    return sorted(contested, key=lambda a: (-len(a.reasons), a.clarity or 0.0))


def _least_clear_first(stages: tuple[JourneyStage, ...]) -> list[JourneyStage]:
    """Journey stages without an owner, the least clear first; ties in order."""
    return sorted((s for s in stages if s.unowned), key=lambda s: s.clarity or 0.0)


def discuss_first(result: Result) -> tuple[Topic, ...]:
    """The (up to) three things a management team should discuss first, in that order.

    ``result`` must carry its reading order already (:func:`with_emphasis` calls this
    last). The candidates of each kind, strongest first: tension sources at or above the
    bar (in ``tension_order``), clear then possible perception gaps (in ``gap_order``: what
    the reader should discuss, ``Result.ranked_gaps(tiered=True)``), contested
    decision areas (both reasons before one, then the least clarity) and customer-journey
    stages without an owner (the least clear first). They are taken in turns, the first
    of every kind before the second of any, so that different kinds of finding come
    first; a scale already named, as a tension or as a gap, is not named again. When
    fewer than three qualify, the highest remaining tension sources fill the places: the
    biggest friction is always worth a conversation.
    """
    ranked = [s for s in result.ranked_tensions() if s.tension is not None]
    kinds: list[list[Topic]] = [
        [Topic("tension", s.id) for s in ranked if s.high],
        [Topic("gap", result.gaps[i].scale, i)
         for i in result.gap_order if i < len(result.gaps) and result.gaps[i].tier is not None],
        [Topic("decision", a.area) for a in _most_contested_first(result.decision_rights)],
        [Topic("journey", s.stage) for s in _least_clear_first(result.journey)],
    ]
    in_turns = [t for turn in zip_longest(*kinds) for t in turn if t is not None]
    fill = [Topic("tension", s.id) for s in ranked if not s.high]
    chosen: list[Topic] = []
    scales: set[str] = set()
    for topic in [*in_turns, *fill]:
        if len(chosen) == DISCUSS_FIRST:
            break
        on_a_scale = topic.kind in ("tension", "gap")
        if on_a_scale and topic.subject in scales:
            continue
        chosen.append(topic)
        if on_a_scale:
            scales.add(topic.subject)
    return tuple(chosen)


def with_emphasis(result: Result) -> Result:
    """``result`` with its reading order, high tensions and what to discuss first decided."""
    bar = result.meta.high_tension
    scales = tuple(
        dataclasses.replace(s, high=s.tension is not None and s.tension >= bar)
        if s.kind == "tension"
        else s
        for s in result.scales
    )
    ordered = dataclasses.replace(
        result,
        scales=scales,
        tension_order=tension_order(scales),
        gap_order=gap_order(result.gaps),
        patterns=patterns(result.gaps),
    )
    return dataclasses.replace(ordered, discuss_first=discuss_first(ordered))


@dataclass(frozen=True, slots=True)
class Certainty:
    """How sure the phase is, as every face says it: a word and a percentage.

    The percentage never reads 100% nor 0%: a finite number of resamples cannot show
    certainty. When every resample gives the phase it is "more than" the last share
    short of all (``bound`` ">": more than 99.5% of 200), when none does "less than"
    the first (``bound`` "<"); otherwise it has as many decimals as it takes not to
    round to 100 or 0 (99.5%, never "100%").
    """

    band: str  # almost_certain / very_likely / likely / uncertain (tandem.thresholds)
    percent: float  # the percentage to show, already rounded to ``decimals``
    decimals: int
    bound: str = ""  # ">" (more than) or "<" (less than), else ""


def certainty(share: float, resamples: int) -> Certainty:
    """The phase certainty (``PhaseUncertainty.same_phase`` of ``resamples``) in words."""
    band = next((word for word, bar in CERTAINTY_FROM if share >= bar), CERTAINTY_BELOW)
    step = 100 / max(resamples, 2)  # the smallest difference the resamples can show
    value, bound = share * 100, ""
    if value >= 100:
        value, bound = 100 - step, ">"
    elif value <= 0:
        value, bound = step, "<"
    decimals = next((d for d in range(6) if 0 < round(value, d) < 100), 6)
    return Certainty(band, round(value, decimals), decimals, bound)


def read_result(data: str | bytes | Mapping[str, Any]) -> Result:
    """A saved result (JSON text or its dict) with what its schema version lacks decided.

    A result-1 file (saved before the core carried its reading order) reads with the
    new fields at their defaults; this puts the decisions back, so a result kept since
    then shows its tensions and gaps in the order a fresh diagnosis would. A result-2 kept
    before ``discuss_first`` existed gets that decided from its own order. The contract's
    reader cannot do it itself: deciding is the analysis' job, a layer above the contract.
    """
    mapping = json.loads(data) if isinstance(data, (str, bytes)) else data
    result = Result.from_dict(mapping)
    meta = mapping.get("meta") if isinstance(mapping, Mapping) else None
    version = str(meta.get("schema_version") if isinstance(meta, Mapping) else None)
    if version.startswith("1.") or version == "2.0":
        return with_emphasis(_gaps_judged_again(result))
    if isinstance(mapping, Mapping) and "discuss_first" not in mapping:
        return dataclasses.replace(result, discuss_first=discuss_first(result))
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
