"""The customer mirror: per journey stage, what customers saw beside who owns it inside.

Per customer, a stage score is the mean of the statements they answered (a reverse-keyed
statement counts as 6 - answer; "don't know" is no answer) on 0-100 ((m - 1) / 4 · 100).
Per stage: n customers with at least one answer, their mean, and the 95% confidence
interval of that mean, x̄ ± t(0.975, n - 1) · s / √n (Student's t; clipped to 0-100).

Anonymity: a stage's figures (its n included) are shown only for n >= k. The stages are
disjoint sets of answers and no total over stages is shown, so no difference of shown
figures is a set below k; which link an answer came by (a stage's own link or the
general one) is not kept at all, so no figure per link exists to subtract.

The verdict per stage combines both sides, in the order a reader should see them:
a break customers see in a stage nobody owns, a break in an owned stage, a break where
the scan does not say who owns it, an unowned stage that holds for now, a stage that
holds, and a stage with too few customers. "A break" is a customer score below
:data:`tandem.thresholds.CUSTOMER_BREAK_BELOW`; "nobody owns it" is the internal
journey's ``unowned`` (:func:`tandem.analysis.decisions.journey`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from tandem.analysis.descriptives import to_percent_scale
from tandem.contract.result import JourneyStage
from tandem.i18n import Text
from tandem.instrument.customer import CustomerQuestionnaire
from tandem.privacy import may_show
from tandem.thresholds import CUSTOMER_BREAK_BELOW

CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class CustomerAnswer:
    """One customer's answers about one stage: statement id -> 1-5, or None (don't know)."""

    stage: str
    values: Mapping[str, int | None]


@dataclass(frozen=True, slots=True)
class CustomerScore:
    """The customers' view of a stage; only ever made for n >= k."""

    n: int
    score: float  # 0-100
    ci_low: float
    ci_high: float


@dataclass(frozen=True, slots=True)
class Verdict:
    id: str
    rank: int  # reading order: lower first
    flagged: bool  # customers see a break
    text: Text


VERDICTS: dict[str, Verdict] = {v.id: v for v in (
    Verdict("break_unowned", 0, True, Text(
        "Klanten zien hier een breuk en niemand is intern eigenaar van deze fase.",
        "Customers see a break here and nobody inside owns this stage.")),
    Verdict("break_owned", 1, True, Text(
        "Klanten zien hier een breuk, hoewel de fase intern een eigenaar heeft: wat die "
        "eigenaar doet, bereikt de klant nog niet.",
        "Customers see a break here, although the stage has an owner inside: the owner's "
        "work does not reach the customer yet.")),
    Verdict("break", 2, True, Text(
        "Klanten zien hier een breuk; de scan zegt niet wie intern eigenaar is.",
        "Customers see a break here; the scan does not say who owns the stage inside.")),
    Verdict("unowned_holds", 3, False, Text(
        "Klanten zien hier (nog) geen breuk, maar niemand is intern eigenaar: het gaat goed "
        "zonder dat iemand erop let.",
        "Customers see no break here (yet), but nobody inside owns the stage: it goes well "
        "without anyone looking after it.")),
    Verdict("holds", 4, False, Text(
        "Klanten zien hier geen breuk en de fase heeft intern een eigenaar.",
        "Customers see no break here and the stage has an owner inside.")),
    Verdict("holds_unknown_owner", 4, False, Text(
        "Klanten zien hier geen breuk.",
        "Customers see no break here.")),
    Verdict("too_few", 5, False, Text(
        "Te weinig klanten antwoordden om hun beeld te tonen.",
        "Too few customers answered to show their view.")),
)}


@dataclass(frozen=True, slots=True)
class MirrorStage:
    stage: str
    label: Text
    customers: CustomerScore | None  # None: fewer than k customers (no count either)
    internal: JourneyStage | None  # None: the scan has no figures for this stage
    verdict: Verdict


@dataclass(frozen=True, slots=True)
class Mirror:
    """Every stage of the questionnaire, flagged stages first (see :data:`VERDICTS`)."""

    k: int
    break_below: float
    stages: tuple[MirrorStage, ...]

    @property
    def flagged(self) -> tuple[MirrorStage, ...]:
        return tuple(s for s in self.stages if s.verdict.flagged)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready (the API): per stage in reading order, the customers' figures (None
        below k: no count either) beside the inside's owner, clarity and consistency."""
        return {"k": self.k, "break_below": self.break_below, "stages": [{
            "stage": s.stage,
            "label": s.label.as_dict(),
            "verdict": s.verdict.id,
            "flagged": s.verdict.flagged,
            "meaning": s.verdict.text.as_dict(),
            "customers": None if s.customers is None else {
                "n": s.customers.n, "score": s.customers.score,
                "ci_low": s.customers.ci_low, "ci_high": s.customers.ci_high},
            "internal": None if s.internal is None else {
                "owner": s.internal.clear_owner, "unowned": s.internal.unowned,
                "clarity": s.internal.clarity,
                "consistency_score": s.internal.consistency_score},
        } for s in self.stages]}


def customer_scores(questionnaire: CustomerQuestionnaire, stage: str,
                    answers: Sequence[CustomerAnswer]) -> np.ndarray:
    """Each customer's 0-100 score at ``stage`` (customers without any answer left out)."""
    keyed = {s.id: s.keying for s in questionnaire.statements_for(stage)}
    scores: list[float] = []
    for answer in answers:
        if answer.stage != stage:
            continue
        values = [6 - v if keyed[sid] == "-" else v
                  for sid, v in answer.values.items() if sid in keyed and v is not None]
        if values:
            scores.append(to_percent_scale(float(np.mean(values))))
    return np.asarray(scores, dtype=np.float64)


def mean_with_ci(scores: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and its Student-t confidence interval, clipped to 0-100 (n >= 2)."""
    n = scores.size
    mean = float(scores.mean())
    t = float(stats.t.ppf((1 + confidence) / 2, n - 1))
    half = t * float(scores.std(ddof=1)) / math.sqrt(n)
    return mean, max(0.0, mean - half), min(100.0, mean + half)


def _verdict(customers: CustomerScore | None, internal: JourneyStage | None) -> Verdict:
    if customers is None:
        return VERDICTS["too_few"]
    broken = customers.score < CUSTOMER_BREAK_BELOW
    if internal is None:
        return VERDICTS["break" if broken else "holds_unknown_owner"]
    if broken:
        return VERDICTS["break_unowned" if internal.unowned else "break_owned"]
    return VERDICTS["unowned_holds" if internal.unowned else "holds"]


def mirror(questionnaire: CustomerQuestionnaire, answers: Sequence[CustomerAnswer], *, k: int,
           journey: Sequence[JourneyStage] = ()) -> Mirror:
    """The customer mirror of every stage, beside the scan's ``journey`` (may be empty)."""
    internal = {s.stage: s for s in journey}
    stages: list[tuple[tuple[int, float, int], MirrorStage]] = []
    for position, (stage, label) in enumerate(questionnaire.stages.items()):
        scores = customer_scores(questionnaire, stage, answers)
        customers = None
        if may_show(scores.size, k) and scores.size >= 2:
            customers = CustomerScore(scores.size, *mean_with_ci(scores))
        inside = internal.get(stage)
        verdict = _verdict(customers, inside)
        row = MirrorStage(stage, inside.label if inside is not None else label, customers,
                          inside, verdict)
        order = (verdict.rank, customers.score if customers else 0.0, position)
        stages.append((order, row))
    return Mirror(k=k, break_below=CUSTOMER_BREAK_BELOW,
                  stages=tuple(row for _, row in sorted(stages, key=lambda pair: pair[0])))
