"""The decision-rights pages put who decides today beside who should decide.

The expected "differs" areas are counted here from the result's own distributions (the
most common named answer of each question), not from the core's comparison, and the
page must mark exactly those, in Dutch and English, without a question code.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from test_actions_support import closed_scan, set_context
from webtest_helpers import World, client_for

from tandem.analysis.decisions import RACI_START
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.thresholds import CLARITY_BAR
from tandem.web.actions.selectors import scan_diagnosis

ORDER = load_instrument().option_sets["decider"].codes


def _modal(distribution: dict[str, float]) -> str | None:
    named = {c: v for c, v in distribution.items() if c != "dk" and v > 0}
    return max(named, key=lambda c: (named[c], -ORDER.index(c))) if named else None


def _differing(result: Result) -> set[str]:
    out = set()
    for a in result.decision_rights:
        if a.should is None or a.should.suppressed or a.should.distribution is None:
            continue
        now, should = _modal(a.distribution), _modal(a.should.distribution)
        if now and should and now != should:
            out.add(a.area)
    return out


@pytest.fixture
def asked(world: World) -> Result:
    scan = closed_scan(set_context(world.org), world.owner, should_decide=True, seed=11)
    return scan_diagnosis(scan)


def _page(world: World, name: str, lang: str) -> str:
    response = client_for(world.viewer if name == "decision_rights" else world.facilitator).get(
        reverse(f"actions:{name}", kwargs={"org_id": world.org.pk}), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_marks_exactly_the_areas_where_now_and_should_differ(
        world: World, asked: Result) -> None:
    differing = _differing(asked)
    assert differing, "the synthetic answers have at least one area that differs"
    total = len(asked.decision_rights)
    en = _page(world, "decision_rights", "en")
    assert (f"In {len(differing)} of {total} decision areas, who decides today differs "
            "from who should decide") in en
    assert en.count('<strong class="differs-mark">differs</strong>') == len(differing)
    rows = re.findall(r'<tr class="differs"><th scope="row">([^<]+)</th>', en)
    labels = {a.label.en[:1].upper() + a.label.en[1:] for a in asked.decision_rights
              if a.area in differing}
    assert set(rows) == labels
    nl = _page(world, "decision_rights", "nl")
    assert (f"In {len(differing)} van de {total} beslisgebieden verschilt wie nu beslist "
            "van wie zou moeten beslissen") in nl
    assert nl.count('<strong class="differs-mark">wijkt af</strong>') == len(differing)
    for page in (en, nl):
        assert not re.search(r"\bdrs?_[a-z_]+", page), "no question code on the page"


def test_the_agreement_starts_from_a_clear_should(world: World, asked: Result) -> None:
    page = _page(world, "decision_rights_agree", "en")
    checked = 0
    for a in asked.decision_rights:
        if a.should is None or a.should.suppressed or a.should.distribution is None:
            continue
        dist = a.should.distribution
        should = _modal(dist)
        named = 1 - dist.get("dk", 0.0)
        if should is None or should not in RACI_START or dist[should] / named < CLARITY_BAR:
            continue
        for party, letter in RACI_START[should].items():
            name = f"cell_{a.area}__{party}"
            select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
            assert select is not None
            assert f'<option value="{letter}" selected>' in select.group(1), (a.area, party)
            checked += 1
    assert checked, "at least one area has a clear answer to who should decide"
    assert "pre-filled from who should decide" in page


def test_a_scan_that_did_not_ask_says_so(world: World) -> None:
    closed_scan(set_context(world.org), world.owner)
    en = _page(world, "decision_rights", "en")
    assert "This scan did not ask who should decide." in en
    assert "Who should decide (most common answer)" not in en
    assert "differs-mark" not in en
