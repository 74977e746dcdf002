"""Pages of the shared glossary: the terms (also as CSV, in the language of whoever
downloads it), a term with its history, the starter terms, proposing a wording (for a
term or a new one) and an owner's decision on a proposal.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.web.actions import selectors, services
from tandem.web.actions.forms import GlossaryDecisionForm, GlossaryProposalForm
from tandem.web.actions.views._common import _base, _csv_download, _errors, _form_page, _lang
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.signals import record_export


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
def glossary_csv(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The terms as CSV, every header and word in the downloader's language."""
    lang = _lang()
    record_export(request, membership, "glossary.csv")
    terms = selectors.glossary_terms(organisation=membership.organisation)
    rows = [[_("Term"), _("Definition"), _("Entry criteria"), _("Exit criteria"), _("Owner"),
             _("Funnel stage")]]
    rows += [[t.text("term", lang), t.text("definition", lang), t.text("entry", lang),
              t.text("exit", lang), t.get_owner_display(), _("yes") if t.stage else _("no")]
             for t in terms]
    return _csv_download(rows, "glossary.csv" if lang == "en" else "begrippenlijst.csv")


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
    return _form_page(
        request, membership, form, lambda: services.glossary_change_propose(
            organisation=organisation, term=term, fields=form.content(),
            reason=form.cleaned_data["reason"], by=authenticated_user(request)),
        success=_("Your proposal has been sent to the owners."),
        then=lambda _change: redirect("actions:glossary", org_id=organisation.pk),
        template="actions/glossary_propose.html", term=term)


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
