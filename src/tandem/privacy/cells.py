"""Per figure: which cells of one row (e.g. one scale across the groups) are withheld.

A cell whose figure stands on fewer than k respondents is withheld (``below_k``); while
the withheld cells of a row together hold 1 to k - 1 respondents and the row's total is
shown, the next smallest cell is withheld too (``complementary``), so that subtracting
the shown cells from the total reveals no small set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from tandem.privacy.pooling import grow_to_k
from tandem.privacy.threshold import may_show

CellReason = Literal["below_k", "complementary"]


def suppress_row(n_valid: Mapping[str, int], k: int, total_shown: bool = True) -> set[str]:
    """Cells of one row whose figure must be withheld.

    ``n_valid`` maps each displayed cell to the number of respondents behind its figure.
    A cell below ``k`` is withheld; while the withheld cells together hold between 1 and
    k - 1 respondents and the row total is shown, the smallest remaining cell is withheld
    as well, so that subtracting the shown cells from the total reveals no small set.
    """
    hidden = {c for c, n in n_valid.items() if not may_show(n, k)}
    if not total_shown:
        return hidden
    return grow_to_k(n_valid, hidden, k, key=lambda c: (n_valid[c], c))


def suppression_reason(n: int, k: int) -> CellReason:
    """Why a withheld cell over ``n`` respondents is withheld (the note never says n)."""
    return "complementary" if may_show(n, k) else "below_k"


__all__ = ["CellReason", "suppress_row", "suppression_reason"]
