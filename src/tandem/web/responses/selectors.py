"""Reads on drafts and responses."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, cast

from django.db.models import QuerySet
from django.http import Http404

from tandem.i18n import LANGUAGES
from tandem.instrument.model import Form
from tandem.io.responses import ImportReport, examine_responses
from tandem.io.safety import RESPONSE_FILE_LIMITS
from tandem.responses import LANGUAGE, ResponseSet
from tandem.web.responses.hotpath import one_by
from tandem.web.responses.models import (
    Draft,
    PendingImport,
    Response,
    ResponseImport,
    ResponseStatus,
)
from tandem.web.scans.models import Scan, hash_token


def draft_for_resume_token(*, token: str) -> Draft | None:
    """The open-link draft a respondent's session points at (with its scan), if any.

    Every request of an open-link respondent starts here, so it is two prepared queries
    (:mod:`tandem.web.responses.hotpath`: by the draft's unique token hash, then the
    scan's id) rather than an ORM join, whose compilation cost more than running it.
    """
    if not token:
        return None
    draft = one_by(Draft, "resume_token_hash", hash_token(token))
    if draft is None:
        return None
    scan = one_by(Scan, "id", draft.scan_id)
    if scan is None:  # deleted between the two reads (its drafts go with it)
        return None
    draft.scan = scan
    return draft


def submitted_count(*, scan: Scan) -> int:
    return Response.objects.filter(scan=scan, status=ResponseStatus.SUBMITTED).count()


def submitted_records(*, scan: Scan) -> list[dict[str, Any]]:
    """The submitted answers of a scan, as records for ``ResponseSet.from_records``, with
    the language each was given in (``language``; the research export shows it).

    Only responses to the scan's own instrument version are returned; ordering is by
    the random id, so it says nothing about who answered when.
    """
    rows = _submitted(scan).values_list("answers", "language")
    return [{**answers, LANGUAGE: language} if language in LANGUAGES else dict(answers)
            for answers, language in rows]


def submitted_languages(*, scan: Scan) -> list[str]:
    """The language each response was given in, in the order of :func:`submitted_records`."""
    return list(_submitted(scan).values_list("language", flat=True))


def _submitted(scan: Scan) -> QuerySet[Response]:
    instrument = scan.instrument
    return Response.objects.filter(
        scan=scan,
        status=ResponseStatus.SUBMITTED,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
    ).order_by("id")


# ---------------------------------------------------------------- answer files


@dataclass(frozen=True)
class Inspection:
    """What importing an uploaded file would do: the core's report, and the answers
    (None when the file has problems; then nothing can be imported)."""

    report: ImportReport
    responses: ResponseSet | None
    #: each respondent's language when the file says it ("nl", "en"; "" when not), as
    #: the responses (a tool's language column, or the language column of Tandem's format)
    languages: tuple[str, ...] = ()


def pending_import_get(*, scan: Scan, import_id: int) -> PendingImport:
    """An uploaded, not yet imported file of this scan, or 404."""
    pending = PendingImport.objects.filter(scan=scan, pk=import_id).first()
    if pending is None:
        raise Http404("no such uploaded file")
    return pending


def file_imported(*, scan: Scan, sha256: str) -> bool:
    return ResponseImport.objects.filter(scan=scan, sha256=sha256).exists()


def pending_import_inspect(*, pending: PendingImport) -> Inspection:
    """Read the uploaded file as ``tandem inspect`` and ``tandem score`` do (the CLI's
    safety limits), for the scan's instrument, form and settings."""
    scan = pending.scan
    suffix = PurePath(pending.name).suffix.lower() or ".csv"
    source = pending.source or None
    with tempfile.TemporaryDirectory(prefix="tandem-import-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(bytes(pending.data))
        mapping = None
        if pending.mapping is not None:
            mapping = Path(folder) / "mapping.csv"
            mapping.write_bytes(bytes(pending.mapping))
        examined = examine_responses(path, scan.instrument, form=cast(Form, scan.form),
                                     source=source, mapping=mapping, settings=scan.settings,
                                     limits=RESPONSE_FILE_LIMITS)
    examined.report.file = pending.name
    if examined.responses is None:
        return Inspection(examined.report, None)
    return Inspection(examined.report, examined.responses, examined.responses.languages)
