"""The ``tandem`` command, run as a user runs it: a real process on real files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.io.demo import generate_responses
from tandem.io.responses import ResponseDataError, read_responses
from tandem.io.responses.headers import ALL_SETTINGS

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "src/tandem/contract/result-2.schema.json").read_text("utf-8"))


def tandem(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tandem.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "answers.csv"
    run = tandem("demo-data", "--respondents", "150", "--seed", "4", "-o", path)
    assert run.returncode == 0, run.stderr
    return path


def test_demo_data_writes_to_stdout_and_is_deterministic() -> None:
    first = tandem("demo-data", "--respondents", "20", "--seed", "9")
    second = tandem("demo-data", "--respondents", "20", "--seed", "9")
    assert first.returncode == 0
    assert first.stdout == second.stdout
    lines = first.stdout.strip().splitlines()
    assert len(lines) == 21
    assert "department" in lines[0].split(",")


def test_score_json_follows_the_schema(answers: Path) -> None:
    run = tandem(
        "score", answers, "--format", "json", "--context", ROOT / "docs/examples/context.toml"
    )
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["meta"]["n"] == 150
    assert data["target"]["phase"] >= data["phase"]["ladder"]["phase"]
    assert data["roadmap"], "a roadmap is proposed"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Phase of the relationship", "Target phase", "First steps"]),
        ("nl", ["Fase van de samenwerking", "Doelfase", "Eerste stappen"]),
    ],
)
def test_score_markdown_in_both_languages(answers: Path, lang: str, words: list[str]) -> None:
    run = tandem("score", answers, "--lang", lang)
    assert run.returncode == 0, run.stderr
    for word in words:
        assert word in run.stdout


def test_bad_file_gets_one_report_with_rows_and_columns_and_no_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("department,def_roles,eco_price_1,nonsense\nsales,7,3,1\nchef,2,x,1\n", "utf-8")
    run = tandem("score", bad, "--format", "json", "--lang", "en")
    assert run.returncode == 2
    assert run.stdout == ""
    for fragment in ("nonsense", "row 2", "def_roles", "row 3", "chef", "eco_price_1"):
        assert fragment in run.stderr
    # in the language the command writes in (Dutch by default), every line of it
    dutch = tandem("score", bad, "--format", "json")
    assert dutch.returncode == 2
    lines = dutch.stderr.splitlines()
    assert lines[0].endswith(": 4 problemen, er is niets berekend:"), lines[0]
    assert all(line.startswith("  - rij ") for line in lines[1:]), dutch.stderr
    assert not any(english in dutch.stderr for english in ("unknown", "is not", "use one of"))


def test_wrong_context_value_names_the_key(answers: Path, tmp_path: Path) -> None:
    ctx = tmp_path / "ctx.toml"
    ctx.write_text('employees = "lots"\ngrowth = "strong"\n', "utf-8")
    run = tandem("score", answers, "--context", ctx)
    assert run.returncode == 2
    assert "employees" in run.stderr
    assert run.stdout == ""
    # in the language the command writes in, as a response file's problems are
    assert "1 fout in de context:" in run.stderr  # Dutch by default
    english = tandem("score", answers, "--context", ctx, "--lang", "en")
    assert "1 problem in the context:" in english.stderr


def test_threshold_below_three_is_refused(answers: Path) -> None:
    run = tandem("score", answers, "--min-group", "2")
    assert run.returncode == 2
    assert "at least 3" in run.stderr


def test_codebook_json_lists_items_and_scales() -> None:
    run = tandem("codebook", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    items = {i["id"]: i for i in data["items"]}
    assert items["eco_price_3"]["keying"] == "-"
    assert items["eco_price_3"]["scale"] == "eco_price"
    assert set(items["eco_price_3"]["text"]) == {"nl", "en"}
    codes = [o["code"] for o in items["dr_pricing"]["options"]]
    assert codes == ["marketing", "sales", "service", "joint", "management", "nobody", "dk"]
    kinds = {s["id"]: s["kind"] for s in data["scales"]}
    assert kinds["DEF"] == "phase_block"
    assert kinds["cul_image"] == "tension"
    assert kinds["out_cx"] == "outcome"
    assert sum(1 for k in kinds.values() if k == "tension") == 11


def test_quick_codebook_in_dutch_markdown() -> None:
    run = tandem("codebook", "--form", "quick", "--lang", "nl", "--format", "md")
    assert run.returncode == 0, run.stderr
    assert "Sales en Marketing" in run.stdout
    assert "eco_price_2" not in run.stdout
    assert "eco_price_1" in run.stdout


def test_codebook_diff_lists_what_changed_between_versions() -> None:
    run = tandem("codebook", "--diff", "1", "2", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("# Questionnaire changes: `tandem-scan@1.0` → `tandem-scan@2.0`")
    assert "- `int_rotation` scale: INT → ALI" in run.stdout
    assert "`def_handoff` (DEF, +, full); replaced by" in run.stdout
    data = json.loads(tandem("codebook", "--diff", "tandem-scan-1", "2.0", "--format",
                             "json").stdout)
    assert data["counts"]["moved"] == 2 and data["to"]["version"] == "2.0"
    for bad in (("--diff", "1", "9"), ("--diff", "1", "2", "--format", "csv")):
        failed = tandem("codebook", *bad)
        assert failed.returncode == 2 and failed.stderr.startswith("tandem: ")


def test_older_versions_stay_available_to_every_command(tmp_path: Path) -> None:
    """A repeat wave on version 1: its codebook, its questionnaire, demo answers, and a
    file of them scored as version 1 without being told."""
    assert '"version": "1.0"' in tandem("codebook", "--instrument", "1", "--format",
                                        "json").stdout
    text = tandem("questionnaire", "--to", "text", "--instrument", "1", "--lang", "en").stdout
    assert "It is clear who follows up a lead and how quickly." in text
    path = tmp_path / "v1.csv"
    assert tandem("demo-data", "--respondents", "30", "--instrument", "tandem-scan-1",
                  "-o", path).returncode == 0
    assert "def_handoff" in path.read_text("utf-8").splitlines()[0]
    result = json.loads(tandem("score", path, "--format", "json").stdout)
    assert result["meta"]["instrument_version"] == "1.0"
    markdown = tandem("score", path, "--lang", "en").stdout
    assert "(version 1.0, full form)" in markdown


FIXTURES = ROOT / "tests/fixtures"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Source: LimeSurvey (detected", "(by code)", "[agree] 'AO06' -> dk",
                "Not counted (no scale question answered): 1, rows 18", "Ready to import."]),
        ("nl", ["Bron: LimeSurvey (herkend", "(op code)", "Klaar om in te lezen."]),
    ],
)
def test_inspect_shows_source_headings_and_recoding(lang: str, words: list[str]) -> None:
    run = tandem("inspect", FIXTURES / "limesurvey/codes.csv", "--lang", lang)
    assert run.returncode == 0, run.stderr
    for word in words:
        assert word in run.stdout


def test_inspect_of_a_bad_file_lists_problems_and_fails(tmp_path: Path) -> None:
    bad = tmp_path / "forms.csv"
    bad.write_text("Timestamp,Which department do you work in?,Colour\n1,Verkoop,blue\n", "utf-8")
    run = tandem("inspect", bad, "--lang", "en")
    assert run.returncode == 2
    assert "Source: Google Forms" in run.stdout and "'Colour'" in run.stdout


def test_score_with_source_equals_tandem_format() -> None:
    mine = tandem("score", FIXTURES / "tandem.csv", "--format", "json")
    theirs = tandem("score", FIXTURES / "qualtrics/numeric.tsv", "--source", "qualtrics",
                    "--format", "json")
    assert theirs.returncode == 0, theirs.stderr
    assert json.loads(theirs.stdout) == json.loads(mine.stdout)
    assert mine.stderr == ""
    # what was left out is said (Dutch by default, like the report)
    assert "Voorbeeldantwoorden (survey preview) weggelaten: 1, rijen 6" in theirs.stderr
    assert "geen enkele schaalvraag beantwoord): 1, rijen 21" in theirs.stderr


def test_psychometrics_reads_the_language_column_and_writes_json_and_markdown(
        answers: Path, tmp_path: Path) -> None:
    import csv

    rows = list(csv.reader(answers.open(encoding="utf-8")))
    with_language = tmp_path / "answers-language.csv"
    with with_language.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow([*rows[0], "language"])
        out.writerows([*row, "nl" if i % 3 else "EN"] for i, row in enumerate(rows[1:]))
    run = tandem("psychometrics", with_language, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["meta"]["n"] == 150 and data["meta"]["languages"] == ["nl", "en"]
    assert set(data["scales"]["DEF"]["by_language"]) == {"nl", "en"}
    assert 0.5 < data["scales"]["DEF"]["alpha"] < 1 and data["icc"]["DEF"]["icc1"] is not None
    # 50 English respondents are far from 200 complete cases: no invariance, and why
    assert data["invariance"] == {}
    assert {"scope": "invariance", "subject": "DEF", "reason": "too_few"} in data["omitted"]
    out = tmp_path / "psychometrics.md"
    run = tandem("psychometrics", with_language, "--format", "md", "--lang", "en", "-o", out)
    assert run.returncode == 0, run.stderr
    text = out.read_text("utf-8")
    assert "# Psychometrics of the Tandem Scan" in text and "Languages with at least k" in text


def test_psychometrics_of_an_export_takes_the_tools_language() -> None:
    run = tandem("psychometrics", FIXTURES / "roundtrip/qualtrics/responses.csv",
                 "--format", "json", "--min-group", "3")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["meta"]["languages"] == ["nl"]
    assert {"scope": "invariance", "subject": None, "reason": "one_group"} in data["omitted"]


def test_score_reads_the_meta_perception_module_a_file_has(tmp_path: Path) -> None:
    """A file with the meta-perception columns was asked them: ``tandem score`` gives the
    empathy gap (the same figures as the core on the same answers); without the columns
    the module stays off and the result says it was not asked."""
    with_module = tmp_path / "with-module.csv"
    frame = generate_responses(120, 3, settings=ALL_SETTINGS | {"meta_perception"})
    assert any(c.startswith("mp_") for c in frame.columns)
    frame.to_csv(with_module, index=False)
    run = tandem("score", with_module, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    jsonschema.validate(data, SCHEMA)
    assert data["empathy"]["asked"] is True
    core = diagnose(read_responses(with_module)).to_dict()["empathy"]
    assert data["empathy"] == json.loads(json.dumps(core))

    without = tmp_path / "without.csv"
    frame[[c for c in frame.columns if not c.startswith("mp_")]].to_csv(without, index=False)
    plain = tandem("score", without, "--format", "json")
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["empathy"]["asked"] is False


def test_a_scans_own_settings_never_take_the_module_from_the_file(tmp_path: Path) -> None:
    """Only a file outside a scan says itself what was asked: a scan with every other
    setting on but not meta-perception refuses the module's columns."""
    path = tmp_path / "with-module.csv"
    generate_responses(60, 5, settings=ALL_SETTINGS | {"meta_perception"}).to_csv(
        path, index=False)
    with pytest.raises(ResponseDataError) as refused:
        read_responses(path, settings=ALL_SETTINGS)
    said = refused.value.describe("en")
    assert "column 'mp_" in said
    assert "is not asked in this scan (switched off in the scan's settings)" in said
    assert "wordt in deze scan niet gesteld" in refused.value.describe("nl")


@pytest.mark.parametrize(
    ("command", "name", "output"),
    [
        ("score", "a.csv", "a.csv"),
        ("export", "a.csv", "a.csv"),
        ("export", "a.codebook.json", "a.sav"),  # the export's codebook beside a.sav
        ("report", "a.csv", "link.csv"),  # the same file by another name
    ],
)
def test_an_output_that_is_the_input_is_refused_and_the_answers_kept(
    answers: Path, tmp_path: Path, command: str, name: str, output: str
) -> None:
    """Writing comes after reading, so the output would be right, but the answers it was
    made from would be gone: the command refuses and touches nothing."""
    file = tmp_path / name
    file.write_bytes(answers.read_bytes())
    (tmp_path / "link.csv").symlink_to(file)
    extra = ["--format", "csv"] if command == "report" else []
    for lang, said in (("en", "this file is read and would be overwritten"),
                       ("nl", "dit bestand wordt gelezen en zou worden overschreven")):
        run = tandem(command, file, "-o", tmp_path / output, "--lang", lang, *extra)
        assert run.returncode == 2
        assert f"{file}: {said}" in run.stderr
        assert file.read_bytes() == answers.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "link.csv"])
