"""Decision rights now against should (tandem.analysis.decisions.rights_compared).

Every area gets answers written out by hand, so the most common answer, its clarity and
whether now and should differ are counted here independently (collections.Counter, the
option order breaking a tie) and compared with what the core says.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tandem.analysis.decisions import RACI_START, RightsCompared, rights_compared
from tandem.analysis.diagnose import diagnose
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.responses import ResponseSet
from tandem.thresholds import CLARITY_BAR
from tests.analysis.test_diagnose import make_records

INSTRUMENT = load_instrument()
ORDER = INSTRUMENT.option_sets["decider"].codes
K = 5
N = 24  # 12 Sales, 12 Marketing

#: Per area: (who decides now, per respondent; who should decide, per respondent).
#: "" is no answer. Sales are the first 12 respondents, Marketing the last 12.
ANSWERS: dict[str, tuple[list[str], list[str]]] = {
    # Everyone: Sales decides; two thirds: it should be joint.
    "pricing": (["sales"] * 24, ["joint"] * 16 + ["sales"] * 8),
    # Marketing now and Marketing should: the same.
    "new_products": (["marketing"] * 24, ["marketing"] * 20 + ["dk"] * 4),
    # Sales says Sales, Marketing says Marketing (contested); no clear should either.
    "lead_definition": (["sales"] * 12 + ["marketing"] * 12,
                        ["joint"] * 10 + ["sales"] * 7 + ["marketing"] * 7),
    # Only three named someone who should decide: that clarity is withheld (< k).
    "messaging": (["sales"] * 24, ["sales"] * 3 + ["dk"] * 21),
    # Only four answered "who should decide": withheld altogether.
    "key_accounts": (["marketing"] * 24, ["sales"] * 4 + [""] * 20),
    # Nobody clearly decides now; Customer Service should.
    "satisfaction": (["nobody"] * 20 + ["dk"] * 4, ["service"] * 18 + ["joint"] * 6),
}


def _records() -> list[dict[str, Any]]:
    records = make_records({"sales": 12, "marketing": 12}, {"sales": 3.0, "marketing": 3.0})
    for area, (now, should) in ANSWERS.items():
        for record, a, b in zip(records, now, should, strict=True):
            record[f"dr_{area}"] = a
            record[f"drs_{area}"] = b
    return records


def _modal(answers: list[str]) -> str | None:
    named = Counter(a for a in answers if a not in ("", "dk"))
    if not named:
        return None
    return max(named, key=lambda c: (named[c], -ORDER.index(c)))


def _clarity(answers: list[str]) -> float | None:
    named = [a for a in answers if a not in ("", "dk")]
    modal = _modal(answers)
    if modal is None or len(named) < K:
        return None
    return named.count(modal) / len(named)


@pytest.fixture(scope="module")
def result() -> Result:
    return diagnose(ResponseSet.from_records(INSTRUMENT, "full", _records()), min_group=K)


@pytest.fixture(scope="module")
def compared(result: Result) -> dict[str, RightsCompared]:
    return {r.area: r for r in rights_compared(result.decision_rights, result.meta.k)}


@pytest.mark.parametrize("area", sorted(ANSWERS))
def test_now_should_and_differs_match_an_independent_count(
        compared: dict[str, RightsCompared], area: str) -> None:
    now, should = ANSWERS[area]
    row = compared[area]
    assert row.now == _modal(now)
    answered_should = [a for a in should if a]
    if len(answered_should) < K:  # fewer than k answered: nothing about "should" is shown
        assert row.should_withheld and row.should is None and row.should_clarity is None
        assert row.differs is None
        return
    assert row.should_asked and not row.should_withheld
    assert row.should == _modal(should)
    expected = _clarity(should)
    if expected is None:
        assert row.should_clarity is None
    else:
        assert row.should_clarity == pytest.approx(expected)
    assert row.differs is (_modal(should) != _modal(now))


def test_the_expected_verdicts_in_plain_terms(compared: dict[str, RightsCompared]) -> None:
    assert compared["pricing"].differs is True
    assert compared["new_products"].differs is False
    assert compared["lead_definition"].differs is True and compared["lead_definition"].contested
    assert compared["messaging"].differs is False
    assert compared["key_accounts"].differs is None
    assert compared["satisfaction"].differs is True


def test_the_proposal_starts_from_a_clear_should_else_a_clear_now(
        compared: dict[str, RightsCompared]) -> None:
    # A clear "should" (two thirds, above the bar) is where the agreement starts.
    assert compared["pricing"].should_clarity == pytest.approx(16 / 24)
    assert CLARITY_BAR <= 16 / 24
    assert (compared["pricing"].basis, compared["pricing"].start) == ("should", RACI_START["joint"])
    assert compared["satisfaction"].start == {"service": "AR"}
    assert compared["new_products"].start == {"marketing": "AR"}
    # No clear should (10 of 24 is below the bar) and a contested now: the team decides.
    assert compared["lead_definition"].should_clarity == pytest.approx(10 / 24)
    assert (compared["lead_definition"].basis, compared["lead_definition"].start) == ("", {})
    # Should withheld or its clarity withheld, now clear and the same: start from now.
    assert (compared["key_accounts"].basis, compared["key_accounts"].start) == (
        "now", {"marketing": "AR"})
    assert compared["messaging"].should_clarity is None
    assert (compared["messaging"].basis, compared["messaging"].start) == ("now", {"sales": "AR"})


def test_a_scan_that_did_not_ask_says_nothing_about_should() -> None:
    records = [{k: v for k, v in r.items() if not k.startswith("drs_")} for r in _records()]
    responses = ResponseSet.from_records(INSTRUMENT, "full", records, settings=frozenset())
    result = diagnose(responses, min_group=K)
    rows = rights_compared(result.decision_rights, result.meta.k)
    assert rows and all(not r.should_asked and r.should is None and r.differs is None
                        for r in rows)
    pricing = next(r for r in rows if r.area == "pricing")
    assert (pricing.basis, pricing.start) == ("now", {"sales": "AR"})
    lead = next(r for r in rows if r.area == "lead_definition")
    assert lead.contested and lead.start == {}


def test_a_start_row_is_a_copy_the_caller_may_change(
        compared: dict[str, RightsCompared]) -> None:
    compared["pricing"].start["management"] = "I"
    assert RACI_START["joint"] == {"marketing": "R", "sales": "R"}
