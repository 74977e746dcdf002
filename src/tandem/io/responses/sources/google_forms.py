"""Google Forms: Responses tab > Download responses (.csv), or the linked sheet.

One header row: ``Timestamp`` (``Tijdstempel`` in Dutch) first, optionally
``Email Address`` / ``E-mailadres`` and ``Score``, then one column per question; a
multiple-choice grid gives one column per row, headed ``Title [Row]``. Answers are the
option texts as written in the form.
"""

from __future__ import annotations

from tandem.io.responses.sources import (
    IGNORED,
    Records,
    Tool,
    first_row,
    key,
    plain_headings,
)

_STANDARD = {
    "Timestamp": IGNORED, "Tijdstempel": IGNORED, "Email Address": IGNORED,
    "E-mailadres": IGNORED, "Score": IGNORED,
}


def _detect(records: Records) -> bool:
    head = first_row(records)
    return bool(head) and key(head[0]) in ("timestamp", "tijdstempel")


TOOL = Tool(
    name="google-forms",
    title="Google Forms",
    header_rows=1,
    detect=_detect,
    headings=plain_headings,
    columns={key(k): v for k, v in _STANDARD.items()},
)
