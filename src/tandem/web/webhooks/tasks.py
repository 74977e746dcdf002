"""Background work of webhooks (``django.tasks``): post what is due, and get a closed
scan's results ready before saying they are."""

from __future__ import annotations

from django.tasks import task

from tandem.web.results.selectors import scan_analysis
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.webhooks import services
from tandem.web.webhooks.models import Event


@task()
def deliver_webhooks() -> dict[str, int]:
    return services.deliver_due()


@task()
def prepare_results(*, scan_id: int, key: str) -> int:
    """Compute (and so cache) the closed scan's diagnosis, then queue ``results.ready``:
    the first manager to open the results does not wait for it."""
    scan = Scan.objects.select_related("organisation").filter(pk=scan_id).first()
    if scan is None or scan.status != ScanStatus.CLOSED:
        return 0
    scan_analysis(scan=scan)
    queued = services.emit(organisation=scan.organisation, event=Event.RESULTS_READY, key=key,
                           subject={"scan_id": scan.pk, "scan_name": scan.title})
    if queued:
        deliver_webhooks.enqueue()
    return len(queued)
