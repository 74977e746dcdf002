"""A real Chromium (Debian's), axe-core checks and screenshots for the end-to-end tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


@pytest.fixture(scope="package", autouse=True)
def _allow_orm_beside_playwright() -> Iterator[None]:
    """Let the test's plain ORM calls run beside Playwright's event loop.

    Playwright's sync API keeps an event loop in the main thread, which Django's async
    guard mistakes for async code. Package-scoped so it also covers the database flush
    after each test, and is undone before other packages run (left on, it would fail
    ``check --deploy``).
    """
    name = "DJANGO_ALLOW_ASYNC_UNSAFE"
    before = os.environ.get(name)
    os.environ[name] = "true"
    yield
    if before is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = before


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """On SQLite, a test database in a file rather than in memory.

    The live server answers requests in threads, and a browser sends them concurrently
    (htmx saving on change while "Next" is clicked). In-memory SQLite fails such writers
    at once ("table is locked"); a file database waits like the real one (WAL, IMMEDIATE
    transactions, busy timeout). Session-wide, since the test database is made once.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        path = tmp_path_factory.mktemp("db") / "tandem-test.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(path)


@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """One Chromium for the browser tests, stopped when they are done.

    Package scope: Playwright's event loop must not outlive this package, or Django's
    async guard refuses the ORM in every later test of the session.
    """
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Checker:
    """Runs axe-core (WCAG 2.1 A/AA) on a page and keeps phone/laptop screenshots."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.checked: list[str] = []
        self.shots: list[Path] = []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def axe_clean(self, page: Page, name: str) -> None:
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA},
                                              "resultTypes": ["violations"]})
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in violations
        ]
        assert not violations, f"axe-core on {name} ({page.url}):\n" + "\n".join(details)
        self.checked.append(name)

    def screenshots(self, page: Page, name: str) -> None:
        """Full-page shots at phone and laptop width; the viewport is restored after."""
        before = page.viewport_size
        for label, size in (("phone", PHONE), ("laptop", LAPTOP)):
            page.set_viewport_size(size)
            path = SCREENSHOTS / f"{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            self.shots.append(path)
        if before is not None:
            page.set_viewport_size(before)


@pytest.fixture
def checker() -> Checker:
    return Checker()
