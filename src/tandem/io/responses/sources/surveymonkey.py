"""SurveyMonkey: Analyze Results > Save as > Export file > All responses data (CSV/XLSX).

Two header rows: the question titles (a blank cell continues the matrix question to
its left) and, under them, the row or option text, or ``Response`` /
``Open-Ended Response`` for a single-answer or open question. Standard columns:
``Respondent ID``, ``Collector ID``, ``Start Date``, ``End Date``, ``IP Address``,
``Email Address``, ``First Name``, ``Last Name``, ``Custom Data 1``. Answers are texts
(or, when chosen, numerical values: positions in the option list).
"""

from __future__ import annotations

from tandem.io.responses.sources import (
    IGNORED,
    RESPONSE_ID,
    Heading,
    Records,
    Tool,
    first_row,
    key,
    numeric_position,
)

_STANDARD = {
    "Respondent ID": RESPONSE_ID, "Collector ID": IGNORED, "Start Date": IGNORED,
    "End Date": IGNORED, "IP Address": IGNORED, "Email Address": IGNORED,
    "First Name": IGNORED, "Last Name": IGNORED, "Custom Data 1": IGNORED,
    "Custom Data": IGNORED,
}
_ROW_TWO = frozenset({"response", "open ended response", "antwoord", "open antwoord"})


def _detect(records: Records) -> bool:
    keys = {key(c) for c in first_row(records)}
    if not {"respondent id", "collector id"} <= keys or len(records) < 2:
        return False
    return any(key(c) in _ROW_TWO for c in records[1])


def _headings(records: Records) -> list[Heading]:
    titles = first_row(records)
    second = [c.strip() for c in records[1]] if len(records) > 1 else []
    out: list[Heading] = []
    title = ""
    for pos, cell in enumerate(titles):
        title = cell or title
        below = second[pos] if pos < len(second) else ""
        if key(title) in {key(k) for k in _STANDARD}:
            out.append(Heading(title, codes=(title,)))
        elif below and key(below) not in _ROW_TWO:
            out.append(Heading(f"{title} - {below}" if cell != below else below,
                               texts=(below, title)))
        else:
            out.append(Heading(title, codes=(title,), texts=(title,)))
    return out


TOOL = Tool(
    name="surveymonkey",
    title="SurveyMonkey",
    header_rows=2,
    detect=_detect,
    headings=_headings,
    columns={key(k): v for k, v in _STANDARD.items()},
    positions=numeric_position,  # the "numerical value" export: positions in the list
)
