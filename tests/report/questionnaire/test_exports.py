"""Each export is well-formed, has every item of the form exactly once, options in the
instrument's order (so position codes match) and texts in the chosen language."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as DefusedET
import pytest

from tandem.instrument import load_instrument
from tandem.instrument.codes import limesurvey_code
from tandem.instrument.model import Form, Item
from tandem.report.questionnaire import TARGETS, render_questionnaire
from tandem.report.questionnaire.layout import survey_pages

INSTRUMENT = load_instrument()
ALL = frozenset({"segment", "should_decide"})
CASES = [
    (lang, form, settings)
    for lang in ("nl", "en")
    for form in ("full", "quick")
    for settings in (frozenset(), ALL)
]


def _items(form: Form, settings: frozenset[str]) -> tuple[Item, ...]:
    return INSTRUMENT.items_for(form, settings)


def _codes() -> dict[str, str]:
    taken: set[str] = set()
    return {limesurvey_code(item.id, taken): item.id for item in INSTRUMENT.items}


# ---------------------------------------------------------------- layout
@pytest.mark.parametrize(("lang", "form", "settings"), CASES)
def test_layout_has_every_item_once_in_section_order(
    lang: str, form: Form, settings: frozenset[str]
) -> None:
    pages = survey_pages(INSTRUMENT, form, settings)
    laid_out = [item.id for page in pages for item in page.items]
    assert Counter(laid_out) == Counter(i.id for i in _items(form, settings))
    sections = [s.id for s in INSTRUMENT.sections]
    assert [p.section.id for p in pages] == sorted(
        (p.section.id for p in pages), key=sections.index
    )


# ---------------------------------------------------------------- LimeSurvey
def _lss(lang: str, form: Form, settings: frozenset[str]) -> Any:
    text = render_questionnaire(INSTRUMENT, "limesurvey", lang, form, settings)
    return DefusedET.fromstring(text.encode("utf-8"))


def _rows(root: Any, table: str) -> list[dict[str, str]]:
    node = root.find(table)
    assert node is not None, table
    fields = [f.text for f in node.iterfind("fields/fieldname")]
    rows = []
    for row in node.iterfind("rows/row"):
        assert [child.tag for child in row] == fields, table  # every row has every field
        rows.append({child.tag: child.text or "" for child in row})
    return rows


@pytest.mark.parametrize(("lang", "form", "settings"), CASES)
def test_limesurvey_structure(lang: str, form: Form, settings: frozenset[str]) -> None:
    root = _lss(lang, form, settings)
    assert root.tag == "document"
    assert root.findtext("LimeSurveyDocType") == "Survey"
    assert int(root.findtext("DBVersion") or 0) >= 400  # l10n tables (LimeSurvey 4+)
    assert [x.text for x in root.iterfind("languages/language")] == [lang]
    groups = _rows(root, "groups")
    questions = _rows(root, "questions")
    subquestions = _rows(root, "subquestions")
    answers = _rows(root, "answers")
    gids = {g["gid"] for g in groups}
    qids = [q["qid"] for q in questions + subquestions]
    assert len(qids) == len(set(qids))
    assert all(q["gid"] in gids and q["parent_qid"] == "0" for q in questions)
    parents = {q["qid"]: q for q in questions}
    assert all(s["parent_qid"] in parents for s in subquestions)
    assert {q["type"] for q in questions} <= {"F", "L", "T"}
    # codes: letters and digits, at most 20, unique among questions
    titles = [q["title"] for q in questions]
    assert len(titles) == len(set(titles))
    assert all(
        re.fullmatch(r"[A-Za-z0-9]{1,20}", t) for t in titles + [s["title"] for s in subquestions]
    )
    # every item exactly once: a list/text question or a subquestion of an array
    codes = _codes()
    asked = [codes[q["title"]] for q in questions if q["type"] != "F"]
    asked += [codes[s["title"]] for s in subquestions]
    assert Counter(asked) == Counter(i.id for i in _items(form, settings))
    assert all(parents[s["parent_qid"]]["type"] == "F" for s in subquestions)
    # answer codes AO01.. in the instrument's order, language rows
    labels = {a["aid"]: a["answer"] for a in _rows(root, "answer_l10ns")}
    assert {a["language"] for a in _rows(root, "answer_l10ns")} == {lang}
    by_qid: dict[str, list[dict[str, str]]] = {}
    for answer in answers:
        by_qid.setdefault(answer["qid"], []).append(answer)
    for qid, question in parents.items():
        if question["type"] == "T":
            assert qid not in by_qid
            continue
        rows = sorted(by_qid[qid], key=lambda a: int(a["sortorder"]))
        if question["type"] == "F":
            item = INSTRUMENT.item(
                codes[next(s["title"] for s in subquestions if s["parent_qid"] == qid)]
            )
        else:
            item = INSTRUMENT.item(codes[question["title"]])
        assert item.options is not None
        assert [a["code"] for a in rows] == [
            f"AO{n:02d}" for n in range(1, len(item.options.options) + 1)
        ]
        assert [labels[a["aid"]] for a in rows] == [o.label(lang) for o in item.options.options]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_limesurvey_position_codes_and_texts(lang: str) -> None:
    root = _lss(lang, "full", ALL)
    questions = {q["title"]: q for q in _rows(root, "questions")}
    answers = _rows(root, "answers")
    texts = {t["qid"]: t["question"] for t in _rows(root, "question_l10ns")}
    assert {t["language"] for t in _rows(root, "question_l10ns")} == {lang}

    def codes_of(title: str) -> list[str]:
        qid = questions[title]["qid"]
        return [
            a["code"]
            for a in sorted(
                (a for a in answers if a["qid"] == qid), key=lambda a: int(a["sortorder"])
            )
        ]

    assert codes_of("department") == ["AO01", "AO02", "AO03", "AO04", "AO05"]
    assert codes_of("drpricing")[-1] == "AO07"  # don't know on a decision question
    assert codes_of("ladder")[-1] == "AO06"  # don't know on a Likert item
    assert questions["ladder"]["type"] == "F" and questions["department"]["type"] == "L"
    assert questions["openfriction"]["type"] == "T"
    assert texts[questions["department"]["qid"]] == INSTRUMENT.item("department").text(lang)
    subs = {s["title"]: s for s in _rows(root, "subquestions")}
    assert subs["cjorientationconsist"]["parent_qid"] == questions["journey"]["qid"]
    assert texts[subs["defroles"]["qid"]] == INSTRUMENT.item("def_roles").text(lang)


# ---------------------------------------------------------------- Qualtrics
@pytest.mark.parametrize(("lang", "form", "settings"), CASES)
def test_qualtrics_structure(lang: str, form: Form, settings: frozenset[str]) -> None:
    survey = json.loads(render_questionnaire(INSTRUMENT, "qualtrics", lang, form, settings))
    entry = survey["SurveyEntry"]
    assert entry["SurveyID"].startswith("SV_") and entry["SurveyLanguage"] == lang.upper()
    elements = survey["SurveyElements"]
    assert all(e["SurveyID"] == entry["SurveyID"] for e in elements)
    kinds = Counter(e["Element"] for e in elements)
    assert kinds["BL"] == 1 and kinds["FL"] == 1 and kinds["SO"] == 1
    blocks = next(e for e in elements if e["Element"] == "BL")["Payload"]
    flow = next(e for e in elements if e["Element"] == "FL")["Payload"]
    assert [f["ID"] for f in flow["Flow"]] == [b["ID"] for b in blocks]
    questions = {e["PrimaryAttribute"]: e["Payload"] for e in elements if e["Element"] == "SQ"}
    referenced = [q["QuestionID"] for b in blocks for q in b["BlockElements"]]
    assert sorted(referenced) == sorted(questions) and len(referenced) == len(set(referenced))
    asked: list[str] = []
    for qid in referenced:
        q = questions[qid]
        assert q["QuestionID"] == qid
        if q["QuestionType"] == "Matrix":
            assert q["Selector"] == "Likert" and q["SubSelector"] == "SingleAnswer"
            tags = [q["ChoiceDataExportTags"][str(n)] for n in q["ChoiceOrder"]]
            asked += tags
            options = INSTRUMENT.item(tags[0]).options
            assert options is not None
            assert [q["Choices"][str(n)]["Display"] for n in q["ChoiceOrder"]] == [
                INSTRUMENT.item(t).text(lang) for t in tags
            ]
            labels = [q["Answers"][str(n)]["Display"] for n in q["AnswerOrder"]]
            order = q["AnswerOrder"]
        elif q["QuestionType"] == "MC":
            assert q["Selector"] == "SAVR"
            asked.append(q["DataExportTag"])
            item = INSTRUMENT.item(q["DataExportTag"])
            assert q["QuestionText"] == item.text(lang)
            options = item.options
            assert options is not None
            labels = [q["Choices"][str(n)]["Display"] for n in q["ChoiceOrder"]]
            order = q["ChoiceOrder"]
        else:
            assert q["QuestionType"] == "TE" and q["Selector"] == "ML"
            asked.append(q["DataExportTag"])
            continue
        assert labels == [o.label(lang) for o in options.options]
        assert [q["RecodeValues"][str(n)] for n in order] == [
            str(p) for p in range(1, len(options.options) + 1)
        ]
    assert Counter(asked) == Counter(i.id for i in _items(form, settings))


def test_qualtrics_recodes_give_positions() -> None:
    survey = json.loads(render_questionnaire(INSTRUMENT, "qualtrics", "en", "full", ALL))
    questions = {
        e["Payload"]["DataExportTag"]: e["Payload"]
        for e in survey["SurveyElements"]
        if e["Element"] == "SQ"
    }
    assert questions["department"]["RecodeValues"] == {str(n): str(n) for n in range(1, 6)}
    pricing = questions["dr_pricing"]
    assert (
        pricing["Choices"]["7"]["Display"] == "Don't know" and pricing["RecodeValues"]["7"] == "7"
    )
    ladder = questions["ladder"]
    assert ladder["Answers"]["6"]["Display"] == "Don't know / not applicable"
    assert ladder["RecodeValues"]["6"] == "6"


# ---------------------------------------------------------------- Google Forms
def _node_check(script: str, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        esprima = pytest.importorskip("esprima")
        esprima.parseScript(script)
        return
    path = tmp_path / "form.js"
    path.write_text(script, encoding="utf-8")
    result = subprocess.run(
        [node, "--check", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("lang", "form", "settings"), CASES)
def test_google_forms_script(
    lang: str, form: Form, settings: frozenset[str], tmp_path: Path
) -> None:
    script = render_questionnaire(INSTRUMENT, "google-forms", lang, form, settings)
    _node_check(script, tmp_path)
    assert "FormApp.create(" in script
    asked: list[str] = []
    for line in script.splitlines():
        kind = re.search(r"form\.(add\w+)\(\)", line)
        if kind is None or kind.group(1) in ("addPageBreakItem", "addSectionHeaderItem"):
            continue
        help_text = json.loads(re.search(r"\.setHelpText\((\".*?\")\)", line).group(1))  # type: ignore[union-attr]
        ids = re.findall(r"\[(\w+)\]", help_text)
        asked += ids
        items = [INSTRUMENT.item(i) for i in ids]
        if kind.group(1) == "addGridItem":
            rows = json.loads(re.search(r"\.setRows\((\[.*?\])\)", line).group(1))  # type: ignore[union-attr]
            columns = json.loads(re.search(r"\.setColumns\((\[.*?\])\)", line).group(1))  # type: ignore[union-attr]
            assert rows == [i.text(lang) for i in items]
            assert items[0].options is not None
            assert columns == [o.label(lang) for o in items[0].options.options]
        elif kind.group(1) == "addMultipleChoiceItem":
            choices = json.loads(re.search(r"\.setChoiceValues\((\[.*?\])\)", line).group(1))  # type: ignore[union-attr]
            assert items[0].options is not None
            assert choices == [o.label(lang) for o in items[0].options.options]
            assert f".setTitle({json.dumps(items[0].text(lang), ensure_ascii=False)})" in line
        else:
            assert kind.group(1) == "addParagraphTextItem" and items[0].kind == "text"
    assert Counter(asked) == Counter(i.id for i in _items(form, settings))


def test_google_forms_script_escapes_quotes(tmp_path: Path) -> None:
    script = render_questionnaire(INSTRUMENT, "google-forms", "en", "full", ALL)
    assert "Don't know" in script  # inside a double-quoted JSON string
    _node_check(script, tmp_path)


# ---------------------------------------------------------------- MS Forms and text
@pytest.mark.parametrize(("lang", "form", "settings"), CASES)
def test_ms_forms_text_lists_every_question(
    lang: str, form: Form, settings: frozenset[str]
) -> None:
    text = render_questionnaire(INSTRUMENT, "ms-forms", lang, form, settings)
    blocks = text.strip().split("\n\n")
    items = list(_items(form, settings))
    by_text = {i.text(lang): i for i in items}
    asked = []
    for number, block in enumerate(blocks, start=1):
        head, *options = block.splitlines()
        match = re.fullmatch(r"(\d+)\. (.+)", head)
        assert match is not None and int(match.group(1)) == number
        item = by_text[match.group(2)]
        asked.append(item.id)
        expected = [o.label(lang) for o in item.options.options] if item.options else []
        assert options == expected
    assert Counter(asked) == Counter(i.id for i in items)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_text_has_ids_and_position_codes(lang: str) -> None:
    text = render_questionnaire(INSTRUMENT, "text", lang, "full", ALL)
    ids = re.findall(r"^\d+\. \[(\w+)\]", text, flags=re.MULTILINE)
    assert Counter(ids) == Counter(i.id for i in _items("full", ALL))
    assert "   6 (dk) " + INSTRUMENT.option_sets["agree"].label("dk", lang) in text
    assert "   7 (dk) " + INSTRUMENT.option_sets["decider"].label("dk", lang) in text


def test_every_target_renders() -> None:
    for target in TARGETS:
        assert render_questionnaire(INSTRUMENT, target, "en", "quick").strip()
    with pytest.raises(ValueError, match="unknown language"):
        render_questionnaire(INSTRUMENT, "text", "de")


# The tables and columns of a survey LimeSurvey 5 itself exported (DBVersion 449,
# LimeSurvey's own test data, tests/data/surveys/*_testSelectQuestionThemeInEditor.lss),
# plus the answer tables of its 6.x exports: ours must have at least these.
LIMESURVEY_5_FIELDS = {
    "groups": ["gid", "sid", "group_order", "randomization_group", "grelevance"],
    "group_l10ns": ["id", "gid", "group_name", "description", "language"],
    "questions": [
        "qid", "parent_qid", "sid", "gid", "type", "title", "preg", "other", "mandatory",
        "encrypted", "question_order", "scale_id", "same_default", "relevance", "modulename",
    ],
    "question_l10ns": ["id", "qid", "question", "help", "script", "language"],
    "answers": ["aid", "qid", "code", "sortorder", "assessment_value", "scale_id"],
    "answer_l10ns": ["id", "aid", "answer", "language"],
    "surveys_languagesettings": [
        "surveyls_survey_id", "surveyls_language", "surveyls_title", "surveyls_description",
        "surveyls_welcometext", "surveyls_endtext",
    ],
}  # fmt: skip


def test_limesurvey_tables_have_limesurveys_own_columns() -> None:
    root = _lss("nl", "full", ALL)
    for table, fields in LIMESURVEY_5_FIELDS.items():
        ours = [f.text for f in root.iterfind(f"{table}/fields/fieldname")]
        assert [f for f in ours if f in fields] == fields, table
    assert root.findtext("DBVersion") == "449"
    answer_codes = [a["code"] for a in _rows(root, "answers")]
    assert all(len(code) <= 5 for code in answer_codes)  # answers.code is varchar(5)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ms_forms_word_document_has_the_same_lines(lang: str) -> None:
    import io
    import zipfile

    from tandem.report.questionnaire.ms_forms import render_ms_forms_docx

    data = render_ms_forms_docx(INSTRUMENT, lang, "quick")
    assert data == render_ms_forms_docx(INSTRUMENT, lang, "quick")  # reproducible
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        names = set(package.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
        root = DefusedET.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = ["".join(t.text or "" for t in p.iter(f"{w}t")) for p in root.iter(f"{w}p")]
    assert lines == render_questionnaire(INSTRUMENT, "ms-forms", lang, "quick").splitlines()
