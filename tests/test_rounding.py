"""One rounding rule for every face (tandem.rounding): a half away from zero, the same
text on every machine. Checked against exact decimal arithmetic, not against itself."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.report.wording import number
from tandem.rounding import rounded, rounded_text, signed_text


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (57.5, 0, "58"),
    (0.575 * 100, 0, "58"),  # 57.49999999999999 in binary: a half all the same
    (56.5, 0, "57"),  # Python's format rounds this half to even: "56"
    (-7.5, 0, "-8"),
    (-0.4, 0, "0"),  # never "-0"
    (-0.04, 1, "0.0"),
    (2.675, 2, "2.68"),  # 2.67499999999999982236431605997495353221893310546875
    (2.72499999, 2, "2.72"),  # a real difference, far above a float's noise
    (0.125, 2, "0.13"),
    (1234.5, 0, "1235"),
])
def test_a_half_is_rounded_away_from_zero(value: float, decimals: int, text: str) -> None:
    assert rounded_text(value, decimals) == text


def _exact(units: int, decimals: int) -> str:
    """``units`` / 10^(decimals + 1) rounded to ``decimals`` in exact decimal arithmetic."""
    exact = Decimal(units).scaleb(-(decimals + 1))
    text = str(exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return text.lstrip("-") if Decimal(text) == 0 else text


@given(st.integers(-10**7, 10**7), st.integers(0, 3), st.integers(-4, 4))
def test_the_text_is_that_of_the_exact_decimal_whatever_the_last_bits(
        units: int, decimals: int, ulps: int) -> None:
    """A value with one decimal more than shown, as a float computes it (a division, then
    a few units in the last place either way, as another summation order leaves it)."""
    value = units / 10 ** (decimals + 1)
    for _ in range(abs(ulps)):
        value = math.nextafter(value, math.inf if ulps > 0 else -math.inf)
    assert rounded_text(value, decimals) == _exact(units, decimals)


def test_whole_and_signed_and_in_dutch() -> None:
    assert rounded(17.5) == 18 and rounded(-18.5) == -19
    assert [signed_text(v) for v in (7.5, -7.5, 0.2, -0.2)] == ["+8", "-8", "0", "0"]
    assert signed_text(0.25, 1) == "+0.3"
    assert number(2.675, "nl", 2) == "2,68" and number(2.675, "en", 2) == "2.68"
    assert rounded_text(float("nan"), 1) == "nan"
