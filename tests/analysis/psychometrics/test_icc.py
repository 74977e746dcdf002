"""ICC(1)/ICC(2) by department: the departments below k stay out."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.psychometrics.icc import department_codes, department_icc
from tandem.analysis.reliability import icc_oneway


def test_departments_below_k_and_without_a_name_stay_out() -> None:
    rng = np.random.default_rng(1)
    departments = np.array(["sales"] * 40 + ["marketing"] * 30 + ["service"] * 4 + [None] * 6,
                           dtype=object)
    scores = rng.normal(3, 1, 80) + (departments == "sales") * 0.8
    scores[0] = np.nan
    found = department_icc(scores, department_codes(departments), k=5)
    assert found.left_out == ("service",)
    assert found.icc is not None
    expected = icc_oneway(scores[:70], departments[:70])
    assert (found.icc.icc1, found.icc.icc2) == pytest.approx((expected.icc1, expected.icc2))
    assert (found.icc.n, found.icc.n_groups) == (69, 2)


def test_fewer_than_two_departments_at_k_give_no_icc() -> None:
    departments = np.array(["sales"] * 20 + ["marketing"] * 4, dtype=object)
    found = department_icc(np.arange(24, dtype=float), department_codes(departments), k=5)
    assert found.icc is None and found.left_out == ("marketing",)
