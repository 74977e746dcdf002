"""The app's SVG charts as PNG images for the deck, drawn by typst.

PowerPoint shows SVG only from Office 2016 on and LibreOffice not in every version, so
the deck carries PNG. typst already renders these SVGs into the PDF report, so the
slides show the charts exactly as the report does, with the same embedded fonts
(``ignore_system_fonts``: the same image on a laptop, in CI and in a container), and no
other rendering library (cairo, resvg) is needed.
"""

from __future__ import annotations

import struct

import typst

#: The page is as large as the chart; the chart is drawn at its own size in points.
SOURCE = (
    '#set page(width: auto, height: auto, margin: 0pt, fill: white)\n'
    '#image(bytes(sys.inputs.svg), format: "svg", width: float(sys.inputs.width) * 1pt)\n'
)


def png_of(svg: str, *, ppi: int) -> bytes:
    """The chart ``svg`` as a PNG at ``ppi`` pixels per inch (one SVG pixel is 1 pt)."""
    width = _svg_width(svg)
    png = typst.compile(SOURCE.encode(), format="png", ppi=ppi, ignore_system_fonts=True,
                        sys_inputs={"svg": svg, "width": width})
    assert isinstance(png, bytes)  # one page: one image
    return png


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, from the PNG's header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _svg_width(svg: str) -> str:
    """The chart's own width (the ``width`` of its root element)."""
    head = svg[: svg.index(">")]
    start = head.index(' width="') + len(' width="')
    return head[start: head.index('"', start)]
