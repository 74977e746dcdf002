"""The core decides what a reader sees first; the result carries it to every face."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tandem.analysis.emphasis import (
    gap_order,
    patterns,
    read_result,
    tension_order,
    with_emphasis,
)
from tandem.contract.result import Result
from tandem.thresholds import BLOCK_MET_AT, HIGH_TENSION
from tests.report import demo_result

V1_FILES = Path(__file__).parents[1] / "contract" / "files"


def test_tension_sources_run_highest_first_unknown_last_ties_in_instrument_order() -> None:
    result = demo_result()
    sources = [s for s in result.scales if s.kind == "tension"]
    a, b, c, d = sources[:4]
    scales = (
        dataclasses.replace(a, tension=None),
        dataclasses.replace(b, tension=40.0),
        dataclasses.replace(c, tension=70.0),
        dataclasses.replace(d, tension=40.0),
    )
    assert tension_order(scales) == (c.id, b.id, d.id, a.id)


def test_clear_gaps_come_first_then_possible_planned_before_exploratory() -> None:
    gaps = demo_result().gaps
    order = gap_order(gaps)
    ranked = [gaps[i] for i in order]
    assert sorted(order) == list(range(len(gaps)))
    tiers = [{"clear": 0, "possible": 1}.get(g.tier or "", 2) for g in ranked]
    assert tiers == sorted(tiers)
    assert tiers.count(0) and tiers.count(1), "the demo shows both tiers"
    rank = {"primary": 0, "secondary": 1, "exploratory": 2}
    for tier in (0, 1, 2):
        part = [g for g, t in zip(ranked, tiers, strict=True) if t == tier]
        keys = [(rank[g.family], -abs(g.difference)) for g in part]
        assert keys == sorted(keys)


def test_the_result_carries_order_emphasis_and_bars() -> None:
    result = demo_result()
    assert result.meta.high_tension == HIGH_TENSION
    assert result.meta.block_met_at == BLOCK_MET_AT
    assert result.tension_order == tension_order(result.scales)
    assert result.gap_order == gap_order(result.gaps)
    for s in result.scales:
        expected = s.kind == "tension" and s.tension is not None and s.tension >= HIGH_TENSION
        assert s.high == expected
    assert [s.id for s in result.ranked_tensions()] == list(result.tension_order)
    assert all(g.tier == "clear" and g.notable for g in result.ranked_gaps(notable=True))
    assert {g.tier for g in result.ranked_gaps(tiered=True)} == {"clear", "possible"}


def test_marketing_more_positive_needs_a_notable_block_gap_with_sales_lower() -> None:
    gaps = demo_result().gaps
    template = next(g for g in gaps if g.scale == "DEF" and (g.a, g.b) == ("sales", "marketing"))
    lower = dataclasses.replace(template, notable=True, difference=-12.0)
    assert patterns((lower,)) == ("marketing_more_positive",)
    assert patterns((dataclasses.replace(lower, notable=False),)) == ()
    assert patterns((dataclasses.replace(lower, difference=12.0),)) == ()
    assert patterns((dataclasses.replace(lower, scale="cul_image"),)) == ()


def test_the_decisions_survive_the_json_form() -> None:
    result = demo_result()
    again = Result.from_dict(result.to_dict(digits=None))
    assert again.tension_order == result.tension_order
    assert again.gap_order == result.gap_order
    assert [s.high for s in again.scales] == [s.high for s in result.scales]


def test_with_emphasis_is_idempotent() -> None:
    result = demo_result()
    assert with_emphasis(result) == result


def test_a_result_kept_before_emphasis_gets_it_decided_again() -> None:
    """A result stored before these fields existed reads back with their defaults;
    ``with_emphasis`` decides them again, the same as for a fresh diagnosis."""
    result = demo_result()
    data = result.to_dict(digits=None)
    for key in ("tension_order", "gap_order", "patterns"):
        del data[key]
    for key in ("high_tension", "block_met_at"):
        del data["meta"][key]
    for scale in data["scales"]:
        del scale["high"]
    old = Result.from_dict(data)
    assert old.tension_order == () and not any(s.high for s in old.scales)
    assert with_emphasis(old) == result


@pytest.mark.parametrize(
    "name", ["result-1-kept-exact.json", "result-1-conflict-full.json", "result-1-small-quick.json"]
)
def test_a_result_1_file_reads_with_its_reading_order_decided(name: str) -> None:
    """A genuine result-1 file (made by the code before result-2) lacks the order:
    ``read_result`` decides it, so a kept result lists its tensions like a fresh one."""
    text = (V1_FILES / name).read_text("utf-8")
    plain = Result.from_json(text)
    read = read_result(text)
    assert plain.tension_order == ()
    tensions = [s for s in read.scales if s.kind == "tension"]
    assert sorted(read.tension_order) == sorted(s.id for s in tensions)
    shown = [s.tension for s in read.ranked_tensions() if s.tension is not None]
    assert shown == sorted(shown, reverse=True)
    assert {s.id for s in read.scales if s.high} == {
        s.id for s in tensions if s.tension is not None and s.tension >= HIGH_TENSION
    }
    assert read.tension_order == with_emphasis(plain).tension_order
    # Its gaps are judged again under the planned families and tiers of result 2.1.
    assert {g.verdict for g in plain.gaps} <= {"notable", "no_gap", "too_few_to_tell"}
    assert all(g.verdict != "notable" for g in read.gaps)
    assert all(g.notable == (g.tier == "clear") for g in read.gaps)
    sm = [g for g in read.gaps if {g.a, g.b} == {"sales", "marketing"}]
    assert all(g.family == "primary" for g in sm if read.scale(g.scale).kind != "outcome")


def test_a_result_2_is_read_as_it_was_decided() -> None:
    result = demo_result()
    data = result.to_dict(digits=None)
    data["tension_order"] = list(reversed(data["tension_order"]))
    assert read_result(json.dumps(data)).tension_order == tuple(data["tension_order"])
