"""A failed CSRF check keeps what the person typed and says what to do, in their
language: the posted values (never a password, token or code) go into a fresh form that
sends them again."""

from __future__ import annotations

import html
import logging
import re
import unittest

import pytest
from django.test import Client
from django.urls import reverse
from webtest_helpers import World

from tandem.web.organisations.models import Organisation

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def guarded(world: World, lang: str) -> Client:
    """A logged-in client whose forms carry no valid CSRF token (an expired session),
    sent from our own pages (the Origin a browser sends with a POST)."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=lang,
                    HTTP_ORIGIN="http://testserver")
    client.force_login(world.owner)
    return client


def edit(world: World) -> tuple[str, dict[str, object]]:
    url = reverse("organisations:edit", kwargs={"org_id": world.org.pk})
    return url, {"name": "Acme, renamed", "employees": "50-249", "sales_team": "12",
                 "market": "b2b", "key_accounts": "true", "commercial_lead": "unknown",
                 "sla": "unknown", "notes": "Twee regels\nuitleg", "old_password": "hunter2",
                 "api_token": "tnd_secret", "csrfmiddlewaretoken": "stale"}


@pytest.mark.parametrize(("lang", "heading", "again"), [
    ("en", "Your form was not sent", "Send again"),
    ("nl", "Uw formulier is niet verstuurd", "Opnieuw versturen"),
])
def test_the_page_keeps_the_values_and_says_what_to_do(world: World, lang: str, heading: str,
                                                       again: str) -> None:
    url, data = edit(world)
    response = guarded(world, lang).post(url, data)
    assert response.status_code == 403
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page and heading in page and again in page
    carried = [(n, html.unescape(v)) for n, v in HIDDEN.findall(page)
               if n != "csrfmiddlewaretoken"]
    assert carried == [("name", "Acme, renamed"), ("employees", "50-249"),
                       ("sales_team", "12"), ("market", "b2b"), ("key_accounts", "true"),
                       ("commercial_lead", "unknown"), ("sla", "unknown"),
                       ("notes", "Twee regels\nuitleg")]
    assert "hunter2" not in page and "tnd_secret" not in page and "stale" not in page
    typed = re.search(r'<ul class="typed">(.*?)</ul>', page, re.S)
    assert typed is not None  # what they typed is shown; the page's own codes are not
    assert re.findall(r"<li>(.*?)</li>", typed.group(1), re.S) == [
        "Acme, renamed", "Twee regels\nuitleg"]
    assert Organisation.objects.get(pk=world.org.pk).name == "Acme"


def test_only_a_dropped_secret_of_the_persons_own_is_mentioned(world: World) -> None:
    url, data = edit(world)
    data = {k: v for k, v in data.items() if k not in ("old_password", "api_token")}
    page = guarded(world, "en").post(url, data).content.decode()
    assert "Passwords and codes are not kept" not in page  # the stale CSRF token is not theirs


def test_send_again_makes_the_change(world: World) -> None:
    client = guarded(world, "en")
    url, data = edit(world)
    page = client.post(url, data, HTTP_REFERER=f"http://testserver{url}").content.decode()
    assert f'href="http://testserver{url}">Back to the page' in page
    form = {n: html.unescape(v) for n, v in HIDDEN.findall(page)}
    assert form["csrfmiddlewaretoken"] != "stale"
    resent = client.post(url, form)  # the fresh token, and the CSRF cookie the page set
    assert resent.status_code == 302
    organisation = Organisation.objects.get(pk=world.org.pk)
    assert (organisation.name, organisation.sales_team) == ("Acme, renamed", 12)


def test_a_refused_form_is_one_log_line(world: World) -> None:
    url, data = edit(world)
    with unittest.TestCase().assertLogs("django.security.csrf", logging.WARNING) as logs:
        guarded(world, "en").post(url, data)
    (record,) = logs.records
    assert record.getMessage() == f"Forbidden (CSRF cookie not set.): {url}"
    assert record.exc_info is None


def test_a_logged_out_person_is_told_to_log_in_first(world: World) -> None:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    page = client.post(reverse("accounts:login"), {"username": "owner@example.org",
                                                   "password": "secret"},
                       HTTP_REFERER="http://testserver/accounts/login/").content.decode()
    assert "log in again in a new tab" in page
    assert "Passwords and codes are not kept" in page
    assert 'value="owner@example.org"' in page and "secret" not in page
    assert 'href="http://testserver/accounts/login/">Back to the page' in page


@pytest.mark.parametrize("sent_from", [{"HTTP_ORIGIN": "https://evil.example"},
                                       {"HTTP_ORIGIN": "null"},
                                       {"HTTP_REFERER": "https://evil.example/form"}, {}])
def test_another_sites_form_is_not_offered_to_send_again(world: World,
                                                         sent_from: dict[str, str]) -> None:
    """A forged form must not come back as ours with a valid token, a click away."""
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(world.owner)
    url = reverse("organisations:members", kwargs={"org_id": world.org.pk})
    response = client.post(url, {"email": "attacker@evil.example", "role": "owner"},
                           **sent_from)  # type: ignore[arg-type]
    assert response.status_code == 403
    page = response.content.decode()
    assert "The form did not come from a Tandem page" in page
    assert "attacker@evil.example" not in page and "Send again" not in page
    assert 'href="/">Go to Tandem' in page
