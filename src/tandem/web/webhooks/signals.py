"""Hears the events the apps below announce (``organisations.signals.integration_event``)
and queues them for the organisation's webhooks."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from tandem.web.organisations.models import Organisation
from tandem.web.organisations.signals import integration_event
from tandem.web.webhooks import services, tasks
from tandem.web.webhooks.models import Event


@receiver(integration_event)
def queue_for_webhooks(sender: Any, organisation: Organisation, event: str, key: str,
                       subject: dict[str, Any], **kwargs: Any) -> None:
    hooks = list(organisation.webhooks.filter(active=True))
    if not hooks:
        return
    queued = services.emit(organisation=organisation, event=event, key=key, subject=subject)
    if queued:
        transaction.on_commit(tasks.deliver_webhooks.enqueue)
    if event == Event.SCAN_CLOSED and any(h.wants(Event.RESULTS_READY) for h in hooks):
        transaction.on_commit(lambda: tasks.prepare_results.enqueue(
            scan_id=subject["scan_id"], key=key.replace(":event:", ":results:")))
