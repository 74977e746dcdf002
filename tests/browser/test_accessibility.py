"""WCAG 2.2 AA on every page a user can reach, in a real Chromium, English and Dutch, on a
390-px phone and a 1280-px laptop.

One organisation as ``tandem serve --demo`` makes it (a closed and an open scan), plus what
the other pages need to show something: a second closed wave (the comparison), agreed
decision rights, an action, the glossary, a sales-marketing commitment, an API token and an
uploaded answer file. Then, per language and width, each page is checked for:

* axe-core (bundled by axe-playwright-python, no CDN), WCAG 2.0/2.1/2.2 A and AA rules:
  no critical and no serious finding;
* nothing wider than the page;
* every region that scrolls sideways is focusable (tabindex="0"), so a keyboard reaches it,
  and labelled (a region with a name);
* on the results pages: no chart label runs off its chart or into another label.

Closed ``<details>`` are opened first, so what they hide is checked too. All findings are
collected and reported together: page, language, width, rule, impact and the elements.
With TANDEM_A11Y_SHOTS=<folder> set, a full-page screenshot of every page at each width
and language lands there, to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from playwright.sync_api import Browser, Page

from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.actions import services as actions
from tandem.web.actions.models import Action, GlossaryTerm
from tandem.web.api.services import token_create
from tandem.web.demo import demo_load
from tandem.web.mirror.services import mirror_create
from tandem.web.organisations.models import Membership, Role
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create
from tandem.web.webhooks.services import emit as webhook_emit
from tandem.web.webhooks.services import webhook_create

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "demo password for the accessibility test"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1280, "height": 900}}
LOCALES = {"en": "en-GB", "nl": "nl-NL"}
ANSWERS = Path(__file__).resolve().parents[1] / "fixtures" / "tandem.csv"
SHOTS = os.environ.get("TANDEM_A11Y_SHOTS")
RESULTS = ("", "tensions/", "gaps/", "decisions/", "journey/", "comments/", "method/",
           "compare/", "benchmark/", "downloads/")

# Every element in <main> that scrolls sideways, and whether a keyboard user can reach
# and identify it (tabindex="0" and a name: aria-label or aria-labelledby).
SCROLLERS = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1
          && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
  .filter(e => !(e.tabIndex >= 0 && e.getAttribute('tabindex') !== null
                 && (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby'))))
  .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.clientWidth + '/'
            + e.scrollWidth)"""

# Chart labels: each text inside its chart's box, and no two texts on top of each other.
CHART_LABELS = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.tandem-chart')) {
    const vb = svg.viewBox.baseVal;
    const name = (svg.getAttribute('aria-labelledby') || '').split(' ')[0];
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => ({t: t.textContent.trim(), b: t.getBBox()}));
    for (const {t, b} of boxes) {
      if (b.x < vb.x - .5 || b.y < vb.y - .5 || b.x + b.width > vb.x + vb.width + .5
          || b.y + b.height > vb.y + vb.height + .5) out.push(`${name}: "${t}" cut off`);
    }
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].b, c = boxes[j].b;
      const x = Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x);
      const y = Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y);
      if (x > -2 && y > 3) out.push(`${name}: "${boxes[i].t}" overlaps "${boxes[j].t}"`);
    }
  }
  return out;
}"""


# The journey: an unowned stage says "no owner" and names nobody beside it; the caption
# is read whole, not cut off at the edge of a phone.
JOURNEY = """() => {
  const out = [];
  for (const cell of document.querySelectorAll('tr.unowned [data-figure=owner]')) {
    const badge = cell.querySelector('.badge');
    if (!badge || cell.textContent.trim() !== badge.textContent.trim())
      out.push(`an unowned stage shows "${cell.textContent.trim()}"`);
  }
  const caption = document.getElementById('h-journey');
  if (caption && caption.getBoundingClientRect().right > window.innerWidth)
    out.push('the journey caption is cut off');
  return out;
}"""


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright_for_this_module() -> Iterator[None]:
    """The ORM beside Playwright's loop for set-up *and* the live server's tear-down
    (see tests/browser/test_actions.py)."""
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if before is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@dataclass
class Audit:
    """Runs the checks on a page at both widths and keeps every finding."""

    axe: Axe
    findings: list[str]
    checked: int = 0

    def page(self, page: Page, name: str, lang: str, *, charts: bool = False) -> None:
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)  # type: ignore[arg-type]
            where = f"{name} [{lang}, {size['width']} px] {page.url}"
            results = self.axe.run(page, options={
                "runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
            for v in results.response["violations"]:
                if v["impact"] in BLOCKING:
                    nodes = "; ".join(" ".join(n["target"]) for n in v["nodes"][:6])
                    self.findings.append(f"{where}: {v['id']} ({v['impact']}): {v['help']} "
                                         f"at {nodes}")
            if width == "phone":
                wide = page.evaluate("document.documentElement.scrollWidth")
                if wide > size["width"]:
                    self.findings.append(f"{where}: the page is {wide} px wide")
            for scroller in page.evaluate(SCROLLERS):
                self.findings.append(f"{where}: scrolls sideways but a keyboard cannot reach "
                                     f"it or it has no name: {scroller}")
            if charts:
                self.findings.extend(f"{where}: {label}" for label in
                                     page.evaluate(CHART_LABELS))
            if "/journey/" in page.url:
                self.findings.extend(f"{where}: {problem}" for problem in
                                     page.evaluate(JOURNEY))
            if SHOTS:
                slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                page.screenshot(path=str(Path(SHOTS) / f"{slug}-{lang}-{size['width']}.png"),
                                full_page=True)
            self.checked += 1


def _organisation() -> dict[str, Any]:
    """The demo organisation and what the other pages need to show something."""
    login = demo_load(password=PASSWORD)
    organisation = login.organisation
    owner = organisation.memberships.get(role="owner").user
    closed = Scan.objects.get(organisation=organisation, status="closed")
    opened = Scan.objects.get(organisation=organisation, status="open")
    wave2 = closed_scan_with(organisation=organisation, actor=owner, title="Tandem Scan (wave 2)",
                             frame=generate_responses(80, 77, "default", settings=closed.settings),
                             meta_perception="meta_perception" in closed.settings)
    draft = scan_create(organisation=organisation, title="Imported answers",
                        instrument_name="tandem-scan-1", should_decide=True, segment=True)
    instrument = load_instrument()
    matrix = {area: {p: ("AR" if p == "sales" else "C" if p == "marketing" else "I")
                     for p in actions.PARTIES} for area in instrument.areas}
    version = actions.decision_rights_agree(organisation=organisation, matrix=matrix, by=owner,
                                            note="Agreed in the management team.", scan=closed)
    head = User.objects.create_user("head.of.sales@demo.example", password=None)
    head.name = "Head of Sales"
    head.save(update_fields=["name"])
    Membership.objects.create(organisation=organisation, user=head, role=Role.VIEWER)
    action = actions.action_create(organisation=organisation, title="Agree the lead definition",
                                   owner=head, due_date=date.today() + timedelta(days=30),
                                   scales=["DEF"], scan=closed, by=owner)
    Action.objects.filter(pk=action.pk).update(due_date=date(2020, 1, 31))  # late by now
    actions.glossary_seed(organisation=organisation)
    term = GlossaryTerm.objects.filter(organisation=organisation).order_by("pk").first()
    assert term is not None
    commitment = actions.sla_commitment_create(
        organisation=organisation, by=owner, fields=actions.SlaFields(
            kind="follow_up", description="Sales calls back every marketing lead",
            owner="sales", target_value=Decimal(2), unit="working days",
            within_share=Decimal(90)))
    for month, share in ((date(2026, 1, 1), 84), (date(2026, 2, 1), 91), (date(2026, 3, 1), 88)):
        actions.sla_actual_record(commitment=commitment, month=month, value=Decimal(share),
                                  by=owner)
    token_create(organisation=organisation, user=owner, name="Reporting")
    owner.user_permissions.add(Permission.objects.get(codename="export_pool"))  # a researcher
    hook = webhook_create(organisation=organisation, user=owner, name="Slack #sales-marketing",
                          url="http://127.0.0.1:9/hook", events=["scan.closed"]).webhook
    webhook_emit(organisation=organisation, event="ping", key="a11y", subject={}, only=hook)
    mirror = mirror_create(scan=opened)  # open, for the customer's pages
    return {"email": login.email, "org": organisation.pk, "closed": closed.pk,
            "open": opened.pk, "wave2": wave2.pk, "draft": draft.pk,
            "version": version.number, "action": action.pk, "term": term.pk,
            "sla": commitment.pk, "open_token": opened.open_token,
            "mirror_token": mirror.token}


def _facilitator_pages(ids: dict[str, Any], step: str, upload: int) -> list[tuple[str, str]]:
    o = f"/o/{ids['org']}"
    closed, results = f"{o}/scans/{ids['closed']}", f"{o}/scans/{ids['closed']}/results/"
    return [
        ("my organisations", "/"),
        ("organisation", f"{o}/"),
        ("organisation settings", f"{o}/edit/"),
        ("new organisation", "/o/new/"),
        ("members", f"{o}/members/"),
        ("data protection", f"{o}/data/"),
        ("audit log", f"{o}/audit/"),
        ("delete organisation", f"{o}/delete/"),
        ("API tokens", f"{o}/api-tokens/"),
        ("webhooks", f"{o}/webhooks/"),
        ("single sign-on", f"{o}/sso/"),
        ("research consent", f"{o}/research/"),
        ("research pool", "/research/pool/"),
        ("new scan", f"{o}/scans/new/"),
        ("scan (closed)", f"{closed}/"),
        ("scan (open): progress", f"{o}/scans/{ids['open']}/"),
        ("scan settings", f"{o}/scans/{ids['open']}/edit/"),
        ("invitations", f"{o}/scans/{ids['open']}/invitations/"),
        ("open the scan: confirm", f"{o}/scans/{ids['draft']}/open/"),
        ("close the scan: confirm", f"{o}/scans/{ids['open']}/close/"),
        ("reopen the scan: confirm", f"{closed}/reopen/"),
        ("delete scan", f"{o}/scans/{ids['wave2']}/delete/"),
        ("customer mirror (closed)", f"{closed}/mirror/"),
        ("customer mirror (open): links", f"{o}/scans/{ids['open']}/mirror/"),
        ("close the customer mirror: confirm", f"{o}/scans/{ids['open']}/mirror/close/"),
        ("results customer mirror", f"{results}mirror/"),
        ("import answers", f"{o}/scans/{ids['draft']}/import/"),
        ("import check", f"{o}/scans/{ids['draft']}/import/{upload}/"),
        *[(f"results {tab or 'overview'}", results + tab) for tab in RESULTS],
        ("results compare (two waves)", f"{o}/scans/{ids['wave2']}/results/compare/"),
        ("target", f"{closed}/target/"),
        ("roadmap", f"{closed}/roadmap/"),
        ("action from a roadmap step", f"{closed}/roadmap/{step}/action/"),
        ("meeting workshop", f"{closed}/workshop/"),
        ("action plan", f"{o}/actions/"),
        ("new action", f"{o}/actions/new/"),
        ("action", f"{o}/actions/{ids['action']}/"),
        ("edit action", f"{o}/actions/{ids['action']}/edit/"),
        ("decision rights", f"{o}/decision-rights/"),
        ("agree decision rights", f"{o}/decision-rights/agree/"),
        ("decision rights version", f"{o}/decision-rights/v{ids['version']}/"),
        ("glossary", f"{o}/glossary/"),
        ("glossary term", f"{o}/glossary/{ids['term']}/"),
        ("propose a change", f"{o}/glossary/{ids['term']}/propose/"),
        ("propose a term", f"{o}/glossary/propose/"),
        ("sales-marketing agreement", f"{o}/sla/"),
        ("new commitment", f"{o}/sla/new/"),
        ("edit commitment", f"{o}/sla/{ids['sla']}/edit/"),
        ("commitment month by month", f"{o}/sla/{ids['sla']}/"),
        ("change password", "/accounts/password/change/"),
        ("API documentation", "/api/v1/docs"),
    ]


def _log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, "the demo login failed"


def _respondent(chromium: Browser, base: str, token: str, lang: str, audit: Audit) -> None:
    """The survey through the open link: intro, every section, review, thank-you; and the
    access-code page and an unknown link."""
    context = chromium.new_context(locale=LOCALES[lang], viewport=WIDTHS["laptop"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    for name, path in (("access code", "/s/"), ("unknown link", "/s/o/no-such-link/")):
        page.goto(base + path)
        audit.page(page, f"survey {name}", lang)
    page.goto(f"{base}/s/o/{token}/")
    audit.page(page, "survey intro", lang)
    page.check("#consent")
    page.locator("form.consent button[type=submit]").click()
    page.wait_for_load_state()
    sections = 0
    while "/q/" in page.url:
        sections += 1
        radios = page.locator("fieldset input[type=radio]")
        if radios.count():
            radios.first.check()  # one answer, so the review page has something to show
        audit.page(page, f"survey section {sections}", lang)
        page.locator("button[name=nav][value=next]:not([hidden])").click()
        page.wait_for_load_state()
        assert sections < 20, page.url
    assert sections > 0 and "/review/" in page.url, page.url
    audit.page(page, "survey review", lang)
    page.locator("button[name=submit]").click()
    page.wait_for_load_state()
    audit.page(page, "survey thank-you", lang)
    context.close()


def _customer(chromium: Browser, base: str, token: str, lang: str, audit: Audit) -> None:
    """The customer mirror through its general link: stage choice, statements, thanks."""
    context = chromium.new_context(locale=LOCALES[lang], viewport=WIDTHS["phone"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{base}/s/m/{token}/")
    audit.page(page, "customer mirror: stage", lang)
    page.locator("input[name=stage]").first.check()
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    audit.page(page, "customer mirror: statements", lang)
    page.locator("fieldset.q input[value='4']").first.check()
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    audit.page(page, "customer mirror: thanks", lang)
    context.close()


def test_every_page_meets_wcag_22_aa_on_phone_and_laptop(
    live_server: Any, transactional_db: None, chromium: Browser,
) -> None:
    base = live_server.url
    ids = _organisation()
    audit = Audit(Axe(), [])

    for lang, locale in LOCALES.items():
        context = chromium.new_context(locale=locale, viewport=WIDTHS["laptop"])
        context.set_default_timeout(15_000)
        context.add_cookies([{"name": "django_language", "value": lang, "url": base}])
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        audit.page(page, "log in", lang)
        page.goto(f"{base}/accounts/password/reset/")
        audit.page(page, "forgotten password", lang)
        _log_in(page, base, ids["email"])

        # An uploaded answer file, for the import check page; a roadmap step to turn
        # into an action.
        page.goto(f"{base}/o/{ids['org']}/scans/{ids['draft']}/import/")
        page.set_input_files("input[name=upload]", str(ANSWERS))
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        assert "/import/" in page.url and page.url.rstrip("/").rsplit("/", 1)[-1].isdigit()
        upload = int(page.url.rstrip("/").rsplit("/", 1)[-1])
        page.goto(f"{base}/o/{ids['org']}/scans/{ids['closed']}/roadmap/")
        href = page.locator("a[href$='/action/']").first.get_attribute("href") or ""
        step = href.rstrip("/").rsplit("/", 2)[-2]

        for name, path in _facilitator_pages(ids, step, upload):
            response = page.goto(base + path)
            assert response is not None and response.ok, f"{name}: {path} {response}"
            page.wait_for_load_state("networkidle")
            if path == "/api/v1/docs":
                page.locator(".opblock-summary-control").first.click()  # one operation open
            audit.page(page, name, lang, charts="/results/" in path)

        # A filtered view of the results.
        page.goto(f"{base}/o/{ids['org']}/scans/{ids['closed']}/results/")
        if page.locator("#result-filter option").count() > 1:
            page.select_option("#result-filter", index=1)
            page.locator(".result-filter button").click()
            page.wait_for_load_state()
            audit.page(page, "results overview (filtered)", lang, charts=True)
        context.close()
        _respondent(chromium, base, ids["open_token"], lang, audit)
        _customer(chromium, base, ids["mirror_token"], lang, audit)

    assert audit.checked >= 2 * 50, audit.checked
    assert not audit.findings, (
        f"{len(audit.findings)} accessibility finding(s) over {audit.checked} pages:\n"
        + "\n".join(audit.findings))
