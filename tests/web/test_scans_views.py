"""Facilitator pages that change a scan: open, close, reopen and withdraw ask to confirm
on their own page (no script needed), and a double click sends one reminder, not two."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from webtest_helpers import World, client_for

from tandem.web.scans.models import Invitation, Scan, ScanStatus
from tandem.web.scans.services import (
    invitation_bulk_create,
    invitation_parse_list,
    invitations_send,
    scan_close,
)
from tandem.web.scans.tasks import REMINDER_GAP

CONFIRMED = {"confirm": "yes"}


def url(name: str, scan: Scan, **more: int) -> str:
    return reverse(f"scans:{name}", kwargs={"org_id": scan.organisation_id, "scan_id": scan.pk,
                                           **more})


def status(scan: Scan) -> str:
    return Scan.objects.get(pk=scan.pk).status


def english(user: Any) -> Client:
    client = client_for(user)
    client.post(reverse("set_language"), {"language": "en"})
    return client


def test_opening_asks_first_and_says_what_it_fixes(world: World) -> None:
    client = english(world.facilitator)
    page = client.get(url("open", world.scan))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Open the scan “Spring 2026”?" in text
    assert "the anonymity threshold (k = 5) can no longer be changed" in text
    assert "Nobody is invited yet and there is no open link" in text  # nobody could answer
    assert 'name="confirm" value="yes"' in text
    assert status(world.scan) == ScanStatus.DRAFT
    # A POST without the confirmation (a stray or replayed form) shows the page again.
    again = client.post(url("open", world.scan))
    assert again.status_code == 200 and "Open the scan “Spring 2026”?" in again.content.decode()
    assert status(world.scan) == ScanStatus.DRAFT
    done = client.post(url("open", world.scan), CONFIRMED)
    assert done.status_code == 302 and status(world.scan) == ScanStatus.OPEN


def test_the_confirmation_is_in_dutch_too(world: World) -> None:
    client = client_for(world.facilitator)
    client.post(reverse("set_language"), {"language": "nl"})
    text = client.get(url("open", world.scan)).content.decode()
    assert "De scan “Spring 2026” openen?" in text
    assert "Ja, open de scan" in text


def test_closing_asks_first_without_showing_a_count_below_k(world: World,
                                                            open_scan: Scan) -> None:
    client = english(world.facilitator)
    text = client.get(url("close", open_scan)).content.decode()
    assert "Close the scan “Spring 2026”?" in text
    assert "fewer than 5" in text and "the results show no figures" in text
    assert client.post(url("close", open_scan), {"confirm": "no"}).status_code == 200
    assert status(open_scan) == ScanStatus.OPEN
    assert client.post(url("close", open_scan), CONFIRMED).status_code == 302
    assert status(open_scan) == ScanStatus.CLOSED


def test_reopening_asks_first_and_stays_the_owners(world: World, open_scan: Scan) -> None:
    closed = scan_close(scan=open_scan, actor=world.owner)
    assert client_for(world.facilitator).get(url("reopen", closed)).status_code == 403
    client = english(world.owner)
    text = client.get(url("reopen", closed)).content.decode()
    assert "Reopen the scan “Spring 2026”?" in text and "with your name" in text
    client.post(url("reopen", closed))
    assert status(closed) == ScanStatus.CLOSED
    client.post(url("reopen", closed), CONFIRMED)
    assert status(closed) == ScanStatus.OPEN


def test_a_change_that_cannot_be_made_now_says_why_instead_of_asking(world: World,
                                                                     open_scan: Scan) -> None:
    response = english(world.facilitator).get(url("open", open_scan), follow=True)
    assert response.redirect_chain[-1][0] == url("detail", open_scan)
    assert "it cannot be opened now" in response.content.decode()


def test_a_double_click_on_the_confirmation_opens_once_without_an_error(
        world: World) -> None:
    client = english(world.facilitator)
    client.post(url("open", world.scan), CONFIRMED)
    page = client.post(url("open", world.scan), CONFIRMED, follow=True).content.decode()
    assert "The scan is open. Send the invitations now." in page
    assert "cannot be opened now" not in page
    assert world.scan.events.count() == 1


def test_withdrawing_an_invitation_asks_first(world: World) -> None:
    invitation_bulk_create(scan=world.scan, entries=invitation_parse_list(
        scan=world.scan, text="piet@acme.nl"))
    invitation = Invitation.objects.get()
    client = english(world.facilitator)
    withdraw = url("invitation_delete", world.scan, invitation_id=invitation.pk)
    text = client.get(withdraw).content.decode()
    assert "Withdraw the invitation of piet@acme.nl?" in text
    assert "Their personal links stop working at once." in text
    client.post(withdraw)
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert client.post(withdraw, CONFIRMED).status_code == 302
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def _invite(scan: Scan, text: str = "a@acme.nl\nb@acme.nl\nc@acme.nl") -> None:
    invitation_bulk_create(scan=scan, entries=invitation_parse_list(scan=scan, text=text))
    invitations_send(scan=scan, reminder=False)
    mail.outbox.clear()


def test_a_double_click_sends_one_reminder(world: World, open_scan: Scan) -> None:
    _invite(open_scan)
    client = english(world.facilitator)
    send = url("invitations_send", open_scan)
    first = client.post(send, {"kind": "remind"}, follow=True)
    assert "The reminders are being sent." in first.content.decode()
    second = client.post(send, {"kind": "remind"}, follow=True)
    assert "Reminders went out at " in second.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["a@acme.nl", "b@acme.nl", "c@acme.nl"]
    assert set(Invitation.objects.values_list("reminder_count", flat=True)) == {1}
    # Without the shared claim (a cleared cache), the reminders recorded still refuse it.
    cache.clear()
    client.post(send, {"kind": "remind"})
    assert len(mail.outbox) == 3
    # Once the gap has passed, a new round goes out.
    cache.clear()
    Invitation.objects.update(reminded_at=timezone.now() - REMINDER_GAP - timedelta(minutes=1))
    client.post(send, {"kind": "remind"})
    assert len(mail.outbox) == 6


def test_a_second_click_while_the_first_is_still_queued_is_refused(
        world: World, open_scan: Scan, settings: Any) -> None:
    """With a task worker the first request only queues; its reminders are not recorded
    yet, so the claim in the shared cache is what refuses the second request."""
    _invite(open_scan)
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    client = english(world.facilitator)
    send = url("invitations_send", open_scan)
    client.post(send, {"kind": "remind"})
    second = client.post(send, {"kind": "remind"}, follow=True).content.decode()
    assert "Reminders went out at " in second and "nobody gets two in a row" in second


@pytest.mark.parametrize("nothing_to_send", ["everyone finished", "no e-mail sent yet"])
def test_a_reminder_round_that_sent_nothing_blocks_nothing(
        world: World, open_scan: Scan, nothing_to_send: str) -> None:
    invitation_bulk_create(scan=open_scan, entries=invitation_parse_list(
        scan=open_scan, text="a@acme.nl"))
    if nothing_to_send == "everyone finished":
        Invitation.objects.update(sent_at=timezone.now(), finished_at=timezone.now())
    client = english(world.facilitator)
    send = url("invitations_send", open_scan)
    for _click in range(2):
        page = client.post(send, {"kind": "remind"}, follow=True).content.decode()
        assert "The reminders are being sent." in page
    assert mail.outbox == []
