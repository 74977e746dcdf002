"""The one result contract between the analysis core and every face (CLI, web, PDF, API).

A :class:`Result` is immutable and complete: pages and reports render it and never
recompute. ``to_dict`` gives the JSON form described by
``tandem/schema/result-1.schema.json`` (``SCHEMA_VERSION``); NaN becomes ``null``.
Anything withheld for anonymity is absent from the figures and listed in
``suppressed`` (without the size of the withheld set).
"""

from __future__ import annotations

import dataclasses
import json
import math
from dataclasses import dataclass
from typing import Any, Literal

from tandem.i18n import Text
from tandem.roadmap.ranking import RoadmapStep
from tandem.target import Target

SCHEMA_VERSION = "1.0"

GapVerdict = Literal["notable", "no_gap", "too_few_to_tell"]


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """A scale in one displayed group, or ``suppressed`` with no figure at all."""

    group: str
    suppressed: bool = False
    n: int | None = None
    score: float | None = None  # 0-100
    sd: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    tension: float | None = None
    rwg: float | None = None
    agreement: str | None = None  # divided / moderate / strong / unknown


@dataclass(frozen=True, slots=True)
class ItemFigures:
    id: str
    n: int
    mean: float  # 1-5 after reverse keying
    favourable: float
    unfavourable: float
    missing_rate: float
    shares: tuple[float, float, float, float, float]
    item_total: float | None = None


@dataclass(frozen=True, slots=True)
class Reliability:
    alpha: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    items: int
    note: str | None = None  # e.g. "single_item" / "too_few"


@dataclass(frozen=True, slots=True)
class ScaleResult:
    id: str
    kind: str  # phase_block / tension / outcome
    family: str | None
    title: Text
    n: int
    score: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    tension: float | None  # tension sources only: 100 - score
    favourable: float | None
    unfavourable: float | None
    missing_rate: float | None
    rwg: float | None
    agreement: str | None
    reliability: Reliability
    groups: tuple[GroupFigures, ...]
    items: tuple[ItemFigures, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    scale: str
    a: str
    b: str
    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    difference: float  # mean of a - mean of b, 0-100
    diff_ci_low: float
    diff_ci_high: float
    hedges_g: float
    g_ci_low: float
    g_ci_high: float
    p: float
    q: float
    notable: bool
    verdict: GapVerdict


@dataclass(frozen=True, slots=True)
class BlockResult:
    id: str
    score: float | None
    met: bool
    n: int


@dataclass(frozen=True, slots=True)
class Ladder:
    phase: int
    label: Text
    blocks_met: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PhaseIndex:
    mean: float | None  # 1-5 over all ladder items
    band: int | None
    label: Text | None


@dataclass(frozen=True, slots=True)
class PhaseUncertainty:
    method: str  # "bootstrap" or "normal"
    resamples: int
    same_phase: float  # share of resamples giving the observed ladder phase
    distribution: tuple[float, float, float, float]  # share per phase 1..4


@dataclass(frozen=True, slots=True)
class GroupPhase:
    group: str
    suppressed: bool
    n: int | None = None
    distribution: tuple[float, float, float, float] | None = None  # perceived phase 1..4
    modal: int | None = None  # most common perceived phase of its respondents
    phase: int | None = None  # the ladder applied to the group's own block scores


@dataclass(frozen=True, slots=True)
class PhaseResult:
    ladder: Ladder
    index: PhaseIndex
    blocks: dict[str, BlockResult]
    agree: bool
    note: Text | None
    uncertainty: PhaseUncertainty | None
    by_group: tuple[GroupPhase, ...]


@dataclass(frozen=True, slots=True)
class ChoiceGroup:
    group: str
    suppressed: bool
    n: int | None = None
    distribution: dict[str, float] | None = None
    modal: str | None = None


@dataclass(frozen=True, slots=True)
class DecisionArea:
    area: str
    label: Text
    n: int
    distribution: dict[str, float]  # share per code (incl. dk) among those who answered
    modal: str | None  # most common answer other than "don't know"
    clarity: float | None  # share of the modal answer among non-dk answers
    nobody: float
    dont_know: float
    contested: bool
    reasons: tuple[str, ...]  # "sales_marketing_differ", "low_clarity"
    groups: tuple[ChoiceGroup, ...]
    should: ChoiceGroup | None = None  # "who should decide", when asked


@dataclass(frozen=True, slots=True)
class JourneyStage:
    stage: str
    label: Text
    n: int
    owner: str | None
    clarity: float | None
    distribution: dict[str, float]
    unowned: bool
    consistency: float | None  # mean 1-5
    consistency_score: float | None  # 0-100
    consistency_n: int
    groups: tuple[ChoiceGroup, ...]


@dataclass(frozen=True, slots=True)
class Suppression:
    what: str  # "group", "scale_cell", "decision_cell", "journey_cell", "phase_group", ...
    group: str | None
    subject: str | None
    reason: str  # "below_k", "pooled", "complementary", "comment_threshold"


@dataclass(frozen=True, slots=True)
class CommentSet:
    question: str
    shown: bool
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GroupInfo:
    id: str
    label: Text
    n: int
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meta:
    schema_version: str
    instrument: str
    instrument_version: str
    form: str
    indicative: bool  # quick scan: single items, no reliability
    n: int | None  # None when the whole scan is below the threshold
    k: int
    comment_k: int
    groups: tuple[GroupInfo, ...]


@dataclass(frozen=True, slots=True)
class Result:
    """The whole diagnosis of one scan."""

    meta: Meta
    phase: PhaseResult | None
    scales: tuple[ScaleResult, ...]
    gaps: tuple[Gap, ...]
    decision_rights: tuple[DecisionArea, ...]
    journey: tuple[JourneyStage, ...]
    target: Target | None
    roadmap: tuple[RoadmapStep, ...]
    comments: tuple[CommentSet, ...]
    suppressed: tuple[Suppression, ...]

    def scale(self, scale_id: str) -> ScaleResult:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)


def _plain(value: Any) -> Any:
    """Dataclasses, Text, tuples and NaN to JSON-ready Python values."""
    if isinstance(value, Text):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else round(value, 6)
    return value
