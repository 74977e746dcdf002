"""The checklist on the organisation's home: each step done, next (highlighted, with a
link to do it) or later, in the reader's language; for those who run scans."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.web.checklist.pages import checklist_rows
from tandem.web.checklist.selectors import first_steps
from tandem.web.scans.models import Invitation
from tandem.web.scans.services import scan_close, scan_open


def home(world: World, role: str, lang: str = "en") -> str:
    client = client_for(world.user(role))
    client.post(reverse("set_language"), {"language": lang})
    response = client.get(reverse("organisations:detail", kwargs={"org_id": world.org.pk}))
    assert response.status_code == 200
    return response.content.decode()


def steps(page: str) -> list[tuple[str, str]]:
    """(state, title) of each step as the page lists them."""
    return [(state, re.sub(r"\s+", " ", title).strip()) for state, title in re.findall(
        r'<li class="step (\w+)".*?<p class="step-title">(.*?) <span', page, re.S)]


def test_the_owner_sees_each_step_and_a_link_to_the_next(world: World) -> None:
    page = home(world, "owner")
    assert steps(page) == [
        ("next", "Describe the organisation"), ("done", "Create a scan"),
        ("later", "Invite people"), ("later", "Open the scan"), ("later", "Send a reminder"),
        ("later", "Close the scan"), ("later", "Read the results"),
        ("later", "Make an action plan")]
    assert 'aria-current="step"' in page and "1 of 8 done." in page
    edit = reverse("organisations:edit", kwargs={"org_id": world.org.pk})
    assert f'<a class="button" href="{edit}">Fill in the context</a>' in page
    assert "The scan steps follow the newest scan, “Spring 2026”." in page


def test_the_checklist_is_in_dutch(world: World) -> None:
    page = home(world, "facilitator", "nl")
    assert steps(page)[:2] == [("next", "Beschrijf de organisatie"), ("done", "Maak een scan")]
    assert '<span class="step-state">volgende</span>' in page
    assert "1 van de 8 klaar." in page and "Context invullen" in page


def test_a_viewer_gets_no_checklist(world: World) -> None:
    assert 'class="card checklist"' not in home(world, "viewer")


@pytest.mark.parametrize(("done", "name"), [
    ("", "organisations:edit"), ("context", "scans:invitations"),
    ("context invitations", "scans:open"), ("context invitations open", "scans:invitations"),
    ("context invitations open reminders", "scans:close"),
    ("context invitations open reminders close", "scans:detail"),  # fewer than k answered
])
def test_the_next_steps_link_goes_where_it_is_done(world: World, done: str, name: str) -> None:
    org, scan = world.org, world.scan
    if "context" in done:
        org.employees, org.sales_team, org.marketing_team, org.service_team = "10-49", 5, 2, 3
        org.market, org.markets, org.growth, org.marketing_role = "b2b", 1, "stable", "both"
        org.sector = "trade"
        org.save()
    if "invitations" in done:
        Invitation.objects.create(scan=scan, email="a@acme.nl")
    if "open" in done:
        scan = scan_open(scan=scan, actor=world.owner)
    if "reminders" in done:
        Invitation.objects.update(reminded_at=scan.first_opened_at)
    if "close" in done:
        scan = scan_close(scan=scan, actor=world.owner)
    rows = checklist_rows(first_steps(organisation=org), org_id=org.pk)
    (next_row,) = [row for row in rows if row.state == "next"]
    kwargs = {"org_id": org.pk} | ({} if name == "organisations:edit" else {"scan_id": scan.pk})
    assert next_row.url == reverse(name, kwargs=kwargs)
    assert all(row.url is None for row in rows if row.state != "next")


def test_the_reminder_step_first_asks_for_the_invitations_to_go_out(world: World) -> None:
    Invitation.objects.create(scan=world.scan, email="a@acme.nl")
    scan_open(scan=world.scan, actor=world.owner)
    org = world.org
    org.employees, org.sales_team, org.marketing_team, org.service_team = "10-49", 5, 2, 3
    org.market, org.markets, org.growth, org.marketing_role = "b2b", 1, "stable", "both"
    org.sector = "trade"
    org.save()
    page = home(world, "facilitator")
    assert "Tandem has e-mailed nobody yet" in page and ">E-mail the invitations</a>" in page
    Invitation.objects.update(sent_at=world.scan.created_at)
    page = home(world, "facilitator")
    assert "After a week or so, remind those who have not finished." in page
    assert ">Remind</a>" in page
