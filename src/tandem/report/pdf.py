"""The PDF report a consultant hands over: cover, executive summary, sections, roadmap
and a methodology appendix, in Dutch or English.

Python decides *what* is said (every figure read from the :class:`Result`, never
computed here) and hands it to a typst template as JSON; typst decides *how* it looks.
Passing words as JSON data rather than pasting them into typst markup means no text
from respondents or owners can ever be read as markup or code: no escaping to forget.

Only typst's embedded fonts are used (``ignore_system_fonts``), so the PDF looks the
same on a laptop, in CI and in a container with no fonts installed.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from importlib import resources
from typing import Any

import defusedxml.ElementTree as DefusedET
import typst

from tandem.analysis.phase import PHASE_LABELS
from tandem.contract.result import Result, Suppression
from tandem.i18n import Text
from tandem.instrument import Instrument, load_instrument
from tandem.report import charts
from tandem.report.action_plan import ActionPlanSection
from tandem.report.wording import (
    AGREEMENT,
    CONTESTED,
    DECIDER,
    FAMILY,
    SCALE_KIND,
    STEP_STATUS,
    SUPPRESSION_REASON,
    SUPPRESSION_WHAT,
    UNOWNED,
    URGENCY,
    capitalise,
    gap_sentence,
    group_label,
    method,
    number,
    percent,
)

__all__ = ["render_pdf"]

TEMPLATE = "report.typ"
TOP_TENSIONS = 3
TOP_GAPS = 5
TOP_STEPS = 3
TABLE_GAPS = 12

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
}  # fmt: skip

T = {
    "kicker": Text("Tandem Scan · diagnose", "Tandem Scan · diagnosis"),
    "title": Text(
        "Samenwerking in de commerciële keten", "Working together across the front office"
    ),
    "subtitle": Text(
        "Hoe Sales, Marketing en Customer Service samenwerken: fase, spanningen, verschillen "
        "in beleving en de eerste stappen.",
        "How Sales, Marketing and Customer Service work together: phase, tensions, perception "
        "gaps and the first steps.",
    ),
    "running": Text("Tandem Scan · diagnose", "Tandem Scan · diagnosis"),
    "footer": Text("Vertrouwelijk · {date}", "Confidential · {date}"),
    "prepared_for": Text("Opgesteld voor", "Prepared for"),
    "confidential": Text(
        "Vertrouwelijk. Alle cijfers zijn geaggregeerd; over groepen onder de "
        "anonimiteitsdrempel wordt niets getoond.",
        "Confidential. All figures are aggregated; nothing is shown about groups below the "
        "anonymity threshold.",
    ),
    "date": Text("Datum", "Date"),
    "instrument": Text("Vragenlijst", "Questionnaire"),
    "version": Text("versie", "version"),
    "from_phase": Text("vanuit {phase}", "from {phase}"),
    "urgency_act_now": Text(
        "signalen van conflict of groei verhogen het doel",
        "conflict or growth signals raise the target",
    ),
    "urgency_plan": Text(
        "het doel ligt boven de huidige fase", "the target is above today's phase"
    ),
    "urgency_maintain": Text("de huidige fase vasthouden", "hold on to the current phase"),
    "more_gaps": Text(
        "De {shown} grootste van {total} opvallende verschillen; het werkboek bevat ze allemaal.",
        "The {shown} largest of {total} notable gaps; the workbook lists them all.",
    ),
    "form_full": Text("volledige versie", "full form"),
    "form_quick": Text("quick scan (indicatief)", "quick scan (indicative)"),
    "respondents": Text("Respondenten", "Respondents"),
    "threshold": Text("Anonimiteitsdrempel", "Anonymity threshold"),
    "threshold_value": Text(
        "{k} respondenten per groep; open antwoorden vanaf {ck}",
        "{k} respondents per group; open answers from {ck}",
    ),
    "groups": Text("Groepen", "Groups"),
    "pooled_members": Text(
        "Samengevoegd om de anonimiteit te beschermen: {names}.",
        "Pooled to protect anonymity: {names}.",
    ),
    "summary": Text("Samenvatting", "Executive summary"),
    "actions_late": Text(
        "{late} van de {total} acties zijn over hun deadline.",
        "{late} of {total} actions are past their due date.",
    ),
    "phase_now": Text("Huidige fase", "Current phase"),
    "target": Text("Doelfase", "Target phase"),
    "urgency": Text("Urgentie", "Urgency"),
    "certainty": Text(
        "{share} van de herberekeningen geeft deze fase", "{share} of resamples give this phase"
    ),
    "index_note": Text("Index {mean} ({label})", "Index {mean} ({label})"),
    "why_target": Text("Waarom deze doelfase", "Why this target"),
    "top_tensions": Text("Grootste spanningsbronnen", "Biggest sources of tension"),
    "tension_item": Text("{name}: {value} van 100{high}", "{name}: {value} out of 100{high}"),
    "high": Text(" (hoog)", " (high)"),
    "notable_gaps": Text("Opvallende verschillen in beleving", "Notable perception gaps"),
    "contested": Text("Betwiste beslisgebieden", "Contested decision areas"),
    "first_steps": Text("Eerste stappen", "First steps"),
    "none": Text("Geen.", "None."),
    "no_gaps": Text(
        "Geen opvallende verschillen tussen de getoonde groepen.",
        "No notable gaps between the groups shown.",
    ),
    "no_contested": Text("Geen betwiste beslisgebieden.", "No contested decision areas."),
    "too_few": Text(
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden. Er staan "
        "daarom geen cijfers in dit rapport.",
        "Too few respondents to show anything without harming anonymity, so this report "
        "contains no figures.",
    ),
    "indicative": Text(
        "Quick scan: indicatieve uitkomsten op basis van losse uitspraken, zonder "
        "betrouwbaarheidsmaten.",
        "Quick scan: indicative results based on single statements, without reliability measures.",
    ),
    # phase
    "phase": Text("Fase van de samenwerking", "Phase of the relationship"),
    "phase_lead": Text(
        "De samenwerking staat in {phase}. Een fase is bereikt als de blokken eronder allemaal "
        "op {bar} of hoger scoren.",
        "The relationship is in {phase}. A phase is reached when every block below it scores "
        "{bar} or more.",
    ),
    "perceived": Text("Zoals elke groep het ziet", "As each group sees it"),
    "perceived_note": Text(
        "Aandeel van de respondenten per groep dat met dezelfde ladderregel in elke fase "
        "uitkomt; vetgedrukt de meest voorkomende fase.",
        "Share of each group's respondents that the same ladder rule places in each phase; "
        "the most common phase in bold.",
    ),
    "group": Text("Groep", "Group"),
    "most": Text("Meest", "Most"),
    # tensions
    "tensions": Text("Spanningsbronnen", "Sources of tension"),
    "tensions_lead": Text(
        "Elf bekende bronnen van wrijving tussen Sales en Marketing, in drie families. Hoger is "
        "meer spanning; vanaf {high} noemen we een bron hoog.",
        "Eleven known sources of friction between Sales and Marketing, in three families. "
        "Higher means more tension; from {high} we call a source high.",
    ),
    "heatmap": Text("Per groep", "By group"),
    "heatmap_note": Text(
        "Elke cel toont de spanning (0–100) zoals die groep haar ervaart. Een gearceerde cel "
        "met — is niet getoond om de anonimiteit te beschermen.",
        "Each cell shows the tension (0–100) as that group experiences it. A hatched cell with "
        "— is withheld to protect anonymity.",
    ),
    # gaps
    "gaps": Text("Verschillen in beleving", "Perception gaps"),
    "gaps_lead": Text(
        "Hoe de groepen dezelfde onderwerpen beoordelen (0–100, hoger is beter), met het "
        "95%-betrouwbaarheidsinterval. Grote verschillen tussen afdelingen zijn vaak de kern "
        "van de diagnose.",
        "How the groups rate the same subjects (0–100, higher is better), with the 95% "
        "confidence interval. Large gaps between departments are often the heart of the "
        "diagnosis.",
    ),
    "gaps_table": Text("Opvallende verschillen", "Notable gaps"),
    "gap_col": Text("Verschil", "Gap"),
    "points": Text("Punten", "Points"),
    "too_few_gaps": Text(
        "Bij {n} vergelijkingen waren er te weinig respondenten om te zeggen of er een "
        "verschil is.",
        "For {n} comparisons there were too few respondents to tell whether there is a gap.",
    ),
    # decisions
    "decisions": Text("Beslisrechten", "Decision rights"),
    "decisions_lead": Text(
        "Wie beslist volgens de respondenten over elk gebied? Omkaderd het meest genoemde "
        "antwoord; helderheid is het aandeel daarvan.",
        "Who decides each area, according to the respondents? Outlined is the most named "
        "answer; clarity is its share.",
    ),
    "by_group": Text("Meest genoemde beslisser per groep", "Most named decider per group"),
    "area": Text("Gebied", "Area"),
    "should": Text("Wie zou moeten beslissen", "Who should decide"),
    "should_col": Text("Meest genoemd", "Most named"),
    "share": Text("Aandeel", "Share"),
    "now_col": Text("Nu", "Now"),
    "reason_differ": Text(
        "Sales en Marketing noemen een andere beslisser",
        "Sales and Marketing name a different decider",
    ),
    "reason_clarity": Text("lage helderheid", "low clarity"),
    # journey
    "journey": Text("Klantreis", "Customer journey"),
    "journey_lead": Text(
        "Per fase van de klantreis: wie de respondenten als eigenaar zien, hoe eensgezind ze "
        "daarin zijn en hoe consistent de klant de organisatie ervaart (0–100).",
        "Per stage of the customer journey: whom the respondents see as its owner, how much "
        "they agree on that, and how consistent the customer's experience is (0–100).",
    ),
    "stage": Text("Fase", "Stage"),
    "owner": Text("Eigenaar", "Owner"),
    "clarity": Text("Helderheid", "Clarity"),
    "consistency": Text("Consistentie", "Consistency"),
    # comments
    "comments": Text("Open antwoorden", "Open answers"),
    "comments_lead": Text(
        "Letterlijk en in willekeurige volgorde, zonder profiel van wie ze gaf.",
        "Verbatim and in random order, without a profile of who gave them.",
    ),
    # roadmap
    "roadmap": Text("Routekaart", "Roadmap"),
    "roadmap_lead": Text(
        "Van {now} naar {target}. Eerst wat het fundament herstelt, dan de stappen van de "
        "volgende overgang, gerangschikt naar de spanning en de verschillen die ze aanpakken.",
        "From {now} to {target}. First what repairs the foundation, then the steps of the next "
        "transition, ranked by the tension and gaps they address.",
    ),
    "in_place": Text("Al op orde", "Already in place"),
    # method
    "method": Text("Verantwoording", "Methodology"),
    "reliability": Text("Betrouwbaarheid per schaal", "Reliability per scale"),
    "scale": Text("Schaal", "Scale"),
    "kind": Text("Soort", "Kind"),
    "items": Text("Items", "Items"),
    "alpha": Text("Alfa", "Alpha"),
    "interval": Text("95%-interval", "95% interval"),
    "agreement": Text("Eensgezindheid", "Agreement"),
    "rel_too_few": Text("te weinig respondenten", "too few respondents"),
    "rel_single": Text("één uitspraak", "single statement"),
    "withheld": Text("Niet getoond", "Withheld"),
    "withheld_lead": Text(
        "Wat is weggelaten om de anonimiteit te beschermen (zonder de omvang van wat is "
        "weggelaten).",
        "What was withheld to protect anonymity (without the size of what was withheld).",
    ),
    "what": Text("Wat", "What"),
    "subject": Text("Onderwerp", "Subject"),
    "reason": Text("Reden", "Reason"),
    "nothing_withheld": Text("Niets.", "Nothing."),
}


def render_pdf(
    result: Result,
    lang: str,
    *,
    organisation: str | None = None,
    generated_on: date | None = None,
    action_plan: ActionPlanSection | None = None,
) -> bytes:
    """The whole report as PDF bytes, in ``lang`` ("nl" or "en").

    ``action_plan`` (rows from :func:`tandem.report.action_plan.action_plan_section`)
    adds the organisation's action plan after the roadmap.
    """
    day = generated_on or date.today()
    data = report_data(
        result, lang, organisation=organisation, generated_on=day, action_plan=action_plan
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


# ---------------------------------------------------------------- blocks


def _section(title: str, blocks: list[dict[str, Any]]) -> dict[str, Any]:
    return {"title": title, "blocks": blocks}


def _para(text: str, kind: str = "para") -> dict[str, Any]:
    return {"kind": kind, "text": text}


def _list(items: Iterable[str], numbered: bool = False) -> dict[str, Any]:
    return {"kind": "list", "items": list(items), "numbered": numbered}


Cell = str | dict[str, str]  # {"b": text} is set in bold


def _table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    widths: Sequence[float],
    align: Sequence[str],
    strong: Iterable[int] = (),
) -> dict[str, Any]:
    """A table; a width of 0 means "as wide as its content", others are fractions."""
    return {
        "kind": "table",
        "header": list(header),
        "rows": [list(r) for r in rows],
        "widths": list(widths),
        "align": list(align),
        "strong": list(strong),
    }


def _chart(svg: str, width: int = 100, caption: str = "") -> dict[str, Any]:
    desc = DefusedET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
    alt = desc.text if desc is not None and desc.text else ""
    return {"kind": "chart", "svg": svg, "width": width, "alt": alt, "caption": caption}


# ---------------------------------------------------------------- cover and summary


def _cover(result: Result, lang: str, organisation: str | None, day: str) -> dict[str, Any]:
    meta = result.meta

    def t(key: str) -> str:
        return T[key](lang)

    instrument = _instrument(result)
    name = instrument.title(lang) if instrument is not None else meta.instrument
    form = t("form_quick") if meta.indicative else t("form_full")
    facts = [
        [t("date"), day],
        [t("instrument"), f"{name} ({t('version')} {meta.instrument_version}, {form})"],
    ]
    if meta.n is not None:
        facts.append([t("respondents"), str(meta.n)])
    facts.append([t("threshold"), t("threshold_value").format(k=meta.k, ck=meta.comment_k)])
    if meta.groups:
        facts.append([t("groups"), " · ".join(f"{g.label(lang)}: {g.n}" for g in meta.groups)])
    return {
        "kicker": t("kicker"),
        "title": t("title"),
        "subtitle": t("subtitle"),
        "organisation": organisation or "",
        "facts": facts,
        "pooled": _pooled_sentence(result, lang),
        "confidential": t("confidential"),
    }


def _pooled_sentence(result: Result, lang: str) -> str:
    """Which departments were pooled: names only, never a count of their own."""
    members = result.pooled_groups()
    if not members:
        return ""
    names = ", ".join(group_label(result, m, lang) for m in members)
    return T["pooled_members"](lang).format(names=names)


def _summary(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    phase = result.phase
    assert phase is not None
    phase_note = ""
    if phase.uncertainty is not None:
        phase_note = t("certainty").format(share=percent(phase.uncertainty.same_phase, lang))
    cards = [{"label": t("phase_now"), "value": phase.ladder.label(lang), "note": phase_note}]
    target = result.target
    if target is not None:
        note = t("from_phase").format(phase=phase.ladder.label(lang).split(" · ")[0])
        cards.append({"label": t("target"), "value": target.label(lang), "note": note})
        cards.append(
            {
                "label": t("urgency"),
                "value": URGENCY[target.urgency](lang),
                "note": t(f"urgency_{target.urgency}"),
            }
        )
    blocks: list[dict[str, Any]] = [{"kind": "cards", "cards": cards}]
    if result.meta.indicative:
        blocks.append(_para(t("indicative"), "note"))
    if phase.note is not None:
        blocks.append(_para(phase.note(lang), "callout"))
    if target is not None:
        blocks += [_para(t("why_target"), "h2"), _list(r.text(lang) for r in target.reasons)]

    blocks += [_para(t("top_tensions"), "h2"), _list(_tension_lines(result, lang))]
    notable = result.ranked_gaps(notable=True)[:TOP_GAPS]
    blocks.append(_para(t("notable_gaps"), "h2"))
    blocks.append(
        _list(capitalise(gap_sentence(result, g, lang)) + "." for g in notable)
        if notable
        else _para(t("no_gaps"))
    )
    contested = [a for a in result.decision_rights if a.contested]
    blocks.append(_para(t("contested"), "h2"))
    blocks.append(
        _list(f"{capitalise(a.label(lang))}: {_area_reasons(a.reasons, lang)}" for a in contested)
        if contested
        else _para(t("no_contested"))
    )
    steps = [s for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    if steps:
        blocks.append(_para(t("first_steps"), "h2"))
        blocks.append(_list((f"{s.title(lang)}. {s.why(lang)}" for s in steps), numbered=True))
    return _section(t("summary"), blocks)


def _tension_lines(result: Result, lang: str) -> list[str]:
    tensions = [s for s in result.ranked_tensions() if s.tension is not None][:TOP_TENSIONS]
    lines = []
    for s in tensions:
        assert s.tension is not None
        high = T["high"](lang) if s.high else ""
        family = f" · {FAMILY[s.family](lang).lower()}" if s.family in FAMILY else ""
        lines.append(
            T["tension_item"](lang).format(
                name=s.title(lang), value=number(s.tension, lang), high=high
            )
            + family
        )
    return lines


def _area_reasons(reasons: Sequence[str], lang: str) -> str:
    words = {"sales_marketing_differ": T["reason_differ"], "low_clarity": T["reason_clarity"]}
    return "; ".join(words[r](lang) if r in words else r for r in reasons)


# ---------------------------------------------------------------- sections


def _phase(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    phase = result.phase
    assert phase is not None
    bar = f"{result.meta.block_met_at:.0f}"
    blocks = [
        _para(t("phase_lead").format(phase=phase.ladder.label(lang), bar=bar), "lead"),
        _chart(charts.phase_ladder(result, lang)),
    ]
    if phase.note is not None:
        blocks.append(_para(phase.note(lang), "callout"))
    shown = [g for g in phase.by_group if not g.suppressed and g.distribution is not None]
    if shown:
        header = [t("group"), "n", *(PHASE_LABELS[p](lang).split(" · ")[0] for p in (1, 2, 3, 4))]
        rows = []
        for g in shown:
            assert g.distribution is not None
            cells: list[str | dict[str, str]] = [
                {"b": percent(share, lang)} if g.modal == p + 1 else percent(share, lang)
                for p, share in enumerate(g.distribution)
            ]
            rows.append([group_label(result, g.group, lang), str(g.n), *cells])
        blocks += [
            _para(t("perceived"), "h2"),
            _table(header, rows, [2.2, 0, 1, 1, 1, 1], ["left", "right", *["right"] * 4]),
            _para(t("perceived_note"), "note"),
        ]
    return _section(t("phase"), blocks)


def _tensions(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks = [
        _para(t("tensions_lead").format(high=f"{result.meta.high_tension:.0f}"), "lead"),
        _chart(charts.tension_bars(result, lang)),
    ]
    if result.meta.groups:
        blocks += [
            _para(t("heatmap"), "h2"),
            _chart(charts.tension_heatmap(result, lang)),
            _para(t("heatmap_note"), "note"),
        ]
    return _section(t("tensions"), blocks)


def _gaps(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = [_para(t("gaps_lead"), "lead")]
    if result.meta.groups:
        blocks.append(_chart(charts.perception_gap_chart(result, lang)))
    notable = result.ranked_gaps(notable=True)
    blocks.append(_para(t("gaps_table"), "h2"))
    if notable:
        rows = [
            [
                capitalise(gap_sentence(result, g, lang)),
                number(abs(g.difference), lang),
                f"{number(g.hedges_g, lang, 2)} "
                f"[{number(g.g_ci_low, lang, 2)}; {number(g.g_ci_high, lang, 2)}]",
                number(g.q, lang, 3),
            ]
            for g in notable[:TABLE_GAPS]
        ]
        blocks.append(
            _table(
                [t("gap_col"), t("points"), "Hedges' g [95%]", "q"],
                rows,
                [4, 0, 0, 0],
                ["left", "right", "right", "right"],
            )
        )
        if len(notable) > TABLE_GAPS:
            blocks.append(
                _para(t("more_gaps").format(shown=TABLE_GAPS, total=len(notable)), "note")
            )
    else:
        blocks.append(_para(t("no_gaps")))
    too_few = sum(1 for g in result.gaps if g.verdict == "too_few_to_tell")
    if too_few:
        blocks.append(_para(t("too_few_gaps").format(n=too_few), "note"))
    return _section(t("gaps"), blocks)


def _decider(code: str | None, lang: str) -> str:
    if code is None:
        return "—"
    return capitalise(DECIDER[code](lang)) if code in DECIDER else code


def _decisions(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = [
        _para(t("decisions_lead"), "lead"),
        _chart(charts.decision_matrix(result, lang)),
    ]
    groups = list(result.meta.groups)
    if groups:
        rows = []
        for area in result.decision_rights:
            cells = []
            for info in groups:
                chosen = next((g for g in area.groups if g.group == info.id), None)
                cells.append(
                    "—" if chosen is None or chosen.suppressed else _decider(chosen.modal, lang)
                )
            label = capitalise(area.label(lang))
            rows.append([label + (f" ({CONTESTED(lang)})" if area.contested else ""), *cells])
        strong = [i for i, a in enumerate(result.decision_rights) if a.contested]
        blocks += [
            _para(t("by_group"), "h2"),
            _table(
                [t("area"), *(g.label(lang) for g in groups)],
                rows,
                [2.4, *([1] * len(groups))],
                ["left", *(["left"] * len(groups))],
                strong,
            ),
        ]
    should = [a for a in result.decision_rights if a.should is not None and not a.should.suppressed]
    if should:
        rows = []
        for area in should:
            assert area.should is not None
            dist = area.should.distribution or {}
            modal = area.should.modal
            rows.append(
                [
                    capitalise(area.label(lang)),
                    _decider(area.modal, lang),
                    _decider(modal, lang),
                    percent(dist[modal], lang) if modal in dist else "—",
                ]
            )
        blocks += [
            _para(t("should"), "h2"),
            _table(
                [t("area"), t("now_col"), t("should_col"), t("share")],
                rows,
                [2.4, 1.2, 1.2, 0],
                ["left", "left", "left", "right"],
            ),
        ]
    return _section(t("decisions"), blocks)


def _journey(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    rows = []
    for stage in result.journey:
        rows.append(
            [
                stage.label(lang),
                _decider(stage.owner, lang) + (f" ({UNOWNED(lang)})" if stage.unowned else ""),
                percent(stage.clarity, lang) if stage.clarity is not None else "—",
                number(stage.consistency_score, lang)
                if stage.consistency_score is not None
                else "—",
            ]
        )
    strong = [i for i, s in enumerate(result.journey) if s.unowned]
    blocks = [
        _para(t("journey_lead"), "lead"),
        _chart(charts.journey_stages(result, lang, per_row=3)),
        _table(
            [t("stage"), t("owner"), t("clarity"), t("consistency")],
            rows,
            [2, 2, 0, 0],
            ["left", "left", "right", "right"],
            strong,
        ),
    ]
    return _section(t("journey"), blocks)


def _comments(result: Result, lang: str) -> dict[str, Any]:
    instrument = _instrument(result)
    blocks: list[dict[str, Any]] = [_para(T["comments_lead"](lang), "lead")]
    for comment_set in result.comments:
        if not comment_set.shown:
            continue
        question = comment_set.question
        if instrument is not None:
            with contextlib.suppress(KeyError):
                question = instrument.item(question).text(lang)
        blocks += [_para(question, "h2"), {"kind": "quotes", "texts": list(comment_set.texts)}]
    return _section(T["comments"](lang), blocks)


def _roadmap(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    target = result.target
    phase = result.phase
    assert target is not None and phase is not None
    steps = [
        {
            "rank": str(s.rank or ""),
            "title": s.title(lang),
            "status": s.status,
            "status_label": STEP_STATUS[s.status](lang),
            "why": s.why(lang),
            "description": s.description(lang),
        }
        for s in result.roadmap
        if s.status != "in_place"
    ]
    blocks: list[dict[str, Any]] = [
        _para(
            t("roadmap_lead").format(now=phase.ladder.label(lang), target=target.label(lang)),
            "lead",
        ),
        {"kind": "steps", "steps": steps},
    ]
    in_place = [s for s in result.roadmap if s.status == "in_place"]
    if in_place:
        blocks += [_para(t("in_place"), "h2"), _list(s.title(lang) for s in in_place)]
    return _section(t("roadmap"), blocks)


def _action_plan(plan: ActionPlanSection, lang: str) -> dict[str, Any]:
    late = T["actions_late"](lang).format(late=plan.late, total=len(plan.rows))
    width = 1.0 / len(plan.headers)
    return _section(
        plan.title,
        [
            _para(late, "lead"),
            _table(
                plan.headers, plan.rows, [width] * len(plan.headers), ["left"] * len(plan.headers)
            ),
        ],
    )


def _method(result: Result, lang: str) -> dict[str, Any]:
    def t(key: str) -> str:
        return T[key](lang)

    blocks: list[dict[str, Any]] = []
    for heading, text in method(result.meta.k, result.meta.comment_k):
        blocks += [_para(heading(lang), "h3"), _para(text(lang))]
    if result.scales:
        rows = []
        for s in result.scales:
            rel = s.reliability
            if rel.alpha is not None:
                alpha = number(rel.alpha, lang, 2)
                interval = (
                    f"{number(rel.ci_low, lang, 2)}–{number(rel.ci_high, lang, 2)}"
                    if rel.ci_low is not None and rel.ci_high is not None
                    else ""
                )
            else:
                alpha = "—"
                interval = t("rel_single") if rel.note == "single_item" else t("rel_too_few")
            agreement = AGREEMENT[s.agreement](lang) if s.agreement in AGREEMENT else "—"
            rows.append(
                [s.title(lang), SCALE_KIND[s.kind](lang), str(rel.items), alpha, interval,
                 agreement]
            )  # fmt: skip
        blocks += [
            _para(t("reliability"), "h2"),
            _table(
                [t("scale"), t("kind"), t("items"), t("alpha"), t("interval"), t("agreement")],
                rows,
                [2.6, 1.2, 0, 0, 0, 0],
                ["left", "left", "right", "right", "right", "left"],
            ),
        ]
    blocks += [_para(t("withheld"), "h2"), _para(t("withheld_lead"), "note")]
    rows = _withheld_rows(result, lang)
    blocks.append(
        _table(
            [t("what"), t("group"), t("subject"), t("reason")],
            rows,
            [1.3, 1.3, 1.6, 2],
            ["left"] * 4,
        )
        if rows
        else _para(t("nothing_withheld"))
    )
    return _section(t("method"), blocks)


def _withheld_rows(result: Result, lang: str) -> list[list[str]]:
    """One row per distinct withheld thing, in words, never with the size of the set."""
    rows: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for s in result.suppressed:
        row = [
            SUPPRESSION_WHAT[s.what](lang) if s.what in SUPPRESSION_WHAT else s.what,
            group_label(result, s.group, lang) if s.group else "—",
            _subject(result, s, lang),
            SUPPRESSION_REASON[s.reason](lang) if s.reason in SUPPRESSION_REASON else s.reason,
        ]
        key = tuple(row)
        if key not in seen:
            seen.add(key)
            rows.append([capitalise(c) for c in row])
    return rows


def _subject(result: Result, s: Suppression, lang: str) -> str:
    subject = s.subject
    if not subject:
        return "—"
    for scale in result.scales:
        if scale.id == subject:
            return scale.title(lang)
    instrument = _instrument(result)
    if instrument is not None:
        area = subject.removeprefix("drs_").removeprefix("dr_")
        if area in instrument.areas:
            return instrument.areas[area](lang)
        stage = subject.removeprefix("cj_").removesuffix("_owner").removesuffix("_consistency")
        if stage in instrument.stages:
            return instrument.stages[stage](lang)
        try:
            return instrument.item(subject).text(lang)
        except KeyError:
            pass
    return subject


@cache
def _instrument_named(name: str) -> Instrument | None:
    try:
        return load_instrument(name)
    except (ValueError, OSError):
        return None


def _instrument(result: Result) -> Instrument | None:
    """The questionnaire the result was made with, for question and area wording."""
    major = result.meta.instrument_version.split(".")[0]
    return _instrument_named(f"{result.meta.instrument}-{major}")
