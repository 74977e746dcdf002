"""An Excel workbook of the aggregated results: one sheet per section, headers in one language.

For analysts who want to sort, filter and chart the figures themselves. It holds only
what the :class:`Result` holds: a withheld figure is an empty cell marked "withheld",
never a number, and nothing is recomputed. Every text cell is neutralised against
formula injection (a leading apostrophe before ``= + - @``, as in
:func:`tandem.io.writers.neutralise`), because comments and labels may come from people.

Whole on purpose, at about 490 lines: one writer class holds the workbook and its
styles, each sheet is one short method that fills a table through the same ``sheet``
helper, and a fifth of the module is the sheet and header wording. Split per sheet,
every piece would import the same writer and words and hold twenty lines of its own.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tandem.analysis.mirror import Mirror
from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.io.writers import neutralise
from tandem.report.mirror import owner_words
from tandem.report.wording import (
    AGREEMENT,
    DECIDER,
    FAMILY,
    GAP_FAMILY,
    MEASURE,
    SCALE_KIND,
    STEP_STATUS,
    SUPPRESSION_REASON,
    SUPPRESSION_WHAT,
    URGENCY,
    VERDICT,
    WITHHELD,
    capitalise,
    certainty_words,
    comment_source,
    gap_sentence,
    group_label,
    method,
)

__all__ = ["SHEETS", "render_workbook"]

SHEETS = {
    "summary": Text("Samenvatting", "Summary"),
    "phase": Text("Fase", "Phase"),
    "scales": Text("Schalen", "Scales"),
    "groups": Text("Groepen", "Groups"),
    "gaps": Text("Verschillen", "Gaps"),
    "decisions": Text("Beslisrechten", "Decision rights"),
    "journey": Text("Klantreis", "Journey"),
    "mirror": Text("Klantspiegel", "Customer mirror"),
    "roadmap": Text("Routekaart", "Roadmap"),
    "suppressed": Text("Niet getoond", "Withheld"),
    "method": Text("Methode", "Method"),
    "comments": Text("Open antwoorden", "Open answers"),
}

H = {
    "item": Text("Onderdeel", "Item"),
    "value": Text("Waarde", "Value"),
    "respondents": Text("Respondenten", "Respondents"),
    "threshold": Text("Anonimiteitsdrempel", "Anonymity threshold"),
    "comment_threshold": Text("Drempel open antwoorden", "Open-answer threshold"),
    "instrument": Text("Vragenlijst", "Questionnaire"),
    "form": Text("Versie", "Form"),
    "phase": Text("Fase (ladder)", "Phase (ladder)"),
    "index": Text("Index (1–5)", "Index (1–5)"),
    "index_phase": Text("Fase (index)", "Phase (index)"),
    "certainty": Text(
        "Zekerheid (zelfde fase bij herberekening)", "Certainty (same phase on resampling)"
    ),
    "target": Text("Doelfase", "Target phase"),
    "urgency": Text("Urgentie", "Urgency"),
    "horizon": Text("Horizon", "Horizon"),
    "reason": Text("Reden", "Reason"),
    "note": Text("Toelichting", "Note"),
    "block": Text("Blok", "Block"),
    "score": Text("Score (0–100)", "Score (0–100)"),
    "met": Text("Gehaald", "Met"),
    "yes": Text("ja", "yes"),
    "no": Text("nee", "no"),
    "group": Text("Groep", "Group"),
    "members": Text("Afdelingen", "Departments"),
    "status": Text("Status", "Status"),
    "scale": Text("Schaal", "Scale"),
    "scale_id": Text("Schaal-id", "Scale id"),
    "kind": Text("Soort", "Kind"),
    "family": Text("Familie", "Family"),
    "sd": Text("SD", "SD"),
    "ci_low": Text("95%-interval laag", "95% CI low"),
    "ci_high": Text("95%-interval hoog", "95% CI high"),
    "tension": Text("Spanning (0–100)", "Tension (0–100)"),
    "favourable": Text("Gunstig (4–5)", "Favourable (4–5)"),
    "unfavourable": Text("Ongunstig (1–2)", "Unfavourable (1–2)"),
    "missing": Text("Ontbrekend", "Missing"),
    "rwg": Text("rwg(j)", "rwg(j)"),
    "agreement": Text("Eensgezindheid", "Agreement"),
    "alpha": Text("Cronbachs alfa", "Cronbach's alpha"),
    "alpha_low": Text("Alfa 95% laag", "Alpha 95% low"),
    "alpha_high": Text("Alfa 95% hoog", "Alpha 95% high"),
    "items": Text("Items", "Items"),
    "a": Text("Groep A", "Group A"),
    "b": Text("Groep B", "Group B"),
    "n_a": Text("n A", "n A"),
    "n_b": Text("n B", "n B"),
    "mean_a": Text("Score A", "Score A"),
    "mean_b": Text("Score B", "Score B"),
    "difference": Text("Verschil A − B", "Difference A − B"),
    "diff_low": Text("Verschil 95% laag", "Difference 95% low"),
    "diff_high": Text("Verschil 95% hoog", "Difference 95% high"),
    "g": Text("Hedges' g", "Hedges' g"),
    "g_low": Text("g 95% laag", "g 95% low"),
    "g_high": Text("g 95% hoog", "g 95% high"),
    "p": Text("p", "p"),
    "q": Text("q (BH)", "q (BH)"),
    "verdict": Text("Oordeel", "Verdict"),
    "gap_family": Text("Vergelijking", "Comparison"),
    "measure": Text("Gemeten als", "Measured as"),
    "in_words": Text("In woorden", "In words"),
    "area": Text("Beslisgebied", "Decision area"),
    "answer": Text("Antwoord", "Answer"),
    "share": Text("Aandeel", "Share"),
    "modal": Text("Meest genoemd", "Most named"),
    "clarity": Text("Helderheid", "Clarity"),
    "contested": Text("Betwist", "Contested"),
    "should": Text("wie zou moeten beslissen", "who should decide"),
    "stage": Text("Klantreisfase", "Journey stage"),
    "customers_n": Text("Klanten (n)", "Customers (n)"),
    "customers_score": Text("Score klanten (0–100)", "Customers' score (0–100)"),
    "owner": Text("Eigenaar", "Owner"),
    "unowned": Text("Zonder eigenaar", "Unowned"),
    "consistency": Text("Consistentie (1–5)", "Consistency (1–5)"),
    "consistency_score": Text("Consistentie (0–100)", "Consistency (0–100)"),
    "rank": Text("Rang", "Rank"),
    "step": Text("Stap", "Step"),
    "transition": Text("Overgang", "Transition"),
    "priority": Text("Prioriteit", "Priority"),
    "why": Text("Waarom", "Why"),
    "description": Text("Beschrijving", "Description"),
    "what": Text("Wat", "What"),
    "subject": Text("Onderwerp", "Subject"),
    "question": Text("Vraag", "Question"),
    "answer_text": Text("Antwoord", "Answer"),
    "comment_source": Text("Van", "From"),
    "topic": Text("Onderwerp", "Topic"),
    "explanation": Text("Uitleg", "Explanation"),
    "everyone": Text("Iedereen", "Everyone"),
    "too_few": Text(
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden.",
        "Too few respondents to show anything without harming anonymity.",
    ),
}

_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_FILL = PatternFill("solid", fgColor="1F4E79")
_WITHHELD_FONT = Font(italic=True, color="5B6675")
_SCORE = "0.0"
_SHARE = "0%"
_DEC = "0.00"
_P = "0.0000"


def render_workbook(result: Result, lang: str, *, mirror: Mirror | None = None) -> bytes:
    """The aggregated results as an .xlsx file (bytes), headers and labels in ``lang``;
    with the scan's customer mirror, once closed, a sheet for it after the journey's."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    writer = _Writer(book, result, lang)
    writer.summary()
    if result.meta.n is not None and result.phase is not None:
        writer.phase()
        writer.scales()
        writer.groups()
        writer.gaps()
        writer.decisions()
        writer.journey()
        if mirror is not None:
            writer.mirror(mirror)
        writer.roadmap()
    writer.suppressed()
    writer.method()
    if any(c.shown for c in result.comments):
        writer.comments()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _safe(value: Any) -> Any:
    """Text neutralised for spreadsheets; numbers, booleans and None as they are."""
    return neutralise(value) if isinstance(value, str) else value


class _Writer:
    """Writes one sheet per section; every cell passes through :func:`_safe`."""

    def __init__(self, book: Workbook, result: Result, lang: str) -> None:
        self.book = book
        self.result = result
        self.lang = lang
        self.withheld = WITHHELD(lang)

    # ------------------------------------------------------------ helpers

    def h(self, key: str) -> str:
        return H[key](self.lang)

    def sheet(
        self,
        key: str,
        header: Sequence[str],
        rows: Iterable[Sequence[Any]],
        formats: Sequence[str | None] = (),
        widths: Sequence[float] = (),
    ) -> Worksheet:
        ws = self.book.create_sheet(SHEETS[key](self.lang))
        ws.append([_safe(h) for h in header])
        for cell in ws[1]:
            cell.font = _HEAD_FONT
            cell.fill = _HEAD_FILL
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for row in rows:
            ws.append([_safe(v) for v in row])
        for c, fmt in enumerate(formats, start=1):
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, min_col=c, max_col=c):
                    cell.number_format = fmt
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value == self.withheld:
                    cell.font = _WITHHELD_FONT
        for c in range(1, len(header) + 1):
            width = widths[c - 1] if c - 1 < len(widths) else 14
            ws.column_dimensions[get_column_letter(c)].width = width
        ws.freeze_panes = "A2"
        return ws

    def group(self, group: str) -> str:
        return self.h("everyone") if group == "all" else group_label(self.result, group, self.lang)

    def yes_no(self, value: bool) -> str:
        return self.h("yes") if value else self.h("no")

    def decider(self, code: str | None) -> str | None:
        if code is None:
            return None
        return capitalise(DECIDER[code](self.lang)) if code in DECIDER else code

    # ------------------------------------------------------------ sheets

    def summary(self) -> None:
        r, lang = self.result, self.lang
        meta = r.meta
        rows: list[list[Any]] = [
            [self.h("instrument"), f"{meta.instrument} {meta.instrument_version}"],
            [self.h("form"), meta.form],
            [self.h("respondents"), meta.n if meta.n is not None else self.withheld],
            [self.h("threshold"), meta.k],
            [self.h("comment_threshold"), meta.comment_k],
        ]
        rows += [[g.label(lang), g.n] for g in meta.groups]
        if meta.n is None or r.phase is None:
            rows.append([self.h("note"), self.h("too_few")])
        else:
            phase = r.phase
            rows.append([self.h("phase"), phase.ladder.label(lang)])
            if phase.index.mean is not None and phase.index.label is not None:
                rows.append([self.h("index"), phase.index.mean])
                rows.append([self.h("index_phase"), phase.index.label(lang)])
            if phase.uncertainty is not None:
                rows.append([self.h("certainty"), certainty_words(phase.uncertainty, lang)])
            if phase.note is not None:
                rows.append([self.h("note"), phase.note(lang)])
            if r.target is not None:
                rows.append([self.h("target"), r.target.label(lang)])
                rows.append([self.h("urgency"), URGENCY[r.target.urgency](lang)])
                if r.target.horizon_reason is not None:
                    rows.append([self.h("horizon"), r.target.horizon_reason(lang)])
                rows += [[self.h("reason"), reason.text(lang)] for reason in r.target.reasons]
        ws = self.sheet("summary", [self.h("item"), self.h("value")], rows, widths=(32, 90))
        for row in ws.iter_rows(min_row=2):
            if row[0].value == self.h("index"):
                row[1].number_format = _DEC

    def phase(self) -> None:
        phase = self.result.phase
        assert phase is not None
        rows: list[list[Any]] = []
        for block in phase.blocks.values():
            title = self.result.scale(block.id).title(self.lang)
            rows.append([title, self.h("everyone"), block.n, block.score, self.yes_no(block.met)])
        labels = ["I", "II", "III", "IV"]
        header = [self.h("block"), self.h("group"), "n", self.h("score"), self.h("met")]
        header += [f"{self.h('phase')} {p}" for p in labels] + [self.h("modal")]
        for g in phase.by_group:
            label = self.group(g.group)
            if g.suppressed or g.distribution is None:
                rows.append([self.h("phase"), label, None, None, None, self.withheld])
                continue
            modal = labels[g.modal - 1] if g.modal else None
            rows.append([self.h("phase"), label, g.n, None, None, *g.distribution, modal])
        formats = [None, None, None, _SCORE, None, _SHARE, _SHARE, _SHARE, _SHARE, None]
        self.sheet("phase", header, rows, formats, widths=(40, 26))

    def scales(self) -> None:
        lang = self.lang
        rows = []
        for s in self.result.scales:
            rel = s.reliability
            rows.append(
                [
                    s.id,
                    s.title(lang),
                    SCALE_KIND[s.kind](lang),
                    FAMILY[s.family](lang) if s.family in FAMILY else None,
                    s.n,
                    s.score,
                    s.sd,
                    s.ci_low,
                    s.ci_high,
                    s.tension,
                    s.favourable,
                    s.unfavourable,
                    s.missing_rate,
                    s.rwg,
                    AGREEMENT[s.agreement](lang) if s.agreement in AGREEMENT else None,
                    rel.alpha,
                    rel.ci_low,
                    rel.ci_high,
                    rel.items,
                ]
            )
        keys = ["scale_id", "scale", "kind", "family"]
        header = [self.h(k) for k in keys] + ["n"]
        header += [self.h(k) for k in ("score", "sd", "ci_low", "ci_high", "tension")]
        header += [self.h(k) for k in ("favourable", "unfavourable", "missing", "rwg")]
        header += [self.h(k) for k in ("agreement", "alpha", "alpha_low", "alpha_high", "items")]
        formats = [None, None, None, None, None, _SCORE, _SCORE, _SCORE, _SCORE, _SCORE]
        formats += [_SHARE, _SHARE, _SHARE, _DEC, None, _DEC, _DEC, _DEC, None]
        self.sheet("scales", header, rows, formats, widths=(16, 40, 16, 16))

    def groups(self) -> None:
        rows: list[list[Any]] = []
        for s in self.result.scales:
            for g in s.groups:
                label = self.group(g.group)
                if g.suppressed:
                    rows.append([s.id, s.title(self.lang), label, self.withheld])
                    continue
                agreement = AGREEMENT[g.agreement](self.lang) if g.agreement in AGREEMENT else None
                rows.append(
                    [
                        s.id,
                        s.title(self.lang),
                        label,
                        None,
                        g.n,
                        g.score,
                        g.sd,
                        g.ci_low,
                        g.ci_high,
                        g.tension,
                        g.rwg,
                        agreement,
                    ]
                )
        header = [self.h("scale_id"), self.h("scale"), self.h("group"), self.h("status"), "n"]
        header += [self.h(k) for k in ("score", "sd", "ci_low", "ci_high", "tension", "rwg")]
        header.append(self.h("agreement"))
        formats = [None, None, None, None, None, _SCORE, _SCORE, _SCORE, _SCORE, _SCORE, _DEC]
        ws = self.sheet("groups", header, rows, formats, widths=(16, 40, 26))
        info = [[g.label(self.lang), g.n, ", ".join(g.members)] for g in self.result.meta.groups]
        if info:
            ws.append([])
            ws.append([_safe(self.h("group")), "n", _safe(self.h("members"))])
            for row in info:
                ws.append([_safe(v) for v in row])

    def gaps(self) -> None:
        r, lang = self.result, self.lang
        rows = [
            [
                g.scale,
                r.scale(g.scale).title(lang),
                self.group(g.a),
                self.group(g.b),
                g.n_a,
                g.n_b,
                g.mean_a,
                g.mean_b,
                g.difference,
                g.diff_ci_low,
                g.diff_ci_high,
                g.hedges_g,
                g.g_ci_low,
                g.g_ci_high,
                g.p,
                g.q,
                VERDICT[g.verdict](lang),
                GAP_FAMILY[g.family](lang),
                MEASURE[g.measure](lang),
                capitalise(gap_sentence(r, g, lang)),
            ]
            for g in r.ranked_gaps()
        ]
        keys = ["scale_id", "scale", "a", "b", "n_a", "n_b", "mean_a", "mean_b", "difference"]
        keys += ["diff_low", "diff_high", "g", "g_low", "g_high", "p", "q", "verdict"]
        keys += ["gap_family", "measure", "in_words"]
        formats = [None, None, None, None, None, None, _SCORE, _SCORE, _SCORE, _SCORE, _SCORE]
        formats += [_DEC, _DEC, _DEC, _P, _P, None, None, None, None]
        self.sheet("gaps", [self.h(k) for k in keys], rows, formats, widths=(16, 34, 20, 20))

    def decisions(self) -> None:
        rows: list[list[Any]] = []
        for area in self.result.decision_rights:
            label = capitalise(area.label(self.lang))
            common = [self.yes_no(area.contested), area.clarity]
            for code, share in area.distribution.items():
                rows.append(
                    [label, self.h("everyone"), area.n, self.decider(code), share,
                     self.decider(area.modal), *common]
                )  # fmt: skip
            for g in area.groups:
                if g.suppressed or g.distribution is None:
                    rows.append([label, self.group(g.group), None, self.withheld])
                    continue
                for code, share in g.distribution.items():
                    rows.append(
                        [label, self.group(g.group), g.n, self.decider(code), share,
                         self.decider(g.modal)]
                    )  # fmt: skip
            should = area.should
            if should is not None and not should.suppressed and should.distribution:
                group = f"{self.h('everyone')}: {self.h('should')}"
                for code, share in should.distribution.items():
                    rows.append(
                        [label, group, should.n, self.decider(code), share,
                         self.decider(should.modal)]
                    )  # fmt: skip
        keys = ["area", "group", "respondents", "answer", "share", "modal", "contested", "clarity"]
        formats = [None, None, None, None, _SHARE, None, None, _SHARE]
        self.sheet("decisions", [self.h(k) for k in keys], rows, formats, widths=(44, 30, 12, 24))

    def journey(self) -> None:
        rows: list[list[Any]] = []
        for stage in self.result.journey:
            label = stage.label(self.lang)
            rows.append(
                [label, self.h("everyone"), stage.n, self.decider(stage.owner), stage.clarity,
                 self.yes_no(stage.unowned), stage.consistency, stage.consistency_score,
                 stage.consistency_n]
            )  # fmt: skip
            for g in stage.groups:
                if g.suppressed:
                    rows.append([label, self.group(g.group), None, self.withheld])
                else:
                    rows.append([label, self.group(g.group), g.n, self.decider(g.modal)])
        keys = ["stage", "group", "respondents", "owner", "clarity", "unowned", "consistency"]
        header = [self.h(k) for k in keys] + [self.h("consistency_score"), "n"]
        formats = [None, None, None, None, _SHARE, None, _DEC, _SCORE, None]
        self.sheet("journey", header, rows, formats, widths=(34, 26, 12, 24))

    def mirror(self, figures: Mirror) -> None:
        """Per stage in the core's order (breaks first): what customers saw beside who
        owns it inside; below k customers, no score and no count."""
        rows: list[list[Any]] = []
        for stage in figures.stages:
            inside, seen = stage.internal, stage.customers
            owner = capitalise(owner_words(stage, self.lang)) or None
            row = [capitalise(stage.label(self.lang)), stage.verdict.text(self.lang), owner,
                   None if inside is None else inside.clarity,
                   None if inside is None else inside.consistency_score]
            row += ([self.withheld] if seen is None
                    else [seen.score, seen.ci_low, seen.ci_high, seen.n])
            rows.append(row)
        keys = ["stage", "verdict", "owner", "clarity", "consistency_score", "customers_score",
                "ci_low", "ci_high", "customers_n"]
        formats = [None, None, None, _SHARE, _SCORE, _SCORE, _SCORE, _SCORE, None]
        self.sheet("mirror", [self.h(k) for k in keys], rows, formats,
                   widths=(26, 60, 22, 12, 14, 16, 12, 12, 12))

    def roadmap(self) -> None:
        lang = self.lang
        rows = [
            [s.rank, s.title(lang), STEP_STATUS[s.status](lang), s.transition, s.priority,
             s.why(lang), s.description(lang), ", ".join(s.addresses)]
            for s in self.result.roadmap
        ]  # fmt: skip
        keys = ["rank", "step", "status", "transition", "priority", "why", "description"]
        header = [self.h(k) for k in keys] + [self.h("scale_id")]
        formats = [None, None, None, None, _SCORE]
        self.sheet("roadmap", header, rows, formats, widths=(8, 40, 20, 10, 10, 70, 70, 30))

    def suppressed(self) -> None:
        lang = self.lang
        rows = [
            [
                SUPPRESSION_WHAT[s.what](lang) if s.what in SUPPRESSION_WHAT else s.what,
                self.group(s.group) if s.group else None,
                s.subject,
                SUPPRESSION_REASON[s.reason](lang) if s.reason in SUPPRESSION_REASON else s.reason,
            ]
            for s in self.result.suppressed
        ]
        keys = ["what", "group", "subject", "reason"]
        self.sheet("suppressed", [self.h(k) for k in keys], rows, widths=(34, 30, 24, 60))

    def method(self) -> None:
        rows = [
            [heading(self.lang), text(self.lang)]
            for heading, text in method(self.result.meta.k, self.result.meta.comment_k)
        ]
        ws = self.sheet("method", [self.h("topic"), self.h("explanation")], rows, widths=(30, 120))
        for row in ws.iter_rows(min_row=2):
            row[1].alignment = Alignment(wrap_text=True, vertical="top")

    def comments(self) -> None:
        rows = [[c.question, text, comment_source(self.result, c, self.lang)]
                for c in self.result.comments if c.shown for text in c.texts]
        self.sheet("comments", [self.h("question"), self.h("answer_text"),
                                self.h("comment_source")], rows, widths=(20, 100, 30))
