"""The PDF report a consultant hands over: cover, executive summary, sections, roadmap
and a methodology appendix, in Dutch or English.

Python decides *what* is said (every figure read from the :class:`Result`, never
computed here) and hands it to a typst template as JSON; typst decides *how* it looks.
Passing words as JSON data rather than pasting them into typst markup means no text
from respondents or owners can ever be read as markup or code: no escaping to forget.

Only typst's embedded fonts are used (``ignore_system_fonts``), so the PDF looks the
same on a laptop, in CI and in a container with no fonts installed.
"""

from __future__ import annotations

from tandem.report.pdf.document import long_date, render_pdf, report_data

__all__ = ["long_date", "render_pdf", "report_data"]
