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
    return np.asarray(pd.Categorical(codes, categories=list(options)).codes, dtype=np.int64)


def summarise_choices(encoded: IntArray, options: Sequence[str]) -> ChoiceSummary:
    """Distribution, modal answer and clarity of integer-coded answers (see module doc)."""
    counts_array = np.bincount(encoded[encoded >= 0], minlength=len(options))
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
