"""Outbound webhooks: where an organisation wants to hear of events, and each delivery.

* :class:`Webhook`: a URL, the events it wants and the secret its messages are signed
  with (kept, because every message is signed with it; shown to the owner once).
* :class:`Delivery`: one event for one webhook, with its attempts. ``key`` makes an event
  happen once per webhook (an action is overdue once per due date, a scan closes once per
  close event), so a re-run of the checker or a second worker sends nothing twice.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation


class Event(models.TextChoices):
    SCAN_CLOSED = "scan.closed", _("A scan is closed")
    RESULTS_READY = "results.ready", _("Results are ready")
    ACTION_OVERDUE = "action.overdue", _("An action is overdue")
    PING = "ping", _("Test message")


SUBSCRIBABLE = (Event.SCAN_CLOSED, Event.RESULTS_READY, Event.ACTION_OVERDUE)


class Webhook(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="webhooks")
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address (URL)"), max_length=500)
    secret = models.CharField(max_length=80)
    events = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name

    def wants(self, event: str) -> bool:
        return self.active and (event == Event.PING or event in self.events)


class Delivery(models.Model):
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Event.choices)
    key = models.CharField(max_length=120)
    body = models.TextField()
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, db_index=True)  # None: nothing left to do
    delivered_at = models.DateTimeField(null=True)
    gave_up_at = models.DateTimeField(null=True)
    last_status = models.PositiveIntegerField(null=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=("webhook", "key"), name="delivery_once_per_key"),
        )

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook}"
