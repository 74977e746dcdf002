"""Every page and e-mail in Dutch has no English left in it (and in English no Dutch).

Each HTML page of ``test_web_matrix.CASES`` is fetched as every role that may see it,
with the language cookie (and the browser's header) set, and so are the page after each
change the owner may make, each form sent empty (its errors), the error pages and the
pages of an open and a closed scan; the respondent's survey is walked from the
invitation to the thank-you page (with its error and welcome-back pages); and the
e-mails (invitation, reminder, welcome, password reset) are sent. The visible text (no
script, style or textarea content; plus the title, aria-label, placeholder and alt
attributes and the labels of buttons) is cleared of data (names, e-mail addresses, links,
numbers, the test world's titles) and then must not contain

* an English text of the catalogue (two or more words, its Dutch translation differs)
  verbatim, nor
* an English function word that Dutch text never has ("the", "and", "your" ...).

The English pages are checked the other way round with a few Dutch function words.
A failure names the page, the role and the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import test_web_matrix as matrix
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from test_survey import answer_all, start, ticket_of
from test_web_matrix import (
    ACTION_FORM,
    CASES,
    NEW_TERM,
    ORG_FORM,
    ROLES,
    SLA_FORM,
    Objects,
    _user,
)
from webtest_helpers import client_for

from tandem.io.demo import CHANGE, FRICTION
from tandem.web.mirror.models import Mirror
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import invitation_issue_token
from tandem.web.survey import flow

# The role matrix's world (built once for this module) and its per-test savepoint.
objects = matrix.objects
o = matrix.o

PO = (Path(__file__).resolve().parents[2] / "src" / "tandem" / "web" / "locale" / "nl"
      / "LC_MESSAGES" / "django.po")

#: English words that Dutch text never has ("is", "of", "in" and "was" are Dutch too).
ENGLISH_WORDS = frozenset((
    "the", "and", "with", "your", "you", "this", "to", "are", "not", "for", "from", "which",
    "what", "that", "these", "those", "there", "when", "will", "would", "should", "could",
    "have", "has", "been", "were", "their", "they", "them", "its", "it's", "don't", "please",
    "here", "about", "into", "only", "than", "then", "who", "how", "why", "each", "every",
    "our", "can't", "cannot", "an", "select",
))
#: Dutch words that English text never has.
DUTCH_WORDS = frozenset(("de", "het", "een", "van", "niet", "uw", "zijn", "worden", "wordt",
                         "voor", "naar"))
#: Names the Dutch interface really uses as they are (brand, department and method names).
ALLOWED = (
    "Tandem Scan", "Tandem", "Customer Service", "Sales", "Marketing",
    "Django",  # the admin's name, in the operator's flag text
)
#: Data of the test world, not interface text (organisations, scans, people, objects).
DATA = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|https?://\S+|/\S*/"  # links and paths
    r"|Acme|Other BV|Spring 2026|Theirs|Open wave \w|Closed wave \w|Agree MQL \w"
    r"|Quarterly( scan)?|Yearly( scan)?"  # the consultant's scan templates
    r"|MQLs per month \w|Shared lead definition|Anna|Bram"
    r"|Became an? [\w ]+ Date"  # a CRM export's own headings (the inspection shows them)
    r"|We want to integrate|A lead Marketing and Sales both accept\."  # the matrix's POSTs
    r"|\S*\d\S*"  # numbers, dates, ids (and a word glued to one)
    + "".join(f"|{re.escape(v)}" for form in (ORG_FORM, ACTION_FORM, SLA_FORM, NEW_TERM)
              for v in form.values() if isinstance(v, str) and v[:1].isupper()))


class _Text(HTMLParser):
    """The text a person sees or hears: content and the labelling attributes."""

    SKIP = frozenset({"script", "style", "template", "textarea"})  # textarea: data
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        values = dict(attrs)
        self.parts += [v for a in self.ATTRIBUTES if (v := values.get(a))]
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(" ".join(p.split()) for p in parser.parts if p.strip())


#: The respondents' open answers (the synthetic answers write in their own language).
COMMENTS = tuple(sorted({t for pool in (FRICTION, CHANGE) for texts in pool.values()
                         for t in texts}, key=len, reverse=True))


def _without_data(text: str) -> str:
    for comment in COMMENTS:  # data: a respondent's own words, in their language
        text = text.replace(comment, " ")
    text = DATA.sub(" ", text)
    for name in ALLOWED:
        text = text.replace(name, " ")
    return text


def _english_phrases() -> list[str]:
    """Catalogue texts of 2+ words whose Dutch differs, split at their placeholders."""
    phrases = set()
    for entry in polib.pofile(str(PO)):
        translations = ([entry.msgstr] if not entry.msgid_plural
                        else list(entry.msgstr_plural.values()))
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            for fragment in re.split(r"%\(\w+\)s|%%|<[^>]+>|\{[^}]*\}", source):
                fragment = " ".join(fragment.split()).strip(" .,:;()“”\"'")
                if (len(fragment.split()) >= 2 and _without_data(fragment).strip() == fragment
                        and not any(fragment in t for t in translations)):
                    phrases.add(fragment)
    return sorted(phrases, key=len, reverse=True)


ENGLISH = _english_phrases()


def english_left(text: str) -> list[str]:
    text = _without_data(text)
    found = [p for p in ENGLISH if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    words = {w.lower() for w in re.findall(r"[A-Za-z']+", text)}
    found += sorted(words & ENGLISH_WORDS)
    return found


def dutch_left(text: str) -> list[str]:
    words = {w.lower() for w in re.findall(r"[A-Za-zë']+", _without_data(text))}
    return sorted(words & DUTCH_WORDS)


def _check(lang: str, where: str, text: str) -> None:
    assert len(text) > 10, f"{where}: no text"
    left = english_left(text) if lang == "nl" else dutch_left(text)
    other = "English" if lang == "nl" else "Dutch"
    assert left == [], f"{other} on the {lang} page {where}: {left}\n---\n{text}"


def _client(role: str, o: Objects, lang: str) -> Client:
    client = client_for(_user(o, role))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
    return client


# ---------------------------------------------------------------- the pages


NOT_HTML = frozenset({"healthz"})  # a plain-text probe for load balancers
#: A consultant sees a facilitator's pages; only where its answer differs (the portfolio)
#: and on the home page (its role's name) is the page fetched as the consultant too.
PAGES = [(name, role) for name, entry in sorted(CASES.items())
         if entry.get is not None and entry.export is None and name not in NOT_HTML
         for role in ROLES if entry.get[role] in (200, 302)
         and not (entry.get[role] == 302 and name != "accounts:password_reset_confirm")
         and not (role == "consultant" and name != "home"
                  and entry.get["consultant"] == entry.get["facilitator"])]


def _first(codes: dict[str, object], answer: int) -> str:
    """The first role (the owner, where the owner may) that gets this answer."""
    return next(role for role in ROLES if codes[role] == answer)


def _page(client: Client, name: str, o: Objects) -> str:
    url = reverse(name, kwargs=CASES[name].kwargs(o.a) or None)
    response = client.get(url, follow=True)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("text/html"), url
    return str(response.content.decode())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "role"), PAGES)
def test_page_is_in_one_language(name: str, role: str, lang: str, o: Objects) -> None:
    html = _page(_client(role, o, lang), name, o)
    _check(lang, f"{name} as {role}", visible_text(html))


#: The matrix shows each page for one scan; these show the other states of a scan.
STATES = [("scans:detail", "opened"), ("scans:detail", "closed"),
          ("scans:invitations", "opened"), ("results:scan", "opened"),
          ("scans:edit", "opened")]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("name", "state"), STATES)
def test_pages_of_open_and_closed_scans_are_in_one_language(name: str, state: str,
                                                            lang: str, o: Objects) -> None:
    scan = getattr(o.a, state)
    url = reverse(name, kwargs={"org_id": o.a.org.pk, "scan_id": scan.pk})
    response = _client("owner", o, lang).get(url, follow=True)
    assert response.status_code == 200, url
    _check(lang, f"{name} ({state} scan) as owner", visible_text(response.content.decode()))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_error_pages_are_in_one_language(lang: str, o: Objects) -> None:
    anonymous = _client("anonymous", o, lang)
    missing = anonymous.get("/no-such-page/")
    assert missing.status_code == 404
    _check(lang, "404 as anonymous", visible_text(missing.content.decode()))
    refused = _client("viewer", o, lang).get(
        reverse("organisations:members", kwargs={"org_id": o.a.org.pk}))
    assert refused.status_code == 403
    _check(lang, "403 as viewer", visible_text(refused.content.decode()))
    wrong = anonymous.post(reverse("accounts:login"),
                           {"username": "owner@example.org", "password": "wrong"})
    _check(lang, "accounts:login (wrong password) as anonymous",
           visible_text(wrong.content.decode()))


FORMS = sorted(name for name, entry in CASES.items()
               if entry.get is not None and entry.post is not None and entry.export is None
               and entry.get["owner"] == 200)  # the research pool's page: researchers only


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", FORMS)
def test_form_errors_are_in_one_language(name: str, lang: str, o: Objects) -> None:
    """Each form sent empty, as the owner: the page again, with its error messages."""
    url = reverse(name, kwargs=CASES[name].kwargs(o.a) or None)
    role = _first(CASES[name].get or {}, 200)
    response = _client(role, o, lang).post(url, {})
    assert response.status_code in (200, 400), url
    _check(lang, f"{name} (sent empty) as {role}", visible_text(response.content.decode()))


#: Each POST the owner may make, except the language switch itself and the downloads.
ACTIONS = sorted(name for name, entry in CASES.items()
                 if entry.post is not None and entry.post.export is None
                 and 302 in (entry.post.expect["owner"], entry.post.expect["consultant"])
                 and name != "set_language")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", ACTIONS)
def test_pages_after_a_change_are_in_one_language(name: str, lang: str, o: Objects) -> None:
    """The page a successful POST leads to, with its message ("Saved." ...)."""
    entry = CASES[name]
    assert entry.post is not None
    url = reverse(name, kwargs=entry.kwargs(o.a) or None)
    role = _first(entry.post.expect, 302)
    response = _client(role, o, lang).post(url, entry.post.data(o.a), follow=True)
    assert response.status_code == 200, url
    _check(lang, f"{name} (after the POST) as {role}", visible_text(response.content.decode()))


# ---------------------------------------------------------------- the survey


def _survey(client: Client, scan: Scan, lang: str) -> Iterator[tuple[str, str]]:
    yield "survey:code", client.get(reverse("survey:code")).content.decode()
    wrong = client.post(reverse("survey:code"), {"code": "WRONG123", "lang": lang})
    assert wrong.status_code == 400
    yield "survey:code (wrong code)", wrong.content.decode()
    yield "unusable link", client.get(f"/s/i/{'g' * 43}/").content.decode()
    invitation = Invitation.objects.get(scan=scan, email__startswith="open-")
    token = invitation_issue_token(invitation=invitation)
    yield "survey:invitation", client.get(f"/s/i/{token}/?lang={lang}").content.decode()
    refused = client.post(f"/s/i/{token}/", {"lang": lang})
    yield "survey:invitation (no consent)", refused.content.decode()
    first = start(client, token, lang)
    yield "survey:section", client.get(first).content.decode()
    yield "survey:invitation (welcome back)", client.get(f"/s/i/{token}/").content.decode()
    ladder = flow.pages_for(scan)[1]
    invalid = client.post(first.replace(f"/q/{flow.pages_for(scan)[0].id}/", f"/q/{ladder.id}/"),
                          {"def_roles": "7", "nav": "next"})
    assert invalid.status_code == 400
    yield "survey:section (invalid)", invalid.content.decode()
    review_url, _given = answer_all(client, scan, first)
    yield "survey:review", client.get(review_url).content.decode()
    done = client.post(review_url, {"submit": "1", "ticket": ticket_of(client, review_url)})
    yield "survey:done", client.get(done["Location"]).content.decode()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_survey_is_in_one_language(lang: str, o: Objects) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    for where, html in _survey(client, o.a.opened, lang):
        _check(lang, f"{where} as respondent", visible_text(html))


# ---------------------------------------------------------------- the e-mails


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_emails_are_in_one_language(lang: str, o: Objects) -> None:
    mail.outbox.clear()
    Scan.objects.filter(pk=o.a.opened.pk).update(default_language=lang)
    owner = _client("owner", o, lang)
    send = reverse("scans:invitations_send",
                   kwargs={"org_id": o.a.org.pk, "scan_id": o.a.opened.pk})
    assert owner.post(send, {"kind": "invite"}).status_code == 302
    assert owner.post(send, {"kind": "remind"}).status_code == 302
    added = owner.post(reverse("organisations:members", kwargs={"org_id": o.a.org.pk}),
                       {"email": "new-member@example.org", "role": "viewer"})
    assert added.status_code == 302
    reset = _client("anonymous", o, lang).post(reverse("accounts:password_reset"),
                                               {"email": "viewer@example.org"})
    assert reset.status_code == 302
    invitation, reminder = [m for m in mail.outbox if "open-a@example.org" in m.to]
    welcome = next(m for m in mail.outbox if "new-member@example.org" in m.to)
    reset_mail = next(m for m in mail.outbox if "viewer@example.org" in m.to)
    kinds = {"invitation": invitation, "reminder": reminder, "welcome": welcome,
             "password reset": reset_mail}
    for kind, message in kinds.items():
        address = message.to[0]
        _check(lang, f"e-mail {kind} (subject) as {address}", str(message.subject))
        _check(lang, f"e-mail {kind} (body) as {address}", str(message.body))


def _customer_mirror(client: Client, scan: Scan, lang: str) -> Iterator[tuple[str, str]]:
    """Every page a customer of the mirror sees, in ``lang`` (from the browser)."""
    mirror = Mirror.objects.get(scan=scan)
    general = reverse("customer:answer", kwargs={"token": mirror.token})
    yield "customer:answer (stage choice)", client.get(general).content.decode()
    form = client.get(general, {"stage": "service"})
    yield "customer:answer (statements)", form.content.decode()
    invalid = client.post(general, {"stage": "service"})
    assert invalid.status_code == 400
    yield "customer:answer (nothing answered)", invalid.content.decode()
    sent = client.post(general, {"stage": "service", "se_same_answer": "4"})
    yield "customer:thanks", client.get(sent["Location"]).content.decode()
    yield "customer:answer (unknown link)", client.get(
        reverse("customer:answer", kwargs={"token": "x" * 43})).content.decode()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_customer_mirror_is_in_one_language(lang: str, o: Objects) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    for where, html in _customer_mirror(client, o.a.closed, lang):
        _check(lang, f"{where} as customer", visible_text(html))
