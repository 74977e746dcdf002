"""The customer mirror: the facilitator's pages (create, links, close, the results tab)
and the customer's anonymous page under ``/s/m/``.

The customer's page sets no cookie of its own and stores nothing about the visitor:
the language comes from ``?lang=`` or the browser, the only cookie is Django's CSRF
token for the form. Unknown or closed links count towards the survey's guessing limit
(:mod:`tandem.web.survey.ratelimit`) and all get one page that names no organisation.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.context import ContextError
from tandem.contract.result import ResultFormatError
from tandem.i18n import LANGUAGES
from tandem.instrument.customer import load_questionnaire
from tandem.responses import ResponseDataError
from tandem.web.mirror import pages, selectors, services
from tandem.web.mirror.models import Mirror
from tandem.web.organisations.auth import org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.ratelimit import client_address, count_failure, reached
from tandem.web.results.cache import scan_stamp
from tandem.web.results.selectors import scan_analysis
from tandem.web.results.views import tab_links
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.scans.selectors import scan_get
from tandem.web.survey import ratelimit

logger = logging.getLogger(__name__)
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
#: Answers one client address may give to one mirror per hour: enough for a shop
#: counter or an office behind one address, too few to flood a stage.
ANSWERS_PER_HOUR = 30


def _absolute(name: str, **kwargs: Any) -> str:
    return f"{settings.TANDEM_BASE_URL}{reverse(name, kwargs=kwargs)}"


def _reader_lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


# ---------------------------------------------------------------- the facilitator


@org_view(Action.MANAGE_SCANS)
@require_GET
def manage(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    """The mirror of a scan: create it, hand out its links, see which stages can be
    shown, close it."""
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    mirror = selectors.mirror_of(scan=scan)
    context: dict[str, Any] = {"organisation": membership.organisation, "scan": scan,
                               "mirror": mirror, "asks_journey": bool(scan.instrument.stages)}
    if mirror is not None:
        ready = selectors.stages_ready(mirror=mirror)
        labels = load_questionnaire(mirror.questionnaire).stages
        lang = _reader_lang()
        context["general_link"] = _absolute("customer:answer", token=mirror.token)
        inside = scan.instrument.stages
        context["links"] = [{"stage": link.stage,
                             "label": inside[link.stage](lang) if link.stage in inside
                             else labels[link.stage](lang),
                             "customer_label": labels[link.stage](lang),
                             "url": _absolute("customer:answer", token=link.token),
                             "ready": ready[link.stage]}
                            for link in selectors.mirror_links(mirror=mirror)]
    return render(request, "mirror/manage.html", context)


@org_view(Action.MANAGE_SCANS)
@require_POST
def create(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    try:
        services.mirror_create(scan=scan)
    except services.MirrorRefusedError:
        messages.error(request, _("This scan cannot have a customer mirror (it has one "
                                  "already, or does not ask about the customer journey)."))
    return redirect("mirror:manage", org_id=membership.organisation_id, scan_id=scan.pk)


@org_view(Action.MANAGE_SCANS)
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponseBase:
    """Asks to confirm (GET); the confirmed POST closes the mirror for good."""
    mirror = selectors.mirror_get(organisation=membership.organisation, scan_id=scan_id)
    if not mirror.is_open:  # nothing to confirm
        return redirect("mirror:manage", org_id=membership.organisation_id, scan_id=scan_id)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.mirror_close(mirror=mirror)
        messages.success(request, _("The customer mirror is closed."))
        return redirect("mirror:manage", org_id=membership.organisation_id, scan_id=scan_id)
    return render(request, "mirror/close.html", {
        "organisation": membership.organisation, "scan": mirror.scan, "mirror": mirror})


def _journey(scan: Scan) -> tuple[Any, ...]:
    """The scan's internal journey (empty when the scan has too few respondents)."""
    return scan_analysis(scan=scan, stamp=scan_stamp(scan)).result.journey


@org_view(Action.VIEW_RESULTS)
@require_GET
def results(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    """The "Customer mirror" tab: per stage, inside beside the customers, flagged first."""
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    context: dict[str, Any] = {
        "organisation": membership.organisation, "scan": scan, "membership": membership,
        "tab": "mirror", "tabs": tab_links(membership, scan, "mirror"),
        "may_manage": role_may(membership.role, Action.MANAGE_SCANS)}
    if scan.status != ScanStatus.CLOSED:
        return render(request, "results/not_ready.html", context)
    mirror = selectors.mirror_of(scan=scan)
    context["mirror"] = mirror
    if mirror is not None and not mirror.is_open:
        try:
            journey = _journey(scan)
        except (ResponseDataError, ContextError, ResultFormatError):
            logger.exception("results of scan %s could not be computed", scan.pk)
            journey = ()
        figures = selectors.mirror_figures(mirror=mirror, journey=journey)
        context.update(rows=pages.mirror_rows(figures, _reader_lang()), k=figures.k,
                       break_below=f"{figures.break_below:.0f}", known_inside=bool(journey))
    return render(request, "mirror/results.html", context)


# ---------------------------------------------------------------- the customer


def _customer_lang(request: HttpRequest) -> str:
    """``?lang=`` (or the posted one), else the browser's language."""
    for wanted in (request.GET.get("lang"), request.POST.get("lang")):
        if wanted in LANGUAGES:
            return str(wanted)
    browser = translation.get_language_from_request(request)
    return "en" if browser.startswith("en") else "nl"


def _customer_render(request: HttpRequest, template: str, context: dict[str, Any], *,
                     lang: str, status: int = 200) -> HttpResponse:
    query = request.GET.copy()
    links = []
    for code in LANGUAGES:
        query["lang"] = code
        links.append((code, LANGUAGE_NAMES[code], f"?{query.urlencode()}"))
    with translation.override(lang):
        response = render(request, template, {**context, "lang": lang, "languages": links},
                          status=status)
    response.headers["Content-Language"] = lang
    response.headers["Cache-Control"] = "no-store"
    return response


def _submission_key(request: HttpRequest, mirror: Mirror) -> str:
    """A one-way key per client address and mirror: the cache counts, never keeps, an
    address (it expires within the hour)."""
    raw = f"{settings.SECRET_KEY}:{mirror.pk}:{client_address(request)}".encode()
    return "mirror-answers:" + hashlib.sha256(raw).hexdigest()


def _unavailable(request: HttpRequest, lang: str) -> HttpResponse:
    ratelimit.record_failure(request)
    return _customer_render(request, "mirror/customer_unavailable.html", {}, lang=lang,
                            status=404)


def _posted_values(request: HttpRequest, statements: list[str]) -> dict[str, int | None] | None:
    """The posted answers (missing and "don't know" are None), or None when one is not an
    option given."""
    values: dict[str, int | None] = {}
    for sid in statements:
        raw = request.POST.get(sid, "")
        if raw in ("", "dk"):
            values[sid] = None
        elif raw in {"1", "2", "3", "4", "5"}:
            values[sid] = int(raw)
        else:
            return None
    return values


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponseBase:
    """A stage's link shows its statements; the general link first asks the stage."""
    lang = _customer_lang(request)
    if ratelimit.is_blocked(request):
        return _customer_render(request, "mirror/customer_unavailable.html",
                                {"blocked": True}, lang=lang, status=429)
    try:
        visit = selectors.visit_for(token)
    except selectors.LinkUnavailableError:
        return _unavailable(request, lang)
    questionnaire = visit.questionnaire
    source = request.POST if request.method == "POST" else request.GET
    stage = visit.stage or source.get("stage", "")
    base = {"organisation": visit.mirror.scan.organisation.name,
            "title": questionnaire.title(lang), "intro": questionnaire.intro(lang),
            "general": visit.stage is None}
    if stage not in questionnaire.stages:
        stages = [(sid, label(lang)) for sid, label in questionnaire.stages.items()]
        return _customer_render(request, "mirror/customer_stage.html", {
            **base, "question": questionnaire.stage_question(lang), "stages": stages,
            "error": request.method == "POST" or bool(source.get("stage"))},
            lang=lang, status=400 if source.get("stage") else 200)
    statements = [s.id for s in questionnaire.statements_for(stage)]
    context = {**base, "stage": stage, "stage_label": questionnaire.stages[stage](lang)}
    if request.method == "POST":
        values = _posted_values(request, statements)
        key = _submission_key(request, visit.mirror)
        if values is not None and reached(key, ANSWERS_PER_HOUR):
            return _customer_render(request, "mirror/customer_unavailable.html",
                                    {"blocked": True}, lang=lang, status=429)
        if values is not None:
            try:
                services.answer_submit(mirror=visit.mirror, stage=stage, values=values)
            except services.AnswerRefusedError as exc:
                if str(exc) == "closed":
                    return _unavailable(request, lang)
            else:
                count_failure(key, 60 * 60)
                return redirect(f"{reverse('customer:thanks')}?lang={lang}")
        chosen = {sid: request.POST.get(sid, "") for sid in statements}
        return _customer_render(request, "mirror/customer_form.html", {
            **context, "error": True,
            "questions": pages.questions(questionnaire, stage, lang, chosen)},
            lang=lang, status=400)
    return _customer_render(request, "mirror/customer_form.html", {
        **context, "questions": pages.questions(questionnaire, stage, lang, {})}, lang=lang)


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    """The same page for every mirror: it names nobody."""
    return _customer_render(request, "mirror/customer_thanks.html", {},
                            lang=_customer_lang(request))
