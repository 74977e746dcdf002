"""Validated response data: the one input the analysis core accepts.

A :class:`ResponseSet` holds one row per respondent of one instrument form. Likert
answers are floats 1-5 with NaN for "don't know" or no answer (never a 3); which of
those NaN were "don't know" is kept apart (``likert_dk``), for exports that show the
answer as given; the analysis never reads it. Choice answers are option codes with
``None`` for no answer ("dk" is kept as a code, since "don't know who decides" is
itself a finding). Each respondent's language (``nl``/``en``, "" when unknown) is kept
when the source says it. Build one with
:func:`tandem.io.responses.read_responses` (files) or :meth:`ResponseSet.from_records`
(the web app); both validate, so the analysis never has to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.i18n import LANGUAGES, Text, plural
from tandem.instrument.model import DONT_KNOW, Form, Instrument, Item

FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]
BoolArray = npt.NDArray[np.bool_]
#: The optional column (and record key) with the language a respondent answered in.
LANGUAGE = "language"


class ResponseDataError(ValueError):
    """Response data that cannot be scored; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], source: str = "responses") -> None:
        self.problems = problems
        self.source = source
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        """Every problem (the first 200) in ``lang``, under a line naming the source."""
        shown = "\n".join(f"  - {p.describe(lang)}" for p in self.problems[:200])
        rest = len(self.problems) - 200
        more = f"\n  {_MORE(lang).format(n=rest)}" if rest > 0 else ""
        n = len(self.problems)
        head = plural(n, _REFUSED_ONE, _REFUSED)(lang).format(source=self.source, n=n)
        return f"{head}:\n{shown}{more}"


_REFUSED_ONE = Text("{source}: 1 probleem, er is niets berekend",
                    "{source}: 1 problem, nothing was scored")
_REFUSED = Text("{source}: {n} problemen, er is niets berekend",
                "{source}: {n} problems, nothing was scored")
_MORE = Text("... en nog {n}", "... and {n} more")
_ROW = Text("rij", "row")
_COLUMN = Text("kolom", "column")


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a response file; row is 1-based as in a spreadsheet (header = 1).

    ``message`` is English (logs, the API, ``str()``); ``nl`` the same in Dutch, shown to
    a Dutch reader; empty where a message exists only in English (a library's own)."""

    message: str
    row: int | None = None
    column: str | None = None
    nl: str = ""

    @classmethod
    def of(cls, text: Text | str, row: int | None = None,
           column: str | None = None) -> Problem:
        """A problem from a bilingual text (or an English-only one)."""
        if isinstance(text, Text):
            return cls(text.en, row=row, column=column, nl=text.nl)
        return cls(text, row=row, column=column)

    def in_language(self, lang: str) -> str:
        """The message alone, in ``lang`` where it was written in it."""
        return self.nl if lang == "nl" and self.nl else self.message

    def describe(self, lang: str = "en") -> str:
        """Where (row, column) and what, in ``lang``."""
        where = []
        if self.row is not None:
            where.append(f"{_ROW(lang)} {self.row}")
        if self.column is not None:
            where.append(f"{_COLUMN(lang)} {self.column!r}")
        message = self.in_language(lang)
        return f"{', '.join(where)}: {message}" if where else message

    def __str__(self) -> str:
        return self.describe("en")


@dataclass(frozen=True)
class ResponseSet:
    """Validated answers of ``n`` respondents to one instrument form."""

    instrument: Instrument
    form: Form
    likert_ids: tuple[str, ...]
    likert: FloatArray  # shape (n, len(likert_ids)), raw 1-5 codes (not reverse-keyed), NaN missing
    choices: dict[str, ObjArray]  # item id -> codes (str) or None, shape (n,)
    texts: dict[str, ObjArray] = field(default_factory=dict)  # open answers, None when empty
    respondent_ids: tuple[str, ...] = ()
    # shape of ``likert``: True where the answer was "don't know" (NaN in ``likert``);
    # None when the source kept no such answers apart
    likert_dk: BoolArray | None = None
    languages: tuple[str, ...] = ()  # per respondent "nl", "en" or ""; () when unknown

    @property
    def n(self) -> int:
        return int(self.likert.shape[0])

    def dont_know(self, item_id: str) -> BoolArray:
        """Per respondent, whether the answer to Likert item ``item_id`` was "don't know"."""
        if self.likert_dk is None:
            return np.zeros(self.n, dtype=bool)
        column: BoolArray = self.likert_dk[:, self.likert_ids.index(item_id)]
        return column

    def language_column(self) -> ObjArray:
        """Each respondent's language, None where unknown."""
        column = np.full(self.n, None, dtype=object)
        if self.languages:
            column[:] = [code or None for code in self.languages]
        return column

    @property
    def department(self) -> ObjArray:
        return self.choices["department"]

    def column(self, item_id: str) -> FloatArray:
        return self.likert[:, self.likert_ids.index(item_id)]

    def subset(self, mask: npt.NDArray[np.bool_]) -> ResponseSet:
        """The respondents where ``mask`` is true (used for filters and comparisons)."""
        return ResponseSet(
            instrument=self.instrument,
            form=self.form,
            likert_ids=self.likert_ids,
            likert=self.likert[mask],
            choices={k: v[mask] for k, v in self.choices.items()},
            texts={k: v[mask] for k, v in self.texts.items()},
            respondent_ids=_masked(self.respondent_ids, mask),
            likert_dk=self.likert_dk[mask] if self.likert_dk is not None else None,
            languages=_masked(self.languages, mask),
        )

    @classmethod
    def from_records(
        cls,
        instrument: Instrument,
        form: Form,
        records: Iterable[Mapping[str, Any]],
        *,
        settings: frozenset[str] = frozenset({"should_decide", "segment"}),
    ) -> ResponseSet:
        """Build from answer dicts ``{item_id: code}`` (codes as strings, "dk" or "" allowed).

        Raises :class:`ResponseDataError` naming record and item for every bad value.
        """
        items = instrument.items_for(form, settings)
        rows = list(records)
        problems: list[Problem] = []
        likert_items = [i for i in items if i.kind == "likert"]
        likert = np.full((len(rows), len(likert_items)), np.nan)
        likert_dk = np.zeros(likert.shape, dtype=bool)
        languages: list[str] = []
        choices: dict[str, ObjArray] = {
            i.id: np.full(len(rows), None, dtype=object) for i in items if i.kind == "choice"
        }
        texts: dict[str, ObjArray] = {
            i.id: np.full(len(rows), None, dtype=object) for i in items if i.kind == "text"
        }
        known = {i.id for i in items} | {"respondent", LANGUAGE}
        for r, record in enumerate(rows):
            for key in record:
                if key not in known:
                    problems.append(Problem.of(Text(f"onbekende vraag-id {key!r}",
                                                     f"unknown question id {key!r}"), row=r + 1))
            for j, item in enumerate(likert_items):
                value, problem = parse_likert(record.get(item.id))
                if problem:
                    problems.append(Problem.of(problem, row=r + 1, column=item.id))
                likert[r, j] = value
                likert_dk[r, j] = is_dont_know(record.get(item.id))
            for item_id, column in choices.items():
                code, problem = parse_choice(instrument.item(item_id), record.get(item_id))
                if problem:
                    problems.append(Problem.of(problem, row=r + 1, column=item_id))
                column[r] = code
            for item_id, column in texts.items():
                raw = record.get(item_id)
                column[r] = str(raw).strip() or None if raw is not None else None
            language, problem = parse_language(record.get(LANGUAGE))
            if problem:
                problems.append(Problem.of(problem, row=r + 1, column=LANGUAGE))
            languages.append(language)
        if problems:
            raise ResponseDataError(problems)
        return cls(
            instrument=instrument,
            form=form,
            likert_ids=tuple(i.id for i in likert_items),
            likert=likert,
            choices=choices,
            texts=texts,
            respondent_ids=tuple(str(r.get("respondent", i + 1)) for i, r in enumerate(rows)),
            likert_dk=likert_dk,
            languages=tuple(languages) if any(languages) else (),
        )


def _masked(values: tuple[str, ...], mask: npt.NDArray[np.bool_]) -> tuple[str, ...]:
    return tuple(np.asarray(values, dtype=object)[mask]) if values else ()


def parse_likert(raw: object) -> tuple[float, Text | None]:
    """A Likert answer as float 1-5, NaN for don't know/empty; or an error message."""
    if raw is None:
        return np.nan, None
    if isinstance(raw, float) and np.isnan(raw):
        return np.nan, None
    text = str(raw).strip().lower()
    if text in ("", DONT_KNOW):
        return np.nan, None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return np.nan, Text(f"{raw!r} is geen antwoord: gebruik 1-5, 'dk' of laat het leeg",
                            f"{raw!r} is not an answer: use 1-5, 'dk' or leave it empty")
    if value not in (1.0, 2.0, 3.0, 4.0, 5.0):
        return np.nan, Text(f"{raw!r} valt buiten de schaal: gebruik 1-5, 'dk' of laat het leeg",
                            f"{raw!r} is out of range: use 1-5, 'dk' or leave it empty")
    return value, None


def is_dont_know(raw: object) -> bool:
    """Whether a raw answer is "don't know" (``dk``, any case or spacing)."""
    return isinstance(raw, str) and raw.strip().lower() == DONT_KNOW


def parse_language(raw: object) -> tuple[str, Text | None]:
    """A respondent's language as ``nl``/``en`` ("" when empty); or an error message.

    Regional codes are read as their language (``nl-NL``, ``EN_gb``).
    """
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return "", None
    text = str(raw).strip().lower().replace("_", "-").split("-")[0]
    if text == "":
        return "", None
    if text in LANGUAGES:
        return text, None
    return "", Text(
        f"{raw!r} is geen taal van de vragenlijst: gebruik nl of en, of laat het leeg",
        f"{raw!r} is not a language of the questionnaire: use nl or en, or leave it empty")


def parse_choice(item: Item, raw: object) -> tuple[str | None, Text | None]:
    """A choice answer as its option code, None when empty; or an error message."""
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return None, None
    text = str(raw).strip().lower()
    if text == "":
        return None, None
    assert item.options is not None
    if text in item.options.codes:
        return text, None
    codes = ", ".join(item.options.codes)
    return None, Text(f"{raw!r} is geen keuzemogelijkheid: gebruik een van {codes}",
                      f"{raw!r} is not an option: use one of {codes}")
