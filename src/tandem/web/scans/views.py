"""Facilitator pages for scans and invitations (thin: parse, call, render)."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.io.writers import write_csv
from tandem.privacy import POOLED, RateTable, shown_count
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.signals import record_export
from tandem.web.scans import selectors, services
from tandem.web.scans.forms import InvitationListForm, ScanSettingsForm
from tandem.web.scans.links import access_code_url, open_link_url
from tandem.web.scans.models import Scan, ScanEventKind


def _scan(membership: Membership, scan_id: int) -> Scan:
    return selectors.scan_get(organisation=membership.organisation, scan_id=scan_id)


def _to_detail(scan: Scan) -> HttpResponseBase:
    return redirect("scans:detail", org_id=scan.organisation_id, scan_id=scan.pk)


def scan_create_page(request: HttpRequest, membership: Membership, *,
                     initial: dict[str, object] | None = None,
                     template: str = "scans/form.html",
                     context: dict[str, object] | None = None) -> HttpResponse:
    """The new-scan form (filled in with ``initial``, e.g. from a consultant's template:
    ``tandem.web.portfolio``), and the scan it makes."""
    form = ScanSettingsForm(request.POST or None, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        scan = services.scan_create(organisation=membership.organisation, **form.cleaned_data)
        messages.success(request, _("Scan created. Add invitations, then open it."))
        return redirect("scans:detail", org_id=membership.organisation_id, scan_id=scan.pk)
    return render(request, template, {
        "form": form, "organisation": membership.organisation, "scan": None, **(context or {}),
    })


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def scan_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    return scan_create_page(request, membership)


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def scan_edit(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _scan(membership, scan_id)
    form = ScanSettingsForm(request.POST or None, scan=scan)
    if request.method == "POST" and form.is_valid():
        try:
            # Disabled (locked) fields come back with their current values: no change.
            services.scan_update(scan=scan, **form.cleaned_data)
        except services.ScanRuleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("scans:detail", org_id=membership.organisation_id, scan_id=scan.pk)
    return render(request, "scans/form.html", {
        "form": form, "organisation": membership.organisation, "scan": scan,
    })


def _rate_rows(table: RateTable, scan: Scan) -> list[dict[str, object]]:
    labels = {o.code: o.label for o in scan.instrument.option_sets["department"].options}
    lang = get_language() or "nl"
    rows = []
    for row in table.rows:
        if row.key == POOLED:
            label = _("Other departments together") + " (" + ", ".join(
                labels[m](lang) if m in labels else _("not given") for m in row.members) + ")"
        elif row.key == "":
            label = _("Department not given")
        else:
            label = labels[row.key](lang) if row.key in labels else row.key
        rows.append({"label": label, "invited": row.invited, "finished": row.finished,
                     "rate": row.rate})
    return rows


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET"])
def scan_detail(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _scan(membership, scan_id)
    table = selectors.scan_response_rates(scan=scan)
    responses = selectors.submitted_count(scan=scan)
    context = {
        "organisation": membership.organisation,
        "membership": membership,
        "scan": scan,
        "counts": selectors.invitation_counts(scan=scan),
        "rates": _rate_rows(table, scan),
        "rate_total": table.total,
        "responses": shown_count(responses, scan.k),
        "events": scan.events.all(),
        "may_reopen": role_may(membership.role, Action.REOPEN_SCAN),
        "open_link": open_link_url(scan.open_token) if scan.open_token else None,
        "code_url": access_code_url(),
    }
    template = "scans/_rates.html" if request.htmx else "scans/detail.html"  # type: ignore[attr-defined]
    return render(request, template, context)


#: The field a confirmation page posts: a change of status, or a withdrawal, happens
#: only with it, so a stray POST (a double submit, a replayed form) shows the page again.
CONFIRM = "confirm"


def _confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM) == "yes"


def _transition(
    request: HttpRequest,
    membership: Membership,
    scan_id: int,
    kind: ScanEventKind,
    change: Callable[..., Scan],
    done: str,
) -> HttpResponseBase:
    """Open, close or reopen: a GET (or a POST without the confirmation) shows what the
    change means and asks to confirm; the confirmed POST makes it."""
    scan = _scan(membership, scan_id)
    if _confirmed(request):
        try:
            scan = change(scan=scan, actor=authenticated_user(request))
            messages.success(request, done)
        except services.ScanRuleError as exc:
            scan.refresh_from_db()
            if scan.status != services.LEADS_TO[kind]:  # not a double click's second POST
                messages.error(request, str(exc))
        return _to_detail(scan)
    problem = services.scan_transition_problem(scan=scan, kind=kind)
    if problem is not None:
        messages.error(request, problem)
        return _to_detail(scan)
    return render(request, "scans/confirm.html", {
        "organisation": membership.organisation,
        "scan": scan,
        "what": kind.value,
        "counts": selectors.invitation_counts(scan=scan),
        "responses": shown_count(selectors.submitted_count(scan=scan), scan.k),
    })


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def scan_open(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    return _transition(request, membership, scan_id, ScanEventKind.OPENED, services.scan_open,
                       _("The scan is open. Send the invitations now."))


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def scan_close(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    return _transition(request, membership, scan_id, ScanEventKind.CLOSED, services.scan_close,
                       _("The scan is closed; the results are ready."))


@org_view(Action.REOPEN_SCAN)
@require_http_methods(["GET", "POST"])
def scan_reopen(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    return _transition(request, membership, scan_id, ScanEventKind.REOPENED,
                       services.scan_reopen, _("The scan is open again; this has been recorded."))


@org_view(Action.MANAGE_SCANS)
@require_POST
def open_link(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    """Switch the open link + access code on (new values) or off."""
    scan = _scan(membership, scan_id)
    if request.POST.get("enable") == "1":
        services.scan_enable_open_link(scan=scan)
        messages.success(request, _("The open link and access code are ready to share."))
    else:
        services.scan_disable_open_link(scan=scan)
        messages.success(request, _("The open link and access code no longer work."))
    return _to_detail(scan)


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _scan(membership, scan_id)
    form = InvitationListForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    lang = get_language() or "nl"
    labels = {o.code: o.label(lang) for o in scan.instrument.option_sets["department"].options}
    if request.method == "POST" and form.is_valid():
        try:
            people = services.invitation_read_list(scan=scan, text=form.cleaned_data["text"])
            result = services.invitation_bulk_create(scan=scan, entries=people.entries)
        except services.InvitationListError as exc:
            problems = exc.problems
        except services.ScanRuleError as exc:
            problems = [str(exc)]
        else:
            messages.success(request, _("%(count)d invitation(s) added.")
                             % {"count": result.created})
            if people.duplicates:
                messages.info(request, ngettext(
                    "%(count)d address was in the list more than once; it is invited once.",
                    "%(count)d addresses were in the list more than once; each is invited once.",
                    people.duplicates) % {"count": people.duplicates})
            if result.already_invited:
                messages.info(request, _("Already invited, left as they were: %(emails)s")
                              % {"emails": ", ".join(result.already_invited)})
            return redirect("scans:invitations", org_id=membership.organisation_id,
                            scan_id=scan.pk)
    return render(request, "scans/invitations.html", {
        "organisation": membership.organisation,
        "scan": scan,
        "form": form,
        "problems": problems,
        "rows": [(invitation, labels.get(invitation.department, ""))
                 for invitation in selectors.invitations_of(scan=scan)],
        "counts": selectors.invitation_counts(scan=scan),
    })


@org_view(Action.MANAGE_SCANS)
@require_POST
def invitations_send(request: HttpRequest, membership: Membership,
                     scan_id: int) -> HttpResponseBase:
    """Queue invitations (``kind=invite``) or reminders (``kind=remind``)."""
    scan = _scan(membership, scan_id)
    reminder = request.POST.get("kind") == "remind"
    try:
        services.invitations_send(scan=scan, reminder=reminder)
    except services.ScanRuleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The reminders are being sent.") if reminder
                         else _("The invitations are being sent."))
    return redirect("scans:invitations", org_id=membership.organisation_id, scan_id=scan.pk)


@org_view(Action.MANAGE_SCANS)
@require_POST
def invitations_export(request: HttpRequest, membership: Membership,
                       scan_id: int) -> HttpResponseBase:
    """A CSV of fresh personal links for a mail merge (earlier links keep working)."""
    scan = _scan(membership, scan_id)
    links = services.invitation_links_export(scan=scan)
    record_export(request, membership, f"links.csv ({len(links)})", scan)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    buffer = io.StringIO(newline="")  # write_csv neutralises formula-looking cells
    write_csv([["email", "department", "link"],
               *[[link.email, link.department, link.url] for link in links]], buffer)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="tandem-links-{scan.pk}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def invitation_delete(request: HttpRequest, membership: Membership, scan_id: int,
                      invitation_id: int) -> HttpResponseBase:
    """Withdraw one invitation, after a page that asks to confirm (as :func:`_transition`)."""
    scan = _scan(membership, scan_id)
    invitation = selectors.invitation_get(scan=scan, invitation_id=invitation_id)
    if not _confirmed(request):
        return render(request, "scans/confirm.html", {
            "organisation": membership.organisation, "scan": scan, "what": "withdraw",
            "invitation": invitation,
        })
    try:
        services.invitation_delete(invitation=invitation)
        messages.success(request, _("Invitation withdrawn."))
    except services.ScanRuleError as exc:
        messages.error(request, str(exc))
    return redirect("scans:invitations", org_id=membership.organisation_id, scan_id=scan.pk)

