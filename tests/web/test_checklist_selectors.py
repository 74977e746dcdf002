"""The first-run checklist reads each step from what is stored: the context filled in, a
scan, invitations (or an open link), opened, a reminder sent, closed, results that show
figures (k answers, or a kept result), an action in the plan."""

from __future__ import annotations

from django.utils import timezone
from test_actions_support import make_action
from webtest_helpers import World

from tandem.io.demo import generate_responses
from tandem.web.checklist.selectors import STEPS, Checklist, first_steps
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.services import organisation_create
from tandem.web.results.models import KeptResult
from tandem.web.results.testing import responses_add
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import (
    scan_close,
    scan_create,
    scan_enable_open_link,
    scan_open,
)

CONTEXT = {"employees": "50-249", "sales_team": 12, "marketing_team": 4, "service_team": 9,
           "market": "b2b", "markets": 2, "growth": "moderate", "marketing_role": "leads",
           "sector": "ict"}


def states(checklist: Checklist) -> str:
    """One letter a step: d(one), s(kipped), n(ext), l(ater)."""
    return "".join(step.state[0] for step in checklist.steps)


def fresh(world: World) -> Organisation:
    return organisation_create(name="New BV", owner=world.owner)


def described(org: Organisation) -> Organisation:
    Organisation.objects.filter(pk=org.pk).update(**CONTEXT)
    org.refresh_from_db()
    return org


def test_the_steps_in_their_order() -> None:
    assert STEPS == ("context", "scan", "invitations", "open", "reminders", "close",
                     "results", "actions")


def test_a_new_organisation_starts_at_the_context(world: World) -> None:
    checklist = first_steps(organisation=fresh(world))
    assert states(checklist) == "nlllllll"
    assert checklist.scan is None and checklist.done == 0 and not checklist.complete


def test_the_context_counts_when_every_choice_and_number_is_given(world: World) -> None:
    org = fresh(world)
    for key, value in CONTEXT.items():
        setattr(org, key, value)
    org.growth = ""
    org.save()
    assert states(first_steps(organisation=org))[0] == "n"  # one question still open
    org.growth = "stable"
    org.save()  # the yes/no questions may stay unknown
    assert states(first_steps(organisation=org)) == "dnllllll"


def test_each_scan_step_follows_the_stored_facts(world: World) -> None:
    org = described(fresh(world))
    scan = scan_create(organisation=org, title="Spring", instrument_name="tandem-scan-1", k=5)
    assert states(first_steps(organisation=org)) == "ddnlllll"
    Invitation.objects.create(scan=scan, email="a@acme.nl")
    assert states(first_steps(organisation=org)) == "dddnllll"
    scan = scan_open(scan=scan, actor=world.owner)
    assert states(first_steps(organisation=org)) == "ddddnlll"
    Invitation.objects.update(sent_at=timezone.now(), reminded_at=timezone.now())
    assert states(first_steps(organisation=org)) == "dddddnll"
    responses_add(scan=scan, frame=generate_responses(4, 1, "default"))
    scan = scan_close(scan=scan, actor=world.owner)
    fewer_than_k = first_steps(organisation=org)
    assert states(fewer_than_k) == "ddddddnl" and fewer_than_k.too_few
    responses_add(scan=scan, frame=generate_responses(1, 2, "default"))  # 5 = k
    with_results = first_steps(organisation=org)
    assert states(with_results) == "dddddddn" and not with_results.too_few
    make_action(org, "Agree what a lead is", scan=scan)
    done = first_steps(organisation=org)
    assert states(done) == "dddddddd" and done.complete and done.done == 8


def test_a_purged_scan_keeps_its_results_step(world: World) -> None:
    org = described(world.org)
    Invitation.objects.create(scan=world.scan, email="a@acme.nl")
    scan = scan_close(scan=scan_open(scan=world.scan, actor=world.owner), actor=world.owner)
    assert states(first_steps(organisation=org)) == "ddddsdnl"  # no answers at all
    KeptResult.objects.create(scan=scan, result="{}", responses=80)  # purged after 80
    assert states(first_steps(organisation=org)) == "ddddsddn"


def test_a_scan_closed_without_a_reminder_skips_it_and_what_is_left_comes_next(
        world: World) -> None:
    Invitation.objects.create(scan=world.scan, email="a@acme.nl")
    scan_close(scan=scan_open(scan=world.scan, actor=world.owner), actor=world.owner)
    # The context was never given: it is the next step, the ones after it wait.
    assert states(first_steps(organisation=world.org)) == "ndddsdll"


def test_an_open_link_alone_invites_and_leaves_nobody_to_remind(world: World) -> None:
    org = described(world.org)
    scan = scan_enable_open_link(scan=world.scan)
    assert states(first_steps(organisation=org)) == "dddnllll"
    scan_open(scan=scan, actor=world.owner)
    assert states(first_steps(organisation=org)) == "ddddsnll"


def test_a_new_wave_walks_the_scan_steps_again(world: World) -> None:
    org = described(world.org)
    Invitation.objects.create(scan=world.scan, email="a@acme.nl")
    old = scan_close(scan=scan_open(scan=world.scan, actor=world.owner), actor=world.owner)
    make_action(org, "Weekly stand-up", scan=old)
    new = scan_create(organisation=org, title="Autumn", instrument_name="tandem-scan-1")
    checklist = first_steps(organisation=org)
    assert checklist.scan == new and Scan.objects.filter(organisation=org).count() == 2
    assert states(checklist) == "ddnlllld"  # the plan of the first wave stays done
