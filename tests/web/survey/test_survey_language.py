"""Everything a respondent sees is in the language they chose, not the browser's.

Each walk chooses one language in a browser that asks for the other (the hardest case:
before this, error pages followed the browser) and collects every page and fragment a
respondent can meet: the access code page and its errors, the intro and its refusal,
every page of questions, an invalid answer, the save-on-change fragments, welcome back,
the review, the thank-you page, and the error pages under /s/: an unknown URL, an
unusable link, a used link, a closed scan, a failed CSRF check, the rate limit, a
request too large and a server error. Each must be marked as the chosen language and
hold no text of the other (the word and phrase lists of test_dutch_pages).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import World
from django.test import Client, RequestFactory
from test_dutch_pages import dutch_left, english_left, visible_text
from test_survey import ADDRESS, answers_for

from tandem.web import views as project_views
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_close, scan_enable_open_link
from tandem.web.survey import flow, ratelimit
from tandem.web.survey.middleware import LANGUAGE_COOKIE

OTHER = {"nl": "en", "en": "nl"}


def _walk(world: World, scan: Scan, lang: str) -> Iterator[tuple[str, object]]:
    """(where, response) for every page and fragment of one respondent's way through."""
    client = Client(HTTP_ACCEPT_LANGUAGE=OTHER[lang], REMOTE_ADDR=ADDRESS)
    yield "code page", client.get(f"/s/?lang={lang}")
    yield "wrong code", client.post("/s/", {"code": "WRONG123", "lang": lang})
    found = client.post("/s/", {"code": scan.access_code, "lang": lang})
    yield "intro", client.get(found["Location"])
    yield "intro (no consent)", client.post(found["Location"], {"lang": lang})
    url = client.post(found["Location"], {"consent": "yes", "lang": lang})["Location"]
    resume = url.split("/")[3]
    pages = flow.pages_for(scan)
    for page in pages:
        yield f"page {page.id}", client.get(url)
        if page.number == 2:
            likert = next(i for i in page.items if i.kind == "likert")
            yield "invalid answer", client.post(url, {likert.id: "7", "nav": "next"})
            yield "saved (htmx)", client.post(url, {likert.id: "2"}, HTTP_HX_REQUEST="true")
            yield "not saved (htmx)", client.post(url, {likert.id: "9"}, HTTP_HX_REQUEST="true")
            strict = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=OTHER[lang],
                            REMOTE_ADDR=ADDRESS)
            strict.cookies = client.cookies
            yield "CSRF failure", strict.post(url, {likert.id: "2", "nav": "next"})
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    yield "welcome back", client.get(f"/s/r/{resume}/")
    yield "review", client.get(url)
    yield "unknown URL under /s/", client.get(f"/s/r/{resume}/nonsense/")
    yield "unusable link", client.get(f"/s/i/{'g' * 43}/")
    yield "request too large", client.post(url, {"x": "y" * (2 * 1024 * 1024)})
    request = RequestFactory().get(f"/s/r/{resume}/", HTTP_ACCEPT_LANGUAGE=OTHER[lang])
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    yield "server error", project_views.server_error(request)
    ticket = client.get(url).content.decode().split('name="ticket" value="')[1].split('"')[0]
    done = client.post(url, {"submit": "1", "ticket": ticket})
    yield "thank you", client.get(done["Location"])
    yield "used resume link", client.get(f"/s/r/{resume}/")
    blocked = Client(HTTP_ACCEPT_LANGUAGE=OTHER[lang], REMOTE_ADDR="203.0.113.99")
    blocked.cookies = client.cookies
    for _ in range(ratelimit.MAX_FAILURES):
        blocked.post("/s/", {"code": "WRONG123", "lang": lang})
    yield "rate limit", blocked.get(f"/s/o/{scan.open_token}/")
    scan_close(scan=scan, actor=world.owner)
    yield "closed scan", client.get(f"/s/o/{scan.open_token}/")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_respondent_page_is_in_the_chosen_language(world: World, open_scan: Scan,
                                                         lang: str) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    seen = []
    for where, response in _walk(world, scan, lang):
        html = response.content.decode()  # type: ignore[attr-defined]
        status = response.status_code  # type: ignore[attr-defined]
        seen.append((where, status))
        text = visible_text(html)
        assert len(text) > 10, f"{where}: no text"
        left = english_left(text) if lang == "nl" else dutch_left(text)
        assert left == [], f"{where} ({status}): {OTHER[lang]} on a {lang} page: {left}\n{text}"
        if "<html" in html:
            assert f'<html lang="{lang}">' in html, where
        assert response["Content-Language"] == lang, where  # type: ignore[index]
    statuses = dict(seen)
    assert statuses["CSRF failure"] == 403 and statuses["rate limit"] == 429
    assert statuses["unknown URL under /s/"] == statuses["closed scan"] == 404
    assert statuses["server error"] == 500 and statuses["invalid answer"] == 400
    assert statuses["request too large"] == 413
    assert len(seen) > 25


def test_the_choice_is_remembered_for_the_survey_only(world: World, open_scan: Scan) -> None:
    """The survey's cookie lives under /s/ and does not change a facilitator's language."""
    scan = scan_enable_open_link(scan=open_scan)
    client = Client(HTTP_ACCEPT_LANGUAGE="nl")
    response = client.get(f"/s/o/{scan.open_token}/?lang=en")
    cookie = response.cookies[LANGUAGE_COOKIE]
    assert cookie.value == "en" and cookie["path"] == "/s/" and cookie["httponly"]
    assert "django_language" not in response.cookies
    missing = client.get("/s/nothing-here/")
    assert missing.status_code == 404 and '<html lang="en">' in missing.content.decode()
    assert "This link does not work" in missing.content.decode()
    outside = client.get("/accounts/login/")  # the facilitators' side: the browser's choice
    assert '<html lang="nl">' in outside.content.decode()
