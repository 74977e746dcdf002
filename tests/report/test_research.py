"""The research export: SPSS, Stata and CSV files with their codebook, read back as an
analyst reads them (pyreadstat, and R's haven through ``Rscript``), never mocked.

What must hold: variable names are question ids, labels the full question text (Stata:
at most 80 characters), value labels on every coded answer and on the department
groups, don't know user-missing in SPSS and ``.a`` in Stata, an empty answer
system-missing, answers as given (not reverse-coded), the origin variables present, no
free text, and nothing at all when the result shows nothing.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.instrument import load_instrument
from tandem.io.responses import read_responses
from tandem.report.research import (
    DONT_KNOW_CODE,
    ORIGIN,
    ResearchData,
    file_pseudonym,
    pseudonym,
    render,
    research_data,
    research_zip,
    write,
)
from tandem.report.research.files import write_csv_file
from tandem.report.research.labels import STATA_LABEL_CHARS, shortened
from tandem.responses import ResponseSet
from tests.report import demo_frame, responses_of

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
INSTRUMENT = load_instrument()
TEXT_ITEMS = {i.id for i in INSTRUMENT.items if i.kind == "text"}
RSCRIPT = shutil.which("Rscript")
needs_r = pytest.mark.skipif(
    RSCRIPT is None,
    reason="Rscript is not installed here (apt-get install r-base-core r-cran-haven; "
    ".ci/run installs it, so these tests run in CI)",
)


def _frame() -> pd.DataFrame:
    """The demo scan (120 people, about 10% don't know) with each respondent's language:
    Customer Service answered in English (so no combination with the group is small)."""
    frame = demo_frame().copy()
    frame["language"] = np.where(frame.department == "service", "en", "nl")
    return frame


@pytest.fixture(scope="module")
def scan() -> tuple[ResponseSet, ResearchData]:
    responses = responses_of(_frame())
    data = research_data(responses, diagnose(responses, min_group=5), lang="en",
                         organisation="org7f3a", wave=2)
    assert data is not None
    return responses, data


@pytest.fixture(scope="module")
def files(scan: tuple[ResponseSet, ResearchData],
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("research")
    out = {}
    for fmt in ("sav", "dta", "csv"):
        out[fmt] = folder / f"scan.{fmt}"
        out[fmt].write_bytes(render(scan[1], fmt).data)
    return out


def _likert_ids(responses: ResponseSet) -> list[str]:
    return list(responses.likert_ids)


def _given(responses: ResponseSet, item_id: str) -> list[float]:
    """The answers as the respondents gave them: 1-5, 9 for don't know, NaN when empty."""
    values = responses.column(item_id).copy()
    values[responses.dont_know(item_id)] = DONT_KNOW_CODE
    return values.tolist()


def _rows(columns: dict[str, list[float]]) -> Counter[tuple[float, ...]]:
    """The multiset of rows (NaN as -1): shuffling keeps it, any recoding changes it."""
    table = np.nan_to_num(np.array(list(columns.values()), dtype=float).T, nan=-1.0)
    return Counter(map(tuple, table.tolist()))


# ---------------------------------------------------------------- the coded data


def test_variables_are_the_origin_then_question_ids_and_never_free_text(
        scan: tuple[ResponseSet, ResearchData]) -> None:
    responses, data = scan
    names = [v.name for v in data.variables]
    assert names == list(data.frame.columns)
    assert tuple(names[:4]) == ORIGIN
    assert names[4] == "department"
    assert set(names[4:]) <= {i.id for i in INSTRUMENT.items}
    assert not set(names) & TEXT_ITEMS  # open questions and segment: never
    assert "respondent" not in names
    assert set(responses.likert_ids) <= set(names)
    assert data.n == responses.n == 120


def test_answers_are_as_given_and_dont_know_is_coded_apart(
        scan: tuple[ResponseSet, ResearchData]) -> None:
    responses, data = scan
    likert = _likert_ids(responses)
    assert responses.likert_dk is not None and responses.likert_dk.sum() > 50
    given = {i: _given(responses, i) for i in likert}
    exported = {i: data.frame[i].tolist() for i in likert}
    assert _rows(exported) == _rows(given)  # the same rows, only shuffled
    reverse = [v for v in data.variables if v.reverse]
    assert {v.name for v in reverse} == {i.id for i in INSTRUMENT.items if i.keying == "-"
                                         and i.id in likert}
    counts = Counter(data.frame[reverse[0].name].dropna())
    assert counts[1.0] != counts[5.0]  # so a reversal would show in the distribution
    assert counts == Counter(v for v in given[reverse[0].name] if not np.isnan(v))


def test_rows_are_those_of_the_anonymised_answers(scan: tuple[ResponseSet, ResearchData]) -> None:
    _responses, data = scan
    assert set(data.frame.department) <= set(range(1, 8))
    assert data.frame.groupby("department").size().min() >= data.k
    assert set(data.frame.organisation) == {"org7f3a"}
    assert set(data.frame.wave) == {2.0}
    assert set(data.frame.instrument_version) == {INSTRUMENT.version}
    assert Counter(data.frame.language) == {1.0: 89, 2.0: 31}  # nl, en


def test_a_rare_language_is_blanked_like_level_and_tenure() -> None:
    frame = demo_frame().copy()
    frame["language"] = "nl"
    frame.loc[frame.index[frame.department == "sales"][:2], "language"] = "en"
    responses = responses_of(frame)
    data = research_data(responses, diagnose(responses), lang="nl", organisation="x",
                         wave=1)
    assert data is not None
    assert data.frame.language.isna().all()
    language = next(v for v in data.variables if v.name == "language")
    assert language.note.startswith("Leeggemaakt")


def test_nothing_when_the_result_shows_nothing() -> None:
    responses = responses_of(_frame().head(4))
    result = diagnose(responses)
    assert result.meta.n is None
    assert research_data(responses, result, lang="en", organisation="x", wave=1) is None


@pytest.mark.parametrize(("organisation", "wave"), [("Acme BV", 1), ("", 1), ("ok", 0)])
def test_origin_codes_are_checked(organisation: str, wave: int,
                                  scan: tuple[ResponseSet, ResearchData]) -> None:
    responses = scan[0]
    with pytest.raises(ValueError, match=r"organisation code|wave"):
        research_data(responses, diagnose(responses), lang="en", organisation=organisation,
                      wave=wave)


def test_pseudonyms_are_stable_and_keyed() -> None:
    assert pseudonym(b"answers") == pseudonym(b"answers")
    assert pseudonym(b"answers") != pseudonym(b"answers", b"secret")
    assert len(pseudonym(b"1", b"secret")) == 12


def test_a_files_pseudonym_is_its_contents_read_in_blocks(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    content = bytes(range(256)) * 9000  # 2.3 MB: three blocks of a megabyte
    path.write_bytes(content)
    assert file_pseudonym(path) == pseudonym(content)
    assert file_pseudonym(path, b"secret") == pseudonym(content, b"secret")


def test_the_csv_in_chunks_is_the_csv_at_once(scan: tuple[ResponseSet, ResearchData],
                                              tmp_path: Path) -> None:
    """Written straight to a file, 7 rows at a time: the bytes ``render`` gives, with
    one header and one BOM."""
    data = scan[1]
    chunked = tmp_path / "chunked.csv"
    write_csv_file(data, chunked, chunk=7)
    assert chunked.read_bytes() == render(data, "csv").data
    assert chunked.read_bytes().count(b"\xef\xbb\xbf") == 1
    assert chunked.read_text("utf-8-sig").count("organisation,") == 1
    assert len(chunked.read_text("utf-8-sig").splitlines()) == data.n + 1
    write(data, "sav", tmp_path / "data.sav")
    frame, _meta = pyreadstat.read_sav(str(tmp_path / "data.sav"), user_missing=True)
    assert frame.shape == data.frame.shape
    with pytest.raises(ValueError, match="unknown research export format"):
        write(data, "xlsx", tmp_path / "data.xlsx")


def test_labels_are_cut_at_a_word_within_the_limits() -> None:
    text = INSTRUMENT.item("ali_upstream").text("nl")
    assert len(text) > STATA_LABEL_CHARS
    cut = shortened(text, chars=STATA_LABEL_CHARS)
    assert len(cut) <= STATA_LABEL_CHARS and cut.endswith("…")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] in " ,"
    assert shortened("x" * 300, max_bytes=250) == "x" * 247 + "…"
    assert len(shortened("é" * 200, max_bytes=250).encode()) <= 250


# ---------------------------------------------------------------- the files, read back


def test_sav_read_back(scan: tuple[ResponseSet, ResearchData], files: dict[str, Path]) -> None:
    responses, data = scan
    frame, meta = pyreadstat.read_sav(str(files["sav"]), user_missing=True)
    texts = {i.id: i.text("en") for i in INSTRUMENT.items}
    assert list(frame.columns) == [v.name for v in data.variables]
    for name, label in meta.column_names_to_labels.items():
        if name in texts:
            assert label == texts[name]  # the full question text
    assert meta.variable_value_labels["def_roles"] == {
        1.0: "Strongly disagree", 2.0: "Disagree", 3.0: "Neither agree nor disagree",
        4.0: "Agree", 5.0: "Strongly agree", 9.0: "Don't know / not applicable"}
    assert meta.variable_value_labels["department"][1.0] == "Sales"
    assert meta.variable_value_labels["dr_pricing"][9.0] == "Don't know"
    assert meta.missing_ranges["def_roles"] == [{"lo": 9.0, "hi": 9.0}]
    assert meta.variable_measure["def_roles"] == "ordinal"
    # whole numbers shown as such in SPSS's Data View ("4", not "4.00")
    assert meta.original_variable_types["def_roles"] == "F1.0"
    assert meta.original_variable_types["department"] == "F1.0"
    assert meta.original_variable_types["wave"] == "F8.0"
    likert = _likert_ids(responses)
    given = {i: _given(responses, i) for i in likert}
    assert _rows({i: frame[i].tolist() for i in likert}) == _rows(given)
    plain, _meta = pyreadstat.read_sav(str(files["sav"]))  # user-missing read as missing
    assert plain["def_roles"].isna().sum() == np.isnan(responses.column("def_roles")).sum()
    assert set(frame.organisation) == {"org7f3a"}
    assert set(frame.instrument_version) == {INSTRUMENT.version}


def test_dta_read_back(scan: tuple[ResponseSet, ResearchData], files: dict[str, Path]) -> None:
    responses, data = scan
    frame, meta = pyreadstat.read_dta(str(files["dta"]), user_missing=True)
    assert list(frame.columns) == [v.name for v in data.variables]
    assert all(len(label) <= STATA_LABEL_CHARS for label in meta.column_labels)
    assert meta.column_names_to_labels["ali_upstream"].endswith("…")
    assert meta.variable_value_labels["def_roles"]["a"] == "Don't know / not applicable"
    assert meta.variable_value_labels["def_roles"][5] == "Strongly agree"
    assert "a" in meta.missing_user_values["def_roles"]
    tagged = (frame["def_roles"] == "a").sum()
    assert tagged == responses.dont_know("def_roles").sum() > 0
    likert = _likert_ids(responses)
    read = {i: [DONT_KNOW_CODE if v == "a" else v for v in frame[i]] for i in likert}
    assert _rows(read) == _rows({i: _given(responses, i) for i in likert})


def test_csv_holds_the_codes(scan: tuple[ResponseSet, ResearchData],
                             files: dict[str, Path]) -> None:
    responses, data = scan
    frame = pd.read_csv(files["csv"], encoding="utf-8-sig")
    assert list(frame.columns) == [v.name for v in data.variables]
    text = files["csv"].read_text("utf-8-sig")
    assert ",4.0," not in text  # whole numbers
    likert = _likert_ids(responses)
    assert _rows({i: frame[i].tolist() for i in likert}) == _rows(
        {i: _given(responses, i) for i in likert})


def test_codebook_describes_every_variable(scan: tuple[ResponseSet, ResearchData]) -> None:
    _responses, data = scan
    rendered = render(data, "dta")
    book = json.loads(rendered.json)
    assert [v["name"] for v in book["variables"]] == list(data.frame.columns)
    assert book["export"]["instrument"] == {"id": "tandem-scan", "version": INSTRUMENT.version,
                                            "form": "full"}
    assert book["coding"]["reverse_coded"] is False
    by_name = {v["name"]: v for v in book["variables"]}
    assert by_name["eco_price_3"]["keying"] == "-" and by_name["eco_price_3"]["reverse"]
    assert by_name["eco_price_1"]["reverse"] is False
    assert by_name["def_roles"]["missing"] == {"9": "Don't know / not applicable"}
    assert by_name["def_roles"]["stata_missing"] == {".a": "Don't know / not applicable"}
    upstream = by_name["ali_upstream"]
    assert upstream["label"] == INSTRUMENT.item("ali_upstream").text("en")
    assert len(upstream["file_label"]) <= STATA_LABEL_CHARS
    assert book["value_sets"]["department_group"]["6"] == "Other functions (pooled)"
    markdown = rendered.markdown
    assert "| `eco_price_3` |" in markdown and "`.a`" in markdown
    assert INSTRUMENT.item("ali_upstream").text("en") in markdown
    dutch = render(_dutch(), "sav").markdown
    assert "Weet niet / niet van toepassing: code 9, als user-missing gedeclareerd." in dutch


def _dutch() -> ResearchData:
    responses = responses_of(_frame())
    data = research_data(responses, diagnose(responses), lang="nl", organisation="x", wave=1)
    assert data is not None
    return data


def test_research_data_labels_follow_the_language() -> None:
    labels = {v.name: v for v in _dutch().variables}
    assert labels["def_roles"].label == INSTRUMENT.item("def_roles").text("nl")
    assert labels["def_roles"].values[4] == "Mee eens"
    assert labels["language"].values == {1: "Nederlands", 2: "Engels"}


def test_zip_holds_the_data_and_both_codebooks(scan: tuple[ResponseSet, ResearchData]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(research_zip(scan[1], "sav")))
    assert sorted(archive.namelist()) == ["codebook.json", "codebook.md", "data.sav"]


# ---------------------------------------------------------------- R reads them


R_CHECK = r"""
library(haven)
args <- commandArgs(trailingOnly = TRUE)
out <- function(key, value) cat(key, paste(value, collapse = "|"), "\n", sep = "\t")
s <- read_sav(args[1], user_na = TRUE)
out("sav_names", names(s))
out("sav_label_def_roles", attr(s$def_roles, "label"))
out("sav_label_eco_price_3", attr(s$eco_price_3, "label"))
labelled <- function(x) paste(attr(x, "labels"), names(attr(x, "labels")), sep = "=")
out("sav_labels_def_roles", labelled(s$def_roles))
out("sav_labels_department", labelled(s$department))
out("sav_na_values_def_roles", attr(s$def_roles, "na_values"))
out("sav_dk_def_roles", sum(unclass(s$def_roles) == 9, na.rm = TRUE))
out("sav_missing_def_roles", sum(is.na(s$def_roles)))
out("sav_system_missing_def_roles", sum(is.na(unclass(s$def_roles))))
out("sav_organisation", unique(s$organisation))
out("sav_wave", unique(s$wave))
out("sav_instrument_version", unique(s$instrument_version))
out("sav_language", table(unclass(s$language)))
out("sav_eco_price_3", table(unclass(s$eco_price_3)))
d <- read_dta(args[2])
out("dta_names", names(d))
out("dta_label_lengths", max(nchar(sapply(d, function(x) attr(x, "label")))))
out("dta_label_ali_upstream", attr(d$ali_upstream, "label"))
out("dta_tagged_a_def_roles", sum(is_tagged_na(d$def_roles, "a")))
out("dta_labels_def_roles", names(attr(d$def_roles, "labels")))
out("dta_label_tag_def_roles", na_tag(attr(d$def_roles, "labels")))
out("dta_labels_department", names(attr(d$department, "labels")))
out("dta_system_missing_def_roles", sum(is.na(d$def_roles) & !is_tagged_na(d$def_roles)))
out("dta_organisation", unique(d$organisation))
out("dta_wave", unique(d$wave))
"""


def _r(*paths: Path) -> dict[str, list[str]]:
    assert RSCRIPT is not None
    run = subprocess.run([RSCRIPT, "-e", R_CHECK, *map(str, paths)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    facts: dict[str, list[str]] = {}
    for line in run.stdout.splitlines():
        key, _tab, value = line.partition("\t")
        facts[key] = value.rstrip("\t ").split("|")
    return facts


@needs_r
def test_r_haven_reads_the_labels_and_missing_values(
        scan: tuple[ResponseSet, ResearchData], files: dict[str, Path]) -> None:
    responses, data = scan
    r = _r(files["sav"], files["dta"])
    names = [v.name for v in data.variables]
    assert r["sav_names"] == names and r["dta_names"] == names
    assert r["sav_label_def_roles"] == [INSTRUMENT.item("def_roles").text("en")]
    assert r["sav_label_eco_price_3"] == [INSTRUMENT.item("eco_price_3").text("en")]
    assert r["sav_labels_def_roles"] == [
        "1=Strongly disagree", "2=Disagree", "3=Neither agree nor disagree", "4=Agree",
        "5=Strongly agree", "9=Don't know / not applicable"]
    assert "6=Other functions (pooled)" in r["sav_labels_department"]
    assert r["sav_na_values_def_roles"] == ["9"]  # user-missing
    dk = int(responses.dont_know("def_roles").sum())
    empty = int(np.isnan(responses.column("def_roles")).sum()) - dk
    assert dk > 0 and empty > 0
    assert r["sav_dk_def_roles"] == [str(dk)]
    assert r["sav_missing_def_roles"] == [str(dk + empty)]  # both count as missing
    assert r["sav_system_missing_def_roles"] == [str(empty)]
    assert r["sav_organisation"] == ["org7f3a"] and r["sav_wave"] == ["2"]
    assert r["sav_instrument_version"] == [INSTRUMENT.version]
    assert r["sav_language"] == ["89", "31"]
    given = Counter(int(v) for v in _given(responses, "eco_price_3") if not np.isnan(v))
    assert r["sav_eco_price_3"] == [str(given[c]) for c in sorted(given)]  # not reversed
    assert int(r["dta_label_lengths"][0]) <= STATA_LABEL_CHARS
    assert r["dta_label_ali_upstream"][0].endswith("…")
    assert r["dta_tagged_a_def_roles"] == [str(dk)]
    assert r["dta_labels_def_roles"][-1] == "Don't know / not applicable"
    assert r["dta_label_tag_def_roles"] == ["NA", "NA", "NA", "NA", "NA", "a"]
    assert "Sales" in r["dta_labels_department"]
    assert r["dta_system_missing_def_roles"] == [str(empty)]
    assert r["dta_organisation"] == ["org7f3a"] and r["dta_wave"] == ["2"]


# ---------------------------------------------------------------- the command line


def tandem(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tandem.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("fixture", "fmt"), [("qualtrics/numeric.tsv", "dta"),
                                              ("limesurvey/codes.csv", "sav")])
def test_cli_exports_a_survey_tools_file(fixture: str, fmt: str, tmp_path: Path) -> None:
    """No flag says which tool made the file; the answers equal Tandem's own file's."""
    out = tmp_path / f"scan.{fmt}"
    run = tandem("export", FIXTURES / fixture, "--format", fmt, "--lang", "en", "--wave", "3",
                 "-o", out)
    assert run.returncode == 0, run.stderr
    assert {p.name for p in tmp_path.iterdir()} == {
        f"scan.{fmt}", "scan.codebook.md", "scan.codebook.json"}
    read = pyreadstat.read_dta if fmt == "dta" else pyreadstat.read_sav
    frame, _meta = read(str(out), user_missing=True)
    reference = read_responses(FIXTURES / "tandem.csv")
    likert = _likert_ids(reference)
    exported = {i: [DONT_KNOW_CODE if v == "a" else v for v in frame[i]] for i in likert}
    assert _rows(exported) == _rows({i: _given(reference, i) for i in likert})
    organisation = pseudonym((FIXTURES / fixture).read_bytes())
    assert set(frame.organisation) == {organisation}
    assert set(frame.wave) == {3}
    assert set(frame.language) <= {1, 2} and len(set(frame.language)) == 1  # one language
    assert not set(frame.columns) & TEXT_ITEMS
    book = json.loads((tmp_path / "scan.codebook.json").read_text("utf-8"))
    assert [v["name"] for v in book["variables"]] == list(frame.columns)
    assert "| `def_roles` |" in (tmp_path / "scan.codebook.md").read_text("utf-8")


def test_cli_writes_nothing_when_the_threshold_hides_everything(tmp_path: Path) -> None:
    out = tmp_path / "scan.sav"
    run = tandem("export", FIXTURES / "tandem.csv", "-o", out, "--min-group", "20")
    assert run.returncode == 2
    assert run.stderr.startswith("tandem: ") and "nothing was written" in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_bad_arguments_clearly(tmp_path: Path) -> None:
    run = tandem("export", FIXTURES / "tandem.csv", "-o", tmp_path / "scan.txt")
    assert run.returncode == 2 and "--format" in run.stderr
    run = tandem("export", FIXTURES / "tandem.csv", "-o", tmp_path / "scan.csv",
                 "--organisation", "Acme BV")
    assert run.returncode == 2 and "organisation code" in run.stderr
    run = tandem("export", tmp_path / "missing.csv", "-o", tmp_path / "scan.csv")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert list(tmp_path.iterdir()) == []


def test_csv_codes_are_whole_numbers_and_anything_else_is_refused_as_before() -> None:
    from tandem.report.research.files import _whole_numbers

    column = pd.Series([4.0, np.nan, 9.0, 4.0], index=[3, 5, 7, 9])
    assert _whole_numbers(column).tolist() == ["4", None, "9", "4"]
    assert _whole_numbers(column).index.tolist() == [3, 5, 7, 9]
    with pytest.raises(TypeError):  # a fraction is no code: pandas refuses it, as before
        _whole_numbers(pd.Series([1.5, 2.0]))
