"""Benchmarks: percentiles checked against SciPy's ``percentileofscore`` (the oracle),
the rule (at least 5 organisations and 100 respondents) at its edges, the comparison
sets in their stated order, and a scan below k never compared."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import percentileofscore

from tandem.analysis.benchmark import (
    COMPARISON_SETS,
    Peer,
    Profile,
    benchmark,
    own_scores,
    percentile_of,
)
from tests.report import demo_result

ICT = Profile("ict", "50-249", "b2b")


@pytest.mark.parametrize("seed", range(5))
def test_percentile_is_scipys_mean_kind(seed: int) -> None:
    rng = np.random.default_rng(seed)
    others = rng.integers(0, 20, size=int(rng.integers(1, 40))).astype(float) * 5
    for score in (*others[:5], -1.0, 50.0, 101.0, 47.5):
        assert percentile_of(float(score), list(others)) == pytest.approx(
            percentileofscore(others, score, kind="mean"), abs=1e-12)


def _peers(scores: list[float], respondents: list[int],
           profile: Profile = ICT) -> list[Peer]:
    """Peers scoring ``score`` on every scale of the demo scan, with ``respondents`` each."""
    scales = own_scores(demo_result())
    return [Peer(profile, n, dict.fromkeys(scales, (score, n)))
            for score, n in zip(scores, respondents, strict=True)]


def test_shown_from_five_organisations_and_a_hundred_respondents() -> None:
    result = demo_result()
    five = benchmark(result, ICT, _peers([10, 30, 50, 70, 90], [20, 20, 20, 20, 20]))
    assert five.shown and five.criteria == COMPARISON_SETS[0]
    assert (five.organisations, five.respondents) == (5, 100)
    scores = own_scores(result)
    assert {b.scale for b in five.scales} == set(scores) and len(scores) >= 8
    for row in five.scales:
        assert row.percentile == pytest.approx(
            percentileofscore([10, 30, 50, 70, 90], scores[row.scale], kind="mean"))
        assert (row.organisations, row.respondents) == (5, 100)
    four = benchmark(result, ICT, _peers([10, 30, 50, 70], [25, 25, 25, 25]))
    assert not four.shown and four.reason == "too_few" and four.scales == ()
    short = benchmark(result, ICT, _peers([10, 30, 50, 70, 90], [20, 20, 20, 20, 19]))
    assert not short.shown and short.reason == "too_few"


def test_a_scale_with_too_few_behind_it_is_left_out() -> None:
    result = demo_result()
    scales = sorted(own_scores(result))
    peers = _peers([10, 30, 50, 70, 90], [20, 20, 20, 20, 20])
    # one organisation did not show the first scale: 4 organisations behind it
    peers[0] = Peer(ICT, 20, {s: v for s, v in peers[0].scores.items() if s != scales[0]})
    # and one answered the second scale with 19 of its 20: 99 respondents behind it
    peers[1] = Peer(ICT, 20, {**peers[1].scores, scales[1]: (30.0, 19)})
    made = benchmark(result, ICT, peers)
    rows = {row.scale: row for row in made.scales}
    assert made.shown and rows[scales[0]].percentile is None
    assert rows[scales[0]].organisations == 4
    assert rows[scales[1]].percentile is None and rows[scales[1]].respondents == 99
    assert all(rows[s].percentile is not None for s in scales[2:])


def test_the_comparison_widens_in_the_stated_order() -> None:
    result = demo_result()
    other_size = Profile("ict", "1000+", "b2b")
    other_market = Profile("ict", "50-249", "b2c")
    finance = Profile("finance", "50-249", "b2b")
    same_sector = _peers([20, 40, 60], [40, 40, 40]) + _peers([30, 50], [40, 40], other_size)
    assert benchmark(result, ICT, same_sector).criteria == ("sector",)
    size_market = _peers([20, 40], [60, 60], other_market) + _peers([30, 50, 70], [60] * 3,
                                                                     finance)
    assert benchmark(result, ICT, size_market).criteria == ("employees",)
    mixed = _peers([20, 40, 60], [60] * 3, finance) + _peers([30, 50], [60] * 2, other_size)
    assert benchmark(result, ICT, mixed).criteria == ()
    unknown = Profile(None, "50-249", None)  # said only its size
    made = benchmark(result, unknown, _peers([20, 40, 60, 80, 90], [30] * 5, finance))
    assert made.criteria == ("employees",) and made.organisations == 5


def test_a_scan_below_k_is_never_compared() -> None:
    small = demo_result(4, 1)
    assert small.meta.n is None
    made = benchmark(small, ICT, _peers([10, 30, 50, 70, 90], [30] * 5))
    assert made.reason == "not_publishable" and not made.shown
