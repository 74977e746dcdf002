"""The open answers section (only those the core shows), per group or pooled as it decided."""

from __future__ import annotations

import contextlib
from typing import Any

from tandem.contract.result import Result
from tandem.report.pdf._blocks import _para, _section
from tandem.report.pdf._words import T
from tandem.report.wording import comment_source, result_instrument


def _comments(result: Result, lang: str) -> dict[str, Any]:
    instrument = result_instrument(result)
    blocks: list[dict[str, Any]] = [_para(T["comments_lead"](lang), "lead")]
    heading = None
    for comment_set in result.comments:
        if not comment_set.shown:
            continue
        if comment_set.question != heading:
            heading = comment_set.question
            question = heading
            if instrument is not None:
                with contextlib.suppress(KeyError):
                    question = instrument.item(heading).text(lang)
            blocks.append(_para(question, "h2"))
        blocks += [_para(comment_source(result, comment_set, lang), "h3"),
                   {"kind": "quotes", "texts": list(comment_set.texts)}]
    return _section(T["comments"](lang), blocks)
