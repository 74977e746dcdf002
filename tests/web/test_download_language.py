"""Every download comes in the language of whoever downloads it: the RACI matrix (PDF and
CSV), the glossary, the sales-marketing agreement, the action plan, the workbook, the
anonymised answers (ZIP) and the report. Each is fetched in Dutch and in English and the
real file is opened (PDF text, CSV rows, workbook sheets, ZIP members)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pypdf
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from test_actions_services import full_matrix
from test_actions_support import closed_scan, make_action, set_context
from webtest_helpers import World, client_for

from tandem.instrument import load_instrument
from tandem.report.workbook import SHEETS
from tandem.web.actions import services
from tandem.web.actions.models import DecisionRightsVersion, GlossaryTerm
from tandem.web.scans.models import Scan

LANGS = ("nl", "en")


@dataclass
class Downloads:
    world: World
    scan: Scan
    version: DecisionRightsVersion
    term: GlossaryTerm


@pytest.fixture
def downloads(world: World) -> Downloads:
    org = set_context(world.org)
    scan = closed_scan(org, world.owner)
    make_action(org, "Agree MQL", scan=scan, step="shared_definitions")
    version = services.decision_rights_agree(organisation=org, matrix=full_matrix(),
                                             by=world.owner, note="Signed")
    services.sla_commitment_create(organisation=org, by=world.owner, fields=services.SlaFields(
        kind="lead_volume", description="MQLs per month", owner="joint",
        target_value=Decimal("40.5"), unit="leads"))
    term = GlossaryTerm.objects.get(organisation=org, key="mql")
    return Downloads(world, scan, version, term)


def _client(d: Downloads, lang: str) -> Client:
    client = client_for(d.world.owner)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
    return client


def _csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _get(client: Client, name: str, **kwargs: object) -> bytes:
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, (name, response.status_code)
    assert "attachment" in response["Content-Disposition"]
    return response.content


def _org(d: Downloads) -> dict[str, object]:
    return {"org_id": d.world.org.pk}


@pytest.mark.parametrize("lang", LANGS)
def test_the_raci_matrix_as_pdf_and_csv(downloads: Downloads, lang: str) -> None:
    client = _client(downloads, lang)
    number = {**_org(downloads), "number": downloads.version.number}
    text = pypdf.PdfReader(io.BytesIO(_get(client, "actions:decision_rights_pdf", **number))
                           ).pages[0].extract_text()
    title, heading, party = {"nl": ("Taken en verantwoordelijkheden", "Beslisgebied", "Directie"),
                             "en": ("Roles and responsibilities", "Decision area",
                                    "Management")}[lang]
    assert title in text and heading in text and party in text
    rows = _csv(_get(client, "actions:decision_rights_csv", **number))
    assert rows[0] == [heading, "Marketing", "Sales", "Customer Service", party]
    areas = load_instrument().areas
    first = next(iter(areas.values()))(lang)
    assert rows[1][0] == first[:1].upper() + first[1:]
    assert rows[1][1:] == ["C", "A/R", "I", "I"]
    assert len(rows) == 1 + len(areas)


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_as_csv(downloads: Downloads, lang: str) -> None:
    rows = _csv(_get(_client(downloads, lang), "actions:glossary_csv", **_org(downloads)))
    header = {"nl": ["Begrip", "Definitie", "Instapcriteria", "Uitstapcriteria", "Eigenaar",
                     "Funnelfase"],
              "en": ["Term", "Definition", "Entry criteria", "Exit criteria", "Owner",
                     "Funnel stage"]}[lang]
    assert rows[0] == header
    term = downloads.term
    mql = next(r for r in rows if r[0] == term.text("term", lang))
    assert mql[1] == term.text("definition", lang)
    assert term.text("definition", "en") != term.text("definition", "nl")
    assert mql[5] == {"nl": "ja", "en": "yes"}[lang]
    owners = {r[4] for r in rows[1:]}
    assert {"nl": "Sales en Marketing samen", "en": "Sales and Marketing jointly"}[lang] in owners


@pytest.mark.parametrize("lang", LANGS)
def test_the_sales_marketing_agreement_as_csv(downloads: Downloads, lang: str) -> None:
    rows = _csv(_get(_client(downloads, lang), "actions:sla_csv", **_org(downloads)))
    header, kind, owner, target = {
        "nl": (["Afspraak", "Soort", "Leadklasse", "Eigenaar", "Doel", "Eenheid", "Notities",
                "Vastgelegd"], "Aantal leads", "Sales en Marketing samen", "40,50"),
        "en": (["Commitment", "Kind", "Lead grade", "Owner", "Target", "Unit", "Notes",
                "Recorded"], "Lead volume", "Sales and Marketing jointly", "40.50"),
    }[lang]
    assert rows[0] == header
    assert rows[1][:6] == ["MQLs per month", kind, "", owner, target, "leads"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} · owner@example\.org", rows[1][7])


@pytest.mark.parametrize("lang", LANGS)
def test_the_action_plan_as_csv(downloads: Downloads, lang: str) -> None:
    rows = _csv(_get(_client(downloads, lang), "actions:export", **_org(downloads)))
    assert rows[0][:4] == {"nl": ["Actie", "Eigenaar", "Deadline", "Status"],
                           "en": ["Action", "Owner", "Due date", "Status"]}[lang]
    assert rows[1][0] == "Agree MQL"


@pytest.mark.parametrize("lang", LANGS)
def test_the_results_downloads(downloads: Downloads, lang: str) -> None:
    client = _client(downloads, lang)
    scan = {**_org(downloads), "scan_id": downloads.scan.pk}
    book = load_workbook(io.BytesIO(_get(client, "results:xlsx", **scan)))
    assert book.sheetnames[0] == SHEETS["summary"](lang)
    archive = zipfile.ZipFile(io.BytesIO(_get(client, "results:responses", **scan)))
    readme = archive.read("README.txt").decode("utf-8-sig")
    assert readme.startswith({"nl": "Geanonimiseerde antwoorden",
                              "en": "Anonymised answers"}[lang])
    codebook = archive.read("codebook.csv").decode("utf-8-sig")
    assert {"nl": "In welke afdeling werkt u?", "en": "Which department do you work in?"}[lang] \
        in codebook
    report = pypdf.PdfReader(io.BytesIO(_get(client, "results:pdf", **scan, lang=lang)))
    first = report.pages[0].extract_text()
    assert {"nl": "Eerst bespreken", "en": "To discuss first"}[lang] in first
    assert "Acme" in first and downloads.scan.title in first


def test_the_figures_csv_is_the_same_in_both_languages(downloads: Downloads) -> None:
    """Language-neutral on purpose: ids, not labels, so one file serves every analyst."""
    scan = {**_org(downloads), "scan_id": downloads.scan.pk}
    nl, en = (_get(_client(downloads, lang), "results:csv", **scan) for lang in LANGS)
    assert nl == en
    assert ["phase", "ladder", "all", "same_phase_band"] in [r[:4] for r in _csv(nl)]


def test_the_language_chosen_in_the_app_wins_over_the_browser(downloads: Downloads) -> None:
    """The active language is the one the member picked (the language cookie), as for
    every page, not only the browser's Accept-Language."""
    client = _client(downloads, "nl")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    rows = _csv(_get(client, "actions:glossary_csv", **_org(downloads)))
    assert rows[0][0] == "Term"
    rows = _csv(_get(client, "actions:decision_rights_csv", **_org(downloads),
                     number=downloads.version.number))
    assert rows[0][0] == "Decision area"
