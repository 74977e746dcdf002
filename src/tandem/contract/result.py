"""The one result contract between the analysis core and every face (CLI, web, PDF, API).

A :class:`Result` is immutable and complete: pages and reports render it and never
recompute. ``to_dict`` gives the JSON form described by
``tandem/contract/result-2.schema.json`` (``SCHEMA_VERSION``, generated from these
classes by :mod:`tandem.contract.schema`); NaN becomes ``null``. Anything withheld for
anonymity is absent from the figures and listed in ``suppressed`` (without the size of
the withheld set).

These are plain frozen dataclasses; the encoding and decoding (pydantic, chosen on the
measurements in ``docs/benchmarks.md``) live in :mod:`tandem.contract.codec`, and the
reader of older schema versions in :mod:`tandem.contract.v1`. A field added here needs
a default (or a computed upgrade in ``v1``) so results saved before it still open.

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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from tandem.contract import codec
from tandem.contract.codec import ResultFormatError
from tandem.i18n import Text
from tandem.roadmap.ranking import RoadmapStep
from tandem.target import Target
from tandem.thresholds import BLOCK_MET_AT, HIGH_TENSION

SCHEMA_VERSION = "2.4"
_MAJOR = SCHEMA_VERSION.split(".")[0]

__all__ = ["SCHEMA_VERSION", "Result", "ResultFormatError"]

#: "notable" is how result 2.0 and older said "clear"; :func:`tandem.analysis.emphasis.read_result`
#: decides such a gap again under the current rules.
GapVerdict = Literal["clear", "possible", "no_gap", "too_few_to_tell", "notable"]
GapTier = Literal["clear", "possible"]
GapFamily = Literal["primary", "secondary", "exploratory"]
Measure = Literal["score", "tension"]
#: How a department's prediction of one statement compares with the other's own answers.
EmpathyVerdict = Literal["expects_more_agreement", "expects_less_agreement", "about_right",
                         "unclear"]
#: What a department's predictions add up to (over the statements shown).
EmpathyPattern = Literal["expects_more_negative", "expects_more_positive", "close", "mixed"]


def measure_of(kind: str) -> Measure:
    """The one direction a scale is read in on every page: tension sources as tension
    (100 - score, higher is worse), everything else as score (higher is better)."""
    return "tension" if kind == "tension" else "score"


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
    agreement: str | None = None  # divided / moderate / strong / too_few / unknown

    def shown(self, measure: Measure) -> tuple[float | None, float | None, float | None]:
        """(value, interval low, interval high) in ``measure``: a tension runs the other
        way from the score, so its interval is the score's, mirrored."""
        if measure == "score" or self.score is None:
            return self.score, self.ci_low, self.ci_high
        return (
            100.0 - self.score,
            None if self.ci_high is None else 100.0 - self.ci_high,
            None if self.ci_low is None else 100.0 - self.ci_low,
        )


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """One statement of a scale. ``mean``, ``shares`` and favourability are after reverse
    keying (agreement always means alignment); ``reverse_keyed`` says the statement was
    worded the other way (its raw answers were recoded 6 - x). ``item_total`` is the
    correlation with the sum of the scale's other statements, on pairwise covariances
    from schema 2.2 (complete cases before)."""

    id: str
    n: int
    mean: float  # 1-5 after reverse keying
    favourable: float
    unfavourable: float
    missing_rate: float
    shares: tuple[float, float, float, float, float]
    item_total: float | None = None
    reverse_keyed: bool = False


@dataclass(frozen=True, slots=True)
class Reliability:
    """Cronbach's alpha of a scale with Feldt's 95% interval.

    ``cases`` says which respondents it stands on. ``available`` (schema 2.2 and later):
    the pairwise covariances of every answer; ``n`` is everyone who answered at least
    one statement and ``pair_n`` the fewest respondents behind any pair of statements,
    the n of the interval. ``complete`` (results before 2.2): only the respondents who
    answered every statement, ``n`` of them."""

    alpha: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    items: int
    note: str | None = None  # e.g. "single_item" / "too_few"
    cases: Literal["available", "complete"] = "complete"
    pair_n: int | None = None


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

    @property
    def measure(self) -> Measure:
        return measure_of(self.kind)

    def shown(self) -> tuple[float | None, float | None, float | None]:
        """(value, interval low, interval high) in this scale's :attr:`measure`."""
        return GroupFigures("all", score=self.score, ci_low=self.ci_low,
                            ci_high=self.ci_high).shown(self.measure)


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
    p: float  # permutation test of the means (Welch's t from 30 per group)
    q: float  # Benjamini-Hochberg within the gap's family
    notable: bool  # the same as tier == "clear"
    verdict: GapVerdict
    family: GapFamily = "exploratory"  # planned contrast family, or exploratory
    tier: GapTier | None = None
    measure: Measure = "score"  # what mean_a, mean_b, difference are in


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

    @property
    def clear_owner(self) -> str | None:
        """The owner a reader is shown: one statement per stage, so an unowned stage shows
        "no owner" and never also the owner named most often (that stays in ``owner``)."""
        return None if self.unowned else self.owner


@dataclass(frozen=True, slots=True)
class Suppression:
    what: str  # "group", "scale_cell", "decision_cell", "journey_cell", "phase_group", ...
    group: str | None
    subject: str | None
    reason: str  # below_k, pooled, withheld (in no figure), complementary, comment_threshold


@dataclass(frozen=True, slots=True)
class CommentSet:
    """The open answers to one question from one group, or from several pooled.

    ``groups``: the group (cell) ids the texts come from: one when the group alone
    reaches the comment threshold, several when pooled (tandem.analysis.comments), empty
    for a question nobody answered and for results before 2.3 (all groups pooled)."""

    question: str
    shown: bool
    texts: tuple[str, ...]
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EmpathyStatement:
    """One statement: what the predicting department thinks the other answers against
    what the other answered, both as agreement on 0-100 ((answer - 1) / 4 x 100, the
    statement's own wording, not reverse-keyed). ``gap`` = predicted - actual with its
    95% Welch interval and p (two independent groups)."""

    statement: str  # the item id of the statement (e.g. org_process_4)
    predicted: float  # 0-100 agreement the predicting department expects of the other
    predicted_n: int
    actual: float  # 0-100 agreement of the other department's own answers
    actual_n: int
    gap: float  # predicted - actual, 0-100 points
    ci_low: float | None
    ci_high: float | None
    p: float | None
    verdict: EmpathyVerdict
    reverse_keyed: bool = False  # agreeing with the statement means less alignment


@dataclass(frozen=True, slots=True)
class EmpathyDirection:
    """How well one department predicts the other's answers, or ``suppressed`` with no
    figure when either department is below k (a pooled group never stands in)."""

    predictor: str  # the department that predicts (sales / marketing)
    predicted: str  # the department whose answers it predicts
    suppressed: bool = False
    predictor_n: int | None = None
    predicted_n: int | None = None
    statements: tuple[EmpathyStatement, ...] = ()  # largest absolute gap first
    # the empathy score: the mean absolute gap over the statements shown (lower = closer)
    mean_abs_gap: float | None = None
    ci_low: float | None = None  # bootstrap percentile interval of mean_abs_gap
    ci_high: float | None = None
    # the mean signed gap in the direction of alignment (reverse-keyed statements turned
    # round): below 0, the predictor expects a more negative picture than the other has
    bias: float | None = None
    bias_ci_low: float | None = None
    bias_ci_high: float | None = None
    pattern: EmpathyPattern | None = None
    resamples: int = 0


@dataclass(frozen=True, slots=True)
class Empathy:
    """The empathy gap (schema 2.4): only when the scan asked the optional
    meta-perception statements; results before 2.4 read as not asked."""

    asked: bool = False
    directions: tuple[EmpathyDirection, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupInfo:
    id: str
    label: Text
    n: int
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    """One of the things a management team should discuss first (decided by the core)."""

    kind: str  # "tension", "gap", "decision" or "journey"
    subject: str  # the scale (tension, gap), decision area (decision) or journey stage (journey)
    gap: int | None = None  # kind "gap": its position in Result.gaps


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
    gap_order: tuple[int, ...] = ()  # positions in gaps: clear, possible, rest; largest first
    patterns: tuple[str, ...] = ()  # known patterns the gaps show: "marketing_more_positive"
    discuss_first: tuple[Topic, ...] = ()  # the (up to) three things to discuss first
    empathy: Empathy = Empathy()  # how well Sales and Marketing predict each other (2.4)

    def scale(self, scale_id: str) -> ScaleResult:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise KeyError(scale_id)

    def ranked_tensions(self) -> tuple[ScaleResult, ...]:
        """The tension sources in :attr:`tension_order` (ids no longer present skipped)."""
        by_id = {s.id: s for s in self.scales}
        return tuple(by_id[i] for i in self.tension_order if i in by_id)

    def ranked_gaps(self, *, notable: bool = False, tiered: bool = False) -> tuple[Gap, ...]:
        """The gaps in :attr:`gap_order`; ``notable=True`` keeps the clear ones only,
        ``tiered=True`` the clear and the possible ones (what the reader should discuss)."""
        ranked = (self.gaps[i] for i in self.gap_order if i < len(self.gaps))
        if notable:
            return tuple(g for g in ranked if g.tier == "clear")
        if tiered:
            return tuple(g for g in ranked if g.tier is not None)
        return tuple(ranked)

    def pooled_groups(self) -> tuple[str, ...]:
        """The departments the core pooled into "other functions" (names only)."""
        return tuple(s.group for s in self.suppressed if s.reason == "pooled" and s.group)

    def withheld_groups(self) -> tuple[str, ...]:
        """The departments left out of every figure: below k, and so was their pool (names
        only; together they hold fewer than ``meta.k`` respondents)."""
        return tuple(
            s.group for s in self.suppressed
            if s.what == "group" and s.reason == "withheld" and s.group
        )

    def to_dict(self, digits: int | None = 6) -> dict[str, Any]:
        """The JSON-ready form; ``digits=None`` keeps every float exactly."""
        return codec.encode(self, digits)

    def to_json(self, indent: int | None = 2, digits: int | None = 6) -> str:
        """The JSON text of :meth:`to_dict` (what files, the CLI and the API give)."""
        return codec.encode_json(self, digits, indent)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Result:
        """The result encoded by :meth:`to_dict`: schema 2.x, or 1.x upgraded by
        :mod:`tandem.contract.v1`.

        Raises :class:`ResultFormatError` naming the first field that is missing,
        unknown or of the wrong type, so a damaged stored result fails loudly.
        """
        from tandem.contract.v1 import upgrade

        return codec.decode(cls, upgrade(data, SCHEMA_VERSION))

    @classmethod
    def from_json(cls, text: str | bytes) -> Result:
        """:meth:`from_dict` of JSON text; a current result is read in one pass."""
        try:
            result = codec.decode_json(cls, text)
        except ResultFormatError:
            result = None  # an older version, or damaged: the dict path says which
        if result is not None and result.meta.schema_version.split(".")[0] == _MAJOR:
            return result
        return cls.from_dict(codec.loads(text))

    def aggregates_only(self) -> Result:
        """This result without the verbatim open answers: what may be kept once the raw
        answers are purged. A comment is a respondent's own words, not an aggregate, so
        it goes with the answers; each question stays, marked not shown."""
        if not any(c.texts or c.shown for c in self.comments):
            return self
        questions = dict.fromkeys(c.question for c in self.comments)  # one each, in order
        kept = tuple(CommentSet(q, shown=False, texts=()) for q in questions)
        return dataclasses.replace(self, comments=kept)
