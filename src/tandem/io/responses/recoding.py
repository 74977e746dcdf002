"""Recoding the cell texts of a column into answers: Likert numbers, option codes, texts.

Each distinct cell text is judged once by the shared parsers
(:func:`tandem.responses.parse_likert` / :func:`~tandem.responses.parse_choice`) and the
result is spread to the rows with numpy. A text that is not a valid answer comes back
in ``bad`` (category index -> problem) for validation to report; recoding knows
nothing of file formats or of rows.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.i18n import Text
from tandem.instrument.model import DONT_KNOW, Instrument, Item
from tandem.io.responses.sources import key
from tandem.io.responses.table import Column
from tandem.responses import (
    BoolArray,
    FloatArray,
    ObjArray,
    is_dont_know,
    parse_choice,
    parse_language,
    parse_likert,
)


@dataclass
class Recoded[T]:
    values: T  # one per row; NaN / None where empty or bad
    bad: dict[int, Text]  # category index -> why its text is not a valid answer


def likert(column: Column) -> Recoded[FloatArray]:
    return _recode(column, parse_likert, np.full(len(column.cats) + 1, np.nan))


def dont_know(column: Column) -> BoolArray:
    """Per row, whether the answer is "don't know" (read as missing by :func:`likert`)."""
    lookup = np.array([is_dont_know(cat) for cat in column.cats] + [False])
    found: BoolArray = lookup[column.codes]
    return found


def language(column: Column) -> Recoded[ObjArray]:
    """The respondents' languages (``nl``/``en``, "" when empty)."""
    return _recode(column, parse_language, np.full(len(column.cats) + 1, "", dtype=object))


def choice(item: Item, column: Column) -> Recoded[ObjArray]:
    empty = np.full(len(column.cats) + 1, None, dtype=object)
    return _recode(column, lambda cat: parse_choice(item, cat), empty)


def _recode(
    column: Column,
    parse: Callable[[str], tuple[object, Text | None]],
    lookup: npt.NDArray[Any],
) -> Recoded[npt.NDArray[Any]]:
    """Parse each distinct text once and spread the values to the rows.

    ``lookup`` comes filled with the empty value, one slot per distinct text plus a
    last one for missing cells (code -1).
    """
    bad: dict[int, Text] = {}
    for k, cat in enumerate(column.cats):
        value, problem = parse(cat)
        if problem is None:
            lookup[k] = value
        else:
            bad[k] = problem
    return Recoded(lookup[column.codes], bad)


def text(column: Column) -> ObjArray:
    lookup = np.full(len(column.cats) + 1, None, dtype=object)
    lookup[: len(column.cats)] = [c.strip() or None for c in column.cats]
    result: ObjArray = lookup[column.codes]
    return result


# ------------------------------------------------------------------ other tools' answers
# Exports of other survey tools write labels ("Mee eens", "Somewhat agree"), answer
# codes (LimeSurvey's A1 / AO06) or positions in the option list (Qualtrics' numeric
# values). They are recoded to Tandem's codes here, cell text by cell text; the label
# sets are data (labels.toml next to this module).

LABELS_FILE = Path(__file__).with_name("labels.toml")
MISSING = ""  # recoded: no answer (an empty cell)


@dataclass(frozen=True)
class AnswerLabels:
    """Per option set: key(label) -> Tandem code; plus the don't-know labels."""

    by_set: dict[str, dict[str, str]]
    dont_know: frozenset[str]

    @classmethod
    def load(cls, instrument: Instrument, path: Path = LABELS_FILE) -> AnswerLabels:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        by_set: dict[str, dict[str, str]] = {}
        for set_id, option_set in instrument.option_sets.items():
            table: dict[str, str] = {}
            for option in option_set.options:  # Tandem's own codes and labels first
                for text in (option.code, option.label.nl, option.label.en):
                    table.setdefault(key(text), option.code)
            for code, labels in data.get("option_sets", {}).get(set_id, {}).items():
                for label in labels:
                    table.setdefault(key(label), str(code))
            by_set[set_id] = table
        dont_know = frozenset(key(t) for t in data.get("dont_know", {}).get("labels", []))
        return cls(by_set=by_set, dont_know=dont_know)

    def recode(
        self, item: Item, text: str, positions: Callable[[str], int | None] | None
    ) -> str | None:
        """The Tandem code of ``text`` as an answer to ``item``; None when unknown.

        ``MISSING`` for an empty cell; ``dk`` for don't know (or not applicable) where
        the question has it as an answer: on a Likert item it is then read as missing by
        the analysis but kept apart for the research export.
        """
        stripped = text.strip()
        if not stripped:
            return MISSING
        options = item.options
        if options is None:
            return stripped
        codes = options.codes
        has_dk = DONT_KNOW in codes
        likert = options.kind == "likert"
        if positions is not None:
            place = positions(stripped)
            if place is not None:
                if 1 <= place <= len(codes):
                    return codes[place - 1]
                return None
        k = key(stripped)
        code: str | None = self.by_set.get(options.id, {}).get(k)
        if code is None and k in self.dont_know:
            code = DONT_KNOW if has_dk else MISSING
        if code is None and likert:
            value, problem = parse_likert(stripped)
            if problem is None:
                return MISSING if np.isnan(value) else str(int(value))
        if code is None:
            return None
        return code
