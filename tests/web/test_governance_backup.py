"""Backup → empty database → restore gives back the same data and the same results,
on SQLite and on PostgreSQL (run the suite with DATABASE_URL for the latter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from test_governance_support import as_json, model_counts, populate
from webtest_helpers import World

from tandem.web.accounts.models import User
from tandem.web.actions.models import Action
from tandem.web.governance.models import AuditAction, AuditEvent
from tandem.web.organisations.models import Organisation
from tandem.web.responses.models import Response
from tandem.web.results.models import KeptResult, TargetOverride
from tandem.web.results.selectors import shown_result
from tandem.web.scans.models import Scan

# Rebuilt by migrate, or deliberately left out of a backup.
NOT_BACKED_UP = {"contenttypes.ContentType", "auth.Permission", "sessions.Session"}


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".json", ".json.gz"])
def test_round_trip(world: World, transactional_db: None, tmp_path: Path,
                    suffix: str) -> None:
    data = populate(world)
    expected = as_json(shown_result(scan=data.closed).to_dict())
    answers = sorted(map(str, Response.objects.filter(scan=data.closed)
                         .values_list("id", flat=True)))
    path = tmp_path / f"tandem{suffix}"

    call_command("backup", str(path))
    counts = model_counts()
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    assert not Organisation.objects.exists() and not User.objects.exists()

    call_command("restore", str(path))

    after = model_counts()
    for label, count in counts.items():
        if label in NOT_BACKED_UP:
            continue
        extra = 1 if label == "governance.AuditEvent" else 0  # the restore is recorded
        assert after[label] == count + extra, label
    scan = Scan.objects.get(pk=data.closed.pk)
    assert as_json(shown_result(scan=scan).to_dict()) == expected
    assert sorted(map(str, Response.objects.filter(scan=scan).values_list("id", flat=True))) \
        == answers
    assert Action.objects.get(organisation_id=data.organisation.pk).scan_id == scan.pk
    owner = User.objects.get(email=world.owner.email)
    assert owner.check_password("correct horse battery staple 42")
    assert set(AuditEvent.objects.values_list("action", flat=True)) >= {
        AuditAction.BACKUP, AuditAction.RESTORE}
    # New rows still get fresh keys after the restore (PostgreSQL sequences were reset).
    Organisation.objects.create(name="After restore")


def test_restore_refuses_a_database_with_data(world: World, tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    call_command("backup", str(path))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(path))


def test_backup_names_its_format(world: World, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"\.json"):
        call_command("backup", str(tmp_path / "backup.dat"))


def test_the_tandem_command_dispatches(world: World, tmp_path: Path) -> None:
    from tandem.cli import main

    path = tmp_path / "b.json"
    assert main(["backup", str(path)]) == 0
    assert path.stat().st_size > 0 and world.org.name in path.read_text()


@pytest.mark.slow
def test_a_backup_from_before_the_models_moved_restores(world: World, transactional_db: None,
                                                        tmp_path: Path) -> None:
    """Kept results were governance's and target overrides actions' until they moved to
    results: a backup made then names them by those apps, and still restores."""
    data = populate(world)
    TargetOverride.objects.create(scan=data.closed, phase=4, reason="Old backup",
                                  by_email=world.owner.email)
    KeptResult.objects.create(scan=data.open, result="{}", responses=7)
    path = tmp_path / "tandem.json"
    call_command("backup", str(path))
    old = {"results.keptresult": "governance.keptresult",
           "results.targetoverride": "actions.targetoverride"}
    objects = json.loads(path.read_text("utf-8"))
    for o in objects:
        o["model"] = old.get(o["model"], o["model"])
    path.write_text(json.dumps(objects), "utf-8")
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()

    call_command("restore", str(path))

    assert TargetOverride.objects.get(scan_id=data.closed.pk).reason == "Old backup"
    assert KeptResult.objects.get(scan_id=data.open.pk).responses == 7


def test_a_backup_from_before_organisation_slugs_restores(world: World, transactional_db: None,
                                                          tmp_path: Path) -> None:
    """Organisations got a slug with the REST API: an older backup has none, and its
    organisations get one on restore, as the migration gave existing rows."""
    path = tmp_path / "tandem.json"
    call_command("backup", str(path))
    objects = json.loads(path.read_text("utf-8"))
    for o in objects:
        if o["model"] == "organisations.organisation":
            del o["fields"]["slug"]
    path.write_text(json.dumps(objects), "utf-8")
    call_command("flush", interactive=False, verbosity=0)
    cache.clear()

    call_command("restore", str(path))

    assert dict(Organisation.objects.values_list("name", "slug")) == {
        "Acme": "acme", "Other BV": "other-bv"}
