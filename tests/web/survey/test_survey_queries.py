"""The database work of one survey request is small and does not grow with the page:
the same bound for every page, on the resume link and on the personal link, and a page
whose answers were saved already (on change) is not written again on "next"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import World
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from test_survey import answers_for, invite, respondent, start

from tandem.web.responses.models import Draft
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_enable_open_link
from tandem.web.survey import flow

# The rate-limit counter, the link (resume link: the draft, then its scan; personal
# link: the token with invitation and scan, then the draft) and, for a POST, the draft
# locked and read again, its scan's status, and one UPDATE. BEGIN/COMMIT and the test's
# savepoints are not the app's queries.
BOUND = {("r", "get"): 3, ("r", "post"): 6, ("i", "get"): 3, ("i", "post"): 6}
WRITES = ("UPDATE", "INSERT", "DELETE")


def _sent(call: Callable[[], Any]) -> tuple[list[str], Any]:
    """The app's queries while ``call`` runs, and what it returned."""
    with CaptureQueriesContext(connection) as captured:
        returned = call()
    return [q["sql"] for q in captured.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE", "BEGIN", "COMMIT"))], returned


def _queries(call: Callable[[], Any]) -> list[str]:
    return _sent(call)[0]


def _first_page(kind: str, scan: Scan, client: Client) -> str:
    if kind == "i":
        return start(client, invite(scan), lang="en")
    scan = scan_enable_open_link(scan=scan)
    return str(client.post(f"/s/o/{scan.open_token}/", {"consent": "yes"})["Location"])


@pytest.mark.parametrize("kind", ["r", "i"])
def test_every_page_costs_the_same_few_queries(world: World, open_scan: Scan,
                                               kind: str) -> None:
    client = respondent()
    url = _first_page(kind, open_scan, client)
    for page in flow.pages_for(open_scan):
        shown = _queries(lambda u=url: client.get(u))
        assert len(shown) <= BOUND[(kind, "get")], (page.id, shown)
        assert not any(q.startswith(WRITES) for q in shown)
        answers = answers_for(page)
        sent, response = _sent(lambda u=url, a=answers: client.post(u, {**a, "nav": "next"}))
        assert len(sent) <= BOUND[(kind, "post")], (page.id, sent)
        assert sum(q.startswith("UPDATE") for q in sent) == 1, (page.id, sent)
        url = response["Location"]
    review = _queries(lambda: client.get(url))
    assert len(review) <= BOUND[(kind, "get")], review


def test_next_after_save_on_change_writes_nothing(world: World, open_scan: Scan) -> None:
    client = respondent()
    url = _first_page("r", open_scan, client)
    page = flow.pages_for(open_scan)[0]
    answers = answers_for(page)
    saved = _queries(lambda: client.post(url, answers, HTTP_HX_REQUEST="true"))
    assert sum(q.startswith("UPDATE") for q in saved) == 1
    before = Draft.objects.get().updated_at
    again = _queries(lambda: client.post(url, {**answers, "nav": "next"}))
    assert not any(q.startswith(WRITES) for q in again), again
    assert len(again) <= 3  # the counter and the link: no lock, no write
    draft = Draft.objects.get()
    assert draft.updated_at == before and draft.answers == answers
    changed = _queries(lambda: client.post(url, {**answers, page.items[0].id: "", "nav": "next"}))
    assert sum(q.startswith("UPDATE") for q in changed) == 1  # clearing one is a change
    assert page.items[0].id not in Draft.objects.get().answers
