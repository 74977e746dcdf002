"""LibreOffice opens the deck and converts it to PDF headless (Debian's libreoffice-impress):
one page per slide, each with its title, no text run into the footer, no blank page. The
pages are kept under test-artifacts/deck/ (PDF and PNG) for a person to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

from tandem.contract.result import Result
from tandem.report.deck import render_deck
from tests.report import demo_result
from tests.report.deck import open_deck, quick_result, too_few_result, withheld_result

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-impress); CI has it",
)
ARTEFACTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "deck"
DAY = date(2026, 3, 12)
#: The footer's rule sits 6.95 in from the top of a 7.5 in slide: 39.6 pt above the
#: bottom edge. Text below it is the footer's own, or text that ran out of its box.
FOOTER_RULE = (7.5 - 6.95) * 72


def to_pdf(pptx: Path, profile: Path) -> Path:
    """LibreOffice's PDF of ``pptx``, with a profile of its own so tests can run side by
    side with another LibreOffice."""
    assert SOFFICE is not None
    subprocess.run(  # a fixed program on a file this test wrote
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(pptx.parent), str(pptx)],
        check=True, capture_output=True, timeout=180,
        env={**os.environ, "HOME": str(profile)},
    )
    return pptx.with_suffix(".pdf")


def _low_text(page: pypdf.PageObject) -> list[tuple[float, str]]:
    """Every piece of text with its baseline below the footer's rule."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y < FOOTER_RULE:
            found.append((y, text.strip()))

    page.extract_text(visitor_text=visit)
    return found


CASES = {
    "demo-nl": (demo_result, "nl"),
    "demo-en": (demo_result, "en"),
    "withheld-en": (withheld_result, "en"),
    "quick-en": (quick_result, "en"),
    "too-few-nl": (too_few_result, "nl"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_libreoffice_converts_the_deck_to_pdf_page_by_page(case: str, tmp_path: Path) -> None:
    make, lang = CASES[case]
    result: Result = make()
    pptx = ARTEFACTS / f"{case}.pptx"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    pptx.write_bytes(render_deck(result, lang, organisation="Acme BV", scan="Voorjaar 2026",
                                 generated_on=DAY))
    titles = [s.shapes.title.text for s in open_deck(pptx.read_bytes()).slides]
    pdf = to_pdf(pptx, tmp_path / "profile")
    reader = pypdf.PdfReader(pdf)
    assert len(reader.pages) == len(titles)
    footer = {"nl": "Tandem Scan · vertrouwelijk · Acme BV",
              "en": "Tandem Scan · confidential · Acme BV"}[lang]
    for number, (page, title) in enumerate(zip(reader.pages, titles, strict=True), start=1):
        text = " ".join((page.extract_text() or "").split())
        assert title in text, (number, title)
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width / height - 16 / 9) < 0.01
        if number > 1:  # under the rule only the footer and the page number
            low = " ".join(t for _y, t in _low_text(page))
            assert " ".join(low.split()) in (f"{footer} {number} / {len(titles)}",
                                             f"{number} / {len(titles)} {footer}"), low
    document = pdfium.PdfDocument(str(pdf))
    for i in range(len(document)):
        image = document[i].render(scale=1).to_pil().convert("L")
        image.save(ARTEFACTS / f"{case}-page-{i + 1:02d}.png")
        low, high = image.getextrema()
        assert high - low > 100, f"page {i + 1} looks blank"


def test_the_overflow_check_sees_text_under_the_rule(tmp_path: Path) -> None:
    """A slide whose text runs past its box puts text under the footer's rule."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.5), Inches(5), Inches(4), Inches(1))
    box.text_frame.word_wrap = True
    box.text_frame.text = "Far too much text for a small box. " * 12
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    path = tmp_path / "overflow.pptx"
    deck.save(str(path))
    page = pypdf.PdfReader(to_pdf(path, tmp_path / "profile")).pages[0]
    assert _low_text(page)
