"""The questionnaire exported to the survey tools people already use, and as JSON.

A rendering of the instrument, like the codebook: one module per target, all from one
layout (:mod:`.layout`), so a survey built in any of these tools comes back with
exact codes (the option's position, 1..n, in numeric exports; our item ids or the
LimeSurvey codes made from them as column names).

- ``limesurvey``: a LimeSurvey survey structure file (.lss);
- ``qualtrics``: a Qualtrics survey file (.qsf);
- ``google-forms``: a Google Apps Script (.gs) that builds the form;
- ``ms-forms``: text for Microsoft Forms' Quick import;
- ``text``: the questionnaire as plain text with ids and codes;
- ``json``: Tandem's own survey definition (:mod:`.definition`), both languages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from tandem.i18n import parse_lang
from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.definition import render_definition
from tandem.report.questionnaire.google_forms import render_google_forms
from tandem.report.questionnaire.limesurvey import render_limesurvey
from tandem.report.questionnaire.ms_forms import render_ms_forms
from tandem.report.questionnaire.qualtrics import render_qualtrics
from tandem.report.questionnaire.text import render_text

Target = Literal["limesurvey", "qualtrics", "google-forms", "ms-forms", "text", "json"]
TARGETS: tuple[Target, ...] = (
    "limesurvey",
    "qualtrics",
    "google-forms",
    "ms-forms",
    "text",
    "json",
)
Renderer = Callable[[Instrument, str, Form, frozenset[str]], str]
RENDERERS: dict[Target, Renderer] = {  # one signature: (instrument, lang, form, settings)
    "limesurvey": render_limesurvey,
    "qualtrics": render_qualtrics,
    "google-forms": render_google_forms,
    "ms-forms": render_ms_forms,
    "text": render_text,
}
SUFFIXES: dict[Target, str] = {
    "limesurvey": ".lss",
    "qualtrics": ".qsf",
    "google-forms": ".gs",
    "ms-forms": ".txt",
    "text": ".txt",
    "json": ".json",
}


def render_questionnaire(
    instrument: Instrument,
    target: Target,
    lang: str = "nl",
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The questionnaire of ``form`` for ``target`` in ``lang`` (json: whole, both languages)."""
    lang = parse_lang(lang)
    if target == "json":
        return render_definition(instrument)
    if target not in RENDERERS:
        raise ValueError(f"unknown target {target!r}: use one of {', '.join(TARGETS)}")
    return RENDERERS[target](instrument, lang, form, settings)


__all__ = ["SUFFIXES", "TARGETS", "Target", "render_questionnaire"]
