"""The open answers section (only those the core shows)."""

from __future__ import annotations

import contextlib
from typing import Any

from tandem.contract.result import Result
from tandem.report.pdf._blocks import _para, _section
from tandem.report.pdf._words import T
from tandem.report.wording import result_instrument


def _comments(result: Result, lang: str) -> dict[str, Any]:
    instrument = result_instrument(result)
    blocks: list[dict[str, Any]] = [_para(T["comments_lead"](lang), "lead")]
    for comment_set in result.comments:
        if not comment_set.shown:
            continue
        question = comment_set.question
        if instrument is not None:
            with contextlib.suppress(KeyError):
                question = instrument.item(question).text(lang)
        blocks += [_para(question, "h2"), {"kind": "quotes", "texts": list(comment_set.texts)}]
    return _section(T["comments"](lang), blocks)
