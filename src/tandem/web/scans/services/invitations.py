"""Writes of a scan's invitations: creating them from a list, personal links for a mail
merge, withdrawing one, and queueing the e-mails.

A closed scan takes no new invitations, an answered one stays (response rates stay
right), and e-mails go out only while the scan is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from tandem.web.scans.links import invitation_url
from tandem.web.scans.models import Invitation, Scan, ScanStatus, invitation_issue_token
from tandem.web.scans.services.invitation_lists import InvitationEntry
from tandem.web.scans.services.lifecycle import ScanRuleError
from tandem.web.scans.tasks import send_invitation_emails


@dataclass(frozen=True, slots=True)
class BulkResult:
    created: int
    already_invited: list[str]


@transaction.atomic
def invitation_bulk_create(*, scan: Scan, entries: Sequence[InvitationEntry]) -> BulkResult:
    """Create invitations; addresses already invited to this scan are left alone."""
    if scan.status == ScanStatus.CLOSED:
        raise ScanRuleError(_("A closed scan takes no new invitations."))
    existing = set(
        Invitation.objects.filter(scan=scan, email__in=[e.email for e in entries]).values_list(
            "email", flat=True
        )
    )
    new = [Invitation(scan=scan, email=e.email, department=e.department)
           for e in entries if e.email not in existing]
    Invitation.objects.bulk_create(new)
    return BulkResult(created=len(new), already_invited=sorted(existing))


@dataclass(frozen=True, slots=True)
class ExportedLink:
    email: str
    department: str
    url: str


@transaction.atomic
def invitation_links_export(*, scan: Scan) -> list[ExportedLink]:
    """Fresh personal links for everyone not finished (for a mail merge).

    Links issued earlier stay valid; each call issues new ones, because the old tokens
    cannot be recovered from their hashes.
    """
    links = []
    for invitation in Invitation.objects.filter(scan=scan, finished_at__isnull=True).order_by(
        "email"
    ):
        token = invitation_issue_token(invitation=invitation)
        links.append(ExportedLink(invitation.email, invitation.department, invitation_url(token)))
    return links


@transaction.atomic
def invitation_delete(*, invitation: Invitation) -> None:
    """Withdraw an invitation that was not answered (its links stop working)."""
    if invitation.finished_at is not None:
        raise ScanRuleError(_("An answered invitation stays, so that response rates stay "
                              "right."))
    invitation.delete()


def invitations_send(*, scan: Scan, reminder: bool) -> str:
    """Queue the e-mails (invitations to the unsent, or reminders to the unfinished).

    Returns the task result id. The task itself issues the tokens, so no token ever
    passes through the queue.
    """
    if scan.status != ScanStatus.OPEN:
        raise ScanRuleError(_("E-mails go out only while the scan is open."))
    result = send_invitation_emails.enqueue(scan_id=scan.pk, reminder=reminder)
    return str(result.id)
