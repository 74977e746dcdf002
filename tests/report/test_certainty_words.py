"""The phase certainty in words with a number, the same on every face, in both languages,
and never "100%" (nor "0%")."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from openpyxl import load_workbook

from tandem.contract.result import PhaseUncertainty, Result
from tandem.report.markdown import render_markdown
from tandem.report.wording import certainty_words
from tandem.report.workbook import SHEETS, render_workbook
from tests.report import demo_result


def _u(share: float, resamples: int = 200) -> PhaseUncertainty:
    return PhaseUncertainty("bootstrap", resamples, share, (0.0, share, 1 - share, 0.0))


@pytest.mark.parametrize(
    ("share", "nl", "en"),
    [
        (1.0, "vrijwel zeker, meer dan 99,5%", "almost certain, more than 99.5%"),
        (0.995, "vrijwel zeker, 99,5%", "almost certain, 99.5%"),
        (0.97, "zeer waarschijnlijk, 97%", "very likely, 97%"),
        (0.9, "zeer waarschijnlijk, 90%", "very likely, 90%"),
        (0.7, "waarschijnlijk, 70%", "likely, 70%"),
        (0.45, "onzeker, 45%", "uncertain, 45%"),
        (0.005, "onzeker, 0,5%", "uncertain, 0.5%"),
        (0.0, "onzeker, minder dan 0,5%", "uncertain, less than 0.5%"),
    ],
)
def test_each_band_in_both_languages(share: float, nl: str, en: str) -> None:
    assert certainty_words(_u(share), "nl") == nl
    assert certainty_words(_u(share), "en") == en


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("resamples", [200, 1000])
def test_all_resamples_agreeing_never_prints_100(lang: str, resamples: int) -> None:
    words = certainty_words(_u(1.0, resamples), lang)
    assert not re.search(r"(?<![\d,.])100\s*%", words), words
    assert re.search(r"99[,.]\d+%", words), words


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_share_of_200_prints_100_or_0(lang: str) -> None:
    for agree in range(201):
        words = certainty_words(_u(agree / 200), lang)
        assert not re.search(r"(?<![\d,.])(100|0)%", words), words


def _sure(result: Result) -> Result:
    phase = result.phase
    assert phase is not None and phase.uncertainty is not None
    sure = dataclasses.replace(phase.uncertainty, same_phase=1.0)
    return dataclasses.replace(result, phase=dataclasses.replace(phase, uncertainty=sure))


@pytest.mark.parametrize(("lang", "words"), [
    ("nl", "vrijwel zeker, meer dan 99,5%"), ("en", "almost certain, more than 99.5%")])
def test_markdown_and_workbook_say_it_in_words(lang: str, words: str) -> None:
    result = _sure(demo_result())
    markdown = render_markdown(result, lang)
    assert words in markdown
    assert "100%" not in markdown
    sheet = load_workbook(io.BytesIO(render_workbook(result, lang)))[SHEETS["summary"](lang)]
    values = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert words in values
    assert 1 not in values and 1.0 not in values
