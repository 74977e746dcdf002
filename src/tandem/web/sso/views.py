"""Single sign-on pages: the owner's settings, "sign in with your organisation" and the
provider's way back (the callback).

The flow's bookkeeping lives in the session that starts it: per started sign-in, under
its ``state``, the organisation, the nonce, the PKCE verifier and where to go after.
The callback takes that entry out (used once, at most :data:`PENDING_SECONDS` old), so
an answer the provider did not send to this browser, or a changed ``state``, finds
nothing and is refused. One redirect URI serves every organisation
(``TANDEM_BASE_URL`` + ``/accounts/sso/callback/``): it is built on the configured base,
never on the Host header.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.web.organisations.auth import (
    SIGNED_IN_THROUGH,
    authenticated_user,
    org_view,
    signed_in_through,
)
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.sso import oidc, selectors, services
from tandem.web.sso.forms import SsoSettingsForm, SsoStartForm
from tandem.web.sso.models import Refusal, SingleSignOn

logger = logging.getLogger(__name__)

PENDING = "tandem_sso_pending"
PENDING_SECONDS = 10 * 60
PENDING_KEPT = 5  # sign-ins started in other tabs that may still come back
BACKEND = "tandem.web.sso.backends.SingleSignOnBackend"


def redirect_uri() -> str:
    return settings.TANDEM_BASE_URL + reverse("sso:callback")


def _client(sso: SingleSignOn) -> oidc.Client:
    return oidc.Client(issuer=sso.issuer, client_id=sso.client_id,
                       client_secret=sso.client_secret, scopes=sso.scopes)


def _safe_next(request: HttpRequest, url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return url if url and allowed else ""


# ---------------------------------------------------------------- owner's settings


@org_view(Action.MANAGE_SSO)
@require_http_methods(["GET", "POST"])
def sso_settings(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    current = selectors.sso_of(organisation=organisation)
    form = SsoSettingsForm(request.POST or None, current=current,
                           password_login=organisation.password_login)
    if request.method == "POST" and form.is_valid():
        try:
            services.sso_save(organisation=organisation, by=authenticated_user(request),
                              settings=form.settings(),
                              proven=signed_in_through(request) == organisation.pk)
        except services.SettingsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The single sign-on settings are saved."))
            return redirect("sso:settings", org_id=organisation.pk)
    response = render(request, "sso/settings.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "current": current, "redirect_uri": redirect_uri(),
    })
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------- signing in


def _remember(request: HttpRequest, sso: SingleSignOn, authorization: oidc.Authorization,
              next_url: str) -> None:
    now = time.time()
    pending: dict[str, Any] = {
        state: entry for state, entry in request.session.get(PENDING, {}).items()
        if now - entry.get("at", 0) < PENDING_SECONDS
    }
    pending[authorization.state] = {
        "organisation": sso.organisation_id, "nonce": authorization.nonce,
        "verifier": authorization.code_verifier, "next": next_url, "at": now,
    }
    request.session[PENDING] = dict(sorted(pending.items(), key=lambda kv: kv[1]["at"])
                                    [-PENDING_KEPT:])


def _take(request: HttpRequest, state: str) -> dict[str, Any] | None:
    """The started sign-in ``state`` belongs to, taken out of the session (once)."""
    pending = dict(request.session.get(PENDING, {}))
    entry = pending.pop(state, None) if state else None
    if entry is not None:
        request.session[PENDING] = pending
    if not isinstance(entry, dict) or time.time() - entry.get("at", 0) >= PENDING_SECONDS:
        return None
    return entry


def _refused(request: HttpRequest, refusal: Refusal, detail: str = "") -> HttpResponse:
    return render(request, "sso/refused.html", {"refusal": refusal, "detail": detail},
                  status=refusal.status)


@require_http_methods(["GET", "POST"])
def sso_start(request: HttpRequest) -> HttpResponse:
    """Ask for an address (or short name), then send the browser to that organisation's
    provider. A page that forwards, not a redirect: the form's page allows form posts
    to Tandem only (CSP ``form-action 'self'``), which browsers also apply to a redirect
    that answers the post."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = SsoStartForm(request.POST or None, initial={"identifier": request.GET.get("org", "")})
    if request.method == "POST" and form.is_valid():
        found = selectors.sso_find(identifier=form.cleaned_data["identifier"])
        if len(found) == 1:
            sso = found[0]
            try:
                authorization = oidc.authorization(_client(sso), redirect_uri=redirect_uri(),
                                                   login_hint=form.login_hint())
            except oidc.ProviderError as error:
                logger.warning("single sign-on of organisation %s: %s", sso.organisation_id,
                               error)
                form.add_error(None, Refusal.PROVIDER.label)
            else:
                _remember(request, sso, authorization, next_url)
                response = render(request, "sso/forward.html", {
                    "url": authorization.url, "organisation": sso.organisation})
                response["Cache-Control"] = "no-store"
                return response
        else:
            form.add_error("identifier", (Refusal.AMBIGUOUS if found else Refusal.UNKNOWN).label)
    return render(request, "sso/start.html", {"form": form, "next": next_url})


@require_GET
def sso_callback(request: HttpRequest) -> HttpResponseBase:
    """The provider sends the browser back here with a code (or an error)."""
    entry = _take(request, request.GET.get("state", ""))
    if entry is None:
        logger.warning("single sign-on callback with an unknown or expired state")
        return _refused(request, Refusal.STATE)
    sso = selectors.sso_enabled(organisation_id=entry["organisation"])
    if sso is None:
        return _refused(request, Refusal.NOT_ENABLED)
    error = request.GET.get("error", "")
    code = request.GET.get("code", "")
    returned_issuer = request.GET.get("iss")  # RFC 9207: who answered (mix-up defence)
    if returned_issuer is not None and not oidc.same_issuer(returned_issuer, sso.issuer):
        error = error or "another issuer answered"
    if error or not code:
        logger.warning("single sign-on of organisation %s: the provider answered %s",
                       sso.organisation_id, error or "no code")
        return _refused(request, Refusal.PROVIDER, error[:60])
    try:
        claims = oidc.sign_in_claims(
            _client(sso), redirect_uri=redirect_uri(), code=code, nonce=entry["nonce"],
            code_verifier=entry["verifier"],
            wanted=("email", "email_verified", sso.role_claim))
    except oidc.ProviderError as failure:
        logger.warning("single sign-on of organisation %s: %s", sso.organisation_id, failure)
        return _refused(request, Refusal.PROVIDER)
    try:
        signed_in = services.sso_sign_in(sso=sso, claims=claims)
    except services.SignInRefused as refused:
        return _refused(request, refused.refusal)
    login(request, signed_in.user, backend=BACKEND)
    request.session[SIGNED_IN_THROUGH] = sso.organisation_id
    if signed_in.new_account:
        messages.success(request, _("Welcome to Tandem: your account is ready."))
    return redirect(_safe_next(request, entry["next"]) or
                    reverse("organisations:detail", kwargs={"org_id": sso.organisation_id}))
