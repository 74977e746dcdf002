"""Assembling the report: the sections in order, handed to the typst template as JSON."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import typst

from tandem.analysis.mirror import Mirror
from tandem.contract.result import Result
from tandem.report.action_plan import ActionPlanSection
from tandem.report.funnel import FunnelReport
from tandem.report.pdf._blocks import _para, _section
from tandem.report.pdf._words import MONTHS, T
from tandem.report.pdf.comments import _comments
from tandem.report.pdf.decisions import _decisions, _journey
from tandem.report.pdf.empathy import _empathy
from tandem.report.pdf.funnel import _funnel
from tandem.report.pdf.gaps import _gaps
from tandem.report.pdf.method import _method
from tandem.report.pdf.mirror import _mirror
from tandem.report.pdf.roadmap import _action_plan, _roadmap
from tandem.report.pdf.scales import _phase, _tensions
from tandem.report.pdf.summary import _summary, _title

TEMPLATE = "report.typ"

logger = logging.getLogger(__name__)


def render_pdf(
    result: Result,
    lang: str,
    *,
    organisation: str | None = None,
    scan: str | None = None,
    generated_on: date | None = None,
    action_plan: ActionPlanSection | None = None,
    funnel: FunnelReport | None = None,
    mirror: Mirror | None = None,
) -> bytes:
    """The whole report as PDF bytes, in ``lang`` ("nl" or "en").

    ``scan`` (the scan's name) joins the organisation, the date and the number of
    respondents in the title line on page 1. ``action_plan`` (rows from
    :func:`tandem.report.action_plan.action_plan_section`) adds the organisation's action
    plan after the roadmap; ``funnel`` (from :func:`tandem.report.funnel.funnel_report`)
    the funnel beside the scan after it; ``mirror`` (a closed customer mirror's figures,
    from :func:`tandem.analysis.mirror.mirror`) the customers' view after the journey.
    """
    day = generated_on or date.today()
    data = report_data(
        result, lang, organisation=organisation, scan=scan, generated_on=day,
        action_plan=action_plan, funnel=funnel, mirror=mirror,
    )
    pdf, warnings = compile_report(data, day)
    for warning in warnings:  # e.g. a layout that did not settle: page numbers may be off
        logger.warning("typst: %s", warning)
    return pdf


def compile_report(data: dict[str, Any], day: date) -> tuple[bytes, tuple[str, ...]]:
    """The PDF of :func:`report_data`'s ``data``, and typst's warnings about it."""
    template = resources.files("tandem.report") / "templates" / TEMPLATE
    with resources.as_file(template) as path:
        pdf, warnings = typst.compile_with_warnings(
            str(path),
            format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            ignore_system_fonts=True,
            timestamp=datetime(day.year, day.month, day.day, tzinfo=UTC),
        )
    assert isinstance(pdf, bytes)
    return pdf, tuple(str(getattr(w, "message", w)) for w in warnings)


def report_data(
    result: Result,
    lang: str,
    *,
    organisation: str | None,
    generated_on: date,
    scan: str | None = None,
    action_plan: ActionPlanSection | None = None,
    funnel: FunnelReport | None = None,
    mirror: Mirror | None = None,
) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready data (words already in ``lang``)."""

    def t(key: str) -> str:
        return T[key](lang)

    day = long_date(generated_on, lang)
    sections: list[dict[str, Any]] = []
    if result.phase is None or result.meta.n is None:
        sections.append(_section(t("summary"), [_para(t("too_few"))]))
        if mirror is not None:  # the customers' view stands without the inside
            sections.append(_mirror(mirror, lang))
    else:
        sections += [
            _summary(result, lang),
            _phase(result, lang),
            _tensions(result, lang),
            _gaps(result, lang),
        ]
        if result.empathy.asked:
            sections.append(_empathy(result, lang))
        if result.decision_rights:
            sections.append(_decisions(result, lang))
        if result.journey:
            sections.append(_journey(result, lang))
        if mirror is not None:
            sections.append(_mirror(mirror, lang))
        if any(c.shown for c in result.comments):
            sections.append(_comments(result, lang))
        if result.roadmap and result.target is not None:
            sections.append(_roadmap(result, lang))
    if action_plan is not None and action_plan.rows:
        sections.append(_action_plan(action_plan, lang))
    if funnel is not None:
        sections.append(_funnel(funnel, lang))
    sections.append(_method(result, lang, day))
    return {
        "lang": lang,
        "title": f"{t('kicker')}" + (f" · {organisation}" if organisation else ""),
        "running": t("running"),
        "organisation": organisation or "",
        "footer": t("footer").format(date=day),
        "head": _title(result, lang, organisation, scan, day),
        "sections": sections,
    }


def long_date(day: date, lang: str) -> str:
    """ "12 maart 2025" / "12 March 2025"."""
    month = MONTHS["en" if lang == "en" else "nl"][day.month - 1]
    return f"{day.day} {month} {day.year}"
