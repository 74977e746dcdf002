"""The follow-up pulse in the web app: made from the plan, asked through the survey's
machinery, shown per action on its own page, and kept out of the full scans' waves."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pulse_support import answered_pulse, baseline_with_plan, frame_with
from test_survey import answer_all, respondent, start, ticket_of
from webtest_helpers import World, client_for

from tandem.web.actions import pulses
from tandem.web.actions.selectors import later_closed_scan
from tandem.web.actions.services import ActionsRuleError
from tandem.web.actions.services.pulse import pulse_create
from tandem.web.api.services import token_create
from tandem.web.governance.services import scan_purge
from tandem.web.mirror.services import MirrorRefusedError, mirror_create
from tandem.web.responses.models import Response
from tandem.web.responses.services import AnswerError, clean_answers
from tandem.web.results.selectors import previous_closed_scan
from tandem.web.results.testing import closed_scan_with
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import (
    ScanRuleError,
    invitation_issue_token,
    scan_open,
    scan_update,
)
from tandem.web.survey.flow import pages_for

SIZES = {"sales": 12, "marketing": 10, "service": 8}


@pytest.fixture
def plan(world: World) -> tuple[Scan, list]:
    return baseline_with_plan(world.org, world.owner, SIZES)


def test_the_service_makes_a_pulse_of_the_baselines_people_and_settings(
        world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    statements = pulses.pulse_statements(baseline=baseline, actions=actions)
    # eco_price, cul_time, DEF: three scales, two statements each
    assert [len(s.items) for s in statements.scales] == [2, 2, 2]
    pulse = pulse_create(baseline=baseline, actions=actions, statements=statements, weeks=6,
                         title="")
    assert pulse.pulse_of == baseline and pulse.is_pulse
    assert pulse.pulse_items == list(statements.items)
    assert (pulse.k, pulse.form, pulse.instrument_name) == (baseline.k, baseline.form,
                                                              baseline.instrument_name)
    assert pulse.opens_on == timezone.localdate() + timedelta(weeks=6)
    assert pulse.title == "Pulse na Baseline"  # the default language: Dutch
    assert sorted(pulse.invitations.values_list("email", flat=True)) == sorted(
        baseline.invitations.values_list("email", flat=True))
    # The survey asks the statements and the department, nothing else.
    asked = [i.id for page in pages_for(pulse) for i in page.items]
    assert sorted(asked) == sorted([*statements.items, "department"])
    assert pulse.minutes == 2
    with pytest.raises(AnswerError):
        clean_answers(pulse, {"level": "staff"})
    assert clean_answers(pulse, {statements.items[0]: "4"}) == {statements.items[0]: "4"}
    # Its threshold and questions stay the baseline's.
    with pytest.raises(ScanRuleError):
        scan_update(scan=pulse, k=7)
    scan_update(scan=pulse, title="Pulse in June")


def test_the_service_keeps_its_rules(world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    statements = pulses.pulse_statements(baseline=baseline, actions=actions)
    with pytest.raises(ActionsRuleError):
        pulse_create(baseline=baseline, actions=actions, statements=statements, weeks=0)
    with pytest.raises(ActionsRuleError):
        pulse_create(baseline=baseline, actions=[], statements=statements, weeks=4)
    pulse = pulse_create(baseline=baseline, actions=actions, statements=statements, weeks=4)
    with pytest.raises(ActionsRuleError):  # a pulse of a pulse
        pulse_create(baseline=pulse, actions=actions, statements=statements, weeks=4)


def test_a_pulse_is_no_wave_of_the_full_scans(world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    pulse = answered_pulse(baseline, actions, world.owner, SIZES)
    assert later_closed_scan(scan=baseline) is None
    later = closed_scan_with(organisation=world.org, actor=world.owner, title="Next year",
                             frame=frame_with(SIZES, 9))
    assert previous_closed_scan(scan=later) == baseline  # the pulse is skipped
    assert later_closed_scan(scan=baseline) == later
    client = client_for(world.owner)
    url = reverse("results:scan", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk})
    assert client.get(url)["Location"] == reverse(
        "actions:pulse", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk})
    csv = reverse("results:csv", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk})
    assert client.get(csv).status_code == 404
    detail = client.get(reverse("scans:detail", kwargs={"org_id": world.org.pk,
                                                        "scan_id": pulse.pk}),
                        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A follow-up pulse of “Baseline”" in detail


def test_pages_make_a_pulse_and_show_what_moved(world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    client = client_for(world.facilitator)
    new = reverse("actions:pulse_new", kwargs={"org_id": world.org.pk})
    page = client.get(new, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Price list together" in body and "What it asks" in body
    assert client_for(world.viewer).get(new).status_code == 403
    done = client.post(new, {"scan": baseline.pk, "actions": [str(actions[0].pk)], "weeks": 3,
                             "title": "Price pulse"})
    pulse = Scan.objects.get(title="Price pulse")
    assert done["Location"] == reverse("actions:pulse",
                                       kwargs={"org_id": world.org.pk, "scan_id": pulse.pk})
    assert len(pulse.pulse_items) == 3  # one scale: its three statements
    before = client.get(done["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "once the pulse is closed" in before
    # Answered and closed (through the service), the page shows the verdicts.
    answered = answered_pulse(baseline, actions, world.owner, SIZES, shift=1.5)
    page = client_for(world.viewer).get(reverse(
        "actions:pulse", kwargs={"org_id": world.org.pk, "scan_id": answered.pk}),
        HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "What moved" in text and "Moved up" in text
    assert "Shared calendar" in text
    plan_page = client.get(reverse("actions:plan", kwargs={"org_id": world.org.pk}),
                           HTTP_ACCEPT_LANGUAGE="en").content
    assert b"Price pulse" in plan_page and b"New follow-up pulse" in plan_page
    # Another organisation's member sees nothing of it.
    other = client_for(world.outsider).get(reverse(
        "actions:pulse", kwargs={"org_id": world.org.pk, "scan_id": answered.pk}))
    assert other.status_code in (403, 404)


def test_the_pulse_page_in_dutch(world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    pulse = answered_pulse(baseline, actions, world.owner, SIZES, shift=1.5)
    client = client_for(world.owner)
    client.cookies["django_language"] = "nl"
    text = client.get(reverse("actions:pulse", kwargs={"org_id": world.org.pk,
                                                       "scan_id": pulse.pk}),
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wat veranderde" in text and "Vooruit gegaan" in text
    assert "Elke score (0–100) rust alleen op" in text
    assert not re.search(r"What moved|Moved up", text)
    # Figures as a Dutch reader writes them: "+26,8 (+20,8 … +32,9)", no decimal point.
    assert re.search(r"[+-]\d+,\d \([+-]\d+,\d … [+-]\d+,\d\)", text)
    assert not re.search(r"[+-]\d+\.\d \(", text)


def test_the_same_people_answer_the_pulse_through_the_survey(
        world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    statements = pulses.pulse_statements(baseline=baseline, actions=actions[:1])
    pulse = pulse_create(baseline=baseline, actions=actions[:1], statements=statements, weeks=2)
    invitation = Invitation.objects.get(scan=pulse, email="p0@example.org")
    token = invitation_issue_token(invitation=invitation)
    pulse = scan_open(scan=pulse, actor=world.owner)
    client = respondent()
    early = client.get(f"/s/i/{token}/")  # before its opening date the link does not work
    assert early.status_code == 404 and "nog niet, of niet meer" in early.content.decode()
    scan_update(scan=pulse, opens_on=timezone.localdate())  # six weeks later
    intro = client.get(f"/s/i/{token}/").content.decode()
    assert "Ongeveer 2 minuten" in intro
    review_url, given = answer_all(client, pulse, start(client, token))
    assert set(given) == {*statements.items, "department"}
    client.post(review_url, {"submit": "1", "ticket": ticket_of(client, review_url)})
    response = Response.objects.get(scan=pulse)
    assert set(response.answers) == {*statements.items, "department"}
    invitation.refresh_from_db()
    assert invitation.finished_at is not None


def test_a_pulse_past_its_retention_is_purged_like_a_scan(
        world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    pulse = answered_pulse(baseline, actions, world.owner, SIZES)
    scan_purge(scan=pulse)
    assert not Response.objects.filter(scan=pulse).exists()
    page = client_for(world.owner).get(reverse(
        "actions:pulse", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk}),
        HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert "can no longer be compared" in page and "What moved" not in page


def test_the_api_gives_no_full_result_of_a_pulse(world: World, plan: tuple[Scan, list]) -> None:
    baseline, actions = plan
    pulse = answered_pulse(baseline, actions, world.owner, SIZES)
    secret = token_create(organisation=world.org, user=world.owner).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get(f"/api/v1/scans/{baseline.pk}/result").status_code == 200
    refused = client.get(f"/api/v1/scans/{pulse.pk}/result")
    assert refused.status_code == 409 and b"pulse" in refused.content


def test_a_pulse_gets_no_customer_mirror_of_its_own(world: World,
                                                    plan: tuple[Scan, list]) -> None:
    """The mirror stands beside the full scan's journey; a pulse asks a few statements."""
    baseline, actions = plan
    statements = pulses.pulse_statements(baseline=baseline, actions=actions)
    pulse = pulse_create(baseline=baseline, actions=actions, statements=statements, weeks=6,
                         title="")
    with pytest.raises(MirrorRefusedError):
        mirror_create(scan=pulse)
    assert mirror_create(scan=baseline).scan == baseline
    page = client_for(world.owner).get(
        reverse("scans:detail", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk}))
    assert page.status_code == 200 and "mirror" not in page.content.decode().lower()
