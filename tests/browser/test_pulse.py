"""In a real Chromium: a facilitator makes a follow-up pulse from the action plan; once
it is answered and closed, its page shows per action what moved. axe-core (WCAG 2.1
A/AA) checks both pages; screenshots at 390 and 1280 px.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pandas as pd
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from tandem.instrument import DEFAULT_INSTRUMENT, load_instrument
from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.actions.services import action_create
from tandem.web.organisations.models import Membership, Role
from tandem.web.organisations.services import organisation_create
from tandem.web.responses.models import Response
from tandem.web.results.testing import closed_scan_with, responses_add
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import (
    invitation_bulk_create,
    invitation_issue_token,
    invitation_parse_list,
    scan_close,
    scan_open,
)

from .conftest import PHONE, SCREENSHOTS, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery staple 42"


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright_for_this_module() -> Iterator[None]:
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


def _answer_on_a_phone(chromium: Browser, base: str, pulse: Scan, checker: Checker) -> None:
    """One invitee answers the pulse on a 390 px phone: the department on the first page,
    then the six statements together on the second (they come from three sections of the
    questionnaire, which gave them three pages of their own before)."""
    invitation_bulk_create(scan=pulse, entries=invitation_parse_list(
        scan=pulse, text="ria@acme.test,sales"))
    token = invitation_issue_token(invitation=Invitation.objects.get(
        scan=pulse, email="ria@acme.test"))
    context = chromium.new_context(locale="en-GB", viewport=PHONE,  # type: ignore[arg-type]
                                   is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/s/i/{token}/")
    page.get_by_label("I have read this and I agree to take part.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start the survey").click()
    expect(page.locator(".progress-label")).to_have_text("Page 1 of 2")
    expect(page.locator("main")).to_contain_text("One short question.")
    page.get_by_role("group", name="Which department do you work in?").get_by_label(
        "Sales").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Next", exact=True).click()
    expect(page.locator(".progress-label")).to_have_text("Page 2 of 2")
    expect(page.locator("h1")).to_contain_text("How things are now")
    statements = page.locator("fieldset.q-likert")
    expect(statements).to_have_count(len(pulse.pulse_items))
    for fieldset in statements.all():
        fieldset.locator("input[value='4']").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    checker.axe_clean(page, "pulse statements on a phone")
    checker.screenshots(page, "pulse-survey-statements")
    with page.expect_navigation():
        page.get_by_role("button", name="Next: check and submit").click()
    expect(page.locator("h1")).to_have_text("Check and submit")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit my answers").click()
    expect(page.locator("h1")).to_have_text("Thank you!")
    context.close()
    assert Response.objects.filter(scan=pulse).count() == 1


def _answers(n: int, seed: int, price_up: float = 0.0) -> pd.DataFrame:
    instrument = load_instrument(DEFAULT_INSTRUMENT)
    frame = generate_responses(n, seed, instrument=instrument,
                               settings=frozenset({"should_decide"}))
    for item in instrument.scale_items("eco_price") if price_up else ():
        values = pd.to_numeric(frame[item.id], errors="coerce")
        step = -price_up if item.reverse else price_up
        frame[item.id] = (values + step).clip(1, 5).map(
            lambda v: "" if pd.isna(v) else str(round(float(v))))
    return frame


def _shots(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        # Nothing sticks out sideways on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        assert not overflow, f"{name} scrolls sideways at {width} px"
    page.set_viewport_size({"width": 1280, "height": 900})


def test_facilitator_makes_a_pulse_and_reads_what_moved(
    live_server: Any, transactional_db: None, chromium: Browser, checker: Checker,
) -> None:
    base = live_server.url
    owner = User.objects.create_user("owner@acme.test", password=PASSWORD)
    facilitator = User.objects.create_user("facilitator@acme.test", password=PASSWORD)
    organisation = organisation_create(name="Acme Test BV", owner=owner)
    Membership.objects.create(organisation=organisation, user=facilitator,
                              role=Role.FACILITATOR)
    baseline = closed_scan_with(organisation=organisation, actor=owner, title="Spring scan",
                                frame=_answers(80, 7))
    due = timezone.localdate() + timedelta(days=60)
    action_create(organisation=organisation, title="One price list, agreed together",
                  owner=owner, scales=["eco_price"], scan=baseline, due_date=due)
    action_create(organisation=organisation, title="A shared planning calendar",
                  owner=owner, scales=["cul_time", "DEF"], scan=baseline, due_date=due)

    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "facilitator@acme.test")
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(f"{base}/o/{organisation.pk}/actions/")
    page.locator("main a.button", has_text="New follow-up pulse").click()
    expect(page.locator("h1")).to_have_text("New follow-up pulse")
    expect(page.locator("main")).to_contain_text("What it asks")
    checker.axe_clean(page, "new pulse")
    _shots(page, "pulse-new")
    page.fill("#id_weeks", "6")
    page.fill("#id_title", "Pulse in June")
    page.locator("main form.action-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Pulse in June")
    expect(page.locator("main")).to_contain_text("once the pulse is closed")
    checker.axe_clean(page, "pulse before closing")

    # Six weeks later: the same people answered its statements (here through the ORM).
    pulse = Scan.objects.get(title="Pulse in June")
    assert len(pulse.pulse_items) == 6
    pulse = scan_open(scan=pulse, actor=owner)
    # its opening date has come (the links work from then on)
    Scan.objects.filter(pk=pulse.pk).update(opens_on=timezone.localdate())
    pulse.refresh_from_db()
    _answer_on_a_phone(chromium, base, pulse, checker)
    frame = _answers(70, 8, price_up=1.0)
    responses_add(scan=pulse, frame=frame[["department", *pulse.pulse_items]])
    scan_close(scan=pulse, actor=owner)

    page.reload()
    expect(page.locator("main h2").first).to_have_text("What moved")
    action = page.locator("section.pulse-action", has_text="One price list")
    expect(action).to_contain_text("Moved up")
    expect(action.locator("tbody tr").first).to_contain_text("Everyone")
    expect(page.locator("section.pulse-action", has_text="shared planning")).to_be_visible()
    checker.axe_clean(page, "pulse result")
    _shots(page, "pulse-result")
    # The same page in Dutch.
    page.context.add_cookies([{"name": "django_language", "value": "nl", "url": base}])
    page.reload()
    expect(page.locator("main h2").first).to_have_text("Wat veranderde")
    expect(page.locator("section.pulse-action", has_text="One price list")
           ).to_contain_text("Vooruit gegaan")
    checker.axe_clean(page, "pulse result (Dutch)")
    _shots(page, "pulse-result-nl")
    context.close()
