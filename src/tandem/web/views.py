"""Project-level views: the dashboard, a health check, and the error pages' dispatch."""

from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from tandem.web.organisations.auth import authenticated_user, signed_in_through
from tandem.web.organisations.selectors import organisations_for_user
from tandem.web.survey import views as survey_views
from tandem.web.survey.middleware import PREFIX as SURVEY_PREFIX


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to, with their role (only the one whose single
    sign-on signed the session in, if it was)."""
    through = signed_in_through(request)
    organisations = organisations_for_user(user=authenticated_user(request), only=through)
    return render(request, "home.html", {"organisations": organisations,
                                         "signed_in_through": through})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app runs and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A respondent's unknown URL gets the survey's page in their language."""
    if request.path.startswith(SURVEY_PREFIX):
        return survey_views.not_found(request)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if request.path.startswith(SURVEY_PREFIX):
        try:
            return survey_views.server_error(request)
        except Exception:  # the plain page below needs nothing to work
            logging.getLogger("django.request").exception("survey error page failed")
    return defaults.server_error(request)
