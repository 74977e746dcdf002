"""The journey says one thing per stage: an owner, or "no owner", never both."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tandem.contract.result import Result
from tandem.report import charts
from tandem.report.pdf.decisions import _journey

FILE = Path(__file__).parents[1] / "contract" / "files" / "result-1-conflict-full.json"


def _result() -> Result:
    result = Result.from_json(FILE.read_text("utf-8"))
    stages = list(result.journey)
    # one stage with a clear owner, one where Sales is named most but nobody owns it
    stages[0] = replace(stages[0], owner="marketing", unowned=False)
    stages[1] = replace(stages[1], owner="sales", unowned=True)
    return replace(result, journey=tuple(stages))


def test_an_unowned_stage_shows_no_owner_and_nobody_beside_it() -> None:
    result = _result()
    assert result.journey[0].clear_owner == "marketing"
    assert result.journey[1].clear_owner is None
    assert result.journey[1].owner == "sales"  # kept in the data


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_chart_and_the_pdf_table_say_one_thing_per_stage(lang: str) -> None:
    result = _result()
    svg = charts.journey_stages(result, lang)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    assert desc is not None
    second = desc.group(1).split(";")[1]
    assert "Sales" not in second
    assert ("no owner" if lang == "en" else "geen eigenaar") in second
    rows = next(b for b in _journey(result, lang)["blocks"] if b.get("kind") == "table")["rows"]
    assert rows[0][1] == "Marketing"
    assert rows[1][1] == ("No owner" if lang == "en" else "Geen eigenaar")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_web_page_says_one_thing_per_stage(lang: str) -> None:
    from tandem.web.results.pages import journey

    stages = journey(_result(), lang)["stages"]
    assert (stages[0]["owner"], stages[0]["unowned"]) == ("Marketing", False)
    assert (stages[1]["owner"], stages[1]["unowned"]) == ("", True)  # the badge only
