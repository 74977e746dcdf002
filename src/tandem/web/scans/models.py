"""A scan (one measurement wave) and its invitations.

Invitation links carry a long random token; only its SHA-256 hash is stored (in
:class:`InvitationToken`), so a database leak gives nobody a working link. Because the
token cannot be recovered, a link is shown exactly once: in the e-mail the send task
writes, or in the CSV export, which issues fresh tokens. An invitation may have several
live tokens (e-mail, reminder, export), all of which die when its respondent submits.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.analysis.pulse import PULSE_PROFILE
from tandem.instrument import Instrument, Item, load_instrument
from tandem.privacy import (
    DEFAULT_K,  # the one threshold rule
    MIN_K,
)
from tandem.web.organisations.models import Organisation

TOKEN_BYTES = 32  # 256 bits; urlsafe text of 43 characters
ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
ACCESS_CODE_LENGTH = 8


def hash_token(token: str) -> str:
    """The stored form of a link token (hex SHA-256)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_access_code() -> str:
    return "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))


class ScanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ScanForm(models.TextChoices):
    FULL = "full", _("Full scan (about 15 minutes)")
    QUICK = "quick", _("Quick scan (about 4 minutes)")


class Scan(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="scans"
    )
    title = models.CharField(_("title"), max_length=200)
    instrument_name = models.CharField(_("instrument"), max_length=100)
    instrument_id = models.CharField(max_length=100, editable=False)
    instrument_version = models.CharField(max_length=20, editable=False)
    form = models.CharField(_("form"), max_length=10, choices=ScanForm.choices,
                            default=ScanForm.FULL)
    languages = models.JSONField(_("languages"), default=list)
    default_language = models.CharField(_("default language"), max_length=5, default="nl")
    k = models.PositiveSmallIntegerField(
        _("anonymity threshold"),
        default=DEFAULT_K,
        help_text=_("No figure is shown for fewer respondents than this (at least 3)."),
    )
    should_decide = models.BooleanField(
        _("also ask who should decide"), default=False,
        help_text=_("Adds the question 'who should decide?' to each decision area."),
    )
    segment = models.BooleanField(
        _("ask for the part of the organisation"), default=False,
        help_text=_("An open profile question; each extra question makes people easier "
                    "to recognise."),
    )
    meta_perception = models.BooleanField(
        _("ask how the other department would answer"), default=False,
        help_text=_("Sales and Marketing also say how they think the other department "
                    "answers a few statements: the empathy gap."),
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ScanStatus.choices,
                              default=ScanStatus.DRAFT)
    first_opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Open link: one shared URL token and a short code people can type; both are meant
    # to be distributed by the organisation, so they are kept readable.
    open_token = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                  editable=False)
    access_code = models.CharField(max_length=16, unique=True, null=True, blank=True,
                                   editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # A follow-up pulse: a few statements of the baseline scan's instrument, asked again
    # of the same people (``tandem.analysis.pulse``; the action plan creates it).
    pulse_of = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="pulses", editable=False,
                                 help_text=_("The scan whose action plan this pulse follows up."))
    pulse_items = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ("-created_at",)
        constraints: ClassVar = [
            models.CheckConstraint(condition=models.Q(k__gte=MIN_K), name="scan_k_at_least_3"),
            models.CheckConstraint(
                condition=models.Q(status__in=ScanStatus.values), name="scan_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(form__in=ScanForm.values), name="scan_form_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def instrument(self) -> Instrument:
        return load_instrument(self.instrument_name)

    @property
    def settings(self) -> frozenset[str]:
        """The instrument settings switched on ("should_decide", "segment",
        "meta_perception")."""
        on = {"should_decide": self.should_decide, "segment": self.segment,
              "meta_perception": self.meta_perception}
        return frozenset(name for name, value in on.items() if value)

    @property
    def is_pulse(self) -> bool:
        return self.pulse_of_id is not None

    def survey_items(self) -> tuple[Item, ...]:
        """The items respondents answer: the form's, or a pulse's statements and the
        department (the only profile question a pulse asks)."""
        items = self.instrument.items_for(self.form, self.settings)  # type: ignore[arg-type]
        if not self.pulse_items:
            return items
        asked = {*self.pulse_items, *PULSE_PROFILE}
        return tuple(i for i in items if i.id in asked)

    @property
    def minutes(self) -> int:
        """About how long answering takes (said in the invitation and the intro)."""
        if self.pulse_items:
            return 2
        return 4 if self.form == ScanForm.QUICK else 15

    @property
    def is_locked(self) -> bool:
        """Once a scan has opened, what respondents answer and k can no longer change."""
        return self.first_opened_at is not None

    def accepts_answers(self) -> bool:
        """Open, and today within the optional dates: the survey takes answers."""
        if self.status != ScanStatus.OPEN:
            return False
        today = timezone.localdate()
        if self.opens_on and today < self.opens_on:
            return False
        return not (self.closes_on and today > self.closes_on)


class ScanEventKind(models.TextChoices):
    OPENED = "opened", _("opened")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")


class ScanEvent(models.Model):
    """Who changed a scan's status and when (reopening must be traceable)."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=ScanEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                              null=True, related_name="+")
    actor_email = models.EmailField()  # kept when the user is deleted
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("at", "pk")

    def __str__(self) -> str:
        return f"{self.scan} {self.kind} by {self.actor_email} at {self.at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """One person invited to one scan; the e-mail address is for sending only."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    department = models.CharField(_("department"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("email",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("scan", "email"), name="invitation_unique_email"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.scan})"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class InvitationToken(models.Model):
    """The hash of one issued personal link; the token itself is never stored."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"token for {self.invitation_id}"


def invitation_issue_token(*, invitation: Invitation) -> str:
    """A new personal link token for the invitation; only its hash is stored."""
    token = new_token()
    InvitationToken.objects.create(invitation=invitation, token_hash=hash_token(token))
    return token
