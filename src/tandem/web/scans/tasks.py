"""Background work: sending invitation and reminder e-mails (``django.tasks``)."""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from tandem.web.scans.links import invitation_url
from tandem.web.scans.models import Invitation, Scan, ScanStatus

logger = logging.getLogger(__name__)


@task()
def send_invitation_emails(*, scan_id: int, reminder: bool) -> dict[str, int]:
    """Mail each invitation (or reminder) with a freshly issued personal link.

    One invitation at a time, each in its own transaction, so a failure half-way keeps
    what was sent recorded and a re-run continues with the rest.
    """
    from tandem.web.scans.services import invitation_issue_token

    scan = Scan.objects.select_related("organisation").get(pk=scan_id)
    if scan.status != ScanStatus.OPEN:
        return {"sent": 0, "failed": 0}
    pending = Invitation.objects.filter(scan=scan, finished_at__isnull=True)
    pending = pending.filter(sent_at__isnull=not reminder)
    sent = failed = 0
    with mailers.default as connection, translation.override(scan.default_language):
        for invitation_id in pending.order_by("pk").values_list("pk", flat=True):
            try:
                with transaction.atomic():
                    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
                    if invitation.finished_at is not None:
                        continue
                    token = invitation_issue_token(invitation=invitation)
                    context = {"scan": scan, "organisation": scan.organisation,
                               "link": invitation_url(token), "reminder": reminder,
                               "minutes": 4 if scan.form == "quick" else 15}
                    message = EmailMessage(
                        subject=render_to_string("scans/email/invitation_subject.txt",
                                                 context).strip(),
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
                sent += 1
            except Exception:
                logger.exception("could not e-mail invitation %s", invitation_id)
                failed += 1
    return {"sent": sent, "failed": failed}
