"""What each survey tool's response export looks like: one module per tool.

A :class:`Tool` knows how to recognise its export (:attr:`Tool.detect`), how many
header rows come before the answers and how to turn them into one heading per column
(:attr:`Tool.headings`, with the candidate names to match, most specific first), its
standard columns (response id, status, dates, ...) and its answer codes (positions in
the option list, such as LimeSurvey's ``A1`` / ``AO06`` or Qualtrics' numeric values).
Matching headings to questions and recoding answers to Tandem's codes are done by
:mod:`..headers` and :mod:`..recoding`; the tools only describe their files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

Records = Sequence[Sequence[str]]

# What a standard column of a tool is for
RESPONSE_ID = "response_id"
STATUS = "status"  # Qualtrics: IP Address / Survey Preview / ... (0 / 1 / ... numeric)
FINISHED = "finished"  # Qualtrics: True/False (1/0); LimeSurvey: submitdate filled
SUBMITTED = "submitted"  # LimeSurvey: submitdate (empty = unfinished)
LANGUAGE = "language"  # Qualtrics: UserLanguage; LimeSurvey: startlanguage (NL, en, ...)
IGNORED = "ignored"


@dataclass(frozen=True)
class Heading:
    """One column's heading: as shown, and the names to try, most specific first."""

    text: str
    codes: tuple[str, ...] = ()  # names matched as ids or codes only
    texts: tuple[str, ...] = ()  # names matched as question text (exactly, then fuzzy)


def key(text: str) -> str:
    """A heading or cell as compared: case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Tool:
    name: str
    title: str
    header_rows: int
    detect: Callable[[Records], bool]
    headings: Callable[[Records], list[Heading]]
    columns: dict[str, str] = field(default_factory=dict)  # key(heading) -> role
    positions: Callable[[str], int | None] | None = None  # answer code -> position (1-based)
    answer_rows_start: Callable[[Records], int] | None = None

    def role(self, heading: Heading) -> str | None:
        for name in (heading.text, *heading.codes):
            role = self.columns.get(key(name))
            if role is not None:
                return role
        return None

    def first_answer_row(self, records: Records) -> int:
        """0-based index of the first answer row."""
        if self.answer_rows_start is not None:
            return self.answer_rows_start(records)
        return self.header_rows


def first_row(records: Records) -> list[str]:
    return [c.strip() for c in records[0]] if records else []


def row_keys(records: Records, index: int = 0) -> set[str]:
    return {key(c) for c in records[index]} if len(records) > index else set()


def plain_headings(records: Records) -> list[Heading]:
    """One header row: each cell its own heading, matched as id/code and as text."""
    return [Heading(c, codes=(c,), texts=bracketed(c)) for c in first_row(records)]


_BRACKETED = re.compile(r"^(?P<title>.*?)\s*\[(?P<row>[^\[\]]*)\]\s*$", re.S)


def bracketed(text: str) -> tuple[str, ...]:
    """``Title [Row]`` (a grid or array row): the row text, then the whole heading."""
    match = _BRACKETED.match(text)
    if match and match["row"].strip():
        return (match["row"].strip(), text)
    return (text,)


def numeric_position(text: str) -> int | None:
    """A whole number as the position of an answer in its option list."""
    stripped = text.strip()
    if stripped.isdigit() and len(stripped) <= 3:
        return int(stripped)
    try:
        value = float(stripped.replace(",", "."))
    except ValueError:
        return None
    return int(value) if value.is_integer() and 0 < value < 1000 else None
