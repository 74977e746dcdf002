"""A link that cannot be used reveals nothing: one page, one status, the same headers.

Issue 6: "Invitation tokens: long random, stored only as a hash, single use; guessing is
rate limited; a used or expired token reveals nothing about the scan." Each case below
builds a link that cannot (or can no longer) be used; every answer must be byte for byte
the answer to a token that was never issued (apart from the CSP nonce), in the
browser's language, and must not name the organisation, the scan, its dates or counts.
Guessing per client address is also tested in ``test_governance_ratelimit.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from conftest import World
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from test_survey import answer_all, invite, start, ticket_of

from tandem.web.governance.services import organisation_delete, scan_delete
from tandem.web.responses import services as survey_services
from tandem.web.responses.models import Draft, Response
from tandem.web.scans.models import Invitation, InvitationToken, Scan, hash_token, new_token
from tandem.web.scans.services import (
    invitation_delete,
    invitation_issue_token,
    scan_close,
    scan_create,
    scan_enable_open_link,
    scan_open,
)
from tandem.web.survey import access, ratelimit
from tandem.web.survey.views import UNAVAILABLE_STATUS

Builder = Callable[[World, Scan], str]

TODAY = timezone.localdate()
OPENS_ON = TODAY + dt.timedelta(days=9)
CLOSED_ON = TODAY - dt.timedelta(days=3)
DRAFT_TITLE = "Autumn 2026"
NONCE = re.compile(r"nonce(=\"|-)[\w-]+")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _submitted(world: World, scan: Scan) -> tuple[str, str]:
    """A personal link whose answers were submitted; the respondent saw the thank-you."""
    token = invite(scan)
    client = Client()
    review_url, _given = answer_all(client, scan, start(client, token, lang="en"))
    done = client.post(review_url, {"submit": "1", "ticket": ticket_of(client, review_url)})
    assert done.status_code == 302 and done["Location"] == "/s/done/?lang=en"
    assert "Thank you!" in client.get(done["Location"]).content.decode()
    return token, review_url


def _open_draft(scan: Scan) -> str:
    """The resume token of a consented open-link draft."""
    scan = scan_enable_open_link(scan=scan)
    started = Client().post(f"/s/o/{scan.open_token}/", {"consent": "yes"})
    return str(started["Location"]).split("/")[3]


def unknown(world: World, scan: Scan) -> str:
    return f"/s/i/{new_token()}/"


def unknown_resume(world: World, scan: Scan) -> str:
    return f"/s/r/{new_token()}/review/"


def used(world: World, scan: Scan) -> str:
    return f"/s/i/{_submitted(world, scan)[0]}/"


def used_review(world: World, scan: Scan) -> str:
    return _submitted(world, scan)[1]


def used_other_token(world: World, scan: Scan) -> str:
    """A second link of the same invitation (a reminder) dies with the first."""
    token = invite(scan)
    reminder = invitation_issue_token(invitation=Invitation.objects.get(scan=scan))
    client = Client()
    review_url, _given = answer_all(client, scan, start(client, token))
    client.post(review_url, {"submit": "1"})
    return f"/s/i/{reminder}/"


def used_resume(world: World, scan: Scan) -> str:
    resume = _open_draft(scan)
    Client().post(f"/s/r/{resume}/review/", {"submit": "1"})
    return f"/s/r/{resume}/"


def closed(world: World, scan: Scan) -> str:
    token = invite(scan)
    scan_close(scan=scan, actor=world.owner)
    return f"/s/i/{token}/"


def closed_mid_survey(world: World, scan: Scan) -> str:
    token = invite(scan)
    first = start(Client(), token)
    scan_close(scan=scan, actor=world.owner)
    return first


def closed_resume(world: World, scan: Scan) -> str:
    resume = _open_draft(scan)
    scan_close(scan=scan, actor=world.owner)
    return f"/s/r/{resume}/q/profile/"


def closed_open_link(world: World, scan: Scan) -> str:
    scan = scan_enable_open_link(scan=scan)
    scan_close(scan=scan, actor=world.owner)
    return f"/s/o/{scan.open_token}/"


def expired(world: World, scan: Scan) -> str:
    """Open, but past its closing date."""
    token = invite(scan)
    Scan.objects.filter(pk=scan.pk).update(opens_on=CLOSED_ON - dt.timedelta(days=30),
                                           closes_on=CLOSED_ON)
    return f"/s/i/{token}/"


def not_yet_open(world: World, scan: Scan) -> str:
    """Open, with an opening date still to come."""
    token = invite(scan)
    Scan.objects.filter(pk=scan.pk).update(opens_on=OPENS_ON)
    return f"/s/i/{token}/"


def draft_scan(world: World, scan: Scan) -> str:
    """A scan that was never opened (a link exported early)."""
    draft = scan_create(organisation=world.org, title=DRAFT_TITLE,
                        instrument_name="tandem-scan-1", default_language="en")
    return f"/s/i/{invite(draft)}/"


def withdrawn(world: World, scan: Scan) -> str:
    token = invite(scan)
    invitation_delete(invitation=Invitation.objects.get(scan=scan))
    return f"/s/i/{token}/"


def deleted_scan(world: World, scan: Scan) -> str:
    token = invite(scan)
    start(Client(), token)
    scan_delete(scan=scan, actor=world.owner)
    return f"/s/i/{token}/"


def deleted_open_link(world: World, scan: Scan) -> str:
    open_token = scan_enable_open_link(scan=scan).open_token
    organisation_delete(organisation=world.org, actor=world.owner)
    return f"/s/o/{open_token}/"


CASES: dict[str, Builder] = {builder.__name__: builder for builder in (
    unknown, unknown_resume, used, used_review, used_other_token, used_resume, closed,
    closed_mid_survey, closed_resume, closed_open_link, expired, not_yet_open, draft_scan,
    withdrawn, deleted_scan, deleted_open_link,
)}


def _fetch(url: str, lang: str, address: str) -> HttpResponse:
    response = Client(HTTP_ACCEPT_LANGUAGE=lang, REMOTE_ADDR=address).get(url)
    assert isinstance(response, HttpResponse)
    return response


def _normalised(response: HttpResponse) -> tuple[int, str, dict[str, str], list[str]]:
    """Status, body and headers with the per-request nonce and CSRF token blanked."""
    body = CSRF.sub("csrf", NONCE.sub("nonce", response.content.decode()))
    headers = {name: NONCE.sub("nonce", value) for name, value in response.headers.items()}
    return response.status_code, body, headers, sorted(response.cookies)


def _secrets(world: World) -> list[str]:
    dates = [day for when in (OPENS_ON, CLOSED_ON)
             for day in (when.isoformat(), when.strftime("%d-%m-%Y"), when.strftime("%d/%m/%Y"))]
    return [world.org.name, world.scan.title, DRAFT_TITLE, *dates,
            "minstens", "at least", "minuten", "minutes", "Welkom", "Welcome"]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_every_unusable_link_gets_the_same_page(world: World, open_scan: Scan, case: str,
                                                lang: str) -> None:
    secrets = _secrets(world)  # read before a case deletes the organisation
    url = CASES[case](world, open_scan)
    baseline = _normalised(_fetch(f"/s/i/{new_token()}/", lang, "198.51.100.1"))
    response = _fetch(url, lang, "198.51.100.2")

    assert _normalised(response) == baseline
    assert response.status_code == UNAVAILABLE_STATUS == 404
    assert response["Content-Language"] == lang  # the browser's language, not the scan's
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert ("Deze link werkt niet" if lang == "nl" else "This link does not work") in html
    for secret in secrets:
        assert secret not in html, secret
    # The guessing counter moves the same way, so it cannot tell the cases apart either.
    assert cache.get("survey-code-fail:198.51.100.2") == 1


def test_the_generic_page_follows_the_browser_and_lang_parameter(world: World,
                                                                 open_scan: Scan) -> None:
    english_scan = scan_open(scan=scan_create(
        organisation=world.org, title="English only", instrument_name="tandem-scan-1",
        default_language="en", languages=["en"]), actor=world.owner)
    url = closed(world, english_scan)
    assert _fetch(url, "nl", "198.51.100.3")["Content-Language"] == "nl"
    chosen = Client(HTTP_ACCEPT_LANGUAGE="nl").get(f"{url}?lang=en")
    assert chosen.status_code == 404 and chosen["Content-Language"] == "en"


def test_the_respondent_who_submitted_sees_thank_you_and_nobody_else(world: World,
                                                                      open_scan: Scan) -> None:
    token = invite(open_scan)
    respondent = Client()
    review_url, _given = answer_all(respondent, open_scan, start(respondent, token))
    ticket = ticket_of(respondent, review_url)
    assert respondent.post(review_url, {"submit": "1", "ticket": ticket})["Location"] \
        == "/s/done/?lang=nl"
    # A double click or a second tab of the same respondent still lands on the thank-you.
    again = respondent.post(review_url, {"submit": "1", "ticket": ticket, "lang_now": "en"})
    assert again.status_code == 302 and again["Location"] == "/s/done/?lang=en"
    # Anyone else with the link, with or without a forged ticket, gets the generic page.
    for other in (Client().get(review_url), Client().post(review_url, {"submit": "1"}),
                  Client().post(review_url, {"submit": "1", "ticket": "forged"}),
                  respondent.get(f"/s/i/{token}/")):
        assert other.status_code == 404 and "Acme" not in other.content.decode()
    assert Response.objects.count() == 1


def test_a_submit_that_loses_the_race_to_a_parallel_one_lands_on_thank_you(
        world: World, open_scan: Scan, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two submits at once (double click, two servers): the second reads the invitation
    before the first commits and the draft after it. Found by the two-server load test
    (tests/load/test_two_app_servers.py); here the interleaving is forced."""
    token = invite(open_scan)
    respondent = Client()
    review_url, _given = answer_all(respondent, open_scan, start(respondent, token))
    ticket = ticket_of(respondent, review_url)
    real_lookup = access.invitation_for_token

    def lookup_then_parallel_submit(*, token: str) -> Invitation | None:
        invitation = real_lookup(token=token)
        draft = Draft.objects.get(invitation=invitation)
        survey_services.draft_submit(draft=draft)  # the other request commits now
        return invitation

    monkeypatch.setattr(access, "invitation_for_token", lookup_then_parallel_submit)
    second = respondent.post(review_url, {"submit": "1", "ticket": ticket, "lang_now": "en"})
    assert second.status_code == 302 and second["Location"] == "/s/done/?lang=en"
    assert Response.objects.count() == 1


def test_an_unfinished_draft_still_resumes(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    start(Client(), token)
    resume = _open_draft(open_scan)
    for url in (f"/s/i/{token}/", f"/s/r/{resume}/"):
        page = Client().get(url)
        assert page.status_code == 200 and "Welkom terug" in page.content.decode()
    assert Draft.objects.count() == 2


def test_tokens_are_long_random_hashed_and_single_use(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    second = invitation_issue_token(invitation=Invitation.objects.get(scan=open_scan))
    for value in (token, second):
        assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", value)  # 256 random bits, URL-safe
    assert token != second
    stored = set(InvitationToken.objects.values_list("token_hash", flat=True))
    assert stored == {hash_token(token), hash_token(second)}
    assert not {token, second} & stored
    client = Client()
    review_url, _given = answer_all(client, open_scan, start(client, token))
    client.post(review_url, {"submit": "1"})
    for link in (token, second):  # every link of the invitation died with the submit
        assert Client().post(f"/s/i/{link}/", {"consent": "yes"}).status_code == 404
    assert Response.objects.count() == 1 and not Draft.objects.exists()


@pytest.mark.parametrize("case", ["used", "closed", "withdrawn", "deleted_scan"])
def test_guessing_counts_every_unusable_link(world: World, open_scan: Scan, case: str) -> None:
    """Repeating a used or closed link uses up the guessing allowance like a wrong guess."""
    other = scan_open(scan=scan_create(organisation=world.org, title="Other",
                                       instrument_name="tandem-scan-1"), actor=world.owner)
    working = f"/s/i/{invite(other, email='someone@example.org')}/"
    url = CASES[case](world, open_scan)
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(ratelimit.MAX_FAILURES):
        assert client.get(url).status_code == 404
    assert client.get(working).status_code == 429  # blocked, even for a working link
    assert Client(REMOTE_ADDR="198.51.100.10").get(working).status_code == 200
