"""Writes of a scan's invitations: creating them from a list, personal links for a mail
merge, withdrawing one, and queueing the e-mails.

A closed scan takes no new invitations, an answered one stays (response rates stay
right), and e-mails go out only while the scan is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.tasks.base import TaskResult, TaskResultStatus
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from tandem.web.scans.links import invitation_url
from tandem.web.scans.models import Invitation, Scan, ScanStatus, invitation_issue_token
from tandem.web.scans.services.invitation_lists import InvitationEntry
from tandem.web.scans.services.lifecycle import ScanRuleError
from tandem.web.scans.tasks import REMINDER_GAP, send_invitation_emails


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
    passes through the queue. Reminders are refused within :data:`REMINDER_GAP` of the
    last ones (:func:`_claim_reminders`), so a double click sends one reminder.
    """
    if scan.status != ScanStatus.OPEN:
        raise ScanRuleError(_("E-mails go out only while the scan is open."))
    if reminder:
        _claim_reminders(scan)
    result = send_invitation_emails.enqueue(scan_id=scan.pk, reminder=reminder)
    if reminder and result.is_finished and _sent(result) == 0:
        # Nothing went out (nobody left to remind, or the mail server refused): the
        # button may be pressed again at once.
        cache.delete(_reminders_key(scan))
    return str(result.id)


def _reminders_key(scan: Scan) -> str:
    return f"tandem:scans:{scan.pk}:reminders"


def _claim_reminders(scan: Scan) -> None:
    """Refuse reminders within REMINDER_GAP of the last ones: the last reminder an
    invitation records, or a claim in the shared cache by a request whose reminders
    are still being sent (a double click: two requests at once). ``cache.add`` is
    atomic on the database cache every worker shares."""
    now = timezone.now()
    last = Invitation.objects.filter(scan=scan).aggregate(last=Max("reminded_at"))["last"]
    if last is None or now - last >= REMINDER_GAP:
        seconds = int(REMINDER_GAP.total_seconds())
        if cache.add(_reminders_key(scan), now.isoformat(), timeout=seconds):
            return
        last = datetime.fromisoformat(cache.get(_reminders_key(scan), now.isoformat()))
    raise ScanRuleError(
        _("Reminders went out at %(time)s. The next ones can go out from %(next)s, so that "
          "nobody gets two in a row.")
        % {"time": time_format(timezone.localtime(last)),
           "next": time_format(timezone.localtime(last + REMINDER_GAP))})


def _sent(result: TaskResult[Any, Any]) -> int:
    if result.status != TaskResultStatus.SUCCESSFUL:
        return 0
    value = result.return_value
    return int(value.get("sent", 0)) if isinstance(value, dict) else 0
