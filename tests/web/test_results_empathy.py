"""The optional meta-perception module end to end: the scan setting, the survey that
asks only Sales and Marketing how the other department answers, and the empathy gap on
the Perception gaps tab (nl and en), hidden when a department is below k."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from django.urls import reverse
from test_survey import answers_for, invite, respondent, start
from webtest_helpers import World, client_for

from tandem.io.demo import generate_responses
from tandem.rounding import rounded_text
from tandem.web.api.services import token_create
from tandem.web.responses.models import Response
from tandem.web.results.selectors import scan_result
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create, scan_open
from tandem.web.survey import flow

SETTINGS = frozenset({"should_decide", "meta_perception"})


def _frame(marketing: int | None = None) -> pd.DataFrame:
    """The demo's answers with predictions; ``marketing`` keeps only that many Marketing
    respondents."""
    frame = generate_responses(60, 2026, "default", settings=SETTINGS)
    if marketing is not None:
        rows = frame.index[frame["department"] == "marketing"]
        frame = frame.drop(rows[marketing:])
    return frame


def _gaps_page(world: World, scan: Scan, lang: str) -> str:
    client = client_for(world.owner)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
    url = reverse("results:gaps", kwargs={"org_id": world.org.pk, "scan_id": scan.pk})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("lang", "title", "sales_about", "words"), [
    ("en", "Do Sales and Marketing understand each other?", "Sales about Marketing",
     "points off what Marketing itself answers"),
    ("nl", "Begrijpen Sales en Marketing elkaar?", "Sales over Marketing",
     "punten naast wat Marketing zelf antwoordt"),
])
def test_the_gaps_tab_shows_the_empathy_gap_of_a_scan_that_asked(
        world: World, lang: str, title: str, sales_about: str, words: str) -> None:
    scan = closed_scan_with(organisation=world.org, actor=world.owner, frame=_frame(),
                            meta_perception=True)
    result = scan_result(scan=scan)
    sales = result.empathy.directions[0]
    assert result.empathy.asked and sales.predictor == "sales" and not sales.suppressed
    html = _gaps_page(world, scan, lang)
    assert title in html and sales_about in html and words in html
    section = html.split('data-figure="empathy"')[1].split("</section>")[0]
    assert section.count("<tbody>") == 2  # one table per direction
    assert len(re.findall(r"<tr><th scope=\"row\">", section)) == 16  # 8 statements each
    assert f"{rounded_text(sales.mean_abs_gap)} " in section


def test_one_marketing_respondent_short_of_k_shows_no_figure(world: World) -> None:
    scan = closed_scan_with(organisation=world.org, actor=world.owner, frame=_frame(4),
                            meta_perception=True)
    assert all(d.suppressed for d in scan_result(scan=scan).empathy.directions)
    html = _gaps_page(world, scan, "en")
    section = html.split('data-figure="empathy"')[1].split("</section>")[0]
    assert "<table" not in section and "points off" not in section
    assert "a pooled group cannot stand in for Sales or Marketing" in section


def test_a_scan_without_the_module_shows_no_section(world: World) -> None:
    frame = generate_responses(60, 2026, "default", settings=frozenset({"should_decide"}))
    scan = closed_scan_with(organisation=world.org, actor=world.owner, frame=frame)
    assert not scan_result(scan=scan).empathy.asked
    assert 'data-figure="empathy"' not in _gaps_page(world, scan, "en")


def _walk(scan: Scan, department: str) -> list[str]:
    """A respondent of ``department`` answers every page; the ids of the pages seen."""
    client = respondent()
    url = start(client, invite(scan, f"{department}@example.org", department), lang="en")
    seen: list[str] = []
    while not url.endswith("/review/"):
        page_id = url.rstrip("/").rsplit("/", 1)[1]
        seen.append(page_id)
        html = client.get(url).content.decode()
        page = flow.page_get(flow.pages_for(scan, {"department": department}), page_id)
        assert page is not None
        answers = answers_for(page) | ({"department": department} if page_id == "profile"
                                       else {})
        if page_id.startswith("meta_"):
            assert "How do most people in" in html
        response = client.post(url, {**answers, "nav": "next"})
        assert response.status_code == 302, response.content[:300]
        url = str(response["Location"])
    return seen


@pytest.mark.parametrize(("department", "meta_page"), [
    ("sales", "meta_sales"), ("marketing", "meta_marketing"), ("service", None),
])
def test_the_survey_asks_only_sales_and_marketing_about_the_other(
        world: World, department: str, meta_page: str | None) -> None:
    scan = scan_create(organisation=world.org, title="With empathy",
                       instrument_name="tandem-scan-2", meta_perception=True)
    scan = scan_open(scan=scan, actor=world.owner)
    seen = _walk(scan, department)
    assert [p for p in seen if p.startswith("meta_")] == ([meta_page] if meta_page else [])


def test_the_setting_is_off_by_default_and_fixed_in_the_scan(world: World) -> None:
    scan = scan_create(organisation=world.org, title="Plain", instrument_name="tandem-scan-2")
    assert "meta_perception" not in scan.settings
    pages = flow.pages_for(scan, {"department": "sales"})
    assert not [p for p in pages if p.section.id.startswith("meta_")]


def test_the_api_creates_a_scan_with_the_module(world: World) -> None:
    made = token_create(organisation=world.org, user=world.owner, write=True)
    client = client_for(None)
    response = client.post("/api/v1/scans", {"title": "API", "meta_perception": True},
                           content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {made.secret}")
    assert response.status_code == 201, response.content
    assert response.json()["meta_perception"] is True
    assert Scan.objects.get(pk=response.json()["id"]).meta_perception


def test_predictions_of_a_department_no_longer_given_are_not_submitted(world: World) -> None:
    """Answered the meta statements as Sales, then changed to Customer Service: the
    response keeps no prediction (the survey would not ask it now)."""
    scan = scan_create(organisation=world.org, title="Changed", instrument_name="tandem-scan-2",
                       meta_perception=True)
    scan = scan_open(scan=scan, actor=world.owner)
    client = respondent()
    first = start(client, invite(scan, "turncoat@example.org", "sales"), lang="en")
    base = first.rsplit("/q/", 1)[0]
    assert client.post(first, {"department": "sales", "nav": "next"}).status_code == 302
    assert client.post(f"{base}/q/meta_sales/", {"mp_sales_eco_price_1": "2",
                                                  "nav": "next"}).status_code == 302
    assert client.post(first, {"department": "service", "nav": "next"}).status_code == 302
    review = f"{base}/review/"
    html = client.get(review).content.decode()
    ticket = html.split('name="ticket" value="')[1].split('"')[0]
    assert client.post(review, {"submit": "1", "ticket": ticket}).status_code == 302
    answers = Response.objects.get(scan=scan).answers
    assert answers["department"] == "service" and "mp_sales_eco_price_1" not in answers
