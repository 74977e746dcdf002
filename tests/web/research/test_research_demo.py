"""The demo (``tandem serve --demo``) shows the research platform: its consultant is a
researcher, finds the pool from the start page, and the pool holds exactly the closed
scans of the two organisations that consent (not the third's)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from research_helpers import members, read_data

from tandem.web.accounts.models import User
from tandem.web.demo import DEMO_CLIENTS, DEMO_CONSENTING, DEMO_EMAIL, demo_load
from tandem.web.organisations.models import Organisation
from tandem.web.research.access import may_export_pool
from tandem.web.research.models import Consent, ResearchCode
from tandem.web.research.selectors.consent import consent_current
from tandem.web.results.selectors import shown_result
from tandem.web.scans.models import Scan

PASSWORD = "demo password 123"


def _client(email: str, lang: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    assert client.login(username=email, password=PASSWORD)
    return client


def test_the_demo_consultant_is_a_researcher_and_the_pool_holds_the_consenting(
        db: None) -> None:
    login = demo_load(password=PASSWORD)
    demo_load(password=PASSWORD)  # a second load grants nothing twice
    consultant = User.objects.get(email=login.consultant_email)
    assert may_export_pool(consultant)
    assert not may_export_pool(User.objects.get(email=DEMO_EMAIL))
    consenting = [login.organisation,
                  Organisation.objects.get(name=DEMO_CLIENTS[0][0])][:DEMO_CONSENTING]
    assert all(consent_current(organisation=o) is not None for o in consenting)
    assert consent_current(organisation=Organisation.objects.get(name=DEMO_CLIENTS[1][0])) \
        is None
    assert Consent.objects.count() == DEMO_CONSENTING
    for lang, said in (("en", "Research pool: the anonymised answers"),
                       ("nl", "Onderzoekspool: de geanonimiseerde antwoorden")):
        home = _client(login.consultant_email, lang).get(reverse("home")).content.decode()
        assert said in home and reverse("research:pool") in home
    owner_home = _client(DEMO_EMAIL, "en").get(reverse("home")).content.decode()
    assert reverse("research:pool") not in owner_home

    response = _client(login.consultant_email, "en").get(
        reverse("research:pool_stream", kwargs={"lang": "en"}))
    frame, _meta = read_data("data.csv", members(b"".join(response.streaming_content))[
        "data.csv"])
    codes = {o.pk: ResearchCode.objects.get(organisation=o).code for o in consenting}
    assert set(frame.organisation) == set(codes.values())
    for org in consenting:  # every respondent the scan's own figures count, no more
        scan = Scan.objects.get(organisation=org, status="closed")
        assert (frame.organisation == codes[org.pk]).sum() == shown_result(scan=scan).meta.n
