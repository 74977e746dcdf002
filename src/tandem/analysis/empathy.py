"""The empathy gap: how well Sales predicts Marketing's answers, and the reverse.

With the optional meta-perception module a Sales respondent also answers, for a few
statements, "how do most people in Marketing answer this?", and a Marketing respondent
the same about Sales (``Item.about``, ``Item.predicts``). Per statement and direction
the predicting department's mean prediction is compared with the other department's
own mean answer: the gap (predicted - actual, agreement on 0-100) with a Welch 95%
interval, the two being independent groups of people. Per direction, the empathy score
is the mean absolute gap over the statements (a bootstrap interval, resampling the
respondents of each department apart), and the bias is the mean signed gap in the
direction of alignment: below 0, the predictor pictures the other as more negative than
it is (the meta-perception literature's usual finding, see docs/method.md).

Privacy: both departments must reach k, on their own answers (the raw department, never
a pooled group), or the direction shows nothing; a statement whose predictions or own
answers come from fewer than k people is left out.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt
from scipy import special

from tandem.analysis.publication import Publication
from tandem.contract.result import (
    Empathy,
    EmpathyDirection,
    EmpathyPattern,
    EmpathyStatement,
    EmpathyVerdict,
    Suppression,
)
from tandem.instrument.model import Item
from tandem.privacy import suppression_reason
from tandem.responses import ResponseSet

FloatArray = npt.NDArray[np.float64]
#: The two directions: (predicting department, predicted department).
DIRECTIONS: tuple[tuple[str, str], ...] = (("sales", "marketing"), ("marketing", "sales"))
#: A gap this small (0-100 points) with an interval inside ±this is "about right"; the
#: same 10 points as a "possible" perception gap, so a visible 10 is never "no gap".
CLOSE = 10.0
RESAMPLES = 2000
SEED = 20240516  # fixed: the same answers always give the same interval
CONFIDENCE = 0.95


def _percent(answers: FloatArray) -> FloatArray:
    """Answers 1-5 as agreement 0-100 (NaN stays NaN)."""
    return (answers - 1.0) / 4.0 * 100.0


def welch(predicted: FloatArray, actual: FloatArray) -> tuple[float, float | None,
                                                              float | None, float | None]:
    """(difference of means, 95% low, 95% high, two-sided p) of Welch's t for two
    independent samples; interval and p are None when neither sample varies."""
    n1, n2 = predicted.size, actual.size
    diff = float(predicted.mean() - actual.mean())
    v1 = float(predicted.var(ddof=1)) / n1 if n1 > 1 else 0.0
    v2 = float(actual.var(ddof=1)) / n2 if n2 > 1 else 0.0
    se2 = v1 + v2
    if se2 <= 0.0:
        return diff, None, None, None
    df = se2**2 / ((v1**2 / (n1 - 1) if n1 > 1 else 0.0) + (v2**2 / (n2 - 1) if n2 > 1 else 0.0))
    se = se2**0.5
    half = float(special.stdtrit(df, 0.5 + CONFIDENCE / 2)) * se
    p = float(2.0 * special.stdtr(df, -abs(diff) / se))
    return diff, diff - half, diff + half, p


def _verdict(gap: float, low: float | None, high: float | None) -> EmpathyVerdict:
    if low is not None and high is not None:
        if low > 0:
            return "expects_more_agreement"
        if high < 0:
            return "expects_less_agreement"
        if low > -CLOSE and high < CLOSE:
            return "about_right"
    elif abs(gap) < CLOSE:  # no variation at all: the gap is what it is
        return "about_right"
    return "unclear"


def _pattern(abs_high: float, bias_low: float, bias_high: float) -> EmpathyPattern:
    if bias_high < 0:
        return "expects_more_negative"
    if bias_low > 0:
        return "expects_more_positive"
    return "close" if abs_high < CLOSE else "mixed"


def _bootstrap(predicted: FloatArray, actual: FloatArray, signs: FloatArray,
               ) -> tuple[FloatArray, FloatArray]:
    """Per resample: the mean absolute gap and the mean signed (alignment) gap, the
    respondents of each department drawn with replacement apart from the other's."""
    rng = np.random.default_rng(SEED)
    pick_p = rng.integers(0, predicted.shape[0], size=(RESAMPLES, predicted.shape[0]))
    pick_a = rng.integers(0, actual.shape[0], size=(RESAMPLES, actual.shape[0]))
    with warnings.catch_warnings():  # a resample without an answer to a statement: NaN
        warnings.simplefilter("ignore", RuntimeWarning)
        gaps = np.nanmean(predicted[pick_p], axis=1) - np.nanmean(actual[pick_a], axis=1)
        return np.nanmean(np.abs(gaps), axis=1), np.nanmean(gaps * signs, axis=1)


def _interval(values: FloatArray) -> tuple[float, float]:
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.nanpercentile(values, [tail, 100 - tail])
    return float(low), float(high)


def _direction(responses: ResponseSet, items: list[Item], predictor: str, predicted: str,
               k: int) -> tuple[EmpathyDirection, list[Suppression]]:
    department = responses.department
    mine = [i for i in items if i.predicts == predicted and predictor in i.asked_of]
    by_p = department == predictor
    by_a = department == predicted
    guesses = _percent(np.column_stack([responses.column(i.id)[by_p] for i in mine]))
    own = _percent(np.column_stack([responses.column(str(i.about))[by_a] for i in mine]))
    n_p = int(np.count_nonzero(np.any(~np.isnan(guesses), axis=1)))
    n_a = int(np.count_nonzero(np.any(~np.isnan(own), axis=1)))
    if n_p < k or n_a < k:
        note = Suppression("empathy", None, f"{predictor}-{predicted}",
                           suppression_reason(min(n_p, n_a), k))
        return EmpathyDirection(predictor, predicted, suppressed=True), [note]
    notes: list[Suppression] = []
    statements: list[EmpathyStatement] = []
    kept: list[int] = []
    for j, item in enumerate(mine):
        p_col, a_col = guesses[:, j], own[:, j]
        p_col, a_col = p_col[~np.isnan(p_col)], a_col[~np.isnan(a_col)]
        if p_col.size < k or a_col.size < k:
            notes.append(Suppression("empathy_statement", None, f"{predictor}:{item.about}",
                                     suppression_reason(min(p_col.size, a_col.size), k)))
            continue
        gap, low, high, p = welch(p_col, a_col)
        statements.append(EmpathyStatement(
            statement=str(item.about), predicted=float(p_col.mean()), predicted_n=p_col.size,
            actual=float(a_col.mean()), actual_n=a_col.size, gap=gap, ci_low=low,
            ci_high=high, p=p, verdict=_verdict(gap, low, high),
            reverse_keyed=item.reverse))
        kept.append(j)
    if not statements:
        return EmpathyDirection(predictor, predicted, predictor_n=n_p, predicted_n=n_a), notes
    signs = np.array([-1.0 if s.reverse_keyed else 1.0 for s in statements])
    gaps = np.array([s.gap for s in statements])
    abs_boot, bias_boot = _bootstrap(guesses[:, kept], own[:, kept], signs)
    abs_low, abs_high = _interval(abs_boot)
    bias_low, bias_high = _interval(bias_boot)
    return EmpathyDirection(
        predictor, predicted, predictor_n=n_p, predicted_n=n_a,
        statements=tuple(sorted(statements, key=lambda s: -abs(s.gap))),  # largest first
        mean_abs_gap=float(np.mean(np.abs(gaps))), ci_low=abs_low, ci_high=abs_high,
        bias=float(np.mean(gaps * signs)), bias_ci_low=bias_low, bias_ci_high=bias_high,
        pattern=_pattern(abs_high, bias_low, bias_high), resamples=RESAMPLES,
    ), notes


def empathy(shown: Publication) -> tuple[Empathy, list[Suppression]]:
    """The empathy gap of a scan's shown respondents, both directions; not asked when
    the answers have no meta-perception items."""
    responses = shown.responses
    items = [i for i in responses.instrument.meta_items() if i.id in responses.likert_ids
             and i.about in responses.likert_ids]
    if not items:
        return Empathy(), []
    directions: list[EmpathyDirection] = []
    notes: list[Suppression] = []
    for predictor, predicted in DIRECTIONS:
        if not any(i.predicts == predicted and predictor in i.asked_of for i in items):
            continue
        direction, found = _direction(responses, items, predictor, predicted, shown.meta.k)
        directions.append(direction)
        notes += found
    return Empathy(asked=True, directions=tuple(directions)), notes


__all__ = ["CLOSE", "DIRECTIONS", "RESAMPLES", "empathy", "welch"]
