"""Assembling a :class:`~tandem.responses.ResponseSet` from a read table and its plan."""

from __future__ import annotations

import numpy as np

from tandem.i18n import Text
from tandem.instrument.model import Instrument
from tandem.io.responses import recoding
from tandem.io.responses.headers import RESPONDENT, Plan
from tandem.io.responses.report import Report
from tandem.io.responses.table import Table
from tandem.io.responses.validation import (
    check_answers,
    check_unnamed,
    respondents,
    without_blank_rows,
)
from tandem.responses import LANGUAGE, ObjArray, ResponseSet


def build(
    table: Table,
    plan: Plan,
    instrument: Instrument,
    settings: frozenset[str],
    report: Report,
) -> ResponseSet | None:
    """The responses, or None when ``report`` gained problems (it says why)."""
    table = without_blank_rows(table)
    n = len(table.rows)
    if n == 0:
        report.add(Text("het bestand heeft een kopregel maar geen rijen met antwoorden",
                        "the file has a header but no answer rows"))
        return None
    check_unnamed(table, plan.unnamed, report)

    items = instrument.items_for(plan.form, settings)
    by_id = {target: pos for pos, target in plan.targets.items()}
    likert_items = [i for i in items if i.kind == "likert"]
    likert = np.full((n, len(likert_items)), np.nan)
    likert_dk = np.zeros(likert.shape, dtype=bool)
    choices: dict[str, ObjArray] = {}
    texts: dict[str, ObjArray] = {}
    for j, item in enumerate(likert_items):
        if item.id in by_id:
            pos = by_id[item.id]
            column = table.columns[pos]
            likert[:, j] = check_answers(
                recoding.likert(column), column, table.rows, plan.labels[pos], report
            )
            likert_dk[:, j] = recoding.dont_know(column)
    for item in items:
        if item.kind not in ("choice", "text"):
            continue
        pos_or_none = by_id.get(item.id)
        if pos_or_none is None:
            missing = np.full(n, None, dtype=object)
            (choices if item.kind == "choice" else texts)[item.id] = missing
            continue
        column = table.columns[pos_or_none]
        if item.kind == "choice":
            choices[item.id] = check_answers(
                recoding.choice(item, column), column, table.rows, plan.labels[pos_or_none], report
            )
        else:
            texts[item.id] = recoding.text(column)
    if RESPONDENT in by_id:
        pos = by_id[RESPONDENT]
        ids = respondents(table.columns[pos], table.rows, plan.labels[pos], report)
    else:
        ids = tuple(str(i + 1) for i in range(n))
    languages: tuple[str, ...] = ()
    if LANGUAGE in by_id:
        pos = by_id[LANGUAGE]
        column = table.columns[pos]
        found = check_answers(recoding.language(column), column, table.rows, plan.labels[pos],
                              report)
        languages = tuple(found.tolist()) if any(found) else ()
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
        likert_dk=likert_dk,
        languages=languages,
    )
