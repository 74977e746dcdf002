"""Cell texts of a CRM export as values: dates and times, yes/no, amounts, pseudonyms.

Dates come in the shapes HubSpot and Salesforce write them: ISO 8601 (``2024-03-05``,
``2024-03-05 14:30``, Salesforce's API form ``2024-03-05T14:30:00.000+0000``, a
workbook's own date cells), HubSpot's milliseconds since 1970 (``1709648400000``) and a
report's local form (``05-03-2024 14:30``, ``3/5/2024 2:30 PM``). Whether ``05/03/2024``
is the 5th of March or the 3rd of May is decided once per column: a first part above 12
makes it day first, a second part above 12 month first; when every date fits both, a
column with AM/PM is American (month first), any other is read day first, as Dutch
tools and HubSpot's Dutch exports write it. A date with a time zone is turned into UTC;
one without is kept as written (the account's own time zone), so the hours between two
dates of one export are right.

Record and owner ids are never kept as written: :func:`pseudonym` turns each into a
keyed hash (HMAC-SHA256 with the organisation's own salt), so the same id always gives
the same pseudonym within one organisation, and nothing links it to the CRM outside it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from tandem.i18n import Text

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?",
)
_LOCAL = re.compile(
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})"
    r"(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?)?",
)
_EPOCH_MS = re.compile(r"\d{12,13}")
_EPOCH_FROM = datetime(2000, 1, 1)
_EPOCH_UNTIL = datetime(2100, 1, 1)

TRUE = frozenset({"true", "yes", "ja", "waar", "1", "y", "j", "x", "checked"})
FALSE = frozenset({"false", "no", "nee", "onwaar", "0", "n"})

DATE_EXAMPLES = "2024-03-05, 2024-03-05 14:30, 05-03-2024 or 3/5/2024 2:30 PM"
DATE_EXAMPLES_NL = "2024-03-05, 2024-03-05 14:30, 05-03-2024 of 3/5/2024 2:30 PM"


def _not_amount(text: str) -> Text:
    return Text(f"{text!r} is geen bedrag", f"{text!r} is not an amount")


class BadValueError(ValueError):
    """A cell that is not the value its column holds; the message says what was expected
    (``str()`` in English, ``text`` in both languages)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        super().__init__(text.en)


def pseudonym(salt: bytes, namespace: str, value: str) -> str:
    """A keyed hash of an id: the same id and salt give the same 64 hex digits."""
    message = f"{namespace}\x1f{value}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()


def record_id(text: str) -> str:
    """An id as compared: spacing trimmed; Salesforce's 18-character id and the
    15-character one a report shows name the same record (the last three characters
    are a checksum), so both become the 15-character form."""
    value = text.strip()
    if len(value) == 18 and value.isalnum() and not value.isdigit():
        return value[:15]
    return value


def parse_bool(text: str) -> bool | None:
    """Yes or no; None when the cell is empty (the export does not say)."""
    value = text.strip().casefold()
    if not value:
        return None
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise BadValueError(Text(
        f"{text!r} is geen ja of nee (verwacht TRUE/FALSE, true/false of 1/0)",
        f"{text!r} is not yes or no (expected TRUE/FALSE, true/false or 1/0)"))


def parse_amount(text: str) -> float | None:
    """An amount as a CRM or a spreadsheet writes it: ``12500``, ``12,500.00``,
    ``12.500,00``, ``€ 12.500``; None when empty. A lone comma or point followed by
    exactly three digits separates thousands (``12,500``, ``12.500``: amounts have no
    third decimal); any other lone comma is a decimal comma."""
    value = re.sub(r"[^\d,.\-]", "", text)
    if not value.strip("-"):
        if text.strip():
            raise BadValueError(_not_amount(text))
        return None
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        value = value.replace(thousands, "").replace(decimal, ".")
    elif value.count(",") == 1 and not re.search(r",\d{3}$", value):
        value = value.replace(",", ".")
    elif "," in value:
        value = value.replace(",", "")
    elif value.count(".") > 1 or re.search(r"\d\.\d{3}$", value):
        value = value.replace(".", "")
    try:
        return float(value)
    except ValueError:
        raise BadValueError(_not_amount(text)) from None


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How a column writes its local dates: day first (Dutch) or month first (American)."""

    day_first: bool


def date_order(cells: Sequence[str]) -> DateOrder:
    """The order that the column's local dates (``05/03/2024``) are written in."""
    firsts: list[int] = []
    seconds: list[int] = []
    clock = False
    for cell in cells:
        match = _LOCAL.fullmatch(cell.strip())
        if match is None:
            continue
        firsts.append(int(match[1]))
        seconds.append(int(match[2]))
        clock = clock or bool(match[7])
    if any(f > 12 for f in firsts):
        return DateOrder(day_first=True)
    if any(s > 12 for s in seconds):
        return DateOrder(day_first=False)
    return DateOrder(day_first=not clock)


def parse_datetime(text: str, order: DateOrder) -> datetime | None:
    """A date or date and time; None when the cell is empty. Raises BadValueError."""
    value = text.strip()
    if not value:
        return None
    try:
        parsed = _parse(value, order)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadValueError(Text(
            f"{text!r} is geen datum (verwacht bijvoorbeeld {DATE_EXAMPLES_NL})",
            f"{text!r} is not a date (expected for example {DATE_EXAMPLES})"))
    return parsed


def _parse(value: str, order: DateOrder) -> datetime | None:
    match = _ISO.fullmatch(value)
    if match is not None:
        year, month, day, hour, minute, second, fraction, zone = match.groups()
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          int(second or 0), micro)
        return _in_utc(moment, zone)
    match = _LOCAL.fullmatch(value)
    if match is not None:
        first, second, year, hour, minute, sec, meridiem = match.groups()
        day, month = (first, second) if order.day_first else (second, first)
        full_year = int(year) + (2000 if len(year) == 2 else 0)
        clock = int(hour or 0)
        if meridiem:
            if not 1 <= clock <= 12:
                return None
            clock = clock % 12 + (12 if meridiem[0] in "Pp" else 0)
        return datetime(full_year, int(month), int(day), clock, int(minute or 0), int(sec or 0))
    if _EPOCH_MS.fullmatch(value):
        moment = datetime(1970, 1, 1) + timedelta(milliseconds=int(value))
        return moment if _EPOCH_FROM <= moment < _EPOCH_UNTIL else None
    return None


def _in_utc(moment: datetime, zone: str | None) -> datetime:
    """The moment in UTC when the text names its zone; else as written."""
    if not zone or zone == "Z":
        return moment
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    return moment - sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
