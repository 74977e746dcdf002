"""Reading an uploaded list of people (.csv, .txt, .xlsx) into text for
:func:`~tandem.web.scans.services.invitation_lists.invitation_read_list`, after the checks
of :mod:`tandem.io.safety`; a refused file gets one message naming it.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

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
from tandem.web.scans.services.invitation_lists import InvitationListError

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
