"""The questionnaire as plain text: one question per block with its options.

Two styles of one rendering:

- ``text`` (for reading and checking): section headings, each question with its
  Tandem id, and each option with its code and position;
- ``ms-forms`` (:mod:`.ms_forms`): the layout Microsoft Forms' Quick import reads:
  numbered questions, each followed by its options, one per line, a blank line
  between questions; nothing else, so no heading becomes a question.

Every item is one question (Microsoft Forms' Quick import makes no grids), options in
the instrument's order.
"""

from __future__ import annotations

from typing import Literal

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.layout import survey_pages

TextStyle = Literal["text", "ms-forms"]


def render_text(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
    style: TextStyle = "text",
) -> str:
    """The questionnaire of ``form`` in ``lang`` as plain text in ``style``."""
    plain = style == "text"
    lines: list[str] = []
    if plain:
        lines += [instrument.title(lang), f"{instrument.key}, form {form}", ""]
    number = 0
    for page in survey_pages(instrument, form, settings):
        if plain:
            lines += [f"== {page.section.title(lang)} ==", ""]
            if page.section.intro:
                lines += [page.section.intro(lang), ""]
        for item in page.items:
            number += 1
            if plain:
                lines.append(f"{number}. [{item.id}] {item.text(lang)}")
            else:
                lines.append(f"{number}. {item.text(lang)}")
            if item.options is not None:
                for pos, option in enumerate(item.options.options, start=1):
                    if plain:
                        lines.append(f"   {pos} ({option.code}) {option.label(lang)}")
                    else:
                        lines.append(option.label(lang))
            lines.append("")
    return "\n".join(lines)
