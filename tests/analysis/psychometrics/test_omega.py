"""One-factor minres and omega total (R's psych in test_against_r)."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.psychometrics.omega import (
    MIN_UNIQUENESS,
    minres_one_factor,
    omega_total,
    omega_total_from_correlations,
)


def _model(loadings: list[float]) -> np.ndarray:
    lam = np.array(loadings)
    r = np.outer(lam, lam)
    np.fill_diagonal(r, 1.0)
    return r


def test_an_exact_one_factor_matrix_gives_back_its_loadings_and_omega() -> None:
    lam = np.array([0.8, 0.7, 0.6, 0.5, 0.4])
    assert minres_one_factor(_model(list(lam))) == pytest.approx(lam, abs=1e-6)
    expected = lam.sum() ** 2 / (lam.sum() ** 2 + np.sum(1 - lam**2))
    assert omega_total_from_correlations(_model(list(lam))) == pytest.approx(expected, abs=1e-8)


def test_minres_ignores_the_diagonal_unlike_principal_components() -> None:
    r = _model([0.7, 0.7, 0.7, 0.7])
    values, vectors = np.linalg.eigh(r)
    pc = np.abs(vectors[:, -1]) * np.sqrt(values[-1])
    assert pc[0] > 0.75  # the first component overstates the loadings
    assert minres_one_factor(r) == pytest.approx([0.7] * 4, abs=1e-6)


def test_a_negatively_keyed_item_is_reflected() -> None:
    lam = [0.8, 0.7, -0.6, 0.5]
    r = _model(lam)
    flipped = _model([abs(v) for v in lam])
    assert omega_total_from_correlations(r) == pytest.approx(
        omega_total_from_correlations(flipped), abs=1e-8)
    loadings = minres_one_factor(r)
    assert loadings[2] < 0 < loadings[0]


def test_a_heywood_case_stops_at_psychs_bound() -> None:
    r = _model([0.99, 0.9, 0.3])
    r[0, 1] = r[1, 0] = 0.999  # wants a loading above 1
    loadings = minres_one_factor(r)
    assert np.max(np.abs(loadings)) == pytest.approx(np.sqrt(1 - MIN_UNIQUENESS), abs=1e-9)


def test_omega_on_data_needs_three_items_and_spread() -> None:
    rng = np.random.default_rng(1)
    x = 3 + rng.normal(0, 1, (200, 1)) + rng.normal(0, 1, (200, 4))
    assert 0.6 < omega_total(x) < 0.95
    assert np.isnan(omega_total(x[:, :2]))
    x[:, 1] = 3.0
    assert np.isnan(omega_total(x))
