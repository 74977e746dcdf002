"""`tandem questionnaire --to TOOL --lang nl|en [--form] [--definition] -o FILE`."""

from __future__ import annotations

import json
from pathlib import Path

import defusedxml.ElementTree as DefusedET
import pytest

from tandem.cli import main
from tandem.instrument import load_instrument
from tandem.report.questionnaire.definition import load_definition


@pytest.mark.parametrize(
    ("target", "suffix"),
    [
        ("limesurvey", ".lss"),
        ("qualtrics", ".qsf"),
        ("google-forms", ".gs"),
        ("ms-forms", ".txt"),
        ("text", ".txt"),
        ("json", ".json"),
    ],
)
def test_writes_each_target(target: str, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"scan{suffix}"
    assert (
        main(["questionnaire", "--to", target, "--lang", "en", "--form", "quick", "-o", str(out)])
        == 0
    )
    text = out.read_text("utf-8")
    assert text.strip()
    if target == "limesurvey":
        DefusedET.fromstring(text.encode("utf-8"))
    if target in ("qualtrics", "json"):
        json.loads(text)
    if target != "json":
        assert "What is your role level?" in text
        assert "Which part of the organisation" not in text  # optional: off by default


def test_settings_and_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["questionnaire", "--to", "text", "--lang", "nl", "--setting", "segment"]) == 0
    assert "[segment]" in capsys.readouterr().out


def test_custom_definition_round_trip(tmp_path: Path) -> None:
    definition = tmp_path / "scan.json"
    assert main(["questionnaire", "--to", "json", "-o", str(definition)]) == 0
    assert load_definition(definition) == load_instrument()
    data = json.loads(definition.read_text("utf-8"))
    data["option_sets"]["department"]["options"][4]["label"]["en"] = "Finance"
    definition.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "scan.txt"
    args = ["questionnaire", "--to", "ms-forms", "--lang", "en", "--definition", str(definition)]
    assert main([*args, "-o", str(out)]) == 0
    assert "\nFinance\n" in out.read_text("utf-8")


def test_an_invalid_definition_is_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    definition = tmp_path / "scan.json"
    definition.write_text('{"format": "tandem-survey-definition"}', encoding="utf-8")
    args = ["questionnaire", "--to", "limesurvey", "--definition", str(definition)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("tandem: ") and "format_version" in err


def test_ms_forms_as_a_word_file(tmp_path: Path) -> None:
    import zipfile

    out = tmp_path / "scan.docx"
    assert main(["questionnaire", "--to", "ms-forms", "--lang", "nl", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as package:
        assert "In welke afdeling werkt u?" in package.read("word/document.xml").decode("utf-8")
