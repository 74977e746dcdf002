"""Reading a response file into rows: CSV or XLSX, encodings, separators, the header.

Knows nothing of the instrument: it yields the header cells as written and, for the
columns a caller asks for, a :class:`~tandem.io.responses.table.Table` of cell texts.
The caller may pass, per column, the cell texts it expects there (a hint for speed) and
a ``known(header)`` test that helps to pick the CSV separator.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from tandem.i18n import Text
from tandem.io.responses.report import ROWS_BEYOND, Report, answers_beyond
from tandem.io.responses.table import Column, ColumnKind, IntArray, Table, factorised
from tandem.io.safety import (
    FileLimits,
    RejectedFileError,
    cell_text,
    check_size,
    decode_text,
    is_old_excel,
    is_zip,
    read_first_sheet,
)

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_SEPARATORS = (";", ",", "\t")
_FIRST_LINE = re.compile(r"[^\r\n]*")
_HEAD_CHARS = 1 << 16
EMPTY = Text("het bestand is leeg", "the file is empty")
NO_HEADER = Text("geen kopregel: rij 1 is leeg; daar moeten de vragen staan",
                 "no header row: row 1 is empty; it must name the questions")


def _not_csv(exc: csv.Error) -> Text:
    return Text(f"het bestand is geen geldige CSV: {exc}", f"the file is not valid CSV: {exc}")


def normalise(text: str) -> str:
    """A header as compared: spacing collapsed, case folded."""
    return " ".join(text.split()).casefold()


class Source:
    """A parsed header plus a way to load the columns a caller asks for."""

    def __init__(
        self, header: list[str], loader: Callable[[dict[int, ColumnKind], Report], Table | None]
    ) -> None:
        self.header = header
        self._loader = loader

    def load(self, kinds: dict[int, ColumnKind], report: Report) -> Table | None:
        return self._loader(kinds, report)


def open_source(
    path: Path, report: Report, known: Callable[[str], bool], limits: FileLimits
) -> Source | None:
    """The file's header and loader, or None after a problem (unreadable, empty, ...)."""
    data = _checked_bytes(path, report, limits)
    if data is None:
        return None
    if path.suffix.lower() in EXCEL_SUFFIXES or is_zip(data):  # by content: a renamed one
        return _open_xlsx(path, report, limits)
    return _open_csv(path, data, report, known)


def _checked_bytes(path: Path, report: Report, limits: FileLimits) -> bytes | None:
    """The file's bytes, or None after a problem (unreadable, too big, an old .xls)."""
    try:
        data = read_bytes(path, limits)
    except OSError as exc:
        reason = exc.strerror or exc
        report.add(Text(f"kan het bestand niet lezen: {reason}",
                        f"cannot read the file: {reason}"))
        return None
    except RejectedFileError as exc:
        report.add(exc.text)
        return None
    if path.suffix.lower() == ".xls" or is_old_excel(data):
        report.add(RejectedFileError("old_excel", path.name).text)
        return None
    return data


def read_bytes(path: Path, limits: FileLimits) -> bytes:
    """The file's bytes; OSError or RejectedFileError (too big) as raised."""
    check_size(path.stat().st_size, path.name, limits)
    return path.read_bytes()


def decode(data: bytes, report: Report, name: str) -> tuple[str, str] | None:
    """The text and the encoding name to parse it with, or None after a problem.

    See :func:`tandem.io.safety.decode_text`: UTF-8, UTF-16 with a BOM, or clean
    Windows-1252; binary data and other encodings are a problem naming the row of the
    first bad byte.
    """
    try:
        decoded = decode_text(data, name)
    except RejectedFileError as exc:
        report.add(exc.text, row=exc.line)
        return None
    return decoded.text, decoded.encoding


def separator(text: str, known: Callable[[str], bool]) -> str:
    """The separator of the header line: Dutch Excel writes ';', most tools ','.

    When the line holds more than one candidate (question texts contain commas, and
    Excel quotes a cell only when it holds the separator), the one that splits the line
    into the most known headers wins, then the most frequent one.
    """
    line = _FIRST_LINE.match(text)[0]  # type: ignore[index]
    outside = "".join(line.split('"')[::2])  # drop quoted parts
    candidates = [sep for sep in _SEPARATORS if sep in outside]
    if not candidates:
        return ","

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([line], delimiter=sep), [])
        return sum(1 for cell in cells if known(cell)), outside.count(sep)

    return max(candidates, key=score)


def _open_csv(
    path: Path, data: bytes, report: Report, known: Callable[[str], bool]
) -> Source | None:
    decoded = decode(data, report, path.name)
    if decoded is None:
        return None
    text, encoding = decoded
    if not text.strip():
        report.add(EMPTY)
        return None
    sep = separator(text, known)
    try:
        header = _first_record(text, sep)
    except csv.Error as exc:
        report.add(Text(f"rij 1 is geen geldige CSV: {exc}", f"row 1 is not valid CSV: {exc}"),
                   row=1)
        return None
    if not any(cell.strip() for cell in header):
        report.add(NO_HEADER, row=1)
        return None

    def load(kinds: dict[int, ColumnKind], report: Report) -> Table | None:
        table = _load_csv_fast(data, encoding, sep, len(header), kinds)
        if table is None:  # malformed rows: slow path that can say which rows
            table = _load_csv_rows(text, sep, len(header), kinds, report)
        return table

    return Source(header, load)


def _first_record(text: str, sep: str) -> list[str]:
    """The header cells, parsed from the start of the text only (fast on big files)."""
    head = text[:_HEAD_CHARS]
    reader = csv.reader(io.StringIO(head, newline=""), delimiter=sep)
    first = next(reader, [])
    if len(head) < len(text) and next(reader, None) is None:
        # the header may run past the sample (a very long quoted cell): parse it all
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=sep), [])
    return first


def _load_csv_fast(
    data: bytes, encoding: str, sep: str, width: int, kinds: dict[int, ColumnKind]
) -> Table | None:
    """pandas' C parser; None when the file has malformed rows and needs the slow path.

    It parses the bytes already read (and checked), in one thread: pandas 3 splits a
    large file on disk over threads and merges each column's categoricals afterwards,
    which took a quarter more CPU time for 100,000 respondents and, on two shared cores,
    no less wall time.

    A coded column is read as a categorical with the expected codes as its categories,
    which spares a Python string per cell. Any other value (" 3", "DK", "7", or the
    missing cells of a short row) comes out as code -1; only columns with such cells are
    read a second time as plain text, so the shared parsers judge every actual value.
    """
    names = [f"c{i}" for i in range(width)]
    # Every column is read (no ``usecols``): with ``usecols`` pandas silently drops the
    # cells of a row that has more cells than the header.
    expected: dict[str, pd.CategoricalDtype | str | type[object]] = {
        name: pd.CategoricalDtype(list(known)) if (known := kinds.get(p)) else object
        for p, name in enumerate(names)
    }
    try:
        try:
            frame = _read_frame(data, encoding, sep, names, expected, None)
        except _PARSE_ERRORS:
            return None
        except (ValueError, TypeError):
            # a pandas that refuses values outside the given categories (announced for
            # pandas 4): let it find the categories itself, at some cost in speed
            expected = {n: "category" if d is not object else d for n, d in expected.items()}
            frame = _read_frame(data, encoding, sep, names, expected, None)
        columns: dict[int, Column] = {}
        unexpected: list[int] = []
        for p, known in sorted(kinds.items()):
            series = frame[names[p]]
            if not known:
                columns[p] = factorised(series.to_numpy(dtype=object))
                continue
            codes = series.cat.codes.to_numpy()
            if isinstance(expected[names[p]], str):  # inferred: may hold numbers (3 for "3")
                cats = [c if isinstance(c, str) else str(c) for c in series.cat.categories]
                columns[p] = Column(codes=codes, cats=cats)
            elif (codes < 0).any():
                unexpected.append(p)
            else:
                columns[p] = Column(codes=codes, cats=list(known))
        if unexpected:
            text_only = {names[p]: object for p in unexpected}
            again = _read_frame(data, encoding, sep, names, text_only, unexpected)
            for p in unexpected:
                columns[p] = factorised(again[names[p]].to_numpy(dtype=object))
    except (*_PARSE_ERRORS, ValueError, TypeError):
        return None
    rows = np.arange(2, len(frame) + 2, dtype=np.intp)
    return Table(rows=rows, columns=columns)


_PARSE_ERRORS = (
    pd.errors.ParserError,
    pd.errors.ParserWarning,
    pd.errors.EmptyDataError,
    UnicodeError,
    csv.Error,
    OverflowError,
)


def _read_frame(
    data: bytes,
    encoding: str,
    sep: str,
    names: list[str],
    dtype: Mapping[str, pd.CategoricalDtype | str | type[object]],
    usecols: list[int] | None,
) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("error", pd.errors.ParserWarning)
        # values outside the expected categories become -1 on purpose (see above)
        warnings.filterwarnings("ignore", message=".*not in that dtype's categories")
        return pd.read_csv(
            io.BytesIO(data),
            sep=sep,
            header=0,
            names=names,
            usecols=usecols,
            dtype=dtype,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            index_col=False,
            encoding=encoding,
            quotechar='"',
            engine="c",
        )


def _load_csv_rows(
    text: str, sep: str, width: int, kinds: dict[int, ColumnKind], report: Report
) -> Table | None:
    """The csv module, row by row: slower, but it names each malformed row."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        report.add(_not_csv(exc))
        return None
    body = records[1:]
    too_long = [
        r
        for r, cells in enumerate(body)
        if len(cells) > width and any(c.strip() for c in cells[width:])
    ]
    report.rows(
        None,
        [r + 2 for r in too_long],
        lambda i: Text(
            f"de rij heeft {len(body[too_long[i]])} cellen maar de kopregel {width} kolommen",
            f"row has {len(body[too_long[i]])} cells but the header has {width} columns"),
        what=Text("rijen met te veel cellen", "rows with too many cells"),
    )
    return _table_from_records(body, np.arange(2, len(body) + 2, dtype=np.intp), kinds)


def _table_from_records(
    records: list[list[str]], rows: IntArray, kinds: dict[int, ColumnKind]
) -> Table:
    columns: dict[int, Column] = {}
    for p in sorted(kinds):
        values = np.empty(len(records), dtype=object)
        values[:] = [cells[p] if p < len(cells) else "" for cells in records]
        columns[p] = factorised(values)
    return Table(rows=rows, columns=columns)


def _open_xlsx(path: Path, report: Report, limits: FileLimits) -> Source | None:
    try:
        records = _xlsx_records(path, limits)
    except RejectedFileError as exc:  # damaged, a zip bomb, too big (see tandem.io.safety)
        report.add(exc.text)
        return None
    if not any(any(c.strip() for c in r) for r in records):
        report.add(EMPTY)
        return None
    header = records[0]
    while header and not header[-1].strip():
        header = header[:-1]
    if not header:
        report.add(NO_HEADER, row=1)
        return None
    width = len(header)
    body = records[1:]

    def load(kinds: dict[int, ColumnKind], report: Report) -> Table | None:
        too_long = [r for r, cells in enumerate(body) if any(c.strip() for c in cells[width:])]
        report.rows(
            None,
            [r + 2 for r in too_long],
            answers_beyond(width),
            what=ROWS_BEYOND,
        )
        return _table_from_records(body, np.arange(2, len(body) + 2, dtype=np.intp), kinds)

    return Source(header, load)


def _xlsx_records(path: Path, limits: FileLimits) -> list[list[str]]:
    """Cell texts of the first sheet, one list per sheet row (gaps kept as empty rows).

    Trailing empty cells are dropped; the guards of :func:`read_first_sheet` apply.
    """
    rows = read_first_sheet(path, path.name, limits)
    return [[cell_text(v) for v in row] for row in rows]


def read_csv_records(text: str, known: Callable[[str], bool]) -> list[list[str]]:
    """All records of a small CSV text (such as a mapping file); raises csv.Error."""
    sep = separator(text, known)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def read_records(
    path: Path, report: Report, known: Callable[[str], bool], limits: FileLimits
) -> list[list[str]] | None:
    """Every row of the file as cell texts (for the exports of other tools, which have
    several header rows); None after a problem (unreadable, wrong encoding, empty, ...)."""
    data = _checked_bytes(path, report, limits)
    if data is None:
        return None
    if path.suffix.lower() in EXCEL_SUFFIXES or is_zip(data):
        try:
            records = _xlsx_records(path, limits)
        except RejectedFileError as exc:
            report.add(exc.text)
            return None
    else:
        decoded = decode(data, report, path.name)
        if decoded is None:
            return None
        try:
            records = read_csv_records(decoded[0], known)
        except csv.Error as exc:
            report.add(_not_csv(exc))
            return None
    if not any(any(c.strip() for c in r) for r in records):
        report.add(EMPTY)
        return None
    return records
