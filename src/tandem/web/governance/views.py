"""Owner pages for data protection: retention, audit log, and deleting data."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tandem.web.governance import selectors, services
from tandem.web.governance.forms import ConfirmNameForm, RetentionForm
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.scans.selectors import scan_get, scans_of


@org_view(Action.MANAGE_RETENTION)
@require_http_methods(["GET", "POST"])
def data_protection(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = RetentionForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.retention_set(organisation=organisation,
                               months=form.cleaned_data["retention_months"],
                               actor=authenticated_user(request))
        messages.success(request, _("The retention period is saved."))
        return redirect("governance:data", org_id=organisation.pk)
    return render(request, "governance/data.html", {
        "organisation": organisation, "form": form,
        "scans": scans_of(organisation=organisation),
    }, status=400 if form.errors else 200)


#: What the audit log calls the objects of its events: words, never model names such as
#: "decisionrightsversion".
OBJECT_NAMES = {
    "organisation": gettext_lazy("organisation"),
    "scan": gettext_lazy("scan"),
    "decisionrightsversion": gettext_lazy("decision-rights agreement"),
    "database": gettext_lazy("database"),
}


def _object_name(object_type: str) -> str:
    if object_type in OBJECT_NAMES:
        return str(OBJECT_NAMES[object_type])
    for model in apps.get_models():
        if model._meta.model_name == object_type:
            return str(model._meta.verbose_name)
    return object_type


@org_view(Action.VIEW_AUDIT)
@require_GET
def audit_log(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    events = selectors.audit_events_of(organisation=organisation)[:selectors.AUDIT_PAGE]
    rows = [{"event": e, "object": _object_name(e.object_type)} for e in events]
    return render(request, "governance/audit.html",
                  {"organisation": organisation, "events": events, "rows": rows})


@org_view(Action.DELETE_DATA)
@require_http_methods(["GET", "POST"])
def organisation_delete(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    organisation = membership.organisation
    form = ConfirmNameForm(request.POST or None, expected=organisation.name)
    if request.method == "POST" and form.is_valid():
        services.organisation_delete(organisation=organisation,
                                     actor=authenticated_user(request))
        messages.success(request, _("The organisation and all its data are deleted."))
        return redirect("home")
    return render(request, "governance/delete.html", {
        "organisation": organisation, "form": form, "name": organisation.name,
        "what": "organisation",
    }, status=400 if form.errors else 200)


@org_view(Action.DELETE_DATA)
@require_http_methods(["GET", "POST"])
def scan_delete(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    organisation = membership.organisation
    scan = scan_get(organisation=organisation, scan_id=scan_id)
    form = ConfirmNameForm(request.POST or None, expected=scan.title)
    if request.method == "POST" and form.is_valid():
        services.scan_delete(scan=scan, actor=authenticated_user(request))
        messages.success(request, _("The scan and all its data are deleted."))
        return redirect("organisations:detail", org_id=organisation.pk)
    return render(request, "governance/delete.html", {
        "organisation": organisation, "form": form, "name": scan.title, "scan": scan,
        "what": "scan", "pulses": selectors.pulses_of(scan=scan),
    }, status=400 if form.errors else 200)
