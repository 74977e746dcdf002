"""Outbound webhooks against a real HTTP receiver on localhost: signed, retried with
backoff, once per event, with a body Slack and Teams show, and nothing below k in it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone
from tests.web.test_actions_support import closed_scan
from tests.web.webtest_helpers import World, client_for

from tandem.web.actions.models import Action, ActionStatus
from tandem.web.scans.models import ScanStatus
from tandem.web.scans.services import scan_close
from tandem.web.webhooks import services, signing
from tandem.web.webhooks.models import Delivery, Webhook

pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Receiver:
    """An HTTP server on a free local port that answers with the statuses it is given
    (then 200) and keeps what it received."""

    statuses: list[int] = field(default_factory=list)
    received: list[dict[str, object]] = field(default_factory=list)
    url: str = ""


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            state.received.append({"headers": dict(self.headers), "body": body})
            status = state.statuses.pop(0) if state.statuses else 200
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def _hook(world: World, url: str, events: list[str]) -> tuple[Webhook, str]:
    created = services.webhook_create(organisation=world.org, user=world.owner, name="Slack",
                                      url=url, events=events)
    return created.webhook, created.secret


def test_closing_a_scan_posts_a_signed_message_slack_and_teams_can_show(
        world: World, open_scan: object, receiver: Receiver) -> None:
    hook, secret = _hook(world, receiver.url, ["scan.closed"])
    scan_close(scan=open_scan, actor=world.owner)  # type: ignore[arg-type]
    assert len(receiver.received) == 1
    got = receiver.received[0]
    headers, body = got["headers"], got["body"]
    assert isinstance(headers, dict) and isinstance(body, bytes)
    assert signing.verify(secret, body, headers[signing.HEADER])
    assert not signing.verify(secret, body + b" ", headers[signing.HEADER])
    assert not signing.verify("whsec_other", body, headers[signing.HEADER])
    message = json.loads(body)
    assert message["event"] == "scan.closed" == headers["X-Tandem-Event"]
    assert message["data"]["scan_id"] == open_scan.pk  # type: ignore[attr-defined]
    # Slack's and Teams' incoming webhooks show "text": plain words and the link.
    assert open_scan.title in message["text"]  # type: ignore[attr-defined]
    assert message["url"] in message["text"]
    assert message["url"].endswith(f"/scans/{open_scan.pk}/results/")  # type: ignore[attr-defined]
    delivery = Delivery.objects.get(webhook=hook)
    assert delivery.delivered_at is not None and delivery.next_attempt_at is None
    assert delivery.last_status == 200 and delivery.attempts == 1


def test_a_failing_receiver_is_retried_with_backoff_then_delivered(
        world: World, receiver: Receiver) -> None:
    hook, _secret = _hook(world, receiver.url, ["scan.closed"])
    receiver.statuses = [500, 503]
    (delivery,) = services.emit(organisation=world.org, event="scan.closed", key="k1",
                                subject={"scan_id": 1, "scan_name": "Wave"})
    start = timezone.now()
    assert services.deliver_due(now=start) == {"delivered": 0, "retry": 1, "gave_up": 0}
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == start + services.BACKOFF[0]
    assert delivery.last_status == 500
    # Not due yet: nothing is posted.
    assert services.deliver_due(now=start + timedelta(seconds=30))["retry"] == 0
    assert len(receiver.received) == 1
    second = start + services.BACKOFF[0]
    assert services.deliver_due(now=second)["retry"] == 1
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == second + services.BACKOFF[1]
    assert services.deliver_due(now=second + services.BACKOFF[1])["delivered"] == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 3 and delivery.delivered_at is not None
    assert len(receiver.received) == 3
    # The same message each time (same id), freshly signed.
    ids = {json.loads(r["body"])["id"] for r in receiver.received}  # type: ignore[arg-type]
    assert len(ids) == 1
    assert hook.deliveries.count() == 1


def test_a_refusal_is_given_up_at_once_and_a_dead_address_after_the_backoff(
        world: World, receiver: Receiver) -> None:
    _hook(world, receiver.url, ["scan.closed"])
    receiver.statuses = [404]
    services.emit(organisation=world.org, event="scan.closed", key="refused",
                  subject={"scan_id": 1, "scan_name": "Wave"})
    now = timezone.now()
    assert services.deliver_due(now=now)["gave_up"] == 1
    dead = Webhook.objects.create(organisation=world.org, name="gone",
                                  url="http://127.0.0.1:9/nothing-listens", secret="s",
                                  events=["scan.closed"], created_at=now)
    (delivery,) = services.emit(organisation=world.org, event="scan.closed", key="dead",
                                subject={"scan_id": 1, "scan_name": "Wave"}, only=dead)
    moment = timezone.now()
    for _attempt in range(len(services.BACKOFF) + 1):
        services.deliver_due(now=moment)
        delivery.refresh_from_db()
        moment = delivery.next_attempt_at or moment
    assert delivery.gave_up_at is not None and delivery.last_status is None
    assert delivery.attempts == len(services.BACKOFF) + 1
    assert delivery.last_error


def test_an_event_is_sent_once_per_webhook(world: World, receiver: Receiver) -> None:
    _hook(world, receiver.url, ["scan.closed"])
    for _ in range(2):
        services.emit(organisation=world.org, event="scan.closed", key="same",
                      subject={"scan_id": 1, "scan_name": "Wave"})
        services.deliver_due()
    assert len(receiver.received) == 1


def test_overdue_actions_are_told_once_per_due_date(world: World, receiver: Receiver) -> None:
    _hook(world, receiver.url, ["action.overdue"])
    late = Action.objects.create(organisation=world.org, title="Agree what an MQL is",
                                 owner_name="Anna", due_date=date.today() - timedelta(days=2))
    Action.objects.create(organisation=world.org, title="Done already", owner_name="Bo",
                          due_date=date.today() - timedelta(days=2), status=ActionStatus.DONE)
    Action.objects.create(organisation=world.org, title="Not due", owner_name="Cas",
                          due_date=date.today() + timedelta(days=2))
    call_command("webhooks_run")
    call_command("webhooks_run")
    assert len(receiver.received) == 1
    message = json.loads(receiver.received[0]["body"])  # type: ignore[arg-type]
    assert message["event"] == "action.overdue"
    assert message["data"]["action_id"] == late.pk
    assert "Agree what an MQL is" in message["text"]
    late.due_date = date.today() - timedelta(days=1)  # a new due date, overdue again
    late.save()
    call_command("webhooks_run")
    assert len(receiver.received) == 2


def test_results_ready_comes_after_close_without_any_figure(
        world: World, receiver: Receiver) -> None:
    _hook(world, receiver.url, ["scan.closed", "results.ready"])
    scan = closed_scan(world.org, world.owner, n=30)
    events = [json.loads(r["body"])["event"] for r in receiver.received]  # type: ignore[arg-type]
    assert events == ["scan.closed", "results.ready"]
    ready = json.loads(receiver.received[1]["body"])  # type: ignore[arg-type]
    assert set(ready["data"]) == {"scan_id", "scan_name"}  # names and ids, no figures
    assert ready["data"]["scan_id"] == scan.pk and scan.status == ScanStatus.CLOSED


def test_the_owner_sets_one_up_on_the_page_and_sends_a_test(
        world: World, receiver: Receiver) -> None:
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    page = f"/o/{world.org.pk}/webhooks/"
    refused = client.post(page, {"name": "Plain", "url": "http://example.org/hook",
                                 "events": ["scan.closed"]})
    assert refused.status_code == 200 and not Webhook.objects.exists()
    assert "https://" in refused.content.decode()
    made = client.post(page, {"name": "Teams", "url": receiver.url, "events": ["scan.closed"]})
    hook = Webhook.objects.get()
    assert hook.secret in made.content.decode()  # shown once ...
    assert hook.secret not in client.get(page).content.decode()  # ... and not again
    client.post(f"{page}{hook.pk}/test/")
    assert json.loads(receiver.received[0]["body"])["event"] == "ping"  # type: ignore[arg-type]
    assert "delivered" in client.get(page).content.decode()
    client.cookies["django_language"] = "nl"
    assert "afgeleverd" in client.get(page).content.decode()
    client.post(f"{page}{hook.pk}/delete/")
    assert not Webhook.objects.exists()
