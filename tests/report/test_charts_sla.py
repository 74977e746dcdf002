"""The agreement's trend line (tandem.report.charts.sla): one mark per recorded month,
met or not in a shape as well as a colour, and the figures in the text alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tandem.analysis.sla import Commitment, recorded_attainment
from tandem.report.charts import attainment_trend

SVG = "{http://www.w3.org/2000/svg}"
FOLLOW = Commitment(7, "follow_up", "Call A-leads", 24, "hours", within_share=90)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_one_mark_per_month_shaped_by_met(lang: str) -> None:
    att = recorded_attainment(FOLLOW, {"2026-01": 85, "2026-02": 92, "2026-03": 95})
    svg = attainment_trend(att, lang, percent=True)
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    marks = [g for g in root.iter(f"{SVG}g") if g.find(f"{SVG}title") is not None]
    assert len(marks) == 3
    crosses = [g for g in marks if g.find(f"{SVG}path") is not None]
    circles = [g for g in marks if g.find(f"{SVG}circle") is not None]
    assert (len(crosses), len(circles)) == (1, 2)  # January fell short of 90%
    desc = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    word = {"nl": "niet gehaald", "en": "not met"}[lang]
    assert "2026-01: 85% " in desc and word in desc and "2026-03: 95%" in desc
    assert attainment_trend(att, lang, percent=True) == svg, "deterministic"


def test_no_recorded_month_is_a_small_explained_chart() -> None:
    svg = attainment_trend(recorded_attainment(FOLLOW, {}), "en")
    assert "Too little data" in svg


def test_a_commitment_description_never_reaches_the_markup_unescaped() -> None:
    hostile = Commitment(8, "other", "<script>x</script>", 1, "<b>", direction="at_most")
    svg = attainment_trend(recorded_attainment(hostile, {"2026-01": 2}), "en")
    assert "<script" not in svg and "<b>" not in svg
    ET.fromstring(svg)
