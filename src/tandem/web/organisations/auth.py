"""Access control for organisation-scoped views: 404 outside, 403 for a weaker role.

Every view under ``/o/<org_id>/`` is wrapped by :func:`org_view`, which resolves the
user's membership (404 when there is none, so nobody learns which organisations exist)
and checks the role against :mod:`tandem.web.organisations.permissions` (403).

How the session was signed in also counts (single sign-on, ``tandem.web.sso``):

* A session signed in through an organisation's identity provider carries that
  organisation's id (:data:`SIGNED_IN_THROUGH`) and reaches that organisation only:
  its other memberships answer 404 as if they did not exist. An organisation's provider
  vouches for addresses at the domains its owner listed; it must not open the data of
  other organisations the same address belongs to, whose owners never trusted it.
* A session signed in with a password reaches every organisation of the user except one
  whose owner switched password login off: that one answers 403 with a link to sign in
  through its provider.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import render

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.selectors import membership_get

OrgView = Callable[Concatenate[HttpRequest, Membership, ...], HttpResponseBase]

#: Session key: the id of the organisation whose single sign-on signed this session in
#: (absent after a password login). Written by ``tandem.web.sso``, read here.
SIGNED_IN_THROUGH = "tandem_signed_in_through"


def signed_in_through(request: HttpRequest) -> int | None:
    """The organisation whose single sign-on signed this session in, or None."""
    value = request.session.get(SIGNED_IN_THROUGH)
    return value if isinstance(value, int) else None


def authenticated_user(request: HttpRequest) -> User:
    """The logged-in user (views using this are behind ``login_required``)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def org_view(action: Action) -> Callable[[OrgView], Callable[..., HttpResponseBase]]:
    def decorator(view: OrgView) -> Callable[..., HttpResponseBase]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, org_id: int, **kwargs: Any) -> HttpResponseBase:
            through = signed_in_through(request)
            if through is not None and through != org_id:
                raise Http404("organisation not found")
            membership = membership_get(user=authenticated_user(request), organisation_id=org_id)
            if through is None and not membership.organisation.password_login:
                return render(request, "organisations/sso_required.html",
                              {"organisation": membership.organisation}, status=403)
            if not role_may(membership.role, action):
                raise PermissionDenied
            return view(request, membership, **kwargs)

        wrapped.tandem_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator
