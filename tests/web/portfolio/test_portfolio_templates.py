"""Scan templates: a consultant's own, kept under a name; a scan started from one in an
organisation it serves gets the template's settings (the form opens filled in)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from portfolio_helpers import consultant_for
from webtest_helpers import World, client_for

from tandem.web.portfolio.models import ScanTemplate
from tandem.web.scans.models import Scan
from tandem.web.scans.services import ScanRuleError, scan_create

TEMPLATE = {"name": "Kwartaalscan", "title": "Tandem Scan Q3", "instrument_name": "tandem-scan-2",
            "form": "quick", "languages": ["en"], "default_language": "en", "k": "7",
            "should_decide": "on", "segment": "on", "meta_perception": "on", "days_open": "14"}


@pytest.fixture
def consultant(world: World) -> World:
    consultant_for(world.org, world.other_org)
    return world


def _client(world: World, email: str = "consultant@example.org"):  # type: ignore[no-untyped-def]
    from tandem.web.accounts.models import User

    return client_for(User.objects.get(email=email))


def test_a_template_is_saved_edited_and_deleted(consultant: World) -> None:
    client = _client(consultant)
    assert client.post(reverse("portfolio:template_new"), TEMPLATE).status_code == 302
    template = ScanTemplate.objects.get(owner__email="consultant@example.org")
    assert (template.name, template.title, template.form, template.languages, template.k,
            template.should_decide, template.segment, template.meta_perception,
            template.days_open) == (
        "Kwartaalscan", "Tandem Scan Q3", "quick", ["en"], 7, True, True, True, 14)
    listed = client.get(reverse("portfolio:templates"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Kwartaalscan" in listed.content.decode() and "14 days" in listed.content.decode()
    assert "asks how the other department would answer" in listed.content.decode()
    again = client.post(reverse("portfolio:template_new"), TEMPLATE, HTTP_ACCEPT_LANGUAGE="en")
    assert again.status_code == 200
    assert "already have a template with this name" in unescape(again.content.decode())
    edit = reverse("portfolio:template_edit", kwargs={"template_id": template.pk})
    assert client.post(edit, TEMPLATE | {"k": "2"}).status_code == 200  # below 3: refused
    assert client.post(edit, TEMPLATE | {"k": "9", "days_open": ""}).status_code == 302
    template.refresh_from_db()
    assert template.k == 9 and template.days_open is None
    delete = reverse("portfolio:template_delete", kwargs={"template_id": template.pk})
    assert client.get(delete).status_code == 405
    assert client.post(delete).status_code == 302
    assert not ScanTemplate.objects.filter(pk=template.pk).exists()


def test_meta_perception_needs_a_version_that_asks_it(consultant: World) -> None:
    """Version 1 has no meta-perception statements: a template or scan of it with the
    setting on would ask nothing and show no empathy gap, so the form and the service
    refuse it, naming the questionnaire."""
    client = _client(consultant)
    refused = client.post(reverse("portfolio:template_new"),
                          TEMPLATE | {"instrument_name": "tandem-scan-1"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200 and not ScanTemplate.objects.exists()
    assert ("Version 1.0 of the questionnaire has no statements on how the other department "
            "would answer" in unescape(refused.content.decode()))
    with pytest.raises(ScanRuleError, match=r"Version 1\.0 of the questionnaire has no statements"):
        scan_create(organisation=consultant.other_org, title="v1", instrument_name="tandem-scan-1",
                    meta_perception=True)
    kept = client.post(reverse("portfolio:template_new"),
                       TEMPLATE | {"instrument_name": "tandem-scan-1", "meta_perception": ""})
    assert kept.status_code == 302 and not ScanTemplate.objects.get().meta_perception


def test_a_scan_started_from_a_template_has_its_settings(consultant: World) -> None:
    client = _client(consultant)
    client.post(reverse("portfolio:template_new"), TEMPLATE)
    template = ScanTemplate.objects.get(name="Kwartaalscan")
    url = reverse("portfolio:scan_start", kwargs={"org_id": consultant.other_org.pk})
    form = client.get(f"{url}?template={template.pk}", HTTP_ACCEPT_LANGUAGE="en")
    html = unescape(form.content.decode())
    assert form.status_code == 200 and "Filled in from your template Kwartaalscan" in html
    assert 'value="Tandem Scan Q3"' in html and 'value="7"' in html
    assert re.search(r'<input type="checkbox" name="meta_perception"[^>]* checked', html)
    closes = timezone.localdate() + timedelta(days=14)
    assert f'value="{closes.isoformat()}"' in html
    # The form as the browser sends it back, unchanged: one step to the scan.
    sent = {"title": "Tandem Scan Q3", "instrument_name": "tandem-scan-2", "form": "quick",
            "languages": ["en"], "default_language": "en", "k": "7", "should_decide": "on",
            "segment": "on", "meta_perception": "on",
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": closes.isoformat()}
    before = Scan.objects.filter(organisation=consultant.other_org).count()
    done = client.post(f"{url}?template={template.pk}", sent)
    assert done.status_code == 302
    assert Scan.objects.filter(organisation=consultant.other_org).count() == before + 1
    scan = Scan.objects.filter(organisation=consultant.other_org).latest("pk")
    for name, value in template.scan_settings().items():
        assert getattr(scan, name) == value, name
    assert scan.closes_on == closes and scan.status == "draft"
    assert done["Location"] == reverse("scans:detail", kwargs={
        "org_id": consultant.other_org.pk, "scan_id": scan.pk})


def test_templates_are_their_owners_own(consultant: World) -> None:
    mine = _client(consultant)
    mine.post(reverse("portfolio:template_new"), TEMPLATE)
    template = ScanTemplate.objects.get(name="Kwartaalscan")
    consultant_for(consultant.org, email="second@example.org")
    theirs = _client(consultant, "second@example.org")
    assert "Kwartaalscan" not in theirs.get(reverse("portfolio:templates")).content.decode()
    ids = {"template_id": template.pk}
    assert theirs.get(reverse("portfolio:template_edit", kwargs=ids)).status_code == 404
    assert theirs.post(reverse("portfolio:template_delete", kwargs=ids)).status_code == 404
    start = reverse("portfolio:scan_start", kwargs={"org_id": consultant.org.pk})
    assert theirs.get(f"{start}?template={template.pk}").status_code == 404
    assert theirs.get(f"{start}?template=x").status_code == 404
    assert theirs.get(start).status_code == 200  # without a template: the plain form
    assert ScanTemplate.objects.filter(pk=template.pk).exists()


def test_a_viewer_cannot_start_a_scan(world: World) -> None:
    url = reverse("portfolio:scan_start", kwargs={"org_id": world.org.pk})
    assert client_for(world.viewer).get(url).status_code == 403
    assert client_for(world.outsider).get(url).status_code == 404
