"""The PDF report: its text says what the result says, in both languages, and nothing more."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2 as pdfium
import pytest

from tandem.contract.result import CommentSet, Result, Suppression, Topic
from tandem.i18n import Text
from tandem.privacy import GROUP_LABELS
from tandem.report.pdf import compile_report, render_pdf, report_data
from tandem.report.pdf.method import _withheld_rows
from tandem.report.wording import certainty_words, number
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


def test_organisation_and_date_on_page_one() -> None:
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


def _pages(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_page_one_is_the_summary_a_director_reads(lang: str) -> None:
    """No cover: page 1 has the title line (organisation, scan, date, n) and the summary:
    the phase and how sure, the target and horizon, the three things to discuss first."""
    result = demo_result()
    assert result.phase is not None and result.phase.uncertainty is not None
    assert result.target is not None
    target = dataclasses.replace(result.target, horizon=4,
                                 horizon_reason=Text("Integrated, gezien", "Integrated, given"))
    result = dataclasses.replace(result, target=target)
    assert target.horizon_label is not None
    pdf = render_pdf(result, lang, organisation="Acme Industrial B.V.", scan="Spring scan 2025",
                     generated_on=DAY)
    first = _pages(pdf)[0]
    words = {"nl": ("12 maart 2025", "120 respondenten", "Samenvatting", "Eerst bespreken",
                    "Verantwoording"),
             "en": ("12 March 2025", "120 respondents", "Executive summary", "To discuss first",
                    "Methodology")}[lang]
    day, n, summary, discuss, method = words
    for expected in ("Acme Industrial B.V.", "Spring scan 2025", day, n, summary, discuss,
                     result.phase.ladder.label(lang), target.label(lang),
                     target.horizon_label(lang),
                     certainty_words(result.phase.uncertainty, lang).capitalize()):
        assert expected in first, expected
    assert method not in first
    assert "100%" not in first, "the certainty never reads 100%"
    heads = [result.scale(t.subject).title(lang) if t.kind in ("tension", "gap")
             else next(a for a in result.decision_rights if a.area == t.subject).label(lang)
             for t in result.discuss_first]
    assert len(heads) == 3
    for head in heads:
        assert head.lower() in first.lower(), head


def test_the_summary_discusses_what_the_core_chose_in_its_order() -> None:
    result = demo_result()
    shuffled = dataclasses.replace(result, discuss_first=tuple(reversed(result.discuss_first)))
    first = _pages(render_pdf(shuffled, "en", generated_on=DAY))[0]
    area = next(a for a in result.decision_rights if a.contested)
    tension = result.scale(result.tension_order[0]).title("en")
    assert shuffled.discuss_first[0] == Topic("decision", area.area)
    assert first.index(area.label("en").capitalize()) < first.index(tension)
    quiet = _pages(render_pdf(dataclasses.replace(result, discuss_first=()), "en",
                              generated_on=DAY))[0]
    assert "Nothing stands out" in quiet


def _many_withheld(result: Result) -> Result:
    """Two groups with every scale, decision area and journey stage withheld: as many
    rows as a scan with two small groups and a filter can have."""
    groups = [g.id for g in result.meta.groups][-2:]
    extra = [Suppression("scale_cell", g, s.id, "below_k") for g in groups for s in result.scales]
    extra += [Suppression("decision_cell", g, a.area, "complementary")
              for g in groups for a in result.decision_rights]
    extra += [Suppression("journey_cell", g, f"cj_{s.stage}_owner", "below_k")
              for g in groups for s in result.journey]
    return dataclasses.replace(result, suppressed=(*result.suppressed, *extra))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_withheld_groups_are_one_compact_table(lang: str) -> None:
    result = _many_withheld(demo_result(small=True))
    distinct = {(s.what, s.group, s.subject, s.reason) for s in result.suppressed}
    rows = _withheld_rows(result, lang)
    assert len(distinct) > 60 and len(rows) <= 5, rows
    group = result.meta.groups[-1].label(lang)
    by_group = [r for r in rows if group in r[0]]
    assert len(by_group) == 2, "one row per reason for a group, not one per figure"
    assert all(s.title(lang) in by_group[0][1] + by_group[1][1] for s in result.scales)
    pooled = next(r for r in rows if GROUP_LABELS[SMALL_DEPARTMENT](lang) in r[0])
    assert not re.search(r"\d", " ".join(pooled)), "no size next to a pooled department"
    pages = _pages(render_pdf(result, lang, generated_on=DAY))
    label = {"nl": "Schaalscore van een groep", "en": "Scale score of a group"}[lang]
    assert sum(label in page for page in pages) == 1, "the withheld table fits on one page"


def _fill(image: Any) -> float:
    """How far down the page body (between the margins) the last ink is, 0-1."""
    width, height = image.size
    top, bottom = int(height * 2.5 / 29.7), int(height * (1 - 2.4 / 29.7))
    pixels = image.load()
    last = top
    for y in range(top, bottom):
        if any(pixels[x, y] < 200 for x in range(0, width, 2)):
            last = y
    return (last - top) / (bottom - top)


@pytest.mark.parametrize("small", [False, True], ids=["demo", "small"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_stands_nearly_empty(lang: str, small: bool) -> None:
    """Every page but the last is at least a third full (the old layout left a heading or
    a table's last rows alone on a page); the last, where the document simply ends, is
    either that full or starts with a heading: a whole part, never the leftover rows of
    one begun on the page before. And typst's layout settles (else page numbers are off)."""
    result = demo_result(small=small)
    data = report_data(result, lang, organisation="Demo B.V.", generated_on=DAY)
    pdf, warnings = compile_report(data, DAY)
    assert warnings == ()
    document = pdfium.PdfDocument(pdf)
    fills = [_fill(document[i].render(scale=0.5).to_pil().convert("L"))
             for i in range(len(document))]
    assert min(fills[:-1]) > 1 / 3, [round(f, 2) for f in fills]
    if fills[-1] <= 1 / 3:
        headings = [section["title"] for section in data["sections"]] + [
            block["text"] for section in data["sections"] for block in section["blocks"]
            if block["kind"] in ("h2", "h3")]
        last = document[len(document) - 1].get_textpage().get_text_range().splitlines()
        body = [line.strip() for line in last[1:] if line.strip()]  # after the running head
        assert body and any(body[0] == h or h.startswith(body[0]) for h in headings), body[:3]
    numbers = [page.split()[-1] for page in _pages(pdf)]
    assert numbers == [str(i + 1) for i in range(len(numbers))]


def test_a_closed_mirror_follows_the_journey_with_the_tabs_rows() -> None:
    from tandem.analysis.mirror import CustomerAnswer, mirror
    from tandem.instrument.customer import load_questionnaire
    from tandem.report.mirror import mirror_rows
    from tandem.report.pdf._words import T

    questionnaire = load_questionnaire()
    result = demo_result()
    good = {s.id: 4 for s in questionnaire.statements_for("service")}
    answers = [CustomerAnswer("service", good)] * 6 + [CustomerAnswer("choice", good)] * 4
    figures = mirror(questionnaire, answers, k=5, journey=result.journey)
    data = report_data(result, "en", organisation=None, generated_on=DAY, mirror=figures)
    titles = [s["title"] for s in data["sections"]]
    mirror_at = titles.index("Customer mirror")
    assert result.journey and titles[mirror_at - 1] == T["journey"]("en")
    table = next(b for b in data["sections"][mirror_at]["blocks"] if b["kind"] == "table")
    rows = mirror_rows(figures, "en")
    assert [r[0] if isinstance(r[0], str) else r[0]["b"] for r in table["rows"]] == [
        r["label"] for r in rows]
    shown = [r for r in table["rows"] if "n = " in r[1]]
    assert len(shown) == 1 and "n = 6" in shown[0][1]  # 4 customers of "choice": nothing
    assert "Customer mirror" not in titles[:mirror_at] and "Customer mirror" not in [
        s["title"] for s in report_data(result, "en", organisation=None,
                                        generated_on=DAY)["sections"]]
