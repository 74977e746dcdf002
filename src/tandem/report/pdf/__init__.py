"""The PDF report a consultant hands over, in Dutch or English: page 1 is a title line
(organisation, scan, date, respondents) and the summary a director reads first (phase,
target, the three things to discuss first), then the sections, the roadmap and a
methodology appendix that ends with what was withheld, in one compact table. Sections
follow each other on a page while there is room, so no page stands nearly empty.

Python decides *what* is said (every figure read from the :class:`Result`, never
computed here) and hands it to a typst template as JSON; typst decides *how* it looks.
Passing words as JSON data rather than pasting them into typst markup means no text
from respondents or owners can ever be read as markup or code: no escaping to forget.

Only typst's embedded fonts are used (``ignore_system_fonts``), so the PDF looks the
same on a laptop, in CI and in a container with no fonts installed.
"""

from __future__ import annotations

from tandem.report.pdf.document import compile_report, long_date, render_pdf, report_data

__all__ = ["compile_report", "long_date", "render_pdf", "report_data"]
