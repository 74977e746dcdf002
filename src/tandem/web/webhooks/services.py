"""Writes of webhooks: set one up, queue an event for every webhook that wants it, and
deliver what is due, with retries.

Delivery is at least once: a message is queued in the database in the same step as the
event is heard, then posted by :func:`deliver_due` (from the task queue at once, and from
``python -m tandem.web webhooks_run`` every minute for retries). A delivery is leased
before its POST (its next attempt moved :data:`LEASE` ahead and committed), so two
workers never post it at the same time and no lock is held during the network call.
A receiver should use the ``id`` in the body to drop a rare duplicate.

Retries: on a network error, a timeout, 408, 429 or 5xx, after 1, 5 and 30 minutes,
2, 8 and 24 hours (:data:`BACKOFF`), then the delivery is given up. Any other 4xx is
given up at once (the receiver refuses the message, trying again will not help).
Redirects are not followed.
"""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.webhooks import selectors, signing
from tandem.web.webhooks.models import Delivery, Event, Webhook

BACKOFF = (
    timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
    timedelta(hours=2), timedelta(hours=8), timedelta(hours=24),
)
LEASE = timedelta(minutes=2)
TIMEOUT_SECONDS = 10
RETRY_STATUSES = frozenset({408, 429})
USER_AGENT = "Tandem-Webhooks/1"


@dataclass(frozen=True, slots=True)
class NewWebhook:
    webhook: Webhook
    secret: str  # shown once on the page


@transaction.atomic
def webhook_create(*, organisation: Organisation, user: User, name: str, url: str,
                   events: list[str]) -> NewWebhook:
    secret = "whsec_" + secrets.token_urlsafe(32)
    webhook = Webhook.objects.create(
        organisation=organisation, name=name.strip()[:100] or url[:100], url=url,
        secret=secret, events=sorted(set(events)), created_at=timezone.now(), created_by=user)
    return NewWebhook(webhook, secret)


@transaction.atomic
def webhook_delete(*, webhook: Webhook) -> None:
    webhook.delete()


def emit(*, organisation: Organisation, event: str, key: str, subject: dict[str, Any],
         only: Webhook | None = None) -> list[Delivery]:
    """Queue the event for each active webhook of the organisation that wants it (or for
    ``only``); an event already queued under ``key`` for a webhook is not queued again."""
    hooks = [only] if only is not None else list(
        Webhook.objects.filter(organisation=organisation, active=True))
    now = timezone.now()
    queued = []
    for hook in hooks:
        if not hook.wants(event):
            continue
        delivery_id = str(uuid.uuid4())
        body = json.dumps(_body(organisation, event, subject, delivery_id, now),
                          ensure_ascii=False, sort_keys=True)
        try:
            with transaction.atomic():
                queued.append(Delivery.objects.create(
                    webhook=hook, event=event, key=key, body=body, created_at=now,
                    next_attempt_at=now))
        except IntegrityError:
            continue  # already queued: an event happens once per webhook
    return queued


def _body(organisation: Organisation, event: str, subject: dict[str, Any], delivery_id: str,
          now: datetime) -> dict[str, Any]:
    """The message: ``text`` is what Slack's and Teams' incoming webhooks show; the other
    fields are for systems. Names and links only: no figure, no answer, no person."""
    link = _link(event, organisation, subject)
    with translation.override(settings.LANGUAGE_CODE):
        text = _text(event, organisation, subject)
    return {
        "id": delivery_id,
        "event": event,
        "created": now.isoformat(timespec="seconds"),
        "organisation": {"id": organisation.pk, "slug": organisation.slug,
                         "name": organisation.name},
        "data": subject,
        "url": link,
        "text": f"{text} {link}",
    }


def _text(event: str, organisation: Organisation, subject: dict[str, Any]) -> str:
    names = {"organisation": organisation.name, "scan": subject.get("scan_name", ""),
             "action": subject.get("action_title", ""), "due": subject.get("due_date", "")}
    if event == Event.SCAN_CLOSED:
        return _("Tandem: the scan “%(scan)s” of %(organisation)s is closed.") % names
    if event == Event.RESULTS_READY:
        return _("Tandem: the results of “%(scan)s” (%(organisation)s) are ready.") % names
    if event == Event.ACTION_OVERDUE:
        return _("Tandem: the action “%(action)s” of %(organisation)s was due on %(due)s "
                 "and is not done.") % names
    return _("Tandem: test message for %(organisation)s.") % names


def _link(event: str, organisation: Organisation, subject: dict[str, Any]) -> str:
    base = settings.TANDEM_BASE_URL
    if event in (Event.SCAN_CLOSED, Event.RESULTS_READY):
        return f"{base}/o/{organisation.pk}/scans/{subject['scan_id']}/results/"
    if event == Event.ACTION_OVERDUE:
        return f"{base}/o/{organisation.pk}/actions/"
    return f"{base}/o/{organisation.pk}/"


def deliver_due(*, now: datetime | None = None, limit: int = 100) -> dict[str, int]:
    """Post every delivery whose next attempt is due; returns counts by outcome."""
    counts = {"delivered": 0, "retry": 0, "gave_up": 0}
    moment = now or timezone.now()
    due = Delivery.objects.filter(next_attempt_at__lte=moment).order_by("next_attempt_at")
    for delivery_id in list(due.values_list("pk", flat=True)[:limit]):
        outcome = deliver_one(delivery_id=delivery_id, now=moment)
        if outcome:
            counts[outcome] += 1
    return counts


def deliver_one(*, delivery_id: int, now: datetime | None = None) -> str | None:
    """Lease, post and record one delivery; None when another worker has it or it is done."""
    moment = now or timezone.now()
    with transaction.atomic():
        delivery = (Delivery.objects.select_for_update().select_related("webhook")
                    .filter(pk=delivery_id, next_attempt_at__lte=moment).first())
        if delivery is None:
            return None
        delivery.next_attempt_at = moment + LEASE
        delivery.attempts += 1
        delivery.save(update_fields=["next_attempt_at", "attempts"])
    status, error = _post(delivery.webhook, delivery.body.encode(), delivery.event,
                          str(delivery.pk))
    delivery.last_status = status
    delivery.last_error = error[:300]
    if status is not None and 200 <= status < 300:
        delivery.delivered_at, delivery.next_attempt_at, outcome = timezone.now(), None, "delivered"
    elif (status is None or status >= 500 or status in RETRY_STATUSES) and (
            delivery.attempts <= len(BACKOFF)):
        delivery.next_attempt_at = moment + BACKOFF[delivery.attempts - 1]
        outcome = "retry"
    else:
        delivery.gave_up_at, delivery.next_attempt_at, outcome = timezone.now(), None, "gave_up"
    delivery.save(update_fields=["last_status", "last_error", "delivered_at", "next_attempt_at",
                                 "gave_up_at"])
    return outcome


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is then an HTTPError, recorded like any refusal


_OPENER = urllib.request.build_opener(_NoRedirect)


def _post(webhook: Webhook, body: bytes, event: str, delivery: str) -> tuple[int | None, str]:
    timestamp = int(timezone.now().timestamp())
    # The form admits only http(s) addresses (S310: no file: or custom schemes).
    request = urllib.request.Request(webhook.url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-Tandem-Event": event,
        "X-Tandem-Delivery": delivery,
        signing.HEADER: signing.signature(webhook.secret, body, timestamp),
    })
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:  # nosec B310
            return int(response.status), ""
    except urllib.error.HTTPError as error:
        return int(error.code), str(error.reason)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return None, str(getattr(error, "reason", error))


def announce_overdue_actions(*, today: date | None = None) -> int:
    """Queue ``action.overdue`` for every late action, once per action and due date."""
    day = today or timezone.localdate()
    queued = 0
    for action in selectors.late_actions(today=day):
        queued += len(emit(
            organisation=action.organisation, event=Event.ACTION_OVERDUE,
            key=f"action:{action.pk}:due:{action.due_date}",
            subject={"action_id": action.pk, "action_title": action.title,
                     "due_date": str(action.due_date)}))
    return queued
