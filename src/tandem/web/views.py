"""Project-level views: the dashboard, a health check, the page of a failed CSRF check
and the error pages' dispatch."""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import defaults
from django.views.decorators.http import require_GET

from tandem.web.organisations.auth import authenticated_user, signed_in_through
from tandem.web.organisations.selectors import organisations_for_user
from tandem.web.portfolio.selectors import is_consultant
from tandem.web.research.access import may_export_pool
from tandem.web.survey import views as survey_views
from tandem.web.survey.middleware import PREFIX as SURVEY_PREFIX


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The organisations the user belongs to, with their role (only the one whose single
    sign-on signed the session in, if it was), a consultant's way to the portfolio and a
    researcher's to the research pool."""
    through = signed_in_through(request)
    user = authenticated_user(request)
    organisations = organisations_for_user(user=user, only=through)
    return render(request, "home.html", {"organisations": organisations,
                                         "signed_in_through": through,
                                         "consultant": is_consultant(user=user, only=through),
                                         "researcher": may_export_pool(user)})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the app runs and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


#: Fields never written back into a page: credentials and one-time codes.
_SECRET_FIELD = re.compile(r"pass(word|wd|phrase)?\d*$|token|secret|csrf|(^|_)code$|(^|_)key$",
                           re.IGNORECASE)
#: A value the page chose rather than the person typed (a choice's code, a number, a
#: date): sent again, but not shown under "what you typed".
_CODE_VALUE = re.compile(r"[a-z0-9_.:+\-]*")


def _carried(data: MultiValueDict[str, str]) -> tuple[list[tuple[str, str]], bool]:
    """The posted fields to send again (each value of a repeated field) and whether a
    secret one was left out."""
    carried: list[tuple[str, str]] = []
    dropped = False
    for name, values in data.lists():
        if name == "csrfmiddlewaretoken":  # the stale token: the new form has its own
            continue
        if _SECRET_FIELD.search(name):
            dropped = True
            continue
        carried.extend((name, value) for value in values)
    return carried, dropped


def _ours(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure())


def _from_our_pages(request: HttpRequest) -> bool:
    """Whether the browser says the form was on one of our pages: its Origin (sent with
    every POST by current browsers), else its Referer. A form another site made a
    visitor's browser send must not come back as our own form with a valid token: one
    click on "Send again" would carry out the forgery the check has just stopped."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is not None:
        own = f"{request.scheme}://{request.get_host()}"
        return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS
    return _ours(request, request.META.get("HTTP_REFERER", ""))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without a valid security token, usually because
    the session expired or the page was open for long. Django's page is a bare English
    403; this one says in the reader's language what happened and what to do, and keeps
    what they typed: every posted value (never a password, token or code) goes into a
    fresh form with a new token that sends it to the same address again, and what they
    typed themselves is shown. Only for a form from our own pages (:func:`_from_our_pages`);
    another site's gets the explanation and nothing to send. Django has logged the
    refusal (one line)."""
    ours = _from_our_pages(request)
    fields, dropped = _carried(request.POST) if ours else ([], False)
    typed = [value for _name, value in fields
             if value.strip() and not _CODE_VALUE.fullmatch(value.strip())]
    came_from = request.META.get("HTTP_REFERER", "")
    return render(request, "csrf_failure.html", {
        "ours": ours,
        "fields": fields,
        "typed": typed,
        "dropped": dropped,
        "files": bool(request.FILES) and ours,
        "action": request.get_full_path(),
        "back": came_from if _ours(request, came_from) else reverse("home"),
    }, status=403)


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
