"""The slides of :mod:`tandem.report.deck.slides` laid out as a PowerPoint deck (16:9).

Only layout lives here: where the title, the text, the chart and the table go, and how
large the text is set so that it fits its box (the largest size whose estimated lines
fit). Every word and figure comes from the slides. Charts are PNG images with their
text alternative (the SVG's description); each slide's speaker notes say how to read it
and what to ask the team; every run carries the reader's language, so a screen reader
and the spelling check use the right one.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from datetime import date

import defusedxml.ElementTree as DefusedET
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.slide import Slide as PptxSlide
from pptx.table import _Cell
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Length, Pt

from tandem.analysis.mirror import Mirror
from tandem.contract.result import Result
from tandem.report.charts._svg import ACCENT, FAINT, INK, MUTED, RULE
from tandem.report.deck._words import T
from tandem.report.deck.images import png_of, png_size
from tandem.report.deck.slides import Point, Slide, meeting_slides

WIDTH, HEIGHT = Emu(12192000), Inches(7.5)  # PowerPoint's own 16:9
MARGIN = Inches(0.6)
BODY_TOP, BODY_BOTTOM = Inches(2.0), Inches(6.85)
GUTTER = Inches(0.4)
#: Text sizes to try, largest first: the first whose estimated lines fit is used.
SIZES = (Pt(24), Pt(20), Pt(18), Pt(16), Pt(14), Pt(12))
#: The smallest size a projector shows well: a chart gives way to text set at it.
READABLE = Pt(16)
#: Slides whose chart goes across the slide, the text under it: a matrix and a row of
#: stages need the width; every other chart stands beside its text.
ACROSS = frozenset({"decisions", "journey"})
CHART_PPI = 200  # sharp on a projector, a few hundred kB a chart
LANGUAGE = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}
TITLE_ONLY = 5  # the default template's "Title Only" layout


def render_deck(result: Result, lang: str, *, organisation: str | None = None,
                scan: str | None = None, generated_on: date | None = None,
                mirror: Mirror | None = None) -> bytes:
    """The meeting deck as .pptx bytes, in ``lang`` ("nl" or "en"); ``mirror`` (a closed
    customer mirror's figures) adds a slide of what customers saw."""
    day = generated_on or date.today()
    slides = meeting_slides(result, lang, organisation=organisation, scan=scan, day=day,
                            mirror=mirror)
    return layout_deck(slides, lang, organisation=organisation)


def layout_deck(slides: Sequence[Slide], lang: str, *, organisation: str | None) -> bytes:
    """The .pptx of ``slides``: one PowerPoint slide each, with its speaker notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    deck.core_properties.title = f"{T['kicker'](lang)} · {organisation or slides[0].title}"
    deck.core_properties.language = "nl-NL" if lang == "nl" else "en-GB"
    footer = T["footer"](lang) + (f" · {organisation}" if organisation else "")
    for number, content in enumerate(slides, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        if content.key == "title":
            _opening(slide, content, lang)
        else:
            _page(slide, content, lang)
            _footer(slide, footer, f"{number} / {len(slides)}", lang)
        notes = slide.notes_slide.notes_text_frame
        assert notes is not None
        _write(notes, [Point(n) for n in content.notes], lang, Pt(12), bullets=False)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- slides


def _opening(slide: PptxSlide, content: Slide, lang: str) -> None:
    """The title slide: a band, the kicker, the organisation and the facts of the scan."""
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), Inches(0.25), HEIGHT)
    _fill(band, ACCENT)
    _box(slide, Inches(1.1), Inches(1.5), Emu(WIDTH - Inches(2)), Inches(0.6),
         [Point(content.lead)], lang, Pt(20), colour=MUTED)
    _title(slide, content.title, Inches(1.1), Inches(2.1), Inches(1.5), Pt(40), lang)
    _box(slide, Inches(1.1), Inches(3.9), Emu(WIDTH - Inches(2)), Inches(3),
         list(content.points), lang, Pt(18))


def _page(slide: PptxSlide, content: Slide, lang: str) -> None:
    """A content slide: title and lead, then the table, the chart beside or above the
    text, or the text in one or two columns."""
    _title(slide, content.title, MARGIN, Inches(0.35), Inches(0.8), Pt(30), lang)
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.15), Inches(1.2),
                                  Pt(4))
    _fill(rule, ACCENT)
    if content.lead:
        _box(slide, MARGIN, Inches(1.3), Emu(WIDTH - 2 * MARGIN), Inches(0.65),
             [Point(content.lead)], lang, Pt(18), colour=MUTED)
    width = Emu(WIDTH - 2 * MARGIN)
    height = Emu(BODY_BOTTOM - BODY_TOP)
    text = _text_of(content)
    if content.grid is not None:
        _grid(slide, content, lang)
    elif content.chart:
        png = png_of(content.chart, ppi=CHART_PPI)
        w, h = png_size(png)
        if content.key in ACROSS:  # the text below it at a readable size
            room = height - Inches(0.35) - _height_needed(text, width, READABLE)
            chart_h = Emu(int(min(width * h // w, height * 7 // 10, max(room, height * 2 // 5))))
            chart_w = Emu(chart_h * w // h)
            _picture(slide, png, content.chart, Emu(MARGIN + (width - chart_w) // 2),
                     BODY_TOP, chart_w, chart_h)
            top = Emu(BODY_TOP + chart_h + Inches(0.2))
            _box(slide, MARGIN, top, width, Emu(BODY_BOTTOM - top), text, lang, None)
        else:  # the text on the left (half, more if it needs it), the chart on the right
            text_w = next((Emu((width - GUTTER) * share // 12) for share in (6, 7)
                           if _height_needed(text, (width - GUTTER) * share // 12, READABLE)
                           <= height), Emu((width - GUTTER) * 7 // 12))
            chart_w = Emu(min(width - text_w - GUTTER, height * w // h))
            chart_h = Emu(chart_w * h // w)
            _box(slide, MARGIN, BODY_TOP, text_w, height, text, lang, None)
            _picture(slide, png, content.chart, Emu(WIDTH - MARGIN - chart_w), BODY_TOP,
                     chart_w, chart_h)
    elif content.aside:  # two columns in one size of text
        half = Emu((width - GUTTER) // 2)
        aside = ([Point("", head=content.aside_title)] if content.aside_title else [])
        aside += content.aside
        size = min(_size_that_fits(list(content.points), half, height),
                   _size_that_fits(aside, half, height))
        _box(slide, MARGIN, BODY_TOP, half, height, list(content.points), lang, size,
             bullets=len(content.points) > 1)
        _box(slide, Emu(MARGIN + half + GUTTER), BODY_TOP, half, height, aside, lang, size,
             bullets=True)
    else:
        _box(slide, MARGIN, BODY_TOP, width, height, text, lang, None)


def _text_of(content: Slide) -> list[Point]:
    """The points, then the aside under its heading (one column)."""
    heading = [Point("", head=content.aside_title)] if content.aside_title else []
    return [*content.points, *heading, *content.aside]


def _grid(slide: PptxSlide, content: Slide, lang: str) -> None:
    """The table to fill in: a header row, then empty rows tall enough to write in."""
    grid = content.grid
    assert grid is not None
    rows, cols = len(grid.rows) + 1, len(grid.header)
    row_h = Inches(0.62)
    shape = slide.shapes.add_table(rows, cols, MARGIN, BODY_TOP, Emu(WIDTH - 2 * MARGIN),
                                   Emu(row_h * rows))
    table = shape.table
    widths = (5, 2, 1.5, 3.5)[:cols]
    for i, share in enumerate(widths):
        table.columns[i].width = Emu(int((WIDTH - 2 * MARGIN) * share / sum(widths)))
    for r, values in enumerate([grid.header, *grid.rows]):
        table.rows[r].height = row_h
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.fill.solid()  # type: ignore[no-untyped-call]
            cell.fill.fore_color.rgb = _rgb(ACCENT if r == 0 else ("#ffffff" if r % 2 else FAINT))
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            _write(cell.text_frame, [Point(value)], lang, Pt(16), bullets=False,
                   colour="#ffffff" if r == 0 else INK, bold=r == 0)
            _borders(cell, RULE)


# ---------------------------------------------------------------- shapes


def _title(slide: PptxSlide, text: str, left: Length, top: Length, height: Length, size: Length,
           lang: str) -> None:
    title = slide.shapes.title
    assert title is not None
    title.left, title.top, title.height = left, top, height
    title.width = Emu(WIDTH - left - MARGIN)
    frame = title.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    frame.vertical_anchor = MSO_ANCHOR.TOP
    _write(frame, [Point(text)], lang, size, bullets=False, bold=True)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT


def _footer(slide: PptxSlide, text: str, page: str, lang: str) -> None:
    top, height = Inches(7.0), Inches(0.35)
    _box(slide, MARGIN, top, Inches(9), height, [Point(text)], lang, Pt(10), colour=MUTED)
    box = _box(slide, Emu(WIDTH - MARGIN - Inches(2)), top, Inches(2), height, [Point(page)],
               lang, Pt(10), colour=MUTED)
    box.paragraphs[0].alignment = PP_ALIGN.RIGHT
    y = Emu(top - Inches(0.05))
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, MARGIN, y,
                                      Emu(WIDTH - MARGIN), y)
    line.line.color.rgb = _rgb(RULE)


def _picture(slide: PptxSlide, png: bytes, svg: str, left: Length, top: Length, width: Length,
             height: Length) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)
    desc = DefusedET.fromstring(svg).find("{http://www.w3.org/2000/svg}desc")
    alt = desc.text if desc is not None and desc.text else ""
    picture._element.nvPicPr.cNvPr.set("descr", alt)  # type: ignore[union-attr] # alt text


def _box(slide: PptxSlide, left: Length, top: Length, width: Length, height: Length,
         points: list[Point], lang: str, size: Length | None, *, colour: str = INK,
         bullets: bool | None = None) -> TextFrame:
    """A text box; ``size`` None: the largest of :data:`SIZES` whose lines fit, with
    bullets when there is more than one point."""
    shape = slide.shapes.add_textbox(left, top, width, height)
    frame: TextFrame = shape.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    chosen = size or _size_that_fits(points, width, height)
    if bullets is None:
        bullets = size is None and len(points) > 1
    _write(frame, points, lang, chosen, bullets=bullets, colour=colour)
    return frame


def _size_that_fits(points: list[Point], width: int, height: int) -> Length:
    """The largest of :data:`SIZES` whose text fits the box."""
    return next((size for size in SIZES if _height_needed(points, width, size) <= height),
                SIZES[-1])


def _height_needed(points: list[Point], width: int, size: Length) -> float:
    """An estimate of the height ``points`` take at ``size``: Arial averages about half an
    em a character, a line is 1.2 em high, a paragraph adds half a line above."""
    per_line = max(1, int((width - Inches(0.3)) / (size * 0.48)))
    lines = sum(math.ceil(max(1, len(_plain(p))) / per_line) + 0.5 for p in points)
    return lines * size * 1.2


def _plain(point: Point) -> str:
    return f"{point.head} {point.text}".strip()


def _write(frame: TextFrame, points: list[Point], lang: str, size: Length, *, bullets: bool,
           colour: str = INK, bold: bool = False) -> None:
    """``points`` as paragraphs of ``frame``: a bold lead-in, then the text."""
    frame.clear()  # type: ignore[no-untyped-call]
    for i, point in enumerate(points):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()  # type: ignore[no-untyped-call]
        if i:
            paragraph.space_before = Pt(size.pt * 0.5)
        heading = bool(point.head) and not point.text
        if point.head:
            _run(paragraph, point.head + ("" if heading else " "), lang, size,
                 ACCENT if heading else colour, bold=True)
        if point.text:
            _run(paragraph, point.text, lang, size, colour, bold=bold)
        if bullets and not heading:
            _bullet(paragraph, size)


def _run(paragraph: _Paragraph, text: str, lang: str, size: Length, colour: str, *,
         bold: bool) -> None:
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.name = "Arial"
    font.size = size
    font.bold = bold
    font.color.rgb = _rgb(colour)
    font.language_id = LANGUAGE.get(lang, MSO_LANGUAGE_ID.ENGLISH_UK)


def _bullet(paragraph: _Paragraph, size: Length) -> None:
    """A round bullet with a hanging indent."""
    properties = paragraph._p.get_or_add_pPr()
    indent = int(size * 1.1)
    properties.set("marL", str(indent))
    properties.set("indent", str(-indent))
    properties.append(properties.makeelement(qn("a:buChar"), {"char": "•"}))


def _borders(cell: _Cell, colour: str) -> None:
    """A thin line on every side of a table cell, so an empty row shows where to write."""
    properties = cell._tc.get_or_add_tcPr()
    for place, side in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):  # before the fill
        line = properties.makeelement(qn(side), {"w": str(Pt(1)), "cmpd": "sng"})
        fill = line.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": colour.lstrip("#").upper()}))
        line.append(fill)
        properties.insert(place, line)


def _fill(shape: object, colour: str) -> None:
    fill = shape.fill  # type: ignore[attr-defined]
    fill.solid()
    fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()  # type: ignore[attr-defined]


def _rgb(colour: str) -> RGBColor:
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))
    return RGBColor(red, green, blue)  # type: ignore[no-untyped-call]
