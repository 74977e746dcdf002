"""Microsoft Forms: Responses > Open results in Excel (.xlsx).

One header row: ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` (Dutch:
``Begintijd``, ``Tijdstip van voltooien``, ``E-mail``, ``Naam``), sometimes ``Last
modified time``, then one column per question; a Likert question gives one column per
statement, headed by the statement text only. Columns may come out of order. Answers
are the option texts; the default Likert scale says ``Neutral`` in the middle.
"""

from __future__ import annotations

from tandem.io.responses.sources import (
    IGNORED,
    RESPONSE_ID,
    Records,
    Tool,
    first_row,
    key,
    plain_headings,
)

_STANDARD = {
    "ID": RESPONSE_ID, "Id": RESPONSE_ID, "Start time": IGNORED, "Begintijd": IGNORED,
    "Completion time": IGNORED, "Tijd van voltooien": IGNORED,
    "Tijdstip van voltooien": IGNORED, "Voltooiingstijd": IGNORED, "Email": IGNORED,
    "E-mail": IGNORED, "Name": IGNORED, "Naam": IGNORED, "Last modified time": IGNORED,
    "Laatst gewijzigd": IGNORED, "Tijdstip laatst gewijzigd": IGNORED,
}
_MARKERS = ({"id", "start time", "completion time"},
            {"id", "begintijd", "tijd van voltooien"},
            {"id", "begintijd", "tijdstip van voltooien"},
            {"id", "begintijd", "voltooiingstijd"})


def _detect(records: Records) -> bool:
    keys = {key(c) for c in first_row(records)}
    return any(m <= keys for m in _MARKERS)


TOOL = Tool(
    name="ms-forms",
    title="Microsoft Forms",
    header_rows=1,
    detect=_detect,
    headings=plain_headings,
    columns={key(k): v for k, v in _STANDARD.items()},
)
