"""Target rules: each fires exactly when it should; limits, urgency, overrides, invariants."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.context import EMPLOYEE_BANDS, GROWTH_LEVELS, MARKET_TYPES, MARKETING_ROLES, Context
from tandem.target import (
    BASE_RULE_IDS,
    PHASE_LABELS,
    PHASE_NAMES,
    SIGNAL_RULE_IDS,
    URGENCIES,
    Signals,
    compute_target,
    override,
    override_phases,
)
from tests.target import QUIET, SMALL, TENSION_SOURCES, base_rules, calm, target


@pytest.mark.parametrize(
    ("context", "fired", "base"),
    [
        ({"employees": "1-9", "marketing_role": "leads"}, {"base.small_leads"}, 2),
        ({"employees": "10-49", "marketing_role": "leads"}, {"base.small_leads"}, 2),
        ({"employees": "50-249", "marketing_role": "leads"}, {"base.medium"}, 3),
        ({"employees": "50-249"}, {"base.medium"}, 3),
        ({"employees": "10-49", "marketing_role": "brand"}, {"base.strategic_marketing"}, 3),
        ({"employees": "1-9", "marketing_role": "both"}, {"base.strategic_marketing"}, 3),
        ({"employees": "250-999", "marketing_role": "leads"}, {"base.large"}, 4),
        ({"employees": "1000+"}, {"base.large"}, 4),
        (
            {
                "employees": "10-49",
                "marketing_role": "leads",
                "market": "b2b",
                "key_accounts": True,
            },
            {"base.small_leads", "base.complex_b2b"},
            4,
        ),
        ({"market": "both", "key_accounts": True}, {"base.complex_b2b"}, 4),
        ({"market": "b2c", "key_accounts": True}, {"base.default"}, 3),
        ({"market": "b2b", "key_accounts": False}, {"base.default"}, 3),
        (
            {"marketing_role": "brand", "markets": 3},
            {"base.strategic_marketing", "base.strategic_markets"},
            4,
        ),
        (
            {"marketing_role": "both", "markets": 12},
            {"base.strategic_marketing", "base.strategic_markets"},
            4,
        ),
        ({"marketing_role": "brand", "markets": 2}, {"base.strategic_marketing"}, 3),
        ({"marketing_role": "leads", "markets": 5}, {"base.default"}, 3),
        ({}, {"base.default"}, 3),
    ],
)
def test_base_rules_fire_exactly_when_they_should(
    context: dict[str, Any], fired: set[str], base: int
) -> None:
    t = target(**context)
    assert base_rules(t) == fired
    assert t.base == base
    assert t.phase == min(base, 2)  # current 1, no signals: one phase at a time
    assert t.horizon == (base if base > 2 else None)
    assert (t.horizon_reason is None) == (t.horizon is None)
    assert t.urgency == "plan"


def test_an_empty_context_lists_every_rule_it_could_not_judge() -> None:
    t = target()
    assert len(t.unjudged) == 7  # six base rules and strong growth
    joined = " ".join(u.en for u in t.unjudged)
    for label in ("number of employees", "marketing's main role", "type of customers"):
        assert label in joined
    assert "key accounts" in joined
    assert "growth over the last two years" in joined
    assert all(u.nl.startswith("Niet te beoordelen") for u in t.unjudged)


def test_a_rule_with_one_known_false_condition_is_judged() -> None:
    # Large: "small and leads" is false whatever marketing's role is.
    t = target(employees="1000+", market="b2c", growth="stable")
    joined = " ".join(u.en for u in t.unjudged)
    assert "is small" not in joined
    assert "business market" not in joined  # b2c: judged, key accounts do not matter
    assert "strategic role" in joined  # marketing role unknown
    assert "growth" not in joined


def test_a_complete_context_and_full_signals_leave_nothing_unjudged() -> None:
    t = target(
        employees="10-49",
        marketing_role="leads",
        market="b2c",
        markets=1,
        growth="stable",
    )
    assert t.unjudged == ()


def test_missing_tension_sources_are_unjudged_only_when_they_could_matter() -> None:
    few = dict.fromkeys(TENSION_SOURCES[:-2], 10.0)  # two sources unknown, none high
    t = target(signals=Signals(tension=few, contested_areas=0, areas=9), growth="stable")
    assert not [u for u in t.unjudged if "tension sources" in u.en]
    two_high = {**few, TENSION_SOURCES[0]: 80.0, TENSION_SOURCES[1]: 70.0}
    t = target(signals=Signals(tension=two_high, contested_areas=0, areas=9), growth="stable")
    assert [u for u in t.unjudged if "2 of the 11 sources" in u.en]


@pytest.mark.parametrize(
    ("signals", "context", "fired"),
    [
        (Signals(tension=calm(eco_price=71, org_metrics=66, eco_power=62)), {},
         {"signal.tension_sources"}),
        (Signals(tension=calm(eco_price=60, org_metrics=60, eco_power=60)), {},
         {"signal.tension_sources"}),
        (Signals(tension=calm(eco_price=71, org_metrics=66, eco_power=59.9)), {}, set()),
        (Signals(tension=calm(eco_price=71, org_metrics=66, eco_power=math.nan)), {}, set()),
        (Signals(tension=calm(cul_image=60)), {}, {"signal.mutual_image"}),
        (Signals(tension=calm(cul_image=59.9)), {}, set()),
        (Signals(tension=calm(cul_image=10), image_tension=75), {}, {"signal.mutual_image"}),
        (Signals(tension=calm(cul_image=75), image_tension=10), {}, set()),
        (Signals(tension=calm(), contested_areas=3, areas=9), {}, {"signal.contested_areas"}),
        (Signals(tension=calm(), contested_areas=1, areas=3), {}, {"signal.contested_areas"}),
        (Signals(tension=calm(), contested_areas=2, areas=9), {}, set()),
        (Signals(tension=calm(), contested_areas=0, areas=2), {}, set()),
        (QUIET, {"growth": "strong"}, {"signal.strong_growth"}),
        (QUIET, {"growth": "moderate"}, set()),
        (QUIET, {"growth": "shrinking"}, set()),
        (
            Signals(tension=calm(eco_price=90, eco_product=80, cul_image=70), contested_areas=5,
                    areas=9),
            {"growth": "strong"},
            set(SIGNAL_RULE_IDS),
        ),
    ],
)  # fmt: skip
def test_signals_fire_exactly_when_they_should(
    signals: Signals, context: dict[str, Any], fired: set[str]
) -> None:
    t = target(1, signals, **{**SMALL, **context})
    assert {r.rule for r in t.reasons if r.effect == "signal"} == fired
    raises = [r for r in t.reasons if r.effect == "+1"]
    if fired:
        assert len(raises) == 1, "the target rises once, however many signals fire"
        assert t.phase == 2  # current 1: one phase at a time
        assert t.horizon == t.base + 1 == 3
        assert t.urgency == "act_now"
        assert t.raised
    else:
        assert raises == []
        assert t.phase == t.base == 2
        assert t.urgency == "plan"


def test_floor_keeps_the_target_at_the_current_phase() -> None:
    t = target(3, **SMALL)
    assert t.base == 2
    assert t.phase == 3
    assert t.rules[-1] == "floor"
    assert t.reasons[-1].effect == "floor"
    assert "Aligned" in t.reasons[-1].text.en
    assert "Defined" in t.reasons[-1].text.nl
    assert t.urgency == "maintain"


def test_floor_after_a_raise() -> None:
    t = target(4, Signals(tension=calm(cul_image=80)), **SMALL)
    assert t.phase == 4
    assert t.rules[-2:] == ("raise", "floor")
    assert t.urgency == "act_now"


def test_no_floor_when_the_target_is_already_at_the_current_phase() -> None:
    t = target(2, **SMALL)
    assert t.phase == 2
    assert "floor" not in t.rules
    assert t.urgency == "maintain"


def test_cap_keeps_the_target_at_integrated() -> None:
    t = target(3, QUIET, employees="1000+", growth="strong")
    assert t.base == 4
    assert t.phase == 4
    assert t.rules[-2:] == ("raise", "cap")
    assert t.urgency == "act_now"
    assert "Integrated" in t.reasons[-1].text.en


def test_no_cap_without_a_raise_beyond_integrated() -> None:
    t = target(2, **{**SMALL, "growth": "strong"})
    assert t.phase == 3
    assert "cap" not in t.rules
    assert t.reasons[-1].text.en.startswith("You are growing fast: reason to aim one phase")
    assert t.reasons[-1].text.nl.startswith("U groeit snel: reden om een fase hoger")


@pytest.mark.parametrize(
    ("current", "context", "urgency"),
    [
        (1, SMALL, "plan"),
        (2, SMALL, "maintain"),
        (3, SMALL, "maintain"),
        (2, {"employees": "250-999", "growth": "stable"}, "plan"),
        (4, {"employees": "250-999", "growth": "stable"}, "maintain"),
        (4, {"employees": "250-999", "growth": "strong"}, "act_now"),
        (1, {**SMALL, "growth": "strong"}, "act_now"),
    ],
)
def test_urgency(current: int, context: dict[str, Any], urgency: str) -> None:
    assert target(current, **context).urgency == urgency


@pytest.mark.parametrize("current", [0, 5, -1])
def test_current_phase_must_be_one_to_four(current: int) -> None:
    with pytest.raises(ValueError, match="current_phase"):
        target(current)


def test_override_keeps_the_computed_target_and_the_written_reason() -> None:
    computed = target(2, **SMALL)
    changed = override(
        computed, 3, "  We openen volgend jaar drie nieuwe markten.  ", "Anna de Vries"
    )
    assert changed.phase == 3
    assert changed.label == PHASE_LABELS[3]
    assert changed.computed_phase == 2
    assert changed.override is not None
    assert changed.override.computed == computed
    assert changed.override.reason == "We openen volgend jaar drie nieuwe markten."
    assert changed.override.by == "Anna de Vries"
    assert changed.reasons[:-1] == computed.reasons
    last = changed.reasons[-1]
    assert (last.rule, last.effect) == ("override", "override")
    assert "Anna de Vries" in last.text.nl
    assert "drie nieuwe markten" in last.text.nl
    assert "Aligned instead of Defined" in last.text.en
    assert changed.urgency == "plan"


def test_override_to_the_current_phase_maintains_unless_signals_fired() -> None:
    assert override(
        target(2, **{**SMALL, "employees": "1000+"}), 2, "Eerst de basis.", "x"
    ).urgency == ("maintain")
    raised = target(1, Signals(tension=calm(cul_image=90)), **SMALL)
    assert override(raised, 2, "Rustig aan.", "x").urgency == "act_now"


def test_a_second_override_replaces_the_first_and_keeps_the_computed_target() -> None:
    computed = target(2, **SMALL)
    twice = override(override(computed, 3, "Ambitie.", "A"), 2, "Toch realistischer.", "B")
    assert twice.override is not None
    assert twice.override.computed == computed
    assert [r.rule for r in twice.reasons].count("override") == 1
    assert twice.computed_phase == 2


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_override_needs_a_written_reason(reason: str) -> None:
    with pytest.raises(ValueError, match="reason"):
        override(target(1, **SMALL), 3, reason, "Anna")


@pytest.mark.parametrize("phase", [1, 4, 5, 0])
def test_override_stays_between_the_current_phase_and_the_next(phase: int) -> None:
    with pytest.raises(ValueError, match="phase"):
        override(target(2, **SMALL), phase, "Omdat het kan.", "Anna")


@pytest.mark.parametrize("current", [1, 2, 3, 4])
def test_an_override_goes_at_most_one_phase_above_the_current_phase(current: int) -> None:
    computed = target(current, **SMALL)
    allowed = list(override_phases(current))
    assert allowed == ([4] if current == 4 else [current, current + 1])
    for phase in range(1, 5):
        if phase in allowed:
            assert override(computed, phase, "Onze keuze.", "Anna").phase == phase
        else:
            with pytest.raises(ValueError, match="phase"):
                override(computed, phase, "Onze keuze.", "Anna")


contexts = st.builds(
    Context,
    employees=st.none() | st.sampled_from(EMPLOYEE_BANDS),
    markets=st.none() | st.integers(0, 50),
    market=st.none() | st.sampled_from(MARKET_TYPES),
    growth=st.none() | st.sampled_from(GROWTH_LEVELS),
    marketing_role=st.none() | st.sampled_from(MARKETING_ROLES),
    key_accounts=st.none() | st.booleans(),
)
tension_values = st.floats(0, 100) | st.just(math.nan)
signals = st.integers(0, 12).flatmap(
    lambda areas: st.builds(
        Signals,
        tension=st.dictionaries(st.sampled_from(TENSION_SOURCES), tension_values),
        image_tension=st.none() | tension_values,
        contested_areas=st.none() | st.integers(0, areas),
        areas=st.none() | st.just(areas),
    )
)


@given(contexts, st.integers(1, 4), signals)
def test_target_is_between_the_current_phase_and_integrated(
    context: Context, current: int, sig: Signals
) -> None:
    t = compute_target(context, current, sig)
    assert current <= t.phase <= min(current + 1, 4)  # one phase at a time
    if t.horizon is None:
        assert t.horizon_reason is None
        assert "step" not in t.rules
    else:
        assert t.phase == current + 1 < t.horizon <= 4
        assert t.horizon_reason is not None
        assert t.horizon_reason.en.startswith(PHASE_NAMES[t.horizon] + ", given ")
        assert t.horizon_reason.nl.startswith(PHASE_NAMES[t.horizon] + ", gezien ")
        assert t.rules[-1] == "step"
    assert t.phase >= 2
    assert t.label == PHASE_LABELS[t.phase]
    assert t.urgency in URGENCIES
    assert (t.urgency == "act_now") == t.raised
    assert [r.effect for r in t.reasons].count("+1") <= 1
    known = {*BASE_RULE_IDS, *SIGNAL_RULE_IDS, "raise", "cap", "floor", "step"}
    assert set(t.rules) <= known
    for text in (*(r.text for r in t.reasons), *t.unjudged):
        for rule in (r for r in t.rules if "." in r):  # sentences, never rule ids
            assert rule not in text.en
            assert rule not in text.nl
        assert text.nl.strip()
        assert text.en.strip()
        assert text.nl != text.en
