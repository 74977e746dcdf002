"""Other tools' exports under random bytes, encodings and separators: a clear problem or a
right result, never a traceback (read_responses and inspect_responses)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tandem.io.responses import inspect_responses, read_responses
from tandem.responses import ResponseDataError
from tests.io.responses import INSTRUMENT

_EN = {i.id: i.text.en for i in INSTRUMENT.items}
_HEADINGS = [
    "Timestamp", "Tijdstempel", "ID", "Start time", "Completion time", "id", "submitdate",
    "lastpage", "startlanguage", "Respondent ID", "Collector ID", "ResponseId", "Status",
    "Finished", "department", "DEF[defroles]", "cjorientationconsist", _EN["department"],
    _EN["def_roles"], f"Agree? - {_EN['def_authority']}", f"Grid [{_EN['ali_chase_feedback']}]",
    _EN["dr_pricing"], "Q1", "", "Response", "Open-Ended Response",
    json.dumps({"ImportId": "QID1"}),
]
_CELLS = [
    "", "1", "6", "7", "AO06", "A2", "Mee eens", "Neutral", "n.v.t.", "Don't know", "Verkoop",
    "Survey Preview", "IP Address", "0", "True", "False", "R_1", "é", '"', ",", ";", "\x00",
    "=1+1", " ",
]
_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252"]


def _check(data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        report = inspect_responses(path, INSTRUMENT)
        try:
            responses = read_responses(path, INSTRUMENT)
        except ResponseDataError as error:
            problems = error.problems
            responses = None
    if responses is None:
        assert problems, "a ResponseDataError always names its problems"
        return
    assert responses.n > 0
    if report.source != "tandem":
        assert report.ok and report.n == responses.n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    header_rows=st.lists(
        st.lists(st.sampled_from(_HEADINGS), min_size=1, max_size=7), min_size=1, max_size=3
    ),
    rows=st.lists(st.lists(st.sampled_from(_CELLS), max_size=8), max_size=5),
    sep=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(_ENCODINGS),
)
def test_fuzz_tool_exports(
    header_rows: list[list[str]], rows: list[list[str]], sep: str, encoding: str
) -> None:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"'

    lines = [sep.join(cell(c) for c in r) for r in [*header_rows, *rows]]
    text = "\r\n".join(lines) + "\r\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _check(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_fuzz_random_bytes_inspect(data: bytes) -> None:
    _check(data)
