"""The questionnaire for Microsoft Forms' Quick import (plain text).

In Microsoft Forms: New Form -> Quick import -> upload the file (save it as .docx
first if your Forms version only takes Word or PDF) -> check the questions it found.
Each question becomes a choice question with its options in our order, open
questions become text questions. The response workbook (Responses -> Open in Excel)
has one column per question, headed by its text, with the chosen option's text.
"""

from __future__ import annotations

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.text import render_text


def render_ms_forms(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The Quick-import text of ``form`` in ``lang``."""
    return render_text(instrument, lang, form, settings, style="ms-forms")
