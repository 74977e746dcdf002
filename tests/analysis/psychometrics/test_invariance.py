"""Multi-group CFA by ML: exact models fit exactly, broken invariance shows (lavaan in
test_against_r)."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.psychometrics.invariance import GroupMoments, fit_levels, moments


def _population(n: int, loadings: list[float], phi: float, psi: list[float],
                intercepts: list[float], kappa: float) -> GroupMoments:
    lam = np.array(loadings)
    cov = phi * np.outer(lam, lam) + np.diag(psi)
    mean = np.array(intercepts) + kappa * lam
    return GroupMoments(n, mean, cov, float(np.linalg.slogdet(cov)[1]))


LAMBDA = [1.0, 0.8, 1.2, 0.9, 0.7]
PSI = [0.5, 0.6, 0.4, 0.5, 0.7]
NU = [3.0, 3.2, 2.8, 3.1, 2.9]


def test_an_exactly_invariant_population_fits_every_level() -> None:
    groups = [_population(400, LAMBDA, 0.6, PSI, NU, 0.0),
              _population(300, LAMBDA, 0.9, [v * 1.2 for v in PSI], NU, 0.4)]
    fits = fit_levels(groups)
    assert [fits[level].df for level in ("configural", "metric", "scalar")] == [10, 14, 18]
    for fit in fits.values():
        assert fit.converged
        assert fit.chisq == pytest.approx(0.0, abs=1e-6)
        assert fit.cfi == pytest.approx(1.0) and fit.rmsea == pytest.approx(0.0, abs=1e-4)


def test_unequal_intercepts_break_only_scalar_invariance() -> None:
    shifted = [NU[0], NU[1] + 0.5, *NU[2:]]
    groups = [_population(400, LAMBDA, 0.6, PSI, NU, 0.0),
              _population(400, LAMBDA, 0.6, PSI, shifted, 0.0)]
    fits = fit_levels(groups)
    assert fits["metric"].chisq == pytest.approx(0.0, abs=1e-6)
    assert fits["scalar"].chisq > 50
    assert fits["scalar"].cfi < fits["metric"].cfi - 0.01


def test_unequal_loadings_break_metric_invariance() -> None:
    other = [1.0, 0.3, 1.2, 1.4, 0.7]
    groups = [_population(500, LAMBDA, 0.6, PSI, NU, 0.0),
              _population(500, other, 0.6, PSI, NU, 0.0)]
    fits = fit_levels(groups)
    assert fits["configural"].chisq == pytest.approx(0.0, abs=1e-6)
    assert fits["metric"].chisq > 30


def test_three_statements_leave_no_degrees_of_freedom_for_configural() -> None:
    rng = np.random.default_rng(1)
    groups = [moments(3 + rng.normal(0, 1, (250, 1)) + rng.normal(0, 1, (250, 3)))
              for _ in range(2)]
    fits = fit_levels(groups)
    assert (fits["configural"].df, fits["metric"].df, fits["scalar"].df) == (0, 2, 4)
    assert fits["configural"].chisq == pytest.approx(0.0, abs=1e-6)
    assert fits["configural"].cfi == 1.0 and fits["configural"].rmsea == 0.0


def test_fewer_than_three_statements_are_refused() -> None:
    rng = np.random.default_rng(2)
    groups = [moments(rng.normal(0, 1, (50, 2))) for _ in range(2)]
    with pytest.raises(ValueError, match="3 statements"):
        fit_levels(groups)


def test_moments_use_the_complete_rows_and_divisor_n() -> None:
    x = np.array([[1.0, 2.0], [3.0, np.nan], [3.0, 4.0]])
    m = moments(x)
    assert m.n == 2 and m.mean == pytest.approx([2.0, 3.0])
    assert m.cov == pytest.approx(np.array([[1.0, 1.0], [1.0, 1.0]]))
