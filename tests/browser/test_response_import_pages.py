"""The answer-file import pages in a real Chromium: upload, inspect (with warnings and
problems), at phone and laptop width; axe-core on each; no table wider than the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation, Role
from tandem.web.scans.services import scan_create

from .conftest import PHONE, SCREENSHOTS, Checker

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "correct horse battery staple 42"
DESK = {"width": 1280, "height": 900}
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _login(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()


def _no_overflow(page: Page, name: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], (name, width)  # type: ignore[index]


def test_upload_and_inspect_pages(live_server: Any, transactional_db: None, chromium: Browser,
                                  checker: Checker, tmp_path: Path) -> None:
    user = User.objects.create_user("facilitator@acme.test", password=PASSWORD)
    organisation = Organisation.objects.create(name="Acme")
    Membership.objects.create(organisation=organisation, user=user, role=Role.FACILITATOR)
    scan = scan_create(organisation=organisation, title="Spring", instrument_name="tandem-scan-1",
                       should_decide=True, segment=True)
    lines = (FIXTURES / "tandem.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = lines[3].split(",")
    cells[1] = ""
    lines[3] = ",".join(cells)
    warned = tmp_path / "answers.csv"
    warned.write_text("\n".join(lines), encoding="utf-8")
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines).replace(",3to10,", ",fifty,", 2), encoding="utf-8")
    context = chromium.new_context(locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    _login(page, live_server.url, user.email)
    base = f"{live_server.url}/o/{organisation.pk}/scans/{scan.pk}/import/"
    for lang in ("nl", "en"):
        page.goto(f"{live_server.url}/")
        context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
        for name, path in (("warned", warned), ("broken", broken),
                           ("qualtrics", FIXTURES / "qualtrics" / "choice_text.xlsx")):
            page.goto(base)
            if name == "warned":
                _no_overflow(page, "upload")
                checker.axe_clean(page, f"import-upload-{lang}")
                checker.screenshots(page, f"import-upload-{lang}")
            page.set_input_files("input[name=upload]", str(path))
            page.locator("main button[type=submit]").click()
            page.wait_for_load_state()
            assert "/import/" in page.url and page.locator("h1").count() == 1
            _no_overflow(page, name)
            checker.axe_clean(page, f"import-inspect-{name}-{lang}")
            checker.screenshots(page, f"import-inspect-{name}-{lang}")
            page.set_viewport_size(DESK)
            _no_overflow(page, name)
            page.screenshot(path=str(SCREENSHOTS / f"import-inspect-{name}-{lang}-1280.png"),
                            full_page=True)
            page.set_viewport_size(PHONE)
    context.close()
