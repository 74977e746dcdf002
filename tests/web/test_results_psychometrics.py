"""The psychometrics page of a closed scan: owners and facilitators, the core's figures,
each response in the language it was given in, cached like the diagnosis."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.analysis.psychometrics import psychometrics
from tandem.io.demo import generate_responses
from tandem.report.wording import number
from tandem.web.governance.services import scan_purge
from tandem.web.responses.selectors import submitted_languages
from tandem.web.results.cache import PREFIX
from tandem.web.results.selectors import scan_psychometrics, scan_responses
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

SETTINGS = frozenset({"should_decide"})


@pytest.fixture
def closed(world: World) -> Scan:
    return closed_scan_with(organisation=world.org, actor=world.owner,
                            frame=generate_responses(150, 21, settings=SETTINGS),
                            title="Autumn")


def _url(name: str, scan: Scan) -> str:
    return reverse(f"results:{name}", kwargs={"org_id": scan.organisation_id,
                                              "scan_id": scan.pk})


@pytest.mark.parametrize("role", ["owner", "facilitator"])
def test_owners_and_facilitators_see_the_page_and_its_tab(world: World, closed: Scan,
                                                          role: str) -> None:
    client = client_for(world.user(role))
    assert _url("psychometrics", closed) in client.get(_url("scan", closed)).content.decode()
    page = client.get(_url("psychometrics", closed))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Betrouwbaarheid per schaal" in html and "Betrouwbaarheid per taal" in html


def test_a_viewer_neither_sees_the_tab_nor_the_page(world: World, closed: Scan) -> None:
    client = client_for(world.viewer)
    assert _url("psychometrics", closed) not in client.get(_url("scan", closed)).content.decode()
    assert client.get(_url("psychometrics", closed)).status_code == 403


def test_the_page_shows_the_cores_figures_by_the_language_answered_in(
        world: World, closed: Scan) -> None:
    languages = submitted_languages(scan=closed)
    assert set(languages) == {"nl", "en"}
    expected = psychometrics(scan_responses(scan=closed), languages, k=closed.k)
    assert scan_psychometrics(scan=closed) == expected
    assert expected.meta.languages == ("nl", "en")
    client = client_for(world.owner)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(_url("psychometrics", closed)).content.decode()
    defined = expected.scale("DEF").overall
    assert defined.alpha is not None and defined.omega_total is not None
    assert f"<td>{number(defined.alpha, 'en', 2)}</td>" in html
    assert f"<td>{number(defined.omega_total, 'en', 2)}</td>" in html
    assert "Reliability per language" in html and "Dutch" in html and "English" in html
    # 150 respondents: no invariance, and the page says why
    assert "Measurement invariance" in html and "too few complete cases" in html


def test_the_figures_are_computed_once_and_read_back_equal(world: World, closed: Scan) -> None:
    cache.clear()
    first = scan_psychometrics(scan=closed)
    keys = [k for k in cache.get(f"{PREFIX}:{closed.pk}:keys") if k.endswith(":psychometrics")]
    assert len(keys) == 1
    assert scan_psychometrics(scan=closed) == first  # from the cache, through the codec


def test_after_the_purge_the_page_says_the_answers_are_gone(world: World, closed: Scan) -> None:
    scan_purge(scan=closed)
    client = client_for(world.owner)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(_url("psychometrics", closed))
    assert page.status_code == 200
    html = page.content.decode()
    assert "These figures need the individual answers" in html and "<table" not in html
