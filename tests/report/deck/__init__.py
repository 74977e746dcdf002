"""Tests of the meeting deck (tandem.report.deck)."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.presentation import Presentation as Deck

from tandem.analysis.diagnose import diagnose
from tandem.context import load_context
from tandem.contract.result import Result
from tandem.io.demo import generate_responses
from tandem.io.responses import load_responses
from tests.report import responses_of

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "inputs"
#: Two departments whose pool stays below k = 5: left out of every figure.
WITHHELD_SIZES = {"sales": 20, "marketing": 14, "service": 2, "management": 2}


@cache
def _withheld_frame() -> pd.DataFrame:
    frame = generate_responses(sum(WITHHELD_SIZES.values()), 8, "default")
    frame["department"] = [d for d, n in WITHHELD_SIZES.items() for _ in range(n)]
    return frame


@cache
def withheld_result() -> Result:
    return diagnose(responses_of(_withheld_frame()), min_group=5)


@cache
def shown_only_result() -> Result:
    """The same scan without the answers of the departments that are withheld."""
    frame = _withheld_frame()
    shown = frame[frame.department.isin(["sales", "marketing"])].reset_index(drop=True)
    return diagnose(responses_of(shown), min_group=5)


@cache
def quick_result() -> Result:
    """The golden quick scan (k = 4, with a context): no decision or journey questions,
    and a target with many reasons."""
    loaded = load_responses(GOLDEN / "quick.csv").responses
    return diagnose(loaded, context=load_context(GOLDEN / "context.toml"), min_group=4)


@cache
def too_few_result() -> Result:
    return diagnose(responses_of(generate_responses(4, 3, "default")), min_group=5)


def open_deck(data: bytes) -> Deck:
    return Presentation(io.BytesIO(data))


def slide_texts(deck: Deck) -> list[list[str]]:
    """The paragraphs of every slide: its shapes' text, table cells included."""
    pages = []
    for slide in deck.slides:
        texts: list[str] = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts += [p.text for p in shape.text_frame.paragraphs if p.text]
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells if c.text]
        pages.append(texts)
    return pages


def notes_of(deck: Deck) -> list[list[str]]:
    return [[p.text for p in s.notes_slide.notes_text_frame.paragraphs if p.text]
            for s in deck.slides]


def alt_texts(deck: Deck) -> list[str]:
    """The text alternative of every picture (the chart's description)."""
    return [shape._element.nvPicPr.cNvPr.get("descr", "")
            for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]


def pictures(deck: Deck) -> list[bytes]:
    """The image of every picture, in slide order."""
    return [shape.image.blob for slide in deck.slides for shape in slide.shapes
            if shape.shape_type == 13]
