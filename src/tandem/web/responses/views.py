"""Importing an answer file into a scan: upload, inspect, confirm or cancel (thin views
over ``services.imports`` and ``selectors``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.responses import selectors
from tandem.web.responses.forms import ResponseFileForm
from tandem.web.responses.pages import inspection_page
from tandem.web.responses.services import imports
from tandem.web.scans.models import Scan
from tandem.web.scans.selectors import scan_get


def _scan(membership: Membership, scan_id: int) -> Scan:
    return scan_get(organisation=membership.organisation, scan_id=scan_id)


@org_view(Action.IMPORT_RESPONSES)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _scan(membership, scan_id)
    form = ResponseFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            pending = imports.import_upload(
                scan=scan, user=authenticated_user(request), name=form.cleaned_data["name"],
                data=form.cleaned_data["data"], source=form.cleaned_data["source"] or "",
                mapping=form.cleaned_data.get("mapping_data"))
        except imports.ImportRefused as exc:
            problems = exc.problems
        else:
            return redirect("responses:import_inspect", org_id=membership.organisation_id,
                            scan_id=scan.pk, import_id=pending.pk)
    return render(request, "responses/import_upload.html", {
        "organisation": membership.organisation, "scan": scan, "form": form,
        "problems": problems, "allowed": imports.import_allowed(scan),
    })


@org_view(Action.IMPORT_RESPONSES)
@require_http_methods(["GET"])
def import_inspect(request: HttpRequest, membership: Membership, scan_id: int,
                   import_id: int) -> HttpResponse:
    scan = _scan(membership, scan_id)
    pending = selectors.pending_import_get(scan=scan, import_id=import_id)
    inspection = selectors.pending_import_inspect(pending=pending)
    page = inspection_page(inspection.report, scan.instrument, get_language() or "nl")
    return render(request, "responses/import_inspect.html", {
        "organisation": membership.organisation, "scan": scan, "pending": pending,
        "page": page, "report": inspection.report,
        "importable": inspection.responses is not None and imports.import_allowed(scan),
    })


@org_view(Action.IMPORT_RESPONSES)
@require_POST
def import_confirm(request: HttpRequest, membership: Membership, scan_id: int,
                   import_id: int) -> HttpResponseBase:
    scan = _scan(membership, scan_id)
    pending = selectors.pending_import_get(scan=scan, import_id=import_id)
    try:
        count = imports.import_confirm(pending=pending, user=authenticated_user(request))
    except imports.ImportRefused as exc:
        for problem in exc.problems[:20]:
            messages.error(request, problem)
        return redirect("responses:import_upload", org_id=membership.organisation_id,
                        scan_id=scan.pk)
    messages.success(request, _("%(count)d response(s) imported.") % {"count": count})
    return redirect("scans:detail", org_id=membership.organisation_id, scan_id=scan.pk)


@org_view(Action.IMPORT_RESPONSES)
@require_POST
def import_cancel(request: HttpRequest, membership: Membership, scan_id: int,
                  import_id: int) -> HttpResponseBase:
    scan = _scan(membership, scan_id)
    imports.import_cancel(pending=selectors.pending_import_get(scan=scan, import_id=import_id))
    messages.info(request, _("The uploaded file was deleted; nothing was imported."))
    return redirect("responses:import_upload", org_id=membership.organisation_id,
                    scan_id=scan.pk)
