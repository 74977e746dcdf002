"""The questionnaire as a Google Apps Script that builds the form with ``FormApp``.

Run it once at script.google.com (New project -> paste -> Run ``createTandemForm``);
it logs the form's edit and answer links. Layout:

- one page (``addPageBreakItem``) per section, its title and intro;
- Likert items sharing an answer scale: one grid (``addGridItem``): rows are the
  statements, columns the answer options in the instrument's order; the response
  sheet then has a column ``Grid title [statement]`` per item;
- choice items: ``addMultipleChoiceItem``; open questions: ``addParagraphTextItem``;
- the item id in each question's help text (``[def_roles]``; for a grid, the ids of its
  rows in order), so the form says which Tandem question it asks.

Google Forms exports answers as option texts, in the language of the form, and
column headings as question titles: the importer matches those texts.
"""

from __future__ import annotations

import json

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.layout import survey_pages


def _js(value: object) -> str:
    """A JavaScript literal (JSON is valid JavaScript for strings and arrays)."""
    text = json.dumps(value, ensure_ascii=False)
    # U+2028/2029 are line ends in older JavaScript; "</" never matters here, but be safe.
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_google_forms(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The Apps Script (.gs) text that creates ``form`` in ``lang``."""
    lines = [
        f"// {instrument.title(lang)}",
        f"// Tandem {instrument.key}, form {form}, language {lang}: written by",
        "// `tandem questionnaire --to google-forms`. Run createTandemForm once.",
        "function createTandemForm() {",
        f"  var form = FormApp.create({_js(instrument.title(lang))});",
        f"  form.setDescription({_js(f'{instrument.key} ({form})')});",
        "  form.setProgressBar(true);",
    ]
    for index, page in enumerate(survey_pages(instrument, form, settings)):
        intro = page.section.intro(lang) if page.section.intro else ""
        if index:
            lines.append(
                f"  form.addPageBreakItem().setTitle({_js(page.section.title(lang))})"
                f".setHelpText({_js(intro)});"
            )
        else:
            lines.append(
                f"  form.addSectionHeaderItem().setTitle({_js(page.section.title(lang))})"
                f".setHelpText({_js(intro)});"
            )
        for question in page.questions:
            if question.kind == "matrix":
                assert question.options is not None
                ids = " ".join(f"[{item.id}]" for item in question.items)
                rows = [item.text(lang) for item in question.items]
                columns = [o.label(lang) for o in question.options.options]
                lines.append(
                    f"  form.addGridItem().setTitle({_js(page.section.title(lang))})"
                    f".setHelpText({_js(ids)})"
                    f".setRows({_js(rows)}).setColumns({_js(columns)});"
                )
            elif question.kind == "choice":
                assert question.options is not None
                choices = [o.label(lang) for o in question.options.options]
                lines.append(
                    f"  form.addMultipleChoiceItem().setTitle({_js(question.item.text(lang))})"
                    f".setHelpText({_js(f'[{question.item.id}]')})"
                    f".setChoiceValues({_js(choices)});"
                )
            else:
                lines.append(
                    f"  form.addParagraphTextItem().setTitle({_js(question.item.text(lang))})"
                    f".setHelpText({_js(f'[{question.item.id}]')});"
                )
    lines += [
        "  Logger.log('Edit: ' + form.getEditUrl());",
        "  Logger.log('Answer: ' + form.getPublishedUrl());",
        "}",
    ]
    return "\n".join(lines) + "\n"
