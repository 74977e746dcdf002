"""Server-rendered SVG charts of a :class:`~tandem.contract.result.Result`, for pages and the PDF.

One module draws every chart, so a figure looks the same in the browser and on paper.
Each function returns a complete, self-contained ``<svg>`` string:

- accessible: ``role="img"`` with ``<title>`` and ``<desc>`` (a text alternative that
  names the figures) in the requested language, and a ``<title>`` per mark for hover;
- readable in greyscale: colour ramps are monotonic in lightness and every mark also
  carries a number, a shape, a pattern or a word, never colour alone;
- inert and portable: no JavaScript, no event handlers, no external fonts or URLs, so
  it can be inlined in HTML under a strict CSP or embedded in a PDF by typst;
- deterministic: the same result gives byte-identical output (ids are derived from the
  chart and its subject, never random), so charts can be cached and compared.

Charts only present: every number is read from the result and rounded for display.
A withheld (suppressed) figure is drawn as a hatched cell with "—" and no number.
"""

from tandem.report.charts._svg import FONT
from tandem.report.charts.decisions import decision_matrix
from tandem.report.charts.funnel import funnel_bars
from tandem.report.charts.gaps import perception_gap_chart
from tandem.report.charts.journey import journey_stages
from tandem.report.charts.phase import phase_ladder
from tandem.report.charts.sla import attainment_trend
from tandem.report.charts.tensions import tension_bars, tension_heatmap

__all__ = [
    "FONT",
    "attainment_trend",
    "decision_matrix",
    "funnel_bars",
    "journey_stages",
    "perception_gap_chart",
    "phase_ladder",
    "tension_bars",
    "tension_heatmap",
]
