"""The psychometrics as JSON (the issue's shape) and as tables and Markdown in nl and en."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tandem.analysis.psychometrics import psychometrics
from tandem.contract.psychometrics import Psychometrics
from tandem.io.languages import load_with_languages
from tandem.report.psychometrics import render_json, render_markdown, tables
from tandem.rounding import rounded_text
from tests.analysis.psychometrics.data import two_language_frame

ENGLISH = re.compile(r"\b(the|and|with|of the|which|fewer|than)\b")
DUTCH = re.compile(r"\b(de|het|een|van|niet|voor|naar|minder)\b")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Psychometrics:
    path = tmp_path_factory.mktemp("psy") / "responses.csv"
    two_language_frame().to_csv(path, index=False)
    found = load_with_languages(path)
    return psychometrics(found.loaded.responses, found.languages)


def _no_nan(text: str) -> object:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_has_the_shape_of_the_issue(result: Psychometrics) -> None:
    data = _no_nan(render_json(result))
    assert isinstance(data, dict)
    assert set(data) == {"meta", "scales", "icc", "invariance", "ladder", "omitted"}
    defined = data["scales"]["DEF"]
    assert {"n", "alpha", "omega_total", "items", "by_language", "alpha_ci",
            "alpha_available"} <= set(defined)
    assert set(defined["by_language"]) == {"nl", "en"}
    assert {"n", "alpha", "omega_total", "items"} <= set(defined["by_language"]["en"])
    assert defined["alpha"] == round(result.scale("DEF").overall.alpha or 0, 6)
    assert defined["alpha_available"]["n"] == 1005
    assert set(defined["items"]) == {i.id for i in result.scale("DEF").overall.items}
    assert set(data["icc"]["DEF"]) >= {"icc1", "icc2"}
    invariance = data["invariance"]["DEF"]
    for level in ("configural", "metric", "scalar"):
        assert {"cfi", "rmsea"} <= set(invariance[level])
    assert "delta_cfi" in invariance["metric"] and "delta_cfi" not in invariance["configural"]
    assert invariance["n"] == dict(zip(("nl", "en"), result.invariance["DEF"].n, strict=True))
    assert {"scope": "language", "subject": "de", "reason": "below_k"} in data["omitted"]


def test_markdown_in_dutch_and_in_english(result: Psychometrics) -> None:
    dutch, english = render_markdown(result, "nl"), render_markdown(result, "en")
    assert "## Betrouwbaarheid per schaal" in dutch and "## Reliability per scale" in english
    alpha = result.scale("DEF").overall.alpha or 0
    assert rounded_text(alpha, 2).replace(".", ",") in dutch and rounded_text(alpha, 2) in english
    assert "Taal DE: minder dan k respondenten" in dutch
    assert "Department Commercial management: fewer than k respondents" in english
    # the questionnaire by its name and version, as every face names it: no code
    assert result.meta.instrument not in dutch and result.meta.instrument not in english
    assert re.search(r"vragenlijst Tandem Scan: .* \(versie \d\.\d, volledige versie\)", dutch)
    assert re.search(r"questionnaire Tandem Scan: .* \(version \d\.\d, full form\)", english)
    for line in dutch.splitlines():
        assert not ENGLISH.search(line.replace("item-rest", "")), line
    for line in english.splitlines():
        assert not DUTCH.search(line), line


def test_every_table_row_has_a_cell_per_heading(result: Psychometrics) -> None:
    for lang in ("nl", "en"):
        t = tables(result, lang)
        assert len(t.tables) == 6  # reliability, per language, items, ICC, invariance, ladder
        for table in t.tables:
            assert table.rows, table.title
            assert all(len(row) == len(table.headers) for row in table.rows), table.title
        assert len(t.ladder) == 2 and t.omitted


def test_nothing_but_the_reason_below_k(tmp_path: Path) -> None:
    from tandem.io.demo import generate_responses
    from tests.helpers import responses_from_frame

    small = psychometrics(responses_from_frame(generate_responses(3, 1)))
    text = render_markdown(small, "en")
    assert "Too few respondents" in text and "|" not in text
    assert _no_nan(render_json(small)) == {
        "meta": {"n": None, "k": 5, "instrument": "tandem-scan-2.0", "form": "full",
                 "languages": [], "min_n_reliability": 30, "min_n_invariance": 200},
        "scales": {}, "icc": {}, "invariance": {}, "ladder": None,
        "omitted": [{"scope": "all", "subject": None, "reason": "below_k"}],
    }


def test_omissions_of_one_kind_are_one_line_naming_all_they_concern() -> None:
    """A small sample leaves out the invariance of every scale for one reason: one line
    with the reason and the scales, not one line per scale."""
    from dataclasses import replace

    from tandem.contract.psychometrics import Omission
    from tandem.io.demo import generate_responses
    from tests.helpers import responses_from_frame

    found = psychometrics(responses_from_frame(generate_responses(120, 3)))
    omitted = (Omission("department", "management", "below_k"),
               Omission("invariance", "DEF", "too_few"), Omission("invariance", "ALI", "too_few"),
               Omission("invariance", "eco_price", "too_few"))
    lines = tables(replace(found, omitted=omitted), "en").omitted
    assert lines == (
        "Department Commercial management: fewer than k respondents",
        "Measurement invariance (fewer than 200 complete cases in one of the languages): "
        "Phase II Defined: clear agreements; Phase III Aligned: flexible alignment; Price",
    )
    dutch = tables(replace(found, omitted=omitted), "nl").omitted
    assert dutch[1].startswith("Meetinvariantie (minder dan 200 complete gevallen in een van "
                               "de talen): Fase II Defined")
