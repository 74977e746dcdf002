"""Charts: valid, accessible, inert SVG that shows the result's figures and hides withheld ones."""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from tandem.contract.result import GroupFigures, Result
from tandem.report import charts
from tandem.report.wording import group_label, number, percent
from tests.report import demo_result

SVG = "{http://www.w3.org/2000/svg}"
ALL = [
    charts.phase_ladder,
    charts.tension_bars,
    charts.tension_heatmap,
    charts.perception_gap_chart,
    charts.decision_matrix,
    charts.journey_stages,
]


def texts(svg: str) -> list[str]:
    """Visible text marks (not titles or descriptions)."""
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def with_withheld_cell(result: Result, scale_id: str, group: str) -> Result:
    """The result with one group figure of a tension source suppressed."""
    scales = []
    for s in result.scales:
        if s.id == scale_id:
            groups = tuple(
                GroupFigures(group=g.group, suppressed=True) if g.group == group else g
                for g in s.groups
            )
            s = dataclasses.replace(s, groups=groups)
        scales.append(s)
    return dataclasses.replace(result, scales=tuple(scales))


@pytest.mark.parametrize("chart", ALL, ids=lambda c: c.__name__)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_chart_is_valid_accessible_inert_svg(chart, lang: str) -> None:
    svg = chart(demo_result(), lang)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.text
    assert desc is not None and desc.text and len(desc.text) > 40
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    lowered = svg.lower()
    assert "<script" not in lowered
    assert not re.search(r"\son[a-z]+\s*=", lowered), "no inline event handlers"
    assert "http://" not in lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in lowered and "@import" not in lowered and "@font-face" not in lowered
    assert chart(demo_result(), lang) == svg, "deterministic"


def test_text_alternatives_follow_the_language() -> None:
    nl = ET.fromstring(charts.phase_ladder(demo_result(), "nl"))
    en = ET.fromstring(charts.phase_ladder(demo_result(), "en"))
    assert nl.find(f"{SVG}title").text == "Faseladder"  # type: ignore[union-attr]
    assert en.find(f"{SVG}title").text == "Phase ladder"  # type: ignore[union-attr]
    assert "gehaald" in (nl.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
    assert "met" in (en.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_ladder_shows_each_block_score_and_the_index() -> None:
    result = demo_result()
    assert result.phase is not None
    shown = texts(charts.phase_ladder(result, "en"))
    for block in result.phase.blocks.values():
        assert block.score is not None
        assert number(block.score, "en") in shown
    assert result.phase.index.mean is not None
    assert number(result.phase.index.mean, "en", 2) in shown


def test_tension_bars_show_every_source_grouped_by_family() -> None:
    result = demo_result()
    shown = " ".join(texts(charts.tension_bars(result, "en")))
    for family in ("ECONOMIC", "CULTURAL", "ORGANISATIONAL"):
        assert family in shown
    for s in result.scales:
        if s.tension is not None:
            assert s.title("en") in shown
            assert number(s.tension, "en") in shown


def test_heatmap_shows_every_shown_cell_and_no_number_for_a_withheld_one() -> None:
    result = with_withheld_cell(demo_result(), "eco_price", "marketing")
    svg = charts.tension_heatmap(result, "en")
    root = ET.fromstring(svg)
    cells = {}
    for g in root.iter(f"{SVG}g"):
        tip = g.find(f"{SVG}title")
        label = g.find(f"{SVG}text")
        if tip is not None and label is not None:
            cells[tip.text] = label.text
    for s in result.scales:
        if s.kind != "tension":
            continue
        for figure in s.groups:
            key = f"{s.title('en')} · {group_label(result, figure.group, 'en')}: "
            matching = [v for k, v in cells.items() if k and k.startswith(key)]
            if figure.suppressed:
                assert matching == ["—"]
            else:
                assert figure.tension is not None
                assert matching == [number(figure.tension, "en")]
    withheld_tip = "Price · Marketing: withheld"
    assert cells[withheld_tip] == "—"
    # The withheld cell is hatched, not coloured: its fill says nothing either.
    assert "url(#tandem-heatmap-hatch)" in svg
    marketing = next(g for g in demo_result().scale("eco_price").groups if g.group == "marketing")
    assert f"Price · Marketing: {number(marketing.tension or 0, 'en')}" not in svg


def test_gap_chart_draws_each_group_with_its_interval_in_the_scales_direction() -> None:
    """A phase block as a score, a tension source as tension (as on the Tensions page and
    the heatmap): the same sign and the same word everywhere."""
    result = demo_result()
    svg = charts.perception_gap_chart(result, "en", scales=["DEF", "eco_price"])
    desc = ET.fromstring(svg).find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    for scale_id, word in (("DEF", "score"), ("eco_price", "tension")):
        for g in result.scale(scale_id).groups:
            assert g.score is not None and g.ci_low is not None and g.ci_high is not None
            value, low, high = (
                (g.score, g.ci_low, g.ci_high) if word == "score"
                else (100 - g.score, 100 - g.ci_high, 100 - g.ci_low)
            )
            if word == "tension":
                assert value == pytest.approx(g.tension)
            expected = (
                f"{word} {number(value, 'en')} ({number(low, 'en')}–{number(high, 'en')})"
            )
            assert expected in desc
    assert "Price *" in " ".join(texts(svg)) or all(
        gap.tier != "clear" for gap in result.gaps if gap.scale == "eco_price"
    )


def test_decision_matrix_shows_shares_and_marks_contested_areas() -> None:
    result = demo_result()
    shown = texts(charts.decision_matrix(result, "en"))
    contested = [a for a in result.decision_rights if a.contested]
    assert contested, "the demo scan has a contested area"
    assert shown.count("contested") == len(contested)
    first = result.decision_rights[0]
    for share in first.distribution.values():
        assert percent(share, "en") in shown


def test_decision_matrix_per_group_hatches_a_withheld_group() -> None:
    result = demo_result()
    area = result.decision_rights[0]
    groups = tuple(
        dataclasses.replace(g, suppressed=True, distribution=None, n=None, modal=None)
        if g.group == "sales"
        else g
        for g in area.groups
    )
    changed = dataclasses.replace(area, groups=groups)
    result = dataclasses.replace(result, decision_rights=(changed, *result.decision_rights[1:]))
    svg = charts.decision_matrix(result, "en", group="sales")
    assert "url(#tandem-decisions-sales-hatch)" in svg
    assert 'id="tandem-decisions-sales-title"' in svg


def test_journey_marks_unowned_stages_in_words() -> None:
    result = demo_result()
    svg = charts.journey_stages(result, "en", per_row=3)
    unowned = [s for s in result.journey if s.unowned]
    assert unowned
    assert texts(svg).count("NO OWNER") == len(unowned)
    for stage in result.journey:
        if stage.clarity is not None:
            assert f"Clarity {percent(stage.clarity, 'en')}" in texts(svg)


def test_text_from_data_is_escaped() -> None:
    result = demo_result()
    info = result.meta.groups[0]
    evil = dataclasses.replace(
        info, label=dataclasses.replace(info.label, en='<script>alert("x")</script> & co')
    )
    meta = dataclasses.replace(result.meta, groups=(evil, *result.meta.groups[1:]))
    svg = charts.tension_heatmap(dataclasses.replace(result, meta=meta), "en")
    ET.fromstring(svg)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_too_little_data_gives_a_small_explained_chart() -> None:
    empty = dataclasses.replace(
        demo_result(), phase=None, scales=(), decision_rights=(), journey=()
    )
    for chart in ALL:
        root = ET.fromstring(chart(empty, "en"))
        assert "Too little data" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]
