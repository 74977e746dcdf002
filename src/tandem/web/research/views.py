"""Research pages: an organisation's consent (owners), and the pool (researchers)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.web.accounts.models import User
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.research import services, tasks
from tandem.web.research.access import may_export_pool
from tandem.web.research.forms import ConsentForm, PoolForm
from tandem.web.research.models import consent_text
from tandem.web.research.selectors.consent import (
    consent_current,
    consent_history,
    consenting_organisations,
)
from tandem.web.research.selectors.pool import pool_content, pool_get, pools_of

ResearcherView = Callable[Concatenate[HttpRequest, User, ...], HttpResponseBase]


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@org_view(Action.MANAGE_RESEARCH)
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, membership: Membership) -> HttpResponse:
    """Join or leave the research pool; the history of both."""
    organisation = membership.organisation
    user = authenticated_user(request)
    current = consent_current(organisation=organisation)
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("choice") == "revoke":
                services.consent_revoke(organisation=organisation, user=user)
                messages.success(request, _("Consent withdrawn: the organisation's scans are "
                                            "in no research pool or benchmark made from now."))
                return redirect("research:consent", org_id=organisation.pk)
            if form.is_valid():
                services.consent_grant(organisation=organisation, user=user,
                                       text=consent_text(), language=_lang())
                messages.success(request, _("Thank you: the organisation's closed scans "
                                            "join the research pool."))
                return redirect("research:consent", org_id=organisation.pk)
        except services.ConsentError:
            return redirect("research:consent", org_id=organisation.pk)
    return render(request, "research/consent.html", {
        "organisation": organisation, "membership": membership, "current": current,
        "form": form, "text": consent_text(),
        "history": consent_history(organisation=organisation)[:50],
    })


def researcher_view(view: ResearcherView) -> Callable[..., HttpResponseBase]:
    """Login, then the research permission (403 without it)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        if not may_export_pool(request.user):
            raise PermissionDenied
        return view(request, authenticated_user(request), **kwargs)

    return wrapped


@researcher_view
@require_http_methods(["GET", "POST"])
def pool(request: HttpRequest, user: User) -> HttpResponse:
    """What the pool holds now, the files made for this researcher, and making one."""
    form = PoolForm(request.POST or None, initial={"language": _lang()})
    if request.method == "POST" and form.is_valid():
        made = services.pool_request(user=user, fmt=form.cleaned_data["fmt"],
                                     language=form.cleaned_data["language"])
        transaction.on_commit(lambda: tasks.build_pool.enqueue(pool_id=made.pk))
        messages.success(request, _("The file is being made; it appears below when it is "
                                    "ready. Reload the page to see."))
        return redirect("research:pool")
    response = render(request, "research/pool.html", {
        "form": form, "pools": pools_of(user=user)[:20],
        "organisations": consenting_organisations().count(), "lang": _lang(),
    })
    response["Cache-Control"] = "private, no-store"
    return response


def _zip(content: Any, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@researcher_view
@require_GET
def pool_stream(request: HttpRequest, user: User, lang: str) -> HttpResponseBase:
    """The pool as CSV, made while it is sent: the download starts at once."""
    if lang not in ("nl", "en"):
        raise Http404
    return _zip(services.pool_stream(user=user, language=lang), f"tandem-pool-{lang}-csv.zip")


@researcher_view
@require_GET
def pool_download(request: HttpRequest, user: User, pool_id: int) -> HttpResponseBase:
    """A pool made in the background, once it is ready."""
    made = pool_get(user=user, pool_id=pool_id)
    if made.status != "ready":
        raise Http404("the pool is not ready")
    services.pool_downloaded(pool=made)
    return _zip(pool_content(pool=made), f"tandem-pool-{made.pk}-{made.fmt}.zip")
