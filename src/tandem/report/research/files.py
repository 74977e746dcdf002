"""The research export as files: SPSS (.sav), Stata (.dta) or CSV, with the codebook.

Written with pyreadstat (ReadStat, the library R's haven reads and writes with):

- SPSS: numeric codes with value labels, don't know declared user-missing
  (``missing_ranges``), an empty answer system-missing; labels cut to SPSS's limits.
- Stata: the same codes, don't know written as the extended missing value ``.a`` (a
  column holding the letter, declared in ``missing_user_values``) with its label;
  variable labels cut to Stata's 80 characters (the codebook has the full text).
- CSV: the codes (don't know is the number, declared in the codebook), UTF-8 with BOM,
  formula-safe like every CSV Tandem writes.

Every export comes with its codebook in Markdown and JSON (:mod:`.codebook`).
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

import numpy as np
import pandas as pd

from tandem.io.writers import write_csv
from tandem.report.research.codebook import codebook_json, codebook_markdown
from tandem.report.research.data import (
    DONT_KNOW_CODE,
    STATA_MISSING,
    ResearchData,
    Variable,
    per_cell,
)
from tandem.report.research.labels import value_label, variable_label

Format = Literal["sav", "dta", "csv"]
#: Bytes of a written data file handed on at a time (a pool's .sav is 220 MB at 250,000
#: respondents: read whole, it sat in memory beside the frame it was written from).
FILE_CHUNK_BYTES = 1 << 20
#: Rows of the CSV formatted at a time (about 20 MB of text per chunk at 100 columns).
CSV_CHUNK_ROWS = 50_000
FORMATS: tuple[Format, ...] = ("sav", "dta", "csv")
#: Width of a whole number without value labels (the wave) in SPSS.
SPSS_NUMBER_WIDTH = 8


@dataclass(frozen=True)
class Rendered:
    """One export: the data file and its codebook in Markdown and JSON."""

    data: bytes
    suffix: str  # of the data file: .sav, .dta, .csv
    markdown: str
    json: str

    def members(self) -> dict[str, bytes]:
        """The files by name: ``data.sav``, ``codebook.md``, ``codebook.json``."""
        return {f"data{self.suffix}": self.data, "codebook.md": self.markdown.encode(),
                "codebook.json": self.json.encode()}


def render(data: ResearchData, fmt: str) -> Rendered:
    """The data file in ``fmt`` (sav, dta or csv) with its codebook."""
    return Rendered(as_bytes(data, fmt), f".{fmt}", *codebooks(data, fmt))


def as_bytes(data: ResearchData, fmt: str) -> bytes:
    """The data file in ``fmt`` as bytes (for a download or a ZIP member); written to a
    temporary file first, as pyreadstat writes only to paths."""
    _check(fmt)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data.{fmt}"
        write(data, fmt, path)
        return path.read_bytes()


def csv(data: ResearchData) -> bytes:
    """The CSV's bytes (UTF-8 with a BOM, header first), made in memory: the pool calls
    this for every batch of rows it streams, so no temporary file each time."""
    out = io.StringIO(newline="")
    _write_csv_rows(data, out)
    return out.getvalue().encode("utf-8-sig")


def codebooks(data: ResearchData, fmt: str) -> tuple[str, str]:
    """The codebook of the data file in ``fmt``: Markdown and JSON."""
    return (codebook_markdown(data, fmt),
            json.dumps(codebook_json(data, fmt), ensure_ascii=False, indent=2) + "\n")


def write(data: ResearchData, fmt: str, path: Path) -> None:
    """Write the data file in ``fmt`` to ``path`` (no codebook): straight to the file, so a
    large export is never held in memory a second time as bytes."""
    _check(fmt)
    writer: Callable[[ResearchData, Path], None] = {
        "sav": write_sav, "dta": write_dta, "csv": write_csv_file}[fmt]
    writer(data, path)


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown research export format {fmt!r}: use sav, dta or csv")


def research_zip(data: ResearchData, fmt: str) -> bytes:
    """A zip of the data file (``data.<fmt>``), ``codebook.md`` and ``codebook.json``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in render(data, fmt).members().items():
            archive.writestr(name, content)
    return out.getvalue()


def written_chunks(data: ResearchData, fmt: str) -> Iterator[bytes]:
    """The data file in ``fmt`` a megabyte at a time (for a ZIP made while it is sent).
    Written whole first (an SPSS or Stata header holds the number of rows); ``data`` is
    let go once written, so its frame and the file's bytes are never in memory at once."""
    _check(fmt)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data.{fmt}"
        write(data, fmt, path)
        del data  # the caller passes the pool's frame here and keeps no reference to it
        with path.open("rb") as handle:
            while chunk := handle.read(FILE_CHUNK_BYTES):
                yield chunk


def write_sav(data: ResearchData, path: Path) -> None:
    import pyreadstat  # only the research exports need it

    variables = data.variables
    labels: dict[str, str | None] = {v.name: variable_label(v.label, "sav") for v in variables}
    value_labels = {
        v.name: {float(code): value_label(text, "sav")
                 for code, text in {**v.values, **v.missing}.items()}
        for v in variables if v.values or v.missing
    }
    missing: dict[str, list[Any]] = {
        v.name: [float(code) for code in v.missing] for v in variables if v.missing}
    pyreadstat.write_sav(
        data.frame, str(path), file_label="Tandem research export", column_labels=labels,
        variable_value_labels=value_labels, missing_ranges=missing,
        variable_measure={v.name: v.measure for v in variables},
        variable_format={v.name: _spss_format(v) for v in variables if v.kind != "text"})


def _spss_format(variable: Variable) -> str:
    """Whole numbers shown as such: SPSS shows a number without a format as ``F8.2``,
    so an answer of 4 read "4.00" in its Data View. The width fits the longest code."""
    codes = [*variable.values, *variable.missing]
    width = max((len(str(code)) for code in codes), default=SPSS_NUMBER_WIDTH)
    return f"F{width}.0"


def write_dta(data: ResearchData, path: Path) -> None:
    import pyreadstat

    # a shallow copy (copy on write): only the columns given ``.a`` below are new
    frame = data.frame.copy(deep=False)
    # Stata labels its extended missing values too: the key of ``.a`` is the letter
    value_labels: dict[str, dict[Any, str]] = {}
    user_missing: dict[str, list[str]] = {}
    for v in data.variables:
        if v.missing:
            frame[v.name] = _with_stata_missing(frame[v.name])
            user_missing[v.name] = [STATA_MISSING]
        if v.values or v.missing:
            labels: dict[Any, str] = dict(v.values)
            if v.missing:  # one extended missing value: every don't-know code is .a
                labels[STATA_MISSING] = next(iter(v.missing.values()))
            value_labels[v.name] = labels
    labels_text: dict[str, str | None] = {
        v.name: variable_label(v.label, "dta") for v in data.variables}
    pyreadstat.write_dta(
        frame, str(path), file_label="Tandem research export", column_labels=labels_text,
        variable_value_labels=value_labels, missing_user_values=user_missing)


def _with_stata_missing(column: pd.Series) -> pd.Series:
    """A column of codes with don't know as the letter of Stata's ``.a``, in the object
    column pyreadstat takes for it. Each distinct code is one Python object shared by its
    cells: a new float per cell cost about 800 MB at 250,000 rows of 100 columns."""
    numbers, distinct = pd.factorize(column.to_numpy(dtype="float64"), use_na_sentinel=True)
    cells = per_cell(numbers, [STATA_MISSING if code == DONT_KNOW_CODE else float(code)
                               for code in distinct], missing=np.nan)
    return pd.Series(cells, index=column.index, dtype=object)


def write_csv_file(data: ResearchData, path: Path, *, chunk: int = CSV_CHUNK_ROWS) -> None:
    """The codes as whole numbers (``4``, not ``4.0``; empty where system-missing), UTF-8
    with a BOM, formula-safe; written ``chunk`` rows at a time, so memory stays flat
    however many rows there are."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        _write_csv_rows(data, out, chunk=chunk)


def _write_csv_rows(data: ResearchData, out: TextIO, *, chunk: int = CSV_CHUNK_ROWS) -> None:
    numeric = [v.name for v in data.variables if v.kind != "text"]
    for start in range(0, max(data.n, 1), chunk):
        part = data.frame.iloc[start:start + chunk].copy()
        for name in numeric:
            part[name] = _whole_numbers(part[name])
        write_csv(part, out, header=start == 0)


def _whole_numbers(column: pd.Series) -> pd.Series:
    """A column of codes as the texts of whole numbers ("4", not "4.0"), None where
    missing: the text ``Int64`` gives, looked up once per distinct code."""
    numbers, distinct = pd.factorize(column.to_numpy(dtype="float64"), use_na_sentinel=True)
    if not all(float(v).is_integer() for v in distinct):
        return column.astype("Int64")  # not codes: as before (pandas refuses fractions)
    texts = per_cell(numbers, [str(int(v)) for v in distinct], missing=None)
    return pd.Series(texts, index=column.index, dtype=object)
