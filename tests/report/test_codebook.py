"""The codebook in JSON, CSV and Markdown says what every response column means."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tandem.instrument import load_instrument
from tandem.report.codebook import ALL_SETTINGS, codebook_json, codebook_rows, render_codebook

INSTRUMENT = load_instrument()
SETTINGS = ALL_SETTINGS  # every optional question, the meta-perception module too


def test_json_structure_has_both_languages() -> None:
    data = json.loads(render_codebook(INSTRUMENT, "full", "en", "json"))
    assert data["instrument"] == {"id": "tandem-scan", "version": "2.0", "form": "full"}
    ids = [i["id"] for i in data["items"]]
    assert ids == [i.id for i in INSTRUMENT.items_for("full", SETTINGS)]
    by_id = {i["id"]: i for i in data["items"]}
    price = by_id["eco_price_3"]
    assert price["scale"] == "eco_price" and price["keying"] == "-" and price["kind"] == "likert"
    assert price["section"] == "tension" and price["forms"] == ["full"]
    assert set(price["text"]) == {"nl", "en"}
    assert [o["code"] for o in price["options"]] == ["1", "2", "3", "4", "5", "dk"]
    assert set(price["options"][0]["label"]) == {"nl", "en"}
    assert by_id["dr_pricing"]["area"] == "pricing"
    assert by_id["cj_onboarding_owner"]["stage"] == "onboarding"
    assert "area" not in price and "stage" not in price
    assert by_id["open_friction"]["options"] == []
    kinds = {s["id"]: s["kind"] for s in data["scales"]}
    assert kinds["DEF"] == "phase_block" and kinds["org_metrics"] == "tension"
    assert kinds["out_cx"] == "outcome"
    scale = next(s for s in data["scales"] if s["id"] == "eco_price")
    assert scale["items"] == ["eco_price_1", "eco_price_2", "eco_price_3"]
    assert scale["family"] == "economic" and set(scale["title"]) == {"nl", "en"}


def test_json_of_the_quick_form_lists_quick_items_only() -> None:
    data = codebook_json(INSTRUMENT, "quick")
    assert data["instrument"]["form"] == "quick"
    assert all("quick" in i["forms"] for i in data["items"])
    scale = next(s for s in data["scales"] if s["id"] == "DEF")
    assert scale["items"] == ["def_roles", "def_disputes"]


def test_csv_one_row_per_item_in_one_language() -> None:
    text = render_codebook(INSTRUMENT, "quick", "nl", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == [i.id for i in INSTRUMENT.items_for("quick", SETTINGS)]
    assert "text" in rows[0] and "text_en" not in rows[0]
    dept = rows[0]
    assert dept["text"] == "In welke afdeling werkt u?"
    assert "management=Commercieel management" in dept["options"]
    image = next(r for r in rows if r["id"] == "cul_image_1")
    assert image["keying"] == "-" and image["scale_kind"] == "tension"
    assert image["family"] == "cultural"


def test_csv_without_language_has_both() -> None:
    rows = list(csv.DictReader(io.StringIO(render_codebook(INSTRUMENT, "full", None, "csv"))))
    assert rows[0]["text_nl"] == "In welke afdeling werkt u?"
    assert rows[0]["text_en"] == "Which department do you work in?"
    assert len(rows) == len(INSTRUMENT.items_for("full", SETTINGS))


def test_rows_follow_settings() -> None:
    ids = {r["id"] for r in codebook_rows(INSTRUMENT, "full", frozenset())}
    assert "dr_pricing" in ids and "drs_pricing" not in ids and "segment" not in ids


def test_markdown_has_a_table_per_section_in_the_language_asked() -> None:
    text = render_codebook(INSTRUMENT, "full", "en", "md")
    assert "## About you" in text and "## Who decides what" in text
    assert "Over u" not in text
    assert "| `def_roles` | DEF | + | The roles and responsibilities" in text
    assert text.count("Strongly disagree") == 1  # the answer scale is listed once
    both = render_codebook(INSTRUMENT, "quick", None, "md")
    assert "## Over u / About you" in both and "text (nl)" in both


def test_bad_language_or_format() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        render_codebook(INSTRUMENT, "full", "de", "csv")
    with pytest.raises(ValueError, match="unknown codebook format"):
        render_codebook(INSTRUMENT, "full", None, "xml")  # type: ignore[arg-type]


def test_the_meta_perception_items_are_listed_with_what_they_predict() -> None:
    rows = {r["id"]: r for r in codebook_rows(INSTRUMENT, "full", lang="en")}
    row = rows["mp_sales_org_process_4"]
    assert (row["about"], row["predicts"], row["asked_of"]) == (
        "org_process_4", "marketing", "sales")
    assert row["setting"] == "meta_perception" and row["scale"] == ""
    assert "most people in Marketing" in row["text"]
    plain = codebook_rows(INSTRUMENT, "full", frozenset({"should_decide"}), lang="en")
    assert "about" not in plain[0], "no extra columns for a scan without the module"
