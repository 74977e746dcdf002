"""Results saved under schema 1 (files of the old ``tandem score``, results the web app
kept after a purge) still open: read through ``tandem.contract.v1``."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from tandem.contract import schema, v1
from tandem.contract.result import SCHEMA_VERSION, Result, ResultFormatError
from tandem.report.markdown import render_markdown
from tandem.thresholds import BLOCK_MET_AT, HIGH_TENSION
from tests.contract.test_result import _ANY_RESULT

FILES = Path(__file__).with_name("files")
V1_SCHEMA = json.loads((FILES / "result-1.schema.json").read_text("utf-8"))
V2_SCHEMA = json.loads(schema.PATH.read_text("utf-8"))
ROUNDED = ["result-1-conflict-full.json", "result-1-small-quick.json"]  # tandem score
EXACT = ["result-1-kept-exact.json"]  # KeptResult, to_dict(digits=None)


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FILES / name).read_text("utf-8"))
    return data


def _as_v2(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with what result-2 adds, at the defaults a result-1 file reads with (the
    analysis decides them again: ``tandem.analysis.emphasis.read_result``)."""
    upgraded = copy.deepcopy(data)
    upgraded["meta"]["schema_version"] = SCHEMA_VERSION
    upgraded["meta"]["high_tension"] = HIGH_TENSION
    upgraded["meta"]["block_met_at"] = BLOCK_MET_AT
    for scale in upgraded["scales"]:
        scale["high"] = False
        scale["reliability"].update(cases="complete", pair_n=None)  # alpha was listwise
        for item in scale["items"]:
            item["reverse_keyed"] = False
    upgraded["tension_order"] = []
    upgraded["gap_order"] = []
    upgraded["patterns"] = []
    upgraded["discuss_first"] = []
    upgraded["empathy"] = {"asked": False, "directions": []}  # 2.4: not asked
    for gap in upgraded["gaps"]:
        gap.update(family="exploratory", tier=None, measure="score")
    for comments in upgraded["comments"]:
        comments["groups"] = []  # everyone's answers together, as result 1 showed them
    if upgraded.get("target") is not None:
        upgraded["target"]["horizon"] = None
        upgraded["target"]["horizon_reason"] = None
    return upgraded


@pytest.mark.parametrize("name", ROUNDED + EXACT)
def test_the_files_are_genuine_result_1(name: str) -> None:
    data = _load(name)
    assert data["meta"]["schema_version"] == "1.0"
    jsonschema.validate(data, V1_SCHEMA)


@pytest.mark.parametrize("name", ROUNDED + EXACT)
def test_a_result_1_file_opens_as_result_2(name: str) -> None:
    data = _load(name)
    before = copy.deepcopy(data)
    result = Result.from_json((FILES / name).read_text("utf-8"))
    assert Result.from_dict(data) == result
    assert data == before  # the reader upgrades a copy
    assert result.meta.schema_version == SCHEMA_VERSION
    digits = None if name in EXACT else 6
    assert result.to_dict(digits=digits) == _as_v2(data)  # nothing lost, nothing changed
    jsonschema.validate(result.to_dict(), V2_SCHEMA)
    assert Result.from_dict(result.to_dict(digits=None)) == result
    assert "Target phase" in render_markdown(result, "en")  # and it renders


def test_a_kept_result_1_keeps_its_exact_floats() -> None:
    data = _load("result-1-kept-exact.json")
    result = Result.from_dict(data)
    assert result.scales[0].score == data["scales"][0]["score"]
    assert all(not c.shown and not c.texts for c in result.comments)


def test_a_field_missing_in_a_result_1_file_takes_its_default() -> None:
    data = _load("result-1-conflict-full.json")
    for area in data["decision_rights"]:
        del area["should"]
    del data["target"]["override"]
    result = Result.from_dict(data)
    assert all(a.should is None for a in result.decision_rights)
    assert result.target is not None and result.target.override is None


def test_a_damaged_result_1_is_named_like_a_result_2() -> None:
    data = _load("result-1-small-quick.json")
    data["scales"][0]["score"] = "high"
    with pytest.raises(ResultFormatError) as info:
        Result.from_dict(data)
    assert info.value.path == "result.scales[0].score"


def test_upgrades_run_in_a_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    """The place for computed upgrades: each step reads one major version; result-1
    goes through every step to the current one."""
    calls: list[int] = []

    def step(major: int) -> v1.Upgrade:
        def run(data: dict[str, Any]) -> dict[str, Any]:
            calls.append(major)
            data["meta"]["computed_by"] = major
            return data
        return run

    monkeypatch.setattr(v1, "UPGRADES", {1: step(1), 2: step(2)})
    data = _load("result-1-small-quick.json")
    upgraded = v1.upgrade(data, "3.1")
    assert calls == [1, 2]
    assert upgraded["meta"]["schema_version"] == "3.1"
    assert upgraded["meta"]["computed_by"] == 2
    assert "computed_by" not in data["meta"]
    assert v1.upgrade(upgraded, "3.0") is upgraded  # the same major version: as it is
    with pytest.raises(ResultFormatError, match="cannot be read"):
        v1.upgrade(data, "4.0")  # no step from 3


def test_the_current_version_is_not_copied() -> None:
    data = _load("result-1-small-quick.json")
    data["meta"]["schema_version"] = "2.3"  # a later minor version: fields with defaults
    assert v1.upgrade(data, SCHEMA_VERSION) is data


@settings(max_examples=50, deadline=None)
@given(_ANY_RESULT)
def test_any_result_written_as_result_1_reads_as_result_2(result: Result) -> None:
    data = result.to_dict()
    as_v1 = copy.deepcopy(data)
    as_v1["meta"]["schema_version"] = "1.0"
    assert Result.from_dict(as_v1).to_dict() == data
    assert as_v1["meta"]["schema_version"] == "1.0"
