"""The questionnaire as a Qualtrics survey file (.qsf, JSON), in one language.

Layout (Qualtrics' own export format: ``SurveyEntry`` and ``SurveyElements``):

- one block (``BL``) per section of the instrument, in the survey flow (``FL``) in order;
- Likert items sharing an answer scale: one Matrix/Likert question (``SQ``) with one
  statement per item, its ``ChoiceDataExportTags`` the item ids, so the response
  export has a column per item named by its id (``def_roles``);
- choice items: multiple choice, one answer, vertical (``MC``/``SAVR``); open
  questions: multi-line text entry (``TE``/``ML``); the ``DataExportTag`` is the item id;
- answers numbered 1..n in the instrument's option order, with ``RecodeValues`` equal
  to the position, so "Use numeric values" exports give the option's position:
  "don't know" 6 on a Likert item, 7 on a decision question, departments 1-5.

Import in Qualtrics: Create project -> Survey -> From a file -> choose the .qsf file.
"""

from __future__ import annotations

import json
from typing import Any

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.layout import Question, survey_pages

SURVEY_ID = "SV_tandemScan0000001"
RESPONSE_SET = "RS_tandemScan000001"


def question_id(number: int) -> str:
    return f"QID{number}"


def qualtrics_survey(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The .qsf structure of ``form`` in ``lang``."""
    blocks: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    number = 0
    for index, page in enumerate(survey_pages(instrument, form, settings), start=1):
        elements: list[dict[str, Any]] = []
        for question in page.questions:
            number += 1
            qid = question_id(number)
            elements.append({"Type": "Question", "QuestionID": qid})
            payload = _payload(question, qid, page.section.title(lang), page.section.id, lang)
            questions.append(_element("SQ", qid, payload["QuestionDescription"], payload))
        block: dict[str, Any] = (
            {"Type": "Default"}
            if index == 1
            else {
                "Type": "Standard",
                "SubType": "",
            }
        )
        blocks.append(
            block
            | {
                "Description": page.section.title(lang),
                "ID": f"BL_tandem{index:07d}",
                "BlockElements": elements,
                "Options": {"BlockLocking": "false", "RandomizeQuestions": "false"},
            }
        )
    flow = [  # the default block is a "Block" in the flow, the others "Standard"
        {"Type": "Block" if i == 0 else "Standard", "ID": b["ID"], "FlowID": f"FL_{i + 2}"}
        for i, b in enumerate(blocks)
    ]
    elements = [
        _element("BL", "Survey Blocks", None, blocks),
        _element(
            "FL",
            "Survey Flow",
            None,
            {
                "Type": "Root",
                "FlowID": "FL_1",
                "Flow": flow,
                "Properties": {"Count": len(flow) + 1, "RemovedFieldsets": []},
            },
        ),
        _element(
            "SO",
            "Survey Options",
            None,
            {
                "BackButton": "true",
                "SaveAndContinue": "true",
                "SurveyProtection": "PublicSurvey",
                "BallotBoxStuffingPrevention": "false",
                "NoIndex": "Yes",
                "SecureResponseFiles": "true",
                "SurveyExpiration": "None",
                "SurveyTermination": "DefaultMessage",
                "Header": "",
                "Footer": "",
                "ProgressBarDisplay": "Text",
                "PartialData": "+1 week",
                "PreviousButton": "",
                "NextButton": "",
                "SurveyTitle": instrument.title(lang),
                "SurveyMetaDescription": instrument.title(lang),
                "SurveyLanguage": lang.upper(),
                "AnonymizeResponse": "Yes",
            },
        ),
        _element("QC", "Survey Question Count", str(len(questions)), None),
        _element("RS", RESPONSE_SET, "Default Response Set", None),
        *questions,
    ]
    return {
        "SurveyEntry": {
            "SurveyID": SURVEY_ID,
            "SurveyName": instrument.title(lang),
            "SurveyDescription": f"{instrument.key}, form {form}",
            "SurveyOwnerID": "",
            "SurveyBrandID": "",
            "DivisionID": None,
            "SurveyLanguage": lang.upper(),
            "SurveyActiveResponseSet": RESPONSE_SET,
            "SurveyStatus": "Inactive",
            "SurveyStartDate": "0000-00-00 00:00:00",
            "SurveyExpirationDate": "0000-00-00 00:00:00",
            "SurveyCreationDate": "2026-01-01 00:00:00",
            "CreatorID": "",
            "LastModified": "2026-01-01 00:00:00",
            "LastAccessed": "0000-00-00 00:00:00",
            "LastActivated": "0000-00-00 00:00:00",
            "Deleted": None,
        },
        "SurveyElements": elements,
    }


def render_qualtrics(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The .qsf text."""
    survey = qualtrics_survey(instrument, lang, form, settings)
    return json.dumps(survey, ensure_ascii=False, indent=1) + "\n"


def _element(kind: str, primary: str, secondary: str | None, payload: Any) -> dict[str, Any]:
    return {
        "SurveyID": SURVEY_ID,
        "Element": kind,
        "PrimaryAttribute": primary,
        "SecondaryAttribute": secondary,
        "TertiaryAttribute": None,
        "Payload": payload,
    }


def _numbered(labels: list[str]) -> dict[str, dict[str, str]]:
    return {str(n): {"Display": label} for n, label in enumerate(labels, start=1)}


def _payload(
    question: Question, qid: str, section_title: str, section_id: str, lang: str
) -> dict[str, Any]:
    validation = {"Settings": {"ForceResponse": "OFF", "ForceResponseType": "ON", "Type": "None"}}
    common: dict[str, Any] = {
        "Configuration": {"QuestionDescriptionOption": "UseText"},
        "Validation": validation,
        "Language": [],
        "QuestionID": qid,
        "DataVisibility": {"Private": False, "Hidden": False},
    }
    if question.kind == "text":
        item = question.item
        return {
            "QuestionText": item.text(lang),
            "DefaultChoices": False,
            "DataExportTag": item.id,
            "QuestionType": "TE",
            "Selector": "ML",
            "QuestionDescription": item.text(lang),
            **common,
        }
    assert question.options is not None
    labels = [o.label(lang) for o in question.options.options]
    positions = [str(n) for n in range(1, len(labels) + 1)]  # Qualtrics writes strings
    recodes = {n: n for n in positions}
    if question.kind == "choice":
        item = question.item
        return {
            "QuestionText": item.text(lang),
            "DataExportTag": item.id,
            "QuestionType": "MC",
            "Selector": "SAVR",
            "SubSelector": "TX",
            "QuestionDescription": item.text(lang),
            "Choices": _numbered(labels),
            "ChoiceOrder": positions,
            "RecodeValues": recodes,
            "NextChoiceId": len(labels) + 1,
            "NextAnswerId": 1,
            **common,
        }
    statements = [str(n) for n in range(1, len(question.items) + 1)]
    return {
        "QuestionText": section_title,
        "DataExportTag": section_id,
        "QuestionType": "Matrix",
        "Selector": "Likert",
        "SubSelector": "SingleAnswer",
        "QuestionDescription": section_title,
        "Choices": _numbered([item.text(lang) for item in question.items]),
        "ChoiceOrder": statements,
        "ChoiceDataExportTags": {str(n): item.id for n, item in enumerate(question.items, 1)},
        "Answers": _numbered(labels),
        "AnswerOrder": positions,
        "RecodeValues": recodes,
        "NextChoiceId": len(statements) + 1,
        "NextAnswerId": len(labels) + 1,
        **common,
    }
