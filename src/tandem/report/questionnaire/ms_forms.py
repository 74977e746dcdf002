"""The questionnaire for Microsoft Forms' Quick import: text, or the same as a Word file.

Quick import (New Form -> Quick import) reads Word and PDF files: ``-o FILE.docx``
writes a minimal Word document (one paragraph per line of the text, questions in
bold); any other name writes the plain text, to paste into Word. Each question
becomes a choice question with its options in our order, open questions become text
questions. The response workbook (Responses -> Open in Excel) has one column per
question, headed by its text, with the chosen option's text.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

from tandem.instrument.model import Form, Instrument
from tandem.report.questionnaire.text import render_text

_FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # the same bytes for the same questionnaire
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_QUESTION = re.compile(r"\d+\. ")


def render_ms_forms(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> str:
    """The Quick-import text of ``form`` in ``lang``."""
    return render_text(instrument, lang, form, settings, style="ms-forms")


def render_ms_forms_docx(
    instrument: Instrument,
    lang: str,
    form: Form = "full",
    settings: frozenset[str] = frozenset(),
) -> bytes:
    """The Quick-import text as a Word document (.docx)."""
    paragraphs = []
    for line in render_ms_forms(instrument, lang, form, settings).splitlines():
        bold = "<w:rPr><w:b/></w:rPr>" if _QUESTION.match(line) else ""
        run = (
            f'<w:r>{bold}<w:t xml:space="preserve">{html.escape(line, quote=False)}</w:t></w:r>'
            if line
            else ""
        )
        paragraphs.append(f"<w:p>{run}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(paragraphs)}<w:sectPr/></w:body>'
        "</w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("word/document.xml", document),
        ):
            package.writestr(zipfile.ZipInfo(name, _FIXED_TIME), text.encode("utf-8"))
    return out.getvalue()
