"""``diff_instruments``: what changed between two questionnaire versions, item by item."""

from __future__ import annotations

import copy
import dataclasses
import json
import tomllib
from importlib import resources
from typing import Any

import pytest

from tandem.instrument import InstrumentError, find_instrument, load_instrument
from tandem.instrument.diff import CHANGE_KINDS, Change, diff_instruments
from tandem.instrument.loader import parse_instrument
from tandem.report.codebook_diff import diff_json, render_diff

V1 = load_instrument("tandem-scan-1")
V2 = load_instrument("tandem-scan-2")
DIFF = diff_instruments(V1, V2)


def _raw(name: str) -> dict[str, Any]:
    text = (resources.files("tandem.instrument") / "data" / f"{name}.toml").read_text("utf-8")
    return copy.deepcopy(tomllib.loads(text))


def _by(kind: str) -> dict[str, list[Change]]:
    found: dict[str, list[Change]] = {}
    for change in DIFF.changes:
        if change.kind == kind:
            found.setdefault(change.item, []).append(change)
    return found


def test_version_1_to_2_in_numbers() -> None:
    # the meta-perception items predict statements; the diff lists the statements
    ids1 = {i.id for i in V1.items if i.about is None}
    ids2 = {i.id for i in V2.items if i.about is None}
    assert set(_by("added")) == ids2 - ids1
    assert set(_by("removed")) == ids1 - ids2
    assert DIFF.counts() == {"added": len(ids2 - ids1), "removed": len(ids1 - ids2),
                             "reworded": 8, "moved": 2, "rekeyed": 0, "remapped": 0}


def test_what_the_review_changed_shows_as_such() -> None:
    moved = {(c.item, c.field): (c.before, c.after) for c in DIFF.of_kind("moved")}
    assert moved[("int_rotation", "scale")] == ("INT", "ALI")  # where HBR puts it
    assert moved[("def_authority", "forms")] == ("full quick", "full")
    removed = {c.item: c.related for c in DIFF.of_kind("removed")}
    assert removed["def_handoff"] == ("def_lead_owner", "def_lead_deadline")  # split in two
    assert removed["int_journey"] == ("int_own_journeys", "int_funnel_joint")
    assert removed["org_metrics_2"] == ("org_metrics_4",)  # the overlap with int_kpis
    reworded = {(c.item, c.field) for c in DIFF.of_kind("reworded")}
    assert {("eco_promotion_1", "nl"), ("eco_promotion_1", "en"), ("int_rise_fall", "nl"),
            ("cul_image_1", "en")} <= reworded
    assert ("int_rise_fall", "en") not in reworded  # only the Dutch read as translated
    assert ("index", "ladder", "hbr") in {(s.name, s.before, s.after) for s in DIFF.settings}
    assert any(s.name == "section open: intro (en)" for s in DIFF.settings)


def test_every_new_statement_says_what_it_replaces_and_nothing_is_orphaned() -> None:
    # the meta-perception items predict statements; the diff lists the statements
    ids1 = {i.id for i in V1.items if i.about is None}
    ids2 = {i.id for i in V2.items if i.about is None}
    for change in DIFF.of_kind("added"):
        assert change.related, f"{change.item}: replaces nothing"
        assert set(change.related) <= ids1 - ids2, change.item
    assert all(c.related for c in DIFF.of_kind("removed"))


def test_removed_items_stand_before_their_successors() -> None:
    order = [c.item for c in DIFF.changes if c.kind in ("added", "removed")]
    assert order.index("def_handoff") + 1 == order.index("def_lead_owner")


def test_a_version_against_itself_has_no_changes() -> None:
    same = diff_instruments(V2, V2)
    assert same.empty and not same.changes and set(same.counts().values()) == {0}
    assert "No changes." in render_diff(same)


def test_rekeyed_remapped_and_moved_on_a_changed_copy() -> None:
    data = _raw("tandem-scan-2")
    items = {i["id"]: i for i in data["items"]}
    items["eco_price_2"]["keying"] = "-"
    items["int_cco"]["hbr"] = [17, 20]
    data["instrument"]["index"] = "ladder"  # two topics on one statement: not an hbr index
    items["out_cx_1"]["section"] = "tension"
    items["out_cx_1"]["forms"] = ["full", "quick"]
    data["instrument"]["version"] = "2.1"
    changed = parse_instrument(data)
    diff = diff_instruments(V2, changed)
    found = {(c.kind, c.item, c.field, c.before, c.after) for c in diff.changes}
    assert found == {
        ("rekeyed", "eco_price_2", "keying", "+", "-"),
        ("remapped", "int_cco", "hbr", "17", "17 20"),
        ("moved", "out_cx_1", "section", "outcomes", "tension"),
        ("moved", "out_cx_1", "forms", "full", "full quick"),
    }
    assert diff.counts() == {"added": 0, "removed": 0, "reworded": 0, "moved": 1,
                             "rekeyed": 1, "remapped": 1}


def test_other_questionnaires_are_not_compared() -> None:
    other = dataclasses.replace(V2, id="another-scan")
    with pytest.raises(ValueError, match="different questionnaires"):
        diff_instruments(V1, other)


@pytest.mark.parametrize(("spec", "version"), [("1", "1.0"), ("2.0", "2.0"),
                                               ("tandem-scan-1", "1.0"),
                                               ("tandem-scan@2.0", "2.0")])
def test_versions_are_found_as_people_type_them(spec: str, version: str) -> None:
    assert find_instrument(spec).version == version


def test_an_unknown_version_names_the_known_ones() -> None:
    with pytest.raises(InstrumentError, match="known: tandem-scan-1, tandem-scan-2"):
        find_instrument("7")


# ---------------------------------------------------------------- the renderings


def test_markdown_lists_each_kind_with_texts_in_the_language_asked() -> None:
    text = render_diff(DIFF, "md", "en")
    assert text.startswith("# Questionnaire changes: `tandem-scan@1.0` → `tandem-scan@2.0`")
    for heading in ("## Added (29)", "## Removed (27)", "## Reworded (8)",
                    "## Moved (section, scale or form) (2)"):
        assert heading in text
    assert "- `int_rotation` scale: INT → ALI" in text
    assert ("- `def_handoff` (DEF, +, full); replaced by `def_lead_owner`, "
            "`def_lead_deadline`") in text
    assert V2.item("def_lead_owner").text.en in text
    assert V2.item("def_lead_owner").text.nl not in text
    assert "(nl)" not in text  # Dutch rewordings left out in English
    both = render_diff(DIFF, "md")
    assert V2.item("def_lead_owner").text.nl in both and "`eco_promotion_1` (nl)" in both


def test_json_has_every_change_with_both_languages() -> None:
    data = json.loads(render_diff(DIFF, "json"))
    assert data == json.loads(json.dumps(diff_json(DIFF)))
    assert (data["from"], data["to"]) == ({"id": "tandem-scan", "version": "1.0"},
                                          {"id": "tandem-scan", "version": "2.0"})
    assert set(data["counts"]) == set(CHANGE_KINDS)
    assert len(data["changes"]) == len(DIFF.changes)
    added = next(c for c in data["changes"] if c["item"] == "def_lead_owner")
    assert added["change"] == "added" and added["replaces"] == ["def_handoff"]
    assert added["after"]["text"] == V2.item("def_lead_owner").text.as_dict()
    assert added["after"]["replaces"] == ["def_handoff"]
    removed = next(c for c in data["changes"] if c["item"] == "def_handoff")
    assert removed["before"]["scale"] == "DEF" and removed["replaced_by"] == [
        "def_lead_owner", "def_lead_deadline"]
    moved = next(c for c in data["changes"] if c["item"] == "int_rotation")
    assert (moved["field"], moved["before"], moved["after"]) == ("scale", "INT", "ALI")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="md or json"):
        render_diff(DIFF, "csv")  # type: ignore[arg-type]
