"""Pages of the follow-up pulse: making one from the action plan, and what it found."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.analysis.pulse import MAX_STATEMENTS, VERDICTS, PulseError
from tandem.privacy import GROUP_LABELS
from tandem.responses import ResponseDataError
from tandem.web.actions import pulses, services
from tandem.web.actions.forms import PulseForm
from tandem.web.actions.services.pulse import pulse_create
from tandem.web.actions.views._common import _base, _form_errors, _lang, logger
from tandem.web.organisations.auth import org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.permissions import role_may
from tandem.web.results.selectors import AnswersPurgedError
from tandem.web.scans.models import ScanStatus


@org_view(Perm.MANAGE_ACTIONS)
@require_http_methods(["GET", "POST"])
def pulse_new(request: HttpRequest, membership: Membership) -> HttpResponseBase:
    """Choose the baseline (``?scan=``), the actions and the weeks; the statements follow."""
    organisation = membership.organisation
    baselines = list(pulses.pulse_baselines(organisation=organisation))
    if not baselines:
        return render(request, "actions/pulse_new.html", _base(membership, baselines=[]))
    wanted = request.POST.get("scan") or request.GET.get("scan")
    baseline = next((s for s in baselines if str(s.pk) == wanted), baselines[0])
    candidates = pulses.pulse_actions(baseline=baseline)
    choices = [(str(a.pk), a.title) for a in candidates]
    form = PulseForm(request.POST if request.method == "POST" else None, choices=choices,
                     initial={"actions": [c for c, _t in choices], "weeks": 6})
    preview = None
    if request.method == "POST" and form.is_valid():
        chosen = [a for a in candidates if str(a.pk) in form.cleaned_data["actions"]]
        try:
            statements = pulses.pulse_statements(baseline=baseline, actions=chosen)
            pulse = pulse_create(baseline=baseline, actions=chosen, statements=statements,
                                 weeks=form.cleaned_data["weeks"],
                                 title=form.cleaned_data["title"])
        except PulseError:
            form.add_error("actions", _("These actions name more than %(n)d scales, or "
                                        "none that the scan asked: choose fewer.")
                           % {"n": MAX_STATEMENTS})
        except AnswersPurgedError:
            form.add_error(None, _("The answers of this scan were deleted after its retention "
                                   "period: there is nothing to compare a pulse with."))
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("The pulse is ready. Open it and send the invitations "
                                        "on the scan page; links work from its opening date."))
            return redirect("actions:pulse", org_id=organisation.pk, scan_id=pulse.pk)
    elif request.method == "GET":
        try:
            preview = pulses.pulse_statements(baseline=baseline, actions=candidates)
        except (PulseError, AnswersPurgedError, ResponseDataError):
            preview = None
    instrument = baseline.instrument
    lang = _lang()
    preview_rows = [] if preview is None else [
        (instrument.scale(s.scale).title(lang),
         [instrument.item(i).text(lang) for i in s.items], s.candidates)
        for s in preview.scales]
    return render(request, "actions/pulse_new.html", _base(
        membership, baselines=baselines, baseline=baseline, form=form,
        preview=preview_rows, invited=baseline.invitations.count(),
        open_link=bool(baseline.open_token)))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def pulse_detail(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    pulse = pulses.pulse_get(organisation=membership.organisation, scan_id=scan_id)
    baseline = pulse.pulse_of
    assert baseline is not None
    lang = _lang()
    instrument = baseline.instrument
    statements = [(instrument.item(i).text(lang),
                   instrument.scale(instrument.item(i).scale or "").title(lang))
                  for i in pulse.pulse_items]
    outcomes = None
    may_see = role_may(membership.role, Perm.VIEW_RESULTS)
    if pulse.status == ScanStatus.CLOSED and may_see:
        try:
            comparison = pulses.pulse_comparison(pulse=pulse)
            outcomes = pulses.pulse_outcomes(pulse=pulse, comparison=comparison, lang=lang)
        except AnswersPurgedError:
            messages.error(request, _("The answers were deleted after the retention period, "
                                      "so the pulse can no longer be compared."))
        except ResponseDataError:
            logger.exception("pulse %s could not be compared", pulse.pk)
            messages.error(request, _("The results could not be computed from the stored "
                                      "answers."))
    return render(request, "actions/pulse.html", _base(
        membership, pulse=pulse, baseline=baseline, statements=statements,
        outcomes=outcomes, may_see=may_see, k=pulses.pulse_k(pulse),
        verdicts={code: text(lang) for code, text in VERDICTS.items()},
        group_labels=_group_labels(lang)))



def _group_labels(lang: str) -> dict[str, str]:
    return {group: label(lang) for group, label in GROUP_LABELS.items()}
