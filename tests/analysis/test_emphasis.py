"""The core decides what a reader sees first; the result carries it to every face."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tandem.analysis.emphasis import (
    certainty,
    discuss_first,
    gap_order,
    patterns,
    read_result,
    tension_order,
    with_emphasis,
)
from tandem.contract.result import Result, Topic
from tandem.thresholds import BLOCK_MET_AT, CERTAINTY_FROM, HIGH_TENSION
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


# ---------------------------------------------------------------- what to discuss first


def _quiet(result: Result) -> Result:
    """``result`` with nothing that stands out: no high tension, gap to discuss, contested
    decision area nor unowned journey stage (the tests below add what they need)."""
    return with_emphasis(dataclasses.replace(
        result,
        scales=tuple(dataclasses.replace(s, tension=min(s.tension, 50.0))
                     if s.tension is not None else s for s in result.scales),
        gaps=tuple(dataclasses.replace(g, notable=False, tier=None, verdict="no_gap")
                   for g in result.gaps),
        decision_rights=tuple(dataclasses.replace(a, contested=False, reasons=())
                              for a in result.decision_rights),
        journey=tuple(dataclasses.replace(s, unowned=False) for s in result.journey),
    ))


def _with_tensions(result: Result, tensions: dict[str, float]) -> Result:
    return with_emphasis(dataclasses.replace(result, scales=tuple(
        dataclasses.replace(s, tension=tensions[s.id]) if s.id in tensions else s
        for s in result.scales)))


def test_the_demo_discusses_its_top_tension_first_gap_and_most_contested_area() -> None:
    result = demo_result()
    first_gap = next(i for i in result.gap_order if result.gaps[i].tier is not None)
    contested = next(a for a in result.decision_rights if a.contested)
    assert result.discuss_first == (
        Topic("tension", result.tension_order[0]),
        Topic("gap", result.gaps[first_gap].scale, first_gap),
        Topic("decision", contested.area),
    )
    assert result.discuss_first == discuss_first(result)


def test_the_first_of_every_kind_comes_before_the_second_of_any() -> None:
    quiet = _quiet(demo_result())
    stages = quiet.journey
    result = with_emphasis(dataclasses.replace(
        _with_tensions(quiet, {"eco_price": 80.0, "eco_product": 75.0}),
        journey=(dataclasses.replace(stages[0], unowned=True, clarity=0.4),
                 dataclasses.replace(stages[1], unowned=True, clarity=0.2), *stages[2:]),
    ))
    assert result.discuss_first == (
        Topic("tension", "eco_price"),
        Topic("journey", stages[1].stage),  # the least clear stage first
        Topic("tension", "eco_product"),
    )


def test_a_scale_named_as_a_tension_is_not_named_again_as_a_gap() -> None:
    quiet = _with_tensions(_quiet(demo_result()),
                           {"eco_price": 80.0, "eco_product": 75.0, "eco_power": 70.0})
    at = next(i for i, g in enumerate(quiet.gaps) if g.scale == "eco_product")
    gaps = list(quiet.gaps)
    gaps[at] = dataclasses.replace(gaps[at], notable=True, tier="clear", verdict="clear",
                                   difference=-30.0)
    result = with_emphasis(dataclasses.replace(quiet, gaps=tuple(gaps)))
    # in turns: tension eco_price, gap eco_product, tension eco_product (named: skipped),
    # tension eco_power
    assert result.discuss_first == (
        Topic("tension", "eco_price"), Topic("gap", "eco_product", at),
        Topic("tension", "eco_power"),
    )


def test_the_most_contested_area_comes_first_and_the_highest_tensions_fill_up() -> None:
    quiet = _quiet(demo_result())
    areas = list(quiet.decision_rights)
    areas[0] = dataclasses.replace(areas[0], contested=True, reasons=("low_clarity",),
                                   clarity=0.3)
    areas[1] = dataclasses.replace(areas[1], contested=True,
                                   reasons=("sales_marketing_differ", "low_clarity"),
                                   clarity=0.45)
    result = with_emphasis(dataclasses.replace(quiet, decision_rights=tuple(areas)))
    assert not any(s.high for s in result.scales)
    assert result.discuss_first == (
        Topic("decision", areas[1].area),  # both reasons before one
        Topic("decision", areas[0].area),
        Topic("tension", result.tension_order[0]),  # not high, but the biggest friction
    )


def test_nothing_to_discuss_without_figures() -> None:
    result = demo_result()
    meta = dataclasses.replace(result.meta, n=None, groups=())
    empty = with_emphasis(Result(meta, None, (), (), (), (), None, (), (), ()))
    assert empty.discuss_first == ()


def test_a_result_2_kept_before_discuss_first_gets_it_decided() -> None:
    result = demo_result()
    data = result.to_dict(digits=None)
    del data["discuss_first"]
    assert Result.from_dict(data).discuss_first == ()
    assert read_result(json.dumps(data)) == result


# ---------------------------------------------------------------- phase certainty


@pytest.mark.parametrize(
    ("share", "band"),
    [(1.0, "almost_certain"), (0.99, "almost_certain"), (0.985, "very_likely"),
     (0.9, "very_likely"), (0.895, "likely"), (0.66, "likely"), (0.655, "uncertain"),
     (0.0, "uncertain")],
)
def test_certainty_bands_follow_the_bars(share: float, band: str) -> None:
    assert certainty(share, 200).band == band
    assert [bar for _word, bar in CERTAINTY_FROM] == [0.99, 0.90, 0.66]


@pytest.mark.parametrize("resamples", [200, 1000, 50])
def test_every_resample_agreeing_is_more_than_the_last_step_never_100(resamples: int) -> None:
    said = certainty(1.0, resamples)
    assert said.bound == ">"
    assert said.percent == pytest.approx(100 - 100 / resamples)
    assert f"{said.percent:.{said.decimals}f}" not in ("100", "100.0", "100.00")


def test_200_resamples_all_agreeing_read_more_than_99_5() -> None:
    said = certainty(1.0, 200)
    assert (said.bound, said.percent, said.decimals) == (">", 99.5, 1)


@pytest.mark.parametrize(("agree", "shown", "decimals"), [
    (199, 99.5, 1), (198, 99.0, 0), (194, 97.0, 0), (1, 0.5, 1), (100, 50.0, 0)])
def test_a_share_short_of_all_gets_the_decimals_it_needs(agree: int, shown: float,
                                                        decimals: int) -> None:
    said = certainty(agree / 200, 200)
    assert (said.bound, said.percent, said.decimals) == ("", shown, decimals)


def test_no_resample_agreeing_is_less_than_one_step_never_0() -> None:
    said = certainty(0.0, 200)
    assert (said.bound, said.percent, said.band) == ("<", 0.5, "uncertain")


def test_no_share_ever_shows_as_100_or_0() -> None:
    for agree in range(201):
        said = certainty(agree / 200, 200)
        assert 0 < said.percent < 100
        assert 0 < round(said.percent, said.decimals) < 100
