"""Organisation pages: thin views that parse, call a service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.web.organisations import selectors, services
from tandem.web.organisations.auth import authenticated_user, org_view, signed_in_through
from tandem.web.organisations.forms import MemberAddForm, MemberRoleForm, OrganisationForm
from tandem.web.organisations.models import Membership, Organisation
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.signals import home_panels


@login_required
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    if signed_in_through(request) is not None:
        # A session of one organisation's single sign-on reaches that organisation only,
        # so it could not open the one it made (organisations.auth).
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = services.organisation_create(
            name=data["name"],
            owner=authenticated_user(request),
            **{k: data[k] for k in Organisation.CONTEXT_FIELDS},
        )
        messages.success(request, _("Organisation created. You are its owner."))
        return redirect("organisations:detail", org_id=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "creating": True})


@org_view(Action.VIEW_ORGANISATION)
@require_http_methods(["GET"])
def organisation_detail(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    context_rows = [
        (_verbose_name(name), _display(organisation, name)) for name in Organisation.CONTEXT_FIELDS
    ]
    return render(request, "organisations/detail.html", {
        "organisation": organisation,
        "membership": membership,
        "scans": organisation.scans.order_by("-created_at", "-pk"),
        "context_rows": context_rows,
        "may_manage_scans": role_may(membership.role, Action.MANAGE_SCANS),
        "may_edit": role_may(membership.role, Action.EDIT_ORGANISATION),
        "may_manage_members": role_may(membership.role, Action.MANAGE_MEMBERS),
        "may_view_audit": role_may(membership.role, Action.VIEW_AUDIT),
        "may_manage_integrations": role_may(membership.role, Action.MANAGE_INTEGRATIONS),
        "may_manage_sso": role_may(membership.role, Action.MANAGE_SSO),
        "panels": home_panels(membership=membership),
        "may_manage_research": role_may(membership.role, Action.MANAGE_RESEARCH),
    })


def _verbose_name(name: str) -> str:
    field = Organisation._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _display(organisation: Organisation, name: str) -> str:
    value = getattr(organisation, name)
    if value is None or value == "":
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    display = getattr(organisation, f"get_{name}_display", None)
    return str(display()) if display else str(value)


@org_view(Action.EDIT_ORGANISATION)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.organisation_update(
            organisation=organisation,
            name=data["name"],
            **{k: data[k] for k in Organisation.CONTEXT_FIELDS},
        )
        messages.success(request, _("Saved."))
        return redirect("organisations:detail", org_id=organisation.pk)
    return render(request, "organisations/form.html", {
        "form": form, "organisation": organisation, "creating": False,
    })


@org_view(Action.MANAGE_MEMBERS)
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _member, created = services.membership_add(
            organisation=organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            invited_by=authenticated_user(request),
        )
        if created:
            messages.success(request, _("Member added."))
        else:
            messages.info(request, _("That person is already a member; change the role below."))
        return redirect("organisations:members", org_id=organisation.pk)
    return render(request, "organisations/members.html", {
        "organisation": organisation,
        "membership": membership,
        "members": selectors.members_of(organisation=organisation),
        "form": form,
        "role_form": MemberRoleForm(),
    })


def _member_of(membership: Membership, member_id: int) -> Membership:
    return get_object_or_404(Membership, pk=member_id, organisation=membership.organisation)


@org_view(Action.MANAGE_MEMBERS)
@require_POST
def member_role(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponseBase:
    member = _member_of(membership, member_id)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(membership=member, role=form.cleaned_data["role"])
            messages.success(request, _("Role changed."))
        except services.LastOwnerError:
            messages.error(request, _("An organisation needs at least one owner."))
    else:
        messages.error(request, _("Choose a role."))
    return redirect("organisations:members", org_id=membership.organisation_id)


@org_view(Action.MANAGE_MEMBERS)
@require_POST
def member_remove(request: HttpRequest, membership: Membership, member_id: int) -> HttpResponseBase:
    member = _member_of(membership, member_id)
    try:
        services.membership_remove(membership=member)
        messages.success(request, _("Member removed."))
    except services.LastOwnerError:
        messages.error(request, _("An organisation needs at least one owner."))
    return redirect("organisations:members", org_id=membership.organisation_id)
