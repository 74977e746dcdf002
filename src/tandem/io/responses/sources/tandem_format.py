"""Tandem's own format: one header row of question ids (see docs/data-format.md)."""

from __future__ import annotations

from tandem.io.responses.sources import LANGUAGE, RESPONSE_ID, Records, Tool, plain_headings


def _detect(records: Records) -> bool:
    return True  # the fallback: anything no other tool claims


TOOL = Tool(
    name="tandem",
    title="Tandem",
    header_rows=1,
    detect=_detect,
    headings=plain_headings,
    columns={"respondent": RESPONSE_ID, "language": LANGUAGE},
)
