"""An action's owner becomes a member of the organisation (a user), not free text.

An older action keeps the name someone typed (``owner_name``), so it stays readable; where
that name is exactly one member's e-mail address or name (ignoring case and spaces),
the member becomes the owner. Nothing is guessed beyond that: "Anna" stays text when two
members are called Anna, or none.
"""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def owners_from_members(apps: Any, schema_editor: Any) -> None:
    action_model = apps.get_model("actions", "Action")
    membership_model = apps.get_model("organisations", "Membership")
    people: dict[int, dict[str, list[Any]]] = {}
    for membership in membership_model.objects.select_related("user"):
        keys = people.setdefault(membership.organisation_id, {})
        user = membership.user
        for text in {user.email, user.name}:
            if text and text.strip():
                keys.setdefault(_key(text), []).append(user)
    for action in action_model.objects.filter(owner__isnull=True).exclude(owner_name=""):
        found = {u.pk: u for u in people.get(action.organisation_id, {}).get(
            _key(action.owner_name), [])}
        if len(found) == 1:
            (user,) = found.values()
            action.owner = user
            action.owner_name = user.name or user.email
            action.save(update_fields=["owner", "owner_name"])


class Migration(migrations.Migration):

    dependencies = [
        ('actions', '0003_sla_actuals'),
        ('organisations', '0004_organisation_password_login'),
        ('scans', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='action',
            name='action_has_owner',
        ),
        migrations.AddField(
            model_name='action',
            name='owner',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='owner'),
        ),
        migrations.AlterField(
            model_name='action',
            name='owner_name',
            field=models.CharField(blank=True, help_text="The owner's name as shown on the plan.", max_length=200, verbose_name="owner's name"),
        ),
        migrations.RunPython(owners_from_members, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name='action',
            constraint=models.CheckConstraint(condition=models.Q(('joint_owner', True), ('owner__isnull', False), models.Q(('owner_name', ''), _negated=True), _connector='OR'), name='action_has_owner'),
        ),
    ]
