"""A scan's dates: a day that has gone by is refused when it is chosen, kept when it was
already the scan's (a scan that opened last week keeps its opening day)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation
from webtest_helpers import World, client_for

from tandem.web.scans.forms import ScanSettingsForm
from tandem.web.scans.models import Scan

BASE = {"title": "Autumn", "instrument_name": "tandem-scan-1", "form": "quick",
        "languages": ["nl", "en"], "default_language": "nl", "k": "5"}


def days(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


def bound(scan: Scan | None = None, **dates: date) -> ScanSettingsForm:
    data: dict[str, Any] = {**BASE, **{k: v.isoformat() for k, v in dates.items()}}
    return ScanSettingsForm(data, scan=scan)


def errors(form: ScanSettingsForm) -> dict[str, list[str]]:
    with translation.override("en"):
        return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def test_a_new_scan_cannot_open_or_close_in_the_past() -> None:
    refused = errors(bound(opens_on=days(-1), closes_on=days(-1)))
    assert set(refused) == {"opens_on", "closes_on"}
    assert refused["opens_on"][0].endswith(" has passed: choose today or a later day.")
    assert bound(opens_on=days(0), closes_on=days(0)).is_valid()
    assert bound(opens_on=days(3), closes_on=days(17)).is_valid()


def test_closing_before_opening_is_still_refused() -> None:
    refused = errors(bound(opens_on=days(10), closes_on=days(5)))
    assert refused["closes_on"] == ["The scan cannot close before it opens."]


def test_a_kept_past_date_stays_and_a_new_past_date_is_refused(world: World) -> None:
    Scan.objects.filter(pk=world.scan.pk).update(opens_on=days(-7))
    scan = Scan.objects.get(pk=world.scan.pk)
    assert bound(scan, opens_on=days(-7), closes_on=days(7)).is_valid()
    assert list(errors(bound(scan, opens_on=days(-6), closes_on=days(7)))) == ["opens_on"]
    # The browser offers no past day, except on the field that keeps one.
    form = ScanSettingsForm(scan=scan)
    assert "min" not in form.fields["opens_on"].widget.attrs
    assert form.fields["closes_on"].widget.attrs["min"] == days(0).isoformat()


def test_the_create_page_says_it_in_dutch(world: World) -> None:
    client = client_for(world.facilitator)
    url = reverse("scans:create", kwargs={"org_id": world.org.pk})
    client.post(reverse("set_language"), {"language": "nl"})
    page = client.post(url, {**BASE, "opens_on": days(-2).isoformat()})
    assert page.status_code == 200
    assert "is voorbij: kies vandaag of een latere dag." in page.content.decode()
    assert Scan.objects.filter(organisation=world.org).count() == 1
