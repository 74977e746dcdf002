"""Read a response file (CSV or XLSX, one row per respondent) into a :class:`ResponseSet`.

All or nothing: every problem in the file is collected (wrong encoding, unknown or
duplicate columns, bad answers, duplicate respondent ids, ...) and reported at once in
a :class:`ResponseDataError`, so whoever prepared the file can fix it in one go, and
nothing is scored from a file that is partly wrong. Row numbers are those a spreadsheet
shows (header = row 1, first answer row = 2).

Speed: a CSV is tokenised by pandas' C parser into categorical columns (codes plus the
few distinct answers), so validation runs once per distinct answer with the shared
parsers :func:`tandem.responses.parse_likert` / :func:`parse_choice` and is spread to the
rows with numpy. A 100,000-row file reads in well under a second. Rows that are
completely empty (trailing ``;;;;`` lines from Excel) are not respondents and are skipped.

Headers are question ids (``def_roles``), the question texts in Dutch or English (as
other survey tools export them; matched ignoring case and spacing), or any name mapped
by a mapping file: a CSV with columns ``header,question_id``, where an empty
``question_id`` means "ignore this column" (e.g. a timestamp).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.instrument.loader import load_instrument
from tandem.instrument.model import Form, Instrument, Item
from tandem.io.safety import (
    RESPONSE_FILE_LIMITS,
    FileLimits,
    RejectedFileError,
    cell_text,
    check_size,
    decode_text,
    is_old_excel,
    is_zip,
    read_first_sheet,
)
from tandem.responses import (
    FloatArray,
    ObjArray,
    Problem,
    ResponseDataError,
    ResponseSet,
    parse_choice,
    parse_likert,
)

IntArray = npt.NDArray[np.intp]
CodeArray = npt.NDArray[np.integer[Any]]  # int8 from pandas, or intp
# What a loaded column holds: the codes we expect (a hint for speed) or None for free text
ColumnKind = tuple[str, ...] | None

RESPONDENT = "respondent"
REQUIRED = "department"
ALL_SETTINGS: frozenset[str] = frozenset({"should_decide", "segment"})
MAX_PROBLEMS_PER_COLUMN = 20
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_IGNORE = ""  # mapping target that drops a column
_SEPARATORS = (";", ",", "\t")
_FIRST_LINE = re.compile(r"[^\r\n]*")
_HEAD_CHARS = 1 << 16


def read_responses(
    path: Path | str,
    instrument: Instrument | None = None,
    *,
    form: Form | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] = ALL_SETTINGS,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
) -> ResponseSet:
    """Read and validate a wide response file; raise ResponseDataError listing every problem.

    ``form`` is detected when not given: quick when every question column belongs to
    the quick form, else full. Questions of the form that the file lacks are all
    missing, except ``department``, which is required. ``limits`` bound the size of the
    file and of a workbook inside it (see :mod:`tandem.io.safety`).
    """
    path = Path(path)
    instrument = instrument if instrument is not None else load_instrument()
    report = _Report()
    names = _HeaderNames(instrument)
    if mapping is not None:
        names.add_mapping(_read_mapping(Path(mapping), instrument, report, limits))
    source = _open(path, report, lambda header: names.resolve(header) is not None, limits)
    if source is None:
        raise ResponseDataError(report.problems, source=str(path))
    plan = _plan_columns(source.header, instrument, names, form, settings, report)
    table = source.load(plan.kinds, report) if plan.kinds else None
    if table is not None:
        responses = _build(table, plan, instrument, settings, report)
        if responses is not None and not report.problems:
            return responses
    if not report.problems:  # defensive: never return nothing without saying why
        report.add("the file could not be read")
    raise ResponseDataError(report.problems, source=str(path))


# ---------------------------------------------------------------- problems


class _Report:
    """Collects problems; per-column lists are capped with a summary line."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, message: str, row: int | None = None, column: str | None = None) -> None:
        self.problems.append(Problem(message, row=row, column=column))

    def rows(
        self,
        column: str | None,
        row_numbers: Sequence[int] | IntArray,
        message: str | Callable[[int], str],
        what: str = "problem(s)",
    ) -> None:
        """One problem per row (``message(i)`` for the i-th), capped per column."""
        total = len(row_numbers)
        for i in range(min(total, MAX_PROBLEMS_PER_COLUMN)):
            text = message if isinstance(message, str) else message(i)
            self.add(text, row=int(row_numbers[i]), column=column)
        if total > MAX_PROBLEMS_PER_COLUMN:
            scope = "in this column" if column is not None else "in the file"
            self.add(
                f"{total} {what} {scope} in all; only the first "
                f"{MAX_PROBLEMS_PER_COLUMN} are listed",
                column=column,
            )


# ---------------------------------------------------------------- headers


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _HeaderNames:
    """Maps a header (id, question text in nl/en, or mapped name) to a question id."""

    def __init__(self, instrument: Instrument) -> None:
        by_text: dict[str, str] = {}
        ambiguous: set[str] = set()
        for item in instrument.items:
            for text in (item.text.nl, item.text.en):
                key = _norm(text)
                if by_text.get(key, item.id) != item.id:
                    ambiguous.add(key)
                by_text[key] = item.id
        for key in ambiguous:
            del by_text[key]
        self.ids = {_norm(item.id): item.id for item in instrument.items}
        self.ids[RESPONDENT] = RESPONDENT
        self.texts = by_text
        self.mapped: dict[str, str] = {}

    def add_mapping(self, mapping: dict[str, str]) -> None:
        self.mapped.update(mapping)

    def resolve(self, header: str) -> str | None:
        key = _norm(header)
        for table in (self.mapped, self.ids, self.texts):
            if key in table:
                return table[key]
        return None

    def suggest(self, header: str) -> str:
        key = _norm(header)
        candidates = {**self.texts, **self.ids}
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
        return f"; did you mean {candidates[close[0]]!r}?" if close else ""


def _letter(position: int) -> str:
    """Spreadsheet column letter of a 0-based position (0 -> A, 26 -> AA)."""
    letters = ""
    n = position + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class _Plan:
    form: Form
    targets: dict[int, str]  # file position -> question id (or "respondent")
    kinds: dict[int, ColumnKind]  # positions to load, with the codes expected there
    unnamed: list[int]  # positions without a header (fine only when empty)
    labels: dict[int, str]  # position -> header as written, for problems


def _plan_columns(
    header: list[str],
    instrument: Instrument,
    names: _HeaderNames,
    form: Form | None,
    settings: frozenset[str],
    report: _Report,
) -> _Plan:
    targets: dict[int, str] = {}
    seen: dict[str, int] = {}
    unnamed: list[int] = []
    labels = {p: h.strip() for p, h in enumerate(header)}
    unknown: list[int] = []
    for pos, label in labels.items():
        if not label:
            unnamed.append(pos)
            continue
        target = names.resolve(label)
        if target is None:
            unknown.append(pos)
            continue
        if target == _IGNORE:
            continue
        if target in seen:
            first = seen[target]
            same = _norm(labels[first]) == _norm(label)
            what = "duplicate column" if same else f"a second column for question {target!r}"
            report.add(
                f"{what}: column {_letter(pos)} repeats column {_letter(first)} "
                f"({labels[first]!r})",
                row=1,
                column=label,
            )
            continue
        seen[target] = pos
        targets[pos] = target
    answer_codes = {o.code.lower() for s in instrument.option_sets.values() for o in s.options}
    if unknown and not targets and _looks_like_answers([labels[p] for p in unknown], answer_codes):
        report.add(
            "no header row: row 1 must name the questions (question ids such as "
            "'department', 'def_roles'), but it holds answers",
            row=1,
        )
    else:
        for pos in unknown:
            label = labels[pos]
            report.add(f"unknown column {label!r}{names.suggest(label)}", row=1, column=label)

    question_ids = {t for t in targets.values() if t != RESPONDENT}
    if form is None:
        quick = {i.id for i in instrument.items_for("quick", settings)}
        form = "quick" if question_ids and question_ids <= quick else "full"
    in_form = {i.id: i for i in instrument.items_for(form, settings)}
    kinds: dict[int, ColumnKind] = {}
    for pos, target in list(targets.items()):
        if target == RESPONDENT:
            kinds[pos] = None
            continue
        item = in_form.get(target)
        if item is None:
            other = instrument.item(target)
            if other.setting is not None and other.setting not in settings:
                why = f"is switched off in this scan (setting {other.setting!r})"
            else:
                why = f"is not part of the {form} form"
            report.add(f"question {target!r} {why}", row=1, column=labels[pos])
            del targets[pos]
            continue
        kinds[pos] = _expected_codes(item)
    if REQUIRED not in targets.values():
        report.add(f"the required column {REQUIRED!r} is missing", column=REQUIRED)
    for pos in unnamed:
        kinds[pos] = None
    return _Plan(form=form, targets=targets, kinds=kinds, unnamed=unnamed, labels=labels)


def _expected_codes(item: Item) -> ColumnKind:
    """The cell texts a column of ``item`` usually holds: its codes as written by people."""
    if item.options is None:
        return None
    codes = item.options.codes
    variants = ("", *codes, *(c.upper() for c in codes), *(c.capitalize() for c in codes))
    return tuple(dict.fromkeys(variants))


def _looks_like_answers(cells: list[str], codes: set[str]) -> bool:
    """Whether most header cells are answers (1-5, dk, option codes): a file without header."""
    answers = sum(1 for c in cells if parse_likert(c)[1] is None or c.strip().lower() in codes)
    return answers >= 0.8 * len(cells)


# ---------------------------------------------------------------- reading


@dataclass
class _Column:
    codes: CodeArray  # index into cats; -1 = empty or missing cell
    cats: list[str]


@dataclass
class _Table:
    rows: IntArray  # spreadsheet row number of each data row
    columns: dict[int, _Column]  # by file position


class _Source:
    """A parsed header plus a way to load the columns the plan asks for."""

    def __init__(
        self, header: list[str], loader: Callable[[dict[int, ColumnKind], _Report], _Table | None]
    ) -> None:
        self.header = header
        self._loader = loader

    def load(self, kinds: dict[int, ColumnKind], report: _Report) -> _Table | None:
        return self._loader(kinds, report)


def _open(
    path: Path, report: _Report, known: Callable[[str], bool], limits: FileLimits
) -> _Source | None:
    try:
        check_size(path.stat().st_size, path.name, limits)
        data = path.read_bytes()
    except OSError as exc:
        report.add(f"cannot read the file: {exc.strerror or exc}")
        return None
    except RejectedFileError as exc:
        report.add(exc.text)
        return None
    suffix = path.suffix.lower()
    if suffix == ".xls" or is_old_excel(data):
        report.add(RejectedFileError("old_excel", path.name).text)
        return None
    if suffix in EXCEL_SUFFIXES or is_zip(data):  # by content too: a renamed workbook
        return _open_xlsx(path, report, limits)
    return _open_csv(path, data, report, known)


def _decode(data: bytes, report: _Report, name: str) -> tuple[str, str] | None:
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


def _separator(text: str, known: Callable[[str], bool]) -> str:
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


def _is_mapping_header(cell: str) -> bool:
    return _norm(cell) in ("header", "question_id")


def _open_csv(
    path: Path, data: bytes, report: _Report, known: Callable[[str], bool]
) -> _Source | None:
    decoded = _decode(data, report, path.name)
    if decoded is None:
        return None
    text, encoding = decoded
    if not text.strip():
        report.add("the file is empty")
        return None
    sep = _separator(text, known)
    try:
        header = _first_record(text, sep)
    except csv.Error as exc:
        report.add(f"row 1 is not valid CSV: {exc}", row=1)
        return None
    if not any(cell.strip() for cell in header):
        report.add("no header row: row 1 is empty; it must name the questions", row=1)
        return None

    def load(kinds: dict[int, ColumnKind], report: _Report) -> _Table | None:
        table = _load_csv_fast(path, encoding, sep, len(header), kinds)
        if table is None:  # malformed rows: slow path that can say which rows
            table = _load_csv_rows(text, sep, len(header), kinds, report)
        return table

    return _Source(header, load)


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
    path: Path, encoding: str, sep: str, width: int, kinds: dict[int, ColumnKind]
) -> _Table | None:
    """pandas' C parser; None when the file has malformed rows and needs the slow path.

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
            frame = _read_frame(path, encoding, sep, names, expected, None)
        except _PARSE_ERRORS:
            return None
        except (ValueError, TypeError):
            # a pandas that refuses values outside the given categories (announced for
            # pandas 4): let it find the categories itself, at some cost in speed
            expected = {n: "category" if d is not object else d for n, d in expected.items()}
            frame = _read_frame(path, encoding, sep, names, expected, None)
        columns: dict[int, _Column] = {}
        unexpected: list[int] = []
        for p, known in sorted(kinds.items()):
            series = frame[names[p]]
            if not known:
                columns[p] = _factorised(series.to_numpy(dtype=object))
                continue
            codes = series.cat.codes.to_numpy()
            if isinstance(expected[names[p]], str):  # inferred: may hold numbers (3 for "3")
                cats = [c if isinstance(c, str) else str(c) for c in series.cat.categories]
                columns[p] = _Column(codes=codes, cats=cats)
            elif (codes < 0).any():
                unexpected.append(p)
            else:
                columns[p] = _Column(codes=codes, cats=list(known))
        if unexpected:
            text_only = {names[p]: object for p in unexpected}
            again = _read_frame(path, encoding, sep, names, text_only, unexpected)
            for p in unexpected:
                columns[p] = _factorised(again[names[p]].to_numpy(dtype=object))
    except (*_PARSE_ERRORS, ValueError, TypeError):
        return None
    rows = np.arange(2, len(frame) + 2, dtype=np.intp)
    return _Table(rows=rows, columns=columns)


_PARSE_ERRORS = (
    pd.errors.ParserError,
    pd.errors.ParserWarning,
    pd.errors.EmptyDataError,
    UnicodeError,
    csv.Error,
    OverflowError,
)


def _read_frame(
    path: Path,
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
            path,
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


def _factorised(values: ObjArray) -> _Column:
    """Codes and distinct texts of a column; missing cells (NaN of short rows) get -1."""
    factors, uniques = pd.factorize(values, use_na_sentinel=True)
    return _Column(codes=np.asarray(factors, dtype=np.intp), cats=[str(u) for u in uniques])


def _load_csv_rows(
    text: str, sep: str, width: int, kinds: dict[int, ColumnKind], report: _Report
) -> _Table | None:
    """The csv module, row by row: slower, but it names each malformed row."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        report.add(f"the file is not valid CSV: {exc}")
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
        lambda i: f"row has {len(body[too_long[i]])} cells but the header has {width} columns",
        what="rows with too many cells",
    )
    return _table_from_records(body, np.arange(2, len(body) + 2, dtype=np.intp), kinds)


def _table_from_records(
    records: list[list[str]], rows: IntArray, kinds: dict[int, ColumnKind]
) -> _Table:
    columns: dict[int, _Column] = {}
    for p in sorted(kinds):
        values = np.empty(len(records), dtype=object)
        values[:] = [cells[p] if p < len(cells) else "" for cells in records]
        columns[p] = _factorised(values)
    return _Table(rows=rows, columns=columns)


def _open_xlsx(path: Path, report: _Report, limits: FileLimits) -> _Source | None:
    try:
        records = _xlsx_records(path, limits)
    except RejectedFileError as exc:  # damaged, a zip bomb, too big (see tandem.io.safety)
        report.add(exc.text)
        return None
    if not any(any(c.strip() for c in r) for r in records):
        report.add("the file is empty")
        return None
    header = records[0]
    while header and not header[-1].strip():
        header = header[:-1]
    if not header:
        report.add("no header row: row 1 is empty; it must name the questions", row=1)
        return None
    width = len(header)
    body = records[1:]

    def load(kinds: dict[int, ColumnKind], report: _Report) -> _Table | None:
        too_long = [r for r, cells in enumerate(body) if any(c.strip() for c in cells[width:])]
        report.rows(
            None,
            [r + 2 for r in too_long],
            lambda i: f"row has answers to the right of the last named column {_letter(width - 1)}",
            what="rows with answers outside the named columns",
        )
        return _table_from_records(body, np.arange(2, len(body) + 2, dtype=np.intp), kinds)

    return _Source(header, load)


def _xlsx_records(path: Path, limits: FileLimits) -> list[list[str]]:
    """Cell texts of the first sheet, one list per sheet row (gaps kept as empty rows).

    Trailing empty cells are dropped; the guards of :func:`read_first_sheet` apply.
    """
    rows = read_first_sheet(path, path.name, limits)
    return [[cell_text(v) for v in row] for row in rows]


def _read_mapping(
    path: Path, instrument: Instrument, report: _Report, limits: FileLimits
) -> dict[str, str]:
    """Header -> question id from a ``header,question_id`` CSV (empty id = ignore)."""
    where = f"mapping file {path.name}"
    try:
        check_size(path.stat().st_size, path.name, limits)
        data = path.read_bytes()
    except OSError as exc:
        report.add(f"{where}: cannot read it: {exc.strerror or exc}")
        return {}
    except RejectedFileError as exc:
        report.add(f"{where}: {exc.text}")
        return {}
    sub = _Report()
    decoded = _decode(data, sub, path.name)
    if decoded is None:
        problem = sub.problems[0]
        line = f", row {problem.row}" if problem.row is not None else ""
        report.add(f"{where}{line}: {problem.message}")
        return {}
    text = decoded[0]
    try:
        sep = _separator(text, _is_mapping_header)
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as exc:
        report.add(f"{where}: not valid CSV: {exc}")
        return {}
    head = [_norm(c) for c in records[0]] if records else []
    if "header" not in head or "question_id" not in head:
        report.add(f"{where}: it needs the columns 'header' and 'question_id'")
        return {}
    h, q = head.index("header"), head.index("question_id")
    known = {i.id for i in instrument.items} | {RESPONDENT}
    mapping: dict[str, str] = {}
    for r, cells in enumerate(records[1:], start=2):
        header = cells[h].strip() if h < len(cells) else ""
        target = cells[q].strip().lower() if q < len(cells) else ""
        if not header and not target:
            continue
        if not header:
            report.add(f"{where}, row {r}: the header is empty")
        elif target and target not in known:
            near = difflib.get_close_matches(target, sorted(known), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            report.add(f"{where}, row {r}: unknown question id {target!r}{hint}")
        elif mapping.get(_norm(header), target) != target:
            report.add(f"{where}, row {r}: {header!r} is mapped twice to different questions")
        else:
            mapping[_norm(header)] = target if target else _IGNORE
    return mapping


# ---------------------------------------------------------------- validation


def _empty_mask(column: _Column) -> npt.NDArray[np.bool_]:
    is_empty = np.array([not c.strip() for c in column.cats] + [True])  # last: code -1
    mask: npt.NDArray[np.bool_] = is_empty[column.codes]
    return mask


def _build(
    table: _Table,
    plan: _Plan,
    instrument: Instrument,
    settings: frozenset[str],
    report: _Report,
) -> ResponseSet | None:
    blank = _blank_rows(table)
    if blank is not None:
        keep = ~blank
        table = _Table(
            rows=table.rows[keep],
            columns={p: _Column(c.codes[keep], c.cats) for p, c in table.columns.items()},
        )
    n = len(table.rows)
    if n == 0:
        report.add("the file has a header but no answer rows")
        return None

    for pos in plan.unnamed:
        filled = np.flatnonzero(~_empty_mask(table.columns[pos]))
        message = f"column {_letter(pos)} has answers but no header"
        report.rows(None, table.rows[filled], message, what="answers without a header")

    items = instrument.items_for(plan.form, settings)
    by_id = {target: pos for pos, target in plan.targets.items()}
    likert_items = [i for i in items if i.kind == "likert"]
    likert = np.full((n, len(likert_items)), np.nan)
    choices: dict[str, ObjArray] = {}
    texts: dict[str, ObjArray] = {}
    for j, item in enumerate(likert_items):
        if item.id in by_id:
            pos = by_id[item.id]
            likert[:, j] = _likert(table.columns[pos], table.rows, plan.labels[pos], report)
    for item in items:
        pos_or_none = by_id.get(item.id)
        if item.kind == "choice":
            choices[item.id] = (
                _choice(
                    item, table.columns[pos_or_none], table.rows, plan.labels[pos_or_none], report
                )
                if pos_or_none is not None
                else np.full(n, None, dtype=object)
            )
        elif item.kind == "text":
            texts[item.id] = (
                _text(table.columns[pos_or_none])
                if pos_or_none is not None
                else np.full(n, None, dtype=object)
            )
    if RESPONDENT in by_id:
        pos = by_id[RESPONDENT]
        ids = _respondents(table.columns[pos], table.rows, plan.labels[pos], report)
    else:
        ids = tuple(str(i + 1) for i in range(n))
    if report.problems:
        return None
    return ResponseSet(
        instrument=instrument,
        form=plan.form,
        likert_ids=tuple(i.id for i in likert_items),
        likert=likert,
        choices=choices,
        texts=texts,
        respondent_ids=ids,
    )


def _blank_rows(table: _Table) -> npt.NDArray[np.bool_] | None:
    """Rows where every loaded cell is empty; None when there are none (checked cheaply)."""
    blank: npt.NDArray[np.bool_] | None = None
    for column in sorted(table.columns.values(), key=lambda c: len(c.cats)):  # cheap first
        empty = _empty_mask(column)
        blank = empty if blank is None else np.logical_and(blank, empty, out=blank)
        if not blank.any():
            return None
    return blank


def _bad_rows(column: _Column, bad: dict[int, str]) -> IntArray:
    if not bad:
        return np.empty(0, dtype=np.intp)
    is_bad = np.zeros(len(column.cats) + 1, dtype=bool)
    is_bad[list(bad)] = True
    return np.flatnonzero(is_bad[column.codes])


def _likert(column: _Column, rows: IntArray, label: str, report: _Report) -> FloatArray:
    lookup = np.full(len(column.cats) + 1, np.nan)  # the extra last slot serves code -1
    bad: dict[int, str] = {}
    for k, cat in enumerate(column.cats):
        value, problem = parse_likert(cat)
        if problem is None:
            lookup[k] = value
        else:
            bad[k] = problem
    where = _bad_rows(column, bad)
    report.rows(label, rows[where], lambda i: bad[int(column.codes[where[i]])])
    result: FloatArray = lookup[column.codes]
    return result


def _choice(item: Item, column: _Column, rows: IntArray, label: str, report: _Report) -> ObjArray:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    bad: dict[int, str] = {}
    for k, cat in enumerate(column.cats):
        code, problem = parse_choice(item, cat)
        if problem is None:
            lookup[k] = code
        else:
            bad[k] = problem
    where = _bad_rows(column, bad)
    report.rows(label, rows[where], lambda i: bad[int(column.codes[where[i]])])
    result: ObjArray = lookup[column.codes]
    return result


def _text(column: _Column) -> ObjArray:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    lookup[: len(column.cats)] = [c.strip() or None for c in column.cats]
    result: ObjArray = lookup[column.codes]
    return result


def _respondents(column: _Column, rows: IntArray, label: str, report: _Report) -> tuple[str, ...]:
    """Respondent ids, trimmed; every row needs one and no two rows may share one."""
    stripped = [c.strip() for c in column.cats]
    ids: CodeArray
    if stripped == column.cats:  # the usual case: the categories are the distinct ids
        ids, uniques = column.codes, stripped
    else:
        remap, distinct = pd.factorize(np.array([*stripped, ""], dtype=object))
        ids, uniques = remap[column.codes], [str(u) for u in distinct]  # -1 picks ""
    if "" in uniques:
        ids = np.where(ids == uniques.index(""), -1, ids)
    missing = np.flatnonzero(ids < 0)
    report.rows(
        label,
        rows[missing],
        "the respondent id is empty (every row needs one when the column is given)",
    )
    counts = np.bincount(ids[ids >= 0], minlength=len(uniques))
    if (counts > 1).any():
        repeated = np.flatnonzero((counts > 1)[np.where(ids >= 0, ids, 0)] & (ids >= 0))
        first: dict[int, int] = {}
        later: list[tuple[int, int]] = []  # (row index, first row index)
        for r in repeated.tolist():
            code = int(ids[r])
            if code in first:
                later.append((r, first[code]))
            else:
                first[code] = r
        report.rows(
            label,
            rows[[r for r, _ in later]],
            lambda i: (
                f"respondent id {uniques[int(ids[later[i][0]])]!r} is used twice: rows "
                f"{rows[later[i][1]]} and {rows[later[i][0]]}"
            ),
            what="repeated respondent ids",
        )
    lookup = np.array([*uniques, ""], dtype=object)
    return tuple(lookup[ids].tolist())
