"""Pages of the action plan and its tools: thin views that parse, call, render.

Reads go through :mod:`selectors` (scoped to the member's organisation: anything else
is a 404), writes through :mod:`services` (which enforce the rules); who may do what
is the role table in ``organisations/permissions.py``, applied by ``org_view``.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.context import ContextError
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.io.writers import write_csv
from tandem.report.action_plan import HEADERS, action_plan_rows
from tandem.report.raci_pdf import render_raci_pdf
from tandem.responses import ResponseDataError
from tandem.roadmap.ranking import STATUSES
from tandem.target import PHASE_LABELS
from tandem.web.actions import selectors, services
from tandem.web.actions.forms import (
    ActionForm,
    DecisionRightsForm,
    GlossaryDecisionForm,
    GlossaryProposalForm,
    SlaForm,
    TargetOverrideForm,
    cell_name,
)
from tandem.web.actions.models import Action, Party
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.permissions import role_may
from tandem.web.organisations.signals import record_export
from tandem.web.scans.models import Scan

logger = logging.getLogger(__name__)


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _base(membership: Membership, **extra: Any) -> dict[str, Any]:
    role = membership.role
    return {
        "organisation": membership.organisation, "membership": membership, "lang": _lang(),
        "may_manage": role_may(role, Perm.MANAGE_ACTIONS),
        "may_set_target": role_may(role, Perm.SET_TARGET),
        "may_agree": role_may(role, Perm.AGREE_DECISION_RIGHTS),
        "may_propose": role_may(role, Perm.PROPOSE_GLOSSARY),
        "may_decide": role_may(role, Perm.DECIDE_GLOSSARY),
        "may_manage_sla": role_may(role, Perm.MANAGE_SLA),
        **extra,
    }


def _diagnosis(request: HttpRequest, scan: Scan) -> Result | None:
    try:
        return selectors.scan_diagnosis(scan)
    except (ResponseDataError, ContextError):
        logger.exception("the diagnosis of scan %s could not be computed", scan.pk)
        messages.error(request, _("The results could not be computed from the stored answers."))
        return None


def _errors(request: HttpRequest, exc: services.ActionsRuleError) -> None:
    for problem in exc.problems:
        messages.error(request, problem)


def _form_errors(form: Any, exc: services.ActionsRuleError) -> None:
    """A service's rule violations shown on the form, beside its field errors."""
    for problem in exc.problems:
        form.add_error(None, problem)


# ---------------------------------------------------------------- target


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def target(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    result = _diagnosis(request, scan)
    context = _base(membership, scan=scan)
    if result is None or result.target is None:
        return render(request, "actions/target.html", context | {"no_target": True})
    effective = selectors.effective_target(scan, result=result)
    assert effective is not None
    form = TargetOverrideForm(current=effective.current, lang=_lang(),
                              initial={"phase": effective.phase})
    return render(request, "actions/target.html", context | {
        "target": effective,
        "computed": effective.override.computed if effective.override else effective,
        "rules": selectors.fired_rules(scan=scan, result=result, target=effective),
        "history": selectors.target_overrides(scan=scan),
        "form": form,
        "phase_labels": {p: t(_lang()) for p, t in PHASE_LABELS.items()},
    })


@org_view(Perm.SET_TARGET)
@require_POST
def target_override(request: HttpRequest, membership: Membership,
                    scan_id: int) -> HttpResponseBase:
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    result = _diagnosis(request, scan)
    if result is None or result.target is None:
        return redirect("actions:target", org_id=scan.organisation_id, scan_id=scan.pk)
    computed = result.target
    form = TargetOverrideForm(request.POST, current=computed.current, lang=_lang())
    if form.is_valid():
        try:
            services.target_override_set(scan=scan, target=computed,
                                         phase=form.cleaned_data["phase"],
                                         reason=form.cleaned_data["reason"],
                                         by=authenticated_user(request))
            messages.success(request, _("The target has been set. The reason is kept with it."))
        except services.ActionsRuleError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("Choose a phase and write down why."))
    return redirect("actions:target", org_id=scan.organisation_id, scan_id=scan.pk)


# ---------------------------------------------------------------- roadmap


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def roadmap(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    result = _diagnosis(request, scan)
    groups: list[tuple[str, list[Any]]] = []
    if result is not None:
        counts: dict[str, int] = {}
        for action in Action.objects.filter(scan=scan).only("step"):
            counts[action.step] = counts.get(action.step, 0) + 1
        for status in STATUSES:
            steps = [(s, counts.get(s.step, 0)) for s in result.roadmap if s.status == status]
            if steps:
                groups.append((status, steps))
    return render(request, "actions/roadmap.html", _base(
        membership, scan=scan, groups=groups, failed=result is None,
        target=selectors.effective_target(scan, result=result) if result else None))


# ---------------------------------------------------------------- actions


def _action_form_values(form: ActionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"title": data["title"], "owner_name": data["owner_name"],
            "joint_owner": data["joint_owner"], "due_date": data["due_date"],
            "status": data["status"], "notes": data["notes"],
            "scales": data["scales"], "criteria": data["criteria"]}


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def action_from_step(request: HttpRequest, membership: Membership, scan_id: int,
                     step: str) -> HttpResponse:
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    result = _diagnosis(request, scan)
    if result is None:
        return redirect("actions:roadmap", org_id=scan.organisation_id, scan_id=scan.pk)
    roadmap_step = selectors.roadmap_step(result, step)
    initial = {"title": roadmap_step.title(_lang()), "status": "planned",
               "scales": list(roadmap_step.addresses), "criteria": list(roadmap_step.criteria)}
    form = ActionForm(request.POST or None, initial=initial, instrument=scan.instrument,
                      lang=_lang())
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(organisation=membership.organisation, scan=scan,
                                            step=roadmap_step.step,
                                            by=authenticated_user(request),
                                            **_action_form_values(form))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Action added to the plan."))
            return redirect("actions:action", org_id=scan.organisation_id, action_id=action.pk)
    return render(request, "actions/action_form.html", _base(
        membership, form=form, scan=scan, step=roadmap_step, action=None))


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = ActionForm(request.POST or None, initial={"status": "planned"},
                      instrument=load_instrument(), lang=_lang())
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                organisation=membership.organisation,
                scan=selectors.latest_closed_scan(organisation=membership.organisation),
                by=authenticated_user(request), **_action_form_values(form))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Action added to the plan."))
            return redirect("actions:action", org_id=membership.organisation_id,
                            action_id=action.pk)
    return render(request, "actions/action_form.html", _base(
        membership, form=form, scan=None, step=None, action=None))


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, membership: Membership, action_id: int) -> HttpResponse:
    action = selectors.action_get(organisation=membership.organisation, action_id=action_id)
    initial = {n: getattr(action, n) for n in services.ACTION_FIELDS}
    instrument = action.scan.instrument if action.scan else load_instrument()
    form = ActionForm(request.POST or None, initial=initial, instrument=instrument, lang=_lang())
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, **_action_form_values(form))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("actions:action", org_id=membership.organisation_id,
                            action_id=action.pk)
    return render(request, "actions/action_form.html", _base(
        membership, form=form, scan=action.scan, step=None, action=action))


def _movement(action: Action, cache: dict[int, Result]) -> selectors.ActionMovement | None:
    try:
        return selectors.action_movement(action, cache=cache)
    except (ResponseDataError, ContextError):
        logger.exception("movement of action %s could not be computed", action.pk)
        return None


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def action_detail(request: HttpRequest, membership: Membership, action_id: int) -> HttpResponse:
    action = selectors.action_get(organisation=membership.organisation, action_id=action_id)
    return render(request, "actions/action_detail.html", _base(
        membership, action=action, movement=_movement(action, {}),
        late=action.is_late(), scale_titles=_scale_titles()))


def _scale_titles() -> dict[str, str]:
    return {s.id: s.title(_lang()) for s in load_instrument().scales}


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def action_plan(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    cache: dict[int, Result] = {}
    rows = [(a, a.is_late(), _movement(a, cache))
            for a in selectors.actions_of(organisation=organisation)]
    return render(request, "actions/plan.html", _base(
        membership, rows=rows, late=sum(1 for _a, late, _m in rows if late),
        closed_scans=selectors.closed_scans_of(organisation=organisation),
        scale_titles=_scale_titles()))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def actions_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The plan as CSV; cells that a spreadsheet would run as a formula are neutralised."""
    lang = _lang()
    record_export(request, membership, "actions.csv")
    items = selectors.plan_items(organisation=membership.organisation)
    buffer = io.StringIO(newline="")
    write_csv([list(HEADERS[lang]), *action_plan_rows(items, lang, timezone.localdate())],
              buffer, bom=True)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="tandem-actions-{membership.organisation_id}.csv"')
    return response


# ---------------------------------------------------------------- decision rights


def _areas(scan: Scan | None) -> list[tuple[str, Any]]:
    instrument = scan.instrument if scan else load_instrument()
    return list(instrument.areas.items())


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    current = selectors.decision_rights_current(organisation=organisation)
    scan = selectors.latest_closed_scan(organisation=organisation)
    result = _diagnosis(request, scan) if scan else None
    findings = selectors.decision_findings(result) if result else ()
    return render(request, "actions/decision_rights.html", _base(
        membership, current=current, table=_matrix_table(current.matrix, findings)
        if current else [], versions=selectors.decision_rights_versions(organisation=organisation),
        findings=findings, scan=scan, parties=Party.choices))


def _matrix_table(matrix: dict[str, dict[str, str]],
                  findings: Any = ()) -> list[tuple[str, list[str]]]:
    labels = dict(_areas(None))
    order = [f.area for f in findings] or list(labels)
    order += [a for a in labels if a not in order]
    lang = _lang()
    return [(labels[a](lang)[:1].upper() + labels[a](lang)[1:],
             [{"AR": "A/R"}.get(matrix.get(a, {}).get(p, ""), matrix.get(a, {}).get(p, "")
                               or "–") for p in Party.values]) for a in order if a in labels]


@org_view(Perm.AGREE_DECISION_RIGHTS)
@require_http_methods(["GET", "POST"])
def decision_rights_agree(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    scan = selectors.latest_closed_scan(organisation=organisation)
    result = _diagnosis(request, scan) if scan else None
    findings = selectors.decision_findings(result) if result else ()
    by_area = dict(_areas(scan))
    ordered = [(f.area, by_area[f.area]) for f in findings if f.area in by_area]
    ordered += [(a, t) for a, t in by_area.items() if a not in {o[0] for o in ordered}]
    start = selectors.decision_rights_start(organisation=organisation, areas=list(by_area),
                                            findings=findings)
    initial = {cell_name(a, p): v for a, row in start.items() for p, v in row.items()}
    form = DecisionRightsForm(request.POST or None, initial=initial, areas=ordered, lang=_lang())
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.decision_rights_agree(
                organisation=organisation, matrix=form.matrix(), by=authenticated_user(request),
                note=form.cleaned_data["note"], scan=scan)
        except services.ActionsRuleError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Version %(number)d of the decision rights is agreed.")
                             % {"number": version.number})
            return redirect("actions:decision_rights", org_id=organisation.pk)
    findings_by_area = {f.area: f for f in findings}
    return render(request, "actions/decision_rights_form.html", _base(
        membership, form=form, problems=problems, scan=scan, parties=Party.choices,
        rows=[(area, label, cells, findings_by_area.get(area))
              for area, label, cells in form.table()]),
        status=400 if problems else 200)


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights_version(request: HttpRequest, membership: Membership,
                            number: int) -> HttpResponse:
    version = selectors.decision_rights_version_get(organisation=membership.organisation,
                                                    number=number)
    return render(request, "actions/decision_rights_version.html", _base(
        membership, version=version, table=_matrix_table(version.matrix),
        parties=Party.choices))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights_pdf(request: HttpRequest, membership: Membership,
                        number: int) -> HttpResponse:
    version = selectors.decision_rights_version_get(organisation=membership.organisation,
                                                    number=number)
    record_export(request, membership, f"decision-rights-v{version.number}.pdf", version)
    pdf = render_raci_pdf(matrix=version.matrix, areas=_areas(version.scan), lang=_lang(),
                          organisation=membership.organisation.name, version=version.number,
                          agreed_by=version.by_email, agreed_at=version.at, note=version.note)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "roles-and-responsibilities" if _lang() == "en" else "taken-en-verantwoordelijkheden"
    response["Content-Disposition"] = f'attachment; filename="{name}-v{version.number}.pdf"'
    return response


# ---------------------------------------------------------------- glossary


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def glossary(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    return render(request, "actions/glossary.html", _base(
        membership, terms=selectors.glossary_terms(organisation=organisation),
        pending=selectors.glossary_pending(organisation=organisation),
        decision_form=GlossaryDecisionForm()))


@org_view(Perm.MANAGE_ACTIONS)
@require_POST
def glossary_seed(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    added = services.glossary_seed(organisation=membership.organisation)
    messages.success(request, _("%(count)d standard terms added.") % {"count": added})
    return redirect("actions:glossary", org_id=membership.organisation_id)


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def glossary_term(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    term = selectors.glossary_term_get(organisation=membership.organisation, term_id=term_id)
    return render(request, "actions/glossary_term.html", _base(
        membership, term=term, history=selectors.glossary_history(term=term),
        decision_form=GlossaryDecisionForm()))


def _propose(request: HttpRequest, membership: Membership, term_id: int | None) -> HttpResponse:
    organisation = membership.organisation
    term = (selectors.glossary_term_get(organisation=organisation, term_id=term_id)
            if term_id is not None else None)
    form = GlossaryProposalForm.for_term(term, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.glossary_change_propose(organisation=organisation, term=term,
                                             fields=form.content(),
                                             reason=form.cleaned_data["reason"],
                                             by=authenticated_user(request))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Your proposal has been sent to the owners."))
            return redirect("actions:glossary", org_id=organisation.pk)
    return render(request, "actions/glossary_propose.html", _base(membership, form=form,
                                                                   term=term))


@org_view(Perm.PROPOSE_GLOSSARY)
@require_http_methods(["GET", "POST"])
def glossary_propose(request: HttpRequest, membership: Membership, term_id: int) -> HttpResponse:
    return _propose(request, membership, term_id)


@org_view(Perm.PROPOSE_GLOSSARY)
@require_http_methods(["GET", "POST"])
def glossary_propose_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    return _propose(request, membership, None)


@org_view(Perm.DECIDE_GLOSSARY)
@require_POST
def glossary_decide(request: HttpRequest, membership: Membership,
                    change_id: int) -> HttpResponseBase:
    change = selectors.glossary_change_get(organisation=membership.organisation,
                                           change_id=change_id)
    form = GlossaryDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
    else:
        user, note = authenticated_user(request), form.cleaned_data["note"]
        try:
            if form.cleaned_data["decision"] == "approve":
                services.glossary_change_approve(change=change, by=user, note=note)
                messages.success(request, _("Approved: the glossary now uses this wording."))
            else:
                services.glossary_change_reject(change=change, by=user, note=note)
                messages.success(request, _("Rejected. The proposal stays in the history."))
        except services.ActionsRuleError as exc:
            _errors(request, exc)
    return redirect("actions:glossary", org_id=membership.organisation_id)


# ---------------------------------------------------------------- SLA


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def sla(request: HttpRequest, membership: Membership) -> HttpResponse:
    return render(request, "actions/sla.html", _base(
        membership, commitments=selectors.sla_commitments(organisation=membership.organisation)))


def _sla_fields(form: SlaForm) -> services.SlaFields:
    data = form.cleaned_data
    return services.SlaFields(kind=data["kind"], description=data["description"],
                              owner=data["owner"], target_value=data["target_value"],
                              unit=data["unit"], lead_grade=data["lead_grade"],
                              notes=data["notes"])


@org_view(Perm.MANAGE_SLA)
@require_http_methods(["GET", "POST"])
def sla_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = SlaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.sla_commitment_create(organisation=membership.organisation,
                                           fields=_sla_fields(form),
                                           by=authenticated_user(request))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Commitment recorded."))
            return redirect("actions:sla", org_id=membership.organisation_id)
    return render(request, "actions/sla_form.html", _base(membership, form=form,
                                                           commitment=None))


@org_view(Perm.MANAGE_SLA)
@require_http_methods(["GET", "POST"])
def sla_edit(request: HttpRequest, membership: Membership, commitment_id: int) -> HttpResponse:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    initial = {n: getattr(commitment, n) for n in ("kind", "description", "lead_grade",
                                                  "owner", "target_value", "unit", "notes")}
    form = SlaForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sla_commitment_update(commitment=commitment, fields=_sla_fields(form),
                                           by=authenticated_user(request))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("actions:sla", org_id=membership.organisation_id)
    return render(request, "actions/sla_form.html", _base(membership, form=form,
                                                           commitment=commitment))


@org_view(Perm.MANAGE_SLA)
@require_POST
def sla_delete(request: HttpRequest, membership: Membership,
               commitment_id: int) -> HttpResponseBase:
    commitment = selectors.sla_commitment_get(organisation=membership.organisation,
                                              commitment_id=commitment_id)
    services.sla_commitment_delete(commitment=commitment)
    messages.success(request, _("Commitment removed."))
    return redirect("actions:sla", org_id=membership.organisation_id)


