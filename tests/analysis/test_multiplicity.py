"""Benjamini–Hochberg against scipy and pingouin."""

from __future__ import annotations

import numpy as np
import pingouin as pg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from tandem.analysis.multiplicity import benjamini_hochberg

NAN = np.nan
P = np.array([0.001, 0.04, NAN, 0.03, 0.2, 0.04, NAN, 0.8, 0.012, 0.0])


def test_matches_scipy_and_pingouin() -> None:
    q = benjamini_hochberg(P)
    valid = ~np.isnan(P)
    expected = stats.false_discovery_control(P[valid], method="bh")
    np.testing.assert_allclose(q[valid], expected, rtol=1e-14)
    assert np.isnan(q[~valid]).all()
    np.testing.assert_allclose(q, pg.multicomp(P, method="fdr_bh")[1], rtol=1e-14)


def test_known_values() -> None:
    # Hand computation: sorted p 0.01, 0.02, 0.03, 0.5 with m = 4.
    q = benjamini_hochberg(np.array([0.02, 0.5, 0.01, 0.03]))
    np.testing.assert_allclose(q, [0.04, 0.5, 0.04, 0.04])


def test_edge_cases() -> None:
    assert benjamini_hochberg(np.array([], dtype=float)).shape == (0,)
    assert np.isnan(benjamini_hochberg(np.array([NAN, NAN]))).all()
    np.testing.assert_array_equal(benjamini_hochberg(np.array([0.3])), [0.3])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        benjamini_hochberg(np.array([0.5, 1.2]))


p_values = st.one_of(st.floats(min_value=0.0, max_value=1.0), st.just(NAN))


@settings(max_examples=100, deadline=None)
@given(st.lists(p_values, min_size=1, max_size=50))
def test_properties_and_scipy(ps: list[float]) -> None:
    p = np.array(ps)
    q = benjamini_hochberg(p)
    valid = ~np.isnan(p)
    assert np.array_equal(np.isnan(q), ~valid)
    pv, qv = p[valid], q[valid]
    assert (qv >= pv - 1e-15).all()
    assert (qv <= 1.0).all()
    order = np.argsort(pv, kind="stable")
    assert (np.diff(qv[order]) >= -1e-15).all()
    if valid.any():
        expected = stats.false_discovery_control(pv, method="bh")
        np.testing.assert_allclose(qv, expected, rtol=1e-12, atol=1e-300)
