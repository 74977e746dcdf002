"""Validated response data: the one input the analysis core accepts.

A :class:`ResponseSet` holds one row per respondent of one instrument form. Likert
answers are floats 1-5 with NaN for "don't know" or no answer (never a 3); choice
answers are option codes with ``None`` for no answer ("dk" is kept as a code, since
"don't know who decides" is itself a finding). Build one with
:func:`tandem.io.responses.read_responses` (files) or :meth:`ResponseSet.from_records`
(the web app); both validate, so the analysis never has to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tandem.instrument.model import DONT_KNOW, Form, Instrument, Item

FloatArray = npt.NDArray[np.float64]
ObjArray = npt.NDArray[np.object_]


class ResponseDataError(ValueError):
    """Response data that cannot be scored; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem], source: str = "responses") -> None:
        self.problems = problems
        self.source = source
        shown = "\n".join(f"  - {p}" for p in problems[:200])
        more = f"\n  ... and {len(problems) - 200} more" if len(problems) > 200 else ""
        super().__init__(
            f"{source}: {len(problems)} problem(s), nothing was scored:\n{shown}{more}"
        )


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a response file; row is 1-based as in a spreadsheet (header = 1)."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


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

    @property
    def n(self) -> int:
        return int(self.likert.shape[0])

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
            respondent_ids=tuple(np.asarray(self.respondent_ids, dtype=object)[mask])
            if self.respondent_ids
            else (),
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
        choices: dict[str, ObjArray] = {
            i.id: np.full(len(rows), None, dtype=object) for i in items if i.kind == "choice"
        }
        texts: dict[str, ObjArray] = {
            i.id: np.full(len(rows), None, dtype=object) for i in items if i.kind == "text"
        }
        known = {i.id for i in items} | {"respondent"}
        for r, record in enumerate(rows):
            for key in record:
                if key not in known:
                    problems.append(Problem(f"unknown question id {key!r}", row=r + 1))
            for j, item in enumerate(likert_items):
                value, problem = parse_likert(record.get(item.id))
                if problem:
                    problems.append(Problem(problem, row=r + 1, column=item.id))
                likert[r, j] = value
            for item_id, column in choices.items():
                code, problem = parse_choice(instrument.item(item_id), record.get(item_id))
                if problem:
                    problems.append(Problem(problem, row=r + 1, column=item_id))
                column[r] = code
            for item_id, column in texts.items():
                raw = record.get(item_id)
                column[r] = str(raw).strip() or None if raw is not None else None
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
        )


def parse_likert(raw: object) -> tuple[float, str | None]:
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
        return np.nan, f"{raw!r} is not an answer: use 1-5, 'dk' or leave it empty"
    if value not in (1.0, 2.0, 3.0, 4.0, 5.0):
        return np.nan, f"{raw!r} is out of range: use 1-5, 'dk' or leave it empty"
    return value, None


def parse_choice(item: Item, raw: object) -> tuple[str | None, str | None]:
    """A choice answer as its option code, None when empty; or an error message."""
    if raw is None or (isinstance(raw, float) and np.isnan(raw)):
        return None, None
    text = str(raw).strip().lower()
    if text == "":
        return None, None
    assert item.options is not None
    if text in item.options.codes:
        return text, None
    return None, f"{raw!r} is not an option: use one of {', '.join(item.options.codes)}"
