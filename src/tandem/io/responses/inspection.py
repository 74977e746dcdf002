"""The import check as text (``tandem inspect``): source, headings, recodings, problems.

The web renders the same :class:`~tandem.io.responses.report.ImportReport` as a page.
"""

from __future__ import annotations

from collections import defaultdict

from tandem.i18n import Text, plural
from tandem.instrument.model import FORM_NAMES
from tandem.io.responses.report import ImportReport

MAX_ROWS_SHOWN = 12

_T = {
    "file": Text("Bestand", "File"),
    "source": Text("Bron", "Source"),
    "detected": Text("herkend", "detected"),
    "named": Text("opgegeven met --source", "given with --source"),
    "header_rows": Text("kopregels: {n}", "header rows: {n}"),
    "headings": Text("Kolommen en vragen", "Headings and questions"),
    "recoding": Text("Hercodering van antwoorden", "Answer recoding"),
    "missing": Text("(leeg: ontbrekend)", "(empty: missing)"),
    "column": Text("in 1 kolom", "in 1 column"),
    "columns": Text("in {n} kolommen", "in {n} columns"),
    "cell": Text("1 cel", "1 cell"),
    "cells": Text("{n} cellen", "{n} cells"),
    "previews": Text("Voorbeeldantwoorden (survey preview) weggelaten: {n}, rijen {rows}",
                     "Survey previews left out: {n}, rows {rows}"),
    "tests": Text("Testantwoorden (survey test) weggelaten: {n}, rijen {rows}",
                  "Survey tests left out: {n}, rows {rows}"),
    "spam": Text("Als spam gemarkeerde antwoorden weggelaten: {n}, rijen {rows}",
                 "Responses flagged as spam left out: {n}, rows {rows}"),
    "noscale": Text("Niet meegeteld (geen enkele schaalvraag beantwoord): {n}, rijen {rows}",
                    "Not counted (no scale question answered): {n}, rows {rows}"),
    "unfinished": Text("Onvolledig maar meegeteld (schaalvragen beantwoord): {n}, rijen {rows}",
                       "Unfinished but counted (scale questions answered): {n}, rows {rows}"),
    "warnings": Text("Waarschuwingen", "Warnings"),
    "unplaced": Text("Niet te plaatsen", "Could not place"),
    "rows": Text("rijen", "rows"),
    "row": Text("rij", "row"),
    "counted": Text("Respondenten meegeteld: {n} ({form})", "Respondents counted: {n} ({form})"),
    "problems": Text("Problemen: niets wordt ingelezen tot ze zijn opgelost ({n})",
                     "Problems: nothing is read until they are fixed ({n})"),
    "ok": Text("Klaar om in te lezen.", "Ready to import."),
}
_METHODS = {
    "id": Text("op id", "by id"),
    "code": Text("op code", "by code"),
    "text": Text("op tekst", "by text"),
    "fuzzy": Text("bij benadering", "fuzzy"),
    "mapping": Text("via koppelbestand", "by mapping"),
    "tool column": Text("standaardkolom van de tool", "tool column"),
    "ignored": Text("genegeerd", "ignored"),
    "unplaced": Text("NIET GEPLAATST", "NOT PLACED"),
}


def _rows(rows: tuple[int, ...]) -> str:
    shown = ", ".join(str(r) for r in rows[:MAX_ROWS_SHOWN])
    return shown + (", ..." if len(rows) > MAX_ROWS_SHOWN else "")


def _left_out(report: ImportReport, lang: str) -> list[str]:
    """A line for each kind of row left out: previews, tests, spam, no scale answer."""
    kinds = (("previews", report.previews), ("tests", report.tests), ("spam", report.spam),
             ("noscale", report.no_scale_answers))
    return [_T[name](lang).format(n=len(rows), rows=_rows(rows)) for name, rows in kinds if rows]


def form_name(form: str | None, lang: str) -> str:
    """The form the answers were read as, by its name ("full form"), never its code."""
    name = FORM_NAMES.get(form or "")
    return name(lang) if name is not None else form or ""


def render_inspection(report: ImportReport, lang: str = "en") -> str:
    def t(name: str, **values: object) -> str:
        return _T[name](lang).format(**values)

    how = t("detected") if report.detected else t("named")
    lines = [
        f"{t('file')}: {report.file}",
        f"{t('source')}: {report.source_title} ({how}; {t('header_rows', n=report.header_rows)})",
        "",
        f"## {t('headings')}",
    ]
    for h in report.headings:
        target = h.target or "-"
        method = _METHODS.get(h.method, Text(h.method, h.method))(lang)
        score = f" {h.score:.2f}" if h.method == "fuzzy" else ""
        heading = h.heading if len(h.heading) <= 72 else h.heading[:24] + "..." + h.heading[-45:]
        lines.append(f"{h.column:>3}  {heading!r} -> {target} ({method}{score})")
    pairs: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for r in report.recodings:
        pairs[(r.options, r.code, r.value)].append(r.count)
    if pairs:
        lines += ["", f"## {t('recoding')}"]
        for (options, code, value), counts in sorted(pairs.items()):
            shown = code or t("missing")
            columns, cells = len(counts), sum(counts)
            where = (f"{plural(columns, _T['column'], _T['columns'])(lang).format(n=columns)}, "
                     f"{plural(cells, _T['cell'], _T['cells'])(lang).format(n=cells)}")
            lines.append(f"  [{options}] {value!r} -> {shown}  {where}")
    lines.append("")
    lines += _left_out(report, lang)
    if report.unfinished_kept:
        lines.append(t("unfinished", n=len(report.unfinished_kept),
                       rows=_rows(report.unfinished_kept)))
    if report.warnings:
        lines += ["", f"## {t('warnings')}"]
        for w in report.warnings:
            lines.append(f"- {w.in_language(lang)}; {t('rows')} {_rows(w.rows)}")
    if report.unplaced_values:
        lines += ["", f"## {t('unplaced')}"]
        for u in report.unplaced_values[:50]:
            lines.append(f"- {t('row')} {u.row}, {u.column!r}: {u.value!r}")
    lines.append("")
    if report.problems:
        lines.append(f"## {t('problems', n=len(report.problems))}")
        for p in report.problems:
            where = ", ".join(
                x for x in (f"{t('row')} {p.row}" if p.row else "",
                            repr(p.column) if p.column else "") if x
            )
            lines.append(f"- {where + ': ' if where else ''}{p.in_language(lang)}")
    else:
        lines.append(t("counted", n=report.n, form=form_name(report.form, lang)))
        lines.append(t("ok"))
    return "\n".join(lines) + "\n"


def render_summary(report: ImportReport, lang: str = "en") -> str:
    """A few lines for ``tandem score`` / ``report``: the source, n, what was left out,
    the warnings (``tandem inspect`` shows all)."""
    def t(name: str, **values: object) -> str:
        return _T[name](lang).format(**values)

    lines = [f"{t('source')}: {report.source_title}; "
             + t("counted", n=report.n, form=form_name(report.form, lang))]
    lines += _left_out(report, lang)
    fuzzy = [h for h in report.headings if h.method == "fuzzy"]
    for h in fuzzy:
        lines.append(f"{_METHODS['fuzzy'](lang)}: {h.column} {h.heading!r} -> {h.target}")
    for w in report.warnings:
        lines.append(f"{t('warnings')}: {w.in_language(lang)}; {t('rows')} {_rows(w.rows)}")
    return "\n".join(lines) + "\n"

#: The matching methods in Dutch and English, for the web's inspection page too.
METHODS = _METHODS
