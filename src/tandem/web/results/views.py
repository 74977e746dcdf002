"""The results pages of a closed scan: tabs over the core's one Result, plus downloads.

Views are thin: resolve the membership and the scan, read the cached result through
the selectors, let :mod:`tandem.web.results.pages` pick what the tab shows, render.
Filters (``?filter=level:manager``) are honoured only when the core's filter module
offered them (:mod:`tandem.filters`); anything else shows the unfiltered result with a
notice, so a hand-made URL cannot reach a small set.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tandem.context import ContextError
from tandem.contract.result import Result, ResultFormatError
from tandem.report.action_plan import ActionPlanSection, action_plan_section
from tandem.report.deck import render_deck
from tandem.report.exports import anonymised_export, write_aggregated_csv
from tandem.report.pdf import render_pdf
from tandem.report.psychometrics import tables as psychometrics_tables
from tandem.report.research import FORMATS
from tandem.report.wording import group_notes, percent
from tandem.report.workbook import render_workbook
from tandem.responses import ResponseDataError
from tandem.web.organisations.auth import org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action, role_may
from tandem.web.organisations.signals import record_export
from tandem.web.results import pages
from tandem.web.results.cache import scan_stamp
from tandem.web.results.selectors import (
    filtered_result,
    research_export,
    scan_analysis,
    scan_comparison,
    scan_psychometrics,
    scan_purged,
    scan_responses,
    shown_result,
    with_owner_target,
)
from tandem.web.results.signals import (
    action_plan_items,
    benchmark_for,
    benchmark_offered,
    funnel_for_report,
    mirror_for_report,
)
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.scans.selectors import scan_get, scan_response_rates

logger = logging.getLogger(__name__)

# (tab id, URL name, label, whether filters apply)
TABS: tuple[tuple[str, str, Any, bool], ...] = (
    ("overview", "results:scan", _("Overview"), True),
    ("tensions", "results:tensions", _("Tensions"), True),
    ("gaps", "results:gaps", _("Perception gaps"), True),
    ("decisions", "results:decisions", _("Decision rights"), True),
    ("journey", "results:journey", _("Customer journey"), True),
    ("mirror", "mirror:results", _("Customer mirror"), False),  # tandem.web.mirror
    ("comments", "results:comments", _("Comments"), False),
    ("method", "results:method", _("Methodology"), False),
    ("psychometrics", "results:psychometrics", _("Psychometrics"), False),
    ("compare", "results:compare", _("Compare"), False),
    ("benchmark", "results:benchmark", _("Benchmark"), False),
    ("downloads", "results:downloads", _("Downloads"), False),
)

Builder = Callable[[Result, str], dict[str, Any]]
#: Tabs only some roles see (the others are every member's).
TAB_ACTIONS = {"psychometrics": Action.VIEW_RESEARCH}
BUILDERS: dict[str, Builder] = {
    "overview": pages.overview,
    "tensions": pages.tensions,
    "gaps": pages.gaps,
    "decisions": pages.decisions,
    "journey": pages.journey,
    "comments": pages.comments,
    "method": pages.methodology,
}


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _closed_scan(membership: Membership, scan_id: int) -> Scan:
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    if scan.status != ScanStatus.CLOSED:
        raise Http404("no results before the scan closes")
    if scan.is_pulse:  # a pulse has its own page (actions), never a full diagnosis
        raise Http404("a pulse's results are on its pulse page")
    return scan


def tab_links(membership: Membership, scan: Scan, tab: str,
              chosen: str = "") -> list[dict[str, Any]]:
    """The result tabs this member sees (also drawn by the customer mirror's tab)."""
    return [{"id": t[0], "url": t[1], "label": t[2],
             "query": f"?filter={chosen}" if chosen and t[3] else ""} for t in TABS
            if role_may(membership.role, TAB_ACTIONS.get(t[0], Action.VIEW_RESULTS))
            and (t[0] != "benchmark" or tab == t[0] or benchmark_offered(scan=scan))]


def _tab(request: HttpRequest, membership: Membership, scan_id: int, tab: str) -> HttpResponse:
    scan = scan_get(organisation=membership.organisation, scan_id=scan_id)
    if scan.is_pulse:  # the pulse page (actions) shows what a pulse may show
        return redirect("actions:pulse", org_id=scan.organisation_id, scan_id=scan.pk)
    context: dict[str, Any] = {"organisation": membership.organisation, "scan": scan,
                               "membership": membership, "tab": tab}
    if scan.status != ScanStatus.CLOSED:
        return render(request, "results/not_ready.html", context)
    lang = _lang()
    try:
        stamp = scan_stamp(scan)
        analysis = scan_analysis(scan=scan, stamp=stamp)
    except (ResponseDataError, ContextError, ResultFormatError):
        logger.exception("results of scan %s could not be computed", scan.pk)
        context["failed"] = True
        return render(request, "results/failed.html", context, status=500)
    result = with_owner_target(scan=scan, result=analysis.result)
    filters_apply = next(t[3] for t in TABS if t[0] == tab)
    chosen = request.GET.get("filter", "")
    context["filter_refused"] = False
    if chosen and filters_apply:
        dimension, _sep, value = chosen.partition(":")
        filtered = filtered_result(scan=scan, dimension=dimension, value=value, stamp=stamp)
        if filtered is None:
            context["filter_refused"] = True
            chosen = ""
        else:
            result = filtered
    else:
        chosen = ""
    context.update(
        result=result,
        lang=lang,
        tabs=tab_links(membership, scan, tab, chosen),
        filters_apply=filters_apply,
        filter_choices=pages.labels_for(analysis.filters.offered(), scan.instrument, lang),
        chosen=chosen,
        too_few=result.meta.n is None,
        may_export_responses=role_may(membership.role, Action.EXPORT_RESPONSES),
        may_run_meeting=role_may(membership.role, Action.RUN_MEETING),
        purged=scan_purged(scan=scan),
    )
    if not context["too_few"]:
        context["group_notes"] = group_notes(result, lang)  # what was pooled or left out
        if tab in BUILDERS:
            context["page"] = BUILDERS[tab](result, lang)
        elif tab == "compare":
            found = scan_comparison(scan=scan, stamp=stamp)
            context["previous"] = found.previous if found else None
            context["compared"] = found
            context["page"] = (pages.comparison(result, found.comparison, lang)
                               if found and found.comparison else None)
        elif tab == "benchmark":
            context["page"] = pages.benchmark(benchmark_for(scan=scan, result=result), result,
                                              lang)
        elif tab == "psychometrics" and context["purged"] is None:
            context["page"] = psychometrics_tables(scan_psychometrics(scan=scan, stamp=stamp),
                                                   lang)
    if tab == "overview":
        rates = scan_response_rates(scan=scan)
        rate = rates.total.rate
        context["rate"] = percent(rate, lang) if rate is not None else None
    return render(request, f"results/{tab}.html", context)


def _tab_view(tab: str) -> Callable[..., Any]:
    @org_view(Action.VIEW_RESULTS)
    @require_GET
    def view(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
        return _tab(request, membership, scan_id, tab)

    view.__name__ = view.__qualname__ = f"results_{tab}"
    return view


@org_view(Action.VIEW_RESEARCH)
@require_GET
def psychometrics(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    """Reliability, ICC, invariance and the ladder check: for owners and facilitators
    (consultants and researchers), not for every member."""
    return _tab(request, membership, scan_id, "psychometrics")


scan_results = _tab_view("overview")
tensions = _tab_view("tensions")
gaps = _tab_view("gaps")
decisions = _tab_view("decisions")
journey = _tab_view("journey")
comments = _tab_view("comments")
method = _tab_view("method")
compare = _tab_view("compare")
benchmark = _tab_view("benchmark")
downloads = _tab_view("downloads")


# ---------------------------------------------------------------- downloads


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@org_view(Action.VIEW_RESULTS)
@require_GET
def scan_results_json(request: HttpRequest, membership: Membership,
                      scan_id: int) -> HttpResponse:
    """The core's result object as JSON (its schema lives in ``tandem/contract``)."""
    scan = _closed_scan(membership, scan_id)
    record_export(request, membership, "results.json", scan)
    response = HttpResponse(shown_result(scan=scan).to_json(indent=None),
                            content_type="application/json")
    response["Content-Disposition"] = f'inline; filename="tandem-result-{scan.pk}.json"'
    return response


def _action_plan(
    membership: Membership, result: Result, lang: str, today: date
) -> ActionPlanSection | None:
    """The organisation's action plan for the report, when it has one."""
    items = action_plan_items(organisation=membership.organisation)
    if not items:
        return None
    titles = {step.step: step.title(lang) for step in result.roadmap}
    return action_plan_section(items, lang, today, titles)


@org_view(Action.VIEW_RESULTS)
@require_GET
def download_pdf(request: HttpRequest, membership: Membership, scan_id: int,
                 lang: str) -> HttpResponse:
    if lang not in ("nl", "en"):
        raise Http404
    scan = _closed_scan(membership, scan_id)
    record_export(request, membership, f"report-{lang}.pdf", scan)
    result = shown_result(scan=scan)
    today = timezone.localdate()
    pdf = render_pdf(result, lang, organisation=membership.organisation.name, scan=scan.title,
                     generated_on=today, action_plan=_action_plan(membership, result, lang, today),
                     funnel=funnel_for_report(organisation=membership.organisation, scan=scan,
                                              result=result),
                     mirror=mirror_for_report(scan=scan, result=result))
    return _attachment(pdf, "application/pdf", f"tandem-report-{scan.pk}-{lang}.pdf")


PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@org_view(Action.RUN_MEETING)
@require_GET
def download_deck(request: HttpRequest, membership: Membership, scan_id: int,
                  lang: str) -> HttpResponse:
    """The deck for the management meeting (PowerPoint): for owners and facilitators, who
    run the meeting."""
    if lang not in ("nl", "en"):
        raise Http404
    scan = _closed_scan(membership, scan_id)
    record_export(request, membership, f"meeting-{lang}.pptx", scan)
    result = shown_result(scan=scan)
    deck = render_deck(result, lang, organisation=membership.organisation.name,
                       scan=scan.title, generated_on=timezone.localdate(),
                       mirror=mirror_for_report(scan=scan, result=result))
    return _attachment(deck, PPTX, f"tandem-meeting-{scan.pk}-{lang}.pptx")


@org_view(Action.VIEW_RESULTS)
@require_GET
def download_xlsx(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _closed_scan(membership, scan_id)
    record_export(request, membership, "results.xlsx", scan)
    result = shown_result(scan=scan)
    book = render_workbook(result, _lang(), mirror=mirror_for_report(scan=scan, result=result))
    return _attachment(
        book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"tandem-results-{scan.pk}.xlsx",
    )


@org_view(Action.VIEW_RESULTS)
@require_GET
def download_csv(request: HttpRequest, membership: Membership, scan_id: int) -> HttpResponse:
    scan = _closed_scan(membership, scan_id)
    record_export(request, membership, "figures.csv", scan)
    out = io.StringIO()
    write_aggregated_csv(shown_result(scan=scan), out)
    return _attachment(out.getvalue(), "text/csv; charset=utf-8",
                       f"tandem-figures-{scan.pk}.csv")


def _purged(request: HttpRequest, membership: Membership, scan: Scan) -> HttpResponse | None:
    """410 Gone for an export of the answers once the retention period purged them."""
    purged = scan_purged(scan=scan)
    if purged is None:
        return None
    return render(request, "results/purged.html", {
        "organisation": membership.organisation, "scan": scan, "purged": purged}, status=410)


@org_view(Action.EXPORT_RESPONSES)
@require_GET
def download_responses(request: HttpRequest, membership: Membership,
                       scan_id: int) -> HttpResponse:
    """The anonymised answers with the codebook: owners only. 410 Gone once purged."""
    scan = _closed_scan(membership, scan_id)
    gone = _purged(request, membership, scan)
    if gone is not None:
        return gone
    record_export(request, membership, "responses.zip", scan)
    result = shown_result(scan=scan)
    bundle = anonymised_export(scan_responses(scan=scan), result, _lang())
    return _attachment(bundle, "application/zip", f"tandem-responses-{scan.pk}.zip")


@org_view(Action.EXPORT_RESPONSES)
@require_GET
def download_research(request: HttpRequest, membership: Membership, scan_id: int,
                      fmt: str) -> HttpResponse:
    """The research export (SPSS, Stata or CSV with its codebook, zipped): owners only,
    as the anonymised answers. 410 Gone once purged; 404 when the scan shows nothing."""
    if fmt not in FORMATS:
        raise Http404
    scan = _closed_scan(membership, scan_id)
    gone = _purged(request, membership, scan)
    if gone is not None:
        return gone
    bundle = research_export(scan=scan, fmt=fmt, lang=_lang())
    if bundle is None:
        raise Http404("too few answers: nothing to export")
    record_export(request, membership, f"research-{fmt}.zip", scan)
    return _attachment(bundle, "application/zip", f"tandem-research-{scan.pk}-{fmt}.zip")
