"""Random bytes and texts never crash the reader: a ResponseSet or a ResponseDataError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.io.responses import read_responses
from tandem.responses import ResponseDataError, ResponseSet
from tests.io.responses import INSTRUMENT

_COLUMNS = ["respondent", "department", "def_roles", "level", "open_friction", "dr_pricing", "x"]
_CELLS = ["", "1", "5", "9", "dk", "DK", "sales", "r1", "a,b", '"', "é", "\x00", "=1+1", " "]


def _read_or_problem(data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            result: ResponseSet | None = read_responses(path, INSTRUMENT)
        except ResponseDataError as error:  # the only exception allowed
            result, problems = None, error.problems
    if result is None:
        assert problems, "a ResponseDataError always names its problems"
    else:
        assert result.n > 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes(data: bytes) -> None:
    _read_or_problem(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b))
def test_fuzz_random_xlsx_bytes(data: bytes) -> None:
    _read_or_problem(data, ".xlsx")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header=st.lists(st.sampled_from(_COLUMNS), min_size=1, max_size=6),
    rows=st.lists(st.lists(st.sampled_from(_CELLS), max_size=8), max_size=6),
    sep=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    bom=st.booleans(),
    quote=st.booleans(),
)
def test_fuzz_csv_text(
    header: list[str], rows: list[list[str]], sep: str, newline: str, bom: bool, quote: bool
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    lines = [sep.join(cell(c) for c in header)] + [sep.join(cell(c) for c in r) for r in rows]
    text = ("\ufeff" if bom else "") + newline.join(lines) + newline
    _read_or_problem(text.encode("utf-8"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from(list('department,def_roles;1 5"\n\r\tdkx\x00é')), max_size=120)
)
def test_fuzz_csv_like_text(text: str) -> None:
    _read_or_problem(text.encode("utf-8"))
