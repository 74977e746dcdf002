"""The plain results page: the core's diagnosis of the stored answers, rendered safely."""

from __future__ import annotations

from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.web.demo import DEMO_EMAIL, demo_load
from tandem.web.scans.models import Scan


def test_demo_results_page_shows_the_diagnosis(db: None) -> None:
    login = demo_load(password="demo password 123")
    again = demo_load(password="other password 456")
    assert again.organisation.pk == login.organisation.pk
    closed = Scan.objects.get(organisation=login.organisation, status="closed")
    assert Scan.objects.filter(organisation=login.organisation, status="open").count() == 1
    from tandem.web.accounts.models import User

    client = client_for(User.objects.get(email=DEMO_EMAIL))
    client.post(reverse("set_language"), {"language": "en"})
    url = reverse("results:scan", kwargs={"org_id": login.organisation.pk, "scan_id": closed.pk})
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Overview" in html and "Where you are" in html  # the tabbed results pages
    assert "respondents" in html
    data = client.get(reverse("results:scan_json", kwargs={
        "org_id": login.organisation.pk, "scan_id": closed.pk})).json()
    assert data["meta"]["n"] == 60
    assert data["meta"]["k"] == closed.k


def test_results_wait_for_closing(world: World, open_scan: Scan) -> None:
    url = reverse("results:scan", kwargs={"org_id": world.org.pk, "scan_id": open_scan.pk})
    response = client_for(world.viewer).get(url)
    assert response.status_code == 200
    assert "report" not in response.context
