"""Project-level views: the dashboard and a health check."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tandem.web.organisations.auth import authenticated_user, signed_in_through
from tandem.web.organisations.selectors import organisations_for_user
from tandem.web.portfolio.selectors import is_consultant


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to, with their role (only the one whose single
    sign-on signed the session in, if it was), and a consultant's way to the portfolio."""
    through = signed_in_through(request)
    user = authenticated_user(request)
    organisations = organisations_for_user(user=user, only=through)
    return render(request, "home.html", {"organisations": organisations,
                                         "signed_in_through": through,
                                         "consultant": is_consultant(user=user, only=through)})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app runs and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
