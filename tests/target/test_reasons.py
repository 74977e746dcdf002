"""Target reasons: the texts name their figures, the missing facts and the sources."""

from __future__ import annotations

import math

import pytest

from tandem.target import (
    Signals,
)
from tests.target import calm, target


def test_base_reasons_carry_their_figures_and_effect() -> None:
    t = target(employees="10-49", marketing_role="leads")
    (reason,) = t.reasons
    assert reason.effect == "base:2"
    assert "10–49" in reason.text.en
    assert "10–49 medewerkers" in reason.text.nl
    t = target(marketing_role="brand", markets=4)
    texts = {r.rule: r.text for r in t.reasons}
    assert "4 markets" in texts["base.strategic_markets"].en
    assert "4 markten" in texts["base.strategic_markets"].nl
    assert {r.effect for r in t.reasons} == {"base:3", "base:4", "step"}


def test_default_base_says_so() -> None:
    t = target(2)
    (reason,) = t.reasons
    assert reason.rule == "base.default"
    assert reason.effect == "base:3"
    assert "Aligned" in reason.text.en
    assert "Aligned" in reason.text.nl


def test_unjudged_names_only_the_missing_facts() -> None:
    t = target(market="b2b", employees="50-249", marketing_role="leads", growth="moderate")
    (only,) = [u for u in t.unjudged if "key accounts" in u.en]
    assert "type of customers" not in only.en
    assert "key accounts niet ingevuld" in only.nl


@pytest.mark.parametrize(
    ("signals", "fragment"),
    [
        (Signals(tension={}, contested_areas=0, areas=9), "tension sources"),
        (Signals(tension=calm(cul_image=math.nan), contested_areas=0, areas=9), "poor image"),
        (Signals(tension=calm(), contested_areas=None, areas=9), "decision areas"),
        (Signals(tension=calm(), contested_areas=0, areas=0), "decision areas"),
    ],
)
def test_missing_signals_are_listed_as_unjudged(signals: Signals, fragment: str) -> None:
    t = target(signals=signals, employees="10-49", marketing_role="leads", market="b2c",
               markets=1, growth="stable")  # fmt: skip
    assert [u.en for u in t.unjudged if fragment in u.en]
    assert not t.raised


def test_tension_reason_lists_the_sources_with_their_figures() -> None:
    t = target(signals=Signals(tension=calm(org_metrics=66.2, eco_price=71.4, eco_power=62)))
    (reason,) = [r for r in t.reasons if r.rule == "signal.tension_sources"]
    assert reason.text.en == (
        "Sales and Marketing disagree on prices (Price: 71/100), are measured and rewarded on "
        "different goals (Metrics and rewards: 66/100) and struggle over who has the final "
        "say (Power: 62/100): 3 sources of tension score 60 or higher."
    )
    assert reason.text.nl == (
        "Sales en Marketing zijn het oneens over prijzen (Prijs: 71/100), worden op "
        "verschillende doelen afgerekend en beloond (Doelen en beloning: 66/100) en strijden "
        "om wie het voor het zeggen heeft (Machtspositie: 62/100): 3 bronnen van spanning "
        "scoren 60 of hoger."
    )


def test_the_sentences_name_this_organisations_facts() -> None:
    t = target(
        1,
        Signals(tension=calm(eco_price=72, eco_power=65, cul_goal=61)),
        employees="250-999",
        growth="strong",
    )
    assert t.phase == 2
    assert t.horizon == 4
    assert t.horizon_reason is not None
    assert t.horizon_reason.en == (
        "Integrated, given your size, the tension between Sales and Marketing and your growth"
    )
    assert t.horizon_reason.nl == (
        "Integrated, gezien uw omvang, de spanning tussen Sales en Marketing en uw groei"
    )
    texts = {r.rule: r.text for r in t.reasons}
    assert "With 250–999 employees you are a large organisation" in texts["base.large"].en
    assert "Met 250–999 medewerkers bent u een grote organisatie" in texts["base.large"].nl
    assert texts["raise"].en.startswith(
        "You are growing fast and Sales and Marketing disagree on prices:"
    )
    assert texts["raise"].nl.startswith(
        "U groeit snel en Sales en Marketing zijn het oneens over prijzen:"
    )
    assert "you are now in Undefined, so the target is Defined" in texts["step"].en
    assert "Integrated is de horizon" in texts["step"].nl
    assert "cap" not in texts  # the step says it, with the horizon


def test_other_signal_reasons_carry_their_figures() -> None:
    t = target(
        signals=Signals(tension=calm(cul_image=68), contested_areas=4, areas=9),
        growth="strong",
    )
    texts = {r.rule: r.text for r in t.reasons}
    assert "68/100" in texts["signal.mutual_image"].en
    assert "68/100" in texts["signal.mutual_image"].nl
    assert "4 of the 9 decision areas are contested" in texts["signal.contested_areas"].en
    assert "4 van de 9 beslisgebieden zijn omstreden" in texts["signal.contested_areas"].nl
    assert "grown strongly" in texts["signal.strong_growth"].en
    one = target(signals=Signals(tension=calm(), contested_areas=1, areas=3))
    (reason,) = [r for r in one.reasons if r.rule == "signal.contested_areas"]
    assert "1 of the 3 decision areas is contested" in reason.text.en
    assert "1 van de 3 beslisgebieden is omstreden" in reason.text.nl
