"""The respondent's survey through real HTTP: intro, consent, sections, review, submit."""

from __future__ import annotations

import json

import pytest
from conftest import World
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from tandem.web.responses.models import Draft, Response
from tandem.web.scans.models import Invitation, Scan, ScanStatus
from tandem.web.scans.services import (
    invitation_bulk_create,
    invitation_issue_token,
    invitation_parse_list,
    scan_close,
    scan_create,
    scan_enable_open_link,
    scan_open,
)
from tandem.web.survey import flow

AGENT = "Mozilla/5.0 (survey-test-agent)"
ADDRESS = "203.0.113.77"


def invite(scan: Scan, email: str = "anna@example.org", department: str = "sales") -> str:
    """A personal link token for a new invitation."""
    invitation_bulk_create(scan=scan,
                           entries=invitation_parse_list(scan=scan, text=f"{email},{department}"))
    return invitation_issue_token(invitation=Invitation.objects.get(scan=scan, email=email))


def respondent() -> Client:
    return Client(HTTP_USER_AGENT=AGENT, REMOTE_ADDR=ADDRESS)


def answers_for(page: flow.Page) -> dict[str, str]:
    """An answer for every item of the page: agree, the first option, a short text."""
    result = {}
    for item in page.items:
        if item.kind == "likert":
            result[item.id] = "4"
        elif item.kind == "choice":
            assert item.options is not None
            result[item.id] = item.options.codes[0]
        else:
            result[item.id] = "Shared lead definition"
    return result


def start(client: Client, token: str, lang: str = "nl") -> str:
    """Consent on the personal link; returns the URL of the first page."""
    response = client.post(f"/s/i/{token}/", {"consent": "yes", "lang": lang})
    assert response.status_code == 302
    return str(response["Location"])


def answer_all(client: Client, scan: Scan, url: str) -> tuple[str, dict[str, str]]:
    """Answer every page with "next"; returns the review URL and all answers given."""
    given: dict[str, str] = {}
    for page in flow.pages_for(scan):
        assert url.endswith(f"/q/{page.id}/")
        page_answers = answers_for(page)
        given |= page_answers
        response = client.post(url, {**page_answers, "nav": "next"})
        assert response.status_code == 302, response.content[:500]
        url = str(response["Location"])
    assert url.endswith("/review/")
    return url, given


def ticket_of(client: Client, review_url: str) -> str:
    html = client.get(review_url).content.decode()
    return html.split('name="ticket" value="')[1].split('"')[0]


def test_the_whole_flow_from_invitation_to_thank_you(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()

    intro = client.get(f"/s/i/{token}/")
    assert intro.status_code == 200
    text = intro.content.decode()
    assert "Acme" in text and "minstens 5 mensen" in text and "12 tot 15 minuten" in text
    assert not Draft.objects.exists(), "a GET (e.g. a mail scanner) must not start a draft"

    refused = client.post(f"/s/i/{token}/", {"lang": "nl"})
    assert refused.status_code == 400 and "Vink het vakje aan" in refused.content.decode()

    first = start(client, token)
    page = client.get(first)
    assert page.status_code == 200
    assert "Pagina 1 van 14" in page.content.decode()
    assert '<progress max="14" value="0"' in page.content.decode()  # none done yet

    review_url, given = answer_all(client, open_scan, first)
    review = client.get(review_url).content.decode()
    assert "3 van 3 beantwoord" in review and "Mijn antwoorden versturen" in review

    submitted = client.post(review_url, {"submit": "1", "ticket": ticket_of(client, review_url)})
    assert submitted.status_code == 302 and submitted["Location"] == "/s/done/?lang=nl"
    assert "Hartelijk dank" in client.get(submitted["Location"]).content.decode()

    response = Response.objects.get()
    assert response.answers == given
    assert (response.language, response.form) == ("nl", "full")
    assert not Draft.objects.exists()
    used = Client().get(f"/s/i/{token}/")  # later, whoever has the link: the generic page
    assert used.status_code == 404 and "Deze link werkt niet" in used.content.decode()
    assert "Acme" not in used.content.decode()


def test_a_response_keeps_no_link_ip_agent_or_time(world: World, open_scan: Scan) -> None:
    token = invite(open_scan, email="private.person@example.org")
    client = respondent()
    review_url, _given = answer_all(client, open_scan, start(client, token, lang="en"))
    client.post(review_url, {"submit": "1"})

    response = Response.objects.get()
    stored = json.dumps({f.attname: str(getattr(response, f.attname))
                         for f in Response._meta.concrete_fields})
    for secret in (token, "private.person", ADDRESS, "survey-test-agent"):
        assert secret not in stored
    assert response.submitted_on == timezone.localdate()
    field_names = {f.name for f in Response._meta.get_fields()}
    assert not field_names & {"invitation", "email", "ip", "user_agent", "created_at", "token"}
    assert not any(f.get_internal_type() == "DateTimeField"
                   for f in Response._meta.concrete_fields)


def test_leave_and_resume_from_the_same_personal_link(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    first = start(client, token)
    pages = flow.pages_for(open_scan)
    client.post(first, {**answers_for(pages[0]), "nav": "next"})
    client.post(f"/s/i/{token}/q/{pages[1].id}/", {"def_roles": "2", "nav": "later"})

    later = Client()  # another day, another device: only the link
    welcome = later.get(f"/s/i/{token}/")
    assert welcome.status_code == 200
    html = welcome.content.decode()
    assert "Welkom terug" in html
    assert f"/s/i/{token}/q/{pages[1].id}/" in html  # continue where they left off
    page = later.get(f"/s/i/{token}/q/{pages[1].id}/").content.decode()
    assert 'name="def_roles" value="2" checked' in page


def test_open_link_resumes_from_cookie_and_from_resume_link(world: World,
                                                            open_scan: Scan) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    client = respondent()
    assert client.get(f"/s/o/{scan.open_token}/").status_code == 200
    started = client.post(f"/s/o/{scan.open_token}/", {"consent": "yes", "lang": "en"})
    first = str(started["Location"])
    assert first.startswith("/s/r/") and first.endswith("/q/profile/")
    resume_token = first.split("/")[3]
    assert client.cookies[f"tandem_resume_{scan.pk}"].value == resume_token
    client.post(first, {"department": "marketing", "nav": "next"})

    again = client.get(f"/s/o/{scan.open_token}/")  # the same browser, later
    assert again.status_code == 302 and again["Location"] == f"/s/r/{resume_token}/"
    welcome = client.get(again["Location"]).content.decode()
    assert "Welcome back" in welcome
    assert f"http://testserver/s/r/{resume_token}/" in welcome  # shown as a resume link

    other_device = Client()
    page = other_device.get(first).content.decode()
    assert 'name="department" value="marketing" checked' in page
    fresh = client.get(f"/s/o/{scan.open_token}/?new=1")
    assert fresh.status_code == 200 and 'name="consent"' in fresh.content.decode()


def test_language_switch_keeps_the_answers_on_the_page(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    first = start(client, token, lang="nl")
    nl_page = client.get(first).content.decode()
    assert '<html lang="nl">' in nl_page and "Over u" in nl_page

    switched = client.post(first, {"department": "service", "level": "manager", "lang": "en"})
    assert switched.status_code == 302 and switched["Location"] == first
    en_page = client.get(first).content.decode()
    assert '<html lang="en">' in en_page and "About you" in en_page
    assert "Page 1 of 14" in en_page
    assert 'value="service" checked' in en_page and 'value="manager" checked' in en_page
    assert Draft.objects.get().language == "en"

    client.post(first, {"lang": "xx"})  # a language the scan does not offer changes nothing
    assert Draft.objects.get().language == "en"


def test_an_out_of_range_answer_is_refused_and_nothing_is_stored(world: World,
                                                                 open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    start(client, token)
    ladder = flow.pages_for(open_scan)[1]
    url = f"/s/i/{token}/q/{ladder.id}/"
    client.post(url, {"def_roles": "3"})

    refused = client.post(url, {"def_roles": "7", "def_authority": "4", "nav": "next"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Niets op deze pagina is opgeslagen" in html and 'href="#q-def_roles"' in html
    assert Draft.objects.get().answers == {"def_roles": "3"}

    fragment = client.post(url, {"def_roles": "abc"}, HTTP_HX_REQUEST="true")
    assert "Niet opgeslagen" in fragment.content.decode()
    assert Draft.objects.get().answers == {"def_roles": "3"}


def test_htmx_saves_on_change_without_a_page(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    first = start(client, token)
    saved = client.post(first, {"department": "sales"}, HTTP_HX_REQUEST="true")
    assert saved.status_code == 200
    assert saved.content.decode().strip() == "Uw antwoorden zijn opgeslagen."
    assert Draft.objects.get().answers == {"department": "sales"}


def test_submitting_twice_yields_one_response(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    tab_one, tab_two = respondent(), respondent()
    review_url, _given = answer_all(tab_one, open_scan, start(tab_one, token))
    ticket_one, ticket_two = ticket_of(tab_one, review_url), ticket_of(tab_two, review_url)

    first = tab_one.post(review_url, {"submit": "1", "ticket": ticket_one})
    double_click = tab_one.post(review_url, {"submit": "1", "ticket": ticket_one})
    second_tab = tab_two.post(review_url, {"submit": "1", "ticket": ticket_two, "lang_now": "en"})
    for response in (first, double_click):
        assert response.status_code == 302 and response["Location"] == "/s/done/?lang=nl"
    assert second_tab["Location"] == "/s/done/?lang=en"
    assert Response.objects.count() == 1
    forged = respondent().post(review_url, {"submit": "1", "ticket": "forged"})
    assert forged.status_code == 404


def test_submitting_twice_on_the_open_link_yields_one_response(world: World,
                                                               open_scan: Scan) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    client = respondent()
    first = str(client.post(f"/s/o/{scan.open_token}/", {"consent": "yes"})["Location"])
    review_url = first.replace("/q/profile/", "/review/")
    ticket = ticket_of(client, review_url)
    assert client.post(review_url, {"submit": "1", "ticket": ticket}).status_code == 302
    assert client.cookies[f"tandem_resume_{scan.pk}"].value == ""  # forgotten
    repeat = client.post(review_url, {"submit": "1", "ticket": ticket})
    assert repeat.status_code == 302 and repeat["Location"].startswith("/s/done/")
    assert Response.objects.count() == 1
    assert client.get(review_url).status_code == 404  # the resume link is dead now


def test_a_closed_scan_takes_no_answers(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    first = start(client, token)
    scan_close(scan=open_scan, actor=world.owner)

    page = client.get(first)
    assert page.status_code == 404 and "Deze link werkt niet" in page.content.decode()
    assert "Acme" not in page.content.decode()
    posted = client.post(first, {"department": "sales", "nav": "next"})
    assert posted.status_code == 404
    assert Draft.objects.get().answers == {}
    assert client.post(first.replace("/q/profile/", "/review/"), {"submit": "1"}).status_code \
        == 404
    assert not Response.objects.exists()


def test_a_scan_not_yet_open_gets_the_generic_page(world: World) -> None:
    token = invite(world.scan)
    assert world.scan.status == ScanStatus.DRAFT
    page = respondent().get(f"/s/i/{token}/?lang=en")
    assert page.status_code == 404 and "This link does not work" in page.content.decode()
    assert "may not be open (not yet, or no longer)" in page.content.decode()


@pytest.mark.parametrize("url", ["/s/i/nonsense-token/", "/s/r/nonsense-token/",
                                 "/s/o/nonsense-token/", "/s/i/nonsense-token/q/profile/",
                                 "/s/r/nonsense-token/review/"])
def test_an_unknown_link_reveals_nothing(world: World, open_scan: Scan, url: str) -> None:
    response = respondent().get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze link werkt niet" in html
    for secret in ("Acme", "Spring 2026", "minstens"):
        assert secret not in html


def test_an_unknown_section_is_not_found(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    start(client, token)
    assert client.get(f"/s/i/{token}/q/nope/").status_code == 404


def test_pages_need_consent_first(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    response = respondent().get(f"/s/i/{token}/q/profile/")
    assert response.status_code == 302 and response["Location"] == f"/s/i/{token}/"


def test_back_and_later_buttons(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    first = start(client, token)
    pages = flow.pages_for(open_scan)
    second = f"/s/i/{token}/q/{pages[1].id}/"
    assert client.post(second, {"nav": "back"})["Location"] == first
    assert client.post(first, {"nav": "back"})["Location"] == f"/s/i/{token}/"
    assert client.post(second, {"nav": "later"})["Location"] == f"/s/i/{token}/"
    assert Draft.objects.get().last_section == pages[1].id


def test_quick_scan_has_four_pages_and_says_four_minutes(world: World) -> None:
    scan = scan_create(organisation=world.org, title="Quick", instrument_name="tandem-scan-1",
                       form="quick", k=3, default_language="en")
    scan = scan_open(scan=scan, actor=world.owner)
    token = invite(scan)
    client = Client()
    intro = client.get(f"/s/i/{token}/").content.decode()
    assert "About 4 minutes." in intro and '<html lang="en">' in intro
    review_url, given = answer_all(client, scan, start(client, token, lang="en"))
    assert len(flow.pages_for(scan)) == 4  # its 11 tension items take two pages
    client.post(review_url, {"submit": "1"})
    assert Response.objects.get().answers == given


def test_optional_items_follow_the_scan_settings(world: World) -> None:
    scan = scan_create(organisation=world.org, title="All", instrument_name="tandem-scan-1",
                       should_decide=True, segment=True)
    scan = scan_open(scan=scan, actor=world.owner)
    ids = {item.id for page in flow.pages_for(scan) for item in page.items}
    assert {"segment", "drs_pricing", "dr_pricing"} <= ids
    token = invite(scan)
    client = respondent()
    start(client, token)
    page = client.get(f"/s/i/{token}/q/profile/").content.decode()
    assert 'type="text" id="f-segment"' in page


def test_access_code_leads_to_the_open_link(world: World, open_scan: Scan) -> None:
    scan = scan_enable_open_link(scan=open_scan)
    client = respondent()
    assert client.get("/s/").status_code == 200
    assert scan.access_code is not None
    typed = " ".join(scan.access_code.lower())
    found = client.post("/s/", {"code": typed})
    assert found.status_code == 302 and found["Location"] == f"/s/o/{scan.open_token}/"
    wrong = client.post("/s/", {"code": "WRONG123", "lang": "en"})
    assert wrong.status_code == 400 and "This code is not valid" in wrong.content.decode()


def test_access_code_attempts_are_limited(world: World, open_scan: Scan) -> None:
    from tandem.web.survey import ratelimit

    scan = scan_enable_open_link(scan=open_scan)
    client = respondent()
    for _ in range(ratelimit.MAX_FAILURES):
        client.post("/s/", {"code": "WRONG123"})
    blocked = client.post("/s/", {"code": scan.access_code, "lang": "en"})
    assert blocked.status_code == 400 and "Too many attempts" in blocked.content.decode()


def test_browser_language_is_used_before_a_draft_exists(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    english = Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").get(f"/s/i/{token}/")
    assert '<html lang="en">' in english.content.decode()
    assert english["Content-Language"] == "en"
    chosen = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/s/i/{token}/?lang=nl")
    assert '<html lang="nl">' in chosen.content.decode()


def test_pages_load_only_local_scripts_and_styles(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    page = client.get(start(client, token))
    html = page.content.decode()
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert "https://" not in html and "style=" not in html
    assert "<script>" not in html
    assert "script-src 'self' 'nonce-" in page["Content-Security-Policy"]
    assert finders.find("survey/survey.css") and finders.find("survey/survey.js")


def test_switching_language_after_the_scan_closed_gets_the_generic_page(
        world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    start(client, token)
    scan_close(scan=open_scan, actor=world.owner)
    for url in (f"/s/i/{token}/", f"/s/i/{token}/review/"):
        assert client.post(url, {"lang": "en"}).status_code == 404


def test_review_language_switch_and_welcome_back_switch(world: World, open_scan: Scan) -> None:
    token = invite(open_scan)
    client = respondent()
    start(client, token)
    review = f"/s/i/{token}/review/"
    assert client.post(review, {"lang": "en"})["Location"] == review
    assert "Check and submit" in client.get(review).content.decode()
    assert client.post(f"/s/i/{token}/", {"lang": "nl"})["Location"] == f"/s/i/{token}/"
    assert Draft.objects.get().language == "nl"
    assert not Response.objects.exists()
