"""Respondents mapped to the displayable cells of a :class:`~tandem.privacy.GroupPlan`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tandem.contract.result import Suppression
from tandem.privacy import suppress_row
from tandem.privacy.groups import (
    GroupPlan,
    cell_masks,
    department_codes,
    included_mask,
    plan_respondents,
)
from tandem.responses import ResponseSet

BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Cells:
    """The group plan plus a boolean mask per displayed cell."""

    plan: GroupPlan
    masks: dict[str, BoolArray]
    index: npt.NDArray[np.int64]  # position of each respondent's cell in ``ids``, or -1
    included: BoolArray  # the respondents the figures include (not withheld)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.masks)

    def hidden(self, n_valid: dict[str, int]) -> set[str]:
        """Cells of one row to withhold, given how many respondents stand behind each."""
        return suppress_row(n_valid, self.plan.k, self.plan.total_shown)


def build_cells(responses: ResponseSet, k: int) -> Cells:
    departments = department_codes(responses.department)  # no department given: other
    plan = plan_respondents(departments, k)
    masks = cell_masks(plan, departments)
    index = np.full(responses.n, -1, dtype=np.int64)
    for position, mask in enumerate(masks.values()):
        index[mask] = position
    return Cells(plan=plan, masks=masks, index=index, included=included_mask(plan, departments))


def pooling_notes(plan: GroupPlan) -> list[Suppression]:
    """A note per pooled department, per withheld department (``withheld``: its pool
    stayed below k, so no figure includes its respondents; never their number), and one
    when the whole scan is below k."""
    notes = [Suppression("group", member, None, "pooled") for member in plan.pooled_members]
    notes += [Suppression("group", member, None, "withheld") for member in plan.withheld]
    if not plan.total_shown:
        notes.append(Suppression("all", None, None, "below_k"))
    return notes


__all__ = ["BoolArray", "Cells", "build_cells", "pooling_notes"]
