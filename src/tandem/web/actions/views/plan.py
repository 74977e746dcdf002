"""Pages of the plan itself: the target (and the owner's override), the roadmap, and the
actions (new, from a roadmap step, edit, detail, the plan, its CSV export).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.context import ContextError
from tandem.contract.result import Result
from tandem.instrument import Instrument, load_instrument
from tandem.report.action_plan import HEADERS, action_plan_rows, reader_names
from tandem.responses import ResponseDataError
from tandem.roadmap.ranking import STATUSES
from tandem.target import PHASE_LABELS
from tandem.web.actions import pulses, selectors, services
from tandem.web.actions.forms import ONE_STEP, ActionForm, TargetOverrideForm
from tandem.web.actions.models import Action
from tandem.web.actions.views._common import (
    _base,
    _csv_download,
    _diagnosis,
    _errors,
    _form_page,
    _lang,
    logger,
)
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.permissions import role_may
from tandem.web.organisations.signals import record_export

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
    elif form.has_error("phase", "invalid_choice"):  # e.g. two phases up: nothing is set
        messages.error(request, ONE_STEP)
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


def action_form(data: Any, membership: Membership, *, instrument: Instrument,
                initial: dict[str, Any], **options: Any) -> ActionForm:
    """The action form with the organisation's members to choose the owner from; only a
    role that may add members may invite someone new by e-mail. The plan's pages and the
    workshop both build it here (``options``: the action edited, the fields' ids)."""
    return ActionForm(data, initial=initial, instrument=instrument, lang=_lang(),
                      owners=selectors.possible_owners(organisation=membership.organisation),
                      may_invite=role_may(membership.role, Perm.MANAGE_MEMBERS), **options)


def _action_form(request: HttpRequest, membership: Membership, *, instrument: Instrument,
                 initial: dict[str, Any], action: Action | None = None) -> ActionForm:
    return action_form(request.POST or None, membership, instrument=instrument,
                       initial=initial, action=action)


def _to_action(org_id: int) -> Callable[[Action], HttpResponse]:
    """The answer after an action is saved: its page."""
    return lambda action: redirect("actions:action", org_id=org_id, action_id=action.pk)


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
    form = _action_form(request, membership, instrument=scan.instrument, initial=initial)
    return _form_page(
        request, membership, form, lambda: services.action_create(
            organisation=membership.organisation, scan=scan, step=roadmap_step.step,
            by=authenticated_user(request), **form.values()),
        success=_("Action added to the plan."), then=_to_action(scan.organisation_id),
        template="actions/action_form.html", scan=scan, step=roadmap_step, action=None)


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def action_new(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = _action_form(request, membership, instrument=load_instrument(),
                        initial={"status": "planned"})
    return _form_page(
        request, membership, form, lambda: services.action_create(
            organisation=membership.organisation,
            scan=selectors.latest_closed_scan(organisation=membership.organisation),
            by=authenticated_user(request), **form.values()),
        success=_("Action added to the plan."), then=_to_action(membership.organisation_id),
        template="actions/action_form.html", scan=None, step=None, action=None)


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, membership: Membership, action_id: int) -> HttpResponse:
    action = selectors.action_get(organisation=membership.organisation, action_id=action_id)
    initial = {n: getattr(action, n) for n in services.ACTION_FIELDS if n != "owner"}
    instrument = action.scan.instrument if action.scan else load_instrument()
    form = _action_form(request, membership, instrument=instrument, initial=initial,
                        action=action)
    return _form_page(
        request, membership, form,
        lambda: services.action_update(action=action, by=authenticated_user(request),
                                       **form.values()),
        success=_("Saved."), then=_to_action(membership.organisation_id),
        template="actions/action_form.html", scan=action.scan, step=None, action=action)


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
        late=action.is_late(), names=_names(action.scan.instrument if action.scan else None)))


def _names(instrument: Instrument | None = None) -> dict[str, str]:
    """Steps, scales and ladder statements by the names a reader knows them by (the
    roadmap's and the questionnaire's), never their ids."""
    lang = _lang()
    names = dict(reader_names(lang))
    if instrument is not None:
        names |= {s.id: s.title(lang) for s in instrument.scales}
        names |= {i.id: i.text(lang) for i in instrument.items}
    return names


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
        pulses=pulses.pulses_of(organisation=organisation),
        may_pulse=pulses.pulse_baselines(organisation=organisation).exists()))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def actions_export(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The plan as CSV; cells that a spreadsheet would run as a formula are neutralised."""
    lang = _lang()
    record_export(request, membership, "actions.csv")
    items = selectors.plan_items(organisation=membership.organisation)
    return _csv_download([HEADERS[lang], *action_plan_rows(items, lang, timezone.localdate())],
                         f"tandem-actions-{membership.organisation_id}.csv")
