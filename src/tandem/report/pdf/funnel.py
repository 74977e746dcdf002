"""The funnel beside the scan: what people said next to the CRM's figures (only in the
report of an organisation that imported CRM data)."""

from __future__ import annotations

from typing import Any

from tandem.i18n import Text
from tandem.report.charts import funnel_bars
from tandem.report.funnel import FunnelReport
from tandem.report.pdf._blocks import _chart, _list, _para, _section, _table
from tandem.report.wording import number, percent

W = {
    "title": Text("De funnel naast de scan", "The funnel beside the scan"),
    "lead": Text(
        "Wat mensen in de scan zeiden over leads, naast wat het CRM laat zien over "
        "{months}.",
        "What people said in the scan about leads, beside what the CRM shows for {months}.",
    ),
    "months": Text("Per maand", "Per month"),
    "headers": Text("Maand|MQL's|SQL's|MQL → SQL (cohort)|Mediaan eerste contact (uur)|Winratio",
                    "Month|MQLs|SQLs|MQL → SQL (cohort)|Median first contact (h)|Win rate"),
    "note": Text(
        "Bron: de CRM-export die de organisatie in Tandem inlas; alleen datums, bedragen en "
        "pseudoniemen, geen namen. Hoe elk cijfer is berekend staat in de methode van de "
        "funnel (docs/crm.md).",
        "Source: the CRM export the organisation imported into Tandem; dates, amounts and "
        "pseudonyms only, no names. How each figure is computed is in the funnel's method "
        "(docs/crm.md).",
    ),
}


def _maybe(value: float | None, show: str) -> str:
    return "—" if value is None else show


def _funnel(report: FunnelReport, lang: str) -> dict[str, Any]:
    months = report.metrics.months[-6:]
    window = report.window.months
    span = f"{window[0]} – {window[-1]}" if window else "—"
    rows = [
        [m.month, str(m.mqls), str(m.sqls),
         _maybe(m.mql_to_sql, percent(m.mql_to_sql or 0.0, lang)),
         _maybe(m.response_median, number(m.response_median or 0.0, lang)),
         _maybe(m.win_rate, percent(m.win_rate or 0.0, lang))]
        for m in months
    ]
    return _section(W["title"](lang), [
        _para(W["lead"](lang).format(months=span), "lead"),
        _list(s.sentence(lang) for s in report.statements),
        _para(W["months"](lang), "h2"),
        _chart(funnel_bars(months, lang), width=70),
        _table(W["headers"](lang).split("|"), rows, [0, 0, 0, 0, 0, 0], ["left"] + ["right"] * 5),
        _para(W["note"](lang), "note"),
    ])
