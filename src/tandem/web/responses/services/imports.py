"""Importing answers collected outside Tandem (another survey tool's export, or a file
in Tandem's format) into a scan: upload, inspect, then confirm, all or nothing.

- **Upload** (:func:`import_upload`): the file passes the same guards as on the command
  line (:data:`tandem.io.safety.RESPONSE_FILE_LIMITS`: size, zip bombs, old Excel,
  binary data); a file already imported into this scan (same SHA-256) is refused. The
  bytes are kept server-side in a :class:`PendingImport`, never in the session.
- **Inspect** (``selectors.pending_import_inspect``): the core's import report.
- **Confirm** (:func:`import_confirm`): in one transaction, one ``Response`` per counted
  respondent, with the answers in the shape the survey writes, so an imported answer
  scores as a web answer; the pending file is deleted and the import is audited.

Only a draft or open scan takes imported answers: a closed scan's results are frozen.
Imported responses get the language the file names for the respondent (Qualtrics
``UserLanguage``, LimeSurvey ``startlanguage``) when the scan offers it, else the scan's
default language; and today's date as ``submitted_on`` (the date of the import, like a
web answer's date of submission; no time of day, nothing from the file that could single
out a row).
"""

from __future__ import annotations

import hashlib
from pathlib import PurePath
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from tandem.instrument.model import DONT_KNOW
from tandem.io.safety import (
    RESPONSE_FILE_LIMITS,
    RejectedFileError,
    check_size,
    check_xlsx,
    decode_text,
    is_old_excel,
    is_zip,
)
from tandem.responses import ResponseSet
from tandem.web.accounts.models import User
from tandem.web.organisations.signals import data_imported
from tandem.web.responses.models import PendingImport, Response, ResponseImport, ResponseStatus
from tandem.web.responses.selectors import file_imported, pending_import_inspect
from tandem.web.responses.services import AnswerError, clean_answers
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.scans.services.invitation_files import rejection_message

IMPORT_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
MAX_UPLOAD_BYTES = RESPONSE_FILE_LIMITS.max_bytes
MAPPING_MAX_BYTES = 256 * 1024  # a line per heading: a few KB


class ImportRefused(ValueError):  # noqa: N818 - a refusal, as the survey's LinkUsed
    """The file or the scan does not allow this import; ``problems`` says why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def import_allowed(scan: Scan) -> bool:
    """Answers collected outside Tandem may be added while the scan is a draft or open."""
    return scan.status != ScanStatus.CLOSED


def _refuse_closed(scan: Scan) -> None:
    if not import_allowed(scan):
        raise ImportRefused([_("This scan is closed: its results are final, so no answers "
                               "can be added. Reopen it first, or start a new scan.")])


_ZIP_MEMBERS = gettext_lazy("“%(name)s” holds too many parts (%(count)d; at most %(limit)d) "
                            "for a workbook of answers.")


def import_file_check(*, name: str, data: bytes) -> None:
    """Refuse a hostile or unreadable file before anything parses it (the CLI's limits).

    Raises :class:`ImportRefused` with one message naming the file.
    """
    base = PurePath(name).name or "?"
    suffix = PurePath(base).suffix.lower()
    try:
        check_size(len(data), base, RESPONSE_FILE_LIMITS)
        if is_old_excel(data):
            raise RejectedFileError("old_excel", base)
        if suffix not in IMPORT_FILE_SUFFIXES:
            raise ImportRefused([_("“%(name)s” is not a .csv, .tsv or .xlsx file.")
                                 % {"name": base}])
        if is_zip(data) or suffix == ".xlsx":
            check_xlsx(data, base, RESPONSE_FILE_LIMITS)
        else:
            decode_text(data, base)
    except RejectedFileError as exc:
        if exc.reason == "zip_members":
            raise ImportRefused([str(_ZIP_MEMBERS) % {"name": base, **exc.params}]) from exc
        raise ImportRefused([rejection_message(exc)]) from exc


def mapping_file_check(*, name: str, data: bytes) -> None:
    """A mapping file is a small CSV; its rows are judged when the answers are read."""
    base = PurePath(name).name or "?"
    if PurePath(base).suffix.lower() not in (".csv", ".txt"):
        raise ImportRefused([_("The mapping file “%(name)s” is not a .csv file.")
                             % {"name": base}])
    if len(data) > MAPPING_MAX_BYTES:
        raise ImportRefused([_("The mapping file “%(name)s” is larger than %(kb)d KB.")
                             % {"name": base, "kb": MAPPING_MAX_BYTES // 1024}])
    try:
        decode_text(data, base)
    except RejectedFileError as exc:
        raise ImportRefused([rejection_message(exc)]) from exc


@transaction.atomic
def import_upload(*, scan: Scan, user: User, name: str, data: bytes,
                  source: str = "", mapping: bytes | None = None) -> PendingImport:
    """Keep an uploaded answer file for inspection; refuses a closed scan, a hostile
    file and a file already imported into this scan."""
    scan = Scan.objects.select_for_update().get(pk=scan.pk)
    _refuse_closed(scan)
    import_file_check(name=name, data=data)
    sha256 = hashlib.sha256(data).hexdigest()
    base = PurePath(name).name[:200]
    if file_imported(scan=scan, sha256=sha256):
        raise ImportRefused([_("“%(name)s” has already been imported into this scan.")
                             % {"name": base}])
    PendingImport.objects.filter(scan=scan, uploaded_by=user).delete()  # one at a time
    return PendingImport.objects.create(scan=scan, uploaded_by=user, name=base, source=source,
                                        data=data, sha256=sha256, mapping=mapping)


def import_cancel(*, pending: PendingImport) -> None:
    pending.delete()


def answer_records(responses: ResponseSet) -> list[dict[str, str]]:
    """Each respondent's answers as ``{item_id: code}``, the shape the survey writes
    (``draft_submit``) and ``ResponseSet.from_records`` reads back; unanswered questions
    are absent, as in the survey."""
    records: list[dict[str, str]] = []
    for r in range(responses.n):
        record: dict[str, str] = {}
        for j, item_id in enumerate(responses.likert_ids):
            value = responses.likert[r, j]
            if not np.isnan(value):
                record[item_id] = str(int(value))
            elif responses.likert_dk is not None and responses.likert_dk[r, j]:
                record[item_id] = DONT_KNOW  # as the survey stores it
        for item_id, column in (*responses.choices.items(), *responses.texts.items()):
            value = column[r]
            if value is not None and str(value).strip():
                record[item_id] = str(value).strip()
        records.append(record)
    return records


@transaction.atomic
def import_confirm(*, pending: PendingImport, user: User) -> int:
    """Create one response per counted respondent of the file, all or nothing; returns
    how many. The pending file is deleted; the import is audited."""
    scan = Scan.objects.select_for_update().get(pk=pending.scan_id)
    locked = PendingImport.objects.select_for_update().filter(pk=pending.pk).first()
    if locked is None:  # confirmed or cancelled in another request
        raise ImportRefused([_("This file has already been imported or cancelled.")])
    _refuse_closed(scan)
    if file_imported(scan=scan, sha256=locked.sha256):
        locked.delete()
        raise ImportRefused([_("“%(name)s” has already been imported into this scan.")
                             % {"name": locked.name}])
    inspection = pending_import_inspect(pending=locked)
    if inspection.responses is None:
        raise ImportRefused([p.describe(get_language()) for p in inspection.report.problems])
    records = answer_records(inspection.responses)
    cleaned: list[dict[str, Any]] = []
    for number, record in enumerate(records, start=1):
        try:
            answers = clean_answers(scan, record)
        except AnswerError as exc:
            raise ImportRefused([_("respondent %(number)d: %(problems)s")
                                 % {"number": number, "problems": exc}]) from exc
        cleaned.append({k: v for k, v in answers.items() if v is not None})
    instrument = scan.instrument
    today = timezone.localdate()
    languages = inspection.languages or ("",) * len(cleaned)
    Response.objects.bulk_create([
        Response(scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
                 form=scan.form, language=language if language in scan.languages
                 else scan.default_language, answers=answers,
                 status=ResponseStatus.SUBMITTED, submitted_on=today)
        for answers, language in zip(cleaned, languages, strict=True)
    ])
    ResponseImport.objects.create(scan=scan, sha256=locked.sha256,
                                  source=inspection.report.source, count=len(cleaned),
                                  imported_on=today)
    locked.delete()
    data_imported.send(sender=Response, actor=user, organisation_id=scan.organisation_id,
                       obj=scan, detail=f"{len(cleaned)} responses from "
                       f"{inspection.report.source_title}")
    return len(cleaned)
