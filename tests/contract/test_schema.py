"""The committed JSON Schema is the one the classes generate, and real results follow it."""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from tandem.analysis.diagnose import diagnose
from tandem.context import Context
from tandem.contract import schema
from tandem.contract.result import SCHEMA_VERSION, Result
from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.responses import ResponseSet
from tests.contract.test_result import _ANY_RESULT

INSTRUMENT = load_instrument()
CONTEXT = Context.from_mapping({"employees": "250-999", "market": "both", "sla": False})


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    committed = json.loads(schema.PATH.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(committed)
    return jsonschema.Draft202012Validator(committed)


def test_the_committed_schema_is_the_generated_one() -> None:
    assert schema.PATH.name == "result-2.schema.json"
    assert schema.PATH.read_text("utf-8") == schema.text(), (
        "the result classes changed: run python -m tandem.contract.schema and commit "
        "src/tandem/contract/result-2.schema.json")
    assert schema.main(["--check"]) == 0


def test_the_schema_names_its_version_and_describes_the_fields() -> None:
    body = schema.generate()
    assert body["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert body["$id"] == "tandem/result-2.schema.json"
    assert SCHEMA_VERSION == "2.4"
    meta = body["$defs"]["Meta"]["properties"]
    assert meta["schema_version"]["pattern"] == r"^2\.[0-9]+$"
    assert meta["n"]["description"] == "None when the whole scan is below the threshold"
    assert body["$defs"]["GroupFigures"]["description"].startswith("A scale in one")
    assert body["$defs"]["Text"]["required"] == ["nl", "en"]
    assert all(d.get("additionalProperties") is False
               for d in body["$defs"].values() if d.get("type") == "object"
               and "properties" in d)


def _result(profile: str, form: str, n: int, seed: int) -> Result:
    frame = generate_responses(n, seed, profile, form=form,  # type: ignore[arg-type]
                               instrument=INSTRUMENT)
    records = frame.drop(columns="respondent").astype(str).to_dict("records")
    responses = ResponseSet.from_records(INSTRUMENT, form, records)  # type: ignore[arg-type]
    return diagnose(responses, context=CONTEXT, min_group=5)


@pytest.mark.parametrize(("profile", "form", "n", "seed"), [
    ("default", "full", 300, 1), ("conflict", "full", 90, 2), ("integrated", "quick", 60, 3),
    ("small", "full", 25, 4), ("default", "quick", 4, 5)])
def test_real_results_follow_the_schema(profile: str, form: str, n: int, seed: int) -> None:
    result = _result(profile, form, n, seed)
    for data in (result.to_dict(), result.to_dict(digits=None), json.loads(result.to_json())):
        _validator().validate(data)
    assert Result.from_json(result.to_json()).to_dict() == result.to_dict()


def test_the_schema_refuses_what_the_decoder_refuses() -> None:
    data: dict[str, Any] = _result("small", "quick", 30, 6).to_dict()
    data["meta"]["colour"] = "red"
    assert not _validator().is_valid(data)
    data["meta"].pop("colour")
    data["meta"]["schema_version"] = "1.0"
    assert not _validator().is_valid(data)  # result-1 is read through the upgrade


@settings(max_examples=40, deadline=None)
@given(_ANY_RESULT)
def test_any_result_follows_the_schema(result: Result) -> None:
    _validator().validate(result.to_dict())
    _validator().validate(result.to_dict(digits=None))


def test_a_2_1_result_reads_as_complete_case_reliability_without_reverse_flags() -> None:
    """Schema 2.2 added ``Reliability.cases``/``pair_n`` and ``ItemFigures.reverse_keyed``
    with defaults that say truthfully what an older result holds: alpha on complete cases
    (its n was the complete rows), no statement flagged."""
    data = json.loads(_result("default", "full", 80, 4).to_json())
    data["meta"]["schema_version"] = "2.1"
    for scale in data["scales"]:
        for key in ("cases", "pair_n"):
            del scale["reliability"][key]
        for item in scale["items"]:
            del item["reverse_keyed"]
    old = Result.from_dict(data)
    assert {s.reliability.cases for s in old.scales} == {"complete"}
    assert not any(i.reverse_keyed for s in old.scales for i in s.items)
    new = _result("default", "full", 80, 4)
    assert {s.reliability.cases for s in new.scales} == {"available"}
    assert any(i.reverse_keyed for s in new.scales for i in s.items)
