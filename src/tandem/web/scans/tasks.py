"""Background work: sending invitation and reminder e-mails (``django.tasks``)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tandem.web.scans.links import invitation_url
from tandem.web.scans.models import Invitation, Scan, ScanStatus, invitation_issue_token

logger = logging.getLogger(__name__)

#: Nobody gets a reminder less than this after the previous one: a double click on
#: "remind", a second facilitator pressing it too, or two queued runs send one, not two.
REMINDER_GAP = timedelta(hours=1)


@task()
def send_invitation_emails(*, scan_id: int, reminder: bool) -> dict[str, int]:
    """Mail each invitation (or reminder) with a freshly issued personal link.

    One invitation at a time, each in its own transaction, so a failure half-way keeps
    what was sent recorded and a re-run continues with the rest.
    """
    scan = Scan.objects.select_related("organisation").get(pk=scan_id)
    if scan.status != ScanStatus.OPEN:
        return {"sent": 0, "failed": 0}
    started = timezone.now()
    pending = Invitation.objects.filter(scan=scan, finished_at__isnull=True)
    pending = pending.filter(sent_at__isnull=not reminder)
    sent = failed = 0
    with mailers.default as connection, translation.override(scan.default_language):
        for invitation_id in pending.order_by("pk").values_list("pk", flat=True):
            try:
                sent += send_one_invitation(scan=scan, invitation_id=invitation_id,
                                            reminder=reminder, started=started,
                                            connection=connection)
            except Exception:
                logger.exception("could not e-mail invitation %s", invitation_id)
                failed += 1
    return {"sent": sent, "failed": failed}


def send_one_invitation(*, scan: Scan, invitation_id: int, reminder: bool,
                        started: datetime, connection: BaseEmailBackend) -> int:
    """Mail one invitation unless it is finished or another run got to it first.

    The row is locked and re-read: the list of a run is taken when it starts, and two
    runs (a double click on "send", two workers) must not mail anyone twice; nor is
    anyone reminded again within :data:`REMINDER_GAP`. Returns the number of e-mails
    sent (0 or 1).
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
        done_by_another_run = (
            invitation.reminded_at is not None
            and invitation.reminded_at > min(started, timezone.now()) - REMINDER_GAP
            if reminder else invitation.sent_at is not None)
        if invitation.finished_at is not None or done_by_another_run:
            return 0
        token = invitation_issue_token(invitation=invitation)
        context = {"scan": scan, "organisation": scan.organisation,
                   "link": invitation_url(token), "reminder": reminder,
                   "minutes": scan.minutes}
        message = EmailMessage(
            subject=render_to_string("scans/email/invitation_subject.txt", context).strip(),
            body=render_to_string("scans/email/invitation_body.txt", context),
            to=[invitation.email],
        )
        connection.send_messages([message])
        now = timezone.now()
        if reminder:
            invitation.reminded_at = now
            invitation.reminder_count += 1
        else:
            invitation.sent_at = now
        invitation.save(update_fields=["sent_at", "reminded_at", "reminder_count"])
    return 1
