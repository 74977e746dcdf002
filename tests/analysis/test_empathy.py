"""The empathy gap (meta-perception): figures against scipy, and nothing for a
department below k, nor for a pooled group standing in for one."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from tandem.analysis.diagnose import diagnose
from tandem.analysis.empathy import CLOSE, welch
from tandem.contract.result import Empathy, Result
from tandem.instrument.loader import load_instrument
from tandem.instrument.model import Item
from tandem.responses import ResponseSet

META = frozenset({"meta_perception"})
INSTRUMENT = load_instrument()


def records(sizes: dict[str, int], *, seed: int = 7, shift: int = -1) -> list[dict[str, str]]:
    """Random answers; each Sales or Marketing respondent predicts the other department's
    answer as their own answer plus ``shift`` (clipped to 1-5)."""
    rng = np.random.default_rng(seed)
    items = INSTRUMENT.items_for("full", META)
    rows = []
    for department, n in sizes.items():
        for _ in range(n):
            row = {"department": department}
            for item in items:
                if item.kind == "likert" and not item.asked_of:
                    row[item.id] = str(rng.integers(1, 6))
            for item in items:
                if item.asked_of and department in item.asked_of:
                    guess = int(row[str(item.about)]) + shift + int(rng.integers(-1, 2))
                    row[item.id] = str(min(5, max(1, guess)))
            rows.append(row)
    return rows


def result_of(sizes: dict[str, int], k: int = 5, **kwargs: int) -> Result:
    responses = ResponseSet.from_records(INSTRUMENT, "full", records(sizes, **kwargs),
                                         settings=META)
    return diagnose(responses, min_group=k)


def percent(values: np.ndarray) -> np.ndarray:
    return (values - 1) / 4 * 100


def test_the_loader_makes_one_item_per_statement_and_asking_department() -> None:
    meta = INSTRUMENT.meta_items()
    assert len(meta) == 16
    sales = [i for i in meta if i.asked_of == ("sales",)]
    assert {i.predicts for i in sales} == {"marketing"}
    for item in meta:
        statement: Item = INSTRUMENT.item(str(item.about))
        assert item.keying == statement.keying and item.forms == statement.forms
        assert item.scale is None, "a prediction must never count in a scale"
        assert statement.text.en in item.text.en and statement.text.nl in item.text.nl
    assert not [i for i in INSTRUMENT.items_for("full") if i.about], "off by default"


def test_welch_gap_interval_and_p_match_scipy() -> None:
    rng = np.random.default_rng(3)
    a = percent(rng.integers(1, 6, 9).astype(float))
    b = percent(rng.integers(2, 6, 13).astype(float))
    gap, low, high, p = welch(a, b)
    test = stats.ttest_ind(a, b, equal_var=False)
    ci = test.confidence_interval(0.95)
    assert gap == pytest.approx(a.mean() - b.mean())
    assert (low, high) == pytest.approx((ci.low, ci.high))
    assert p == pytest.approx(test.pvalue)


def test_each_statement_is_the_predictors_guess_against_the_others_own_answers() -> None:
    rows = records({"sales": 12, "marketing": 9, "service": 7})
    responses = ResponseSet.from_records(INSTRUMENT, "full", rows, settings=META)
    result = diagnose(responses)
    assert result.empathy.asked
    by_direction = {(d.predictor, d.predicted): d for d in result.empathy.directions}
    assert set(by_direction) == {("sales", "marketing"), ("marketing", "sales")}
    sales = by_direction[("sales", "marketing")]
    assert (sales.predictor_n, sales.predicted_n) == (12, 9)
    assert len(sales.statements) == 8
    department = responses.department
    for row in sales.statements:
        guesses = percent(responses.column(f"mp_sales_{row.statement}")[department == "sales"])
        own = percent(responses.column(row.statement)[department == "marketing"])
        test = stats.ttest_ind(guesses, own, equal_var=False, nan_policy="omit")
        ci = test.confidence_interval(0.95)
        assert row.predicted == pytest.approx(np.nanmean(guesses))
        assert row.actual == pytest.approx(np.nanmean(own))
        assert row.gap == pytest.approx(row.predicted - row.actual)
        assert (row.ci_low, row.ci_high) == pytest.approx((ci.low, ci.high))
        assert row.p == pytest.approx(test.pvalue)
    gaps = np.array([s.gap for s in sales.statements])
    signs = np.array([-1 if s.reverse_keyed else 1 for s in sales.statements])
    assert sales.mean_abs_gap == pytest.approx(np.mean(np.abs(gaps)))
    assert sales.bias == pytest.approx(np.mean(gaps * signs))
    assert sales.ci_low is not None and sales.ci_high is not None
    assert sales.ci_low <= sales.mean_abs_gap <= sales.ci_high
    assert sales.resamples == 2000


def test_a_department_that_expects_less_agreement_is_told_so() -> None:
    result = result_of({"sales": 30, "marketing": 30}, shift=-2)
    sales = result.empathy.directions[0]
    assert all(s.gap < 0 for s in sales.statements)
    assert {s.verdict for s in sales.statements} <= {"expects_less_agreement", "unclear"}
    assert any(s.verdict == "expects_less_agreement" for s in sales.statements)
    assert sales.mean_abs_gap is not None and sales.mean_abs_gap > CLOSE


def test_one_marketing_respondent_short_of_k_shows_nothing_either_way() -> None:
    result = result_of({"sales": 10, "marketing": 4, "service": 8}, k=5)
    assert result.meta.n is not None, "the scan itself is shown"
    assert result.empathy.asked
    for direction in result.empathy.directions:
        assert direction.suppressed
        assert direction.statements == () and direction.mean_abs_gap is None
        assert direction.predictor_n is None and direction.predicted_n is None
    notes = [s for s in result.suppressed if s.what == "empathy"]
    assert len(notes) == 2 and all(s.reason == "below_k" for s in notes)
    # with k Marketing respondents both directions are shown
    shown = result_of({"sales": 10, "marketing": 5, "service": 8}, k=5)
    assert not any(d.suppressed for d in shown.empathy.directions)


def test_a_pooled_group_never_stands_in_for_marketing() -> None:
    """Marketing below k is pooled with Commercial management for the other figures; the
    pool must not be read as Marketing here."""
    result = result_of({"sales": 10, "marketing": 3, "management": 4, "service": 9}, k=5)
    assert "marketing" in result.pooled_groups()
    assert all(d.suppressed for d in result.empathy.directions)


def test_a_statement_with_fewer_than_k_answers_is_left_out() -> None:
    rows = records({"sales": 6, "marketing": 6})
    for row in rows[:2]:  # two Sales people do not guess eco_price_1: 4 guesses < k
        row["mp_sales_eco_price_1"] = "dk"
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", rows, settings=META))
    sales = result.empathy.directions[0]
    assert "eco_price_1" not in {s.statement for s in sales.statements}
    assert len(sales.statements) == 7
    assert any(s.what == "empathy_statement" and s.subject == "sales:eco_price_1"
               for s in result.suppressed)


def test_without_the_module_nothing_is_asked_and_the_result_reads_so() -> None:
    rows = [{k: v for k, v in r.items() if not k.startswith("mp_")}
            for r in records({"sales": 8, "marketing": 8})]
    result = diagnose(ResponseSet.from_records(INSTRUMENT, "full", rows))
    assert result.empathy == Empathy()
    older = result.to_dict()
    del older["empathy"]
    older["meta"]["schema_version"] = "2.3"
    assert Result.from_dict(older).empathy == Empathy(asked=False)


def test_the_result_keeps_the_empathy_gap_through_json() -> None:
    result = result_of({"sales": 8, "marketing": 7})
    again = Result.from_dict(result.to_dict(digits=None))
    assert again.empathy == result.empathy
    assert Result.from_json(result.to_json()).empathy.directions[0].pattern is not None
