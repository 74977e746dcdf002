"""Access control for organisation-scoped views: 404 outside, 403 for a weaker role.

Every view under ``/o/<org_id>/`` is wrapped by :func:`org_view`, which resolves the
user's membership (404 when there is none, so nobody learns which organisations exist)
and checks the role against :mod:`tandem.web.organisations.permissions` (403).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from tandem.web.accounts.models import User
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.selectors import membership_get

OrgView = Callable[Concatenate[HttpRequest, Membership, ...], HttpResponseBase]


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
            membership = membership_get(user=authenticated_user(request), organisation_id=org_id)
            if not role_may(membership.role, action):
                raise PermissionDenied
            return view(request, membership, **kwargs)

        wrapped.tandem_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator
