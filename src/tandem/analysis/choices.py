"""Categorical answers (decision rights, journey owners): distribution, modal, clarity.

clarity = share of the most common answer among those who gave a substantive answer
("don't know" is shown in the distribution but is not an answer to who decides).
Ties for the most common answer are broken by the option order of the instrument, so
the result is deterministic; a tie also keeps clarity below 0.5 in most cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.instrument.model import DONT_KNOW
from tandem.responses import ObjArray

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ChoiceSummary:
    n: int  # answered, including "don't know"
    distribution: dict[str, float]  # share per code among n
    modal: str | None
    clarity: float | None
    substantive: int  # answered, excluding "don't know"


def encode_choices(codes: ObjArray, options: Sequence[str]) -> IntArray:
    """Option codes as integers 0..len(options)-1, -1 for no answer (vectorised)."""
    found, uniques = pd.factorize(codes)  # hashing, O(n); None becomes -1
    position = {code: i for i, code in enumerate(options)}
    lookup = np.array([position.get(u, -1) for u in uniques] + [-1], dtype=np.int64)
    return lookup[found]  # found == -1 picks the trailing -1


def summarise_choices(encoded: IntArray, options: Sequence[str]) -> ChoiceSummary:
    """Distribution, modal answer and clarity of integer-coded answers (see module doc)."""
    return summarise_counts(np.bincount(encoded[encoded >= 0], minlength=len(options)), options)


def count_by_group(encoded: IntArray, groups: IntArray, n_groups: int, n_options: int) -> IntArray:
    """(n_groups, n_options) answer counts in one bincount (``groups`` -1 = no group)."""
    keep = (encoded >= 0) & (groups >= 0)
    flat = np.bincount(groups[keep] * n_options + encoded[keep], minlength=n_groups * n_options)
    return flat.reshape(n_groups, n_options)


def summarise_counts(counts_array: IntArray, options: Sequence[str]) -> ChoiceSummary:
    """:func:`summarise_choices` from the count of each option."""
    counts = dict(zip(options, (int(c) for c in counts_array), strict=True))
    n = sum(counts.values())
    distribution = {code: (c / n if n else 0.0) for code, c in counts.items()}
    substantive = {c: v for c, v in counts.items() if c != DONT_KNOW}
    total = sum(substantive.values())
    if total == 0:
        return ChoiceSummary(
            n=n, distribution=distribution, modal=None, clarity=None, substantive=0
        )
    modal = max(substantive, key=lambda c: (substantive[c], -options.index(c)))
    return ChoiceSummary(
        n=n,
        distribution=distribution,
        modal=modal,
        clarity=substantive[modal] / total,
        substantive=total,
    )
