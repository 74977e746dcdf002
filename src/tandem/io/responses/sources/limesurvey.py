"""LimeSurvey: Responses > Export as CSV or Excel, headings as codes or full text.

Question codes hold only letters and digits (at most 20 characters; Tandem's
questionnaire export gives each item :func:`tandem.instrument.codes.limesurvey_code`),
array rows appear as ``ARRAY[SUB]``; with "question code & question text" headings
read ``CODE. Question text``. Answer codes are ``A1``, ``AO01``, ... in the order
of the option list. The standard columns are ``id``, ``submitdate``, ``lastpage``,
``startlanguage``, ``seed``, ``startdate``, ``datestamp``, ``ipaddr``, ``refurl``, or in a
full-text export ``Response ID``, ``Date submitted``, ``Last page``, ``Start language``,
``Seed``, ``Date started``, ``Date last action``, ``IP address``, ``Referrer URL`` (the
Dutch interface: ``Antwoord ID``, ``Datum verstuurd``, ``Laatste pagina``, ``Starttaal``).
An empty submit date is an unfinished response; questions never shown are empty.
"""

from __future__ import annotations

import re

from tandem.io.responses.sources import (
    IGNORED,
    LANGUAGE,
    RESPONSE_ID,
    SUBMITTED,
    Heading,
    Records,
    Tool,
    bracketed,
    first_row,
    key,
    numeric_position,
)

_STANDARD = {
    "id": RESPONSE_ID, "Response ID": RESPONSE_ID, "Antwoord ID": RESPONSE_ID,
    "submitdate": SUBMITTED, "Date submitted": SUBMITTED, "Datum verstuurd": SUBMITTED,
    "lastpage": IGNORED, "Last page": IGNORED, "Laatste pagina": IGNORED,
    "startlanguage": LANGUAGE, "Start language": LANGUAGE, "Starttaal": LANGUAGE,
    "seed": IGNORED, "Seed": IGNORED, "token": IGNORED, "Token": IGNORED,
    "startdate": IGNORED, "Date started": IGNORED, "Startdatum": IGNORED,
    "datestamp": IGNORED, "Date last action": IGNORED, "Datum laatste actie": IGNORED,
    "ipaddr": IGNORED, "IP address": IGNORED, "IP-adres": IGNORED,
    "refurl": IGNORED, "Referrer URL": IGNORED, "Verwijzende URL": IGNORED,
    "interviewtime": IGNORED, "Total time": IGNORED, "Totale tijd": IGNORED,
}
_MARKERS = ({"id", "submitdate", "lastpage", "startlanguage"},
            {"response id", "date submitted", "last page", "start language"},
            {"antwoord id", "datum verstuurd", "laatste pagina", "starttaal"})
_CODE = re.compile(r"^(?P<q>[A-Za-z][A-Za-z0-9]{0,19})(\[(?P<sub>[A-Za-z0-9]{1,20})\])?$")
_CODE_AND_TEXT = re.compile(
    r"^(?P<code>[A-Za-z][A-Za-z0-9]{0,19}(\[[A-Za-z0-9]{1,20}\])?)\.\s+(?P<text>.+)$", re.S
)
_ANSWER = re.compile(r"^A[O]?0*(?P<n>[1-9][0-9]{0,2})$", re.I)


def _detect(records: Records) -> bool:
    keys = {key(c) for c in first_row(records)}
    return any(len(keys & m) >= 3 for m in _MARKERS)


def _headings(records: Records) -> list[Heading]:
    out: list[Heading] = []
    for cell in first_row(records):
        both = _CODE_AND_TEXT.match(cell)  # "Question code & question text" headings
        code, text = (both["code"], both["text"]) if both else (cell, cell)
        match = _CODE.match(code)
        if match:  # a code heading: the array row's code, then the question's
            codes = tuple(c for c in (match["sub"], match["q"], code) if c)
            out.append(Heading(cell, codes=codes, texts=bracketed(text) if both else ()))
        else:  # full text: "Question [Row]"
            out.append(Heading(cell, codes=(cell,), texts=bracketed(cell)))
    return out


def position(text: str) -> int | None:
    match = _ANSWER.match(text.strip())
    return int(match["n"]) if match else numeric_position(text)


TOOL = Tool(
    name="limesurvey",
    title="LimeSurvey",
    header_rows=1,
    detect=_detect,
    headings=_headings,
    columns={key(k): v for k, v in _STANDARD.items()},
    positions=position,
)
