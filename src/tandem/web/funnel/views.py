"""The funnel beside the scan: the cockpit, and importing a CRM export (upload, inspect,
confirm or cancel). Thin views over ``services`` and ``selectors``."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.web.funnel import selectors, services
from tandem.web.funnel.forms import CrmFileForm
from tandem.web.funnel.pages import cockpit_page, inspection_page
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may


@org_view(Action.VIEW_FUNNEL)
@require_GET
def cockpit(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    has_data = selectors.has_funnel_data(organisation=organisation)
    page = (cockpit_page(selectors.funnel_cockpit(organisation=organisation),
                         get_language() or "nl") if has_data else None)
    return render(request, "funnel/cockpit.html", {
        "organisation": organisation, "page": page,
        "may_import": role_may(membership.role, Action.IMPORT_FUNNEL),
    })


@org_view(Action.IMPORT_FUNNEL)
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = CrmFileForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            pending = services.import_upload(
                organisation=membership.organisation, user=authenticated_user(request),
                name=form.cleaned_data["name"], data=form.cleaned_data["data"],
                kind=form.cleaned_data["kind"] or "")
        except services.ImportRefused as exc:
            problems = exc.problems
        else:
            return redirect("funnel:import_inspect", org_id=membership.organisation_id,
                            import_id=pending.pk)
    return render(request, "funnel/import_upload.html", {
        "organisation": membership.organisation, "form": form, "problems": problems,
    })


@org_view(Action.IMPORT_FUNNEL)
@require_GET
def import_inspect(request: HttpRequest, membership: Membership, import_id: int) -> HttpResponse:
    pending = selectors.pending_get(organisation=membership.organisation, import_id=import_id)
    imported = selectors.pending_inspect(pending=pending)
    return render(request, "funnel/import_inspect.html", {
        "organisation": membership.organisation, "pending": pending, "report": imported.report,
        "page": inspection_page(imported.report, get_language() or "nl"),
        "importable": imported.data is not None,
    })


@org_view(Action.IMPORT_FUNNEL)
@require_POST
def import_confirm(request: HttpRequest, membership: Membership,
                   import_id: int) -> HttpResponseBase:
    pending = selectors.pending_get(organisation=membership.organisation, import_id=import_id)
    try:
        count = services.import_confirm(pending=pending, user=authenticated_user(request))
    except services.ImportRefused as exc:
        for problem in exc.problems[:20]:
            messages.error(request, problem)
        return redirect("funnel:import_upload", org_id=membership.organisation_id)
    messages.success(request, _("%(count)d record(s) imported.") % {"count": count})
    return redirect("funnel:cockpit", org_id=membership.organisation_id)


@org_view(Action.IMPORT_FUNNEL)
@require_POST
def import_cancel(request: HttpRequest, membership: Membership,
                  import_id: int) -> HttpResponseBase:
    services.import_cancel(pending=selectors.pending_get(organisation=membership.organisation,
                                                         import_id=import_id))
    messages.info(request, _("The uploaded file was deleted; nothing was imported."))
    return redirect("funnel:import_upload", org_id=membership.organisation_id)
