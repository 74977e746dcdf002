"""Tandem's own survey definition: export -> import gives an equal instrument; a custom
version (other department names, fewer areas, another quick scan) imports with the
loader's rules; the JSON Schema describes what is written."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tandem.instrument import InstrumentError, load_instrument
from tandem.report.questionnaire import render_questionnaire
from tandem.report.questionnaire.definition import (
    definition_dict,
    definition_schema,
    load_definition,
    parse_definition,
    render_definition,
)

INSTRUMENT = load_instrument()


def _definition() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render_definition(INSTRUMENT))
    return data


def test_round_trip_gives_an_equal_instrument(tmp_path: Path) -> None:
    path = tmp_path / "scan.json"
    path.write_text(render_definition(INSTRUMENT), encoding="utf-8")
    assert load_definition(path) == INSTRUMENT
    again = parse_definition(definition_dict(load_definition(path)))
    assert definition_dict(again) == definition_dict(INSTRUMENT)


def test_the_schema_is_valid_and_accepts_the_export() -> None:
    schema = definition_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_definition(), schema)


def test_the_schema_refuses_a_broken_definition() -> None:
    data = _definition()
    data["items"][0]["text"] = {"nl": "Alleen Nederlands"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, definition_schema())


def test_a_custom_version_other_departments_fewer_areas_another_quick_scan() -> None:
    data = _definition()
    departments = data["option_sets"]["department"]["options"]
    departments[0]["label"] = {"nl": "Verkoop binnendienst", "en": "Inside sales"}
    del data["decision_rights"]["areas"]["messaging"]
    quick = [i for i in data["items"] if "quick" in i["forms"] and i.get("scale") == "DEF"]
    quick[1]["forms"] = ["full"]  # the quick scan keeps one DEF item
    data["instrument"]["version"] = "1.0-acme"
    jsonschema.validate(data, definition_schema())
    custom = parse_definition(copy.deepcopy(data))
    assert custom.version == "1.0-acme"
    assert custom.option_sets["department"].label("sales", "en") == "Inside sales"
    assert "dr_messaging" not in {i.id for i in custom.items}
    assert len(custom.scale_items("DEF", "quick")) == 1
    lss = render_questionnaire(custom, "limesurvey", "nl", "quick")
    assert "<![CDATA[Verkoop binnendienst]]>" in lss
    assert definition_dict(parse_definition(definition_dict(custom))) == definition_dict(custom)


def test_an_invalid_definition_lists_every_problem() -> None:
    data = _definition()
    data["items"][0]["text"] = {"nl": "Alleen Nederlands"}
    data["items"][1]["scale"] = "nope"
    data["option_sets"]["agree"]["options"].pop(0)
    with pytest.raises(InstrumentError) as info:
        parse_definition(data, source="custom.json")
    problems = "\n".join(info.value.problems)
    assert "missing 'en' text" in problems
    assert "unknown scale 'nope'" in problems
    assert "a likert set has codes 1-5" in problems
    assert str(info.value).startswith("custom.json: ")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "'format' must be"),
        (lambda d: d.update(format_version=2), "'format_version' must be 1"),
        (lambda d: d.update(extra=1), "unknown key(s) ['extra']"),
        (lambda d: d.update(items={"a": 1}), "'items' must be a list of objects"),
        (lambda d: d.update(journey=[]), "'journey' must be an object"),
        (
            lambda d: d["option_sets"].update(agree={"kind": "likert", "options": [1]}),
            "every option",
        ),
        (lambda d: d["decision_rights"].update(areas=[]), "wrong structure"),
    ],
)
def test_a_wrongly_shaped_definition_is_refused(change: Any, message: str) -> None:
    data = _definition()
    change(data)
    with pytest.raises(
        InstrumentError,
        match=message.replace("(", r"\(")
        .replace(")", r"\)")
        .replace("[", r"\[")
        .replace("]", r"\]"),
    ):
        parse_definition(data)


def test_not_json_and_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InstrumentError, match="not valid JSON"):
        load_definition(path)
    with pytest.raises(InstrumentError, match="a JSON object"):
        parse_definition([1, 2])
