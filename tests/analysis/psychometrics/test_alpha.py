"""Available-case alpha and the pairwise covariances it stands on."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tandem.analysis.psychometrics.alpha import alpha_available, pairwise_covariance
from tandem.analysis.reliability import cronbach_alpha


def _answers(n: int, k: int, seed: int, missing: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.clip(np.rint(3 + rng.normal(0, 1, (n, 1)) + rng.normal(0, 0.8, (n, k))), 1, 5)
    x[rng.random((n, k)) < missing] = np.nan
    return x


def test_pairwise_covariance_is_pandas_pairwise_cov() -> None:
    x = _answers(400, 6, 1, 0.15)
    cov, pairs = pairwise_covariance(x)
    assert cov == pytest.approx(pd.DataFrame(x).cov().to_numpy(), abs=1e-12)
    answered = ~np.isnan(x)
    assert pairs[0, 1] == np.sum(answered[:, 0] & answered[:, 1])
    assert pairs[2, 2] == np.sum(answered[:, 2])


def test_without_missing_answers_both_alphas_agree() -> None:
    x = _answers(300, 5, 2, 0.0)
    value, n = alpha_available(x)
    assert value == pytest.approx(cronbach_alpha(x).alpha, abs=1e-12)
    assert n == 300


def test_with_missing_answers_it_uses_every_answer() -> None:
    x = _answers(300, 5, 3, 0.2)
    x[0] = np.nan  # answered nothing: not counted
    x[1, 1:] = np.nan  # one answer: counted
    value, n = alpha_available(x)
    assert n == 299
    listwise = cronbach_alpha(x)
    assert listwise.n < 150
    assert value != pytest.approx(listwise.alpha, abs=1e-6)
    cov = pd.DataFrame(x).cov().to_numpy()
    assert value == pytest.approx(5 / 4 * (1 - np.trace(cov) / cov.sum()), abs=1e-12)


def test_undefined_cases_are_nan() -> None:
    assert np.isnan(alpha_available(_answers(50, 1, 4, 0.0))[0])
    x = _answers(50, 3, 5, 0.0)
    x[:25, 0] = np.nan
    x[25:, 1] = np.nan  # items 0 and 1 never answered together
    assert np.isnan(alpha_available(x)[0])
