"""Benchmarks: where a scan's scores stand among comparable organisations'.

For each phase block and tension source, the scan's score (0-100, higher is better) is
placed among the scores of other organisations' latest closed scans as a percentile:
the share of those organisations scoring lower, a tie counting half (SciPy's
``percentileofscore(kind="mean")``). Comparable means alike in sector, size (number of
employees, as a band) and market; when too few organisations are alike in all three,
the comparison widens in the fixed order of :data:`COMPARISON_SETS`, and the page says
which set it used.

A comparison is shown only where at least :data:`MIN_ORGANISATIONS` organisations and
:data:`MIN_RESPONDENTS` respondents stand behind it, so no organisation's figure can be
read from it; the set is the first in the order where that holds, and a scale whose own
figures fall short in it is left out. The scan itself must be publishable (its result
reaches its threshold k), and only scores its result shows are compared.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from tandem.contract.result import Result

MIN_ORGANISATIONS = 5
MIN_RESPONDENTS = 100
#: The scales a benchmark compares (ScaleResult.kind).
KINDS = ("phase_block", "tension")

Criterion = Literal["sector", "employees", "market"]
#: The comparison sets, narrowest first: the first with enough organisations is used.
COMPARISON_SETS: tuple[tuple[Criterion, ...], ...] = (
    ("sector", "employees", "market"),
    ("sector", "employees"),
    ("sector",),
    ("employees", "market"),
    ("employees",),
    (),  # every organisation with a comparable scan
)
Reason = Literal["shown", "not_publishable", "too_few"]


@dataclass(frozen=True, slots=True)
class Profile:
    """What makes organisations comparable; None when the organisation did not say."""

    sector: str | None = None
    employees: str | None = None
    market: str | None = None

    def value(self, criterion: Criterion) -> str | None:
        return getattr(self, criterion)  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Peer:
    """Another organisation's latest closed scan, as its result shows it."""

    profile: Profile
    respondents: int
    scores: Mapping[str, tuple[float, int]]  # scale id -> (score, respondents behind it)


@dataclass(frozen=True, slots=True)
class ScaleBenchmark:
    """One scale: the scan's score and its percentile among the comparison set."""

    scale: str
    kind: str
    score: float
    percentile: float | None  # None: fewer organisations or respondents than the rule
    organisations: int
    respondents: int


@dataclass(frozen=True, slots=True)
class Benchmark:
    """The comparison of one scan: the set used and a percentile per scale."""

    reason: Reason
    criteria: tuple[Criterion, ...] | None  # the set used (None when none qualifies)
    profile: Profile
    organisations: int  # in the set used
    respondents: int
    scales: tuple[ScaleBenchmark, ...] = ()
    min_organisations: int = MIN_ORGANISATIONS
    min_respondents: int = MIN_RESPONDENTS

    @property
    def shown(self) -> bool:
        return self.reason == "shown"


def percentile_of(score: float, others: Sequence[float]) -> float:
    """The percentage of ``others`` below ``score``, a tie counting half (0-100)."""
    values = np.asarray(others, dtype=float)
    if values.size == 0:
        raise ValueError("a percentile needs at least one other score")
    below = np.count_nonzero(values < score)
    equal = np.count_nonzero(values == score)
    return float(100.0 * (below + 0.5 * equal) / values.size)


def own_scores(result: Result) -> dict[str, float]:
    """The scores of the scan's phase blocks and tension sources its result shows
    (nothing when the scan is below k)."""
    if result.meta.n is None:
        return {}
    return {s.id: s.score for s in result.scales if s.kind in KINDS and s.score is not None}


def peer_of(result: Result, profile: Profile) -> Peer | None:
    """Another organisation's scan as a peer; None when its result shows nothing."""
    if result.meta.n is None:
        return None
    scores = {s.id: (s.score, s.n) for s in result.scales
              if s.kind in KINDS and s.score is not None}
    return Peer(profile, result.meta.n, scores)


def benchmark(result: Result, profile: Profile, peers: Sequence[Peer], *,
              min_organisations: int = MIN_ORGANISATIONS,
              min_respondents: int = MIN_RESPONDENTS) -> Benchmark:
    """The scan of ``result`` among ``peers`` (other organisations' scans, each once)."""

    def enough(organisations: int, respondents: int) -> bool:
        return organisations >= min_organisations and respondents >= min_respondents

    def outcome(reason: Reason, criteria: tuple[Criterion, ...] | None = None,
                alike: Sequence[Peer] = (),
                scales: tuple[ScaleBenchmark, ...] = ()) -> Benchmark:
        return Benchmark(reason, criteria, profile, len(alike),
                         sum(p.respondents for p in alike), scales, min_organisations,
                         min_respondents)

    scores = own_scores(result)
    if not scores:
        return outcome("not_publishable")
    kinds = {s.id: s.kind for s in result.scales}
    for criteria in COMPARISON_SETS:
        if any(profile.value(c) is None for c in criteria):
            continue  # the organisation did not say: it cannot be compared on that
        alike = [p for p in peers if all(p.profile.value(c) == profile.value(c)
                                         for c in criteria)]
        if not enough(len(alike), sum(p.respondents for p in alike)):
            continue
        rows = []
        for scale, score in scores.items():
            theirs = [p.scores[scale] for p in alike if scale in p.scores]
            shown = enough(len(theirs), sum(n for _score, n in theirs))
            rows.append(ScaleBenchmark(
                scale, kinds[scale], score,
                percentile_of(score, [s for s, _n in theirs]) if shown else None,
                len(theirs), sum(n for _score, n in theirs)))
        return outcome("shown", criteria, alike, tuple(rows))
    return outcome("too_few")


__all__ = [
    "COMPARISON_SETS",
    "KINDS",
    "MIN_ORGANISATIONS",
    "MIN_RESPONDENTS",
    "Benchmark",
    "Criterion",
    "Peer",
    "Profile",
    "ScaleBenchmark",
    "benchmark",
    "own_scores",
    "peer_of",
    "percentile_of",
]
