"""The meeting kit's deck: a PowerPoint presentation for the management meeting, one
slide per thing to discuss (what first, phase, target, tensions, gaps with their
uncertainty, contested decisions, journey breaks, who is in the figures) and a closing
slide to fill with the agreed actions, each with speaker notes in the reader's language.

:func:`meeting_slides` says what each slide holds (the workshop view of the web app shows
the same slides step by step); :func:`render_deck` lays them out as .pptx bytes, the
charts as PNG images drawn by typst from the app's own SVG charts.
"""

from __future__ import annotations

from tandem.report.deck.powerpoint import render_deck
from tandem.report.deck.slides import KEYS, Grid, Point, Slide, meeting_slides

__all__ = ["KEYS", "Grid", "Point", "Slide", "meeting_slides", "render_deck"]
