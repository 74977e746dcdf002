"""A returning respondent lands on the first unanswered page after their work: through
the personal link, and through the open link's resume link or the browser's cookie."""

from __future__ import annotations

import pytest
from conftest import World
from django.test import Client
from test_survey import answers_for, invite, respondent, start

from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_enable_open_link
from tandem.web.survey import flow

CONTINUE = 'class="button primary" href="'


def _continue_url(html: str) -> str:
    return html.split(CONTINUE, 1)[1].split('"', 1)[0]


def test_resume_page_rule() -> None:
    from tandem.web.survey.flow import _pages

    pages = _pages("tandem-scan-1", "full", frozenset())
    nothing: dict[str, str] = {}
    assert flow.resume_page(pages, nothing) == pages[0]
    done = {i.id: "3" for p in pages[:4] for i in p.items}
    assert flow.resume_page(pages, done) == pages[4]  # the page after the last finished one
    half = {**done, pages[4].items[0].id: "2"}
    assert flow.resume_page(pages, half) == pages[4]  # the page they were on, not past it
    skipped = {k: v for k, v in half.items() if k != pages[1].items[0].id}
    assert flow.resume_page(pages, skipped) == pages[4]  # a skipped question stays skipped
    everything = {i.id: "3" for p in pages for i in p.items}
    assert flow.resume_page(pages, everything) is None  # straight to the review


def test_personal_link_continues_on_the_first_unanswered_page(world: World,
                                                              open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    url = start(client, token, lang="en")
    pages = flow.pages_for(open_scan)
    for page in pages[:5]:  # five pages done ...
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    sixth = pages[5]
    first_two = dict(list(answers_for(sixth).items())[:2])
    assert client.post(url, {**first_two, "nav": "later"})["Location"] == f"/s/i/{token}/"

    later = Client()  # another day, another device: only the link
    welcome = later.get(f"/s/i/{token}/").content.decode()
    assert _continue_url(welcome) == f"/s/i/{token}/q/{sixth.id}/"
    assert f"You go on at page 6 of {len(pages)}:" in welcome
    assert f'<progress max="{len(pages)}" value="5"' in welcome  # five done
    page = later.get(_continue_url(welcome)).content.decode()
    for item_id, code in first_two.items():
        assert f'name="{item_id}" value="{code}" checked' in page

    # The sixth page finished too (on the first device): the seventh is next.
    client.post(url, {**answers_for(sixth), "nav": "later"})
    welcome = later.get(f"/s/i/{token}/").content.decode()
    assert _continue_url(welcome) == f"/s/i/{token}/q/{pages[6].id}/"


def test_going_back_to_change_an_early_page_does_not_move_the_resume_point(
        world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    url = start(client, token)
    pages = flow.pages_for(open_scan)
    for page in pages[:8]:
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    client.post(f"/s/i/{token}/q/{pages[1].id}/",
                {pages[1].items[0].id: "1", "nav": "later"})  # back on page 2, then away
    welcome = client.get(f"/s/i/{token}/").content.decode()
    assert _continue_url(welcome) == f"/s/i/{token}/q/{pages[8].id}/"


@pytest.mark.parametrize("how", ["cookie", "resume link"])
def test_open_link_resumes_on_the_first_unanswered_page(world: World, open_scan: Scan,
                                                        how: str) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    client = respondent()
    first = str(client.post(f"/s/o/{scan.open_token}/", {"consent": "yes"})["Location"])
    resume = first.split("/")[3]
    pages = flow.pages_for(scan)
    url = first
    for page in pages[:3]:
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    if how == "cookie":  # the same browser opens the open link (or types the code) again
        again = client.get(f"/s/o/{scan.open_token}/")
        assert again["Location"] == f"/s/r/{resume}/"
        welcome = client.get(again["Location"]).content.decode()
    else:  # the saved resume link, on another device
        welcome = Client().get(f"/s/r/{resume}/").content.decode()
    assert _continue_url(welcome) == f"/s/r/{resume}/q/{pages[3].id}/"


def test_when_every_page_is_done_welcome_back_leads_to_the_review(world: World,
                                                                 open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    url = start(client, token, lang="en")
    for page in flow.pages_for(open_scan):
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    welcome = client.get(f"/s/i/{token}/").content.decode()
    assert _continue_url(welcome) == f"/s/i/{token}/review/"
    assert "You have been through every page" in welcome
    assert "Continue the survey" not in welcome
