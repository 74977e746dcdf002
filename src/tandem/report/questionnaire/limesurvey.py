"""The questionnaire as a LimeSurvey survey structure file (.lss), for LimeSurvey 5 and 6.

The file is LimeSurvey's own export layout (``<document>`` with ``DBVersion`` 4xx and
the ``*_l10ns`` tables LimeSurvey 4 introduced), one row per group, question,
subquestion and answer, in one language:

- one question group per section of the instrument;
- Likert items sharing an answer scale: one array question (type ``F``) with one
  subquestion per item, so the response export has a column ``<section>[<item>]``
  (``ladder[defroles]``);
- choice items: a list (radio) question (``L``); open questions: long text (``T``);
- question and subquestion codes from :func:`tandem.instrument.codes.limesurvey_code`
  (letters and digits, at most 20 characters), walked over all the instrument's items;
- answer codes ``AO01``, ``AO02``, ... in the instrument's option order, so an answer
  code gives the option's position: "don't know" is ``AO06`` on a Likert item,
  ``AO07`` on a decision question, the departments ``AO01``-``AO05``.

Import in LimeSurvey: Surveys -> Create survey -> Import -> choose the .lss file.
"""

from __future__ import annotations

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.layout import limesurvey_codes, survey_pages

DB_VERSION = 449  # as LimeSurvey 5 writes it; LimeSurvey 6 imports it and upgrades it
SURVEY_ID = 461723
QUESTION_TYPES = {"matrix": "F", "choice": "L", "text": "T"}
QUESTION_THEMES = {"F": "arrays/array", "L": "listradio", "T": "longfreetext"}

_QUESTION_FIELDS = (
    "qid",
    "parent_qid",
    "sid",
    "gid",
    "type",
    "title",
    "preg",
    "other",
    "mandatory",
    "encrypted",
    "question_order",
    "scale_id",
    "same_default",
    "relevance",
    "question_theme_name",
    "modulename",
    "same_script",
)


def answer_code(position: int) -> str:
    """The LimeSurvey answer code of the option at 1-based ``position``: ``AO01``..."""
    return f"AO{position:02d}"


def render_limesurvey(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The .lss XML text of ``form`` in ``lang``."""
    codes = limesurvey_codes(instrument)
    tables: dict[str, list[dict[str, object]]] = {
        "answers": [],
        "answer_l10ns": [],
        "groups": [],
        "group_l10ns": [],
        "questions": [],
        "subquestions": [],
        "question_l10ns": [],
    }
    next_id = {"qid": 1, "aid": 1, "l10n": 1, "al10n": 1}

    def question_row(qid: int, parent: int, gid: int, qtype: str, code: str, order: int) -> None:
        row: dict[str, object] = {
            "qid": qid,
            "parent_qid": parent,
            "sid": SURVEY_ID,
            "gid": gid,
            "type": qtype,
            "title": code,
            "preg": "",
            "other": "N",
            "mandatory": "N",
            "encrypted": "N",
            "question_order": order,
            "scale_id": 0,
            "same_default": 0,
            "relevance": "1",
            "question_theme_name": QUESTION_THEMES[qtype] if parent == 0 else "",
            "modulename": "",
            "same_script": 0,
        }
        tables["subquestions" if parent else "questions"].append(row)

    def text_row(qid: int, question: str, help_text: str = "") -> None:
        tables["question_l10ns"].append(
            {
                "id": next_id["l10n"],
                "qid": qid,
                "question": question,
                "help": help_text,
                "script": "",
                "language": lang,
            }
        )
        next_id["l10n"] += 1

    for group_order, page in enumerate(survey_pages(instrument, form, settings), start=1):
        gid = group_order
        tables["groups"].append(
            {
                "gid": gid,
                "sid": SURVEY_ID,
                "group_order": group_order,
                "randomization_group": "",
                "grelevance": "1",
            }
        )
        tables["group_l10ns"].append(
            {
                "id": gid,
                "gid": gid,
                "group_name": page.section.title(lang),
                "description": page.section.intro(lang) if page.section.intro else "",
                "language": lang,
            }
        )
        for order, question in enumerate(page.questions, start=1):
            qid = next_id["qid"]
            next_id["qid"] += 1
            qtype = QUESTION_TYPES[question.kind]
            if question.kind == "matrix":
                code = codes[f"section:{page.section.id}"]
                question_row(qid, 0, gid, qtype, code, order)
                text_row(qid, page.section.title(lang))
                for sub_order, item in enumerate(question.items, start=1):
                    sqid = next_id["qid"]
                    next_id["qid"] += 1
                    question_row(sqid, qid, gid, qtype, codes[item.id], sub_order)
                    text_row(sqid, item.text(lang))
            else:
                question_row(qid, 0, gid, qtype, codes[question.item.id], order)
                text_row(qid, question.item.text(lang))
            if question.options is not None:
                for pos, option in enumerate(question.options.options, start=1):
                    aid = next_id["aid"]
                    next_id["aid"] += 1
                    tables["answers"].append(
                        {
                            "aid": aid,
                            "qid": qid,
                            "code": answer_code(pos),
                            "sortorder": pos,
                            "assessment_value": 0,
                            "scale_id": 0,
                        }
                    )
                    tables["answer_l10ns"].append(
                        {"id": aid, "aid": aid, "answer": option.label(lang), "language": lang}
                    )

    survey = {
        "sid": SURVEY_ID,
        "gsid": 1,
        "admin": "",
        "active": "N",
        "anonymized": "Y",
        "format": "G",
        "language": lang,
        "additional_languages": "",
        "datestamp": "N",
        "ipaddr": "N",
        "showprogress": "Y",
        "showwelcome": "Y",
        "allowprev": "Y",
        "shownoanswer": "N",
        "showqnumcode": "X",
    }
    settings_row = {
        "surveyls_survey_id": SURVEY_ID,
        "surveyls_language": lang,
        "surveyls_title": instrument.title(lang),
        "surveyls_description": f"{instrument.key}, form {form}",
        "surveyls_welcometext": "",
        "surveyls_endtext": "",
    }
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<document>",
        " <LimeSurveyDocType>Survey</LimeSurveyDocType>",
        f" <DBVersion>{DB_VERSION}</DBVersion>",
        " <languages>",
        f"  <language>{lang}</language>",
        " </languages>",
    ]
    names = ("answers", "answer_l10ns", "groups", "group_l10ns", "questions", "subquestions")
    for name in names:
        fields = _QUESTION_FIELDS if name in ("questions", "subquestions") else None
        if tables[name]:  # LimeSurvey leaves out a table without rows
            parts.append(_table(name, tables[name], fields))
    parts.append(_table("question_l10ns", tables["question_l10ns"], None))
    parts.append(_table("surveys", [survey], None))
    parts.append(_table("surveys_languagesettings", [settings_row], None))
    parts.append("</document>")
    return "\n".join(parts) + "\n"


def _cdata(value: object) -> str:
    text = str(value)
    if not text:
        return ""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _table(name: str, rows: list[dict[str, object]], fields: tuple[str, ...] | None) -> str:
    columns = list(fields) if fields else (list(rows[0]) if rows else [])
    lines = [f" <{name}>", "  <fields>"]
    lines += [f"   <fieldname>{c}</fieldname>" for c in columns]
    lines += ["  </fields>", "  <rows>"]
    for row in rows:
        lines.append("   <row>")
        for column in columns:
            value = _cdata(row[column])
            lines.append(f"    <{column}>{value}</{column}>" if value else f"    <{column}/>")
        lines.append("   </row>")
    lines += ["  </rows>", f" </{name}>"]
    return "\n".join(lines)
