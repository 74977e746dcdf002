"""The customer mirror's core: scores and intervals against scipy, anonymity, verdicts."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tandem.analysis.mirror import CustomerAnswer, customer_scores, mirror
from tandem.contract.result import JourneyStage
from tandem.i18n import Text
from tandem.instrument.customer import load_questionnaire
from tandem.thresholds import CUSTOMER_BREAK_BELOW

Q = load_questionnaire()
SERVICE = [s.id for s in Q.statements_for("service")]  # se_same_answer +, se_explain_again -


def _stage(stage: str, *, unowned: bool) -> JourneyStage:
    return JourneyStage(stage=stage, label=Text(stage, stage), n=12,
                        owner=None if unowned else "service", clarity=0.4 if unowned else 0.8,
                        distribution={}, unowned=unowned, consistency=3.0,
                        consistency_score=50.0, consistency_n=12, groups=())


def _answers(stage: str, rows: list[list[int | None]]) -> list[CustomerAnswer]:
    ids = [s.id for s in Q.statements_for(stage)]
    return [CustomerAnswer(stage, dict(zip(ids, row, strict=True))) for row in rows]


def _customers(stage: str, count: int, *, good: bool) -> list[CustomerAnswer]:
    """``count`` customers who saw the stage go well (or badly) on every statement."""
    row: list[int | None] = [(5 if good else 1) if s.keying == "+" else (1 if good else 5)
                             for s in Q.statements_for(stage)]
    return _answers(stage, [row] * count)


def test_customer_score_reverses_the_reverse_keyed_and_skips_dont_know() -> None:
    # se_same_answer 5, se_explain_again 1 (reversed: 5), the rest don't know -> 100
    scores = customer_scores(Q, "service", _answers("service", [[5, 1, None, None]]))
    assert scores.tolist() == [100.0]
    # a customer who only answered "don't know" is no customer of the stage
    assert customer_scores(Q, "service", _answers("service", [[None] * 4])).size == 0


def test_stage_score_and_interval_against_scipy() -> None:
    rng = np.random.default_rng(7)
    rows = rng.integers(1, 6, size=(23, 4)).tolist()
    result = mirror(Q, _answers("purchase", rows), k=5)
    purchase = next(s for s in result.stages if s.stage == "purchase")
    assert purchase.customers is not None
    keyed = np.array(rows, dtype=float)
    reverse = [i for i, s in enumerate(Q.statements_for("purchase")) if s.keying == "-"]
    keyed[:, reverse] = 6 - keyed[:, reverse]
    per_customer = (keyed.mean(axis=1) - 1) / 4 * 100
    low, high = stats.ttest_1samp(per_customer, 0).confidence_interval(0.95)
    assert purchase.customers.n == 23
    assert purchase.customers.score == pytest.approx(per_customer.mean())
    assert (purchase.customers.ci_low, purchase.customers.ci_high) == pytest.approx((low, high))


def test_interval_is_clipped_to_the_scale() -> None:
    result = mirror(Q, _answers("choice", [[5, 5, 1, 5]] * 4 + [[4, 4, 2, 4]]), k=5)
    choice = next(s for s in result.stages if s.stage == "choice")
    assert choice.customers is not None and choice.customers.ci_high == 100.0


@pytest.mark.parametrize("k", [3, 5, 10])
def test_a_stage_with_k_minus_one_customers_shows_nothing(k: int) -> None:
    answers = _answers("service", [[4, 2, 4, 4]] * (k - 1))
    service = next(s for s in mirror(Q, answers, k=k).stages if s.stage == "service")
    assert service.customers is None  # no score, no interval, no count
    assert service.verdict.id == "too_few"
    shown = next(s for s in mirror(Q, answers + answers[:1], k=k).stages
                 if s.stage == "service")
    assert shown.customers is not None and shown.customers.n == k


def test_no_figure_over_all_stages_so_hidden_stages_cannot_be_derived() -> None:
    """Only per-stage figures exist, each over a disjoint set of at least k customers:
    the result holds no total (nor any per-link figure) to subtract them from."""
    answers = _answers("service", [[4, 2, 4, 4]] * 5) + _answers("loyalty", [[1, 5, 1, 1]] * 4)
    result = mirror(Q, answers, k=5)
    assert set(result.__dataclass_fields__) == {"k", "break_below", "stages"}
    shown = [s.customers.n for s in result.stages if s.customers is not None]
    assert shown == [5]


def test_verdicts_put_the_unowned_break_first() -> None:
    answers = (_customers("orientation", 6, good=True) + _customers("choice", 6, good=False)
               + _customers("purchase", 6, good=False) + _customers("onboarding", 6, good=True)
               + _customers("service", 2, good=False))
    journey = [_stage("orientation", unowned=True), _stage("choice", unowned=False),
               _stage("purchase", unowned=True), _stage("onboarding", unowned=False)]
    result = mirror(Q, answers, k=5, journey=journey)
    order = [(s.stage, s.verdict.id) for s in result.stages]
    assert order == [("purchase", "break_unowned"), ("choice", "break_owned"),
                     ("orientation", "unowned_holds"), ("onboarding", "holds"),
                     ("service", "too_few"), ("loyalty", "too_few")]
    assert [s.stage for s in result.flagged] == ["purchase", "choice"]
    assert result.break_below == CUSTOMER_BREAK_BELOW
    assert result.stages[0].verdict.text("en") == (
        "Customers see a break here and nobody inside owns this stage.")


def test_break_is_strictly_below_the_bar() -> None:
    # customers at 62.5 and 56.25 average exactly the bar, 60: no break
    answers = _answers("choice", [[4, 3, 3, 4]] * 3 + [[4, 3, 3, 3]] * 2)
    choice = next(s for s in mirror(Q, answers, k=5).stages if s.stage == "choice")
    assert choice.customers is not None
    assert choice.customers.score == pytest.approx(CUSTOMER_BREAK_BELOW)
    assert choice.verdict.id == "holds_unknown_owner"
