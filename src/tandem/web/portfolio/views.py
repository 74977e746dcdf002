"""The consultant's pages: the portfolio, organisations side by side, scan templates, and
a scan started from a template (thin: parse, call, render).

The portfolio pages are a consultant's own (404 for anybody else, as an organisation is
to a non-member); starting a scan is organisation work, checked like the scan form.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.web.accounts.models import User
from tandem.web.organisations.auth import authenticated_user, org_view, signed_in_through
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.portfolio import pages, selectors, services
from tandem.web.portfolio.forms import PortfolioQueryForm, ScanTemplateForm
from tandem.web.portfolio.models import ScanTemplate
from tandem.web.scans.views import scan_create_page

ConsultantView = Callable[Concatenate[HttpRequest, User, int | None, ...], HttpResponseBase]


def consultant_view(view: ConsultantView) -> Callable[..., HttpResponseBase]:
    """Login required; 404 unless the user serves an organisation as consultant (in this
    session: one signed in through an organisation's single sign-on reaches only that
    one). The view gets the user and that organisation's id (or None)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        user, through = authenticated_user(request), signed_in_through(request)
        if not selectors.is_consultant(user=user, only=through):
            raise Http404("no portfolio")
        return view(request, user, through, **kwargs)

    return wrapped


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@consultant_view
@require_GET
def portfolio(request: HttpRequest, user: User, through: int | None) -> HttpResponse:
    lang = _lang()
    form = PortfolioQueryForm(request.GET, lang=lang)
    query = form.query()
    found = selectors.clients(user=user, only=through, budget=selectors.PREPARE_SECONDS)
    rows = [pages.row(c, lang) for c in found]
    shown = pages.ordered(pages.filtered(rows, query), query.get("sort", "name"))
    return render(request, "portfolio/portfolio.html", {
        "form": form, "rows": shown, "total": len(rows), "columns": pages.columns(query),
        "preparing": any(r.preparing for r in shown),
        "templates": selectors.templates_of(user=user),
        "min_compared": pages.MIN_COMPARED, "max_compared": pages.MAX_COMPARED,
    })


def _ids(request: HttpRequest) -> list[int]:
    try:
        return list(dict.fromkeys(int(v) for v in request.GET.getlist("o")))
    except ValueError as exc:
        raise Http404("organisation not found") from exc


@consultant_view
@require_GET
def compare(request: HttpRequest, user: User, through: int | None) -> HttpResponse:
    ids = _ids(request)
    fits = pages.MIN_COMPARED <= len(ids) <= pages.MAX_COMPARED
    served = [o for o in selectors.served_organisations(user=user, only=through)
              if through is not None or o.password_login]  # as clients() allows them
    context: dict[str, Any] = {
        "served": served,
        "chosen": ids, "fits": fits, "asked": bool(ids),
        "min_compared": pages.MIN_COMPARED, "max_compared": pages.MAX_COMPARED,
    }
    if fits:
        clients = selectors.clients(user=user, only=through, ids=ids, budget=None)
        context["page"] = pages.comparison(clients, _lang())
    return render(request, "portfolio/compare.html", context)


@consultant_view
@require_GET
def templates(request: HttpRequest, user: User, through: int | None) -> HttpResponse:
    return render(request, "portfolio/templates.html",
                  {"templates": selectors.templates_of(user=user)})


def _template_form(request: HttpRequest, user: User,
                   template: ScanTemplate | None) -> HttpResponse:
    form = ScanTemplateForm(request.POST or None, owner=user, template=template)
    if request.method == "POST" and form.is_valid():
        if template is None:
            services.template_create(owner=user, **form.cleaned_data)
        else:
            services.template_update(template=template, **form.cleaned_data)
        messages.success(request, _("Template saved."))
        return redirect("portfolio:templates")
    return render(request, "portfolio/template_form.html", {"form": form, "template": template})


@consultant_view
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest, user: User, through: int | None) -> HttpResponse:
    return _template_form(request, user, None)


@consultant_view
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, user: User, through: int | None,
                  template_id: int) -> HttpResponse:
    return _template_form(request, user,
                          selectors.template_get(user=user, template_id=template_id))


@consultant_view
@require_POST
def template_delete(request: HttpRequest, user: User, through: int | None,
                    template_id: int) -> HttpResponseBase:
    template = selectors.template_get(user=user, template_id=template_id)
    services.template_delete(template=template)
    messages.success(request, _("Template deleted."))
    return redirect("portfolio:templates")


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def scan_start(request: HttpRequest, membership: Membership) -> HttpResponse:
    """The new-scan form, filled in from one of the user's templates (``?template=``)."""
    user = authenticated_user(request)
    chosen = request.GET.get("template", "")
    template = None
    if chosen:
        if not chosen.isdigit():
            raise Http404("template not found")
        template = selectors.template_get(user=user, template_id=int(chosen))
    return scan_create_page(
        request, membership, template="portfolio/scan_start.html",
        initial=template.scan_initial(timezone.localdate()) if template else None,
        context={"template": template, "templates": selectors.templates_of(user=user)})
