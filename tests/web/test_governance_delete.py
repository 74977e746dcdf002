"""Deleting an organisation or a scan takes everything of it, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.urls import reverse
from test_governance_support import (
    assert_nothing_remains,
    cache_keys,
    model_counts,
    owned_rows,
    populate,
)
from webtest_helpers import World, client_for

from tandem.web.actions.models import Action, DecisionRightsVersion, GlossaryTerm, SlaCommitment
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.governance.services import organisation_delete, scan_delete
from tandem.web.organisations.models import Membership, Organisation
from tandem.web.responses.models import Draft, Response
from tandem.web.scans.models import Invitation, InvitationToken, Scan, ScanEvent
from tandem.web.scans.services import scan_create


def _others(world: World) -> dict[str, int]:
    """What the other organisation holds: must be untouched by any deletion here."""
    other = world.other_org
    return {
        "scans": Scan.objects.filter(organisation=other).count(),
        "members": Membership.objects.filter(organisation=other).count(),
        "terms": GlossaryTerm.objects.filter(organisation=other).count(),
        "responses": Response.objects.filter(scan__organisation=other).count(),
    }


def test_deleting_an_organisation_leaves_nothing_of_it(world: World) -> None:
    data = populate(world)
    populate(world, world.other_org, n=20)
    before_others = _others(world)
    owned = owned_rows(Organisation, {data.organisation.pk})
    # The check is only worth something if the organisation really had all of this.
    for model in (Scan, Response, Draft, Invitation, InvitationToken, ScanEvent, Membership,
                  Action, DecisionRightsVersion, GlossaryTerm, SlaCommitment):
        assert owned.get(model), model.__name__
    keys = cache_keys([data.closed.pk, data.open.pk])
    assert any(cache.get(k) is not None for k in keys)

    event = organisation_delete(organisation=data.organisation, actor=world.owner)

    assert_nothing_remains(owned)
    assert all(cache.get(k) is None for k in keys)
    assert _others(world) == before_others
    assert event.action == AuditAction.DELETE and event.actor_email == world.owner.email
    assert AuditEvent.objects.filter(organisation_id=data.organisation.pk,
                                     action=AuditAction.DELETE).count() == 1
    assert world.owner.__class__.objects.filter(pk=world.owner.pk).exists()  # accounts stay


def test_deleting_a_scan_leaves_nothing_of_it(world: World) -> None:
    data = populate(world)
    owned = owned_rows(Scan, {data.closed.pk})
    for model in (Response, Invitation, InvitationToken, ScanEvent):
        assert owned.get(model), model.__name__
    keys = cache_keys([data.closed.pk])
    actions = Action.objects.filter(organisation=data.organisation).count()
    counts = model_counts()

    scan_delete(scan=data.closed, actor=world.owner)

    assert_nothing_remains(owned)
    assert all(cache.get(k) is None for k in keys)
    # The rest of the organisation stays: its open scan, drafts and action plan.
    assert Scan.objects.filter(pk=data.open.pk).exists()
    assert Draft.objects.filter(scan=data.open).count() == 2
    assert Action.objects.filter(organisation=data.organisation).count() == actions
    assert model_counts()["organisations.Organisation"] == counts["organisations.Organisation"]


def test_the_command_deletes_only_with_yes(world: World) -> None:
    data = populate(world, n=20)
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_scan", str(data.closed.pk))
    assert Scan.objects.filter(pk=data.closed.pk).exists()
    call_command("delete_scan", str(data.closed.pk), "--yes")
    assert not Scan.objects.filter(pk=data.closed.pk).exists()

    owned = owned_rows(Organisation, {data.organisation.pk})
    with pytest.raises(CommandError, match="--yes"):
        call_command("delete_organisation", str(data.organisation.pk))
    assert Organisation.objects.filter(pk=data.organisation.pk).exists()
    call_command("delete_organisation", str(data.organisation.pk), "--yes")
    assert_nothing_remains(owned)
    event = AuditEvent.objects.filter(object_type="organisation").get()
    assert event.actor is None and event.actor_email == ""
    with pytest.raises(CommandError, match="no organisation"):
        call_command("delete_organisation", str(data.organisation.pk), "--yes")


# ---------------------------------------------------------------- the pages


@pytest.mark.parametrize("role", ["facilitator", "viewer"])
def test_only_owners_may_delete(world: World, role: str) -> None:
    client = client_for(world.user(role))
    org_url = reverse("governance:organisation_delete", kwargs={"org_id": world.org.pk})
    scan_url = reverse("governance:scan_delete",
                       kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    assert client.post(org_url, {"name": "Acme"}).status_code == 403
    assert client.post(scan_url, {"name": world.scan.title}).status_code == 403
    assert Organisation.objects.filter(pk=world.org.pk).exists()
    assert Scan.objects.filter(pk=world.scan.pk).exists()


def test_another_organisations_data_is_404(world: World) -> None:
    client = client_for(world.owner)
    theirs = reverse("governance:organisation_delete", kwargs={"org_id": world.other_org.pk})
    assert client.post(theirs, {"name": "Other BV"}).status_code == 404
    their_scan = reverse("governance:scan_delete",
                         kwargs={"org_id": world.org.pk, "scan_id": world.other_scan.pk})
    assert client.post(their_scan, {"name": "Theirs"}).status_code == 404
    assert Organisation.objects.filter(pk=world.other_org.pk).exists()
    assert Scan.objects.filter(pk=world.other_scan.pk).exists()


def test_the_name_must_be_typed_to_confirm(world: World) -> None:
    client = client_for(world.owner)
    url = reverse("governance:scan_delete",
                  kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    page = client.get(url)
    assert page.status_code == 200 and world.scan.title in page.content.decode()
    wrong = client.post(url, {"name": "Spring"})
    assert wrong.status_code == 400
    assert Scan.objects.filter(pk=world.scan.pk).exists()
    right = client.post(url, {"name": world.scan.title})
    assert right.status_code == 302
    assert not Scan.objects.filter(pk=world.scan.pk).exists()

    url = reverse("governance:organisation_delete", kwargs={"org_id": world.org.pk})
    assert client.post(url, {"name": "acme"}).status_code == 400
    response = client.post(url, {"name": "Acme"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert not Organisation.objects.filter(pk=world.org.pk).exists()


def test_the_pages_speak_dutch_and_english(world: World) -> None:
    client = client_for(world.owner)
    url = reverse("governance:organisation_delete", kwargs={"org_id": world.org.pk})
    client.post(reverse("set_language"), {"language": "nl"})
    dutch = client.get(url).content.decode()
    assert "Definitief verwijderen" in dutch and "De organisatie „Acme” verwijderen" in dutch
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(url).content.decode()
    assert "Delete permanently" in english and "Delete the organisation “Acme”" in english


def test_deleting_a_baseline_names_and_logs_its_pulses(world: World) -> None:
    """A baseline's follow-up pulses go with it (the foreign key cascades): the page says
    so before, and the audit log has a line for each pulse as well as the baseline."""
    data = populate(world)
    pulses = []
    for title in ("Pulse in June", "Pulse in September"):
        pulse = scan_create(organisation=data.organisation, title=title,
                            instrument_name=data.closed.instrument_name)
        pulse.pulse_of, pulse.pulse_items = data.closed, ["def_roles"]
        pulse.save(update_fields=["pulse_of", "pulse_items"])
        pulses.append(pulse)
    client = client_for(world.owner)
    url = reverse("governance:scan_delete",
                  kwargs={"org_id": data.organisation.pk, "scan_id": data.closed.pk})
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Its 2 follow-up pulses are deleted with it" in page
    assert "<li>Pulse in June</li>" in page and "<li>Pulse in September</li>" in page
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "De 2 vervolgpulses ervan worden mee verwijderd" in dutch

    assert client.post(url, {"name": data.closed.title}).status_code == 302
    assert not Scan.objects.filter(pk__in=[data.closed.pk, *(p.pk for p in pulses)]).exists()
    logged = dict(AuditEvent.objects.filter(
        organisation_id=data.organisation.pk, action=AuditAction.DELETE,
        object_type="scan").values_list("object_id", "detail"))
    assert logged == {str(data.closed.pk): data.closed.title,
                      **{str(p.pk): f"{p.title} (pulse of {data.closed.pk})" for p in pulses}}
    # a scan without pulses says nothing of them
    page = client.get(reverse("governance:scan_delete", kwargs={
        "org_id": data.organisation.pk, "scan_id": data.open.pk})).content.decode()
    assert "follow-up pulse" not in page
