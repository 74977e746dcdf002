"""In a real Chromium: a facilitator turns the top roadmap step into an action, agrees a
decision-rights matrix and downloads its one-page PDF; axe-core (WCAG 2.1 A/AA) checks
every page of the action plan and its tools on the way.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pypdf
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action, DecisionRightsVersion
from tandem.web.actions.selectors import scan_diagnosis
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.responses.models import Response, ResponseStatus
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_close, scan_create, scan_open

from .conftest import LAPTOP, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright_for_this_module() -> Iterator[None]:
    """Let the ORM run while Playwright's loop exists, for set-up *and* tear-down.

    The live server makes pytest-django set up ``transactional_db`` before the
    function-scoped guard in conftest.py, so its flush at tear-down would run after
    that guard is undone; a module-scoped guard outlives it (and ends with the module).
    """
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _closed_scan(organisation: Organisation, user: User) -> Scan:
    scan = scan_open(scan=scan_create(organisation=organisation, title="Spring scan",
                                      instrument_name="tandem-scan-1"), actor=user)
    instrument = scan.instrument
    frame = generate_responses(60, 2026, "default", form="full", instrument=instrument,
                               settings=scan.settings)
    items = [c for c in frame.columns if c != "respondent"]
    Response.objects.bulk_create(
        Response(scan=scan, instrument_id=instrument.id, instrument_version=instrument.version,
                 form=scan.form, language="en",
                 answers={k: str(row[k]) for k in items if str(row[k]) != ""},
                 status=ResponseStatus.SUBMITTED,
                 submitted_on=timezone.localdate() - timedelta(days=1))
        for _i, row in frame.iterrows())
    return scan_close(scan=scan, actor=user)


def test_facilitator_turns_step_into_action_and_agrees_decision_rights(
    live_server: Any, transactional_db: None, chromium: Browser, checker: Checker,
) -> None:
    base = live_server.url
    owner = User.objects.create_user("owner@acme.test", password=PASSWORD)
    facilitator = User.objects.create_user("facilitator@acme.test", password=PASSWORD)
    organisation = organisation_create(name="Acme Test BV", owner=owner, employees="50-249",
                                       market="b2b", key_accounts=True, marketing_role="leads",
                                       growth="moderate", markets=3)
    Membership.objects.create(organisation=organisation, user=facilitator,
                              role=Role.FACILITATOR)
    anna = User.objects.create_user("anna@acme.test", password=None)
    anna.name = "Anna de Vries"
    anna.save(update_fields=["name"])
    Membership.objects.create(organisation=organisation, user=anna, role=Role.VIEWER)
    scan = _closed_scan(organisation, owner)
    top = next(s for s in scan_diagnosis(scan).roadmap if s.rank == 1)

    context = chromium.new_context(locale="en-GB", viewport=LAPTOP,  # type: ignore[arg-type]
                                   accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", "facilitator@acme.test")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()

    # The plan, then the scan's target and roadmap.
    page.goto(f"{base}/o/{organisation.pk}/")
    page.locator("nav.org-nav a", has_text="Action plan").click()
    expect(page.locator("h1")).to_have_text("Action plan")
    checker.axe_clean(page, "action plan (empty)")
    page.locator("main a", has_text="target phase").click()
    expect(page.locator("h1")).to_contain_text("Target phase")
    expect(page.locator("main")).to_contain_text("with key accounts")  # a sentence,
    expect(page.locator("main")).not_to_contain_text("base.complex_b2b")  # not a rule id
    checker.axe_clean(page, "target phase")
    page.locator("main a", has_text="The roadmap to this target").click()
    expect(page.locator("h1")).to_contain_text("Roadmap")
    checker.axe_clean(page, "roadmap")
    checker.screenshots(page, "actions-roadmap")

    # Turn the top step into an action.
    page.locator("main a.button", has_text="Turn into action").first.click()
    expect(page.locator("main")).to_contain_text(top.title.en)
    checker.axe_clean(page, "action form")
    page.select_option("select[name=owner]", label="Anna de Vries · anna@acme.test")
    page.fill("input[name=due_date]", (timezone.localdate() + timedelta(days=90)).isoformat())
    # The scales' search box (choices.js): typing keeps the matching scales and the chosen
    # ones; a scale that neither matches nor is chosen is hidden.
    search = page.locator("#id_scales_filter")
    expect(search).to_be_visible()
    search.fill("cultur")
    expect(page.locator("fieldset.choices li[data-choice]:visible",
                        has_text="Competence").first).to_be_visible()
    expect(page.locator("fieldset.choices li[data-choice]", has_text="Market performance")
           ).to_be_hidden()
    search.fill("")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(top.title.en)
    checker.axe_clean(page, "action detail")
    action = Action.objects.get()
    assert (action.step, action.owner, action.scan_id) == (top.step, anna, scan.pk)
    assert set(action.scales) == set(top.addresses)
    assert set(action.criteria) == set(top.criteria)
    page.locator("main a", has_text="Action plan").first.click()
    expect(page.locator("main table")).to_contain_text("Anna de Vries")
    checker.axe_clean(page, "action plan")

    # Agree the decision rights: first break the one-A rule, then fix it.
    page.locator("nav.org-nav a", has_text="Decision rights").click()
    checker.axe_clean(page, "decision rights (none yet)")
    page.locator("main a.button", has_text="Agree the decision rights").click()
    checker.axe_clean(page, "decision rights form")
    checker.screenshots(page, "actions-decision-rights-form")
    areas = list(scan.instrument.areas)
    for area in areas:
        for party, role in (("marketing", "C"), ("sales", "AR"), ("service", "I"),
                            ("management", "I")):
            page.select_option(f"select[name=cell_{area}__{party}]", role)
    page.select_option("select[name=cell_pricing__management]", "A")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_contain_text(
        "Pricing: exactly one party must be Accountable (A), not 2.")
    checker.axe_clean(page, "decision rights form with errors")
    page.select_option("select[name=cell_pricing__sales]", "R")
    page.fill("textarea[name=note]", "Agreed in the MT of 12 March")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h2").first).to_contain_text("Agreed version 1")
    checker.axe_clean(page, "decision rights")
    version = DecisionRightsVersion.objects.get(organisation=organisation)
    assert version.matrix["pricing"]["management"] == "A"
    assert version.by_email == "facilitator@acme.test"

    with page.expect_download() as download_info:
        page.locator("main a", has_text="Download as PDF").first.click()
    download = download_info.value
    assert download.suggested_filename == "roles-and-responsibilities-v1.pdf"
    reader = pypdf.PdfReader(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "Roles and responsibilities" in text and "Acme Test BV" in text
    pricing = next(line for line in text.splitlines() if line.startswith("Pricing"))
    assert pricing.split()[-4:] == ["C", "R", "I", "A"]

    # The other tools' pages pass axe-core too.
    page.locator("nav.org-nav a", has_text="Glossary").click()
    expect(page.locator("main")).to_contain_text("Marketing-qualified lead (MQL)")
    checker.axe_clean(page, "glossary")
    page.locator("main a", has_text="Marketing-qualified lead (MQL)").click()
    checker.axe_clean(page, "glossary term")
    page.locator("main a.button", has_text="Propose a change").click()
    checker.axe_clean(page, "glossary proposal form")
    page.locator("nav.org-nav a", has_text="Sales–marketing agreement").click()
    checker.axe_clean(page, "SLA")
    page.locator("main a.button", has_text="Add a commitment").click()
    checker.axe_clean(page, "SLA form")
    page.select_option("select[name=kind]", "follow_up")
    page.fill("input[name=description]", "Sales follows up A-leads")
    page.fill("input[name=lead_grade]", "A")
    page.select_option("select[name=owner]", "sales")
    page.fill("input[name=target_value]", "24")
    page.fill("input[name=unit]", "hours")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Sales follows up A-leads")
    checker.axe_clean(page, "SLA with a commitment")
    context.close()
