"""Each respondent's language, read beside the answers (for the psychometrics).

Interim and defensive: :class:`~tandem.responses.ResponseSet` does not carry a language
yet (an optional ``language`` column of the response file is being added elsewhere). So
:func:`load_with_languages` takes the language, in this order, from

1. the response set itself, if it has a ``languages`` or ``language`` attribute (once
   the format carries it, nothing here needs to change for the new files);
2. the import report of another survey tool's export (Qualtrics ``UserLanguage``,
   LimeSurvey ``startlanguage``: ``ImportReport.languages``);
3. a ``language`` column of a file in Tandem's own format. Today's reader refuses an
   unknown column, so such a file is read with that column ignored (a mapping that
   names it with an empty question id, as a user's mapping file would; with a mapping
   file of the user's own, they are asked to add that line), and the column is read on
   its own and lined up with the answers by respondent id, or else row by row after the
   same blank rows are dropped as the reader drops.

Without any of these the languages are ``None``: the psychometrics then have no
per-language figures and no invariance, and say so.
"""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from tandem.io.responses import Loaded, load_responses
from tandem.io.responses.headers import RESPONDENT, HeaderNames
from tandem.io.responses.reading import EXCEL_SUFFIXES, normalise, open_source, separator
from tandem.io.responses.report import Report
from tandem.io.responses.sources.registry import TANDEM
from tandem.io.responses.table import Column, empty_mask
from tandem.io.safety import (
    RESPONSE_FILE_LIMITS,
    FileLimits,
    RejectedFileError,
    decode_text,
    is_zip,
)
from tandem.responses import ResponseDataError, ResponseSet

LANGUAGE = "language"
LanguageSource = Literal["responses", "export", "column", "none"]
_HEAD_BYTES = 1 << 16

__all__ = ["LANGUAGE", "WithLanguages", "load_with_languages", "response_languages"]


@dataclass(frozen=True)
class WithLanguages:
    loaded: Loaded
    languages: tuple[str | None, ...] | None  # per respondent, in the order of the answers
    source: LanguageSource


def load_with_languages(
    path: Path | str,
    *,
    mapping: Path | str | None = None,
    source: str | None = None,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
) -> WithLanguages:
    """The answers of ``path`` (as :func:`tandem.io.responses.load_responses` reads them)
    with each respondent's language, when the file says it."""
    path = Path(path)
    head = _peek(path, limits)
    if mapping is None and source in (None, TANDEM.name) and head is not None and head.at >= 0:
        with _ignore_language() as ignoring:
            loaded = load_responses(path, mapping=ignoring, source=source, limits=limits)
    else:
        try:
            loaded = load_responses(path, mapping=mapping, source=source, limits=limits)
        except ResponseDataError as error:
            if mapping is None or not _only_language_refused(error):
                raise
            raise ValueError(
                f"{path.name}: add the line 'language,' to the mapping file, so that the "
                "language column is not read as a question"
            ) from None
    own = response_languages(loaded.responses)
    if own is not None:
        return WithLanguages(loaded, own, "responses")
    if loaded.report is not None and any(loaded.report.languages):
        return WithLanguages(loaded, tuple(c or None for c in loaded.report.languages),
                             "export")
    if head is not None and head.at >= 0:
        column = _language_column(path, loaded.responses, head, limits)
        if column is not None:
            return WithLanguages(loaded, column, "column")
    return WithLanguages(loaded, None, "none")


def response_languages(responses: ResponseSet) -> tuple[str | None, ...] | None:
    """The response set's own languages, once it carries them (see the module docstring)."""
    for name in ("languages", "language"):
        value = getattr(responses, name, None)
        if isinstance(value, Sequence | np.ndarray) and len(value) == responses.n:
            return tuple(None if v is None or str(v) == "" else str(v) for v in value)
    return None


def _only_language_refused(error: ResponseDataError) -> bool:
    return bool(error.problems) and all(
        p.column is not None and _is_language(p.column) for p in error.problems
    )


@contextlib.contextmanager
def _ignore_language() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tandem-") as folder:
        ignoring = Path(folder) / "mapping.csv"
        ignoring.write_text(f"header,question_id\n{LANGUAGE},\n", encoding="utf-8")
        yield ignoring


@dataclass(frozen=True)
class _Head:
    """A file's header: its cells, where the language and respondent columns are (-1:
    none) and, for a CSV, its separator and encoding (None for a workbook)."""

    cells: list[str]
    at: int
    who: int
    sep: str | None
    encoding: str | None


def _peek(path: Path, limits: FileLimits) -> _Head | None:
    """The header. A CSV's is read from the start of the file only (the reader checks
    the whole file anyway); None when it cannot be read (the reader then says why)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    cells: list[str] | None = None
    sep = encoding = None
    if not is_zip(head) and path.suffix.lower() not in EXCEL_SUFFIXES:
        with contextlib.suppress(RejectedFileError, csv.Error, UnicodeError):
            decoded = decode_text(head, path.name)
            first = decoded.text.splitlines()[0] if decoded.text else ""
            sep = separator(first, _is_language)
            encoding = decoded.encoding
            cells = next(csv.reader([first], delimiter=sep), [])
    if cells is None:
        opened = open_source(path, Report(), _is_language, limits)
        if opened is None:
            return None
        cells, sep, encoding = opened.header, None, None
    names = [normalise(c) for c in cells]
    at = names.index(LANGUAGE) if LANGUAGE in names else -1
    who = names.index(RESPONDENT) if RESPONDENT in names else -1
    return _Head(cells, at, who, sep, encoding)


def _is_language(header: str) -> bool:
    return normalise(header) == LANGUAGE


def _cells(column: Column) -> list[str]:
    texts = [*column.cats, ""]  # code -1: an empty cell
    return [texts[c] for c in column.codes]


def _language_column(path: Path, responses: ResponseSet, head: _Head,
                     limits: FileLimits) -> tuple[str | None, ...] | None:
    """The ``language`` column of a file in Tandem's format, lined up with the answers:
    by respondent id when every respondent's id is found, else row by row."""
    if head.who >= 0 and responses.respondent_ids:
        pairs = _ids_and_languages(path, head, limits)
        if pairs is not None:
            by_id = {i.strip(): lang for i, lang in zip(*pairs, strict=True) if i.strip()}
            if all(r in by_id for r in responses.respondent_ids):
                return tuple(by_id[r].strip() or None for r in responses.respondent_ids)
    return _row_by_row(path, responses, head, limits)


def _ids_and_languages(path: Path, head: _Head,
                       limits: FileLimits) -> tuple[list[str], list[str]] | None:
    """The respondent and language cells. For a CSV only those two columns are parsed (the
    ids check that every row lines up); a workbook through the reader."""
    if head.sep is not None and head.encoding is not None:
        with contextlib.suppress(ValueError, UnicodeError, csv.Error, pd.errors.ParserError):
            frame = pd.read_csv(path, sep=head.sep, header=0, usecols=[head.who, head.at],
                                dtype=str, keep_default_na=False, na_filter=False,
                                encoding=head.encoding, engine="c")
            ids, languages = (0, 1) if head.who < head.at else (1, 0)  # in file order
            return frame.iloc[:, ids].tolist(), frame.iloc[:, languages].tolist()
    opened = open_source(path, Report(), _is_language, limits)
    table = opened.load(dict.fromkeys([head.at, head.who]), Report()) if opened else None
    if table is None:
        return None
    return _cells(table.columns[head.who]), _cells(table.columns[head.at])


def _row_by_row(path: Path, responses: ResponseSet, head: _Head,
                limits: FileLimits) -> tuple[str | None, ...] | None:
    """The reader drops rows where every column it reads is empty: so do we."""
    names = HeaderNames(responses.instrument)
    opened = open_source(
        path, Report(), lambda header: _is_language(header) or names.resolve(header) is not None,
        limits,
    )
    if opened is None:
        return None
    others = [i for i, h in enumerate(opened.header) if h.strip() and i != head.at]
    table = opened.load(dict.fromkeys([head.at, *others]), Report())
    if table is None:
        return None
    languages = _cells(table.columns[head.at])
    blank = np.ones(len(languages), dtype=bool)
    for i in others:
        blank &= empty_mask(table.columns[i])
    kept = [lang.strip() or None for lang, b in zip(languages, blank, strict=True) if not b]
    if len(kept) != responses.n:
        raise ValueError(f"{path.name}: the language column does not line up with the answers")
    return tuple(kept)
