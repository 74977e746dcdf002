"""The action form: the owner is a member or someone invited by e-mail, a due date that
is not in the past, a status, and the scales and ladder statements it should move,
grouped by family and named in the reader's language (never by their codes).
"""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from test_actions_support import NO_DATE, a_member, make_action
from webtest_helpers import World, client_for

from tandem.instrument import load_instrument
from tandem.report.action_plan import reader_names
from tandem.web.actions.models import Action
from tandem.web.organisations.models import Membership, Role

INSTRUMENT = load_instrument()
#: Every code a manager must not see on the form: scale ids, question ids, DEF/ALI/INT.
CODES = re.compile(r"(?<![\w-])(" + "|".join(sorted(
    {s.id for s in INSTRUMENT.scales} | {i.id for i in INSTRUMENT.items if "_" in i.id},
    key=len, reverse=True)) + r")(?![\w-])")


def _later(days: int = 40) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _new_url(world: World) -> str:
    return reverse("actions:action_new", kwargs={"org_id": world.org.pk})


def _visible_text(html: str) -> str:
    """What a reader sees: tags, attributes (ids, names, values) and scripts left out."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_choices_are_grouped_and_named_in_the_readers_language(world: World,
                                                               lang: str) -> None:
    page = client_for(world.owner).get(_new_url(world), HTTP_ACCEPT_LANGUAGE=lang)
    html = page.content.decode()
    text = _visible_text(html)
    assert not CODES.search(text), CODES.search(text)
    groups = re.findall(r'<fieldset class="choice-group">\s*<legend>([^<]+)</legend>', html)
    expected = {"nl": ["De fasen", "Spanningsbronnen: economisch", "Spanningsbronnen: cultureel",
                       "Spanningsbronnen: organisatorisch", "Uitkomsten"],
                "en": ["The phases", "Sources of tension: economic",
                       "Sources of tension: cultural", "Sources of tension: organisational",
                       "Outcomes"]}[lang]
    blocks = [s.title(lang) for s in INSTRUMENT.scales_of("phase_block")]
    assert groups == expected + blocks  # the scales, then the statements under each phase
    for scale in INSTRUMENT.scales:  # every scale once, by its title, under its group
        assert text.count(scale.title(lang)) >= 1
        assert len(re.findall(rf'value="{scale.id}"', html)) == 1
    statements = [i for i in INSTRUMENT.items if i.scale in {s.id for s in
                                                            INSTRUMENT.scales_of("phase_block")}]
    for item in statements:
        assert item.text(lang) in text
    # The search box is there for the script to show; without it, every choice shows.
    assert html.count('class="choice-filter" hidden') == 2
    assert "actions/choices.js" in html and "cdn" not in html.lower()


def test_the_owner_is_chosen_from_the_members(world: World) -> None:
    anna = a_member(world.org, "Anna de Vries", "anna@example.org")
    a_member(world.other_org, "Someone Else", "else@example.org")
    html = client_for(world.facilitator).get(_new_url(world)).content.decode()
    select = re.search(r'<select name="owner".*?</select>', html, re.S)
    assert select is not None
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select.group(0))
    members = Membership.objects.filter(organisation=world.org)
    assert {value for value, _label in options if value} == {str(m.user_id) for m in members}
    assert (str(anna.pk), "Anna de Vries · anna@example.org") in options
    assert "else@example.org" not in select.group(0)
    # A facilitator may not add members, so the form offers no invitation to them.
    assert 'name="invite"' not in html
    assert 'name="invite"' in client_for(world.owner).get(_new_url(world)).content.decode()


def _post(client: Any, url: str, **fields: Any) -> Any:
    data = {"title": "Monthly feedback round", "status": "planned", "due_date": _later(),
            "scales": ["org_process"], "notes": ""} | fields
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_member_owns_the_action_and_every_face_shows_their_name(world: World) -> None:
    anna = a_member(world.org, "Anna de Vries", "anna@example.org")
    response = _post(client_for(world.facilitator), _new_url(world), owner=str(anna.pk))
    assert response.status_code == 302
    action = Action.objects.get(title="Monthly feedback round")
    assert (action.owner, action.owner_name) == (anna, "Anna de Vries")
    anna.name = "Anna Jansen"  # she marries: every face shows her name as it is now
    anna.save()
    viewer = client_for(world.viewer)
    org = {"org_id": world.org.pk}
    plan = viewer.get(reverse("actions:plan", kwargs=org), HTTP_ACCEPT_LANGUAGE="en")
    assert "Anna Jansen" in plan.content.decode()
    csv_text = viewer.get(reverse("actions:export", kwargs=org),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode("utf-8-sig")
    assert "Anna Jansen" in csv_text
    detail = viewer.get(reverse("actions:action", kwargs=org | {"action_id": action.pk}),
                        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Anna Jansen" in detail
    assert reader_names("en")["org_process"] in detail  # the scale by its name, not its id
    assert not CODES.search(_visible_text(detail))


@pytest.mark.parametrize(("fields", "message"), [
    ({"owner": ""}, "Choose the person who owns the action, or make Sales and Marketing"),
    ({"due_date": "2020-01-31"}, "The due date is in the past"),
    ({"due_date": ""}, "This field is required."),
    ({"scales": []}, "Choose at least one scale the action should move."),
    ({"owner": "999999"}, "Select a valid choice."),
])
def test_what_the_form_refuses(world: World, fields: dict[str, Any], message: str) -> None:
    base = {"owner": str(world.viewer.pk)}
    response = _post(client_for(world.owner), _new_url(world), **(base | fields))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_a_member_of_another_organisation_cannot_own_it(world: World) -> None:
    response = _post(client_for(world.owner), _new_url(world), owner=str(world.outsider.pk))
    assert response.status_code == 200 and not Action.objects.exists()


def test_an_owner_invites_the_owner_by_e_mail(world: World) -> None:
    client = client_for(world.owner)
    refused = _post(client, _new_url(world), owner=str(world.viewer.pk), invite="x@example.org")
    assert "Choose a member or invite someone, not both." in refused.content.decode()
    assert _post(client, _new_url(world), invite="not an address").status_code == 200
    assert not Action.objects.exists()
    response = _post(client, _new_url(world), invite="New.Person@Example.org")
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner is not None and action.owner.email == "new.person@example.org"
    membership = Membership.objects.get(organisation=world.org, user=action.owner)
    assert membership.role == Role.VIEWER  # reads the plan; changes nothing
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]
    # An address that is already a member's makes that member the owner: no new mail.
    _post(client, _new_url(world), title="Second", invite="VIEWER@example.org")
    assert Action.objects.get(title="Second").owner == world.viewer
    assert len(mail.outbox) == 1


def test_joint_owners_need_no_person(world: World) -> None:
    response = _post(client_for(world.facilitator), _new_url(world), owner="",
                     joint_owner="on")
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner is None and action.joint_owner
    page = client_for(world.viewer).get(reverse("actions:plan", kwargs={"org_id": world.org.pk}),
                                        HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Sales en Marketing samen" in page


def test_editing_keeps_an_older_typed_owner_and_a_past_due_date(world: World) -> None:
    action = make_action(world.org, "Old action", due=timezone.localdate() - timedelta(days=9))
    Action.objects.filter(pk=action.pk).update(owner=None, owner_name="Jan (Sales)")
    url = reverse("actions:action_edit", kwargs={"org_id": world.org.pk, "action_id": action.pk})
    client = client_for(world.facilitator)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="keep" selected>Jan (Sales) (as written before owners were members)' \
        in html
    assert re.search(r'<form method="post" class="card action-form">', html), \
        "the form posts back to its own page"
    action.refresh_from_db()
    due = action.due_date.isoformat() if action.due_date else ""
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'name="due_date" value="{due}"' in dutch, "the picker shows the stored date"
    response = _post(client, url, title="Old action, in progress", owner="keep", due_date=due,
                     status="in_progress")
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.owner_name, action.status) == (None, "Jan (Sales)",
                                                                "in_progress")
    # Moving the due date to another day in the past is refused; a new owner is a member.
    assert _post(client, url, owner="keep",
                 due_date=(timezone.localdate() - timedelta(days=2)).isoformat()
                 ).status_code == 200
    assert _post(client, url, owner=str(world.viewer.pk), due_date=due).status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.owner_name) == (world.viewer, "viewer@example.org")


def test_an_owner_who_left_stays_on_the_action(world: World) -> None:
    anna = a_member(world.org, "Anna de Vries", "anna@example.org")
    action = make_action(world.org, owner=anna)
    Membership.objects.filter(user=anna).delete()
    url = reverse("actions:action_edit", kwargs={"org_id": world.org.pk, "action_id": action.pk})
    client = client_for(world.owner)
    assert "Anna de Vries · anna@example.org (no longer a member)" in client.get(
        url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _post(client, url, owner=str(anna.pk), due_date=_later()).status_code == 302
    anna.delete()  # the account goes: the plan still says who it was
    action.refresh_from_db()
    assert action.owner is None and action.owner_display == "Anna de Vries"


def test_an_action_without_a_due_date_gets_one_when_edited(world: World) -> None:
    action = make_action(world.org, due=NO_DATE)
    url = reverse("actions:action_edit", kwargs={"org_id": world.org.pk, "action_id": action.pk})
    response = _post(client_for(world.owner), url, owner=str(world.owner.pk), due_date="")
    assert response.status_code == 200
    assert _post(client_for(world.owner), url, owner=str(world.owner.pk)).status_code == 302
