"""The psychometrics as JSON (for analysts and scripts) and as tables and Markdown (for
consultants and researchers, in Dutch or English). Only draws: every figure, every
omission and every verdict (invariance level, ladder strength) comes from
:class:`tandem.contract.psychometrics.Psychometrics`.

:func:`tables` is the one rendering into rows of formatted text; the Markdown here and
the consultants' web page both draw those rows, so they show the same figures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tandem.analysis.psychometrics import MIN_N_INVARIANCE
from tandem.analysis.psychometrics.ladder import MEDIUM, STRONG, WEAK
from tandem.contract.psychometrics import (
    Fit,
    Invariance,
    LadderCheck,
    Omission,
    Psychometrics,
    ScalePsychometrics,
    ScaleReliability,
)
from tandem.i18n import Text
from tandem.privacy import GROUP_LABELS
from tandem.report.wording import number, percent, questionnaire_named

__all__ = ["Table", "Tables", "render_json", "render_markdown", "tables", "to_dict"]

LANGUAGE_NAMES = {"nl": Text("Nederlands", "Dutch"), "en": Text("Engels", "English")}

T = {
    "title": Text("Psychometrie van de Tandem Scan", "Psychometrics of the Tandem Scan"),
    "lead": Text(
        "Onderzoekscijfers over alle respondenten heen: hoe betrouwbaar de schalen meten, "
        "hoeveel afdelingen verschillen, of Nederlands en Engels hetzelfde meten en of de "
        "fasen zich als een ladder gedragen.",
        "Research figures across respondents: how reliably the scales measure, how much "
        "departments differ, whether Dutch and English measure the same and whether the "
        "phases behave as a ladder.",
    ),
    "meta": Text("{n} respondenten, anonimiteitsdrempel k = {k}, vragenlijst {questionnaire}.",
                 "{n} respondents, anonymity threshold k = {k}, questionnaire {questionnaire}."),
    "languages": Text("Talen met ten minste k respondenten: {languages}.",
                      "Languages with at least k respondents: {languages}."),
    "no_languages": Text("Het bestand vermeldt geen taal per respondent.",
                         "The file gives no language per respondent."),
    "nothing": Text("Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden.",
                    "Too few respondents to show anything without harming anonymity."),
    "reliability": Text("Betrouwbaarheid per schaal", "Reliability per scale"),
    "reliability_note": Text(
        "Alfa (met Feldts 95%-interval), omega totaal en de item-restcorrelaties op de "
        "complete gevallen (n: wie elke uitspraak van de schaal beantwoordde), zoals SPSS en "
        "R ze geven; daarnaast alfa op alle beschikbare antwoorden (paarsgewijze covarianties), "
        "met het aantal respondenten dat er ten minste één gaf. Minimaal {min_n} complete "
        "gevallen.",
        "Alpha (with Feldt's 95% interval), omega total and the item-rest correlations on "
        "the complete cases (n: who answered every statement of the scale), as SPSS and R "
        "report them; beside it alpha on all available answers (pairwise covariances), with "
        "the number of respondents who gave at least one. At least {min_n} complete cases.",
    ),
    "by_language": Text("Betrouwbaarheid per taal", "Reliability per language"),
    "items": Text("Item-restcorrelaties", "Item-rest correlations"),
    "icc": Text("Verschillen tussen afdelingen: ICC(1) en ICC(2)",
                "Differences between departments: ICC(1) and ICC(2)"),
    "icc_note": Text(
        "Eenweg-variantieanalyse van de schaalscores naar afdeling (Bliese 2000): ICC(1) is "
        "het deel van de verschillen dat tussen afdelingen ligt, ICC(2) de betrouwbaarheid "
        "van een afdelingsgemiddelde. Alleen afdelingen met ten minste k respondenten.",
        "One-way analysis of variance of the scale scores by department (Bliese 2000): "
        "ICC(1) is the share of the differences that lies between departments, ICC(2) the "
        "reliability of a department's mean. Only departments with at least k respondents.",
    ),
    "invariance": Text("Meetinvariantie Nederlands - Engels",
                       "Measurement invariance Dutch - English"),
    "invariance_note": Text(
        "Confirmatieve factoranalyse over twee groepen (ML, complete gevallen, ten minste "
        "{min_n} per taal): configuraal (zelfde model), metrisch (gelijke ladingen), "
        "scalair (ook gelijke intercepten). Een niveau houdt stand zolang de CFI minder "
        "dan {delta} daalt ten opzichte van het niveau eronder; configuraal vraagt een CFI "
        "van ten minste {bar}.",
        "Confirmatory factor analysis across two groups (ML, complete cases, at least "
        "{min_n} per language): configural (same model), metric (equal loadings), scalar "
        "(equal intercepts too). A level holds while CFI drops by less than {delta} from "
        "the level below; configural asks a CFI of at least {bar}.",
    ),
    "ladder": Text("Gedragen de fasen zich als een ladder?", "Do the phases behave as a ladder?"),
    "ladder_note": Text(
        "Per respondent telt een fase als gehaald bij een blokscore van {bar} of meer. Een "
        "ladder betekent: wie een hogere fase haalt, haalt ook de lagere. Een Guttman-fout "
        "is een gehaalde fase boven een niet gehaalde; H (Loevinger, Mokken) is 1 min de "
        "fouten gedeeld door de fouten bij toeval: vanaf {weak} zwak, {medium} middelmatig, "
        "{strong} sterk.",
        "Per respondent a phase counts as met at a block score of {bar} or more. A ladder "
        "means: whoever meets a higher phase meets the lower ones too. A Guttman error is a "
        "phase met above one not met; H (Loevinger, Mokken) is 1 minus the errors divided "
        "by the errors expected by chance: from {weak} weak, {medium} medium, {strong} strong.",
    ),
    "omitted": Text("Weggelaten", "Left out"),
    # column headings
    "scale": Text("Schaal", "Scale"),
    "n": Text("n", "n"),
    "alpha": Text("alfa", "alpha"),
    "ci": Text("95%-interval", "95% interval"),
    "omega": Text("omega totaal", "omega total"),
    "available": Text("alfa beschikbaar (n)", "alpha available (n)"),
    "item": Text("Uitspraak", "Statement"),
    "item_rest": Text("item-rest r", "item-rest r"),
    "icc1": Text("ICC(1)", "ICC(1)"),
    "icc2": Text("ICC(2)", "ICC(2)"),
    "groups": Text("afdelingen", "departments"),
    "k0": Text("gem. grootte k0", "mean size k0"),
    "configural": Text("configuraal CFI / RMSEA", "configural CFI / RMSEA"),
    "metric": Text("metrisch CFI / RMSEA (ΔCFI)", "metric CFI / RMSEA (ΔCFI)"),
    "scalar": Text("scalair CFI / RMSEA (ΔCFI)", "scalar CFI / RMSEA (ΔCFI)"),
    "level": Text("houdt stand tot", "holds up to"),
    "block": Text("Fase", "Phase"),
    "met": Text("gehaald", "met"),
    "h_block": Text("H van de fase", "H of the phase"),
    "none": Text("–", "–"),
}

LEVELS = {
    "none": Text("geen", "none"),
    "configural": Text("configuraal", "configural"),
    "metric": Text("metrisch", "metric"),
    "scalar": Text("scalair", "scalar"),
}
STRENGTH = {
    "none": Text("geen ladder (H onder {weak})", "no ladder (H below {weak})"),
    "weak": Text("een zwakke ladder", "a weak ladder"),
    "medium": Text("een middelmatige ladder", "a medium ladder"),
    "strong": Text("een sterke ladder", "a strong ladder"),
}
LADDER = {
    "summary": Text(
        "{n} respondenten met alle drie blokscores. Guttman-fouten: {errors}, bij toeval "
        "verwacht {expected}; {perfect} van de respondenten volgt de ladder precies. "
        "H = {h}: {strength}.",
        "{n} respondents with all three block scores. Guttman errors: {errors}, expected "
        "by chance {expected}; {perfect} of the respondents follow the ladder exactly. "
        "H = {h}: {strength}.",
    ),
    "in_order": Text("Het aandeel dat een fase haalt daalt van Defined naar Integrated, zoals "
                     "de ladder voorspelt.",
                     "The share meeting a phase falls from Defined to Integrated, as the ladder "
                     "predicts."),
    "out_of_order": Text("Het aandeel dat een fase haalt daalt niet van Defined naar Integrated: "
                         "een hogere fase wordt vaker gehaald dan een lagere.",
                         "The share meeting a phase does not fall from Defined to Integrated: a "
                         "higher phase is met more often than a lower one."),
}
NOTES = {
    "single_item": Text("één uitspraak: geen betrouwbaarheid", "one statement: no reliability"),
    "too_few": Text("te weinig complete gevallen", "too few complete cases"),
    "no_omega": Text("twee uitspraken: geen omega", "two statements: no omega"),
}
REASONS = {
    "below_k": Text("minder dan k respondenten", "fewer than k respondents"),
    "complementary": Text("weggelaten zodat een kleinere groep niet uit het totaal volgt",
                          "withheld so that a smaller group cannot be derived from the total"),
    "too_few": Text("te weinig complete gevallen", "too few complete cases"),
    "too_few_items": Text("minder dan drie uitspraken", "fewer than three statements"),
    "no_language": Text("het bestand vermeldt geen taal", "the file gives no language"),
    "one_group": Text("minder dan twee groepen met ten minste k respondenten",
                      "fewer than two groups with at least k respondents"),
    "no_ladder": Text("deze vragenlijst heeft geen faseblokken",
                      "this questionnaire has no phase blocks"),
    "constant_item": Text("een uitspraak zonder spreiding", "a statement without spread"),
    "no_convergence": Text("het model convergeerde niet", "the model did not converge"),
}
#: A reason said more exactly for one scope.
SCOPE_REASONS = {
    ("invariance", "too_few"): Text(
        f"minder dan {MIN_N_INVARIANCE} complete gevallen in een van de talen",
        f"fewer than {MIN_N_INVARIANCE} complete cases in one of the languages"),
}
SCOPES = {
    "all": Text("Alles", "Everything"),
    "language": Text("Taal", "Language"),
    "department": Text("Afdeling", "Department"),
    "invariance": Text("Meetinvariantie", "Measurement invariance"),
    "icc": Text("ICC", "ICC"),
    "ladder": Text("Ladder", "Ladder"),
}


# ---------------------------------------------------------------- JSON


def _rounded(value: Any, digits: int | None) -> Any:
    """Every float in a JSON-ready value rounded (as ``Result.to_dict`` rounds)."""
    if digits is None:
        return value
    if isinstance(value, float):
        return round(value, digits)
    if isinstance(value, dict):
        return {key: _rounded(v, digits) for key, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v, digits) for v in value]
    return value


def _reliability_dict(r: ScaleReliability) -> dict[str, Any]:
    return {
        "n": r.n,
        "alpha": r.alpha,
        "alpha_ci": None if r.alpha_ci_low is None or r.alpha_ci_high is None
        else [r.alpha_ci_low, r.alpha_ci_high],
        "omega_total": r.omega_total,
        "alpha_available": None if r.alpha_available is None
        else {"alpha": r.alpha_available.alpha, "n": r.alpha_available.n},
        "items": {i.id: {"item_rest": i.item_rest} for i in r.items},
        "note": r.note,
    }


def _scale_dict(s: ScalePsychometrics) -> dict[str, Any]:
    return {
        "kind": s.kind,
        "title": s.title.as_dict(),
        "n_items": s.n_items,
        **_reliability_dict(s.overall),
        "by_language": {code: _reliability_dict(r) for code, r in s.by_language.items()},
    }


def _fit_dict(f: Fit) -> dict[str, Any]:
    out: dict[str, Any] = {"cfi": f.cfi, "rmsea": f.rmsea, "chisq": f.chisq, "df": f.df}
    if f.delta_cfi is not None:
        out["delta_cfi"] = f.delta_cfi
    return out


def _invariance_dict(v: Invariance) -> dict[str, Any]:
    return {
        "n": dict(zip(v.languages, v.n, strict=True)),
        "configural": _fit_dict(v.configural),
        "metric": _fit_dict(v.metric),
        "scalar": _fit_dict(v.scalar),
        "level": v.level,
    }


def _ladder_dict(c: LadderCheck) -> dict[str, Any]:
    return {
        "n": c.n,
        "bar": c.bar,
        "blocks": {
            b: {"met_share": m, "h": h}
            for b, m, h in zip(c.blocks, c.met_share, c.h_blocks, strict=True)
        },
        "guttman_errors": c.guttman_errors,
        "expected_errors": c.expected_errors,
        "perfect_share": c.perfect_share,
        "h": c.h,
        "in_order": c.in_order,
        "strength": c.strength,
    }


def to_dict(p: Psychometrics, digits: int | None = 6) -> dict[str, Any]:
    """The JSON form: ``{"meta", "scales": {id: {...}}, "icc": {id: {...}},
    "invariance": {id: {...}}, "ladder", "omitted"}`` (docs/method.md, "Psychometrics"),
    floats rounded to ``digits`` decimals (None: exact)."""
    m = p.meta
    data: dict[str, Any] = {
        "meta": {"n": m.n, "k": m.k, "instrument": m.instrument, "form": m.form,
                 "languages": list(m.languages), "min_n_reliability": m.min_n_reliability,
                 "min_n_invariance": m.min_n_invariance},
        "scales": {s.id: _scale_dict(s) for s in p.scales},
        "icc": {sid: {"icc1": i.icc1, "icc2": i.icc2, "n": i.n, "groups": i.groups, "k0": i.k0}
                for sid, i in p.icc.items()},
        "invariance": {sid: _invariance_dict(v) for sid, v in p.invariance.items()},
        "ladder": None if p.ladder is None else _ladder_dict(p.ladder),
        "omitted": [{"scope": o.scope, "subject": o.subject, "reason": o.reason}
                    for o in p.omitted],
    }
    rounded: dict[str, Any] = _rounded(data, digits)
    return rounded


def render_json(p: Psychometrics) -> str:
    return json.dumps(to_dict(p), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- tables


@dataclass(frozen=True, slots=True)
class Table:
    title: str
    note: str | None
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Tables:
    """Everything a reader sees, as formatted text in one language."""

    title: str
    lead: str
    meta: tuple[str, ...]  # sentences
    tables: tuple[Table, ...]
    ladder: tuple[str, ...]  # sentences under the ladder table
    omitted: tuple[str, ...]  # one line per omission


def _num(value: float | None, lang: str, decimals: int = 2) -> str:
    return T["none"](lang) if value is None else number(value, lang, decimals)


def _language(code: str, lang: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return name(lang) if name is not None else code.upper()


def _reliability_row(r: ScaleReliability, lang: str) -> tuple[str, ...]:
    ci = (T["none"](lang) if r.alpha_ci_low is None or r.alpha_ci_high is None
          else f"{_num(r.alpha_ci_low, lang)} – {_num(r.alpha_ci_high, lang)}")
    available = (T["none"](lang) if r.alpha_available is None
                 else f"{_num(r.alpha_available.alpha, lang)} ({r.alpha_available.n})")
    alpha = _num(r.alpha, lang) if r.note != "single_item" and r.note != "too_few" \
        else NOTES[r.note](lang)
    return (T["none"](lang) if r.n is None else str(r.n), alpha, ci,
            _num(r.omega_total, lang), available)


def _language_cells(s: ScalePsychometrics, code: str, lang: str) -> tuple[str, str, str]:
    r = s.by_language.get(code)
    if r is None:
        return (T["none"](lang),) * 3
    n, alpha, _ci, omega, _available = _reliability_row(r, lang)
    return n, alpha, omega


def _fit_cell(f: Fit, lang: str) -> str:
    text = f"{_num(f.cfi, lang, 3)} / {_num(f.rmsea, lang, 3)}"
    return text if f.delta_cfi is None else f"{text} ({_num(f.delta_cfi, lang, 3)})"


def _subject(o: Omission, lang: str, titles: Mapping[str, str]) -> str:
    assert o.subject is not None
    label = GROUP_LABELS.get(o.subject) if o.scope == "department" else None
    return (label(lang) if label is not None else
            _language(o.subject, lang) if o.scope == "language" else
            titles.get(o.subject, o.subject))


def _omissions(omitted: tuple[Omission, ...], lang: str,
               titles: Mapping[str, str]) -> tuple[str, ...]:
    """One line per kind of omission (what, why), naming all it concerns: a small sample
    leaves out the invariance of every scale for one reason, which is one line, not 17."""
    kinds: dict[tuple[str, str], list[Omission]] = {}
    for o in omitted:
        kinds.setdefault((o.scope, o.reason), []).append(o)
    lines = []
    for (scope, reason), these in kinds.items():
        what = SCOPES.get(scope, Text(scope, scope))(lang)
        why = (SCOPE_REASONS.get((scope, reason))
               or REASONS.get(reason, Text(reason, reason)))(lang)
        subjects = [_subject(o, lang, titles) for o in these if o.subject is not None]
        if len(subjects) > 1:  # scale titles hold colons: the reason comes first
            lines.append(f"{what} ({why}): {'; '.join(subjects)}")
        else:
            lines.append(f"{' '.join([what, *subjects])}: {why}")
    return tuple(lines)


def tables(p: Psychometrics, lang: str) -> Tables:
    """The psychometrics as formatted rows in ``lang`` (nl or en)."""
    m = p.meta
    title, lead = T["title"](lang), T["lead"](lang)
    if m.n is None:
        return Tables(title, lead, (T["nothing"](lang),), (), (),
                      _omissions(p.omitted, lang, {}))
    # the contract names the questionnaire "<id>-<version>" (tandem-scan-2.0)
    instrument_id, _, version = m.instrument.rpartition("-")
    questionnaire = questionnaire_named(instrument_id, version, m.form == "quick", lang)
    meta = [T["meta"](lang).format(n=m.n, k=m.k, questionnaire=questionnaire)]
    meta.append(T["languages"](lang).format(
        languages=", ".join(_language(c, lang) for c in m.languages))
        if m.languages else T["no_languages"](lang))
    titles = {s.id: s.title(lang) for s in p.scales}
    heads = tuple(T[h](lang) for h in ("n", "alpha", "ci", "omega", "available"))
    out = [Table(T["reliability"](lang),
                 T["reliability_note"](lang).format(min_n=m.min_n_reliability),
                 (T["scale"](lang), *heads),
                 tuple((s.title(lang), *_reliability_row(s.overall, lang)) for s in p.scales))]
    if m.languages:
        out.append(Table(
            T["by_language"](lang), None,
            (T["scale"](lang), *(f"{T[h](lang)} ({_language(code, lang)})"
                                 for code in m.languages for h in ("n", "alpha", "omega"))),
            tuple((s.title(lang), *(cell for code in m.languages
                                    for cell in _language_cells(s, code, lang)))
                  for s in p.scales),
        ))
    items = tuple((s.title(lang), i.id, _num(i.item_rest, lang))
                  for s in p.scales for i in s.overall.items)
    if items:
        out.append(Table(T["items"](lang), None,
                         (T["scale"](lang), T["item"](lang), T["item_rest"](lang)), items))
    if p.icc:
        out.append(Table(
            T["icc"](lang), T["icc_note"](lang),
            tuple(T[h](lang) for h in ("scale", "icc1", "icc2", "groups", "n", "k0")),
            tuple((titles[sid], _num(i.icc1, lang), _num(i.icc2, lang), str(i.groups),
                   str(i.n), _num(i.k0, lang, 1)) for sid, i in p.icc.items()),
        ))
    if p.invariance:
        first = next(iter(p.invariance.values()))
        out.append(Table(
            T["invariance"](lang),
            T["invariance_note"](lang).format(min_n=m.min_n_invariance,
                                              delta=number(first.delta_cfi_bar, lang, 2),
                                              bar=number(first.cfi_bar, lang, 2)),
            (T["scale"](lang), *(f"n {_language(c, lang)}" for c in first.languages),
             T["configural"](lang), T["metric"](lang), T["scalar"](lang), T["level"](lang)),
            tuple((titles[sid], *(str(n) for n in v.n), _fit_cell(v.configural, lang),
                   _fit_cell(v.metric, lang), _fit_cell(v.scalar, lang), LEVELS[v.level](lang))
                  for sid, v in p.invariance.items()),
        ))
    ladder: tuple[str, ...] = ()
    if p.ladder is not None:
        c = p.ladder
        bars = {name: number(value, lang, 1)
                for name, value in (("weak", WEAK), ("medium", MEDIUM), ("strong", STRONG))}
        out.append(Table(
            T["ladder"](lang), T["ladder_note"](lang).format(bar=number(c.bar, lang), **bars),
            (T["block"](lang), T["met"](lang), T["h_block"](lang)),
            tuple((titles.get(b, b), percent(s, lang), _num(h, lang))
                  for b, s, h in zip(c.blocks, c.met_share, c.h_blocks, strict=True)),
        ))
        ladder = (
            LADDER["summary"](lang).format(
                n=c.n, errors=c.guttman_errors, expected=number(c.expected_errors, lang),
                perfect=percent(c.perfect_share, lang), h=_num(c.h, lang),
                strength=STRENGTH[c.strength](lang).format(**bars)),
            LADDER["in_order" if c.in_order else "out_of_order"](lang),
        )
    return Tables(title, lead, tuple(meta), tuple(out), ladder,
                  _omissions(p.omitted, lang, titles))


# ---------------------------------------------------------------- Markdown


def _md_table(table: Table) -> list[str]:
    lines = [f"## {table.title}", ""]
    if table.note:
        lines += [table.note, ""]
    lines.append("| " + " | ".join(table.headers) + " |")
    lines.append("|" + "---|" * len(table.headers))
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
              for row in table.rows]
    return [*lines, ""]


def render_markdown(p: Psychometrics, lang: str) -> str:
    """The psychometrics as a Markdown report in ``lang``."""
    t = tables(p, lang)
    lines = [f"# {t.title}", "", t.lead, "", *t.meta, ""]
    ladder_title = T["ladder"](lang)
    for table in t.tables:
        lines += _md_table(table)
        if table.title == ladder_title:
            lines += [*t.ladder, ""]
    if t.omitted:
        lines += [f"## {T['omitted'](lang)}", "", *(f"- {o}" for o in t.omitted), ""]
    return "\n".join(lines)

