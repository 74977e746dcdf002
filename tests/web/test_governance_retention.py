"""Retention: raw answers of scans closed too long ago are purged, the results kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from test_actions_support import closed_scan, set_context
from test_governance_support import as_json
from webtest_helpers import World

from tandem.web.governance.models import AuditAction, AuditEvent, KeptResult
from tandem.web.governance.selectors import kept_result
from tandem.web.governance.services import months_before, purge_expired
from tandem.web.governance.tasks import purge_expired_task
from tandem.web.responses.models import Draft, Response
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import (
    Invitation,
    InvitationToken,
    Scan,
    ScanEvent,
    ScanEventKind,
)
from tandem.web.scans.services import invitation_issue_token


def _closed_ago(scan: Scan, days: int) -> Scan:
    ScanEvent.objects.filter(scan=scan, kind=ScanEventKind.CLOSED).update(
        at=timezone.now() - timedelta(days=days))
    return scan


@pytest.fixture
def old(world: World) -> Scan:
    scan = closed_scan(set_context(world.org), world.owner, n=40, title="Old")
    invitation_issue_token(invitation=Invitation.objects.create(scan=scan, email="a@example.org"))
    return _closed_ago(scan, 25 * 31)


def test_months_before() -> None:
    tz = timezone.get_current_timezone()
    assert months_before(datetime(2026, 3, 31, tzinfo=tz), 1) == datetime(2026, 2, 28, tzinfo=tz)
    assert months_before(datetime(2026, 1, 15, tzinfo=tz), 24) == datetime(2024, 1, 15, tzinfo=tz)
    assert months_before(datetime(2026, 1, 15, tzinfo=tz), 13) == datetime(2024, 12, 15, tzinfo=tz)


def test_expired_raw_answers_go_and_the_result_stays(world: World, old: Scan) -> None:
    expected = as_json(scan_result(scan=old).to_dict())
    n = Response.objects.filter(scan=old).count()
    recent = _closed_ago(closed_scan(world.org, world.owner, n=20, title="Recent"), 23 * 30)
    theirs = _closed_ago(closed_scan(world.other_org, world.outsider, n=20, title="T"), 20 * 30)
    world.other_org.retention_months = 24
    world.other_org.save()

    report = purge_expired()

    assert report.purged == [old.pk] and report.failed == []
    assert not Response.objects.filter(scan=old).exists()
    assert not Draft.objects.filter(scan=old).exists()
    assert not Invitation.objects.filter(scan=old).exists()
    assert not InvitationToken.objects.filter(invitation__scan=old).exists()
    kept = KeptResult.objects.get(scan=old)
    assert kept.responses == n and kept.invited == 1
    assert as_json(kept.result) == expected
    assert kept_result(scan=old) == kept.result
    assert Scan.objects.filter(pk=old.pk).exists()  # the scan and its result stay
    assert Response.objects.filter(scan=recent).count() == 20
    assert Response.objects.filter(scan=theirs).count() == 20
    event = AuditEvent.objects.get(action=AuditAction.PURGE)
    assert event.object_id == str(old.pk) and event.actor is None
    assert purge_expired().purged == []  # nothing left to purge


def test_a_shorter_period_purges_sooner(world: World) -> None:
    scan = _closed_ago(closed_scan(set_context(world.org), world.owner, n=20), 70)
    assert purge_expired(dry_run=True).purged == []
    world.org.retention_months = 2
    world.org.save()
    assert purge_expired(dry_run=True).purged == [scan.pk]
    assert Response.objects.filter(scan=scan).count() == 20  # a dry run deletes nothing


def test_open_scans_are_never_purged(world: World) -> None:
    world.org.retention_months = 1
    world.org.save()
    assert purge_expired().purged == []


def test_the_command_and_the_task(world: World, old: Scan) -> None:
    call_command("purge_expired", "--dry-run")
    assert Response.objects.filter(scan=old).exists()
    call_command("purge_expired")
    assert not Response.objects.filter(scan=old).exists()
    result = purge_expired_task.enqueue()
    assert result.return_value == {"purged": [], "failed": []}
