"""Research consent: owners opt in (who, when, which text) and out (who, when); every
change is a new row, so the history stays; the organisation's research code is made at
its first consent and kept."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from research_helpers import consent
from webtest_helpers import World, client_for

from tandem.web.accounts.models import User
from tandem.web.research.access import may_export_pool
from tandem.web.research.models import CONSENT_VERSION, Consent, ResearchCode
from tandem.web.research.selectors.consent import (
    consent_current,
    consent_history,
    consenting_organisations,
)
from tandem.web.research.services import ConsentError, consent_grant, consent_revoke


def _url(world: World) -> str:
    return reverse("research:consent", kwargs={"org_id": world.org.pk})


def test_grant_and_revoke_keep_the_history(world: World) -> None:
    assert consent_current(organisation=world.org) is None
    granted = consent_grant(organisation=world.org, user=world.owner, text="Text v1",
                            language="nl")
    assert consent_current(organisation=world.org) == granted
    assert (granted.by, granted.by_email, granted.text, granted.text_version,
            granted.language) == (world.owner, "owner@example.org", "Text v1",
                                   CONSENT_VERSION, "nl")
    code = ResearchCode.objects.get(organisation=world.org).code
    with pytest.raises(ConsentError):
        consent_grant(organisation=world.org, user=world.owner, text="again", language="nl")
    revoked = consent_revoke(organisation=world.org, user=world.owner)
    assert consent_current(organisation=world.org) is None
    assert not revoked.granted and revoked.text == "" and revoked.at >= granted.at
    with pytest.raises(ConsentError):
        consent_revoke(organisation=world.org, user=world.owner)
    consent(world.org, world.owner)
    assert [c.granted for c in consent_history(organisation=world.org)] == [True, False, True]
    assert ResearchCode.objects.get(organisation=world.org).code == code  # kept
    assert list(consenting_organisations()) == [world.org]
    assert Consent.objects.filter(organisation=world.other_org).count() == 0


def test_the_owner_agrees_on_the_page_and_withdraws(world: World) -> None:
    client = client_for(world.owner)
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-consent="none"' in page and "What you agree to" in page
    assert client.post(_url(world), {}).status_code == 200  # the box not ticked
    assert consent_current(organisation=world.org) is None
    assert client.post(_url(world), {"agree": "on"},
                       HTTP_ACCEPT_LANGUAGE="en").status_code == 302
    granted = consent_current(organisation=world.org)
    assert granted is not None and granted.language == "en"
    assert granted.text.startswith("We agree that our organisation's closed scans")
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-consent="granted"' in page and "owner@example.org" in page
    assert client.post(_url(world), {"choice": "revoke"}).status_code == 302
    assert consent_current(organisation=world.org) is None
    assert [c.granted for c in consent_history(organisation=world.org)] == [False, True]


def test_the_page_speaks_dutch(world: World) -> None:
    client = client_for(world.owner)
    client.post(_url(world), {"agree": "on"}, HTTP_ACCEPT_LANGUAGE="nl")
    granted = consent_current(organisation=world.org)
    assert granted is not None and granted.language == "nl"
    assert granted.text.startswith("Wij gaan ermee akkoord")
    page = client.get(_url(world), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Uw organisatie doet mee aan de onderzoekspool." in page


def test_owners_only(world: World) -> None:
    assert client_for(world.facilitator).post(_url(world), {"agree": "on"}).status_code == 403
    assert client_for(world.viewer).get(_url(world)).status_code == 403
    assert client_for(world.outsider).get(_url(world)).status_code == 404
    assert not Consent.objects.exists()
    detail = reverse("organisations:detail", kwargs={"org_id": world.org.pk})
    assert _url(world) in client_for(world.owner).get(detail).content.decode()
    assert _url(world) not in client_for(world.viewer).get(detail).content.decode()


def test_the_command_gives_and_takes_the_research_permission(world: World) -> None:
    out = io.StringIO()
    call_command("research_access", "Viewer@Example.org", stdout=out)
    assert may_export_pool(User.objects.get(pk=world.viewer.pk))
    call_command("research_access", "viewer@example.org", "--revoke", stdout=out)
    assert not may_export_pool(User.objects.get(pk=world.viewer.pk))
    assert "no longer has" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("research_access", "nobody@example.org")
