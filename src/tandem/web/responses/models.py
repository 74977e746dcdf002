"""Storage of answers: a :class:`Draft` while someone answers, a :class:`Response` after.

Design (for whoever builds the survey pages on top of this):

* A **Draft** is the only place where answers meet an identity. It links EITHER an
  :class:`~tandem.web.scans.models.Invitation` (personal link; one draft per invitation,
  enforced by a unique one-to-one) OR, for the open link / access code, the SHA-256
  hash of a random resume token that the survey keeps in the respondent's session or
  cookie. Answers are saved into ``Draft.answers`` as the respondent goes, so leaving
  and coming back via the same link resumes (``draft_save_answers``).
* **Submitting** (``draft_submit``) copies the answers into a new **Response** and
  deletes the draft in the same transaction, and stamps the invitation's
  ``finished_at`` (which makes its link single-use). The Response has no foreign key
  to the invitation or user, no e-mail, IP address, user agent or time of day: only
  ``submitted_on`` (a date), the instrument id/version/form and the language.
  Its primary key is a random UUID, so row order cannot be matched against the
  invitations' ``finished_at`` times; always order responses by ``id``.
* Submitting is idempotent: the draft row is locked (``select_for_update``; SQLite's
  IMMEDIATE transactions serialise writers); a second submit (double click, back
  button, second tab) finds no draft and reports ``already_submitted``.
* ``Response.status`` is ``submitted`` for everything the survey writes;
  ``in_progress`` is reserved for a possible future policy of keeping partial answers
  when a scan closes. Only submitted responses are analysed
  (``selectors.submitted_records``).
* Answers are ``{item_id: code}`` with codes as strings ("1".."5", "dk", option codes,
  free text for open questions), exactly what ``ResponseSet.from_records`` takes.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.web.scans.models import Invitation, Scan, ScanForm


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """One respondent's submitted answers, unlinkable to who gave them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="responses")
    instrument_id = models.CharField(max_length=100)
    instrument_version = models.CharField(max_length=20)
    form = models.CharField(max_length=10, choices=ScanForm.choices)
    language = models.CharField(max_length=5)
    answers = models.JSONField(default=dict)
    status = models.CharField(max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.SUBMITTED)
    submitted_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ("id",)
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="response_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"response {self.id} to {self.scan_id}"


class Draft(models.Model):
    """Answers in progress, linked to an invitation or an open-link resume token."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="drafts")
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, null=True,
                                      blank=True, related_name="draft")
    resume_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    language = models.CharField(max_length=5)
    answers = models.JSONField(default=dict)
    consented_at = models.DateTimeField(null=True, blank=True)
    last_section = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        constraints: ClassVar = [
            # Exactly one way back to the draft: the invitation or the resume token.
            models.CheckConstraint(
                condition=(
                    models.Q(invitation__isnull=False, resume_token_hash__isnull=True)
                    | models.Q(invitation__isnull=True, resume_token_hash__isnull=False)
                ),
                name="draft_one_link",
            ),
        ]

    def __str__(self) -> str:
        return f"draft {self.pk} for {self.scan_id}"


class PendingImport(models.Model):
    """An uploaded answer file between its inspection and its confirmation.

    The bytes are kept server-side (never in the session cookie) so the confirmed
    import reads exactly the file that was inspected; the row is deleted when the import
    is confirmed or cancelled, and the retention purge deletes any left over a day.
    """

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="pending_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    name = models.CharField(max_length=200)
    source = models.CharField(max_length=20, blank=True)  # "" = detect
    data = models.BinaryField()
    mapping = models.BinaryField(null=True)  # an optional header,question_id CSV
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("uploaded answer file")
        verbose_name_plural = _("uploaded answer files")

    def __str__(self) -> str:
        return f"pending import {self.pk} to {self.scan_id}"


class ResponseImport(models.Model):
    """That a file (by its SHA-256) was imported into a scan: the same file twice is refused.

    Holds no answers and no file name; it goes with the scan.
    """

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="imports")
    sha256 = models.CharField(max_length=64)
    source = models.CharField(max_length=20)
    count = models.PositiveIntegerField()
    imported_on = models.DateField()

    class Meta:
        verbose_name = _("imported answer file")
        verbose_name_plural = _("imported answer files")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("scan", "sha256"), name="import_once_per_scan"),
        ]

    def __str__(self) -> str:
        return f"import {self.sha256[:12]} to {self.scan_id}"
