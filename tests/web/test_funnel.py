"""The funnel beside the scan through the web: importing CRM exports (upload, inspect,
confirm; all or nothing; a re-import replaces), nothing personal stored, the cockpit in
Dutch and English beside a closed scan, and the PDF's funnel section."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from test_actions_support import closed_scan, set_context
from webtest_helpers import World, client_for

from tandem.analysis.funnel import funnel_metrics, window, window_figures
from tandem.report.wording import number, percent
from tandem.web.actions import services as actions
from tandem.web.funnel.models import (
    FunnelImport,
    FunnelPendingImport,
    FunnelRecord,
    FunnelSettings,
    FunnelStageChange,
)
from tandem.web.funnel.selectors import _closed_on, funnel_data
from tandem.web.governance.models import AuditEvent
from tandem.web.governance.services import purge_expired
from tandem.web.scans.models import Scan

CRM = Path(__file__).parent.parent / "fixtures" / "crm"
CONTACTS = CRM / "hubspot-crm-exports-all-contacts-2025-07-01.csv"
DEALS = CRM / "hubspot-crm-exports-all-deals-2025-07-01.xlsx"
SALESFORCE = [CRM / n for n in ("salesforce-lead.csv", "salesforce-leadhistory.csv",
                                "salesforce-opportunity.csv",
                                "salesforce-opportunityhistory.csv")]


def _url(name: str, world: World, **kwargs: int) -> str:
    return reverse(f"funnel:{name}", kwargs={"org_id": world.org.pk, **kwargs})


def _upload(client: Client, world: World, name: str, data: bytes, kind: str = "") -> str:
    response = client.post(_url("import_upload", world),
                           {"upload": SimpleUploadedFile(name, data), "kind": kind})
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def _import(client: Client, world: World, path: Path, data: bytes | None = None) -> str:
    """Upload, look at the inspection page, confirm; returns the inspection page."""
    inspect = _upload(client, world, path.name, data if data is not None else path.read_bytes())
    page = client.get(inspect)
    assert page.status_code == 200
    pending = FunnelPendingImport.objects.get(organisation=world.org)
    confirmed = client.post(_url("import_confirm", world, import_id=pending.pk))
    assert confirmed.status_code == 302
    return page.content.decode()


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_every_export_imports_through_the_pages(world: World) -> None:
    client = client_for(world.facilitator)
    audited = AuditEvent.objects.count()
    page = _import(client, world, CONTACTS)
    assert "Became a Marketing Qualified Lead Date" in page and "160" in page
    _import(client, world, DEALS)
    for path in SALESFORCE:
        _import(client, world, path)
    records = FunnelRecord.objects.filter(organisation=world.org)
    assert records.filter(kind="lead", source="hubspot").count() == 160
    assert records.filter(kind="deal", source="hubspot").count() == 70
    assert records.filter(kind="lead", source="salesforce").count() == 130
    assert records.filter(kind="deal", source="salesforce").count() == 42
    changes = FunnelStageChange.objects.filter(organisation=world.org)
    assert changes.filter(source="salesforce", record="deal").count() == 180
    assert changes.filter(source="salesforce", record="lead").exists()
    assert FunnelImport.objects.filter(organisation=world.org).count() == 6
    assert not FunnelPendingImport.objects.exists()
    assert AuditEvent.objects.count() == audited + 6
    # what the database holds reads back as what the files said
    data = funnel_data(organisation=world.org)
    assert len(data.leads) == 290 and len(data.deals) == 112


def test_a_bad_date_is_named_and_nothing_is_imported(world: World) -> None:
    client = client_for(world.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _import(client, world, CONTACTS)
    before = list(FunnelRecord.objects.order_by("pk").values_list("key", "mql"))
    rows = _csv(CONTACTS)
    rows[11][rows[0].index("Became a Sales Qualified Lead Date")] = "2025-13-40 09:00"  # row 12
    rows[3][rows[0].index("Became a Marketing Qualified Lead Date")] = "2025-01-01 08:00"
    page = client.get(_upload(client, world, "contacts-june.csv", _bytes(rows))).content.decode()
    pending = FunnelPendingImport.objects.get(organisation=world.org)
    assert '<td data-label="File">contacts-june.csv</td><td data-label="Row">12</td>' \
           '<td data-label="Column">Became a Sales Qualified Lead Date</td>' in page
    assert "&#x27;2025-13-40 09:00&#x27; is not a date" in page
    assert _url("import_confirm", world, import_id=pending.pk) not in page
    refused = client.post(_url("import_confirm", world, import_id=pending.pk), follow=True)
    assert "2025-13-40 09:00" in refused.content.decode()
    assert list(FunnelRecord.objects.order_by("pk").values_list("key", "mql")) == before
    assert FunnelImport.objects.count() == 1


def test_a_reimport_replaces_the_records_it_holds(world: World) -> None:
    client = client_for(world.owner)
    _import(client, world, CONTACTS)
    rows = _csv(CONTACTS)
    mql = rows[0].index("Became a Marketing Qualified Lead Date")
    rows[1][mql] = "2025-05-05 10:00"
    _import(client, world, CONTACTS, _bytes(rows[:41]))  # the first 40 contacts again
    assert FunnelRecord.objects.filter(organisation=world.org).count() == 160
    changed = [lead for lead in funnel_data(organisation=world.org).leads
               if lead.mql is not None and lead.mql.isoformat() == "2025-05-05T10:00:00"]
    assert len(changed) == 1


def test_nothing_personal_is_stored(world: World) -> None:
    client = client_for(world.owner)
    for path in (CONTACTS, DEALS, *SALESFORCE):
        _import(client, world, path)
    personal: set[str] = set()
    for path in (CONTACTS, SALESFORCE[0]):
        rows = _csv(path)
        for name in ("Record ID", "First Name", "Last Name", "Email", "Phone Number",
                     "Contact owner", "Id", "FirstName", "LastName", "Company", "OwnerId"):
            if name in rows[0]:
                personal |= {r[rows[0].index(name)] for r in rows[1:]}
    stored: list[object] = []
    for model in (FunnelRecord, FunnelStageChange, FunnelImport, FunnelSettings):
        for row in model.objects.values():
            stored += row.values()
    texts = {v for v in stored if isinstance(v, str)}
    assert len(personal) > 500
    assert not texts & personal
    assert not any("@" in t or "example.nl" in t for t in texts)
    keys = FunnelRecord.objects.values_list("key", "owner")
    assert all(len(k) == 64 and len(o) in (0, 64) for k, o in keys)


def test_the_retention_purge_deletes_forgotten_uploads(world: World) -> None:
    _upload(client_for(world.owner), world, CONTACTS.name, CONTACTS.read_bytes())
    FunnelPendingImport.objects.update(created_at="2020-01-01T00:00:00Z")
    purge_expired()
    assert not FunnelPendingImport.objects.exists()


@pytest.fixture
def beside(world: World) -> tuple[World, Scan]:
    """A closed scan, an agreement of 24 hours' follow-up and 25 MQLs a month, and
    HubSpot's contacts and deals."""
    set_context(world.org)
    scan = closed_scan(world.org, world.owner, title="Closed wave a", n=60)
    for kind, target, unit in (("follow_up", 24, "hours"), ("lead_volume", 25, "MQLs a month")):
        actions.sla_commitment_create(organisation=world.org, by=world.owner,
                                      fields=actions.SlaFields(
                                          kind=kind, description=f"Agreed {kind}",
                                          owner="joint", target_value=Decimal(target),
                                          unit=unit))
    client = client_for(world.owner)
    _import(client, world, CONTACTS)
    _import(client, world, DEALS)
    return world, scan


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cockpit_sets_the_crm_beside_what_people_said(beside: tuple[World, Scan],
                                                          lang: str) -> None:
    world, scan = beside
    client = client_for(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get(_url("cockpit", world), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    page = response.content.decode()
    data = funnel_data(organisation=world.org)
    metrics = funnel_metrics(data)
    figures = window_figures(data, metrics, window(metrics, _closed_on(scan)))
    assert figures.mql_to_sql is not None and figures.response_median is not None
    rate, hours = percent(figures.mql_to_sql, lang), number(figures.response_median, lang)
    if lang == "en":
        assert f"{rate} of MQLs became SQLs" in page
        assert f"median first contact {hours} h" in page
        assert "against the agreed 24 h" in page
        assert "Per month" in page and "Time in stage" in page
    else:
        assert f"{rate} van de MQL&#x27;s werd SQL" in page
        assert f"mediaan eerste contact {hours} uur" in page
        assert "tegen de afgesproken 24 uur" in page
        assert "Per maand" in page and "Tijd per fase" in page
    assert page.count("<svg") >= 1 and 'class="reflow"' in page
    assert "Closed wave a" in page  # over the waves
    for month in metrics.months:
        assert f">{month.month}</th>" in page


def test_a_scan_below_the_threshold_says_nothing_of_what_people_said(world: World) -> None:
    set_context(world.org)
    closed_scan(world.org, world.owner, title="Tiny", n=3)
    _import(client_for(world.owner), world, CONTACTS)
    client = client_for(world.owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_url("cockpit", world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.count("The scan has no figure for this") == 4
    assert "puts the tension on" not in page and "find that the hand-off" not in page


def test_the_cockpit_without_data_invites_an_import(world: World) -> None:
    client = client_for(world.viewer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_url("cockpit", world), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No CRM data yet" in page
    assert _url("import_upload", world) not in page  # a viewer may not import


def _pdf_text(client: Client, world: World, scan_id: int) -> str:
    response = client.get(reverse("results:pdf", kwargs={"org_id": world.org.pk,
                                                         "scan_id": scan_id, "lang": "en"}))
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return "\n".join(p.extract_text() for p in reader.pages)


def test_the_pdf_has_a_funnel_section_only_with_crm_data(world: World) -> None:
    set_context(world.org)
    scan = closed_scan(world.org, world.owner, title="Autumn", n=40)
    client = client_for(world.owner)
    assert "The funnel beside the scan" not in _pdf_text(client, world, scan.pk)
    _import(client, world, CONTACTS)
    text = _pdf_text(client, world, scan.pk)
    assert "The funnel beside the scan" in text
    assert "of MQLs became SQLs" in " ".join(text.split())
