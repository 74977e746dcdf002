"""Assembling the report: the sections in order, handed to the typst template as JSON."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import typst

from tandem.contract.result import Result
from tandem.report.action_plan import ActionPlanSection
from tandem.report.funnel import FunnelReport
from tandem.report.pdf._blocks import _para, _section
from tandem.report.pdf._words import MONTHS, T
from tandem.report.pdf.comments import _comments
from tandem.report.pdf.decisions import _decisions, _journey
from tandem.report.pdf.funnel import _funnel
from tandem.report.pdf.gaps import _gaps
from tandem.report.pdf.method import _method
from tandem.report.pdf.roadmap import _action_plan, _roadmap
from tandem.report.pdf.scales import _phase, _tensions
from tandem.report.pdf.summary import _cover, _summary

TEMPLATE = "report.typ"


def render_pdf(
    result: Result,
    lang: str,
    *,
    organisation: str | None = None,
    generated_on: date | None = None,
    action_plan: ActionPlanSection | None = None,
    funnel: FunnelReport | None = None,
) -> bytes:
    """The whole report as PDF bytes, in ``lang`` ("nl" or "en").

    ``action_plan`` (rows from :func:`tandem.report.action_plan.action_plan_section`)
    adds the organisation's action plan after the roadmap; ``funnel`` (from
    :func:`tandem.report.funnel.funnel_report`) the funnel beside the scan after it.
    """
    day = generated_on or date.today()
    data = report_data(
        result, lang, organisation=organisation, generated_on=day, action_plan=action_plan,
        funnel=funnel,
    )
    template = resources.files("tandem.report") / "templates" / TEMPLATE
    with resources.as_file(template) as path:
        pdf = typst.compile(
            str(path),
            format="pdf",
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            ignore_system_fonts=True,
            timestamp=datetime(day.year, day.month, day.day, tzinfo=UTC),
        )
    assert isinstance(pdf, bytes)
    return pdf


def report_data(
    result: Result,
    lang: str,
    *,
    organisation: str | None,
    generated_on: date,
    action_plan: ActionPlanSection | None = None,
    funnel: FunnelReport | None = None,
) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready data (words already in ``lang``)."""

    def t(key: str) -> str:
        return T[key](lang)

    day = long_date(generated_on, lang)
    sections: list[dict[str, Any]] = []
    if result.phase is None or result.meta.n is None:
        sections.append(_section(t("summary"), [_para(t("too_few"))]))
    else:
        sections += [
            _summary(result, lang),
            _phase(result, lang),
            _tensions(result, lang),
            _gaps(result, lang),
        ]
        if result.decision_rights:
            sections.append(_decisions(result, lang))
        if result.journey:
            sections.append(_journey(result, lang))
        if any(c.shown for c in result.comments):
            sections.append(_comments(result, lang))
        if result.roadmap and result.target is not None:
            sections.append(_roadmap(result, lang))
    if action_plan is not None and action_plan.rows:
        sections.append(_action_plan(action_plan, lang))
    if funnel is not None:
        sections.append(_funnel(funnel, lang))
    sections.append(_method(result, lang))
    return {
        "lang": lang,
        "title": f"{t('kicker')}" + (f" · {organisation}" if organisation else ""),
        "running": t("running"),
        "organisation": organisation or "",
        "footer": t("footer").format(date=day),
        "labels": {"prepared_for": t("prepared_for")},
        "cover": _cover(result, lang, organisation, day),
        "sections": sections,
    }


def long_date(day: date, lang: str) -> str:
    """ "12 maart 2025" / "12 March 2025"."""
    month = MONTHS["en" if lang == "en" else "nl"][day.month - 1]
    return f"{day.day} {month} {day.year}"
