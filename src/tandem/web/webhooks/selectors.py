"""Reads of webhooks and of what they report on."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from tandem.web.actions.models import FINISHED, Action
from tandem.web.organisations.models import Organisation
from tandem.web.webhooks.models import Delivery, Webhook


def webhooks_of(*, organisation: Organisation) -> QuerySet[Webhook]:
    return Webhook.objects.filter(organisation=organisation)


def webhook_get(*, organisation: Organisation, webhook_id: int) -> Webhook:
    """The organisation's webhook; Webhook.DoesNotExist for another organisation's."""
    return Webhook.objects.get(organisation=organisation, pk=webhook_id)


def recent_deliveries(*, organisation: Organisation, limit: int = 20) -> QuerySet[Delivery]:
    return (Delivery.objects.filter(webhook__organisation=organisation)
            .select_related("webhook").order_by("-created_at", "-pk")[:limit])


def late_actions(*, today: date) -> QuerySet[Action]:
    """Actions past their due date that are neither done nor dropped (Action.is_late)."""
    return (Action.objects.filter(due_date__lt=today).exclude(status__in=FINISHED)
            .select_related("organisation"))
