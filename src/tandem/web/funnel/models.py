"""What the organisation's CRM exports leave behind: only what the funnel metrics need.

* :class:`FunnelRecord`: one lead (a HubSpot contact, a Salesforce lead) or one deal (a
  HubSpot deal, a Salesforce opportunity): its stage dates, the amount, outcome and
  pipeline of a deal, and pseudonyms for its id and its owner (HMAC-SHA256 with the
  organisation's own salt, :class:`FunnelSettings`). No name, e-mail address, company,
  deal name or free text is ever stored; the file is read once and deleted.
* :class:`FunnelStageChange`: one change of stage from a history export (Salesforce
  OpportunityHistory and LeadHistory) or a HubSpot deal's "Date entered" column.
* :class:`FunnelPendingImport`: an uploaded export between its inspection and its
  confirmation (deleted then, or by the retention purge after a day).
* :class:`FunnelImport`: that a file was imported (kind, count, date; no content).

Times are stored as the export gave them: in UTC where it named a zone, else in the
CRM account's own time, marked UTC (hours between two dates stay right).
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.web.organisations.models import Organisation


class Source(models.TextChoices):
    HUBSPOT = "hubspot", "HubSpot"
    SALESFORCE = "salesforce", "Salesforce"


class RecordKind(models.TextChoices):
    LEAD = "lead", _("lead")
    DEAL = "deal", _("deal")


class Outcome(models.TextChoices):
    OPEN = "open", _("open")
    WON = "won", _("won")
    LOST = "lost", _("lost")


class FunnelSettings(models.Model):
    """The organisation's salt for pseudonyms: the same CRM id always gives the same
    pseudonym here, and nothing outside this organisation can link it back."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="funnel_settings")
    salt = models.CharField(max_length=64)  # 32 random bytes as hex

    def __str__(self) -> str:
        return f"funnel settings of {self.organisation_id}"


class FunnelRecord(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="funnel_records")
    kind = models.CharField(max_length=4, choices=RecordKind.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    key = models.CharField(max_length=64)  # pseudonym of the CRM id
    owner = models.CharField(max_length=64, blank=True)  # pseudonym of the owner
    created = models.DateTimeField()
    # leads
    mql = models.DateTimeField(null=True, blank=True)
    sql = models.DateTimeField(null=True, blank=True)
    opportunity = models.DateTimeField(null=True, blank=True)
    won = models.DateTimeField(null=True, blank=True)
    first_touch = models.DateTimeField(null=True, blank=True)
    reached = models.PositiveSmallIntegerField(default=1)
    deal_key = models.CharField(max_length=64, blank=True)  # Salesforce: its opportunity
    # deals
    closed = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=4, choices=Outcome.choices, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    pipeline = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("organisation", "kind", "source", "key"),
                                    name="funnel_record_once"),
            models.CheckConstraint(condition=models.Q(kind__in=RecordKind.values),
                                   name="funnel_record_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:12]}"


class FunnelStageChange(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="funnel_changes")
    record = models.CharField(max_length=4, choices=RecordKind.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    key = models.CharField(max_length=64)
    stage = models.CharField(max_length=100)
    at = models.DateTimeField()

    class Meta:
        indexes: ClassVar = [models.Index(fields=("organisation", "record", "source", "key"),
                                          name="funnel_change_record")]

    def __str__(self) -> str:
        return f"{self.record} {self.key[:12]} {self.stage}"


class FunnelPendingImport(models.Model):
    """An uploaded CRM export between inspection and confirmation, kept server-side."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="funnel_pending")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                    related_name="+")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, blank=True)  # "" = detect
    data = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"pending CRM import {self.pk}"


class FunnelImport(models.Model):
    """That a CRM export was imported: its kind and size, never its content or name."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="funnel_imports")
    kind = models.CharField(max_length=40)
    records = models.PositiveIntegerField()
    imported_on = models.DateField()

    class Meta:
        ordering = ("-imported_on", "-pk")

    def __str__(self) -> str:
        return f"{self.kind} ({self.records}) on {self.imported_on}"
