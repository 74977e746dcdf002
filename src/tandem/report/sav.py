"""The anonymised answers as an SPSS data file (.sav), for analysts.

The rows are exactly :func:`tandem.report.exports.anonymise`'s (no respondent id,
shuffled, departments as the report's groups, small combinations blanked, profile text
dropped); this module only writes them in SPSS's format with pyreadstat, each variable
labelled with its question. Nothing is written when the result shows nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from tandem.contract.result import Result
from tandem.report.codebook import codebook_rows
from tandem.report.exports import anonymise
from tandem.report.research.labels import variable_label
from tandem.responses import ResponseSet


def anonymised_sav(responses: ResponseSet, result: Result, lang: str = "nl", *,
                   seed: int | None = None) -> bytes | None:
    """The .sav file of the anonymised answers, or None when the result shows nothing."""
    import pyreadstat  # only this export needs it

    data = anonymise(responses, result, seed=seed)
    if data.frame.empty:
        return None
    frame = pd.DataFrame(index=data.frame.index)
    for name in data.frame.columns:
        column = data.frame[name]
        if pd.api.types.is_numeric_dtype(column):
            frame[name] = column.astype("float64")  # missing answers: SPSS system-missing
        else:
            frame[name] = column.map(lambda v: "" if v is None or pd.isna(v) else str(v))
    texts = {row["id"]: row["text"] for row in
             codebook_rows(responses.instrument, responses.form, lang=lang)}
    labels: list[str | None] = [_label(texts.get(name, name), data.notes.get(name), lang)
                                for name in frame.columns]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.sav"
        pyreadstat.write_sav(frame, str(path), column_labels=labels,
                             file_label="Tandem anonymised answers")
        return path.read_bytes()


def _label(text: str, note: object, lang: str) -> str:
    label = text if note is None else f"{text} ({note(lang)})"  # type: ignore[operator]
    return variable_label(label, "sav")
