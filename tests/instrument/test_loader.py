"""The shipped instrument is complete, and a broken one is refused with every problem named."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tandem.instrument import Instrument, InstrumentError, load_instrument, load_instrument_file
from tandem.instrument.loader import DEFAULT_INSTRUMENT, available_instruments, parse_instrument

SHIPPED = load_instrument()
#: Every shipped version must stay complete: scans keep the version they ran with.
VERSIONS = [load_instrument(name) for name in available_instruments()]


def raw() -> dict[str, Any]:
    """The shipped instrument file as a dict, to break in copies."""
    text = (resources.files("tandem.instrument") / "data" / f"{DEFAULT_INSTRUMENT}.toml").read_text(
        "utf-8"
    )
    return copy.deepcopy(tomllib.loads(text))


def item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(i for i in data["items"] if i["id"] == item_id)
    return found


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InstrumentError) as info:
        parse_instrument(data, source="broken.toml")
    assert info.value.source == "broken.toml"
    return info.value.problems


# ---------------------------------------------------------------- the shipped instrument


def test_shipped_instrument_loads() -> None:
    assert DEFAULT_INSTRUMENT in available_instruments()
    assert available_instruments() == ["tandem-scan-1", "tandem-scan-2"]
    assert SHIPPED.key == "tandem-scan@2.0", "new scans use the newest version"
    assert parse_instrument(raw()) == SHIPPED


@pytest.mark.parametrize("shipped", VERSIONS, ids=lambda i: i.key)
def test_covers_all_20_hbr_topics(shipped: Instrument) -> None:
    covered = {topic for i in shipped.items for topic in i.hbr}
    assert covered == set(range(1, 21))
    assert all(i.scale in ("DEF", "ALI", "INT") for i in shipped.items if i.hbr)


@pytest.mark.parametrize("shipped", VERSIONS, ids=lambda i: i.key)
def test_eleven_tension_sources_with_three_items_and_one_quick_item(shipped: Instrument) -> None:
    sources = shipped.scales_of("tension")
    assert len(sources) == 11
    assert {s.family for s in sources} == {"economic", "cultural", "organisational"}
    for source in sources:
        assert len(shipped.scale_items(source.id, "full")) == 3, source.id
        assert len(shipped.scale_items(source.id, "quick")) == 1, source.id


@pytest.mark.parametrize("shipped", VERSIONS, ids=lambda i: i.key)
def test_phase_blocks_have_five_or_more_items_and_two_quick_items(shipped: Instrument) -> None:
    blocks = shipped.scales_of("phase_block")
    assert [b.id for b in blocks] == ["DEF", "ALI", "INT"]
    for block in blocks:
        assert len(shipped.scale_items(block.id, "full")) >= 5, block.id
        assert len(shipped.scale_items(block.id, "quick")) == 2, block.id


@pytest.mark.parametrize("shipped", VERSIONS, ids=lambda i: i.key)
def test_outcomes_profile_decisions_and_journey(shipped: Instrument) -> None:
    for outcome in shipped.scales_of("outcome"):
        assert len(shipped.scale_items(outcome.id)) >= 2
    assert [i.id for i in shipped.profile_items()] == ["department", "level", "tenure", "segment"]
    assert len(shipped.areas) >= 9 and len(shipped.stages) == 6
    for area in shipped.areas:
        assert shipped.item(f"dr_{area}").role == "decides"
        assert shipped.item(f"drs_{area}").setting == "should_decide"
    for stage in shipped.stages:
        assert shipped.item(f"cj_{stage}_owner").kind == "choice"
        assert shipped.item(f"cj_{stage}_consistency").kind == "likert"


@pytest.mark.parametrize("shipped", VERSIONS, ids=lambda i: i.key)
def test_every_text_exists_in_both_languages(shipped: Instrument) -> None:
    for i in shipped.items:
        assert i.text.nl.strip() and i.text.en.strip(), i.id
        assert i.text.nl != i.text.en or i.section == "profile", i.id
    assert any(i.reverse for i in shipped.items)


# ---------------------------------------------------------------- broken instruments


def test_duplicate_item_id() -> None:
    data = raw()
    data["items"].append(copy.deepcopy(item(data, "def_roles")))
    assert any("duplicate item id 'def_roles'" in p for p in problems(data))


def test_missing_language() -> None:
    data = raw()
    del item(data, "ali_vocabulary")["text"]["en"]
    assert any("'ali_vocabulary'" in p and "missing 'en'" in p for p in problems(data))


def test_unknown_scale() -> None:
    data = raw()
    item(data, "int_cco")["scale"] = "INTEGRATED"
    assert any("unknown scale 'INTEGRATED'" in p for p in problems(data))


def test_scale_with_fewer_than_three_items_in_the_full_form() -> None:
    data = raw()
    data["items"] = [i for i in data["items"] if i["id"] not in ("eco_price_2", "eco_price_3")]
    assert any("'eco_price' has 1 item(s) in the full form" in p for p in problems(data))


def test_unknown_option_set() -> None:
    data = raw()
    item(data, "level")["options"] = "levels"
    assert any("unknown option set 'levels'" in p for p in problems(data))


def test_all_problems_are_reported_together() -> None:
    data = raw()
    data["items"].append(copy.deepcopy(item(data, "def_roles")))
    del item(data, "ali_vocabulary")["text"]["en"]
    item(data, "int_cco")["scale"] = "INTEGRATED"
    data["items"] = [i for i in data["items"] if i["id"] not in ("eco_price_2", "eco_price_3")]
    item(data, "level")["options"] = "levels"
    found = problems(data)
    for expected in (
        "duplicate item id 'def_roles'",
        "missing 'en'",
        "unknown scale 'INTEGRATED'",
        "'eco_price' has 1 item(s)",
        "unknown option set 'levels'",
    ):
        assert any(expected in p for p in found), expected
    assert len(found) >= 5


def test_unknown_instrument_name_and_invalid_toml(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match="no instrument named"):
        load_instrument("no-such-scan")
    path = tmp_path / "bad.toml"
    path.write_text("[instrument\nid = 1", encoding="utf-8")
    with pytest.raises(InstrumentError, match="not valid TOML"):
        load_instrument_file(path)
