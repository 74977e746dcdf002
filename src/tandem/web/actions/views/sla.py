"""Pages of the service-level agreement between Sales and Marketing: the commitments
(also as CSV, in the language of whoever downloads it), and recording, editing and
removing one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.web.actions import selectors, services
from tandem.web.actions.forms import SlaForm
from tandem.web.actions.models import SlaCommitment
from tandem.web.actions.views._common import _base, _csv_download, _form_page, _lang
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.signals import record_export


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def sla(request: HttpRequest, membership: Membership) -> HttpResponse:
    return render(request, "actions/sla.html", _base(
        membership, commitments=selectors.sla_commitments(organisation=membership.organisation)))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def sla_csv(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The commitments as CSV, every header and fixed word in the downloader's language."""
    record_export(request, membership, "sla.csv")
    commitments = selectors.sla_commitments(organisation=membership.organisation)
    rows: list[list[object]] = [[_("Commitment"), _("Kind"), _("Lead grade"), _("Owner"),
                                 _("Target"), _("Unit"), _("Notes"), _("Recorded")]]
    rows += [[c.description, c.get_kind_display(), c.lead_grade, c.get_owner_display(),
              floatformat(c.target_value, "-2"), c.unit, c.notes,
              f"{c.updated_at:%Y-%m-%d} · {c.updated_by_email}"] for c in commitments]
    return _csv_download(rows, "sla-agreement.csv" if _lang() == "en" else "sla-afspraken.csv")


def _sla_fields(form: SlaForm) -> services.SlaFields:
    data = form.cleaned_data
    return services.SlaFields(kind=data["kind"], description=data["description"],
                              owner=data["owner"], target_value=data["target_value"],
                              unit=data["unit"], lead_grade=data["lead_grade"],
                              notes=data["notes"])


def _to_sla(org_id: int) -> Callable[[SlaCommitment], HttpResponse]:
    """The answer after a commitment is saved: the list of commitments."""
    return lambda _commitment: redirect("actions:sla", org_id=org_id)


@org_view(Perm.MANAGE_SLA)
@require_http_methods(["GET", "POST"])
def sla_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = SlaForm(request.POST or None)
    return _form_page(
        request, membership, form, lambda: services.sla_commitment_create(
            organisation=membership.organisation, fields=_sla_fields(form),
            by=authenticated_user(request)),
        success=_("Commitment recorded."), then=_to_sla(membership.organisation_id),
        template="actions/sla_form.html", commitment=None)


@org_view(Perm.MANAGE_SLA)
@require_http_methods(["GET", "POST"])
def sla_edit(request: HttpRequest, membership: Membership, commitment_id: int) -> HttpResponse:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    initial = {n: getattr(commitment, n) for n in ("kind", "description", "lead_grade",
                                                  "owner", "target_value", "unit", "notes")}
    form = SlaForm(request.POST or None, initial=initial)
    return _form_page(
        request, membership, form, lambda: services.sla_commitment_update(
            commitment=commitment, fields=_sla_fields(form), by=authenticated_user(request)),
        success=_("Saved."), then=_to_sla(membership.organisation_id),
        template="actions/sla_form.html", commitment=commitment)


@org_view(Perm.MANAGE_SLA)
@require_POST
def sla_delete(request: HttpRequest, membership: Membership,
               commitment_id: int) -> HttpResponseBase:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    services.sla_commitment_delete(commitment=commitment)
    messages.success(request, _("Commitment removed."))
    return redirect("actions:sla", org_id=membership.organisation_id)
