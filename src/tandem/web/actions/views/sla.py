"""Pages of the service-level agreement between Sales and Marketing: the commitments
(also as CSV, in the language of whoever downloads it), and recording, editing and
removing one; per commitment its months against what was agreed (the core's
:func:`tandem.analysis.sla.recorded_attainment`), and recording or removing a month.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.analysis.sla import Attainment, MonthAttainment, Recorded, recorded
from tandem.report import charts
from tandem.web.actions import selectors, services
from tandem.web.actions.forms import SlaActualForm, SlaForm
from tandem.web.actions.models import SlaActual, SlaCommitment
from tandem.web.actions.views._common import (
    _base,
    _csv_download,
    _form_errors,
    _form_page,
    _lang,
)
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.signals import record_export
from tandem.web.results.pages import svg


@dataclass(frozen=True)
class MonthRow:
    """One recorded month as the page shows it (its record, for removing it)."""

    month: date
    row: MonthAttainment
    actual: SlaActual | None


@dataclass(frozen=True)
class Card:
    """A commitment with its recorded months: the core's attainment and the chart."""

    commitment: SlaCommitment
    attainment: Attainment
    measure: Recorded
    chart: SafeString
    latest: MonthAttainment | None


def _card(commitment: SlaCommitment, attainment: Attainment) -> Card:
    measure = recorded(attainment.commitment)
    return Card(commitment, attainment, measure,
                svg(charts.attainment_trend(attainment, _lang(), percent=measure.percent)),
                attainment.months[-1] if attainment.months else None)


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def sla(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    cards = [_card(c, a) for c, a in selectors.sla_attainments(organisation=organisation)]
    return render(request, "actions/sla.html", _base(
        membership, commitments=[card.commitment for card in cards], cards=cards))


def _commitment_page(request: HttpRequest, membership: Membership, commitment: SlaCommitment,
                     form: SlaActualForm | None = None, status: int = 200) -> HttpResponse:
    actuals = list(selectors.sla_actuals(commitment=commitment))
    card = _card(commitment, selectors.sla_attainment(commitment=commitment, actuals=actuals))
    by_month = {f"{a.month:%Y-%m}": a for a in actuals}
    rows = [MonthRow(date(int(m.month[:4]), int(m.month[5:]), 1), m, by_month.get(m.month))
            for m in card.attainment.months]
    if form is None:
        form = SlaActualForm(measure=card.measure, lang=_lang(),
                             initial={"month": timezone.localdate().replace(day=1)})
    return render(request, "actions/sla_commitment.html", _base(
        membership, card=card, commitment=commitment, rows=rows, form=form), status=status)


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def sla_commitment(request: HttpRequest, membership: Membership,
                   commitment_id: int) -> HttpResponse:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    return _commitment_page(request, membership, commitment)


@org_view(Perm.MANAGE_SLA)
@require_POST
def sla_actual_record(request: HttpRequest, membership: Membership,
                      commitment_id: int) -> HttpResponse:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    measure = recorded(selectors.sla_core_commitment(commitment))
    form = SlaActualForm(request.POST, measure=measure, lang=_lang())
    if form.is_valid():
        try:
            services.sla_actual_record(
                commitment=commitment, month=form.cleaned_data["month"],
                value=form.cleaned_data["value"], note=form.cleaned_data["note"],
                by=authenticated_user(request))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Month recorded."))
            return redirect("actions:sla_commitment", org_id=membership.organisation_id,
                            commitment_id=commitment.pk)
    return _commitment_page(request, membership, commitment, form, status=400)


@org_view(Perm.MANAGE_SLA)
@require_POST
def sla_actual_delete(request: HttpRequest, membership: Membership, commitment_id: int,
                      actual_id: int) -> HttpResponseBase:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    services.sla_actual_delete(actual=selectors.sla_actual_get(commitment=commitment,
                                                               actual_id=actual_id))
    messages.success(request, _("Month removed."))
    return redirect("actions:sla_commitment", org_id=membership.organisation_id,
                    commitment_id=commitment.pk)


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
    return services.SlaFields(**{name: form.cleaned_data[name] for name in services.SLA_FIELDS})


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
    initial = {n: getattr(commitment, n) for n in services.SLA_FIELDS}
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
