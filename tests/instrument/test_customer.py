"""The customer mirror's questionnaire: shipped file valid, its stages the scan's journey,
and the loader refusing an inconsistent file with the place of each problem."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from tandem.instrument.customer import (
    DEFAULT_QUESTIONNAIRE,
    QuestionnaireError,
    load_questionnaire,
    parse_questionnaire,
)
from tandem.instrument.loader import available_instruments, load_instrument


def _raw() -> dict[str, Any]:
    path = resources.files("tandem.instrument.customer") / "data" / f"{DEFAULT_QUESTIONNAIRE}.toml"
    return tomllib.loads(path.read_text("utf-8"))


def test_shipped_questionnaire_covers_every_journey_stage_of_every_scan_version() -> None:
    questionnaire = load_questionnaire()
    for name in available_instruments():
        assert list(questionnaire.stages) == list(load_instrument(name).stages), name


def test_each_stage_has_three_to_five_statements_one_reverse_keyed() -> None:
    questionnaire = load_questionnaire()
    for stage in questionnaire.stages:
        block = questionnaire.statements_for(stage)
        assert 3 <= len(block) <= 5, stage
        assert any(s.keying == "-" for s in block), stage
        assert all(s.text.nl.endswith(".") and s.text.en.endswith(".") for s in block)


def test_the_issue_s_own_statements_are_there_and_reverse_keying_is_right() -> None:
    by_text = {s.text.en: s for s in load_questionnaire().statements}
    assert by_text["Sales and service told me the same thing."].keying == "+"
    assert by_text["I had to explain my question again to someone else."].keying == "-"


def test_scan_loader_does_not_take_the_customer_file_for_a_scan_version() -> None:
    assert not any(name.startswith("customer") for name in available_instruments())


def test_loader_names_every_problem() -> None:
    raw = _raw()
    raw["statements"] = [s for s in raw["statements"]
                         if not (s["stage"] == "service" and s.get("keying") == "-")]
    raw["statements"].append({"id": "or_same_story", "stage": "nowhere",
                              "text": {"nl": "Tekst."}})
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(raw, source="broken.toml")
    problems = "\n".join(caught.value.problems)
    assert "stages.service: needs at least one reverse-keyed statement" in problems
    assert "unknown stage 'nowhere'" in problems
    assert "missing or repeated id" in problems
    assert "missing 'en' text" in problems
    assert str(caught.value).startswith("broken.toml: ")


def test_loader_refuses_a_stage_with_too_many_statements() -> None:
    raw = _raw()
    extra = [{"id": f"extra_{i}", "stage": "choice", "text": {"nl": "Tekst.", "en": "Text."}}
             for i in range(2)]
    raw["statements"] += extra
    with pytest.raises(QuestionnaireError, match=r"stages.choice: 6 statements, expected 3 to 5"):
        parse_questionnaire(raw)


def test_unknown_name_is_refused() -> None:
    with pytest.raises(QuestionnaireError):
        load_questionnaire("customer-mirror-99")
