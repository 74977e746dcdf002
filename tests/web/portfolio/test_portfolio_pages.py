"""The portfolio and the comparison show each organisation's stored result: the phase,
target (the owner's, when set) and response rate its results pages show, nothing for a
scan below k (withheld, with the reason), in Dutch and in English.

The world (four client organisations of one consultant and one they do not serve) is
built once per module in a transaction that is rolled back at the end; each test runs
in a savepoint.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from portfolio_helpers import client_org, consultant_for, invite
from pytest_django import DjangoDbBlocker
from test_actions_support import closed_scan, make_action
from test_dutch_pages import dutch_left, english_left, visible_text
from webtest_helpers import make_user

from tandem.contract.result import Result
from tandem.rounding import rounded_text
from tandem.target import phase_label
from tandem.target.rules import override_phases
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Organisation
from tandem.web.portfolio import selectors
from tandem.web.results.models import TargetOverride
from tandem.web.results.selectors import scan_result, shown_result, stored_result
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create, scan_open

K = 5


@dataclass(frozen=True)
class Clients:
    consultant: User
    alpha: Organisation  # closed scan of 30, 40 invited; the owner set the target
    beta: Organisation  # closed scan of 30 (another profile), no invitations
    small: Organisation  # closed scan of 3 < k (3 of 10 invited): withheld
    fresh: Organisation  # only an open scan
    other: Organisation  # not served
    alpha_scan: Scan
    beta_scan: Scan
    small_scan: Scan


@pytest.fixture(scope="module")
def clients(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[Clients]:
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        owner = make_user("owner@example.org")
        alpha, beta, small, fresh, other = (
            client_org(name, owner) for name in
            ("Alpha Handel BV", "Beta Zorg", "Klein Atelier", "Nieuw BV", "Niet Mijn BV"))
        alpha_scan = closed_scan(alpha, owner, title="Voorjaar A", n=30, seed=3)
        invite(alpha_scan, invited=40, finished=30)
        beta_scan = closed_scan(beta, owner, title="Najaar B", spec="conflict", n=30, seed=4)
        small_scan = closed_scan(small, owner, title="Klein", n=3, seed=5)
        invite(small_scan, invited=10, finished=3)
        scan_open(scan=scan_create(organisation=fresh, title="Lopend",
                                   instrument_name="tandem-scan-1"), actor=owner)
        closed_scan(other, owner, title="Niet de mijne", n=3, seed=6)
        target = scan_result(scan=alpha_scan).target
        assert target is not None
        chosen = next(p for p in override_phases(target.current) if p != target.phase)
        TargetOverride.objects.create(scan=alpha_scan, phase=chosen, reason="Ambitie",
                                      by=owner, by_email=owner.email)
        make_action(alpha, "Leaddefinitie", status="done")
        make_action(alpha, "Overleg")
        consultant = consultant_for(alpha, beta, small, fresh)
        yield Clients(consultant, alpha, beta, small, fresh, other, alpha_scan, beta_scan,
                      small_scan)
        transaction.set_rollback(True)


@pytest.fixture
def c(clients: Clients, db: None) -> Clients:
    return clients


def _get(user: User, url: str, lang: str = "en") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


def _row(html: str, organisation: Organisation) -> str:
    match = re.search(rf'<tr data-organisation="{organisation.pk}">(.*?)</tr>', html, re.S)
    assert match, organisation.name
    return match.group(1)


def _figure(row: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">(.*?)</td>', row, re.S)
    assert match, name
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _one_language(html: str, lang: str) -> None:
    left = english_left(visible_text(html)) if lang == "nl" else dutch_left(visible_text(html))
    assert left == [], left


def _shown(scan: Scan) -> Result:
    return shown_result(scan=scan)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_each_row_shows_the_stored_results_phase_target_and_rate(c: Clients, lang: str) -> None:
    html = _get(c.consultant, reverse("portfolio:portfolio"), lang)
    _one_language(html, lang)
    for org, scan in ((c.alpha, c.alpha_scan), (c.beta, c.beta_scan)):
        result = _shown(scan)
        assert result.phase is not None and result.target is not None
        row = _row(html, org)
        assert _figure(row, "phase") == result.phase.ladder.label(lang)
        assert _figure(row, "target") == result.target.label(lang)
        assert scan.title in _figure(row, "wave")
    # The owner's own target, not the computed one: the one the results pages show.
    override = TargetOverride.objects.get(scan=c.alpha_scan)
    assert _figure(_row(html, c.alpha), "target") == phase_label(override.phase)(lang)
    computed = scan_result(scan=c.alpha_scan).target
    assert computed is not None and computed.phase != override.phase
    # 30 of 40 invited answered: 75%, as the overview says; Beta sent no invitations.
    rate = _figure(_row(html, c.alpha), "rate")
    assert rate.startswith("75%") and "30" in rate
    assert _figure(_row(html, c.beta), "rate").startswith(
        "geen uitnodigingen" if lang == "nl" else "no invitations")
    assert _figure(_row(html, c.alpha), "progress") == (
        "1 van 2 acties klaar" if lang == "nl" else "1 of 2 actions done")
    assert "Scan open" in _figure(_row(html, c.fresh), "status")  # the same in Dutch


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_scan_below_k_shows_no_phase_and_says_why(c: Clients, lang: str) -> None:
    assert _shown(c.small_scan).meta.n is None  # the core withholds the whole scan
    row = _row(_get(c.consultant, reverse("portfolio:portfolio"), lang), c.small)
    why = ("niet getoond: minder dan 5 respondenten" if lang == "nl"
           else "withheld: fewer than 5 respondents")
    assert _figure(row, "phase") == why and _figure(row, "target") == why
    assert _figure(row, "rate") == why  # 3 of 10 invited: no rate, no count below k
    assert not any(phase_label(n)(lang) in row for n in range(1, 5))
    assert not re.search(r">\s*3\b", row)  # not the 3 respondents, nowhere


def test_only_served_organisations_are_listed(c: Clients) -> None:
    html = _get(c.consultant, reverse("portfolio:portfolio"))
    for org in (c.alpha, c.beta, c.small, c.fresh):
        assert org.name in html
    assert c.other.name not in html and "Niet de mijne" not in html


def test_the_list_sorts_and_filters(c: Clients) -> None:
    url = reverse("portfolio:portfolio")
    ids = [int(i) for i in re.findall(r'<tr data-organisation="(\d+)"',
                                      _get(c.consultant, url + "?sort=-rate"))]
    assert ids[0] == c.alpha.pk  # the only rate; the others (no rate) last, by name
    assert ids[1:] == [c.beta.pk, c.small.pk, c.fresh.pk]
    by_name = re.findall(r'<tr data-organisation="(\d+)"', _get(c.consultant, url + "?sort=-name"))
    assert [int(i) for i in by_name] == [c.fresh.pk, c.small.pk, c.beta.pk, c.alpha.pk]
    opened = _get(c.consultant, url + "?status=open")
    assert c.fresh.name in opened and c.alpha.name not in opened
    withheld = _get(c.consultant, url + "?phase=withheld")
    assert c.small.name in withheld and c.beta.name not in withheld
    found = _get(c.consultant, url + "?q=zorg")
    assert c.beta.name in found and c.alpha.name not in found
    nonsense = _get(c.consultant, url + "?sort=drop+table&status=x")
    assert all(o.name in nonsense for o in (c.alpha, c.beta, c.small, c.fresh))


def test_results_not_yet_stored_are_prepared_within_the_budget(
        c: Clients, monkeypatch: pytest.MonkeyPatch) -> None:
    cache.clear()
    monkeypatch.setattr(selectors, "PREPARE_SECONDS", 0.0)
    html = _get(c.consultant, reverse("portfolio:portfolio"))
    assert "being prepared" in _figure(_row(html, c.alpha), "phase")
    assert "still being prepared" in html
    assert stored_result(scan=c.alpha_scan) is None
    monkeypatch.setattr(selectors, "PREPARE_SECONDS", 60.0)
    html = _get(c.consultant, reverse("portfolio:portfolio"))
    stored = stored_result(scan=c.alpha_scan)
    assert stored is not None and stored.phase is not None
    assert _figure(_row(html, c.alpha), "phase") == stored.phase.ladder.label("en")


# ---------------------------------------------------------------- side by side


def _compare(c: Clients, *orgs: Organisation, lang: str = "en") -> str:
    query = "&".join(f"o={o.pk}" for o in orgs)
    return _get(c.consultant, f"{reverse('portfolio:compare')}?{query}", lang)


def _cells(html: str, heading: str) -> dict[str, list[str]]:
    """The rows of the table after ``heading``: row title -> cell texts."""
    table = html.split(f'id="{heading}"', 1)[1].split("</table>", 1)[0]
    rows = {}
    for title, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, re.S):
        rows[title] = [" ".join(re.sub(r"<[^>]+>", " ", cell).split())
                       for cell in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)]
    return rows


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_comparison_shows_each_results_figures(c: Clients, lang: str) -> None:
    html = _compare(c, c.alpha, c.beta, c.small, lang=lang)
    _one_language(html, lang)
    results = [_shown(c.alpha_scan), _shown(c.beta_scan)]
    tensions = _cells(html, "h-heat")
    for scale in results[0].scales:
        if scale.kind != "tension":
            continue
        cells = tensions[scale.title(lang)]
        expected = [rounded_text(r.scale(scale.id).tension) for r in results]
        assert cells[:2] == expected, scale.id
        assert cells[2] == "— " + ("niet getoond: minder dan 5 respondenten" if lang == "nl"
                                   else "withheld: fewer than 5 respondents")
    blocks = _cells(html, "h-blocks")
    for block_id, block in (results[0].phase.blocks.items() if results[0].phase else ()):
        assert block.score is not None
        cells = blocks[results[0].scale(block_id).title(lang)]
        assert cells[0].startswith(f"{rounded_text(block.score)} ("), block_id
        assert "—" in cells[2]
    for org, result in zip((c.alpha, c.beta), results, strict=True):
        assert result.phase is not None and result.target is not None
        row = _row(html, org)
        assert result.phase.ladder.label(lang) in row and result.target.label(lang) in row
        assert f">{result.meta.n}<" in row
    small = _row(html, c.small)
    assert not any(phase_label(n)(lang) in small for n in range(1, 5))
    assert small.count("data-withheld") == 4  # respondents, rate, phase, target


def test_the_comparison_never_shows_a_number_for_a_withheld_organisation(c: Clients) -> None:
    html = _compare(c, c.small, c.fresh)
    assert "withheld: fewer than 5 respondents" in html
    assert "no closed scan yet" in html
    assert 'class="heat heat-' not in html  # no figure at all: no tension, no block
    assert "<h2 id=\"h-heat\"" not in html


@pytest.mark.parametrize("count", [1, 7])
def test_the_comparison_takes_two_to_six(c: Clients, count: int) -> None:
    orgs = [c.alpha, c.beta, c.small, c.fresh] * 2
    html = _compare(c, *orgs[:count]) if count == 1 else _get(
        c.consultant, reverse("portfolio:compare") + "?" + "&".join(
            f"o={i}" for i in range(count)))
    assert "Choose between 2 and 6 organisations to compare." in html
    assert "h-summary" not in html


def test_the_comparison_refuses_an_organisation_not_served(c: Clients) -> None:
    client = Client()
    client.force_login(c.consultant)
    url = reverse("portfolio:compare")
    assert client.get(f"{url}?o={c.alpha.pk}&o={c.other.pk}").status_code == 404
    assert client.get(f"{url}?o={c.alpha.pk}&o=x").status_code == 404
    owner = User.objects.get(email="owner@example.org")  # owns all five, serves none
    client.force_login(owner)
    assert client.get(f"{url}?o={c.alpha.pk}&o={c.beta.pk}").status_code == 404
