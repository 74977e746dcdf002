"""Question codes for survey tools that restrict them (shared by import and export).

LimeSurvey question and subquestion codes hold only letters and digits, at most 20
characters, and must start with a letter. The code a Tandem item gets there is its id
without the other characters, cut to 20, and made unique among the codes already taken
(a numeric suffix replaces the tail). The questionnaire export writes these codes; the
response reader recognises them in a LimeSurvey export.
"""

from __future__ import annotations

import re

LIMESURVEY_MAX = 20
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]")


def limesurvey_code(item_id: str, taken: set[str]) -> str:
    """The LimeSurvey code of ``item_id``, unique among ``taken`` (which it joins).

    ``cj_orientation_consistency`` becomes ``cjorientationconsist``; a second id that
    cuts to the same code gets ``...2``, ``...3`` in its last characters. Codes are
    compared case-insensitively, as LimeSurvey does.
    """
    base = _NOT_ALNUM.sub("", item_id)
    if not base or not base[0].isalpha():
        base = "Q" + base
    base = base[:LIMESURVEY_MAX]
    lowered = {t.lower() for t in taken}
    code = base
    n = 1
    while code.lower() in lowered:
        n += 1
        suffix = str(n)
        code = base[: LIMESURVEY_MAX - len(suffix)] + suffix
    taken.add(code)
    return code


def limesurvey_codes(item_ids: list[str] | tuple[str, ...]) -> dict[str, str]:
    """Item id -> LimeSurvey code for ids in this order (the same order gives the same codes)."""
    taken: set[str] = set()
    return {item_id: limesurvey_code(item_id, taken) for item_id in item_ids}
