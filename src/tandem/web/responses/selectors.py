"""Reads on drafts and responses."""

from __future__ import annotations

from typing import Any

from tandem.web.responses.models import Draft, Response, ResponseStatus
from tandem.web.scans.models import Scan, hash_token


def draft_for_resume_token(*, token: str) -> Draft | None:
    """The open-link draft a respondent's session points at, if it still exists."""
    if not token:
        return None
    return Draft.objects.select_related("scan").filter(resume_token_hash=hash_token(token)).first()


def submitted_count(*, scan: Scan) -> int:
    return Response.objects.filter(scan=scan, status=ResponseStatus.SUBMITTED).count()


def submitted_records(*, scan: Scan) -> list[dict[str, Any]]:
    """The submitted answers of a scan, as records for ``ResponseSet.from_records``.

    Only responses to the scan's own instrument version are returned; ordering is by
    the random id, so it says nothing about who answered when.
    """
    instrument = scan.instrument
    rows = Response.objects.filter(
        scan=scan,
        status=ResponseStatus.SUBMITTED,
        instrument_id=instrument.id,
        instrument_version=instrument.version,
    ).order_by("id").values_list("answers", flat=True)
    return [dict(answers) for answers in rows]
