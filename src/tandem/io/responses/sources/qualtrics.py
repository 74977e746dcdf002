"""Qualtrics: "Export data" as CSV, TSV or XLSX, choice text or numeric values.

Three header rows: the column ids (``StartDate``, ..., ``ResponseId``, ``Q1``,
``Q5_1``); the question texts, ``Question - Statement`` for the rows of a matrix, in
the account's language; and ``{"ImportId":"QID5_1"}`` JSON, with the time zone for
dates. Metadata columns come first; anonymised surveys omit IP and recipient columns.
``Status`` (shown as "Response Type") is ``IP Address`` / ``Survey Preview`` /
``Survey Test`` / ``Spam`` / ``Imported`` as text, 0 / 1 / 2 / 8 / 4 numeric; spam
flagged on a preview or an import reads ``Preview Spam`` / ``Imported Spam``. Previews,
tests and spam are not answers: they are left out and counted in the import report.
``Finished`` is True/False or 1/0. Numeric exports give the answer's recode value, by
default its position in the list.
"""

from __future__ import annotations

from tandem.io.responses.sources import (
    FINISHED,
    IGNORED,
    LANGUAGE,
    RESPONSE_ID,
    STATUS,
    Heading,
    Records,
    Tool,
    first_row,
    key,
    numeric_position,
)

# Status values (as compared: ``key`` of the text, or the number) of rows left out
PREVIEW = frozenset({"survey preview", "1"})
TEST = frozenset({"survey test", "2"})
SPAM = frozenset({"spam", "8", "preview spam", "imported spam"})
NOT_FINISHED = frozenset({"false", "0"})

_STANDARD = {
    "StartDate": IGNORED, "EndDate": IGNORED, "Status": STATUS, "IPAddress": IGNORED,
    "Progress": IGNORED, "Duration (in seconds)": IGNORED, "Finished": FINISHED,
    "RecordedDate": IGNORED, "ResponseId": RESPONSE_ID, "ResponseID": RESPONSE_ID,
    "RecipientLastName": IGNORED, "RecipientFirstName": IGNORED,
    "RecipientEmail": IGNORED, "ExternalReference": IGNORED,
    "ExternalDataReference": IGNORED, "LocationLatitude": IGNORED,
    "LocationLongitude": IGNORED, "DistributionChannel": IGNORED,
    "UserLanguage": LANGUAGE, "Q_RecaptchaScore": IGNORED, "Q_RelevantIDDuplicate": IGNORED,
}


def _detect(records: Records) -> bool:
    if len(records) < 3:
        return False
    third = [c.strip() for c in records[2] if c.strip()]
    import_ids = sum(1 for c in third if c.startswith("{") and "importid" in c.casefold())
    return bool(third) and import_ids >= 0.5 * len(third)


def _headings(records: Records) -> list[Heading]:
    ids = first_row(records)
    texts = [c.strip() for c in records[1]] if len(records) > 1 else []
    out: list[Heading] = []
    for pos, column_id in enumerate(ids):
        text = texts[pos] if pos < len(texts) else ""
        candidates: list[str] = []
        if " - " in text:  # a matrix row: "Question - Statement" (either may hold " - ")
            candidates += [text.rsplit(" - ", 1)[1], text.split(" - ", 1)[1]]
        if text:
            candidates.append(text)
        out.append(Heading(text or column_id, codes=(column_id,), texts=tuple(candidates)))
    return out


TOOL = Tool(
    name="qualtrics",
    title="Qualtrics",
    header_rows=3,
    detect=_detect,
    headings=_headings,
    columns={key(k): v for k, v in _STANDARD.items()},
    positions=numeric_position,
)
