"""The meeting kit on the web: the deck download for owners and facilitators, and the
workshop view, whose steps are the deck's slides and which records agreed actions
straight into the action plan through the plan's own rules."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from pptx import Presentation
from test_actions_support import closed_scan
from webtest_helpers import World, client_for

from tandem.report.deck import KEYS as ALL_KEYS
from tandem.report.deck._words import T as DECK_WORDS
from tandem.web.actions.models import Action, ActionStatus
from tandem.web.governance.models import AuditEvent
from tandem.web.results.selectors import shown_result
from tandem.web.scans.models import Scan

#: The slides of a scan without a customer mirror (the tests' scans have none).
KEYS = tuple(k for k in ALL_KEYS if k != "mirror")

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture
def scan(world: World) -> Scan:
    return closed_scan(world.org, world.owner, title="Spring wave", n=60)


def _deck_url(scan: Scan, lang: str) -> str:
    return reverse("results:deck", kwargs={"org_id": scan.organisation_id, "scan_id": scan.pk,
                                           "lang": lang})


def _workshop_url(scan: Scan, name: str = "actions:workshop") -> str:
    return reverse(name, kwargs={"org_id": scan.organisation_id, "scan_id": scan.pk})


@pytest.mark.parametrize("role", ["owner", "facilitator"])
def test_owners_and_facilitators_download_the_deck_and_it_is_audited(
    world: World, scan: Scan, role: str,
) -> None:
    client = client_for(world.user(role))
    before = AuditEvent.objects.count()
    response = client.get(_deck_url(scan, "nl"))
    assert response.status_code == 200
    assert response["Content-Type"] == PPTX
    assert f'filename="tandem-meeting-{scan.pk}-nl.pptx"' in response["Content-Disposition"]
    deck = Presentation(io.BytesIO(response.content))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == [world.org.name, *(DECK_WORDS[k]("nl") for k in KEYS[1:])]
    assert AuditEvent.objects.count() == before + 1
    assert "meeting-nl.pptx" in str(AuditEvent.objects.order_by("-pk").values()[0])


def test_the_deck_is_refused_to_a_viewer_and_unknown_elsewhere(world: World, scan: Scan) -> None:
    assert client_for(world.viewer).get(_deck_url(scan, "en")).status_code == 403
    assert client_for(world.outsider).get(_deck_url(scan, "en")).status_code == 404
    owner = client_for(world.owner)
    assert owner.get(_deck_url(scan, "de")).status_code == 404
    theirs = closed_scan(world.other_org, world.outsider, title="Theirs", n=30)
    assert owner.get(_deck_url(theirs, "en")).status_code == 404  # another organisation's
    world.scan.refresh_from_db()
    assert owner.get(_deck_url(world.scan, "en")).status_code == 404  # not closed


def test_the_downloads_tab_offers_the_kit_to_those_who_may_run_the_meeting(
    world: World, scan: Scan,
) -> None:
    url = reverse("results:downloads", kwargs={"org_id": world.org.pk, "scan_id": scan.pk})
    for role, offered in (("owner", True), ("facilitator", True), ("viewer", False)):
        page = client_for(world.user(role)).get(url).content.decode()
        assert (_deck_url(scan, "en") in page) is offered, role
        assert (_workshop_url(scan) in page) is offered, role


def test_the_workshop_shows_every_slide_as_a_step(world: World, scan: Scan) -> None:
    client = client_for(world.facilitator)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(_workshop_url(scan))
    assert response.status_code == 200
    html = response.content.decode()
    steps = re.findall(r'<section class="workshop-step step-(\w+)[^"]*" id="step-(\d+)"', html)
    assert [key for key, _n in steps] == list(KEYS)
    assert [int(n) for _k, n in steps] == list(range(1, len(KEYS) + 1))
    for key in KEYS[1:]:
        assert f">{DECK_WORDS[key]('en')}</h2>" in html.replace("&#x27;", "'"), key
        assert DECK_WORDS[f"{key}_question"]("en").replace("'", "&#x27;") in html, key
    assert html.count("<svg") == 5  # phase, tensions, gaps, decisions, journey
    assert html.count('name="step"') == 7  # a form on every step that records
    result = shown_result(scan=scan)
    assert result.phase is not None
    assert result.phase.ladder.label("en") in html
    assert client_for(world.viewer).get(_workshop_url(scan)).status_code == 403


def test_recording_an_action_in_the_workshop_puts_it_in_the_plan(
    world: World, scan: Scan,
) -> None:
    client = client_for(world.facilitator)
    client.post(reverse("set_language"), {"language": "en"})
    html = client.get(_workshop_url(scan)).content.decode()
    gaps = KEYS.index("gaps") + 1
    form = html.split(f'id="step-{gaps}"')[1].split("</form>")[0]
    scales = re.findall(r'name="scales" value="([\w]+)"', form)
    assert scales, "the gaps step proposes the scales of its gaps"
    response = client.post(_workshop_url(scan, "actions:workshop_action"), {
        "step": str(gaps), "title": "Monthly pipeline review", "owner": str(world.owner.pk),
        "due_date": (date.today() + timedelta(days=60)).isoformat(), "status": "planned",
        "notes": "", "scales": scales})
    assert response.status_code == 302
    assert response["Location"] == f"{_workshop_url(scan)}#step-{gaps}"
    action = Action.objects.get(title="Monthly pipeline review")
    assert (action.organisation_id, action.scan_id, action.owner) == (
        world.org.pk, scan.pk, world.owner)
    assert action.status == ActionStatus.PLANNED and action.scales == scales
    assert action.created_by == world.facilitator
    again = client.get(_workshop_url(scan)).content.decode()
    assert "Recorded in the action plan: Monthly pipeline review." in again
    closing = again.split(f'id="step-{len(KEYS)}"')[1]
    assert "Monthly pipeline review" in closing  # what the meeting agreed, on the last step
    plan = client.get(reverse("actions:plan", kwargs={"org_id": world.org.pk}))
    assert "Monthly pipeline review" in plan.content.decode()


def test_an_action_without_owner_is_refused_and_the_step_shown_again(
    world: World, scan: Scan,
) -> None:
    client = client_for(world.owner)
    client.post(reverse("set_language"), {"language": "en"})
    step = KEYS.index("decisions") + 1
    response = client.post(_workshop_url(scan, "actions:workshop_action"), {
        "step": str(step), "title": "Agree who prices", "owner": "",
        "status": "planned"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-start="{step}"' in html
    assert "Choose the person who owns the action" in html
    assert 'value="Agree who prices"' in html  # what was typed is kept
    assert not Action.objects.filter(title="Agree who prices").exists()


def test_a_viewer_cannot_record_an_action(world: World, scan: Scan) -> None:
    response = client_for(world.viewer).post(_workshop_url(scan, "actions:workshop_action"), {
        "step": "10", "title": "Sneaky", "owner_name": "Eve", "status": "planned"})
    assert response.status_code == 403
    assert not Action.objects.filter(title="Sneaky").exists()
