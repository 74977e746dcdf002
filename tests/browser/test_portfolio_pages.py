"""The consultant's portfolio and comparison in a real Chromium, at 390 and 1280 px: the
demo consultant's three organisations, sorted, three of them compared (one withheld),
and a scan started from the template. axe-core is clean, nothing is wider than the
page. Screenshots go to ``test-artifacts/screenshots/portfolio/`` (or to the folder
``TANDEM_PORTFOLIO_SHOTS`` names)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tandem.web.demo import DEMO_TEMPLATE, demo_load

from .conftest import SCREENSHOTS, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo password for the portfolio"
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 900}}
SHOTS = Path(os.environ.get("TANDEM_PORTFOLIO_SHOTS") or SCREENSHOTS / "portfolio")
WIDER_THAN_THE_PAGE = "() => document.documentElement.scrollWidth > window.innerWidth"


def _look(page: Page, checker: Checker, name: str) -> None:
    """At each width: axe-core clean, nothing wider than the page, a screenshot."""
    for width, size in WIDTHS.items():
        page.set_viewport_size(size)  # type: ignore[arg-type]
        checker.axe_clean(page, f"{name} at {width} px")
        assert not page.evaluate(WIDER_THAN_THE_PAGE), f"{name} is wider than {width} px"
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_portfolio_and_comparison(live_server: Any, transactional_db: None, chromium: Browser,
                                  checker: Checker) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    login = demo_load(password=PASSWORD)
    context = chromium.new_context(locale="en-GB", viewport=WIDTHS["1280"])  # type: ignore[arg-type]
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", login.consultant_email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.locator("a[href='/portfolio/']").first.click()

    rows = page.locator("table.portfolio tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("tr:has-text('Atelier Klein') [data-figure=phase]")).to_have_text(
        "withheld: fewer than 5 respondents")
    page.locator("th[aria-sort] a", has_text="Phase").click()
    expect(page.locator("th[aria-sort=ascending]")).to_have_text("Phase")
    expect(rows.last).to_contain_text("Atelier Klein")  # no phase: last either way
    _look(page, checker, "portfolio")

    for row in range(3):
        rows.nth(row).locator("input[type=checkbox]").check()
    page.locator("#compare-form button").click()
    expect(page.locator("h1")).to_have_text("Organisations side by side")
    expect(page.locator("table.compare-summary tbody tr")).to_have_count(3)
    expect(page.locator("table.heatmap td.withheld").first).to_be_visible()
    _look(page, checker, "compare")

    page.set_viewport_size(WIDTHS["1280"])  # type: ignore[arg-type]
    page.go_back()
    row = page.locator("table.portfolio tbody tr", has_text=login.organisation.name)
    row.locator("button", has_text="Start").click()
    expect(page.locator(".notice")).to_contain_text(DEMO_TEMPLATE)
    expect(page.locator("input[name=title]")).to_have_value("Tandem Scan")
    expect(page.locator("input[name=should_decide]")).to_be_checked()
    context.close()
