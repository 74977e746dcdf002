"""The codebook that comes with every research export, in Markdown (people) and JSON
(machines): each variable with its label, value labels, missing codes, scale and keying,
and how the answers are coded. Both render :class:`.data.ResearchData`'s variables, so
they say exactly what the data file holds.
"""

from __future__ import annotations

from typing import Any

from tandem.i18n import Text
from tandem.report.codebook import markdown_cell
from tandem.report.research.data import DONT_KNOW_CODE, STATA_MISSING, ResearchData, Variable
from tandem.report.research.labels import variable_label

FORMAT_NAMES = {"sav": "SPSS (.sav)", "dta": "Stata (.dta)", "csv": "CSV"}

T = {
    "title": Text("Onderzoeksexport", "Research export"),
    "instrument": Text("Vragenlijst", "Questionnaire"),
    "form": Text("vorm", "form"),
    "rows": Text("Respondenten (rijen)", "Respondents (rows)"),
    "k": Text("Anonimiteitsdrempel", "Anonymity threshold"),
    "file": Text("Gegevensbestand", "Data file"),
    "coding": Text("Hoe de antwoorden zijn gecodeerd", "How the answers are coded"),
    "rows_note": Text(
        "Eén rij per respondent, in willekeurige volgorde, zonder respondentnummer. Vrije "
        "tekst (open vragen, organisatieonderdeel) zit er nooit in.",
        "One row per respondent, in random order, without respondent id. Free text (open "
        "questions, part of the organisation) is never included.",
    ),
    "as_given": Text(
        "Antwoorden staan er zoals gegeven: de stellingen 1-5 zijn niet omgepoold. Een "
        "stelling met keying `-` is negatief geformuleerd: gebruik 6 - x voordat u een "
        "schaal middelt.",
        "Answers are as given: the statements 1-5 are not reverse-coded. A statement with "
        "keying `-` is reverse-keyed: use 6 - x before averaging a scale.",
    ),
    "empty": Text("Geen antwoord: systeem-missing (een lege cel in CSV).",
                  "No answer: system-missing (an empty cell in CSV)."),
    "dont_know": Text("Weet niet / niet van toepassing: code {code}", "Don't know / not "
                      "applicable: code {code}"),
    "dont_know_sav": Text(", als user-missing gedeclareerd.", ", declared user-missing."),
    "dont_know_dta": Text(": geschreven als `.{tag}` (extended missing, met label).",
                          ": written as `.{tag}` (extended missing, labelled)."),
    "dont_know_csv": Text(": het getal zelf; behandel het als ontbrekend.",
                          ": the number itself; treat it as missing."),
    "department": Text(
        "`department` is de groep zoals het rapport die toont: kleine afdelingen zijn "
        "samengevoegd ('pooled'), en 'all' wanneer het rapport alleen het totaal toont.",
        "`department` is the group as the report shows it: small departments are pooled "
        "('pooled'), and 'all' when the report shows the total only.",
    ),
    "blanked": Text(
        "`level`, `tenure` en `language` zijn leeg wanneer een combinatie met de groep "
        "minder dan {k} respondenten telt (zie de kolom opmerking).",
        "`level`, `tenure` and `language` are empty where a combination with the group "
        "holds fewer than {k} respondents (see the note column).",
    ),
    "values": Text("Waardelabels", "Value labels"),
    "missing_mark": Text("ontbrekend", "missing"),
    "variables": Text("Variabelen", "Variables"),
    "head": Text("variabele|label|type|waarden|schaal|keying|opmerking",
                 "variable|label|type|values|scale|keying|note"),
    "text": Text("tekst (code)", "text (code)"),
    "number": Text("getal", "number"),
    "coded": Text("gecodeerd", "coded"),
    "cut": Text("In het gegevensbestand ingekort tot", "Shortened in the data file to"),
}


def codebook_json(data: ResearchData, fmt: str) -> dict[str, Any]:
    """The codebook as a JSON-ready dict."""
    instrument = data.instrument
    return {
        "export": {
            "format": fmt,
            "language": data.lang,
            "rows": data.n,
            "k": data.k,
            "instrument": {"id": instrument.id, "version": instrument.version,
                           "form": data.form},
        },
        "coding": {
            "reverse_coded": False,
            "system_missing": T["empty"](data.lang),
            "dont_know_code": DONT_KNOW_CODE,
            "spss": "user-missing",
            "stata": f".{STATA_MISSING}",
        },
        "value_sets": {name: _keyed({**v.values, **v.missing}) for name, v in _sets(data)},
        "variables": [_variable_json(v, fmt) for v in data.variables],
    }


def _keyed(labels: dict[int, str]) -> dict[str, str]:
    return {str(code): text for code, text in labels.items()}


def _variable_json(v: Variable, fmt: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": v.name,
        "label": v.label,
        "type": v.kind,
        "measure": v.measure,
        "value_set": v.value_set or None,
        "values": _keyed(v.values),
        "missing": _keyed(v.missing),
        "stata_missing": {f".{STATA_MISSING}": next(iter(v.missing.values()))}
        if v.missing else {},
        "scale": v.scale or None,
        "keying": v.keying or None,
        "reverse": v.reverse,
        "note": v.note or None,
    }
    shown = variable_label(v.label, fmt)
    if shown != v.label:
        out["file_label"] = shown
    return out


def _sets(data: ResearchData) -> list[tuple[str, Variable]]:
    """Each list of value labels once, with the first variable that uses it."""
    seen: dict[str, Variable] = {}
    for v in data.variables:
        if v.value_set and v.value_set not in seen:
            seen[v.value_set] = v
    return list(seen.items())


def codebook_markdown(data: ResearchData, fmt: str) -> str:
    """The codebook for people: what the file holds, how it is coded, every variable."""
    lang = data.lang
    instrument = data.instrument

    def t(name: str, **values: object) -> str:
        return T[name](lang).format(**values)

    dont_know = t("dont_know", code=DONT_KNOW_CODE) + t(f"dont_know_{fmt}", tag=STATA_MISSING)
    lines = [
        f"# {t('title')}",
        "",
        instrument.title(lang),
        "",
        f"- {t('instrument')}: `{instrument.key}`, {t('form')} `{data.form}`",
        f"- {t('file')}: {FORMAT_NAMES[fmt]}",
        f"- {t('rows')}: {data.n}",
        f"- {t('k')}: k = {data.k}",
        "",
        f"## {t('coding')}",
        "",
        f"- {t('rows_note')}",
        f"- {t('as_given')}",
        f"- {t('empty')}",
        f"- {dont_know}",
        f"- {t('department')}",
        f"- {t('blanked', k=data.k)}",
        "",
        f"## {t('values')}",
        "",
    ]
    for name, v in _sets(data):
        lines += [f"### `{name}`", "", "| code | label |", "|---|---|"]
        lines += [f"| {code} | {markdown_cell(text)} |" for code, text in v.values.items()]
        lines += [f"| {code} | {markdown_cell(text)} ({t('missing_mark')}) |"
                  for code, text in v.missing.items()]
        lines.append("")
    head = t("head").split("|")
    lines += [f"## {t('variables')}", "", "| " + " | ".join(head) + " |",
              "|" + "---|" * len(head)]
    for v in data.variables:
        shown = variable_label(v.label, fmt)
        label = v.label if shown == v.label else f"{v.label} ({t('cut')}: {shown})"
        values = f"`{v.value_set}`" if v.value_set else ""
        cells = [f"`{v.name}`", label, t(v.kind), values, v.scale, v.keying, v.note]
        lines.append("| " + " | ".join(markdown_cell(c) for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)
