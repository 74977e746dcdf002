"""The respondent's pages: thin views over ``responses.services`` and ``survey.flow``.

Every page works as a plain form (POST, then redirect to a GET); with htmx, a section's
answers are also saved on every change without leaving the page. The page language is
the draft's language (switching saves the answers on the page first); before there is a
draft it comes from ``?lang=``, the browser, or the scan's default.

A link that cannot be used (unknown, mistyped, used, withdrawn, of a deleted, closed or
not yet open scan) always gets the same page, status and headers, in the browser's
language: nothing on it depends on the scan, so an old or forwarded link tells nobody
which organisation ran a survey, or that the link ever worked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import decorator_from_middleware
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from tandem.i18n import LANGUAGES
from tandem.privacy import DEFAULT_COMMENT_K
from tandem.web.responses import services
from tandem.web.responses.models import Draft
from tandem.web.scans.models import Scan
from tandem.web.scans.selectors import scan_for_access_code
from tandem.web.survey import access, flow, ratelimit
from tandem.web.survey.access import LinkKind, UnavailableError, Visit
from tandem.web.survey.middleware import LANGUAGE_COOKIE, PREFIX

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # each in its own language
# 404 for every unusable link: 410 ("gone") would claim the link once worked, which is
# exactly what must not be told, and 403 would say that it exists.
UNAVAILABLE_STATUS = 404
FORM_ID = "survey-form"


# ---------------------------------------------------------------- helpers


def _browser_language(request: HttpRequest) -> str | None:
    """The language the browser asked for, only if it asked (cookie or header)."""
    if (settings.LANGUAGE_COOKIE_NAME in request.COOKIES
            or request.META.get("HTTP_ACCEPT_LANGUAGE")):
        return translation.get_language_from_request(request)
    return None


def _lang(request: HttpRequest, scan: Scan | None, draft: Draft | None = None) -> str:
    """``?lang=``, the draft's language, the respondent's earlier choice, the browser's
    (read only when needed: parsing the browser's header is the costly one)."""
    chosen = flow.offered_language(scan, request.GET.get("lang"),
                                   draft.language if draft is not None else None,
                                   request.COOKIES.get(LANGUAGE_COOKIE))
    return chosen or flow.language_for(scan, _browser_language(request))


def _switch_to(request: HttpRequest, scan: Scan) -> str | None:
    """The language a posted language button asks for, if the scan offers it."""
    wanted = request.POST.get("lang", "")
    return wanted if wanted in scan.languages else None


def _render(request: HttpRequest, template: str, context: dict[str, Any], *, lang: str,
            scan: Scan | None = None, switch_form: str | None = None,
            status: int = 200) -> HttpResponse:
    """Render in ``lang``; the language switch posts ``switch_form`` or links ``?lang=``."""
    offered = list(scan.languages) if scan is not None and scan.languages else list(LANGUAGES)
    context = {
        **context,
        "lang": lang,
        "scan": scan,
        "switch_form": switch_form,
        "languages": tuple((code, LANGUAGE_NAMES.get(code, code)) for code in offered),
    }
    with translation.override(lang):
        response = render(request, template, context, status=status)
    response.headers["Content-Language"] = lang
    if request.COOKIES.get(LANGUAGE_COOKIE) != lang:  # so that error pages follow it
        response.set_cookie(LANGUAGE_COOKIE, lang, max_age=access.RESUME_COOKIE_AGE,
                            path=PREFIX, secure=settings.SESSION_COOKIE_SECURE,
                            httponly=True, samesite="Lax")
    return response


def _blocked(request: HttpRequest) -> HttpResponse | None:
    """Too many unknown links or codes from this client address: refuse every lookup
    (the same counter as the access code), so tokens cannot be guessed in bulk."""
    if not ratelimit.is_blocked(request):
        return None
    return _render(request, "survey/code.html", {"error": _(
        "Too many attempts. Please wait a few minutes and try again."), "code": ""},
        lang=_lang(request, None), status=429)


def _unavailable(request: HttpRequest, exc: UnavailableError) -> HttpResponse:
    """The one page for every link that cannot be used, whatever ``exc.reason`` is.

    Every reason counts towards the guessing limit: if only unknown links counted, the
    counter would tell a used or closed link from a never-issued one.
    """
    ratelimit.record_failure(request)
    return _render(request, "survey/unavailable.html", {}, lang=_lang(request, None),
                   status=UNAVAILABLE_STATUS)


def _from_service(exc: services.SurveyUnavailable) -> UnavailableError:
    return UnavailableError("used" if isinstance(exc, services.LinkUsed) else "closed")


def _entry_url(kind: LinkKind, token: str) -> str:
    return reverse("survey:invitation" if kind == "i" else "survey:resume", kwargs={"token": token})


def _page_url(kind: LinkKind, token: str, page: flow.Page) -> str:
    return reverse("survey:section", kwargs={"kind": kind, "token": token, "section": page.id})


def _review_url(kind: LinkKind, token: str) -> str:
    return reverse("survey:review", kwargs={"kind": kind, "token": token})


def _done_url(lang: str) -> str:
    return f"{reverse('survey:done')}?lang={lang}"


def _resume_link(request: HttpRequest, visit: Visit) -> str | None:
    """The link that brings an open-link respondent back (personal links are their own)."""
    if visit.kind != "r":
        return None
    return request.build_absolute_uri(_entry_url("r", visit.token))


def _remember(response: HttpResponseBase, scan: Scan, resume_token: str) -> None:
    response.set_cookie(
        access.resume_cookie_name(scan), resume_token, max_age=access.RESUME_COOKIE_AGE,
        path="/", secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def _forget(response: HttpResponseBase, scan: Scan) -> None:
    response.delete_cookie(access.resume_cookie_name(scan), path="/", samesite="Lax")


def _switch_language(draft: Draft, language: str | None) -> None:
    if language:
        services.draft_save_answers(draft=draft, answers={}, language=language)


def _progress(pages: tuple[flow.Page, ...], page: flow.Page | None) -> dict[str, Any]:
    """Where ``page`` is among the pages (``None``: past the last one, the review), and
    how many pages are behind the respondent (what the bar fills: full on the review).

    Strings, not numbers: a number in a template goes through localisation, a few dozen
    Python calls each, on every page of every respondent."""
    total = len(pages)
    number = page.number if page is not None else total
    done = number - 1 if page is not None else total
    return {"number": str(number), "total": str(total), "done": str(done),
            "label": lazy(lambda: gettext("Page %(n)s of %(total)s")
                          % {"n": number, "total": total}, str)()}


def _part(page: flow.Page | None) -> str:
    """"part 2 of 4" for a section on several pages (in the language it renders in)."""
    if page is None or page.parts == 1:
        return ""
    return lazy(lambda: gettext("part %(part)s of %(parts)s")
                % {"part": page.part, "parts": page.parts}, str)()


def _intro_context(scan: Scan, **extra: Any) -> dict[str, Any]:
    return {"organisation": scan.organisation.name, "k": scan.k, "comment_k": DEFAULT_COMMENT_K,
            "quick": scan.form == "quick", "pulse": scan.is_pulse,
            "pages": len(flow.pages_for(scan)), **extra}


# ---------------------------------------------------------------- errors

View = Callable[..., HttpResponseBase]
csrf_log = logging.getLogger("django.security.csrf")


class _SurveyCsrfCheck(CsrfViewMiddleware):
    """Django's CSRF check, unchanged, but refused with the survey's own page in the
    respondent's language (Django's page is the facilitators' and in the browser's)."""

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        csrf_log.warning("Forbidden (%s): %s", reason, request.path)
        return _render(request, "survey/csrf_failed.html", {"retry_url": request.path},
                       lang=_lang(request, None), status=403)


def _csrf_checked(view: View) -> View:
    """The survey's CSRF check instead of the global middleware's (same rules)."""
    return csrf_exempt(decorator_from_middleware(_SurveyCsrfCheck)(view))


def not_found(request: HttpRequest) -> HttpResponse:
    """A URL under /s/ that names no page: the same page as any unusable link."""
    return _unavailable(request, UnavailableError("unknown"))


def server_error(request: HttpRequest) -> HttpResponse:
    """A failure under /s/: a short page in the respondent's language (no database)."""
    return _render(request, "survey/error.html", {}, lang=_lang(request, None), status=500)


# ---------------------------------------------------------------- entry pages


@_csrf_checked
@require_http_methods(["GET", "POST"])
def invitation_entry(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: intro and consent, or "welcome back" once a draft exists."""
    return _entry(request, "i", token)


@_csrf_checked
@require_http_methods(["GET", "POST"])
def resume_entry(request: HttpRequest, token: str) -> HttpResponse:
    """The resume link of an open-link draft (also what its cookie points at)."""
    return _entry(request, "r", token)


def _entry(request: HttpRequest, kind: LinkKind, token: str) -> HttpResponse:
    if blocked := _blocked(request):
        return blocked
    try:
        visit = access.visit_for(kind, token)
    except UnavailableError as exc:
        return _unavailable(request, exc)
    scan = visit.scan
    if request.method == "POST":
        switch = _switch_to(request, scan)
        if visit.consented and visit.draft is not None:  # welcome-back page: language only
            try:
                _switch_language(visit.draft, switch)
            except services.SurveyUnavailable as exc:
                return _unavailable(request, _from_service(exc))
            return redirect(_entry_url(kind, token))
        lang = flow.language_for(scan, request.POST.get("lang"))
        if request.POST.get("consent") != "yes":
            return _render(request, "survey/intro.html", _intro_context(
                scan, consent_error=True, action=_entry_url(kind, token)),
                lang=lang, scan=scan, status=400)
        try:
            draft = visit.draft
            if draft is None:
                assert visit.invitation is not None  # a resume link always has its draft
                draft = services.draft_start_for_invitation(invitation=visit.invitation,
                                                            language=lang)
            services.draft_consent(draft=draft)
        except services.SurveyUnavailable as exc:
            return _unavailable(request, _from_service(exc))
        return redirect(_page_url(kind, token, flow.pages_for(scan)[0]))
    lang = _lang(request, scan, visit.draft)
    if not visit.consented:
        return _render(request, "survey/intro.html",
                       _intro_context(scan, action=_entry_url(kind, token)),
                       lang=lang, scan=scan)
    assert visit.draft is not None
    pages = flow.pages_for(scan, visit.draft.answers)
    page = flow.resume_page(pages, visit.draft.answers)
    response = _render(request, "survey/welcome_back.html", _intro_context(
        scan, continue_url=_page_url(kind, token, page) if page else _review_url(kind, token),
        next_page=page, next_title=page.section.title(lang) if page else "",
        next_part=_part(page), progress=_progress(pages, page),
        review_url=_review_url(kind, token), resume_link=_resume_link(request, visit),
        kind=kind, open_token=scan.open_token,
        action=_entry_url(kind, token)), lang=lang, scan=scan, switch_form=FORM_ID)
    if kind == "r":
        _remember(response, scan, token)
    return response


@_csrf_checked
@require_http_methods(["GET", "POST"])
def open_entry(request: HttpRequest, token: str) -> HttpResponseBase:
    """The open link: intro and consent; a browser with a draft goes back to it."""
    if blocked := _blocked(request):
        return blocked
    try:
        scan = access.open_scan_for(token)
    except UnavailableError as exc:
        return _unavailable(request, exc)
    if request.method == "POST":
        lang = flow.language_for(scan, request.POST.get("lang"))
        if request.POST.get("consent") != "yes":
            return _render(request, "survey/intro.html", _intro_context(
                scan, consent_error=True, action=request.path), lang=lang, scan=scan,
                status=400)
        try:
            started = services.draft_start_open(scan=scan, language=lang)
            services.draft_consent(draft=started.draft)
        except services.SurveyUnavailable as exc:
            return _unavailable(request, _from_service(exc))
        response = redirect(_page_url("r", started.resume_token, flow.pages_for(scan)[0]))
        _remember(response, scan, started.resume_token)
        return response
    cookie = request.COOKIES.get(access.resume_cookie_name(scan))
    if request.GET.get("new") != "1" and access.open_draft_from_cookie(scan, cookie):
        assert cookie is not None
        return redirect(_entry_url("r", cookie))
    return _render(request, "survey/intro.html", _intro_context(scan, action=request.path),
                   lang=_lang(request, scan), scan=scan)


@_csrf_checked
@require_http_methods(["GET", "POST"])
def code_entry(request: HttpRequest) -> HttpResponseBase:
    """Typing the access code leads to the open link; failures are rate limited."""
    lang = _lang(request, None)
    if request.method == "POST":
        lang = flow.language_for(None, request.POST.get("lang"), lang)
        code = request.POST.get("code", "")
        if ratelimit.is_blocked(request):
            error = _("Too many attempts. Please wait a few minutes and try again.")
        else:
            scan = scan_for_access_code(code=code[:64])
            if scan is not None and scan.open_token:
                return redirect("survey:open", token=scan.open_token)
            ratelimit.record_failure(request)
            error = _("This code is not valid. Check it and try again.")
        return _render(request, "survey/code.html", {"error": error, "code": code[:64]},
                       lang=lang, status=400)
    return _render(request, "survey/code.html", {}, lang=lang)


# ---------------------------------------------------------------- questions


@_csrf_checked
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, kind: LinkKind, token: str, section: str) -> HttpResponseBase:
    """One section of questions; every POST saves, htmx POSTs answer with a status line."""
    if blocked := _blocked(request):
        return blocked
    try:
        visit = access.visit_for(kind, token)
    except UnavailableError as exc:
        return _unavailable(request, exc)
    if not visit.consented or visit.draft is None:
        return redirect(_entry_url(kind, token))
    scan, draft = visit.scan, visit.draft
    pages = flow.pages_for(scan, draft.answers)
    page = flow.page_get(pages, section)
    if page is None:
        return _unavailable(request, UnavailableError("unknown"))
    errors: dict[str, Any] = {}
    answers: dict[str, str] = dict(draft.answers)
    if request.method == "POST":
        posted = flow.posted_answers(page, request.POST)
        switch = _switch_to(request, scan)
        try:
            draft = services.draft_save_answers(draft=draft, answers=posted, language=switch,
                                                last_section=page.id)
        except services.AnswerError as exc:
            errors = {item_id: _("Choose one of the options given.") for item_id in exc.problems}
            answers.update(posted)
        except services.SurveyUnavailable as exc:
            return _unavailable(request, _from_service(exc))
        if request.htmx:  # type: ignore[attr-defined]
            return _render(request, "survey/_saved.html", {"errors": errors},
                           lang=_lang(request, scan, draft))
        if not errors:
            return redirect(_after_section(request, visit, pages, page, switch))
    lang = _lang(request, scan, draft)
    return _render(request, "survey/section.html", {
        "page": page,
        "title": page.section.title(lang),
        # Where the open comments are asked, the notice of what happens to them takes
        # the section intro's place: the app's rule (tandem.analysis.comments) is the
        # truth, whatever an instrument file's intro promised.
        "intro": page.section.intro(lang) if page.section.intro and not page.asks_comments
        else "",
        "comment_k": DEFAULT_COMMENT_K if page.asks_comments else None,
        "questions": flow.questions(page, lang, answers, errors),
        "errors": errors,
        "progress": _progress(pages, page),
        "part": _part(page),
        "previous": flow.page_before(pages, page),
        "is_last": flow.page_after(pages, page) is None,
        "resume_link": _resume_link(request, visit),
        "kind": kind,
    }, lang=lang, scan=scan, switch_form=FORM_ID, status=400 if errors else 200)


def _after_section(request: HttpRequest, visit: Visit, pages: tuple[flow.Page, ...],
                   page: flow.Page, switched: str | None) -> str:
    nav = request.POST.get("nav", "")
    if switched or nav not in ("next", "back", "later", "review"):
        return _page_url(visit.kind, visit.token, page)
    if nav == "later":
        return _entry_url(visit.kind, visit.token)
    if nav == "back":
        before = flow.page_before(pages, page)
        return (_page_url(visit.kind, visit.token, before) if before
                else _entry_url(visit.kind, visit.token))
    after = flow.page_after(pages, page)
    if nav == "next" and after is not None:
        return _page_url(visit.kind, visit.token, after)
    return _review_url(visit.kind, visit.token)


# ---------------------------------------------------------------- review and submit


@_csrf_checked
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, kind: LinkKind, token: str) -> HttpResponseBase:
    """What is answered per section, and the one button that submits."""
    if blocked := _blocked(request):
        return blocked
    try:
        visit = access.visit_for(kind, token)
    except UnavailableError as exc:
        repeat = (request.method == "POST" and exc.reason in ("used", "unknown")
                  and access.ticket_matches(request.POST.get("ticket", ""), token))
        if repeat:  # submitted already (double click, back button, second tab)
            return redirect(_done_url(flow.language_for(
                None, request.POST.get("lang_now"), _browser_language(request))))
        return _unavailable(request, exc)
    if not visit.consented or visit.draft is None:
        return redirect(_entry_url(kind, token))
    scan, draft = visit.scan, visit.draft
    if request.method == "POST":
        switch = _switch_to(request, scan)
        try:
            if switch or "submit" not in request.POST:
                _switch_language(draft, switch)
                return redirect(_review_url(kind, token))
            services.draft_submit(draft=draft)  # a repeat is a no-op, so either outcome is fine
        except services.SurveyUnavailable as exc:
            return _unavailable(request, _from_service(exc))
        response = redirect(_done_url(draft.language))
        if kind == "r":
            _forget(response, scan)
        return response
    lang = _lang(request, scan, draft)
    pages = flow.pages_for(scan, draft.answers)
    statuses = flow.section_statuses(pages, lang, draft.answers)
    return _render(request, "survey/review.html", {
        "statuses": [(s, _page_url(kind, token, s.page)) for s in statuses],
        "unanswered": sum(s.total - s.answered for s in statuses),
        "ticket": access.submit_ticket(visit),
        "back_url": _page_url(kind, token, pages[-1]),
        "progress": _progress(pages, None),
        "resume_link": _resume_link(request, visit),
    }, lang=lang, scan=scan, switch_form=FORM_ID)


@require_GET
def done(request: HttpRequest) -> HttpResponse:
    """The thank-you page; it knows nothing about who answered or which scan."""
    return _render(request, "survey/done.html", {}, lang=_lang(request, None))
