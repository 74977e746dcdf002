"""Comparing two waves: checked against scipy/pingouin and against a known change."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pingouin as pg
import pytest
from scipy import stats

from tandem.analysis.compare import MOVED_POINTS, compare_waves
from tandem.analysis.scores import score_responses
from tandem.instrument import load_instrument
from tandem.io.demo import PROFILES, generate_responses
from tandem.responses import ResponseSet


def _wave(n: int, seed: int, spec: object = "default") -> ResponseSet:
    instrument = load_instrument()
    frame = generate_responses(n, seed, spec, instrument=instrument)  # type: ignore[arg-type]
    records = [{k: v for k, v in r.items() if v != ""} for r in frame.to_dict("records")]
    return ResponseSet.from_records(instrument, "full", records)


@pytest.fixture(scope="module")
def waves() -> tuple[ResponseSet, ResponseSet]:
    base = PROFILES["default"]
    better = dict(base.tensions)
    # Price tension eases a lot: alignment on price up by one answer step for everyone.
    better["eco_price"] = {d: v + 1.0 for d, v in base.tensions["eco_price"].items()}
    changed = replace(base, tensions=better)
    return _wave(400, 1, base), _wave(400, 2, changed)


def test_the_known_change_moves_and_little_else(waves: tuple[ResponseSet, ResponseSet]) -> None:
    before, after = waves
    result = compare_waves(before, after, min_group=5)
    price = result.scale("eco_price")
    assert price is not None and price.moved and price.verdict == "up"
    assert price.change > 15
    moved_overall = {c.scale for c in result.overall if c.moved}
    assert moved_overall == {"eco_price"}
    # Per group too, where both waves show the group.
    sales = result.scale("eco_price", "sales")
    assert sales is not None and sales.moved
    assert set(result.groups()) >= {"sales", "marketing"}
    assert result.to_dict()["changes"][0]["scale"]


def test_figures_match_scipy_and_pingouin(waves: tuple[ResponseSet, ResponseSet]) -> None:
    before, after = waves
    result = compare_waves(before, after, min_group=5)
    x = score_responses(before).scale_percent("eco_price")
    y = score_responses(after).scale_percent("eco_price")
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    change = result.scale("eco_price")
    assert change is not None
    welch = stats.ttest_ind(y, x, equal_var=False).confidence_interval(0.95)
    assert change.ci_low == pytest.approx(welch.low, rel=1e-9)
    assert change.ci_high == pytest.approx(welch.high, rel=1e-9)
    assert change.hedges_g == pytest.approx(pg.compute_effsize(y, x, eftype="hedges"), rel=1e-9)
    mw = stats.mannwhitneyu(y, x, method="asymptotic", use_continuity=True)
    assert change.p == pytest.approx(mw.pvalue, rel=1e-9)
    p = np.array([c.p for c in result.changes])
    q = stats.false_discovery_control(p, method="bh")
    assert [c.q for c in result.changes] == pytest.approx(list(q), rel=1e-9)


def test_no_change_beyond_noise_between_two_samples_of_the_same_truth() -> None:
    result = compare_waves(_wave(300, 3), _wave(300, 4), min_group=5)
    assert result.changes
    assert not result.moved
    assert all(abs(c.change) < MOVED_POINTS * 2 for c in result.overall)
    assert {c.verdict for c in result.changes} <= {"no_change", "too_few_to_tell"}


def test_small_groups_are_never_compared() -> None:
    before, after = _wave(30, 5), _wave(30, 6)
    result = compare_waves(before, after, min_group=10)
    counts = {d: int(np.sum(before.department == d)) for d in set(before.department)}
    for change in result.changes:
        assert change.n_previous >= 10 and change.n_current >= 10
        if change.group not in ("all", "pooled"):
            assert counts[change.group] >= 10


def test_a_wave_below_k_gives_nothing() -> None:
    assert compare_waves(_wave(3, 1), _wave(50, 2), min_group=5).changes == ()


def _wave_of(departments: list[str], seed: int) -> ResponseSet:
    """A demo wave whose respondents belong to the given departments."""
    instrument = load_instrument()
    frame = generate_responses(len(departments), seed, "default", instrument=instrument)
    records = [{**{k: v for k, v in r.items() if v != ""}, "department": d}
               for r, d in zip(frame.to_dict("records"), departments, strict=True)]
    return ResponseSet.from_records(instrument, "full", records)


SMALL_SERVICE = ["sales"] * 8 + ["marketing"] * 7 + ["service"] * 3


def _mirrored(wave: ResponseSet, department: str) -> ResponseSet:
    """The wave with every Likert answer of one department mirrored (1 <-> 5)."""
    likert = wave.likert.copy()
    rows = wave.department == department
    likert[rows] = 6 - likert[rows]
    return replace(wave, likert=likert)


def test_withheld_respondents_are_in_no_wave_figure() -> None:
    before, after = _wave_of(SMALL_SERVICE, 1), _wave_of(SMALL_SERVICE, 2)
    result = compare_waves(before, after, min_group=5)
    assert result.changes, "the groups shown can be compared"
    assert (result.n_previous, result.n_current) == (15, 15)
    assert all(c.n_previous <= 15 and c.n_current <= 15 for c in result.changes)
    assert set(result.groups()) <= {"sales", "marketing"}
    changed = compare_waves(_mirrored(before, "service"), _mirrored(after, "service"),
                            min_group=5)
    assert changed.to_dict() == result.to_dict()
    # The check can fail: mirroring a shown group does move the figures.
    moved = compare_waves(_mirrored(before, "sales"), after, min_group=5)
    assert moved.to_dict() != result.to_dict()


def test_waves_are_not_compared_when_the_stricter_k_withholds_other_people() -> None:
    before, after = _wave_of(SMALL_SERVICE, 3), _wave_of(SMALL_SERVICE, 4)
    # Each wave's own report used k = 3 and showed Service (3 people); the comparison's
    # k = 5 would withhold it, so "everyone" would differ from the report's by 3 people.
    assert compare_waves(before, after, min_group=5, own_k=(3, 3)).changes == ()
    assert compare_waves(before, after, min_group=5, own_k=(5, 3)).changes == ()
    assert compare_waves(before, after, min_group=5, own_k=(5, 5)).changes != ()
