"""The plain results page of a closed scan: the core's report, rendered safely."""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tandem.context import ContextError
from tandem.responses import ResponseDataError
from tandem.web.auth import org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.results.markdown import markdown_to_html
from tandem.web.results.selectors import scan_result
from tandem.web.scans.models import ScanStatus
from tandem.web.scans.selectors import scan_get

logger = logging.getLogger(__name__)


@org_view(Action.VIEW_RESULTS)
@require_GET
def scan_results(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    context: dict[str, object] = {"organisation": membership.organisation, "scan": scan,
                                  "membership": membership}
    if scan.status != ScanStatus.CLOSED:
        return render(request, "results/not_ready.html", context)
    try:
        result = scan_result(scan=scan)
    except (ResponseDataError, ContextError):
        logger.exception("results of scan %s could not be computed", scan.pk)
        context["failed"] = True
        return render(request, "results/scan.html", context, status=500)
    lang = get_language() or "nl"
    context["report"] = markdown_to_html(result.markdown("en" if lang == "en" else "nl"))
    return render(request, "results/scan.html", context)


@org_view(Action.VIEW_RESULTS)
@require_GET
def scan_results_json(request: HttpRequest, membership: Membership,
                      scan_id: int) -> JsonResponse:
    """The core's result object as JSON (its schema lives in ``tandem/schema``)."""
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    if scan.status != ScanStatus.CLOSED:
        raise Http404("no results before the scan closes")
    response = JsonResponse(scan_result(scan=scan).to_dict(),
                            json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="tandem-result-{scan.pk}.json"'
    return response
