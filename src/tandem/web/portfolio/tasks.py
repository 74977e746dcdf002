"""Background work: a closed scan's diagnosis computed before its consultant looks."""

from __future__ import annotations

import logging

from django.tasks import task

from tandem.context import ContextError
from tandem.contract.result import ResultFormatError
from tandem.responses import ResponseDataError
from tandem.web.results.selectors import scan_analysis
from tandem.web.scans.models import Scan, ScanStatus

logger = logging.getLogger(__name__)


@task()
def prepare_result(*, scan_id: int) -> bool:
    """Compute (and so store) the diagnosis of a closed scan; False when there is none."""
    scan = Scan.objects.select_related("organisation").filter(
        pk=scan_id, status=ScanStatus.CLOSED, pulse_of__isnull=True).first()
    if scan is None:
        return False
    try:
        scan_analysis(scan=scan)
    except (ResponseDataError, ContextError, ResultFormatError):
        logger.exception("results of scan %s could not be computed", scan_id)
        return False
    return True
