"""Question codes for survey tools that restrict them (shared by the export and the import)."""

from __future__ import annotations

LIMESURVEY_CODE_LENGTH = 20


def limesurvey_code(item_id: str, taken: set[str]) -> str:
    """The LimeSurvey question code for ``item_id``: letters and digits only, at most 20.

    The rule: drop every character that is not an ASCII letter or digit, truncate to 20
    characters; when the result is already in ``taken``, replace its tail by the
    smallest number (2, 3, ...) that makes it unique. The code is added to ``taken``,
    so walking the items in the instrument's order with one set gives every item the
    same code in the export and in the reader
    (``cj_orientation_consistency`` -> ``cjorientationconsist``).
    """
    base = "".join(c for c in item_id if c.isascii() and c.isalnum())
    code = base[:LIMESURVEY_CODE_LENGTH]
    number = 1
    while code in taken:
        number += 1
        tail = str(number)
        code = base[: LIMESURVEY_CODE_LENGTH - len(tail)] + tail
    taken.add(code)
    return code
