"""The follow-up pulse: the statement rule, and baseline vs pulse checked against scipy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from tandem.analysis.pulse import (
    MAX_STATEMENTS,
    PulseError,
    choose_statements,
    compare_pulse,
    on_statements,
    quotas,
    verdict,
)
from tandem.instrument import load_instrument
from tandem.io.demo import PROFILES, generate_responses
from tandem.responses import ResponseSet


def _wave(n: int, seed: int, spec: object = "default", name: str | None = None) -> ResponseSet:
    instrument = load_instrument(name) if name else load_instrument()
    frame = generate_responses(n, seed, spec, instrument=instrument)  # type: ignore[arg-type]
    records = [{k: v for k, v in r.items() if v != ""} for r in frame.to_dict("records")]
    return ResponseSet.from_records(instrument, "full", records)


@pytest.fixture(scope="module")
def waves() -> tuple[ResponseSet, ResponseSet]:
    base = PROFILES["default"]
    better = dict(base.tensions)
    better["eco_price"] = {d: v + 1.0 for d, v in base.tensions["eco_price"].items()}
    return _wave(300, 11, base), _wave(200, 12, replace(base, tensions=better))


@pytest.mark.parametrize(("sizes", "expected"), [
    ([3], [3]), ([11], [3]), ([3, 3], [3, 3]), ([3, 3, 3], [2, 2, 2]),
    ([9, 3, 3, 3], [2, 2, 2, 2]), ([3] * 5, [1] * 5), ([3] * 8, [1] * 8),
    ([2], [2]), ([1, 1], [1, 1]), ([1, 4], [1, 3]),
])
def test_quota_rule(sizes: list[int], expected: list[int]) -> None:
    assert quotas(sizes) == expected
    assert sum(expected) <= MAX_STATEMENTS


def _item_rest_listwise(block: np.ndarray) -> list[float]:
    """Independent: Pearson r of each item with the sum of the others, complete rows."""
    rows = block[~np.isnan(block).any(axis=1)]
    return [float(stats.pearsonr(rows[:, j], rows.sum(axis=1) - rows[:, j]).statistic)
            for j in range(rows.shape[1])]


def test_statements_are_the_best_item_rest_with_both_keyings() -> None:
    instrument = load_instrument("tandem-scan-2")
    answers = _wave(300, 21, name="tandem-scan-2")
    columns = [answers.likert_ids.index(i.id) for i in instrument.scale_items("DEF")]
    # Complete rows only, so that the pairwise covariances equal the listwise ones.
    baseline = answers.subset(~np.isnan(answers.likert[:, columns]).any(axis=1))
    chosen = choose_statements(instrument, ["DEF", "DEF"], baseline=baseline)
    (scale,) = chosen.scales
    assert scale.scale == "DEF" and len(scale.items) == 3 and scale.candidates == 9
    items = instrument.scale_items("DEF")
    # Recode as the scores do and rank independently.
    frame = pd.DataFrame({i.id: baseline.column(i.id) for i in items})
    for i in items:
        if i.reverse:
            frame[i.id] = 6 - frame[i.id]
    assert baseline.n > 100
    r = dict(zip(frame.columns, _item_rest_listwise(frame.to_numpy()), strict=True))
    assert list(scale.item_rest) == pytest.approx([r[i] for i in scale.items], abs=1e-9)
    best = sorted(r, key=lambda i: -r[i])
    keyings = {instrument.item(i).keying for i in scale.items}
    assert keyings == {"+", "-"}  # balance kept
    if {instrument.item(i).keying for i in best[:3]} == keyings:
        assert list(scale.items) == best[:3]
    else:  # the third is swapped for the best of the other keying
        assert list(scale.items[:2]) == best[:2]


def test_many_scales_get_one_statement_each_and_nine_are_refused() -> None:
    instrument = load_instrument()
    scales = [s.id for s in instrument.scales_of("tension")]
    chosen = choose_statements(instrument, scales[:6])
    assert [len(s.items) for s in chosen.scales] == [1] * 6
    assert chosen.items == tuple(instrument.scale_items(s)[0].id for s in scales[:6])
    with pytest.raises(PulseError):
        choose_statements(instrument, scales[:9])
    with pytest.raises(PulseError):
        choose_statements(instrument, [])
    with pytest.raises(PulseError):  # an outcome scale is not in the quick form
        choose_statements(instrument, ["out_cx"], form="quick")


def _subset_percent(responses: ResponseSet, items: tuple[str, ...]) -> np.ndarray:
    """Independent scoring: recoded mean over the statements, two thirds needed, 0-100."""
    instrument = responses.instrument
    block = np.column_stack([
        6 - responses.column(i) if instrument.item(i).reverse else responses.column(i)
        for i in items])
    answered = (~np.isnan(block)).sum(axis=1)
    need = int(np.ceil(len(items) * 2 / 3 - 1e-9))
    mean = np.where(answered >= need, np.nanmean(np.where(answered[:, None] > 0, block, 0),
                                                 axis=1), np.nan)
    return (mean - 1) / 4 * 100


def test_pulse_moves_where_the_truth_moved_and_matches_scipy(
        waves: tuple[ResponseSet, ResponseSet]) -> None:
    before, after = waves
    instrument = before.instrument
    chosen = choose_statements(instrument, ["eco_price", "cul_time"], baseline=before)
    assert [len(s.items) for s in chosen.scales] == [3, 3]
    # The pulse answers only its statements (and the department).
    pulse = on_statements(after, chosen.items)
    assert pulse.likert_ids == tuple(i for i in after.likert_ids if i in chosen.items)
    result = compare_pulse(before, after, chosen.items, k_baseline=5, k_pulse=5)
    price = result.scale("eco_price")
    assert price is not None and price.verdict == "up" and price.change > 10
    assert verdict(result, "cul_time") in {"no_change", "too_few_to_tell"}
    statements = chosen.of("eco_price")
    assert statements is not None
    x = _subset_percent(before, statements.items)
    y = _subset_percent(after, statements.items)
    x, y = x[~np.isnan(x)], y[~np.isnan(y)]
    assert price.previous == pytest.approx(x.mean(), rel=1e-12)
    assert price.current == pytest.approx(y.mean(), rel=1e-12)
    welch = stats.ttest_ind(y, x, equal_var=False).confidence_interval(0.95)
    assert (price.ci_low, price.ci_high) == pytest.approx((welch.low, welch.high), rel=1e-9)
    q = stats.false_discovery_control([c.p for c in result.changes], method="bh")
    assert [c.q for c in result.changes] == pytest.approx(list(q), rel=1e-9)


def test_a_pulse_below_k_shows_nothing(waves: tuple[ResponseSet, ResponseSet]) -> None:
    before, after = waves
    few = after.subset(np.arange(after.n) < 4)
    result = compare_pulse(before, few, ("eco_price_1",) if "eco_price_1" in before.likert_ids
                           else before.instrument.scale_items("eco_price")[:1][0].id,
                           k_baseline=5, k_pulse=5)
    assert result.changes == ()
    assert verdict(result, "eco_price") == "not_shown"
