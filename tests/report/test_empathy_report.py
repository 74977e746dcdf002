"""The empathy gap in the Markdown report, the PDF and its chart: there when the scan
asked the module, in both languages, and absent (not even a heading) when it did not."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from defusedxml import ElementTree

from tandem.analysis.diagnose import diagnose
from tandem.contract.result import Result
from tandem.instrument.loader import load_instrument
from tandem.io.demo import generate_responses
from tandem.report.charts.empathy import empathy_chart
from tandem.report.markdown import render_markdown
from tandem.report.pdf.document import render_pdf
from tandem.responses import ResponseSet
from tandem.rounding import rounded_text

META = frozenset({"should_decide", "meta_perception"})


def _result(settings: frozenset[str] = META) -> Result:
    frame = generate_responses(60, 2026, "default", settings=settings)
    records = [{k: v for k, v in r.items() if k != "respondent"}
               for r in frame.to_dict("records")]
    return diagnose(ResponseSet.from_records(load_instrument(), "full", records,
                                             settings=settings))


@pytest.fixture(scope="module")
def asked() -> Result:
    return _result()


@pytest.mark.parametrize(("lang", "title", "direction"), [
    ("en", "## Do Sales and Marketing understand each other?", "### Sales about Marketing"),
    ("nl", "## Begrijpen Sales en Marketing elkaar?", "### Sales over Marketing"),
])
def test_the_markdown_report_has_the_section(asked: Result, lang: str, title: str,
                                             direction: str) -> None:
    text = render_markdown(asked, lang)
    assert title in text and direction in text
    sales = asked.empathy.directions[0]
    assert f"{rounded_text(sales.mean_abs_gap)} " in text
    assert text.count("| ") > 16  # a table row per statement and direction


def test_no_section_without_the_module() -> None:
    plain = _result(frozenset({"should_decide"}))
    assert not plain.empathy.asked
    assert "understand each other" not in render_markdown(plain, "en")
    assert "Begrijpen Sales" not in render_markdown(plain, "nl")


def test_the_pdf_has_the_section_and_a_chart_with_a_text_alternative(asked: Result) -> None:
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(asked, "en", generated_on=date(2026, 12, 4))))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Do Sales and Marketing understand each other?" in text
    assert "Marketing about Sales" in text
    svg = empathy_chart(asked, asked.empathy.directions[0], "en")
    desc = ElementTree.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
    assert desc is not None and "expected and own answer" in (desc.text or "")
    assert svg.count("<circle") == 2 * len(asked.empathy.directions[0].statements) + 2
