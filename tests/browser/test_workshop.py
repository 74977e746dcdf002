"""In a real Chromium: a facilitator runs the workshop view with the keyboard, one step at
a time, and records an agreed action on the gaps step; it lands in the action plan.
axe-core checks the view on a phone and a laptop, with the action form open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tandem.report.deck import KEYS as ALL_KEYS
from tandem.report.deck._words import T as DECK_WORDS
from tandem.web.accounts.models import User
from tandem.web.actions.models import Action
from tandem.web.organisations.models import Membership, Role
from tandem.web.organisations.services import organisation_create

from .conftest import PHONE, Checker
from .test_actions import PASSWORD, _closed_scan
from .test_actions import _orm_beside_playwright_for_this_module as _orm  # noqa: F401 # autouse

#: The slides of a scan without a customer mirror (the tests' scans have none).
KEYS = tuple(k for k in ALL_KEYS if k != "mirror")

pytestmark = [pytest.mark.browser, pytest.mark.slow]
LAPTOP = {"width": 1280, "height": 800}


def test_facilitator_runs_the_workshop_and_records_an_action(
    live_server: Any, transactional_db: None, chromium: Browser, checker: Checker,
) -> None:
    base = live_server.url
    owner = User.objects.create_user("owner@acme.test", password=PASSWORD)
    facilitator = User.objects.create_user("facilitator@acme.test", password=PASSWORD)
    organisation = organisation_create(name="Acme Test BV", owner=owner)
    Membership.objects.create(organisation=organisation, user=facilitator,
                              role=Role.FACILITATOR)
    scan = _closed_scan(organisation, owner)

    context = chromium.new_context(locale="en-GB", viewport=LAPTOP)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    page = context.new_page()
    downloads = f"/o/{organisation.pk}/scans/{scan.pk}/results/downloads/"
    page.goto(f"{base}/accounts/login/?next={downloads}")
    page.fill("input[name=username]", facilitator.email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator("main a", has_text="Workshop view").click()
    total = len(KEYS)
    visible = page.locator(".workshop-step:visible")
    expect(visible).to_have_count(1)
    expect(visible.locator("h2")).to_have_text("Acme Test BV")
    expect(page.locator("[data-count]")).to_have_text(f"1 / {total}")
    checker.axe_clean(page, "workshop (title)")

    # The keyboard walks the steps; the address keeps the step.
    for number, key in enumerate(KEYS[1:], start=2):
        page.keyboard.press("ArrowRight")
        expect(visible.locator("h2")).to_have_text(DECK_WORDS[key]("en"))
        assert page.url.endswith(f"#step-{number}")
    page.keyboard.press("ArrowRight")  # past the last step: stays
    expect(page.locator("[data-count]")).to_have_text(f"{total} / {total}")
    page.keyboard.press("Home")
    expect(page.locator("[data-count]")).to_have_text(f"1 / {total}")

    # On a phone every step fits the width and passes axe-core.
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    for number, key in enumerate(KEYS, start=1):
        expect(visible.locator("h2")).to_have_text(
            "Acme Test BV" if key == "title" else DECK_WORDS[key]("en"))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], key
        checker.axe_clean(page, f"workshop step {number} (phone)")
        page.keyboard.press("ArrowRight")
    page.set_viewport_size(LAPTOP)  # type: ignore[arg-type]
    page.keyboard.press("Home")

    # To the gaps step with the button, open the form, record an action.
    gaps = KEYS.index("gaps") + 1
    for _step in range(gaps - 1):
        page.locator("[data-go=next]").click()
    expect(visible.locator("h2")).to_have_text(DECK_WORDS["gaps"]("en"))
    visible.locator("summary", has_text="Record an agreed action").click()
    visible.locator("details.workshop-notes summary").click()
    checker.axe_clean(page, "workshop (gaps, form open)")
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    checker.axe_clean(page, "workshop (gaps, form open, phone)")
    page.screenshot(path=str(_shot("workshop-gaps-390.png")), full_page=True)
    page.set_viewport_size(LAPTOP)  # type: ignore[arg-type]
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(_shot("workshop-gaps-1280.png")), full_page=True)
    visible.locator("input[name=title]").fill("Monthly pipeline review")
    visible.locator("select[name=owner]").select_option(str(owner.pk))
    visible.locator("input[name=due_date]").fill((date.today() + timedelta(days=60)).isoformat())
    visible.locator("input[name=title]").press("ArrowRight")  # typing does not move the step
    expect(visible.locator("h2")).to_have_text(DECK_WORDS["gaps"]("en"))
    visible.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".messages")).to_contain_text("Monthly pipeline review")
    expect(page.locator(".workshop-step:visible h2")).to_have_text(DECK_WORDS["gaps"]("en"))
    action = Action.objects.get(title="Monthly pipeline review")
    assert (action.owner, action.scan_id, action.created_by_id) == (
        owner, scan.pk, facilitator.pk)
    assert action.scales  # the gaps the step is about

    page.keyboard.press("End")
    last = page.locator(".workshop-step:visible")
    expect(last.locator("h2")).to_have_text(DECK_WORDS["actions"]("en"))
    expect(last).to_contain_text("Monthly pipeline review")
    page.screenshot(path=str(_shot("workshop-actions-1280.png")), full_page=True)
    context.close()


def _shot(name: str) -> Any:
    from .conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name
