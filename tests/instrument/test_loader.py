"""The shipped instrument is complete, and a broken one is refused with every problem named."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tandem.instrument import InstrumentError, load_instrument, load_instrument_file
from tandem.instrument.loader import DEFAULT_INSTRUMENT, available_instruments, parse_instrument

SHIPPED = load_instrument()


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
    assert SHIPPED.key == "tandem-scan@1.0"
    assert parse_instrument(raw()) == SHIPPED


def test_covers_all_20_hbr_topics() -> None:
    covered = {topic for i in SHIPPED.items for topic in i.hbr}
    assert covered == set(range(1, 21))
    assert all(i.scale in ("DEF", "ALI", "INT") for i in SHIPPED.items if i.hbr)


def test_eleven_tension_sources_with_three_items_and_one_quick_item() -> None:
    sources = SHIPPED.scales_of("tension")
    assert len(sources) == 11
    assert {s.family for s in sources} == {"economic", "cultural", "organisational"}
    for source in sources:
        assert len(SHIPPED.scale_items(source.id, "full")) == 3, source.id
        assert len(SHIPPED.scale_items(source.id, "quick")) == 1, source.id


def test_phase_blocks_have_five_or_more_items_and_two_quick_items() -> None:
    blocks = SHIPPED.scales_of("phase_block")
    assert [b.id for b in blocks] == ["DEF", "ALI", "INT"]
    for block in blocks:
        assert len(SHIPPED.scale_items(block.id, "full")) >= 5, block.id
        assert len(SHIPPED.scale_items(block.id, "quick")) == 2, block.id


def test_outcomes_profile_decisions_and_journey() -> None:
    for outcome in SHIPPED.scales_of("outcome"):
        assert len(SHIPPED.scale_items(outcome.id)) >= 2
    assert [i.id for i in SHIPPED.profile_items()] == ["department", "level", "tenure", "segment"]
    assert len(SHIPPED.areas) >= 9 and len(SHIPPED.stages) == 6
    for area in SHIPPED.areas:
        assert SHIPPED.item(f"dr_{area}").role == "decides"
        assert SHIPPED.item(f"drs_{area}").setting == "should_decide"
    for stage in SHIPPED.stages:
        assert SHIPPED.item(f"cj_{stage}_owner").kind == "choice"
        assert SHIPPED.item(f"cj_{stage}_consistency").kind == "likert"


def test_every_text_exists_in_both_languages() -> None:
    for i in SHIPPED.items:
        assert i.text.nl.strip() and i.text.en.strip(), i.id
        assert i.text.nl != i.text.en or i.section == "profile", i.id
    assert any(i.reverse for i in SHIPPED.items)


# ---------------------------------------------------------------- broken instruments


def test_duplicate_item_id() -> None:
    data = raw()
    data["items"].append(copy.deepcopy(item(data, "def_roles")))
    assert any("duplicate item id 'def_roles'" in p for p in problems(data))


def test_missing_language() -> None:
    data = raw()
    del item(data, "ali_input")["text"]["en"]
    assert any("'ali_input'" in p and "missing 'en'" in p for p in problems(data))


def test_unknown_scale() -> None:
    data = raw()
    item(data, "int_kam")["scale"] = "INTEGRATED"
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
    del item(data, "ali_input")["text"]["en"]
    item(data, "int_kam")["scale"] = "INTEGRATED"
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
