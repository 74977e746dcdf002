"""The tabbed results pages: roles, figures from the Result, filters, downloads, cache."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pandas as pd
import pytest
from django.core.cache import cache
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.io.demo import PROFILES, generate_responses
from tandem.report.wording import gap_sentence
from tandem.web.results.cache import PREFIX, scan_stamp
from tandem.web.results.selectors import scan_analysis, scan_comparison, scan_result
from tandem.web.results.testing import closed_scan_with, responses_add
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_close, scan_reopen

SETTINGS = frozenset({"should_decide"})
TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method", "compare",
        "downloads")


def answers(n: int, seed: int, spec: object = "default") -> pd.DataFrame:
    return generate_responses(n, seed, spec, settings=SETTINGS)  # type: ignore[arg-type]


@pytest.fixture
def closed(world: World) -> Scan:
    return closed_scan_with(organisation=world.org, actor=world.owner, frame=answers(80, 11),
                            title="Autumn")


def url(name: str, scan: Scan, **extra: str) -> str:
    return reverse(f"results:{name}", kwargs={"org_id": scan.organisation_id,
                                              "scan_id": scan.pk, **extra})


@pytest.mark.parametrize("role", ["owner", "facilitator", "viewer"])
def test_members_see_every_tab_and_download_but_raw_data_is_owner_only(
    world: World, closed: Scan, role: str
) -> None:
    client = client_for(world.user(role))
    for tab in TABS:
        assert client.get(url(tab, closed)).status_code == 200, tab
    for name, extra in (("pdf", {"lang": "nl"}), ("xlsx", {}), ("csv", {}), ("scan_json", {})):
        response = client.get(url(name, closed, **extra))
        assert response.status_code == 200, name
        assert response["Content-Disposition"]
    raw = client.get(url("responses", closed))
    assert raw.status_code == (200 if role == "owner" else 403)
    downloads = client.get(url("downloads", closed)).content.decode()
    assert (url("responses", closed) in downloads) == (role == "owner")


def test_another_organisations_member_gets_404_everywhere(world: World, closed: Scan) -> None:
    client = client_for(world.outsider)
    for tab in TABS:
        assert client.get(url(tab, closed)).status_code == 404
    for name, extra in (("pdf", {"lang": "en"}), ("xlsx", {}), ("csv", {}), ("responses", {}),
                        ("scan_json", {})):
        assert client.get(url(name, closed, **extra)).status_code == 404
    # Own organisation in the URL, someone else's scan: still 404.
    theirs = closed_scan_with(organisation=world.other_org, actor=world.outsider,
                              frame=answers(20, 3))
    mine = client_for(world.owner)
    wrong = reverse("results:scan", kwargs={"org_id": world.org.pk, "scan_id": theirs.pk})
    assert mine.get(wrong).status_code == 404


def test_overview_shows_the_results_figures(world: World, closed: Scan) -> None:
    result = scan_result(scan=closed)
    assert result.phase is not None and result.target is not None
    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(url("scan", closed)).content.decode()
    assert result.phase.ladder.label("en") in html
    assert result.target.label("en") in html
    top = max((s for s in result.scales if s.tension is not None), key=lambda s: s.tension or 0)
    assert top.title("en") in html and f"<strong>{round(top.tension or 0)}</strong>" in html
    shown = result.ranked_gaps(tiered=True)[:3]  # the overview's first gaps, in its order
    assert shown
    for gap in shown:
        assert gap_sentence(result, gap, "en") in html
    client.post(reverse("set_language"), {"language": "nl"})
    dutch = client.get(url("scan", closed)).content.decode()
    assert result.phase.ladder.label("nl") in dutch
    assert "Overzicht" in dutch and "Spanningen" in dutch


def test_tensions_heatmap_is_a_table_with_numbers_and_items_on_demand(
    world: World, closed: Scan
) -> None:
    html = client_for(world.owner).get(url("tensions", closed)).content.decode()
    result = scan_result(scan=closed)
    assert html.count('data-group="all"') == sum(1 for s in result.scales if s.kind == "tension")
    assert "<details" in html and "<caption>" in html
    assert 'class="heat heat-' in html


def test_cache_is_used_and_dropped_on_reopen(world: World, closed: Scan,
                                             django_assert_max_num_queries: object) -> None:
    first = scan_result(scan=closed)
    stamp = scan_stamp(closed)
    key = f"{PREFIX}:{closed.pk}:{stamp}:analysis"
    assert cache.get(key) is not None
    assert scan_result(scan=closed).to_dict() == first.to_dict()
    scan_reopen(scan=closed, actor=world.owner)
    assert cache.get(key) is None
    responses_add(scan=closed, frame=answers(7, 99))
    scan_close(scan=Scan.objects.get(pk=closed.pk), actor=world.owner)
    again = scan_result(scan=Scan.objects.get(pk=closed.pk))
    assert first.meta.n is not None and again.meta.n == first.meta.n + 7


def test_context_change_gives_a_new_result(world: World, closed: Scan) -> None:
    before = scan_stamp(closed)
    scan_result(scan=closed)
    org = world.org
    org.employees = "250-999" if org.employees != "250-999" else "10-49"
    org.save()
    closed.refresh_from_db()
    assert scan_stamp(Scan.objects.select_related("organisation").get(pk=closed.pk)) != before


def test_filters_are_offered_and_a_hand_made_one_is_refused(world: World, closed: Scan) -> None:
    analysis = scan_analysis(scan=closed)
    client = client_for(world.owner)
    client.post(reverse("set_language"), {"language": "en"})
    offered = analysis.filters.offered()
    assert offered
    choice = offered[0]
    html = client.get(url("scan", closed) + f"?filter={choice.dimension}:{choice.value}")
    assert "Filtered: only respondents" in html.content.decode()
    refused = [v for v in analysis.filters.values if not v.offered]
    bogus = f"{refused[0].dimension}:{refused[0].value}" if refused else "level:nonsense"
    page = client.get(url("tensions", closed) + f"?filter={bogus}").content.decode()
    assert "That filter is not available" in page
    assert "Filtered: only respondents" not in page


def test_compare_with_the_previous_wave_shows_what_moved(world: World) -> None:
    base = PROFILES["default"]
    better = dict(base.tensions)
    better["eco_price"] = {d: v + 1.2 for d, v in base.tensions["eco_price"].items()}
    closed_scan_with(organisation=world.org, actor=world.owner, frame=answers(200, 1, base),
                     title="Wave 1")
    second = closed_scan_with(organisation=world.org, actor=world.owner,
                              frame=answers(200, 2, replace(base, tensions=better)),
                              title="Wave 2")
    found = scan_comparison(scan=second)
    assert found is not None and found.previous.title == "Wave 1"
    price = found.comparison.scale("eco_price")
    assert price is not None and price.moved
    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(url("compare", second)).content.decode()
    assert "What moved" in html and 'data-figure="moved"' in html
    assert "Wave 1" in html


def test_owner_gets_the_anonymised_answers_with_codebook(world: World, closed: Scan) -> None:
    content = client_for(world.owner).get(url("responses", closed)).content
    names = zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert {"data.csv", "codebook.csv", "README.txt"} <= set(names)


def test_results_wait_until_closed(world: World, open_scan: Scan) -> None:
    client = client_for(world.owner)
    assert client.get(url("tensions", open_scan)).status_code == 200
    assert client.get(url("pdf", open_scan, lang="en")).status_code == 404


def test_overview_says_how_sure_in_words_and_never_100_percent(world: World,
                                                              closed: Scan) -> None:
    """The phase certainty is words with a number; every resample agreeing on this scan's
    phase reads "more than 99.5%", never "100%"."""
    result = scan_result(scan=closed)
    assert result.phase is not None and result.phase.uncertainty is not None
    assert result.phase.uncertainty.same_phase == 1.0
    client = client_for(world.viewer)
    for lang, sentence in (
        ("en", "How sure: almost certain, more than 99.5% of the resamples give the same "
               "phase."),
        ("nl", "Hoe zeker: vrijwel zeker, meer dan 99,5% van de herberekeningen geeft "
               "dezelfde fase."),
    ):
        client.post(reverse("set_language"), {"language": lang})
        html = client.get(url("scan", closed)).content.decode()
        assert sentence in html
        paragraph = next(p for p in html.split("<p>") if p.startswith(sentence[:10]))
        assert "100%" not in paragraph


def test_the_methodology_tab_names_the_questionnaire_version(world: World,
                                                             closed: Scan) -> None:
    """A scan keeps its version, and its pages say which one (here the default, 2.0)."""
    assert closed.instrument_version == "2.0"
    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(url("method", closed)).content.decode()
    assert "Questionnaire: Tandem Scan: how Sales, Marketing and Customer Service work " \
           "together (version 2.0, full form)" in html
    client.post(reverse("set_language"), {"language": "nl"})
    assert "(versie 2.0, volledige versie)" in client.get(url("method", closed)).content.decode()


def test_comparing_waves_of_two_versions_says_so(world: World) -> None:
    """A version-1 wave and a version-2 wave compare scale by scale; the page says the
    statements changed, in both languages, and says nothing when the versions agree."""
    from tandem.instrument import load_instrument

    old = load_instrument("tandem-scan-1")
    closed_scan_with(organisation=world.org, actor=world.owner, title="Version 1",
                     frame=generate_responses(60, 3, "default", instrument=old,
                                              settings=SETTINGS),
                     instrument_name="tandem-scan-1")
    newer = closed_scan_with(organisation=world.org, actor=world.owner, title="Version 2",
                             frame=answers(60, 4))
    client = client_for(world.viewer)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(url("compare", newer)).content.decode()
    assert 'data-versions="differ"' in html
    assert "different versions of the questionnaire (1.0 and 2.0)" in html
    client.post(reverse("set_language"), {"language": "nl"})
    assert "(1.0 en 2.0)" in client.get(url("compare", newer)).content.decode()
    same = closed_scan_with(organisation=world.org, actor=world.owner, title="Version 2 again",
                            frame=answers(60, 5))
    assert 'data-versions' not in client.get(url("compare", same)).content.decode()
