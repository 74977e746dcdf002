"""The one result contract between the analysis core and every face (CLI, web, PDF, API).

A :class:`Result` is immutable and complete: pages and reports render it and never
recompute. ``to_dict`` gives the JSON form described by
``tandem/contract/result-1.schema.json`` (``SCHEMA_VERSION``); NaN becomes ``null``.
Anything withheld for anonymity is absent from the figures and listed in
``suppressed`` (without the size of the withheld set).

``from_dict`` reads that form back, so a result kept as JSON (after the raw answers
were purged) renders like a freshly computed one. ``to_dict`` rounds floats to six
decimals for people and files; ``to_dict(digits=None)`` keeps them exactly, which a
stored result needs: a mean of 3.2500000000000004 shown with one decimal is 3.3, but
3.3 would become 3.2 after rounding to 3.25. Either way NaN and infinities become
``null``, so ``from_dict(d).to_dict() == d`` for every ``d`` that ``to_dict`` produced,
and ``from_dict(r.to_dict(digits=None)) == r`` for every result without NaN.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import types
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from tandem.analysis.thresholds import BLOCK_MET_AT, HIGH_TENSION
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
    high: bool = False  # tension sources only: tension at or above meta.high_tension


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
    high_tension: float = HIGH_TENSION  # the bar for a high tension (0-100)
    block_met_at: float = BLOCK_MET_AT  # the bar for a met phase block (0-100)


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
    # What a reader sees first, decided by the core (tandem.analysis.emphasis):
    tension_order: tuple[str, ...] = ()  # tension sources, highest first, unknown last
    gap_order: tuple[int, ...] = ()  # positions in gaps: notable first, largest first
    patterns: tuple[str, ...] = ()  # known patterns the gaps show: "marketing_more_positive"

    def scale(self, scale_id: str) -> ScaleResult:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def ranked_tensions(self) -> tuple[ScaleResult, ...]:
        """The tension sources in :attr:`tension_order` (ids no longer present skipped)."""
        by_id = {s.id: s for s in self.scales}
        return tuple(by_id[i] for i in self.tension_order if i in by_id)

    def ranked_gaps(self, *, notable: bool = False) -> tuple[Gap, ...]:
        """The gaps in :attr:`gap_order`; ``notable=True`` keeps the notable ones only."""
        ranked = (self.gaps[i] for i in self.gap_order if i < len(self.gaps))
        return tuple(g for g in ranked if g.notable or not notable)

    def pooled_groups(self) -> tuple[str, ...]:
        """The departments the core pooled into "other functions" (names only)."""
        return tuple(s.group for s in self.suppressed if s.reason == "pooled" and s.group)

    def to_dict(self, digits: int | None = 6) -> dict[str, Any]:
        """The JSON-ready form; ``digits=None`` keeps every float exactly."""
        return _plain(self, digits)  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, allow_nan=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """The result encoded by :meth:`to_dict` (schema 1.x).

        Raises :class:`ResultFormatError` naming the first field that is missing,
        unknown or of the wrong type, so a damaged stored result fails loudly.
        """
        meta = data.get("meta") if isinstance(data, Mapping) else None
        version = meta.get("schema_version") if isinstance(meta, Mapping) else None
        if isinstance(version, str) and version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
            raise ResultFormatError(
                "result.meta.schema_version",
                f"version {version!r} cannot be read (this Tandem reads {SCHEMA_VERSION})",
            )
        return from_plain(cls, data)

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        return cls.from_dict(json.loads(text))

    def aggregates_only(self) -> Result:
        """This result without the verbatim open answers: what may be kept once the raw
        answers are purged. A comment is a respondent's own words, not an aggregate, so
        it goes with the answers; each question stays, marked not shown."""
        if not any(c.texts or c.shown for c in self.comments):
            return self
        kept = tuple(CommentSet(c.question, shown=False, texts=()) for c in self.comments)
        return dataclasses.replace(self, comments=kept)


def _plain(value: Any, digits: int | None = 6) -> Any:
    """Dataclasses, Text, tuples and NaN to JSON-ready Python values, floats rounded to
    ``digits`` decimals (None: as they are)."""
    if isinstance(value, Text):
        return value.as_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), digits)
                for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v, digits) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, digits) for v in value]
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return float(value) if digits is None else round(value, digits)
    return value


# ---------------------------------------------------------------- reading back


class ResultFormatError(ValueError):
    """A dict is not a result as :meth:`Result.to_dict` writes it; ``path`` names where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def from_plain[T](cls: type[T], data: Any, path: str = "result") -> T:
    """Rebuild the dataclass ``cls`` from its :func:`_plain` form.

    Generic over the field type hints (dataclasses, ``Text``, tuples, dicts, unions with
    None, ``Literal``, str/int/float/bool) so a field added to a result class is read
    back without a parser to update. ``null`` in a float field that may not be None
    reads as NaN, the value ``to_dict`` wrote it for.
    """
    return _decode(cls, data, path)  # type: ignore[no-any-return]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _decode(tp: Any, value: Any, path: str) -> Any:
    origin = get_origin(tp)
    if tp is Any:
        return value
    if origin is Union or isinstance(tp, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if value is None:
            if len(options) < len(get_args(tp)):
                return None
            if float in options:
                return math.nan
            raise ResultFormatError(path, "may not be null")
        if len(options) == 1:
            return _decode(options[0], value, path)
        problems = []
        for option in options:
            try:
                return _decode(option, value, path)
            except ResultFormatError as exc:
                problems.append(exc.problem)
        raise ResultFormatError(path, " or ".join(problems))
    if origin is Literal:
        if value not in get_args(tp):
            allowed = ", ".join(repr(a) for a in get_args(tp))
            raise ResultFormatError(path, f"{value!r} is not one of {allowed}")
        return value
    if origin is tuple:
        return _tuple(tp, value, path)
    if origin is dict:
        key_type, value_type = get_args(tp)
        if not isinstance(value, Mapping):
            raise ResultFormatError(path, f"expected an object, got {_kind(value)}")
        return {_decode(key_type, k, f"{path}[{k!r}]"): _decode(value_type, v, f"{path}[{k!r}]")
                for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, path)
    return _scalar(tp, value, path)


def _tuple(tp: Any, value: Any, path: str) -> tuple[Any, ...]:
    if not isinstance(value, (list, tuple)):
        raise ResultFormatError(path, f"expected a list, got {_kind(value)}")
    args = get_args(tp)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], v, f"{path}[{i}]") for i, v in enumerate(value))
    if len(value) != len(args):
        raise ResultFormatError(path, f"expected {len(args)} values, got {len(value)}")
    return tuple(_decode(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, value,
                                                                               strict=True)))


def _dataclass(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, Mapping):
        raise ResultFormatError(path, f"expected an object, got {_kind(value)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = [k for k in value if k not in fields]
    if unknown:
        raise ResultFormatError(f"{path}.{unknown[0]}", f"unknown field of {cls.__name__}")
    hints = _hints(cls)
    kwargs: dict[str, Any] = {}
    for name, f in fields.items():
        if name not in value:
            if (f.default is dataclasses.MISSING
                    and f.default_factory is dataclasses.MISSING):
                raise ResultFormatError(f"{path}.{name}", f"missing field of {cls.__name__}")
            continue  # a field added after this result was written: its default
        kwargs[name] = _decode(hints[name], value[name], f"{path}.{name}")
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:
        raise ResultFormatError(path, str(exc)) from exc


def _scalar(tp: Any, value: Any, path: str) -> Any:
    if tp is float:
        if value is None:
            return math.nan
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ResultFormatError(path, f"expected a number, got {_kind(value)}")
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ResultFormatError(path, f"expected a whole number, got {_kind(value)}")
    if tp in (str, bool):
        if type(value) is tp:
            return value
        raise ResultFormatError(path, f"expected {tp.__name__}, got {_kind(value)}")
    raise ResultFormatError(path, f"cannot read a field of type {tp!r}")


def _kind(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {value!r}"[:80]
