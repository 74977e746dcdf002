"""``tandem deck``: the meeting deck from a response file or from a result kept as JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from tandem.cli import EXIT_BAD_INPUT, main
from tandem.report.deck import KEYS as ALL_KEYS
from tandem.report.deck._words import T
from tests.report.deck import notes_of, open_deck, slide_texts

#: The slides of a scan without a customer mirror (the tests' scans have none).
KEYS = tuple(k for k in ALL_KEYS if k != "mirror")

SMALL = Path(__file__).resolve().parents[2] / "golden" / "inputs" / "small.csv"


def test_a_response_file_and_its_result_give_the_same_deck(tmp_path: Path) -> None:
    from_answers, from_result = tmp_path / "answers.pptx", tmp_path / "result.pptx"
    result = tmp_path / "result.json"
    assert main(["deck", str(SMALL), "--min-group", "5", "--lang", "en",
                 "--organisation", "Small BV", "-o", str(from_answers)]) == 0
    assert main(["score", str(SMALL), "--min-group", "5", "--format", "json",
                 "-o", str(result)]) == 0
    assert main(["deck", str(result), "--lang", "en", "--organisation", "Small BV",
                 "-o", str(from_result)]) == 0
    deck = open_deck(from_answers.read_bytes())
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == ["Small BV", *(T[k]("en") for k in KEYS[1:])]
    assert any(t.startswith("40 respondents:") for t in slide_texts(deck)[0])
    again = open_deck(from_result.read_bytes())
    # The result file keeps six decimals: the words and rounded figures are the same.
    assert slide_texts(again) == slide_texts(deck)
    assert notes_of(again) == notes_of(deck)


def test_a_response_file_in_dutch(tmp_path: Path) -> None:
    out = tmp_path / "deck.pptx"
    assert main(["deck", str(SMALL), "--min-group", "5", "-o", str(out)]) == 0
    titles = [s.shapes.title.text for s in open_deck(out.read_bytes()).slides]
    assert titles[1:] == [T[k]("nl") for k in KEYS[1:]]


def test_options_of_a_response_file_are_refused_for_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    result = tmp_path / "result.json"
    main(["score", str(SMALL), "--format", "json", "-o", str(result)])
    code = main(["deck", str(result), "--context", "docs/examples/context.toml",
                 "-o", str(tmp_path / "deck.pptx")])
    assert code == EXIT_BAD_INPUT
    assert "apply to a response file" in capsys.readouterr().err
    assert not (tmp_path / "deck.pptx").exists()
