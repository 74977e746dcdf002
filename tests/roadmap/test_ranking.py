"""Roadmap ranking: statuses, order and the figures behind each recommendation."""

from __future__ import annotations

import math
from typing import Any

import pytest

from tandem.instrument import load_instrument
from tandem.roadmap import (
    GAP_WEIGHT,
    STATUSES,
    Catalogue,
    RoadmapStep,
    load_catalogue,
    parse_catalogue,
    rank_roadmap,
)

#: The small catalogue below names version 1's statements (def_handoff, int_journey).
INSTRUMENT = load_instrument("tandem-scan-1")


def _step(sid: str, transition: str, scales: list[str], criteria: list[str]) -> dict[str, Any]:
    return {
        "id": sid,
        "transition": transition,
        "title": {"nl": f"Stap {sid}", "en": f"Step {sid}"},
        "description": {"nl": "Doe iets.", "en": "Do something."},
        "addresses_scales": scales,
        "criteria": criteria,
    }


SMALL = parse_catalogue(
    {
        "catalogue": {"id": "test", "version": "0"},
        "steps": [
            _step("a", "1-2", ["DEF", "eco_price"], ["def_roles"]),
            _step("b", "1-2", ["DEF", "org_metrics"], ["def_authority", "def_handoff"]),
            _step("c", "2-3", ["ALI", "cul_image"], ["ali_vocabulary"]),
            _step("d", "2-3", ["ALI", "eco_price"], ["ali_feedback"]),
            {**_step("e", "3-4", ["INT", "org_metrics"], ["int_kpis"]), "tool": "kpis"},
            _step("f", "3-4", ["INT", "out_cx"], ["int_journey"]),
        ],
    },
    INSTRUMENT,
)

TENSION = {
    "eco_price": 71.0,
    "org_metrics": 50.0,
    "cul_image": 62.0,
    "DEF": 30.0,
    "ALI": 55.0,
    "INT": 70.0,
    "out_cx": 40.0,
}
GAP = {"eco_price": 24.0, "org_metrics": 10.0, "cul_image": 0.0}
MEANS = {
    "def_roles": 3.8,
    "def_authority": 2.9,
    "def_handoff": math.nan,
    "ali_vocabulary": 3.6,
    "ali_feedback": 2.0,
    "int_kpis": 1.5,
}


def rank(
    current: int,
    target: int,
    catalogue: Catalogue = SMALL,
    tension: dict[str, float] = TENSION,
    gap: dict[str, float] = GAP,
    means: dict[str, float] = MEANS,
) -> tuple[RoadmapStep, ...]:
    return rank_roadmap(
        catalogue,
        current_phase=current,
        target_phase=target,
        scale_tension=tension,
        scale_gap=gap,
        item_mean=means,
    )


def layout(steps: tuple[RoadmapStep, ...]) -> list[tuple[str, str, int | None]]:
    return [(s.step, s.status, s.rank) for s in steps]


def test_statuses_and_order_on_a_hand_made_case() -> None:
    assert layout(rank(2, 4)) == [
        ("b", "repair", 1),  # a passed step with a criterion below 3.4 comes first
        ("d", "next", 2),
        ("e", "later", 3),  # 70 + 0.5 * 10 = 75
        ("f", "later", 4),  # 70
        ("a", "in_place", None),  # passed, def_roles 3.8
        ("c", "in_place", None),  # next transition, but ali_vocabulary 3.6 already holds
    ]


def test_priority_is_the_largest_tension_plus_half_the_largest_gap() -> None:
    by_id = {s.step: s for s in rank(2, 4)}
    # b: org_metrics 50 < its criteria (def_authority 2.9 -> 47.5/100, need 52.5)
    assert by_id["b"].priority == pytest.approx(52.5 + GAP_WEIGHT * 10)
    # d: eco_price 71 < its criterion (ali_feedback 2.0 -> need 75)
    assert by_id["d"].priority == pytest.approx(75 + GAP_WEIGHT * 24)
    # e: int_kpis 1.5 -> need 87.5; f: out_cx 40, criterion unknown
    assert by_id["e"].priority == pytest.approx(87.5 + GAP_WEIGHT * 10)
    assert by_id["f"].priority == pytest.approx(40)
    assert GAP_WEIGHT == 0.5


def test_within_a_group_higher_priority_ranks_first() -> None:
    calm_price = {**TENSION, "eco_price": 10.0, "cul_image": 95.0}
    means = {**MEANS, "ali_vocabulary": 2.0}
    assert [s.step for s in rank(2, 3, tension=calm_price, means=means)][:3] == ["b", "c", "d"]
    assert [s.step for s in rank(2, 3, means=means)][:3] == ["b", "d", "c"]


def test_equal_priorities_keep_catalogue_order() -> None:
    flat = dict.fromkeys(TENSION, 50.0)
    means = {**MEANS, "ali_vocabulary": 2.0}
    steps = rank(2, 3, tension=flat, gap={}, means=means)
    assert [s.step for s in steps if s.status == "next"] == ["c", "d"]


def test_the_why_text_gives_the_figures() -> None:
    d = next(s for s in rank(2, 4) if s.step == "d")
    assert d.why.en == (
        "Addresses the price tension (71/100), its criteria (now 25/100) and a 24-point gap "
        "between departments on price."
    )
    assert d.why.nl == (
        "Gericht op de spanningsbron ‘prijs’ (71/100), de criteria van deze stap (nu 25/100) "
        "en een verschil van 24 punten tussen afdelingen over ‘prijs’."
    )
    e = next(s for s in rank(2, 4) if s.step == "e")
    assert "its criteria (now 13/100)" in e.why.en  # 12.5: a half rounds up (tandem.rounding)
    assert "the metrics and rewards tension (50/100)" in e.why.en
    assert "10-point gap between departments on metrics and rewards" in e.why.en
    assert e.tool == "kpis"


def test_repair_says_which_foundation_is_missing() -> None:
    b = next(s for s in rank(2, 4) if s.step == "b")
    assert b.why.en.startswith("Foundation to repair: 1 of 2 criteria below 3.4 (lowest 2.9 of 5).")
    assert b.why.nl.startswith(
        "Fundament om te herstellen: 1 van de 2 criteria onder 3,4 (laagste 2,9 op 5)."
    )
    single = next(s for s in rank(3, 4, means={**MEANS, "def_roles": 2.4}) if s.step == "a")
    assert single.status == "repair"
    assert "its criterion scores 2.4 of 5" in single.why.en
    assert "het criterium scoort 2,4 op 5" in single.why.nl


def test_in_place_says_so_with_the_lowest_mean() -> None:
    a = next(s for s in rank(2, 4) if s.step == "a")
    assert a.why.en.startswith("In place: its criterion scores 3.8 of 5")
    assert a.why.nl.startswith("Al op orde: het criterium scoort 3,8 op 5")
    assert a.criteria_met == ("def_roles",)


def test_progress_on_open_steps_is_mentioned() -> None:
    means = {**MEANS, "def_authority": 3.5, "def_handoff": 2.0}
    b = next(s for s in rank(1, 2, means=means) if s.step == "b")
    assert b.status == "next"
    assert b.why.en.endswith("1 of 2 criteria already met.")
    assert b.why.nl.endswith("1 van de 2 criteria is al gehaald.")


def test_steps_beyond_the_target_are_left_out() -> None:
    assert {s.step for s in rank(1, 2)} == {"a", "b"}
    assert {s.step for s in rank(1, 3)} == {"a", "b", "c", "d"}
    assert [s.status for s in rank(1, 3) if s.step == "d"] == ["later"]


def test_later_steps_keep_the_order_of_their_transitions() -> None:
    hot_int = {**TENSION, "INT": 99.0, "ALI": 5.0, "eco_price": 5.0, "cul_image": 5.0}
    means = {"ali_vocabulary": 2.0}
    steps = rank(1, 4, tension=hot_int, gap={}, means=means)
    later = [s.step for s in steps if s.status == "later"]
    assert later == ["c", "d", "e", "f"]  # 2-3 before 3-4 although 3-4 scores higher


def test_at_integrated_only_repair_and_in_place_remain() -> None:
    steps = rank(4, 4)
    assert {s.status for s in steps} == {"repair", "in_place"}
    assert len(steps) == len(SMALL.steps)
    assert layout(steps)[:3] == [("b", "repair", 1), ("d", "repair", 2), ("e", "repair", 3)]


def test_a_target_below_the_current_phase_is_read_as_the_current_phase() -> None:
    assert layout(rank(3, 2)) == layout(rank(3, 3))


def test_passed_steps_with_unknown_criteria_count_as_in_place() -> None:
    steps = rank(3, 3, means={})
    assert {s.status for s in steps} == {"in_place"}
    assert steps[0].why.en.startswith("Counted as in place")
    assert steps[0].why.nl.startswith("Geldt als op orde")


def test_open_steps_need_every_criterion_known_to_be_in_place() -> None:
    means = {"def_authority": 3.9}  # def_handoff unknown
    b = next(s for s in rank(1, 2, means=means) if s.step == "b")
    assert b.status == "next"
    means = {"def_authority": 3.9, "def_handoff": 3.4}
    b = next(s for s in rank(1, 2, means=means) if s.step == "b")
    assert b.status == "in_place"


def test_unknown_scores_give_zero_priority_and_say_so() -> None:
    steps = rank(1, 2, tension={"DEF": math.nan}, gap={"DEF": math.nan}, means={})
    assert {s.priority for s in steps} == {0.0}
    assert steps[0].why.en == "No scores are known for what this step addresses."
    assert steps[0].why.nl == "Voor wat deze stap aanpakt, zijn geen scores bekend."


@pytest.mark.parametrize(("current", "target"), [(0, 2), (5, 4), (2, 5), (2, 0)])
def test_phases_must_be_one_to_four(current: int, target: int) -> None:
    with pytest.raises(ValueError, match="phase"):
        rank(current, target)


# ------------------------------------------------------------------ the shipped catalogue


@pytest.mark.parametrize("version", ["tandem-scan-1", "tandem-scan-2"])
@pytest.mark.parametrize(("current", "target"), [(1, 2), (1, 4), (2, 3), (2, 4), (3, 4), (4, 4)])
def test_the_shipped_catalogue_ranks_cleanly(current: int, target: int, version: str) -> None:
    instrument = load_instrument(version)
    catalogue = load_catalogue(instrument=instrument)
    tension = {s.id: 35.0 + 5 * i for i, s in enumerate(instrument.scales)}
    means = {i.id: 2.0 + (n % 5) * 0.5 for n, i in enumerate(instrument.items) if i.scale}
    steps = rank_roadmap(
        catalogue,
        current_phase=current,
        target_phase=target,
        scale_tension=tension,
        scale_gap={"eco_price": 18.0},
        item_mean=means,
    )
    assert steps
    statuses = [s.status for s in steps]
    assert statuses == sorted(statuses, key=STATUSES.index)
    ranked = [s.rank for s in steps if s.status != "in_place"]
    assert ranked == list(range(1, len(ranked) + 1))
    assert all(s.rank is None for s in steps if s.status == "in_place")
    for step in steps:
        assert int(step.transition[-1]) <= target
        assert step.why.nl.strip()
        assert step.why.en.strip()
        assert step.why.nl != step.why.en
        if step.status == "next":
            assert int(step.transition[0]) == current
    if current == 4:
        assert set(statuses) <= {"repair", "in_place"}
