"""Version 2 of the Tandem Scan against the review of version 1 (issue "Tandem Scan
version 2"): reverse keying everywhere, an HBR index of HBR topics only and mapped item
by item in docs/method.md, one idea per statement, no overlaps, job rotation in Aligned.
Version 1 stays as it was released."""

from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tandem.instrument import (
    InstrumentError,
    instrument_for,
    instrument_name,
    load_instrument,
)
from tandem.instrument.loader import HBR_TOPICS, parse_instrument
from tandem.instrument.model import Instrument
from tandem.thresholds import BLOCK_MET_MEAN

V1 = load_instrument("tandem-scan-1")
V2 = load_instrument("tandem-scan-2")
METHOD = Path(__file__).parents[2] / "docs" / "method.md"
#: The released version 1 file, byte for byte: a released version is never edited.
V1_SHA256 = "05e39cca00773eab974f19ce82b5e7783acb831c9d09a61094bc4ec937b9f78e"


def _raw(name: str) -> dict[str, Any]:
    text = (resources.files("tandem.instrument") / "data" / f"{name}.toml").read_text("utf-8")
    return copy.deepcopy(tomllib.loads(text))


def _scale_items(instrument: Instrument, kind: str) -> dict[str, list[str]]:
    return {s.id: [i.id for i in instrument.scale_items(s.id)] for s in instrument.scales_of(kind)}


def test_both_versions_load_and_version_1_is_untouched() -> None:
    assert (V1.key, V2.key) == ("tandem-scan@1.0", "tandem-scan@2.0")
    data = (resources.files("tandem.instrument") / "data" / "tandem-scan-1.toml").read_bytes()
    assert hashlib.sha256(data).hexdigest() == V1_SHA256, "never edit a released version"
    assert instrument_for("tandem-scan", "1.0") is V1
    assert instrument_for("tandem-scan", "2.0") is V2
    assert (instrument_name(V1), instrument_name(V2)) == ("tandem-scan-1", "tandem-scan-2")
    with pytest.raises(InstrumentError, match=r"no shipped instrument tandem-scan@9\.0"):
        instrument_for("tandem-scan", "9.0")


def test_same_sections_scales_and_structure() -> None:
    optional = {"meta_sales", "meta_marketing"}  # the meta-perception module, off by default
    assert [s.id for s in V2.sections if s.id not in optional] == [s.id for s in V1.sections]
    assert [(s.id, s.kind, s.family) for s in V2.scales] == [
        (s.id, s.kind, s.family) for s in V1.scales]
    assert V2.areas == V1.areas and V2.stages == V1.stages
    assert [i.id for i in V2.profile_items()] == [i.id for i in V1.profile_items()]


@pytest.mark.parametrize("kind", ["phase_block", "tension"])
def test_every_phase_block_and_tension_source_has_a_reverse_keyed_statement(kind: str) -> None:
    for scale, ids in _scale_items(V2, kind).items():
        reverse = [i for i in ids if V2.item(i).reverse]
        assert reverse, f"{scale}: agreeing with everything would raise it"
        assert len(reverse) < len(ids), f"{scale}: some statements agree"
    # Enough in each block that agreeing (4) or strongly agreeing (5) with every statement
    # leaves the block below the bar (mean 3.4): the reverse-keyed ones count 6 - x.
    for block, ids in _scale_items(V2, "phase_block").items():
        reverse = sum(V2.item(i).reverse for i in ids)
        for answer in (4, 5):
            mean = (answer * (len(ids) - reverse) + (6 - answer) * reverse) / len(ids)
            assert mean < BLOCK_MET_MEAN, (block, answer)
    # Version 1 had none on the ladder: the finding this version answers.
    assert not any(V1.item(i).reverse for ids in _scale_items(V1, "phase_block").values()
                   for i in ids)


def test_the_quick_form_balances_each_block() -> None:
    """Two statements per block, one each way: agreeing with both gives 50, below 60."""
    for block in ("DEF", "ALI", "INT"):
        quick = V2.scale_items(block, "quick")
        assert sorted(i.reverse for i in quick) == [False, True], block
    for source in V2.scales_of("tension"):
        assert len(V2.scale_items(source.id, "quick")) == 1, source.id


def test_the_hbr_index_is_the_twenty_hbr_topics_one_statement_each() -> None:
    assert (V1.index, V2.index) == ("ladder", "hbr")
    index = [i for i in V2.items if V2.counts_in_index(i)]
    assert sorted(t for i in index for t in i.hbr) == list(HBR_TOPICS)
    assert all(len(i.hbr) == 1 and i.scale in ("DEF", "ALI", "INT") for i in index)
    assert len([i for i in V1.items if V1.counts_in_index(i)]) == 29  # v1: every ladder item


def _method_mapping() -> dict[str, int]:
    """The table "The HBR index, item by item" of docs/method.md: item id -> topic."""
    text = METHOD.read_text("utf-8")
    section = text[text.index("### The HBR index, item by item"):]
    section = section[: section.index("\n## ")]
    mapping: dict[str, int] = {}
    for line in section.splitlines():
        found = re.match(r"\| (\d+) [^|]+\| `(\w+)`", line)
        if found:
            mapping[found.group(2)] = int(found.group(1))
    return mapping


def test_every_index_statement_is_mapped_in_method_md_as_in_the_data() -> None:
    data = {i.id: i.hbr[0] for i in V2.items if V2.counts_in_index(i)}
    assert _method_mapping() == data


def test_job_rotation_is_in_aligned() -> None:
    assert V1.item("int_rotation").scale == "INT"
    assert V2.item("int_rotation").scale == "ALI"
    assert V2.item("int_rotation").hbr == (18,)


def test_no_statement_in_two_scales_and_no_text_twice() -> None:
    raw_ids = [i["id"] for i in _raw("tandem-scan-2")["items"]]
    assert len(raw_ids) == len(set(raw_ids))
    for lang in ("nl", "en"):
        texts = [i.text(lang) for i in V2.items]
        assert len(texts) == len(set(texts)), lang


def test_every_text_in_both_languages() -> None:
    for item in V2.items:
        assert item.text.nl.strip() and item.text.en.strip(), item.id
        assert item.text.nl != item.text.en or item.section == "profile", item.id
    for section in V2.sections:
        assert section.title.nl and section.title.en


# The review's findings, by id: each is gone from version 2 or reworded there.
DOUBLE_BARRELLED = ("def_handoff", "ali_training", "int_journey", "int_budgets",
                    "def_no_disputes")
TRANSLATED_DUTCH = ("ali_input", "eco_promotion_1", "eco_promotion_2", "int_budgets",
                    "int_rise_fall", "org_systems_3")
#: Pairs that asked the same thing in version 1: one of each pair is gone.
OVERLAPS = (("int_kpis", "org_metrics_2"), ("def_handoff", "org_process_2"),
            ("def_meetings", "def_no_disputes"), ("eco_product_3", "eco_product_1"))
#: Statements about the other department's attitude rather than what people do.
ATTITUDE = ("cul_competence_1", "cul_competence_2", "cul_goal_1", "cul_goal_2",
            "cul_image_3", "cul_time_3", "eco_promotion_3", "def_materials")


def _ids(instrument: Instrument) -> set[str]:
    return {i.id for i in instrument.items}


@pytest.mark.parametrize("item_id", DOUBLE_BARRELLED)
def test_double_barrelled_statements_are_gone(item_id: str) -> None:
    assert item_id in _ids(V1)
    assert item_id not in _ids(V2)


@pytest.mark.parametrize("item_id", TRANSLATED_DUTCH)
def test_translated_dutch_is_rewritten(item_id: str) -> None:
    assert item_id not in _ids(V2) or V2.item(item_id).text.nl != V1.item(item_id).text.nl


@pytest.mark.parametrize(("a", "b"), OVERLAPS)
def test_overlapping_pairs_keep_at_most_one(a: str, b: str) -> None:
    assert {a, b} <= _ids(V1)
    assert not {a, b} <= _ids(V2)


@pytest.mark.parametrize("item_id", ATTITUDE)
def test_attitude_statements_ask_about_behaviour_now(item_id: str) -> None:
    assert item_id not in _ids(V2) or V2.item(item_id).text.en != V1.item(item_id).text.en


def test_no_double_negative_in_a_reverse_keyed_statement() -> None:
    """Disagreeing with a reverse-keyed statement must not mean "not not"."""
    negations = re.compile(r"\b(not|no|never|without|niet|geen|nooit|zonder)\b", re.I)
    for item in V2.items:
        if item.reverse:
            assert not negations.search(item.text.en.replace("not my job", "")), item.id
            assert not negations.search(item.text.nl.replace("niet mijn taak", "")), item.id


# ---------------------------------------------------------------- the loader's index rules


def _problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InstrumentError) as info:
        parse_instrument(data, source="broken.toml")
    return info.value.problems


def _item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in data["items"] if i["id"] == item_id)
    return found


def test_an_hbr_index_needs_every_topic_once() -> None:
    data = _raw("tandem-scan-2")
    _item(data, "int_present")["hbr"] = [1]  # topic 20 gone, topic 1 twice
    _item(data, "eco_price_1")["hbr"] = [3]  # not a ladder statement
    data["instrument"]["index"] = "hbr"
    found = _problems(data)
    assert any("no statement for HBR topic(s) [20]" in p for p in found)
    assert any("HBR topic 1 is on 2 statements" in p for p in found)
    assert any("'eco_price_1': an HBR topic belongs on a ladder statement" in p for p in found)


def test_an_unknown_index_kind_is_refused() -> None:
    data = _raw("tandem-scan-2")
    data["instrument"]["index"] = "everything"
    assert any("[instrument].index: 'everything'" in p for p in _problems(data))


def test_replaces_names_only_ids_that_are_gone() -> None:
    data = _raw("tandem-scan-2")
    _item(data, "def_lead_owner")["replaces"] = ["def_roles"]  # still in version 2
    _item(data, "def_lead_deadline")["replaces"] = ["def_lead_deadline"]
    _item(data, "def_adhoc")["replaces"] = "def_meetings"  # not a list
    found = _problems(data)
    assert any("'def_lead_owner': replaces 'def_roles', which is still in" in p for p in found)
    assert any("'def_lead_deadline': an item cannot replace itself" in p for p in found)
    assert any("'def_adhoc': replaces must be a list of item ids" in p for p in found)
