"""The customer mirror in a real Chromium: customers answer on a 390 px phone (one by a
stage's link, one by the general link after picking the stage), the facilitator closes
the mirror and sees the customers beside the internal journey; axe-core on every page,
screenshots at phone and laptop width in ``test-artifacts/screenshots/mirror/``."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from tandem.web.demo import demo_load
from tandem.web.mirror.models import Mirror, MirrorAnswer
from tandem.web.scans.models import Scan

from .conftest import LAPTOP, PHONE, SCREENSHOTS, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo password for the browser"


def _login(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()


def _answer_on_phone(page: Page, link: str, *, pick: str | None, agree: str) -> None:
    page.goto(link)
    if pick is not None:
        page.check(f"input[name=stage][value={pick}]")
        page.get_by_role("button", name="Volgende").click()
    # the stage page has a fieldset.q too: wait for the statements before counting them
    statements = page.locator("fieldset.q-likert")
    expect(statements.first).to_be_visible()
    for fieldset in statements.all():
        fieldset.locator(f"input[value='{agree}']").check()
    page.get_by_role("button", name="Versturen").click()
    expect(page.locator("h1")).to_have_text("Bedankt")


def test_customer_answers_on_a_phone_and_the_facilitator_sees_the_mirror(
    live_server: Any, transactional_db: None, chromium: Browser, checker: Checker
) -> None:
    (SCREENSHOTS / "mirror").mkdir(parents=True, exist_ok=True)
    base = live_server.url
    login = demo_load(password=PASSWORD)
    scan = Scan.objects.get(organisation=login.organisation, status="closed")
    Mirror.objects.filter(scan=scan).delete()  # the demo's own mirror: start afresh here
    manage = f"{base}/o/{login.organisation.pk}/scans/{scan.pk}/mirror/"

    laptop = chromium.new_context(locale="en-GB", viewport=LAPTOP)  # type: ignore[arg-type]
    laptop.set_default_timeout(15_000)
    facilitator = laptop.new_page()
    _login(facilitator, base, login.email)
    facilitator.goto(manage)
    facilitator.get_by_role("button", name="Create the customer mirror").click()
    # the links name the configured address; the test server listens elsewhere
    service_link, general_link = (
        facilitator.locator(f"code[data-link={which}]").inner_text().replace(
            settings.TANDEM_BASE_URL, base) for which in ("service", "general"))
    checker.axe_clean(facilitator, "mirror links")
    checker.screenshots(facilitator, "mirror/links")

    phone = chromium.new_context(locale="nl-NL", viewport=PHONE,  # type: ignore[arg-type]
                                 is_mobile=True, has_touch=True)
    phone.set_default_timeout(15_000)
    customer = phone.new_page()
    customer.goto(general_link)
    expect(customer.locator("html")).to_have_attribute("lang", "nl")
    checker.axe_clean(customer, "mirror customer stage choice")
    checker.screenshots(customer, "mirror/customer-stage")
    customer.goto(service_link)
    assert customer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    checker.axe_clean(customer, "mirror customer statements")
    checker.screenshots(customer, "mirror/customer-form")
    # k - 1 customers by the stage's link say the service went badly, one more by the
    # general link after picking the stage: together exactly k.
    for _ in range(scan.k - 1):
        _answer_on_phone(customer, service_link, pick=None, agree="1")
    _answer_on_phone(customer, general_link, pick="service", agree="2")
    checker.axe_clean(customer, "mirror customer thanks")
    checker.screenshots(customer, "mirror/customer-thanks")
    assert phone.cookies() == [] or {c["name"] for c in phone.cookies()} == {"csrftoken"}
    assert MirrorAnswer.objects.filter(stage="service").count() == scan.k

    facilitator.goto(manage)
    expect(facilitator.locator("[data-ready=service] strong")).to_have_text("yes")
    facilitator.get_by_role("link", name="Close the customer mirror").click()
    facilitator.get_by_role("button", name="Yes, close the customer mirror").click()
    facilitator.get_by_role("link", name="See the customer mirror").click()
    expect(facilitator.locator(".result-tabs [aria-current=page]")).to_have_text(
        "Customer mirror")
    first = facilitator.locator("table.mirror tbody tr").first
    expect(first).to_have_attribute("data-stage", "service")
    expect(first).to_have_class("flagged")
    expect(first.locator("[data-figure=customers]")).to_contain_text(f"n = {scan.k}")
    for other in ("orientation", "choice", "purchase", "onboarding", "loyalty"):
        expect(facilitator.locator(f"tr[data-stage={other}] [data-figure=customers]")
               ).to_have_text("too few answers")
    checker.axe_clean(facilitator, "mirror results")
    checker.screenshots(facilitator, "mirror/results")
    for width in (390, 1280):
        facilitator.set_viewport_size({"width": width, "height": 900})
        facilitator.screenshot(path=str(SCREENSHOTS / f"mirror/results-{width}.png"),
                               full_page=True)
    laptop.close()
    phone.close()
