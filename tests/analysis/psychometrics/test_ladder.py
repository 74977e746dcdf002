"""Guttman errors and Mokken's H of the dichotomised phase blocks."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.psychometrics.ladder import ladder_check, loevinger_h
from tandem.thresholds import BLOCK_MET_AT

BLOCKS = ("DEF", "ALI", "INT")
MET, NOT = BLOCK_MET_AT, BLOCK_MET_AT - 0.01


def _scores(patterns: list[tuple[int, int, int]], counts: list[int]) -> np.ndarray:
    rows = [[MET if m else NOT for m in pattern]
            for pattern, c in zip(patterns, counts, strict=True) for _ in range(c)]
    return np.array(rows, dtype=float)


def test_a_perfect_ladder() -> None:
    scores = _scores([(0, 0, 0), (1, 0, 0), (1, 1, 0), (1, 1, 1)], [10, 20, 15, 5])
    check = ladder_check(scores, BLOCKS)
    assert check is not None
    assert check.guttman_errors == 0 and check.perfect_share == 1.0
    assert check.h == pytest.approx(1.0) and check.h_blocks == pytest.approx((1.0, 1.0, 1.0))
    assert check.in_order and check.strength == "strong"
    assert check.met_share == pytest.approx((40 / 50, 20 / 50, 5 / 50))


def test_a_ladder_upside_down_has_a_high_h_but_is_out_of_order() -> None:
    scores = _scores([(0, 0, 0), (0, 0, 1), (0, 1, 1), (1, 1, 1)], [10, 20, 15, 5])
    check = ladder_check(scores, BLOCKS)
    assert check is not None
    assert check.h == pytest.approx(1.0)  # H takes the sample's order
    assert not check.in_order
    assert check.perfect_share == pytest.approx(15 / 50)  # 000 and 111 only
    assert check.guttman_errors == 20 * 2 + 15 * 2


def test_independent_blocks_have_h_near_zero() -> None:
    rng = np.random.default_rng(1)
    scores = np.where(rng.random((20000, 3)) < [0.6, 0.4, 0.2], MET, NOT)
    check = ladder_check(scores, BLOCKS)
    assert check is not None
    assert abs(check.h or 0.0) < 0.03 and check.strength == "none"
    assert check.guttman_errors == pytest.approx(check.expected_errors, rel=0.03)


def test_h_is_the_covariance_ratio() -> None:
    rng = np.random.default_rng(2)
    latent = rng.normal(0, 1, 500)
    met = (latent[:, None] + rng.normal(0, 1, (500, 3)) > [-0.5, 0.2, 0.9]).astype(float)
    h, h_items = loevinger_h(met)
    p = met.mean(axis=0)
    cov = np.cov(met, rowvar=False, ddof=0)
    cmax = np.minimum.outer(p, p) - np.outer(p, p)
    iu = np.triu_indices(3, 1)
    assert h == pytest.approx(cov[iu].sum() / cmax[iu].sum(), abs=1e-12)
    off = ~np.eye(3, dtype=bool)
    assert h_items == pytest.approx((cov * off).sum(1) / (cmax * off).sum(1), abs=1e-12)


def test_missing_block_scores_leave_the_respondent_out() -> None:
    scores = _scores([(1, 0, 0)], [3])
    scores[0, 2] = np.nan
    check = ladder_check(scores, BLOCKS)
    assert check is not None and check.n == 2
    assert ladder_check(np.full((2, 3), np.nan), BLOCKS) is None
