"""The roadmap catalogue: the article's steps, bilingual, validated against the instrument."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tandem.instrument import load_instrument
from tandem.roadmap import (
    TOOLS,
    TRANSITIONS,
    CatalogueError,
    available_catalogues,
    catalogue_data,
    load_catalogue,
    load_catalogue_file,
    parse_catalogue,
)

INSTRUMENT = load_instrument()
CATALOGUE = load_catalogue()

# The article's steps ("Stappen richting een synergetische relatie") and the design's list.
ARTICLE_STEPS = {
    "roles": "1-2",
    "decision_rights": "1-2",
    "shared_definitions": "1-2",
    "handoff_rules": "1-2",
    "scheduled_meetings": "1-2",
    "learn_each_other": "2-3",
    "communication_empathy": "2-3",
    "collaboration_discipline": "2-3",
    "feedback_process": "2-3",
    "joint_planning": "2-3",
    "joint_training": "2-3",
    "shared_kpis": "3-4",
    "customer_assessment": "3-4",
    "value_propositions": "3-4",
    "shared_rewards": "3-4",
    "shared_systems": "3-4",
    "job_rotation": "3-4",
    "split_marketing": "3-4",
    "commercial_leader": "3-4",
    "customer_journey": "3-4",
}


def test_the_shipped_catalogue_loads() -> None:
    assert "steps-1" in available_catalogues()
    assert CATALOGUE.key == "tandem-steps@1.0"
    assert {s.transition for s in CATALOGUE.steps} == set(TRANSITIONS)


@pytest.mark.parametrize(("step", "transition"), sorted(ARTICLE_STEPS.items()))
def test_every_article_step_is_present(step: str, transition: str) -> None:
    assert CATALOGUE.step(step).transition == transition


def test_no_step_outside_the_article_list() -> None:
    assert {s.id for s in CATALOGUE.steps} == set(ARTICLE_STEPS)


@pytest.mark.parametrize(
    ("step", "nl", "en"),
    [
        (
            "decision_rights",
            ["nieuwe producten", "prijsstelling", "klantenservice", "klanttevredenheid",
             "nieuwe markten"],
            ["new products", "pricing", "customer service", "satisfaction programmes",
             "new markets"],
        ),
        ("commercial_leader", ["Chief Commercial Officer", "CCO"], ["Chief Commercial Officer"]),
        ("split_marketing", ["strategisch", "tactisch", "activatie door Sales"],
         ["strategic", "tactical", "sales activation"]),
        ("job_rotation", ["andere afdeling", "werkplek"], ["other department", "workspace"]),
        ("shared_definitions", ["gekwalificeerde lead"], ["qualified lead"]),
        ("handoff_rules", ["SLA"], ["SLA"]),
        ("learn_each_other", ["vaktaal", "modellen"], ["jargon", "models"]),
        ("customer_journey", ["klantreis", "organiserende principe"], ["organising principle"]),
    ],
)  # fmt: skip
def test_steps_carry_the_articles_content(step: str, nl: list[str], en: list[str]) -> None:
    step = CATALOGUE.step(step)
    for word in nl:
        assert word in step.title.nl + " " + step.description.nl
    for word in en:
        assert word in step.title.en + " " + step.description.en


def test_every_step_text_exists_in_both_languages() -> None:
    for step in CATALOGUE.steps:
        for text in (step.title, step.description):
            assert text.nl.strip(), step.id
            assert text.en.strip(), step.id
            assert text.nl != text.en, step.id
        for description in (step.description.nl, step.description.en):
            sentences = re.findall(r"[.!?](?:\s|$)", description)
            assert 1 <= len(sentences) <= 3, (step.id, description)


def test_tools_name_the_tools_the_steps_need() -> None:
    tools = {s.id: s.tool for s in CATALOGUE.steps if s.tool}
    assert tools["decision_rights"] == "decision_rights"
    assert tools["handoff_rules"] == "sla"
    assert tools["shared_definitions"] == "glossary"
    assert tools["shared_kpis"] == "kpis"
    assert set(tools.values()) == set(TOOLS)


def test_every_tension_source_and_block_is_addressed() -> None:
    addressed = {s for step in CATALOGUE.steps for s in step.addresses_scales}
    for scale in INSTRUMENT.scales_of("tension"):
        assert scale.id in addressed
    for transition, block in zip(TRANSITIONS, ("DEF", "ALI", "INT"), strict=True):
        for step in CATALOGUE.for_transition(transition):
            assert block in step.addresses_scales, step.id


def test_every_step_has_ladder_criteria() -> None:
    blocks = {s.id for s in INSTRUMENT.scales_of("phase_block")}
    for step in CATALOGUE.steps:
        assert step.criteria, step.id
        for item in step.criteria:
            assert INSTRUMENT.item(item).scale in blocks


# ------------------------------------------------------------------ validation

Mutation = Callable[[dict[str, Any]], None]


def _set(index: int, key: str, value: object) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        raw["steps"][index][key] = value

    return mutate


def _del_lang(index: int, key: str, lang: str) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del raw["steps"][index][key][lang]

    return mutate


def _del(index: int, key: str) -> Mutation:
    def mutate(raw: dict[str, Any]) -> None:
        del raw["steps"][index][key]

    return mutate


BROKEN: list[tuple[str, Mutation, str]] = [
    ("unknown scale", _set(0, "addresses_scales", ["DEF", "eco_prices"]),
     "step 'roles'.addresses_scales: unknown scale 'eco_prices'"),
    ("unknown item", _set(1, "criteria", ["def_autority"]),
     "step 'decision_rights'.criteria: unknown item 'def_autority'"),
    ("not a ladder item", _set(2, "criteria", ["eco_price_1"]),
     "step 'shared_definitions'.criteria: 'eco_price_1' is not a ladder item"),
    ("duplicate id", _set(4, "id", "handoff_rules"), "duplicate step id 'handoff_rules'"),
    ("missing English", _del_lang(5, "title", "en"), "step 'learn_each_other'.title: missing 'en'"),
    ("missing Dutch", _del_lang(6, "description", "nl"),
     "step 'communication_empathy'.description: missing 'nl'"),
    ("extra language", _set(7, "title", {"nl": "Regels", "en": "Rules", "de": "Regeln"}),
     "unknown language(s) ['de']"),
    ("bad transition", _set(8, "transition", "1-3"), "step 'feedback_process': transition '1-3'"),
    ("unknown tool", _set(9, "tool", "crm"), "step 'joint_planning': tool 'crm'"),
    ("unknown key", _set(10, "owner", "Anna"), "step 'joint_training': unknown key 'owner'"),
    ("missing key", _del(11, "criteria"), "step 'shared_kpis': 'criteria' is missing"),
    ("empty criteria", _set(12, "criteria", []),
     "step 'customer_assessment'.criteria: give at least"),
    ("bad id", _set(13, "id", "value props"), "step #14: id must be a simple identifier"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "mutate", "message"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_kind_of_error_is_reported(name: str, mutate: Mutation, message: str) -> None:
    raw = catalogue_data()
    mutate(raw)
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(raw, INSTRUMENT, source="broken.toml")
    assert [p for p in caught.value.problems if message in p], caught.value.problems
    assert str(caught.value).startswith("broken.toml:")


def test_all_errors_are_reported_together() -> None:
    raw = catalogue_data()
    for _, mutate, _ in BROKEN:
        mutate(raw)
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(raw, INSTRUMENT)
    problems = caught.value.problems
    for _, _, message in BROKEN:
        assert [p for p in problems if message in p], message
    assert len(problems) == len(BROKEN)


def test_catalogue_data_is_a_fresh_copy() -> None:
    raw = catalogue_data()
    raw["steps"].clear()
    assert catalogue_data()["steps"]
    assert load_catalogue().steps == CATALOGUE.steps


def test_missing_head_and_steps() -> None:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue({}, INSTRUMENT)
    assert len(caught.value.problems) == 3  # no [catalogue], no id/version, no steps


def test_it_is_validated_against_the_instrument_it_is_given() -> None:
    smaller = dataclasses.replace(
        INSTRUMENT, scales=tuple(s for s in INSTRUMENT.scales if s.id != "cul_image")
    )
    with pytest.raises(CatalogueError, match="unknown scale 'cul_image'"):
        load_catalogue(instrument=smaller)
    other = dataclasses.replace(INSTRUMENT, id="another-scan")
    with pytest.raises(CatalogueError, match="written for instrument 'tandem-scan'"):
        load_catalogue(instrument=other)


def test_an_unknown_catalogue_name_says_which_exist() -> None:
    with pytest.raises(CatalogueError, match="steps-1"):
        load_catalogue("steps-99")


def test_a_file_with_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "steps.toml"
    path.write_text("[catalogue\nid = 1\n", "utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue_file(path)
    assert str(path) in str(caught.value)
    assert "not valid TOML" in str(caught.value)


def test_each_version_judges_a_step_by_its_own_statements() -> None:
    """The criteria name both versions' ladder items; a scan's roadmap uses its own."""
    v1 = load_catalogue(instrument=load_instrument("tandem-scan-1"))
    v2 = load_catalogue(instrument=load_instrument("tandem-scan-2"))
    assert v1.step("handoff_rules").criteria == ("def_handoff",)
    assert v2.step("handoff_rules").criteria == ("def_lead_owner", "def_lead_deadline")
    assert v1.step("customer_journey").criteria == ("int_journey", "int_budgets")
    assert "int_own_journeys" in v2.step("customer_journey").criteria
    for version in (v1, v2):
        ladder = {i.id for i in version.instrument.items
                  if i.scale in ("DEF", "ALI", "INT")}
        assert all(step.criteria and set(step.criteria) <= ladder for step in version.steps)
    assert [s.id for s in v1.steps] == [s.id for s in v2.steps]
    assert load_catalogue(instrument=load_instrument("tandem-scan-2")) is v2  # loaded once


def test_a_step_needs_a_criterion_of_the_version_it_is_loaded_for() -> None:
    raw = catalogue_data()
    raw["steps"][3]["criteria"] = ["def_handoff"]  # version 1 only
    with pytest.raises(CatalogueError, match=r"'handoff_rules'.criteria: none is a ladder "
                                             r"item of tandem-scan@2\.0"):
        parse_catalogue(raw, load_instrument("tandem-scan-2"))
    parse_catalogue(raw, load_instrument("tandem-scan-1"))  # fine for version 1
