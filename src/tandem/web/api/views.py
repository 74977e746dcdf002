"""The API tokens page of an organisation: create one (shown once), list, revoke.

Every member may make tokens for themselves; a token can do no more than its member's
role. Owners see and revoke every token of the organisation, others only their own.
The API endpoints themselves are in :mod:`tandem.web.api.endpoints`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.web.api import selectors, services
from tandem.web.api.forms import TokenForm
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may


def _may_see_all(membership: Membership) -> bool:
    return role_may(membership.role, Action.MANAGE_MEMBERS)


@org_view(Action.VIEW_ORGANISATION)
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        created = services.token_create(
            organisation=organisation, user=authenticated_user(request),
            name=form.cleaned_data["name"], write=form.cleaned_data["write"],
            days=form.cleaned_data["days"])
        secret = created.secret
        form = TokenForm()
    listed = selectors.tokens_of(organisation=organisation)
    if not _may_see_all(membership):
        listed = listed.filter(user=membership.user)
    response = render(request, "api/tokens.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "secret": secret, "tokens": listed, "see_all": _may_see_all(membership),
    })
    response["Cache-Control"] = "private, no-store"  # the page may show a secret
    return response


@org_view(Action.VIEW_ORGANISATION)
def revoke(request: HttpRequest, membership: Membership, token_id: int) -> HttpResponseBase:
    token = selectors.token_get(organisation=membership.organisation, token_id=token_id)
    if token.user_id != membership.user_id and not _may_see_all(membership):
        raise Http404("token not found")  # another member's token does not exist for you
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.token_revoke(token=token)
    messages.success(request, _("Token revoked."))
    return redirect("api_tokens:tokens", org_id=membership.organisation_id)
