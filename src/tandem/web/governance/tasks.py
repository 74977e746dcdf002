"""Background work: the daily purge of expired raw responses (``django.tasks``)."""

from __future__ import annotations

from django.tasks import task

from tandem.web.governance.services import purge_expired


@task()
def purge_expired_task() -> dict[str, list[int]]:
    """Purge every scan past its organisation's retention period (schedule it daily)."""
    report = purge_expired()
    return {"purged": report.purged, "failed": report.failed}
