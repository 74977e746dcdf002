"""The Benchmark tab: a scan's percentiles among the consenting organisations' latest
closed scans, shown at 5 organisations and 100 respondents and withheld at 4 or 99, the
percentiles those of SciPy on the figures each organisation's own results page shows,
the rule and the comparison set stated, in Dutch and English."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.urls import reverse
from research_helpers import consent, organisation, scan
from scipy.stats import percentileofscore
from webtest_helpers import World, client_for

from tandem.web.organisations.models import Organisation
from tandem.web.research.services import consent_revoke
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import Scan

PROFILE = {"sector": "ict", "employees": "50-249", "market": "b2b"}


@dataclass(frozen=True)
class Field:
    own: Scan
    peers: dict[str, tuple[Organisation, Scan]]  # by name: a1-a4 (20), b (19), c (20), d (40)


@pytest.fixture
def field(world: World) -> Field:
    for key, value in PROFILE.items():
        setattr(world.org, key, value)
    world.org.save()
    own = scan(world.org, world.owner, 40, 100, title="Ours")
    consent(world.org, world.owner)  # consenting, yet never its own peer
    sizes = {"a1": 20, "a2": 20, "a3": 20, "a4": 20, "b": 19, "c": 20, "d": 40}
    peers = {}
    for seed, (name, n) in enumerate(sizes.items()):
        org = organisation(f"Peer {name}", world.owner, **PROFILE)
        peers[name] = (org, scan(org, world.owner, n, seed, title=f"Peer {name} wave"))
    return Field(own, peers)


def _consenting(world: World, field: Field, names: set[str]) -> None:
    from tandem.web.research.selectors.consent import consent_current

    for name, (org, _scan) in field.peers.items():
        now = consent_current(organisation=org) is not None
        if name in names and not now:
            consent(org, world.owner)
        elif name not in names and now:
            consent_revoke(organisation=org, user=world.owner)


def _page(world: World, field: Field, lang: str = "en") -> str:
    url = reverse("results:benchmark", kwargs={"org_id": world.org.pk,
                                               "scan_id": field.own.pk})
    response = client_for(world.viewer).get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_shown_at_five_organisations_and_a_hundred_respondents(world: World,
                                                              field: Field) -> None:
    _consenting(world, field, {"a1", "a2", "a3", "a4", "b"})  # 5 organisations, 99 people
    page = _page(world, field)
    assert 'data-benchmark="withheld"' in page and "data-percentile" not in page
    _consenting(world, field, {"a1", "a2", "a3", "a4", "c"})  # 5 organisations, 100 people
    page = _page(world, field)
    assert 'data-benchmark="shown"' in page and "5 organisations, 100 respondents" in page
    assert "sector “ICT, media and telecoms (J)”" in page
    _consenting(world, field, {"a1", "a2", "a3", "d"})  # 4 organisations, 100 people
    assert 'data-benchmark="withheld"' in _page(world, field)
    _consenting(world, field, {"a1", "a2", "a3", "d", "c"})  # 5 organisations, 120 people
    assert 'data-benchmark="shown"' in _page(world, field)


def test_percentiles_are_scipys_on_the_peers_own_figures(world: World, field: Field) -> None:
    names = ["a1", "a2", "a3", "d", "c"]
    _consenting(world, field, set(names))
    page = _page(world, field)
    own = {s.title.en: s for s in scan_result(scan=field.own).scales}
    theirs = [{s.id: s for s in scan_result(scan=field.peers[n][1]).scales} for n in names]
    rows = re.findall(r'<th scope="row" data-label="Scale">(.*?)</th>.*?'
                      r'data-percentile="([0-9.]*)"', page, re.S)
    assert len(rows) == sum(s.kind in ("phase_block", "tension") for s in own.values())
    shown = 0
    for title, percentile in rows:
        mine = own[title.replace("&#x27;", "'").replace("&amp;", "&")]
        figures = [t[mine.id] for t in theirs if t[mine.id].score is not None]
        behind = sum(f.n for f in figures)
        if len(figures) >= 5 and behind >= 100:
            expected = percentileofscore([f.score for f in figures], mine.score, kind="mean")
            assert float(percentile) == round(expected), title
            shown += 1
        else:
            assert percentile == "", title
    assert shown >= 8


def test_the_rule_is_stated_in_dutch_too(world: World, field: Field) -> None:
    _consenting(world, field, {"a1", "a2", "a3", "a4", "c"})
    page = _page(world, field, "nl")
    assert "ten minste 5 organisaties en 100 respondenten" in page
    assert "Vergeleken met organisaties met sector “ICT, media en telecom (J)”" in page
    assert "More favourable" not in page


def test_a_scan_below_k_is_not_compared(world: World, field: Field) -> None:
    _consenting(world, field, {"a1", "a2", "a3", "a4", "c"})
    few = scan(world.org, world.owner, 3, 7, title="Too few")
    url = reverse("results:benchmark", kwargs={"org_id": world.org.pk, "scan_id": few.pk})
    page = client_for(world.viewer).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Too few respondents to show anything" in page
    assert "data-benchmark=" not in page and "data-percentile" not in page


def test_the_tab_is_offered_once_another_organisation_consents(world: World,
                                                               field: Field) -> None:
    overview = reverse("results:scan", kwargs={"org_id": world.org.pk,
                                               "scan_id": field.own.pk})
    tab = reverse("results:benchmark", kwargs={"org_id": world.org.pk,
                                               "scan_id": field.own.pk})
    assert tab not in client_for(world.viewer).get(overview).content.decode()  # only itself
    _consenting(world, field, {"b"})
    assert tab in client_for(world.viewer).get(overview).content.decode()
