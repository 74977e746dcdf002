"""Reading a list of people to invite: pasted text or an uploaded file (.csv, .txt,
.xlsx), one address per line with an optional department; every wrong line is named.

Nothing is written here: :mod:`.invitations` creates the invitations from the entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

from tandem.io.safety import (
    INVITATION_LIST_LIMITS,
    RejectedFileError,
    cell_text,
    check_size,
    decode_text,
    is_old_excel,
    is_zip,
    read_first_sheet,
)
from tandem.web.accounts.models import normalise_email
from tandem.web.scans.models import Scan

MAX_INVITATIONS_PER_PASTE = 5000


@dataclass(frozen=True, slots=True)
class InvitationEntry:
    email: str
    department: str


class InvitationListError(ValueError):
    """Lines of a pasted/uploaded list that are wrong; each message names its line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def department_codes(scan: Scan) -> dict[str, str]:
    """Accepted spellings (code, Dutch and English label; lower case) -> department code."""
    item = scan.instrument.item("department")
    assert item.options is not None
    spellings: dict[str, str] = {}
    for option in item.options.options:
        for name in (option.code, option.label.nl, option.label.en):
            spellings[name.strip().lower()] = option.code
    return spellings


_SPLIT = re.compile(r"[,;\t]")


def invitation_parse_list(*, scan: Scan, text: str) -> list[InvitationEntry]:
    """Parse ``email`` or ``email,department`` per line (``;`` or tab also work).

    Blank lines and lines starting with ``#`` are skipped, as is a header line
    ``email[,department]``. Raises :class:`InvitationListError` with every problem.
    """
    departments = department_codes(scan)
    entries: list[InvitationEntry] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for number, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        parts = [p.strip().strip('"') for p in _SPLIT.split(line)]
        if number == 1 and parts[0].lower() in ("email", "e-mail", "e-mailadres", "emailadres"):
            continue
        if len(parts) > 2:
            problems.append(_("line %(line)d: expected 'email' or 'email,department', got "
                              "%(count)d fields") % {"line": number, "count": len(parts)})
            continue
        email = normalise_email(parts[0])
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("line %(line)d: “%(value)s” is not an e-mail address")
                            % {"line": number, "value": parts[0]})
            continue
        department = ""
        if len(parts) == 2 and parts[1]:
            code = departments.get(parts[1].lower())
            if code is None:
                known = ", ".join(sorted(set(departments.values())))
                problems.append(_("line %(line)d: unknown department “%(value)s” (use one "
                                  "of %(known)s)")
                                % {"line": number, "value": parts[1], "known": known})
                continue
            department = code
        if email in seen:
            problems.append(_("line %(line)d: %(email)s is already on line %(first)d")
                            % {"line": number, "email": email, "first": seen[email]})
            continue
        seen[email] = number
        entries.append(InvitationEntry(email=email, department=department))
    if len(entries) > MAX_INVITATIONS_PER_PASTE:
        problems.append(_("at most %(max)d addresses at a time")
                        % {"max": MAX_INVITATIONS_PER_PASTE})
    if problems:
        raise InvitationListError(problems)
    return entries


INVITATION_FILE_SUFFIXES = (".csv", ".txt", ".xlsx")


def invitation_file_text(*, name: str, data: bytes) -> str:
    """The text of an uploaded list, for :func:`invitation_parse_list`.

    The content decides, not only the name: the name must end in .csv, .txt or .xlsx; a
    workbook (zip) is read from its first sheet (column A the address, B the department;
    a sheet row is a line) after the checks of :mod:`tandem.io.safety` (zip bombs,
    size); text must be UTF-8, UTF-16 with a BOM or Windows-1252 and not binary. Raises
    :class:`InvitationListError` with one message naming the file.
    """
    base = PurePath(name).name or "?"
    suffix = PurePath(base).suffix.lower()
    try:
        check_size(len(data), base, INVITATION_LIST_LIMITS)
        if is_old_excel(data):  # .xls, or .xlsx with a password: say so, whatever the name
            raise RejectedFileError("old_excel", base)
        if suffix not in INVITATION_FILE_SUFFIXES:
            raise InvitationListError([_("“%(name)s” is not a .csv, .txt or .xlsx file.")
                                       % {"name": base}])
        if is_zip(data) or suffix == ".xlsx":
            rows = read_first_sheet(data, base, INVITATION_LIST_LIMITS)
            return "\n".join(
                "\t".join(" ".join(cell_text(v).split()) for v in row) for row in rows
            )
        return decode_text(data, base).text
    except RejectedFileError as exc:
        raise InvitationListError([rejection_message(exc)]) from exc


# Messages for files refused by :mod:`tandem.io.safety`, by its reason code.
_UNREADABLE = gettext_lazy("“%(name)s” is not a readable Excel file (.xlsx): save it again in "
                           "Excel, or as CSV UTF-8.")
_REJECTIONS: dict[str, StrOrPromise] = {
    "too_large": gettext_lazy("“%(name)s” is larger than %(limit_mb)s MB."),
    "not_zip": _UNREADABLE,
    "unreadable_xlsx": _UNREADABLE,
    "not_xlsx": gettext_lazy("“%(name)s” is a zip archive, not an Excel file (.xlsx)."),
    "zip_members": gettext_lazy("“%(name)s” holds too many parts (%(count)d; at most %(limit)d) "
                                "for an address list."),
    "zip_total": gettext_lazy("“%(name)s” would unpack to %(size_mb)s MB; at most %(limit_mb)s MB "
                              "is accepted."),
    "zip_ratio": gettext_lazy("“%(name)s” is refused: it is compressed %(ratio)d:1, as only a zip "
                              "bomb is."),
    "zip_encrypted": gettext_lazy("“%(name)s” is protected with a password: remove the password "
                                  "and save it again."),
    "zip_method": gettext_lazy("“%(name)s” uses a compression Excel does not write: save it again "
                               "in Excel."),
    "old_excel": gettext_lazy("“%(name)s” is an old Excel file (.xls) or one with a password: save "
                              "it as .xlsx without a password, or as CSV UTF-8."),
    "too_many_rows": gettext_lazy("“%(name)s”: the first sheet has more than %(limit)d rows."),
    "too_many_cells": gettext_lazy("“%(name)s”: the first sheet has more than %(limit)d filled "
                                   "cells."),
    "binary": gettext_lazy("“%(name)s”, line %(line)d: binary data, not text. Save the list as CSV "
                           "UTF-8 or as .xlsx."),
    "encoding": gettext_lazy("“%(name)s”, line %(line)d: the text is not in a known encoding (byte "
                             "0x%(byte)02X). Save the list as CSV UTF-8."),
}


def rejection_message(exc: RejectedFileError) -> str:
    """The translated message for a file refused by :mod:`tandem.io.safety`."""
    values: dict[str, Any] = {"name": exc.name, "line": exc.line or 1, **exc.params}
    return str(_REJECTIONS.get(exc.reason, _REJECTIONS["encoding"])) % values
