"""The agreement's attainment from figures recorded by hand (tandem.analysis.sla).

Targets, met and trend are worked out here by hand (calendar days, the commitment's
direction) and compared with the core; a property test checks the counts against a
plain loop for any recorded months.
"""

from __future__ import annotations

import calendar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.analysis.sla import Commitment, recorded, recorded_attainment


def test_lead_volume_per_week_becomes_the_months_target() -> None:
    weekly = Commitment(1, "lead_volume", "MQLs", 10, "leads per week")
    att = recorded_attainment(weekly, {"2026-03": 44, "2026-02": 41})
    assert [m.month for m in att.months] == ["2026-02", "2026-03"]  # oldest first
    feb, mar = att.months
    assert feb.target == pytest.approx(10 * 28 / 7)  # 40: February 2026 has 28 days
    assert mar.target == pytest.approx(10 * 31 / 7)  # 44.29
    assert (feb.value, feb.met, feb.trend) == (41, True, None)
    # More leads than the month before (better), yet short of a longer month's target.
    assert (mar.value, mar.met, mar.trend) == (44, False, "better")
    assert (att.measured, att.met, att.measure) == (2, 1, "recorded")
    measure = recorded(weekly)  # the month's leads are entered, not a weekly rate
    assert measure.label("en") == "Leads in the month" and measure.agreed("en") == \
        "10 leads per week"


def test_follow_up_in_hours_records_the_share_followed_up_within_them() -> None:
    follow = Commitment(2, "follow_up", "Sales calls A-leads", 24, "hours", lead_grade="A",
                        within_share=90)
    measure = recorded(follow)
    assert measure.percent and measure.direction == "at_least"
    assert measure.label("en") == "Share of leads followed up within 24 hours (%)"
    assert measure.label("nl") == "Aandeel leads opgevolgd binnen 24 hours (%)"
    assert measure.agreed("en") == "90% of leads within 24 hours"
    att = recorded_attainment(follow, {"2026-01": 85, "2026-02": 92, "2026-03": 92})
    assert [(m.target, m.met, m.trend) for m in att.months] == [
        (90, False, None), (90, True, "better"), (90, True, "same")]


def test_a_follow_up_agreed_as_a_share_is_recorded_in_its_own_unit() -> None:
    share = Commitment(3, "follow_up", "95% within a day", 95, "% within 24 hours")
    measure = recorded(share)
    assert measure.percent and measure.label("en") == "The month's figure (% within 24 hours)"
    assert [m.met for m in recorded_attainment(share, {"2026-05": 96, "2026-06": 94.5}).months] \
        == [True, False]


def test_at_most_a_target_is_met_from_below_and_lower_is_better() -> None:
    returned = Commitment(4, "other", "Leads sent back", 5, "%", direction="at_most")
    att = recorded_attainment(returned, {"2026-01": 7, "2026-02": 4, "2026-03": 5})
    assert [(m.met, m.trend) for m in att.months] == [
        (False, None), (True, "better"), (True, "worse")]


def test_no_months_recorded_is_nothing_measured() -> None:
    att = recorded_attainment(Commitment(5, "feedback", "Monthly round", 1, "meeting"), {})
    assert att.months == () and att.measured == 0 and att.met == 0


def _by_hand(commitment: Commitment, month: str) -> float:
    if commitment.kind == "lead_volume" and "week" in commitment.unit:
        days = calendar.monthrange(int(month[:4]), int(month[5:]))[1]
        return commitment.target * days / 7
    return commitment.target


MONTHS = st.dictionaries(
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2020, 2030), st.integers(1, 12)),
    st.floats(0, 500, allow_nan=False).map(lambda v: round(v, 2)), max_size=24)


@given(actuals=MONTHS, target=st.integers(0, 200),
       kind=st.sampled_from(["lead_volume", "feedback", "other"]),
       direction=st.sampled_from(["at_least", "at_most"]),
       unit=st.sampled_from(["leads per week", "leads", "meetings"]))
def test_met_and_trend_agree_with_a_plain_loop(actuals: dict[str, float], target: int,
                                               kind: str, direction: str, unit: str) -> None:
    commitment = Commitment(6, kind, "x", target, unit, direction=direction)  # type: ignore[arg-type]
    att = recorded_attainment(commitment, actuals)
    months = sorted(actuals)
    assert [m.month for m in att.months] == months
    met = 0
    for i, row in enumerate(att.months):
        goal = _by_hand(commitment, row.month)
        value = actuals[row.month]
        ok = value >= goal if direction == "at_least" else value <= goal
        met += ok
        assert row.target == pytest.approx(goal) and row.met is ok
        if i:
            previous = actuals[months[i - 1]]
            expected = ("same" if value == previous else
                        "better" if (value > previous) == (direction == "at_least")
                        else "worse")
            assert row.trend == expected
    assert att.met == met and att.measured == len(months)
