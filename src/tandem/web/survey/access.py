"""From a link in the address bar to what the respondent may do with it.

Two kinds of link lead to a draft: a personal invitation link (``i``; the draft belongs
to the invitation) and an open-link resume link (``r``; the draft belongs to a random
resume token, also kept in a cookie). Every failure is an :class:`UnavailableError`. Its
reason is for the code only (a repeated submit); the views answer every reason with the
same page, and the error carries no scan, so that page cannot say anything about one:
whoever holds an old, used or guessed link learns nothing about the scan behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.core import signing
from django.utils import timezone

from tandem.web.responses.models import Draft
from tandem.web.responses.selectors import draft_for_resume_token
from tandem.web.scans.models import Invitation, Scan, ScanStatus, hash_token
from tandem.web.scans.selectors import invitation_for_token, scan_for_open_token

LinkKind = Literal["i", "r"]
Reason = Literal["unknown", "used", "closed", "not_yet"]

RESUME_COOKIE_PREFIX = "tandem_resume_"
RESUME_COOKIE_AGE = 60 * 60 * 24 * 120  # a scan rarely runs longer than a few months
SUBMIT_TICKET_SALT = "tandem.survey.submit"


class UnavailableError(Exception):
    """The link cannot be used to answer (now).

    Deliberately without the scan: the page for it must not show anything about one.
    """

    def __init__(self, reason: Reason) -> None:
        self.reason: Reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Visit:
    """A usable link: its scan, and its invitation and draft where they exist."""

    kind: LinkKind
    token: str
    scan: Scan
    invitation: Invitation | None
    draft: Draft | None

    @property
    def consented(self) -> bool:
        return self.draft is not None and self.draft.consented_at is not None


def _check_open(scan: Scan) -> None:
    if scan.accepts_answers():
        return
    not_yet = scan.status == ScanStatus.DRAFT or (
        scan.status == ScanStatus.OPEN and scan.opens_on is not None
        and timezone.localdate() < scan.opens_on
    )
    raise UnavailableError("not_yet" if not_yet else "closed")


def _finished_since(invitation: Invitation) -> bool:
    return Invitation.objects.filter(pk=invitation.pk, finished_at__isnull=False).exists()


def _draft_of(invitation: Invitation) -> Draft | None:
    try:
        draft = Draft.objects.get(invitation=invitation)
    except Draft.DoesNotExist:
        return None
    draft.scan = invitation.scan  # loaded already: no second query for it
    return draft


def visit_for(kind: LinkKind, token: str) -> Visit:
    """Resolve a personal or resume link; raises :class:`UnavailableError`."""
    if kind == "i":
        invitation = invitation_for_token(token=token)
        if invitation is None:
            raise UnavailableError("unknown")
        if invitation.finished_at is not None:
            raise UnavailableError("used")
        _check_open(invitation.scan)
        draft = _draft_of(invitation)
        if draft is None and _finished_since(invitation):
            # Submitted by a parallel request (double submit, second server) between the
            # two reads: the link is used, so a repeat with a ticket lands on thank-you.
            raise UnavailableError("used")
        return Visit(kind, token, invitation.scan, invitation, draft)
    draft = draft_for_resume_token(token=token)
    if draft is None:
        raise UnavailableError("unknown")
    _check_open(draft.scan)
    return Visit(kind, token, draft.scan, None, draft)


def open_scan_for(token: str) -> Scan:
    """The scan behind an open link; raises :class:`UnavailableError`."""
    scan = scan_for_open_token(token=token)
    if scan is None:
        raise UnavailableError("unknown")
    _check_open(scan)
    return scan


def resume_cookie_name(scan: Scan) -> str:
    return f"{RESUME_COOKIE_PREFIX}{scan.pk}"


def open_draft_from_cookie(scan: Scan, cookie: str | None) -> Draft | None:
    """The open-link draft this browser started for ``scan``, if it still exists."""
    draft = draft_for_resume_token(token=cookie or "")
    return draft if draft is not None and draft.scan_id == scan.pk else None


def submit_ticket(visit: Visit) -> str:
    """A signed note, put in the review form, that this link had a draft to submit.

    After the draft is submitted it is gone; a repeated submit (double click, back
    button, second tab) with a valid ticket is then known to be a repeat and lands on
    the thank-you page instead of the "unknown link" page.
    """
    return signing.dumps(hash_token(visit.token)[:32], salt=SUBMIT_TICKET_SALT)


def ticket_matches(ticket: str, token: str) -> bool:
    try:
        value = signing.loads(ticket, salt=SUBMIT_TICKET_SALT, max_age=60 * 60 * 24 * 7)
    except signing.BadSignature:
        return False
    return bool(value == hash_token(token)[:32])
