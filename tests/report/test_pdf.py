"""The PDF report: its text says what the result says, in both languages, and nothing more."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from tandem.contract.result import CommentSet, Result
from tandem.privacy import GROUP_LABELS
from tandem.report.pdf import render_pdf
from tandem.report.wording import number
from tests.report import SMALL_DEPARTMENT, demo_result

ARTEFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "report"
DAY = date(2025, 3, 12)


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module", params=["nl", "en"])
def report(request: pytest.FixtureRequest) -> tuple[str, Result, bytes]:
    result = demo_result()
    return request.param, result, render_pdf(result, request.param, generated_on=DAY)


def test_is_a_pdf_with_phase_target_and_top_tensions(report: tuple[str, Result, bytes]) -> None:
    lang, result, pdf = report
    assert pdf.startswith(b"%PDF")
    text = flat(pdf_text(pdf))
    assert result.phase is not None and result.target is not None
    assert result.phase.ladder.label(lang) in text
    assert result.target.label(lang) in text
    top = sorted(
        (s for s in result.scales if s.tension is not None), key=lambda s: -(s.tension or 0)
    )
    for s in top[:3]:
        assert s.title(lang) in text
        assert number(s.tension or 0, lang) in text
    heading = {"nl": "Samenvatting", "en": "Executive summary"}[lang]
    assert heading in text
    assert ("Verantwoording" if lang == "nl" else "Methodology") in text


def test_organisation_and_date_on_the_cover() -> None:
    pdf = render_pdf(demo_result(), "en", organisation="Acme Industrial B.V.", generated_on=DAY)
    first_page = flat(pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "Acme Industrial B.V." in first_page
    assert "12 March 2025" in first_page
    nl = render_pdf(demo_result(), "nl", generated_on=DAY)
    assert "12 maart 2025" in flat(pypdf.PdfReader(io.BytesIO(nl)).pages[0].extract_text())


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_three_person_department_shows_no_figure(lang: str) -> None:
    result = demo_result(small=True)
    assert SMALL_DEPARTMENT in {m for g in result.meta.groups for m in g.members}
    assert SMALL_DEPARTMENT not in {g.id for g in result.meta.groups}, "it is pooled"
    text = pdf_text(render_pdf(result, lang, generated_on=DAY))
    name = GROUP_LABELS[SMALL_DEPARTMENT](lang)
    lines = [line for line in text.splitlines() if name.lower() in line.lower()]
    assert lines, "the department is named as a pooled member"
    pooled = re.compile("pooled|samengevoegd", re.IGNORECASE)
    for line in lines:
        assert pooled.search(line), line
        assert not re.search(r"\d", line), f"a figure next to the small department: {line}"


def test_user_text_cannot_inject_typst_markup() -> None:
    result = dataclasses.replace(
        demo_result(),
        comments=(
            CommentSet("open_friction", True, ('#panic("boom") *bold* ] $x$ \\ <label> @ref',)),
        ),
    )
    pdf = render_pdf(result, "en", organisation='#set page(fill: red) "quoted"', generated_on=DAY)
    text = pdf_text(pdf)
    assert '#panic("boom") *bold* ] $x$' in text
    assert "#set page(fill: red)" in text


def test_too_few_respondents_gives_a_report_without_figures() -> None:
    result = demo_result()
    meta = dataclasses.replace(result.meta, n=None, groups=())
    empty = Result(meta, None, (), (), (), (), None, (), (), ())
    text = flat(pdf_text(render_pdf(empty, "en", generated_on=DAY)))
    assert "Too few respondents" in text


def test_pages_render_to_non_blank_images() -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for lang in ("nl", "en"):
        pdf = render_pdf(demo_result(small=True), lang, organisation="Demo B.V.", generated_on=DAY)
        (ARTEFACTS / f"report-{lang}.pdf").write_bytes(pdf)
        document = pdfium.PdfDocument(pdf)
        assert len(document) >= 8
        for i in range(len(document)):
            image = document[i].render(scale=1.2).to_pil().convert("L")
            path = ARTEFACTS / f"report-{lang}-page-{i + 1:02d}.png"
            image.save(path)
            low, high = image.getextrema()
            assert high - low > 100, f"page {i + 1} looks blank"
            dark = sum(image.histogram()[:200])
            assert dark > 500, f"page {i + 1} has almost no ink"


@pytest.mark.slow
def test_a_5000_respondent_scan_renders() -> None:
    """Scale, not speed (the render time is measured in docs/benchmarks-web.md)."""
    result = demo_result(n=5000, seed=3)
    pdf = render_pdf(result, "en", generated_on=DAY)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 20_000
