"""A two-language response set for the psychometrics tests (and its keys for R).

Dutch: 520 respondents of the demo's ``default`` organisation; English: 480 of the
``conflict`` one, with a translation effect on two statements (``def_handoff`` answered
one point higher, ``ali_vocabulary`` one lower), so scalar invariance has something to
find; three German respondents (below k: only in the overall figures) and two whose
language is not known (so the rest together reach k and English need not be withheld
to protect the Germans); all but three of
the commercial managers moved to "other", so that department is below k for the ICC.
Every language has more than 200 complete cases on every scale.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses

SHIFTED = {"def_handoff": 1, "ali_vocabulary": -1}
#: Version 1 of the questionnaire: the R oracle's keys and figures were made on it, and
#: the figures do not depend on the version.
INSTRUMENT = load_instrument("tandem-scan-1")


def _shift(column: pd.Series, by: int) -> pd.Series:
    numeric = pd.to_numeric(column, errors="coerce")
    moved = np.clip(numeric + by, 1, 5)
    return column.where(numeric.isna(), moved.astype("Int64").astype(str))


def two_language_frame() -> pd.DataFrame:
    nl = generate_responses(520, 11, "default", instrument=INSTRUMENT)
    en = generate_responses(480, 12, "conflict", instrument=INSTRUMENT)
    de = generate_responses(3, 13, "default", instrument=INSTRUMENT)
    unknown = generate_responses(2, 14, "default", instrument=INSTRUMENT)
    for item, by in SHIFTED.items():
        en[item] = _shift(en[item], by)
    parts = []
    for code, frame in (("nl", nl), ("en", en), ("de", de), ("", unknown)):
        frame = frame.copy()
        frame["respondent"] = [f"{code or 'xx'}{i:04d}" for i in range(len(frame))]
        frame.insert(1, "language", code)
        parts.append(frame)
    data = pd.concat(parts, ignore_index=True)
    managers = np.flatnonzero(data["department"].to_numpy() == "management")
    data.loc[managers[3:], "department"] = "other"
    return data


def write_keys(path: Path) -> None:
    instrument = INSTRUMENT
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["item", "scale", "reverse"])
        for item in instrument.items_for("full", frozenset()):
            if item.kind == "likert" and item.scale is not None:
                out.writerow([item.id, item.scale, int(item.reverse)])
