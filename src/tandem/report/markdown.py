"""A Markdown summary a manager understands: phase, target and why, top tensions,
notable gaps, contested decisions, unowned journey stages and the first steps."""

from __future__ import annotations

from tandem.analysis.phase import PHASE_LABELS
from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.report.empathy import markdown as empathy_markdown
from tandem.report.wording import (
    DECIDER,
    QUESTIONNAIRE,
    URGENCY,
    VERDICT,
    certainty_words,
    gap_interval,
    gap_sentence,
    gaps_in_words,
    group_label,
    group_notes,
    number,
    questionnaire_words,
)

T = {
    "title": Text("Tandem Scan: diagnose", "Tandem Scan: diagnosis"),
    "respondents": Text("respondenten", "respondents"),
    "threshold": Text("anonimiteitsdrempel", "anonymity threshold"),
    "indicative": Text(
        "Quick scan: indicatieve uitkomsten (losse uitspraken, geen betrouwbaarheid).",
        "Quick scan: indicative results (single statements, no reliability).",
    ),
    "too_few": Text(
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden.",
        "Too few respondents to show anything without harming anonymity.",
    ),
    "phase": Text("Fase van de samenwerking", "Phase of the relationship"),
    "ladder": Text("Ladder (blokken gehaald bij 60 of meer)", "Ladder (blocks met at 60 or more)"),
    "index": Text("Index (vergelijkbaar met HBR 2006)", "Index (comparable with HBR 2006)"),
    "certainty": Text(
        "Zekerheid: {certainty} van de {resamples} herberekeningen geeft dezelfde fase.",
        "Certainty: {certainty} of {resamples} resamples give the same phase.",
    ),
    "perceived": Text("Zoals elke groep het ziet", "As each group sees it"),
    "individually": Text(
        "({share:.0%} van de respondenten ziet zelf deze fase)",
        "({share:.0%} of its respondents individually see this phase)",
    ),
    "target": Text("Doelfase", "Target phase"),
    "urgency": Text("Urgentie", "Urgency"),
    "why": Text("Waarom", "Why"),
    "horizon": Text("Horizon", "Horizon"),
    "not_judged": Text("Niet te beoordelen", "Could not judge"),
    "tensions": Text("Grootste spanningsbronnen", "Biggest sources of tension"),
    "gaps": Text("Verschillen in beleving om te bespreken", "Perception gaps to discuss"),
    "prior": Text(
        "Zoals vaker in onderzoek: Marketing beoordeelt de samenwerking hier positiever dan Sales.",
        "As research often finds, Marketing rates the relationship more positively than "
        "Sales does here.",
    ),
    "decisions": Text("Betwiste beslisgebieden", "Contested decision areas"),
    "no_decisions": Text("Geen betwiste beslisgebieden.", "No contested decision areas."),
    "decided_by": Text(
        "meest genoemd: {who}, helderheid {clarity:.0%}", "most named: {who}, clarity {clarity:.0%}"
    ),
    "differ": Text(
        "Sales en Marketing noemen een andere beslisser",
        "Sales and Marketing name a different decider",
    ),
    "journey": Text("Klantreisfasen zonder eigenaar", "Customer-journey stages without an owner"),
    "no_journey": Text(
        "Elke fase van de klantreis heeft een eigenaar.",
        "Every stage of the customer journey has an owner.",
    ),
    "steps": Text("Eerste stappen", "First steps"),
    "repair": Text("fundament herstellen", "repair the foundation"),
    "withheld": Text(
        "Niet getoond om de anonimiteit te beschermen", "Withheld to protect anonymity"
    ),
    "cells": Text(
        "{n} cijfers voor kleine groepen niet getoond", "{n} figures for small groups withheld"
    ),
    "comments": Text(
        "opmerkingen onder de eigen drempel niet getoond",
        "comments below their own threshold withheld",
    ),
}

TOP_TENSIONS = 3
TOP_GAPS = 8
TOP_STEPS = 5


def render_markdown(result: Result, lang: str = "nl") -> str:
    def t(key: str) -> str:
        return T[key](lang)

    out: list[str] = [f"# {t('title')}", "",
                      f"{QUESTIONNAIRE(lang)}: {questionnaire_words(result, lang)}.", ""]
    meta = result.meta
    if result.phase is None or meta.n is None:
        return "\n".join([*out, t("too_few"), ""])
    groups = ", ".join(f"{g.label(lang)} {g.n}" for g in meta.groups)
    out.append(
        f"{meta.n} {t('respondents')}"
        + (f" ({groups})" if groups else "")
        + f"; {t('threshold')} {meta.k}."
    )
    if meta.indicative:
        out += ["", f"_{t('indicative')}_"]

    phase = result.phase
    out += ["", f"## {t('phase')}", "", f"**{phase.ladder.label(lang)}**", ""]
    blocks = "; ".join(
        f"{result.scale(b).title(lang)} {number(blk.score, lang)}" + (" ✓" if blk.met else "")
        for b, blk in phase.blocks.items()
        if blk.score is not None
    )
    out.append(f"- {t('ladder')}: {blocks}")
    if phase.index.label is not None and phase.index.mean is not None:
        mean = number(phase.index.mean, lang, 2)
        out.append(f"- {t('index')}: {phase.index.label(lang)} ({mean})")
    if phase.uncertainty is not None:
        u = phase.uncertainty
        words = certainty_words(u, lang)
        out.append("- " + t("certainty").format(certainty=words, resamples=u.resamples))
    if phase.note is not None:
        out += ["", phase.note(lang)]
    seen = [g for g in phase.by_group if not g.suppressed and g.phase is not None]
    if seen:
        out += ["", f"{t('perceived')}:", ""]
        for g in seen:
            assert g.phase is not None and g.distribution is not None
            share = g.distribution[g.phase - 1]
            out.append(
                f"- {group_label(result, g.group, lang)}: {PHASE_LABELS[g.phase](lang)} "
                + t("individually").format(share=share)
            )

    if result.target is not None:
        target = result.target
        out += [
            "",
            f"## {t('target')}",
            "",
            f"**{target.label(lang)}** · {t('urgency')}: {URGENCY[target.urgency](lang)}",
            "",
        ]
        if target.horizon_reason is not None:
            out += [f"{t('horizon')}: {target.horizon_reason(lang)}", ""]
        out += [
            f"{t('why')}:",
            "",
        ]
        out += [f"- {reason.text(lang)}" for reason in target.reasons]
        if target.unjudged:
            out += ["", f"{t('not_judged')}:", ""]
            out += [f"- {u(lang)}" for u in target.unjudged]

    tensions = [(s, s.tension) for s in result.ranked_tensions()
                if s.tension is not None][:TOP_TENSIONS]
    out += ["", f"## {t('tensions')}", ""]
    out += [f"- {s.title(lang)}: {number(tension, lang)}/100" for s, tension in tensions]

    tiered = result.ranked_gaps(tiered=True)
    out += ["", f"## {t('gaps')}", ""]
    out += [
        f"- {VERDICT[g.verdict](lang)}: {gap_sentence(result, g, lang)} "
        f"({gap_interval(g, lang)}, "
        # g in the sentence's direction too, as the interval is
        f"g = {number(g.hedges_g if g.difference >= 0 else -g.hedges_g, lang, 2)})."
        for g in tiered[:TOP_GAPS]
    ]
    none = gaps_in_words(result, lang)
    if none:
        out += ["", none]
    if "marketing_more_positive" in result.patterns:
        out += ["", t("prior")]
    empathy = empathy_markdown(result, lang)
    if empathy:
        out += ["", *empathy[:-1]]

    contested = [a for a in result.decision_rights if a.contested]
    out += ["", f"## {t('decisions')}", ""]
    for area in contested:
        who = DECIDER[area.modal](lang) if area.modal else "?"
        line = f"- {area.label(lang)[:1].upper()}{area.label(lang)[1:]}: " + t("decided_by").format(
            who=who, clarity=area.clarity or 0.0
        )
        if "sales_marketing_differ" in area.reasons:
            line += f"; {t('differ')}"
        out.append(line)
    if not contested:
        out.append(t("no_decisions"))

    unowned = [s for s in result.journey if s.unowned]
    out += ["", f"## {t('journey')}", ""]
    out += [f"- {s.label(lang)}" for s in unowned] or [t("no_journey")]

    steps = [s for s in result.roadmap if s.status != "in_place"][:TOP_STEPS]
    out += ["", f"## {t('steps')}", ""]
    for step in steps:
        tag = f" ({t('repair')})" if step.status == "repair" else ""
        out.append(f"{step.rank}. **{step.title(lang)}**{tag}: {step.why(lang)}")

    notes = group_notes(result, lang)
    cells = [s for s in result.suppressed if s.reason in ("below_k", "complementary")]
    comments = [s for s in result.suppressed if s.reason == "comment_threshold"]
    if notes or cells or comments:
        out += ["", f"## {t('withheld')}", ""]
        out += [f"- {note}" for note in notes]
        if cells:
            out.append("- " + t("cells").format(n=len(cells)))
        if comments:
            out.append(f"- {t('comments')}")
    return "\n".join(out) + "\n"
