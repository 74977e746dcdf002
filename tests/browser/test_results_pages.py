"""Every results tab in a real Chromium: figures match the core's Result, axe-core is clean.

The demo organisation (``tandem.web.demo``) gives a closed scan; a second wave seeded
through the services gives the comparison something to show. Screenshots at phone and
laptop width go to ``test-artifacts/screenshots/results/``.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tandem.io.demo import generate_responses
from tandem.report.wording import gap_sentence, number
from tandem.web.demo import demo_load
from tandem.web.results.selectors import scan_result
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

from .conftest import LAPTOP, SCREENSHOTS, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo password for the browser"
TABS = (
    ("overview", ""),
    ("tensions", "tensions/"),
    ("gaps", "gaps/"),
    ("decisions", "decisions/"),
    ("journey", "journey/"),
    ("comments", "comments/"),
    ("method", "method/"),
    ("compare", "compare/"),
    ("downloads", "downloads/"),
)


def _login(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()


def test_every_results_page(
    live_server: Any, transactional_db: None, chromium: Browser, checker: Checker
) -> None:
    _every_results_page(chromium, live_server.url, checker)


def _every_results_page(chromium: Browser, base: str, checker: Checker) -> None:
    (SCREENSHOTS / "results").mkdir(parents=True, exist_ok=True)
    login = demo_load(password=PASSWORD)
    organisation = login.organisation
    demo = Scan.objects.get(organisation=organisation, status="closed")
    owner = organisation.memberships.get(role="owner").user
    wave2 = closed_scan_with(
        organisation=organisation, actor=owner, title="Tandem Scan (wave 2)",
        frame=generate_responses(80, 77, "default", settings=demo.settings),
        meta_perception="meta_perception" in demo.settings,
    )
    context = chromium.new_context(locale="en-GB", viewport=LAPTOP)  # type: ignore[arg-type]
    context.set_default_timeout(15_000)
    page = context.new_page()
    _login(page, base, login.email)

    result = scan_result(scan=demo)
    assert result.phase is not None
    root = f"{base}/o/{organisation.pk}/scans/{demo.pk}/results/"
    for name, path in TABS:
        page.goto(root + path)
        expect(page.locator("h1")).to_contain_text(demo.title)
        expect(page.locator(".result-tabs [aria-current=page]")).to_have_count(1)
        checker.axe_clean(page, f"results {name}")
        checker.screenshots(page, f"results/{name}")

        if name == "overview":
            expect(page.locator("[data-figure=phase]")).to_have_text(
                result.phase.ladder.label("en"))
            top = max((s for s in result.scales if s.tension is not None),
                      key=lambda s: s.tension or 0.0)
            first = page.locator("[data-figure=tension]").first
            expect(first).to_contain_text(top.title("en"))
            expect(first).to_contain_text(number(top.tension or 0.0, "en"))
        if name == "gaps":
            notable = [g for g in result.gaps if g.notable]
            if notable:
                expect(page.locator("main")).to_contain_text(
                    gap_sentence(result, notable[0], "en"))
            else:
                expect(page.locator("main")).to_contain_text("No notable gap")
        if name == "tensions":
            details = page.locator("details.items").first
            details.locator("summary").click()
            expect(details.locator("table")).to_be_visible()

    # A filter, then Dutch: the same figures in the other language.
    page.goto(root)
    options = page.locator("#result-filter option")
    if options.count() > 1:
        page.select_option("#result-filter", index=1)
        page.locator(".result-filter button").click()
        expect(page.locator(".filtered-banner")).to_be_visible()
        checker.axe_clean(page, "results overview filtered")
        checker.screenshots(page, "results/overview-filtered")
    page.goto(root)
    page.select_option("#language-select", "nl")
    page.locator(".site-nav form button[type=submit]").first.click()
    page.wait_for_load_state()
    expect(page.locator("[data-figure=phase]")).to_have_text(result.phase.ladder.label("nl"))
    expect(page.locator(".result-tabs")).to_contain_text("Overzicht")
    checker.axe_clean(page, "results overview nl")
    checker.screenshots(page, "results/overview-nl")

    # The second wave compared with the demo scan.
    page.goto(f"{base}/o/{organisation.pk}/scans/{wave2.pk}/results/compare/")
    expect(page.locator("main")).to_contain_text(demo.title)
    checker.axe_clean(page, "results compare with data")
    checker.screenshots(page, "results/compare-waves")
    context.close()
    assert len(checker.checked) >= len(TABS) + 2
