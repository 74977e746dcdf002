"""Password reset is rate limited like login and tells nobody which accounts exist;
guessing invitation links is rate limited per client address."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.web.accounts.ratelimit import IP_FACTOR
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import invitation_issue_token
from tandem.web.survey.ratelimit import MAX_FAILURES

RESET = "accounts:password_reset"


def _reset(client: Client, email: str) -> tuple[int, str]:
    response = client.post(reverse(RESET), {"email": email})
    return response.status_code, response["Location"]


def test_known_and_unknown_addresses_get_the_same_answer(world: World) -> None:
    client = Client()
    known = _reset(client, world.owner.email)
    unknown = _reset(client, "nobody@example.org")
    assert known == unknown == (302, reverse("accounts:password_reset_done"))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [world.owner.email]


def test_reset_requests_are_rate_limited_per_address(world: World) -> None:
    limit = settings.TANDEM_LOGIN_MAX_FAILURES
    client = Client(REMOTE_ADDR="10.0.0.1")
    answers = {_reset(client, world.owner.email) for _ in range(limit + 3)}
    assert answers == {(302, reverse("accounts:password_reset_done"))}  # always the same
    assert len(mail.outbox) == limit
    # Another address is not affected; the login counter is not either.
    _reset(client, world.viewer.email)
    assert len(mail.outbox) == limit + 1
    login = client_for(None).post(reverse("accounts:login"), {
        "username": world.owner.email, "password": "correct horse battery staple 42"})
    assert login.status_code == 302


def test_reset_requests_are_rate_limited_per_client(world: World) -> None:
    client = Client(REMOTE_ADDR="10.0.0.2")
    for i in range(settings.TANDEM_LOGIN_MAX_FAILURES * IP_FACTOR):
        _reset(client, f"probe{i}@example.org")
    assert _reset(client, world.owner.email)[0] == 302
    assert len(mail.outbox) == 0
    assert _reset(Client(REMOTE_ADDR="10.0.0.3"), world.owner.email)[0] == 302
    assert len(mail.outbox) == 1


def test_guessing_invitation_links_is_rate_limited(world: World, open_scan: Scan) -> None:
    token = invitation_issue_token(invitation=Invitation.objects.create(
        scan=open_scan, email="r@example.org"))
    guesser = Client(REMOTE_ADDR="10.0.0.4")
    for i in range(MAX_FAILURES):
        url = reverse("survey:invitation", kwargs={"token": f"guess{i:040d}"})
        assert guesser.get(url).status_code == 404
    real = reverse("survey:invitation", kwargs={"token": token})
    assert guesser.get(real).status_code == 429  # even a right guess is refused now
    section = reverse("survey:section", kwargs={"kind": "i", "token": token,
                                                "section": "intro"})
    assert guesser.get(section).status_code == 429
    assert guesser.get(reverse("survey:open", kwargs={"token": "x" * 43})).status_code == 429
    assert Client(REMOTE_ADDR="10.0.0.5").get(real).status_code == 200
