"""An owner's own target (with its written reason) is what every face of the results shows."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader
from test_actions_support import a_member, make_action
from webtest_helpers import World, client_for

from tandem.io.demo import generate_responses
from tandem.web.actions.services import ActionsRuleError, target_override_set
from tandem.web.results.models import TargetOverride
from tandem.web.results.selectors import scan_result, shown_result
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Scan

REASON = "We first settle the basics with both teams this year"


@pytest.fixture
def overridden(world: World) -> Scan:
    scan = closed_scan_with(
        organisation=world.org,
        actor=world.owner,
        title="Spring",
        frame=generate_responses(80, 21, "default", settings=frozenset({"should_decide"})),
    )
    computed = scan_result(scan=scan).target
    assert computed is not None
    # These answers are in Defined and the rules point to Aligned; the owner keeps Defined.
    assert (computed.current, computed.phase) == (2, 3)
    target_override_set(scan=scan, target=computed, phase=2, reason=REASON, by=world.owner)
    return scan


def test_shown_result_carries_the_override_and_keeps_the_computed_target(
    overridden: Scan,
) -> None:
    computed = scan_result(scan=overridden).target
    shown = shown_result(scan=overridden).target
    assert computed is not None
    assert shown is not None
    assert shown.phase == 2
    assert shown.override is not None
    assert shown.override.computed.phase == computed.phase
    assert any(REASON in r.text.en for r in shown.reasons)


def test_overview_json_and_pdf_show_the_owners_target(world: World, overridden: Scan) -> None:
    client = client_for(world.viewer)
    kwargs = {"org_id": overridden.organisation_id, "scan_id": overridden.pk}
    page = client.get(reverse("results:scan", kwargs=kwargs), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert REASON in page.content.decode()
    data = client.get(reverse("results:scan_json", kwargs=kwargs)).json()
    assert data["target"]["phase"] == 2
    pdf = client.get(reverse("results:pdf", kwargs={**kwargs, "lang": "en"}))
    assert pdf.status_code == 200
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Defined" in text
    assert REASON.split()[-1] in text


def test_the_pdf_report_has_the_action_plan_section(world: World, overridden: Scan) -> None:
    make_action(world.org, "Weekly pipeline review with both teams",
                owner=a_member(world.org, "Anna", "anna@example.org"), scales=["org_process"],
                scan=overridden, by=world.owner)
    client = client_for(world.viewer)
    kwargs = {"org_id": overridden.organisation_id, "scan_id": overridden.pk, "lang": "en"}
    pdf = client.get(reverse("results:pdf", kwargs=kwargs))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages]
    plan = " ".join(" ".join(p.split()) for p in pages if "Action plan" in p)
    assert "0 of 1 actions are past their due date" in plan
    assert "Weekly" in plan
    assert "Anna" in plan


@pytest.fixture
def plain(world: World) -> Scan:
    """A closed scan in Defined (phase 2) with no override yet."""
    return closed_scan_with(
        organisation=world.org,
        actor=world.owner,
        title="Autumn",
        frame=generate_responses(80, 21, "default", settings=frozenset({"should_decide"})),
    )


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "at most one phase above"), ("nl", "hoogstens één fase boven"),
])
def test_a_target_two_phases_up_is_refused_with_a_translated_reason(
    world: World, plain: Scan, lang: str, words: str,
) -> None:
    computed = scan_result(scan=plain).target
    assert computed is not None and computed.current == 2
    with translation.override(lang), pytest.raises(ActionsRuleError) as refused:
        target_override_set(scan=plain, target=computed, phase=4, reason=REASON, by=world.owner)
    assert words in " ".join(refused.value.problems)
    assert not TargetOverride.objects.filter(scan=plain).exists()
    assert shown_result(scan=plain).target == computed  # nothing changed


def test_the_form_offers_only_the_current_and_the_next_phase_and_refuses_more(
    world: World, plain: Scan,
) -> None:
    client = client_for(world.owner)
    kwargs = {"org_id": plain.organisation_id, "scan_id": plain.pk}
    page = client.get(reverse("actions:target", kwargs=kwargs),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    offered = re.findall(r'<option value="(\d)"', page)
    assert offered == ["2", "3"], offered
    url = reverse("actions:target_override", kwargs=kwargs)
    for lang, words in (("en", "at most one phase above"), ("nl", "hoogstens één fase boven")):
        response = client.post(url, {"phase": "4", "reason": REASON}, follow=True,
                               HTTP_ACCEPT_LANGUAGE=lang)
        assert words in response.content.decode()
    assert not TargetOverride.objects.filter(scan=plain).exists()
    client.post(url, {"phase": "3", "reason": REASON})
    assert TargetOverride.objects.get(scan=plain).phase == 3
