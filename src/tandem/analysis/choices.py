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

from tandem.instrument.model import DONT_KNOW
from tandem.responses import ObjArray


@dataclass(frozen=True, slots=True)
class ChoiceSummary:
    n: int  # answered, including "don't know"
    distribution: dict[str, float]  # share per code among n
    modal: str | None
    clarity: float | None
    substantive: int  # answered, excluding "don't know"


def summarise_choices(codes: ObjArray, options: Sequence[str]) -> ChoiceSummary:
    counts = {code: int(np.count_nonzero(codes == code)) for code in options}
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
