"""The anonymised answers (one row per respondent): which group a row shows and which
profile columns survive.

* A row's department becomes the displayed group of the result that holds it (small
  departments become ``pooled``; a department in no displayed group too), or ``all``
  when the result shows the total only: the file cannot show a group the report hides.
  Respondents the result leaves out (a pool below k) get no row at all
  (:func:`tandem.report.exports.anonymise` drops them first).
* ``level``, ``tenure`` and, in the research export, ``language`` (quasi-identifiers)
  are kept only when every occurring combination of displayed group × that variable
  holds at least k respondents (a missing answer counts as a value); otherwise the
  whole column is blanked. In that order, one that survives on its own is blanked as
  well when group × it × the ones kept before it has a small combination, since a row
  shows them all at once (group × level × tenure small: tenure is blanked).
* Free-text profile answers (segment) are dropped; open comments never go on the rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from tandem.privacy.groups import POOL_ID
from tandem.privacy.threshold import may_show

EVERYONE = "all"
#: Profile variables kept only when every combination with the displayed group is >= k,
#: in the order they are kept (a later one is blanked when it makes a combination small).
QUASI_IDENTIFIERS: tuple[str, ...] = ("level", "tenure", "language")
#: Free-text profile answers: never exported (they can name a person or a small team).
DROPPED_PROFILE_TEXT: tuple[str, ...] = ("segment",)

# blanked: small with the group alone; blanked_joint: with the group and level;
# blanked_profile: with the group and the other profile columns kept (level and tenure)
Blanking = Literal["blanked", "blanked_joint", "blanked_profile"]


def row_groups(
    departments: Sequence[object] | npt.NDArray[Any], groups: Mapping[str, Sequence[str]]
) -> npt.NDArray[np.object_]:
    """Each row's displayed group; ``groups`` maps a displayed group to its departments
    (empty when the result shows the total only)."""
    group_of = {m: g for g, members in groups.items() for m in members}
    return np.array(
        [group_of.get(str(d), POOL_ID) if groups else EVERYONE for d in departments],
        dtype=object,
    )


def small_combination(
    groups: npt.NDArray[Any], variables: Sequence[npt.NDArray[Any]], k: int
) -> bool:
    """Whether any occurring combination of group × variables holds 1 to k - 1 people."""
    keys = zip(groups, *variables, strict=True)
    counts = Counter(tuple("" if v is None else str(v) for v in key) for key in keys)
    return any(c > 0 and not may_show(c, k) for c in counts.values())


def blanked_columns(
    groups: npt.NDArray[Any], columns: Mapping[str, npt.NDArray[Any]], k: int
) -> dict[str, Blanking]:
    """The quasi-identifier columns to blank, and why; ``columns`` holds those present."""
    blanked: dict[str, Blanking] = {}
    kept: list[str] = []
    for name in QUASI_IDENTIFIERS:
        if name not in columns:
            continue
        if small_combination(groups, [columns[name]], k):
            blanked[name] = "blanked"
        elif kept and small_combination(groups, [columns[n] for n in (*kept, name)], k):
            blanked[name] = "blanked_joint" if kept == ["level"] else "blanked_profile"
        else:
            kept.append(name)
    return blanked


__all__ = [
    "DROPPED_PROFILE_TEXT",
    "EVERYONE",
    "QUASI_IDENTIFIERS",
    "Blanking",
    "blanked_columns",
    "row_groups",
    "small_combination",
]
