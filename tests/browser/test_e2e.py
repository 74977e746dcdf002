"""End to end in a real Chromium: set up a scan, answer it on phone and laptop, see results.

One scenario, as the issue tells it: an owner creates the organisation, fills in its
context and makes a colleague its facilitator; the facilitator follows the first-run
checklist, creates a scan, pastes a list of people and opens the scan (the e-mails land
in Django's locmem outbox); three respondents answer through the browser (Dutch on a
phone; Dutch then English on a laptop with htmx saving on change; one without JavaScript
who leaves half-way and resumes from the same link on another device); more answers are
seeded through the services so that departments pass k = 3; the facilitator closes the
scan and the results page shows the phase that ``diagnose`` gives on the stored answers.
The owner then reads the results on a phone, turns the roadmap's first step into an
action owned by the facilitator, records a month of the sales-marketing agreement and
sees the checklist complete. axe-core checks every page for WCAG 2.1 A/AA; screenshots
(390 and 1366 px) go to ``test-artifacts/screenshots/``, which CI keeps as artifacts.
"""

from __future__ import annotations

import random
import re
from datetime import timedelta
from typing import Any, cast

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tandem.analysis.diagnose import diagnose
from tandem.context import Context
from tandem.instrument.model import Form
from tandem.responses import ResponseSet
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action, SlaActual
from tandem.web.organisations.models import Membership, Organisation
from tandem.web.responses import services
from tandem.web.responses.models import Response
from tandem.web.scans.models import Invitation, Scan

from .conftest import LAPTOP, PHONE, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery staple 42"
PEOPLE = {
    "sales": ["sam@acme.test", "sara@acme.test", "sven@acme.test"],
    "marketing": ["mia@acme.test", "max@acme.test", "mona@acme.test"],
    "service": ["cas@acme.test", "cleo@acme.test", "chris@acme.test"],
}
LINK = re.compile(r"https?://[^\s]+/s/i/[A-Za-z0-9_-]+/")


def _context(browser: Browser, *, locale: str, viewport: dict[str, int],
             javascript: bool = True) -> BrowserContext:
    context = browser.new_context(locale=locale, viewport=viewport,  # type: ignore[arg-type]
                                  java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context


def _answer_page(page: Page, seed: int, department: str) -> None:
    """Click an answer in every question of the current page (mostly agree-ish)."""
    rng = random.Random(seed)
    for fieldset in page.locator("fieldset.q").all():
        radios = fieldset.locator("input[type=radio]")
        count = radios.count()
        index = min(count - 2, rng.choice([1, 2, 3, 3, 4])) if count == 6 else rng.randrange(count)
        radios.nth(index).check()
    for field in page.locator("textarea").all():
        field.fill("Leads are handed over late.")
    own = page.locator(f"input[name=department][value={department}]")
    if own.count():
        own.check()


def _next(page: Page, label: str) -> None:
    """Press a button that sends the form, and wait for the page it leads to: a bare
    ``wait_for_load_state`` can return on the old page, whose DOM then empties under the
    next check (on a busy machine the walk-through ended a section early)."""
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def _progress(page: Page) -> tuple[int, int]:
    """The page number and the number of pages, as the label tells the respondent (the
    bar itself fills with the pages done: empty on page 1)."""
    label = page.locator(".progress-label").inner_text()
    found = re.search(r"(\d+)\D+(\d+)", label)
    assert found, label
    return int(found.group(1)), int(found.group(2))


def _answer_sections(page: Page, checker: Checker, *, seed: int, next_label: str,
                     department: str, until: int | None = None,
                     shots: tuple[str, ...] = (), audit: bool = True) -> None:
    """Answer sections from the current one on (to the review page, or stop at ``until``).

    ``audit`` runs axe-core on each page; it needs JavaScript, so not without it.
    """
    while page.locator("progress").count() and "/q/" in page.url:
        number, total = _progress(page)
        section = page.url.rstrip("/").rsplit("/", 1)[-1]
        if until is not None and number > until:
            return
        if audit:
            checker.axe_clean(page, f"survey section {section}")
        _answer_page(page, seed + number, department)
        if section in shots or (section.endswith("-1") and section[:-2] in shots):
            checker.screenshots(page, f"survey-section-{section}")  # a section's first page
        if number == total:
            next_label = page.locator("#survey-form button[value=next]").inner_text()
        _next(page, next_label)


def _sign_in(context: BrowserContext, base: str, email: str) -> Page:
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    return page


def _checklist_next(page: Page) -> str:
    """The title of the checklist's step marked as the next one."""
    return page.locator(".checklist li.step.next .step-title").first.inner_text()


def _links_from_outbox() -> dict[str, str]:
    links = {}
    for message in mail.outbox:
        if "/s/i/" not in str(message.body):
            continue  # not an invitation (a set-your-password mail, say)
        found = LINK.search(str(message.body))
        assert found, message.body
        links[message.to[0]] = found.group(0)
    return links


def _seed_response(invitation: Invitation, seed: int) -> None:
    """A submitted response through the services (what the survey pages call too)."""
    rng = random.Random(seed)
    scan = invitation.scan
    answers: dict[str, Any] = {}
    for item in scan.instrument.items_for(cast(Form, scan.form), scan.settings):
        if item.id == "department":
            answers[item.id] = invitation.department
        elif item.kind == "likert":
            answers[item.id] = rng.choice(["2", "3", "3", "4", "4", "5", "dk"])
        elif item.kind == "choice":
            assert item.options is not None
            answers[item.id] = rng.choice(item.options.codes)
    draft = services.draft_start_for_invitation(invitation=invitation, language="nl")
    services.draft_save_answers(draft=draft, answers=answers)
    services.draft_submit(draft=draft)


def test_facilitator_scan_respondents_results(
    chromium: Browser, live_server: Any, transactional_db: None, settings: Any,
    checker: Checker,
) -> None:
    settings.TANDEM_BASE_URL = live_server.url
    base = live_server.url
    User.objects.create_user("owner@acme.test", password=PASSWORD)
    User.objects.create_user("facilitator@acme.test", password=PASSWORD)

    # ---------------------------------------------------------------- owner sets up
    owner_desk = _context(chromium, locale="en-GB", viewport=LAPTOP)
    own = owner_desk.new_page()
    own.goto(f"{base}/accounts/login/")
    checker.axe_clean(own, "login")
    own.fill("input[name=username]", "owner@acme.test")
    own.fill("input[name=password]", PASSWORD)
    own.locator("form:has(input[name=password]) button[type=submit]").click()
    own.wait_for_load_state()
    checker.axe_clean(own, "home")
    own.goto(f"{base}/o/new/")
    checker.axe_clean(own, "organisation form")
    own.fill("input[name=name]", "Acme Test BV")
    own.locator("main form button[type=submit]").click()
    expect(own.locator("h1")).to_contain_text("Acme Test BV")
    organisation = Organisation.objects.get(name="Acme Test BV")
    checker.axe_clean(own, "organisation with its checklist")
    checker.screenshots(own, "owner-checklist-first-run")
    assert _checklist_next(own).startswith("Describe the organisation")
    own.locator(".checklist li.step.next a.button").click()  # the checklist's own link
    own.wait_for_load_state()
    # A sales team larger than the company is refused with a message, not a crash.
    own.select_option("select[name=employees]", "10-49")
    own.fill("input[name=sales_team]", "400")
    own.locator("main form button[type=submit]").click()
    expect(own.locator("main")).to_contain_text("400 people in this team")
    checker.screenshots(own, "owner-context-refused")
    organisation.refresh_from_db()
    assert organisation.sales_team is None
    own.fill("input[name=sales_team]", "8")
    own.fill("input[name=marketing_team]", "3")
    own.fill("input[name=service_team]", "5")
    own.select_option("select[name=sector]", "trade")
    own.select_option("select[name=market]", "b2b")
    own.fill("input[name=markets]", "3")
    own.select_option("select[name=growth]", "moderate")
    own.select_option("select[name=marketing_role]", "both")
    own.locator("main form button[type=submit]").click()
    expect(own.locator("h1")).to_contain_text("Acme Test BV")
    organisation.refresh_from_db()
    assert (organisation.employees, organisation.sales_team) == ("10-49", 8)
    own.goto(f"{base}/o/{organisation.pk}/members/")
    add = own.locator("main form.card:has(input[name=email])")
    add.locator("input[name=email]").fill("facilitator@acme.test")
    add.locator("select[name=role]").select_option("facilitator")
    add.locator("button[type=submit]").click()
    own.wait_for_load_state()
    assert Membership.objects.get(organisation=organisation,
                                  user__email="facilitator@acme.test").role == "facilitator"
    checker.screenshots(own, "owner-members")

    # ---------------------------------------------------------------- facilitator
    facilitator = _context(chromium, locale="en-GB", viewport=LAPTOP)
    fac = _sign_in(facilitator, base, "facilitator@acme.test")
    fac.goto(f"{base}/o/{organisation.pk}/")
    expect(fac.locator("h1")).to_contain_text("Acme Test BV")
    checker.axe_clean(fac, "organisation")
    assert _checklist_next(fac).startswith("Create a scan")
    checker.screenshots(fac, "facilitator-checklist")
    fac.locator(".checklist li.step.next a.button").click()  # "New scan", from the checklist
    checker.axe_clean(fac, "scan form")
    fac.fill("input[name=title]", "Spring scan")
    fac.fill("input[name=k]", "3")
    fac.locator("main form button[type=submit]").click()
    expect(fac.locator("h1")).to_contain_text("Spring scan")
    scan = Scan.objects.get(title="Spring scan")
    assert scan.k == 3 and scan.form == "full"

    fac.locator("main a", has_text="Invitations").first.click()
    pasted = "\n".join(f"{email},{dept}" for dept, emails in PEOPLE.items() for email in emails)
    fac.fill("textarea[name=addresses]", pasted)
    fac.locator("main form button[type=submit]", has_text="Add").click()
    fac.wait_for_load_state()
    assert Invitation.objects.filter(scan=scan).count() == 9
    fac.goto(f"{base}/o/{scan.organisation_id}/scans/{scan.pk}/")
    fac.locator("main a", has_text="Open the scan").click()  # asks to confirm first
    fac.locator("main button", has_text="Yes, open the scan").click()
    fac.wait_for_load_state()
    fac.locator("main a", has_text="Invitations").first.click()
    fac.locator("main button", has_text="E-mail the invitations not yet sent").click()
    fac.wait_for_load_state()
    checker.axe_clean(fac, "invitations")
    checker.screenshots(fac, "facilitator-invitations")
    links = _links_from_outbox()
    assert len(links) == 9

    # ---------------------------------------------------------------- respondent 1
    # Dutch, on a phone, with JavaScript: the whole survey, then the used link.
    phone = _context(chromium, locale="nl-NL", viewport=PHONE)
    one = phone.new_page()
    one.goto(links["sam@acme.test"])
    expect(one.locator("h1")).to_contain_text("Hoe werken Sales, Marketing")
    checker.axe_clean(one, "survey intro")
    checker.screenshots(one, "survey-intro")
    one.get_by_label("Ik heb dit gelezen en ik doe mee.").check()
    _next(one, "Start de vragenlijst")
    expect(one.locator(".progress-label")).to_have_text(re.compile(r"^Pagina 1 van \d+$"))
    one.get_by_role("group", name="In welke afdeling werkt u?").get_by_label("Sales").check()
    _answer_sections(one, checker, seed=1, next_label="Volgende", department="sales",
                     shots=("profile", "ladder", "decisions", "open"))
    expect(one.locator("h1")).to_have_text("Controleren en versturen")
    checker.axe_clean(one, "survey review")
    checker.screenshots(one, "survey-review")
    _next(one, "Mijn antwoorden versturen")
    expect(one.locator("h1")).to_have_text("Hartelijk dank!")
    checker.axe_clean(one, "survey thank-you")
    checker.screenshots(one, "survey-thank-you")
    one.goto(links["sam@acme.test"])  # used: the same page as a link that never existed
    expect(one.locator("h1")).to_have_text("Deze link werkt niet")
    expect(one.locator("body")).not_to_contain_text("Acme")
    checker.axe_clean(one, "survey used link")
    checker.screenshots(one, "survey-used-link")
    one.goto(f"{base}/s/i/not-a-real-link/")
    expect(one.locator("h1")).to_have_text("Deze link werkt niet")
    checker.axe_clean(one, "survey unknown link")
    one.goto(f"{base}/s/")
    checker.axe_clean(one, "survey access code")
    checker.screenshots(one, "survey-access-code")
    phone.close()
    assert Response.objects.count() == 1

    # ---------------------------------------------------------------- respondent 2
    # Laptop, starts in Dutch, htmx saves on change, switches to English mid-page.
    laptop = _context(chromium, locale="nl-NL", viewport=LAPTOP)
    two = laptop.new_page()
    two.goto(links["mia@acme.test"])
    two.get_by_label("Ik heb dit gelezen en ik doe mee.").check()
    _next(two, "Start de vragenlijst")
    two.get_by_label("Marketing").check()
    expect(two.locator("#save-status")).to_have_text("Uw antwoorden zijn opgeslagen.")
    two.get_by_role("group", name="Hoe lang werkt u al bij deze organisatie?") \
        .get_by_label("3 tot 10 jaar").check()
    two.get_by_role("button", name="English").click()
    two.wait_for_load_state()
    expect(two.locator("html")).to_have_attribute("lang", "en")
    expect(two.locator(".progress-label")).to_have_text(re.compile(r"^Page 1 of \d+$"))
    expect(two.get_by_label("Marketing")).to_be_checked()
    expect(two.get_by_label("3 to 10 years")).to_be_checked()
    checker.screenshots(two, "survey-section-profile-en")
    _answer_page(two, 20, "marketing")
    _next(two, "Next")
    _answer_sections(two, checker, seed=20, next_label="Next", department="marketing")
    _next(two, "Submit my answers")
    expect(two.locator("h1")).to_have_text("Thank you!")
    laptop.close()

    # ---------------------------------------------------------------- respondent 3
    # No JavaScript at all: leaves after three sections, resumes on another device.
    first_device = _context(chromium, locale="nl-NL", viewport=LAPTOP, javascript=False)
    three = first_device.new_page()
    three.goto(links["cas@acme.test"])
    three.get_by_label("Ik heb dit gelezen en ik doe mee.").check()
    _next(three, "Start de vragenlijst")
    _answer_sections(three, checker, seed=30, next_label="Volgende", department="service",
                     until=3, audit=False)
    expect(three.locator(".progress-label")).to_have_text(re.compile(r"^Pagina 4 van \d+$"))
    _next(three, "Opslaan en later verdergaan")
    expect(three.locator("h1")).to_have_text("Welkom terug")
    first_device.close()

    peek = _context(chromium, locale="nl-NL", viewport=PHONE)  # axe-core needs JavaScript
    welcome = peek.new_page()
    welcome.goto(links["cas@acme.test"])
    expect(welcome.locator("h1")).to_have_text("Welkom terug")
    checker.axe_clean(welcome, "survey welcome back")
    checker.screenshots(welcome, "survey-welcome-back")
    peek.close()

    other_device = _context(chromium, locale="nl-NL", viewport=PHONE, javascript=False)
    resumed = other_device.new_page()
    resumed.goto(links["cas@acme.test"])
    expect(resumed.locator("h1")).to_have_text("Welkom terug")
    resumed.get_by_role("link", name="Verder met de vragenlijst").click()
    resumed.wait_for_load_state()
    expect(resumed.locator(".progress-label")).to_have_text(  # the first unanswered
        re.compile(r"^Pagina 4 van \d+$"))
    _next(resumed, "Terug")
    expect(resumed.locator(".progress-label")).to_have_text(re.compile(r"^Pagina 3 van \d+$"))
    assert resumed.locator("input[type=radio]:checked").count() == \
        resumed.locator("fieldset.q").count()  # the answers given before leaving are there
    _next(resumed, "Volgende")
    _answer_sections(resumed, checker, seed=30, next_label="Volgende", department="service",
                     audit=False)
    _next(resumed, "Mijn antwoorden versturen")
    expect(resumed.locator("h1")).to_have_text("Hartelijk dank!")
    other_device.close()

    stored = list(Response.objects.filter(scan=scan))
    assert len(stored) == 3
    assert sorted(r.language for r in stored) == ["en", "nl", "nl"]
    assert sorted(r.answers.get("department") for r in stored) == ["marketing", "sales",
                                                                  "service"]

    # ---------------------------------------------------------------- seeded answers
    others = Invitation.objects.filter(scan=scan, finished_at__isnull=True).order_by("email")
    for number, invitation in enumerate(others):
        _seed_response(invitation, seed=100 + number)
    assert Response.objects.filter(scan=scan).count() == 9

    # ---------------------------------------------------------------- close and results
    fac.goto(f"{base}/o/{scan.organisation_id}/scans/{scan.pk}/")
    checker.axe_clean(fac, "scan detail (open)")
    fac.locator("main a", has_text="Close the scan").click()
    checker.axe_clean(fac, "close confirmation")
    fac.locator("main button", has_text="Yes, close the scan").click()
    fac.wait_for_load_state()
    checker.axe_clean(fac, "scan detail (closed)")
    checker.screenshots(fac, "facilitator-scan-detail")
    fac.locator("main a", has_text="Results").click()
    fac.wait_for_load_state()
    checker.axe_clean(fac, "results")
    checker.screenshots(fac, "facilitator-results")

    scan.refresh_from_db()
    responses = ResponseSet.from_records(
        scan.instrument, cast(Form, scan.form),
        [r.answers for r in Response.objects.filter(scan=scan)], settings=scan.settings)
    result = diagnose(responses, context=Context.from_mapping(scan.organisation.context_dict()),
                      min_group=scan.k)
    assert result.phase is not None
    expect(fac.locator("main")).to_contain_text(result.phase.ladder.label("en"))
    facilitator.close()

    # ---------------------------------------------------------------- owner acts
    # On a phone: the results, the roadmap's first step as an action for the facilitator,
    # one month of the sales-marketing agreement, and the checklist complete.
    owner_desk.close()
    owner_phone = _context(chromium, locale="en-GB", viewport=PHONE)
    own = _sign_in(owner_phone, base, "owner@acme.test")
    own.goto(f"{base}/o/{organisation.pk}/")
    assert _checklist_next(own).startswith("Make an action plan")
    checker.screenshots(own, "owner-checklist-results-in")
    own.goto(f"{base}/o/{organisation.pk}/scans/{scan.pk}/results/")
    expect(own.locator("main")).to_contain_text(result.phase.ladder.label("en"))
    checker.screenshots(own, "owner-results")
    own.goto(f"{base}/o/{organisation.pk}/scans/{scan.pk}/roadmap/")
    expect(own.locator("h1")).to_contain_text("Roadmap")
    checker.axe_clean(own, "roadmap (owner)")
    own.locator("main a.button", has_text="Turn into action").first.click()
    own.wait_for_load_state()
    value = own.locator("select[name=owner] option", has_text="facilitator@acme.test") \
        .get_attribute("value")
    assert value
    own.select_option("select[name=owner]", value)
    own.fill("input[name=due_date]", (timezone.localdate() + timedelta(days=60)).isoformat())
    checker.screenshots(own, "owner-action-form")
    own.locator("main form button[type=submit]").click()
    own.wait_for_load_state()
    action = Action.objects.get(organisation=organisation)
    assert action.owner is not None and action.owner.email == "facilitator@acme.test"
    assert action.scales and action.scan_id == scan.pk
    checker.axe_clean(own, "action detail (owner)")

    own.goto(f"{base}/o/{organisation.pk}/sla/new/")
    own.select_option("select[name=kind]", "follow_up")
    own.fill("input[name=description]", "Sales follows up A-leads")
    own.fill("input[name=lead_grade]", "A")
    own.select_option("select[name=owner]", "sales")
    own.fill("input[name=target_value]", "24")
    own.fill("input[name=unit]", "hours")
    own.locator("main form button[type=submit]").click()
    own.wait_for_load_state()
    own.locator("main a", has_text="Sales follows up A-leads").first.click()
    own.wait_for_load_state()
    month = timezone.localdate().replace(day=1) - timedelta(days=1)
    own.fill("input[name=month]", month.strftime("%Y-%m"))
    own.fill("input[name=value]", "92")
    own.locator("main form button[type=submit]", has_text="Save the month").click()
    own.wait_for_load_state()
    expect(own.locator("main")).to_contain_text("recorded month")
    assert SlaActual.objects.count() == 1
    checker.axe_clean(own, "agreement with a month (owner)")
    checker.screenshots(own, "owner-sla-month")

    own.goto(f"{base}/o/{organisation.pk}/decision-rights/")
    checker.axe_clean(own, "decision rights (owner)")
    checker.screenshots(own, "owner-decision-rights")
    own.goto(f"{base}/o/{organisation.pk}/")
    expect(own.locator(".checklist")).to_contain_text("all done")
    checker.screenshots(own, "owner-checklist-done")
    owner_phone.close()
    assert {"survey intro", "survey review", "survey thank-you", "results",
            "organisation with its checklist", "roadmap (owner)"} <= set(checker.checked)
