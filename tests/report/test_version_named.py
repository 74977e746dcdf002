"""Every face of a result names the questionnaire version it was made with: a scan keeps
its version, so a reader must be able to tell which questions the figures answer."""

from __future__ import annotations

import io
import json
import zipfile
from functools import cache

import openpyxl
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.report.exports import aggregated_rows, anonymised_export
from tandem.report.markdown import render_markdown
from tandem.report.pdf.method import _about
from tandem.report.research import render, research_data
from tandem.report.wording import questionnaire_words
from tandem.report.workbook import render_workbook
from tandem.responses import ResponseSet
from tests.helpers import responses_from_frame

CASES = [("tandem-scan-1", "full"), ("tandem-scan-2", "full"), ("tandem-scan-2", "quick")]


@cache
def _scored(version: str, form: str) -> tuple[ResponseSet, Result]:
    instrument = load_instrument(version)
    frame = generate_responses(60, 5, "default", form=form,  # type: ignore[arg-type]
                               instrument=instrument)
    responses = responses_from_frame(frame, form=form, instrument=instrument)
    return responses, diagnose(responses)


@pytest.mark.parametrize(("version", "form"), CASES)
def test_the_words_name_title_version_and_form(version: str, form: str) -> None:
    _, result = _scored(version, form)
    number = load_instrument(version).version
    english = questionnaire_words(result, "en")
    assert english.startswith("Tandem Scan: how Sales, Marketing and Customer Service")
    quick = form == "quick"
    assert english.endswith(
        f"(version {number}, {'quick scan (indicative)' if quick else 'full form'})")
    assert questionnaire_words(result, "nl").endswith(
        f"(versie {number}, {'quick scan (indicatief)' if quick else 'volledige versie'})")


@pytest.mark.parametrize(("version", "form"), CASES)
def test_every_face_names_the_version(version: str, form: str) -> None:
    responses, result = _scored(version, form)
    number = load_instrument(version).version
    for lang in ("nl", "en"):
        words = questionnaire_words(result, lang)
        assert words in render_markdown(result, lang).splitlines()[2]
        facts = next(b for b in _about(result, lang, "1 maart 2026") if b["kind"] == "facts")
        assert [f for f in facts["facts"] if f[1] == words], "the PDF's About this scan"
        with zipfile.ZipFile(io.BytesIO(anonymised_export(responses, result, lang))) as z:
            assert words in z.read("README.txt").decode("utf-8")
    csv = {(r["section"], r["measure"]): r["value"] for r in aggregated_rows(result)}
    assert csv[("meta", "instrument_version")] == number
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(result, "en")), read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
             for c in row if c is not None}
    assert f"tandem-scan {number}" in cells
    data = research_data(responses, result, lang="en", organisation="org1", wave=1)
    assert data is not None
    assert set(data.frame.instrument_version) == {number}
    rendered = render(data, "csv")
    assert json.loads(rendered.json)["export"]["instrument"]["version"] == number
    assert f"tandem-scan@{number}" in rendered.markdown
