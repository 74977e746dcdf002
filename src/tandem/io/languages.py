"""Each respondent's language, read beside the answers (for the psychometrics).

Interim and defensive: :class:`~tandem.responses.ResponseSet` does not carry a language
yet (an optional ``language`` column of the response file is being added elsewhere). So
:func:`load_with_languages` takes the language, in this order, from

1. the response set itself, if it has a ``languages`` or ``language`` attribute (once
   the format carries it, nothing here needs to change for the new files);
2. the import report of another survey tool's export (Qualtrics ``UserLanguage``,
   LimeSurvey ``startlanguage``: ``ImportReport.languages``);
3. a ``language`` column of a file in Tandem's own format. Today's reader refuses an
   unknown column, so the file is read with that column ignored (a mapping that names
   it with an empty question id, as a user's mapping file would), and the column is read
   on its own and lined up with the answers by respondent id, or else row by row after
   the same blank rows are dropped as the reader drops.

Without any of these the languages are ``None``: the psychometrics then have no
per-language figures and no invariance, and say so.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from tandem.instrument.model import Instrument
from tandem.io.responses import Loaded, load_responses
from tandem.io.responses.headers import RESPONDENT, HeaderNames
from tandem.io.responses.reading import normalise, open_source
from tandem.io.responses.report import Report
from tandem.io.responses.table import Column, empty_mask
from tandem.io.safety import RESPONSE_FILE_LIMITS, FileLimits
from tandem.responses import ResponseDataError, ResponseSet

LANGUAGE = "language"
LanguageSource = Literal["responses", "export", "column", "none"]

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
    try:
        loaded = load_responses(path, mapping=mapping, source=source, limits=limits)
    except ResponseDataError as error:
        if not _only_language_refused(error):
            raise
        if mapping is not None:
            raise ValueError(
                f"{path.name}: add the line 'language,' to the mapping file, so that the "
                "language column is not read as a question"
            ) from None
        with _ignore_language() as ignoring:
            loaded = load_responses(path, mapping=ignoring, source=source, limits=limits)
    own = response_languages(loaded.responses)
    if own is not None:
        return WithLanguages(loaded, own, "responses")
    if loaded.report is not None and any(loaded.report.languages):
        return WithLanguages(loaded, tuple(c or None for c in loaded.report.languages),
                             "export")
    column = _language_column(path, loaded.responses, limits)
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
        p.column is not None and normalise(p.column) == LANGUAGE for p in error.problems
    )


@contextlib.contextmanager
def _ignore_language() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="tandem-") as folder:
        ignoring = Path(folder) / "mapping.csv"
        ignoring.write_text(f"header,question_id\n{LANGUAGE},\n", encoding="utf-8")
        yield ignoring


def _cells(column: Column) -> list[str]:
    texts = [*column.cats, ""]  # code -1: an empty cell
    return [texts[c] for c in column.codes]


def _language_column(path: Path, responses: ResponseSet,
                     limits: FileLimits) -> tuple[str | None, ...] | None:
    """The ``language`` column of a file in Tandem's format, lined up with the answers."""
    instrument: Instrument = responses.instrument
    names = HeaderNames(instrument)
    report = Report()
    opened = open_source(
        path, report,
        lambda header: normalise(header) == LANGUAGE or names.resolve(header) is not None,
        limits,
    )
    if opened is None:
        return None
    header = [normalise(h) for h in opened.header]
    if LANGUAGE not in header:
        return None
    at = header.index(LANGUAGE)
    others = [i for i, h in enumerate(header) if h and i != at]
    table = opened.load(dict.fromkeys([at, *others]), report)
    if table is None:
        return None
    languages = _cells(table.columns[at])
    if RESPONDENT in header and responses.respondent_ids:
        ids = _cells(table.columns[header.index(RESPONDENT)])
        by_id = {i.strip(): lang for i, lang in zip(ids, languages, strict=True) if i.strip()}
        if all(r in by_id for r in responses.respondent_ids):
            return tuple(by_id[r].strip() or None for r in responses.respondent_ids)
    # Row by row: the reader drops rows where every column it reads is empty.
    blank = np.ones(len(languages), dtype=bool)
    for i in others:
        blank &= empty_mask(table.columns[i])
    kept = [lang.strip() or None for lang, b in zip(languages, blank, strict=True) if not b]
    if len(kept) != responses.n:
        raise ValueError(f"{path.name}: the language column does not line up with the answers")
    return tuple(kept)
