"""The migration that makes an action's owner a member: a typed name that is exactly one
member's e-mail address or name becomes that member; every other name stays as typed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("actions", "0003_sla_actuals"), ("organisations", "0006_organisation_sector")]
AFTER = [("actions", "0004_action_owner_is_a_member"),
         ("organisations", "0006_organisation_sector")]


@pytest.mark.django_db(transaction=True)
def test_typed_owners_become_members_only_when_unambiguous() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    user = apps.get_model("accounts", "User")
    organisation = apps.get_model("organisations", "Organisation")
    membership = apps.get_model("organisations", "Membership")
    action = apps.get_model("actions", "Action")
    acme, other = (organisation.objects.create(name=n, slug=n.lower()) for n in ("Acme", "Other"))
    people = {}
    for email, name, org in (("anna@acme.test", "Anna Smit", acme),
                             ("bram@acme.test", "Bram de Wit", acme),
                             ("anna.b@acme.test", "Anna Smit", other),
                             ("kees@other.test", "Kees", other),
                             ("an@acme.test", "An", acme), ("an2@acme.test", "An", acme)):
        people[email] = user.objects.create(email=email, name=name, password="!")
        membership.objects.create(organisation=org, user=people[email], role="viewer")
    typed = {"ANNA@acme.test ": "anna@acme.test",  # an address, in any case
             "bram  de wit": "bram@acme.test",  # a name, spaces and case aside
             "An": None,  # two members are called An: not guessed
             "Kees": None,  # a member of another organisation
             "Jan from Sales": None}
    for name in typed:
        action.objects.create(organisation=acme, title=name, owner_name=name, scales=["DEF"])
    action.objects.create(organisation=acme, title="joint", owner_name="", joint_owner=True)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    after = executor.loader.project_state(AFTER).apps.get_model("actions", "Action")
    for title, email in typed.items():
        row = after.objects.get(title=title)
        if email is None:
            assert (row.owner_id, row.owner_name) == (None, title), title
        else:
            owner = people[email]
            assert (row.owner_id, row.owner_name) == (owner.pk, owner.name), title
    assert after.objects.get(title="joint").owner_id is None
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
