"""Exports: aggregated figures in long form, and answers anonymised for owners."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from tandem.analysis.diagnose import diagnose
from tandem.report.exports import (
    AGGREGATED_COLUMNS,
    aggregated_rows,
    anonymise,
    anonymised_comments,
    anonymised_export,
    anonymised_responses,
    write_aggregated_csv,
)
from tests.report import SMALL_DEPARTMENT, demo_frame, demo_responses, demo_result, responses_of


def test_aggregated_csv_holds_the_result_figures_only() -> None:
    result = demo_result(small=True)
    stream = io.StringIO()
    write_aggregated_csv(result, stream)
    frame = pd.read_csv(io.StringIO(stream.getvalue()), dtype=str)
    assert tuple(frame.columns) == AGGREGATED_COLUMNS
    price = frame[(frame.section == "scale") & (frame.subject == "eco_price")]
    tension = float(price[price.measure == "tension"].value.iloc[0])
    assert tension == pytest.approx(result.scale("eco_price").tension, abs=1e-9)
    assert SMALL_DEPARTMENT not in set(frame.group)
    assert len(frame) == len(list(aggregated_rows(result)))


def test_anonymised_data_has_no_ids_and_only_displayed_groups() -> None:
    responses, result = demo_responses(small=True), demo_result(small=True)
    data = anonymised_responses(responses, result)
    assert "respondent" not in data.columns
    assert "segment" not in data.columns
    assert not any(c.startswith("open_") for c in data.columns)
    displayed = {g.id for g in result.meta.groups}
    assert set(data.department) <= displayed
    assert SMALL_DEPARTMENT not in set(data.department)
    assert "pooled" in set(data.department)
    assert data.department.value_counts().min() >= result.meta.k
    assert len(data) == result.meta.n


def test_rows_are_shuffled_reproducibly() -> None:
    responses, result = demo_responses(), demo_result()
    first = anonymised_responses(responses, result)
    again = anonymised_responses(responses, result)
    pd.testing.assert_frame_equal(first, again)
    original = pd.DataFrame({"def_roles": responses.column("def_roles")})
    shuffled = first["def_roles"].astype("float").to_numpy()
    assert not np.array_equal(np.nan_to_num(shuffled), np.nan_to_num(original.def_roles))
    assert sorted(np.nan_to_num(shuffled)) == sorted(np.nan_to_num(original.def_roles))
    other = anonymised_responses(responses, result, seed=7)
    assert not other.equals(first)


def test_level_kept_when_every_combination_is_large_enough() -> None:
    frame = demo_frame().copy()
    frame["level"] = "staff"
    frame["tenure"] = np.where(frame.department == "sales", "1to3", "3to10")
    responses = responses_of(frame)
    result = diagnose(responses)
    data = anonymised_responses(responses, result)
    assert set(data.level) == {"staff"}
    assert data.groupby(["department", "tenure"]).size().min() >= result.meta.k
    assert data.tenure.notna().all()
    # Alternating tenure leaves a group × tenure combination of 3 ("other"): blanked.
    frame["tenure"] = np.where(np.arange(len(frame)) % 2 == 0, "1to3", "3to10")
    assert frame.groupby(["department", "tenure"]).size().min() < result.meta.k
    responses = responses_of(frame)
    data = anonymised_responses(responses, diagnose(responses))
    assert data.tenure.isna().all()
    assert set(data.level) == {"staff"}


def test_level_blanked_when_a_combination_is_small() -> None:
    frame = demo_frame().copy()
    frame["level"] = "staff"
    frame.loc[frame.index[frame.department == "sales"][:2], "level"] = "director"
    responses = responses_of(frame)
    result = diagnose(responses)
    anonymised = anonymise(responses, result)
    assert anonymised.frame.level.isna().all()
    assert "level" in anonymised.notes
    archive = zipfile.ZipFile(io.BytesIO(anonymised_export(responses, result, "en")))
    readme = archive.read("README.txt").decode()
    assert "level: Blanked" in readme
    codebook = pd.read_csv(io.BytesIO(archive.read("codebook.csv")), encoding="utf-8-sig")
    note = codebook.loc[codebook.id == "level", "note"].iloc[0]
    assert "Blanked" in note


def test_nothing_at_all_when_the_result_shows_nothing() -> None:
    responses = responses_of(demo_frame().head(4))
    result = diagnose(responses)
    assert result.meta.n is None
    assert anonymised_responses(responses, result).empty
    archive = zipfile.ZipFile(io.BytesIO(anonymised_export(responses, result, "en")))
    assert archive.namelist() == ["README.txt"]


def test_comments_only_when_shown_and_never_on_a_row() -> None:
    responses, result = demo_responses(), demo_result()
    shown = {c.question for c in result.comments if c.shown}
    comments = anonymised_comments(result)
    assert set(comments.question) == shown
    archive = zipfile.ZipFile(io.BytesIO(anonymised_export(responses, result, "en")))
    assert set(archive.namelist()) == {"data.csv", "codebook.csv", "comments.csv", "README.txt"}
    data = pd.read_csv(io.BytesIO(archive.read("data.csv")), encoding="utf-8-sig")
    assert not any(c.startswith("open_") for c in data.columns)


def test_export_csvs_are_formula_safe() -> None:
    frame = demo_frame().copy()
    frame["open_friction"] = "=1+2"
    responses = responses_of(frame)
    result = diagnose(responses)
    archive = zipfile.ZipFile(io.BytesIO(anonymised_export(responses, result, "en")))
    assert "'=1+2" in archive.read("comments.csv").decode("utf-8-sig")


def test_mismatched_responses_are_refused() -> None:
    with pytest.raises(ValueError, match="respondents"):
        anonymised_responses(demo_responses(), demo_result(n=150, seed=2))


# ---------------------------------------------------------------- the command line


def tandem(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tandem.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_report_end_to_end(tmp_path: Path) -> None:
    answers = tmp_path / "answers.csv"
    run = tandem("demo-data", "--respondents", "150", "--seed", "4", "-o", answers)
    assert run.returncode == 0, run.stderr
    pdf = tmp_path / "report.pdf"
    run = tandem("report", answers, "-o", pdf, "--lang", "en", "--organisation", "Acme")
    assert run.returncode == 0, run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = tmp_path / "report.xlsx"
    run = tandem("report", answers, "-o", xlsx, "--format", "xlsx", "--min-group", "6")
    assert run.returncode == 0, run.stderr
    book = openpyxl.load_workbook(xlsx)
    assert "Samenvatting" in book.sheetnames
    summary = {r[0]: r[1] for r in book["Samenvatting"].iter_rows(min_row=2, values_only=True)}
    assert summary["Anonimiteitsdrempel"] == 6
    data = tmp_path / "data.zip"
    assert tandem("report", answers, "-o", data).returncode == 0
    assert "data.csv" in zipfile.ZipFile(data).namelist()
    figures = tmp_path / "figures.csv"
    assert tandem("report", answers, "-o", figures).returncode == 0
    assert figures.read_text("utf-8").startswith("section,subject,group,measure,value")


def test_cli_report_bad_input_is_one_clear_message(tmp_path: Path) -> None:
    run = tandem("report", tmp_path / "missing.csv", "-o", tmp_path / "x.pdf")
    assert run.returncode == 2
    assert run.stderr.startswith("tandem: ")
    assert "Traceback" not in run.stderr
    run = tandem("report", tmp_path / "missing.csv", "-o", tmp_path / "x.pdf", "--min-group", "2")
    assert run.returncode == 2
