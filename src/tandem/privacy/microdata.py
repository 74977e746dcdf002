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
    """Whether any occurring combination of group × variables holds 1 to k - 1 people.

    Values compare as their text, a missing one (None) as the empty text. Each column is
    coded once by hashing and the combinations counted as numbers: a pooled research
    export of 250,000 rows spent seconds here counting tuples of strings.
    """
    key = np.zeros(len(groups), dtype=np.int64)
    for column in (groups, *variables):
        if len(column) != len(key):
            raise ValueError("every column needs one value per row")
        codes, size = _text_codes(column)
        # renumbered after each column, so the key never outgrows the number of rows
        key = np.unique(key * size + codes, return_inverse=True)[1].astype(np.int64)
    counts = np.bincount(key) if len(key) else np.zeros(0, dtype=np.int64)
    return any(not may_show(int(c), k) for c in counts)


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


def _text_codes(values: npt.NDArray[Any]) -> tuple[npt.NDArray[np.int64], int]:
    """Each value's number (equal as text, None as "", equal number), and how many."""
    import pandas as pd  # here: importing tandem.privacy (the CLI does) needs no pandas

    column = np.asarray(values, dtype=object)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    number: dict[str, int] = {}

    def numbered(items: Sequence[object]) -> npt.NDArray[np.int64]:
        return np.array([number.setdefault("" if v is None else str(v), len(number))
                         for v in items], dtype=np.int64)

    out = numbered(list(uniques))[codes] if len(uniques) else np.zeros(len(column), np.int64)
    missing = np.flatnonzero(codes < 0)  # None, or a float NaN (which reads as "nan")
    if len(missing):
        out[missing] = numbered(list(column[missing]))
    return out, max(len(number), 1)


__all__ = [
    "DROPPED_PROFILE_TEXT",
    "EVERYONE",
    "QUASI_IDENTIFIERS",
    "Blanking",
    "blanked_columns",
    "row_groups",
    "small_combination",
]
