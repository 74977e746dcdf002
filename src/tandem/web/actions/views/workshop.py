"""The workshop view: the meeting deck's slides as full-screen steps that the facilitator
runs in the management meeting, recording each agreed action straight into the plan.

The steps are the core's :func:`tandem.report.deck.meeting_slides`, so the screen says
what the deck says. Recording goes through the plan's own form and service
(:class:`ActionForm`, :func:`services.action_create`): the rules of an action are the
same here as on the action page. Its status is "planned", and the scales the step is
about are the ones it should move (hidden fields, changeable afterwards on the action's
own page).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tandem.report.deck import Slide, meeting_slides
from tandem.web.actions import selectors, services
from tandem.web.actions.forms import ActionForm
from tandem.web.actions.models import ActionStatus
from tandem.web.actions.views._common import _base, _lang
from tandem.web.actions.views.plan import action_form
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.permissions import role_may
from tandem.web.results.pages import svg
from tandem.web.results.signals import mirror_for_report
from tandem.web.scans.models import Scan

#: Fields of the action form the meeting does not fill in: set from the step.
FROM_THE_STEP = {"status": forms.HiddenInput, "scales": forms.MultipleHiddenInput,
                 "criteria": forms.MultipleHiddenInput}


def _slides(membership: Membership, scan: Scan) -> tuple[Slide, ...]:
    result = selectors.shown_result(scan=scan)
    return meeting_slides(result, _lang(), organisation=membership.organisation.name,
                          scan=scan.title, day=timezone.localdate(),
                          mirror=mirror_for_report(scan=scan, result=result))


def _form(membership: Membership, scan: Scan, slide: Slide, number: int,
          data: Any = None) -> ActionForm:
    """The plan's action form for one step: planned, moving the step's scales, owned by a
    member (or someone an owner invites), as on the action page."""
    form = action_form(data, membership, instrument=scan.instrument,
                       initial={"status": ActionStatus.PLANNED, "scales": list(slide.scales)},
                       auto_id=f"step{number}-%s")
    for name, widget in FROM_THE_STEP.items():
        if name in form.fields:
            form.fields[name].widget = widget()
    return form


def _page(request: HttpRequest, membership: Membership, scan: Scan, *,
          bound: tuple[int, ActionForm] | None = None) -> HttpResponse:
    slides = _slides(membership, scan)
    may_record = role_may(membership.role, Perm.MANAGE_ACTIONS)
    steps = []
    for number, slide in enumerate(slides, start=1):
        form = None
        if may_record and slide.records:
            form = (bound[1] if bound and bound[0] == number
                    else _form(membership, scan, slide, number))
        steps.append({"number": number, "slide": slide, "form": form,
                      "chart": svg(slide.chart) if slide.chart else "",
                      "reading": slide.notes[:-1]})
    return render(request, "actions/workshop.html", _base(
        membership, scan=scan, steps=steps, total=len(steps),
        start=bound[0] if bound else 1, recorded=selectors.actions_of_scan(scan=scan),
        results_url=reverse("results:downloads", kwargs={
            "org_id": scan.organisation_id, "scan_id": scan.pk})))


@org_view(Perm.RUN_MEETING)
@require_GET
def workshop(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    return _page(request, membership, scan)


@org_view(Perm.MANAGE_ACTIONS)
@require_POST
def workshop_action(request: HttpRequest, membership: Membership,
                    scan_id: int) -> HttpResponseBase:
    """Record an agreed action from a step; back to that step, or the step again with
    what is missing."""
    scan = selectors.closed_scan_get(organisation=membership.organisation, scan_id=scan_id)
    slides = _slides(membership, scan)
    try:
        number = int(request.POST.get("step", ""))
    except ValueError:
        number = 0
    if not 1 <= number <= len(slides) or not slides[number - 1].records:
        number = len(slides)  # the closing step, which always records
    form = _form(membership, scan, slides[number - 1], number, request.POST)
    if form.is_valid():
        try:
            action = services.action_create(
                organisation=membership.organisation, scan=scan,
                by=authenticated_user(request), **form.values())
        except services.ActionsRuleError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            messages.success(request, _("Recorded in the action plan: %(title)s.")
                             % {"title": action.title})
            url = reverse("actions:workshop", kwargs={"org_id": scan.organisation_id,
                                                      "scan_id": scan.pk})
            return redirect(f"{url}#step-{number}")
    return _page(request, membership, scan, bound=(number, form))
