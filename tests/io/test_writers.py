"""CSV exports: UTF-8, and nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.io.writers import neutralise, neutralise_frame, write_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+31 20 123 4567", "'+31 20 123 4567"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("-3", "-3"),
        ("+4.5", "+4.5"),
        ("-0,5", "-0,5"),
        ("-1e3", "-1e3"),
        ("-", "-"),
        ("+", "+"),
        ("a=b", "a=b"),
        ("", ""),
        ("Sales", "Sales"),
    ],
)
def test_neutralise(value: str, expected: str) -> None:
    assert neutralise(value) == expected


def read_back(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_dataframe_to_path(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "name": ["=evil()", "ok", None, "-3"],
            "number": [-5, 2, 3, 4],
            "score": [1.5, np.nan, -2.0, 0.0],
            "comment": ["Één, twee", 'quote "x"', "@home", "+"],
        }
    )
    path = tmp_path / "out.csv"
    write_csv(df, path)
    assert read_back(path) == [
        ["name", "number", "score", "comment"],
        ["'=evil()", "-5", "1.5", "Één, twee"],
        ["ok", "2", "", 'quote "x"'],
        ["", "3", "-2.0", "'@home"],
        ["-3", "4", "0.0", "+"],
    ]
    assert not path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert df.loc[0, "name"] == "=evil()", "the caller's frame is not changed"


def test_neutralise_frame_leaves_safe_columns_alone() -> None:
    df = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    out = neutralise_frame(df)
    pd.testing.assert_frame_equal(out, df)


def test_header_cells_are_neutralised_too(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(pd.DataFrame({"=x": ["1"]}), path)
    assert read_back(path)[0] == ["'=x"]


def test_rows_of_mappings_with_columns_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    rows = [{"id": "a", "text": "=1"}, {"id": "b"}]
    write_csv(rows, path, columns=["id", "text"], bom=True, sep=";")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig") == "id;text\na;'=1\nb;\n"


def test_rows_of_sequences_to_a_stream() -> None:
    out = io.StringIO()
    rows: list[list[object]] = [["h1", "h2"], ["-", "@x"], [None, 2.5], [float("nan"), -1]]
    write_csv(rows, out)
    assert out.getvalue() == "h1,h2\n-,'@x\n,2.5\n,-1\n"


def test_no_rows_writes_only_the_header() -> None:
    out = io.StringIO()
    nothing: list[list[str]] = []
    write_csv(nothing, out, columns=["a", "b"])
    assert out.getvalue() == "a,b\n"
    out = io.StringIO()
    write_csv(iter(()), out)
    assert out.getvalue() == ""


def test_stream_with_bom() -> None:
    out = io.StringIO()
    write_csv(pd.DataFrame({"a": ["é"]}), out, bom=True)
    assert out.getvalue() == "\ufeffa\né\n"


def test_a_frame_in_chunks_without_repeating_the_header() -> None:
    frame = pd.DataFrame({"a": ["=x", "2", "3"], "b": [1, None, 3]})
    out = io.StringIO()
    write_csv(frame.iloc[:2], out)
    write_csv(frame.iloc[2:], out, header=False)
    whole = io.StringIO()
    write_csv(frame, whole)
    assert out.getvalue() == whole.getvalue() == "a,b\n'=x,1.0\n2,\n3,3.0\n"


cells = st.one_of(st.none(), st.just(float("nan")), st.sampled_from(
    ["", "4", "Sales", "a,b", 'say "hi"', "two\nlines", "cr\r", "=1+1", "-3", "nan", " x "]))


@given(rows=st.lists(st.tuples(cells, cells, cells), max_size=6),
       header=st.sampled_from([("a", "b", "c"), ("a", "b,c", "d"), ("=x", "b", "c")]),
       sep=st.sampled_from([",", ";"]))
def test_a_frame_of_text_is_written_as_pandas_writes_it(
    rows: list[tuple[object, ...]], header: tuple[str, ...], sep: str
) -> None:
    """The rows joined without pandas' writer when no cell needs quoting: byte for byte
    what ``to_csv`` writes, whichever way the frame goes (quotes, separators, line
    breaks, missing cells, formulas, text and object columns)."""
    frame = pd.DataFrame(rows, columns=list(header), dtype=object)
    frame["c2"] = frame[header[2]].astype("str") if rows else frame[header[2]]
    out = io.StringIO()
    write_csv(frame, out, sep=sep)
    safe = neutralise_frame(frame)
    safe.columns = [neutralise(c) for c in safe.columns]
    expected = safe.to_csv(index=False, sep=sep, lineterminator="\n", na_rep="")
    assert out.getvalue() == expected
