"""How a figure is rounded for people: one rule for every face (pages, PDF, Markdown,
deck, workbook texts, charts' labels).

Written here rather than left to ``f"{x:.0f}"`` because Python's formatting rounds the
binary value half to even: 0.575 * 100 is 57.49999999999999 and reads "57", an exact
57.5 reads "58" and 56.5 "56", and the last bits of a sum follow the order numpy adds
in, which its SIMD code picks by CPU (AVX2 or AVX-512). Here the value is first rounded
to nine more decimals than shown, which drops those bits, and a half is then rounded
away from zero, as a spreadsheet shows it: the same answers read the same everywhere.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

#: Decimals kept beyond those shown before rounding: far below any figure's meaning,
#: far above a float's noise (values here are at most in the thousands).
NOISE_DECIMALS = 9


def rounded_text(value: float, decimals: int = 0) -> str:
    """``value`` with ``decimals`` decimals, a half away from zero; never "-0"."""
    if not math.isfinite(value):
        return f"{value:.{decimals}f}"
    snapped = Decimal(repr(round(value, decimals + NOISE_DECIMALS)))
    text = str(snapped.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def rounded(value: float) -> int:
    """``value`` as a whole number by the same rule (for "18 points lower")."""
    return int(rounded_text(value))


def signed_text(value: float, decimals: int = 0) -> str:
    """With its sign ("+3", "-0.4"); a value that rounds to zero has none."""
    text = rounded_text(value, decimals)
    return text if text.startswith("-") or not text.strip("0.") else "+" + text
