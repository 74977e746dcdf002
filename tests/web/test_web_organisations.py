"""Organisations: scoping of reads, membership rules, context as the core expects it."""

from __future__ import annotations

import dataclasses

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from webtest_helpers import World, client_for

from tandem.context import SECTORS, Context, context_field
from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership, Organisation, Role, Sector
from tandem.web.organisations.selectors import membership_get, organisations_for_user
from tandem.web.organisations.services import (
    LastOwnerError,
    membership_add,
    membership_remove,
    membership_set_role,
)


def test_a_user_sees_only_their_organisations(world: World) -> None:
    assert [(o.name, o.role) for o in organisations_for_user(user=world.viewer)] == [
        ("Acme", "viewer")]
    assert [o.name for o in organisations_for_user(user=world.outsider)] == ["Other BV"]
    home = client_for(world.viewer).get(reverse("home")).content.decode()
    assert "Acme" in home and "Other BV" not in home


def test_membership_get_is_404_outside(world: World) -> None:
    from django.http import Http404

    with pytest.raises(Http404):
        membership_get(user=world.outsider, organisation_id=world.org.pk)


def test_context_fields_are_exactly_the_cores(world: World) -> None:
    assert set(Organisation.CONTEXT_FIELDS) == {f.name for f in dataclasses.fields(Context)}
    org = world.org
    values = {"employees": "10-49", "sector": "ict", "sales_team": 4, "marketing_team": 2,
              "service_team": 3, "market": "b2b", "markets": 2, "growth": "stable",
              "marketing_role": "both", "key_accounts": False, "commercial_lead": True,
              "sla": False}
    for name, value in values.items():
        setattr(org, name, value)
    org.save()
    context = Context.from_mapping(org.context_dict())
    assert context.size == "small" and context.key_accounts is False
    assert context.sector == "ict"


def test_sectors_are_the_cores_with_the_same_english_labels() -> None:
    core = context_field("sector")
    assert tuple(Sector.values) == SECTORS == core.codes
    with translation.override("en"):
        assert [str(label) for label in Sector.labels] == [c.label.en for c in core.choices]


def test_create_organisation_makes_the_creator_owner(world: World) -> None:
    response = client_for(world.viewer).post(reverse("organisations:create"), {
        "name": "New Co", "employees": "1-9", "key_accounts": "unknown",
        "commercial_lead": "true", "sla": "unknown"})
    assert response.status_code == 302, response.context["form"].errors
    org = Organisation.objects.get(name="New Co")
    assert Membership.objects.get(organisation=org).role == Role.OWNER
    assert org.commercial_lead is True and org.key_accounts is None


def test_adding_a_new_member_creates_an_account_and_mails_a_link(world: World) -> None:
    membership, created = membership_add(organisation=world.org, email="New@Example.org",
                                         role=Role.FACILITATOR, invited_by=world.owner)
    assert created and membership.user.email == "new@example.org"
    assert membership.user.has_usable_password()  # so "forgot password" works too
    assert len(mail.outbox) == 1 and "/accounts/password/reset/" in mail.outbox[0].body
    _again, created_again = membership_add(organisation=world.org, email="new@example.org",
                                           role=Role.VIEWER, invited_by=world.owner)
    assert not created_again and User.objects.filter(email="new@example.org").count() == 1


def test_the_last_owner_stays(world: World) -> None:
    owner = Membership.objects.get(organisation=world.org, user=world.owner)
    with pytest.raises(LastOwnerError):
        membership_set_role(membership=owner, role=Role.VIEWER)
    with pytest.raises(LastOwnerError):
        membership_remove(membership=owner)
    facilitator = Membership.objects.get(organisation=world.org, user=world.facilitator)
    membership_set_role(membership=facilitator, role=Role.OWNER)
    membership_remove(membership=owner)
    assert not Membership.objects.filter(pk=owner.pk).exists()


def test_member_pages_change_roles(world: World) -> None:
    viewer = Membership.objects.get(organisation=world.org, user=world.viewer)
    url = reverse("organisations:member_role",
                  kwargs={"org_id": world.org.pk, "member_id": viewer.pk})
    client_for(world.owner).post(url, {"role": "facilitator"})
    viewer.refresh_from_db()
    assert viewer.role == "facilitator"


def test_pages_are_translated(world: World) -> None:
    client = client_for(world.owner)
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(reverse("home")).content.decode()
    client.post(reverse("set_language"), {"language": "nl"})
    dutch = client.get(reverse("home")).content.decode()
    assert "My organisations" in english
    assert "Mijn organisaties" in dutch
