"""Fuzzing the importers: whatever the bytes, a result or a clear refusal, never a crash.

The only outcomes allowed for :func:`read_responses` are a :class:`ResponseSet` with
respondents, or a :class:`ResponseDataError` whose problems all have a message. For the
guards of :mod:`tandem.io.safety`, the only exception allowed is
:class:`RejectedFileError`. Each file is written to disk and read back, as a user's
would be.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from tandem.instrument import load_instrument
from tandem.io.responses import read_responses
from tandem.io.safety import (
    RESPONSE_FILE_LIMITS,
    Decoded,
    RejectedFileError,
    check_xlsx,
    decode_text,
    read_first_sheet,
)
from tandem.responses import ResponseDataError, ResponseSet

INSTRUMENT = load_instrument()
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Known columns and answers that are valid there; cells are drawn mostly from these, so
# that many files are read, and otherwise from any text, so that many are refused.
VALID = {
    "respondent": ["r1", "r2", "r3", " r4 ", "5"],
    "level": ["staff", "manager", "director", "", "Staff"],
    "def_roles": ["1", "5", "4,0", " 3 ", "dk", "DK", ""],
    "eco_price_3": ["2", "4", "dk", ""],
    "dr_pricing": ["sales", "joint", "dk", "Marketing", ""],
    "cj_onboarding_owner": ["service", "shared", "unclear", ""],
    "open_friction": ["", "=1+1", "Één, “twee”", 'quote "x"', "line\nbreak"],
}
DEPARTMENTS = ["sales", "marketing", "service", "management", "other", "Sales "]
OTHER_HEADERS = ["timestamp", "De rollen zijn duidelijk", "", "department", "def_roles"]


def _valid_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent", "department", "def_roles", "level", "open_friction"])
    sheet.append(["r1", "sales", 4, "staff", "=1+1"])
    sheet.append(["r2", "marketing", 2.0, "manager", None])
    sheet.append(["r3", "service", "dk", "director", "Één, “twee”"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VALID_XLSX = _valid_workbook()
VALID_MEMBERS = {
    info.filename: zipfile.ZipFile(io.BytesIO(VALID_XLSX)).read(info)
    for info in zipfile.ZipFile(io.BytesIO(VALID_XLSX)).infolist()
}
SHEET = "xl/worksheets/sheet1.xml"


def _count(what: str) -> None:
    """Shown by ``--hypothesis-show-statistics``: how often each outcome came up."""
    if currently_in_test_context():
        event(what)


def outcome(data: bytes, suffix: str) -> ResponseSet | ResponseDataError:
    """Read ``data`` as a file with ``suffix``; fail the test on any other exception."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            result: ResponseSet | ResponseDataError = read_responses(path, INSTRUMENT)
        except ResponseDataError as error:  # the only exception allowed
            result = error
    if isinstance(result, ResponseDataError):
        assert result.problems, "a refusal names its problems"
        assert all(p.message.strip() for p in result.problems)
        assert "fuzz" in str(result), "the message names the file"
        _count("refused")
        return result
    _count("read")
    assert result.n > 0
    assert len(result.respondent_ids) == result.n
    return result


def test_the_valid_workbook_is_read() -> None:
    result = outcome(VALID_XLSX, ".xlsx")
    assert isinstance(result, ResponseSet) and result.n == 3


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".csv", ".txt", ".xlsx", ""]))
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    outcome(data, suffix)


@FUZZ
@given(
    st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""]),
    st.binary(max_size=1000),
    st.sampled_from([".csv", ".xlsx"]),
)
def test_bytes_that_start_like_a_container(magic: bytes, rest: bytes, suffix: str) -> None:
    outcome(magic + rest, suffix)


@FUZZ
@given(
    data=st.data(),
    known=st.lists(st.sampled_from(sorted(VALID)), unique=True, max_size=5),
    extra=st.lists(st.sampled_from(OTHER_HEADERS), max_size=1),
    n_rows=st.integers(0, 8),
    sep=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    quote=st.booleans(),
)
def test_text_with_real_headers_and_random_cells(
    data: st.DataObject,
    known: list[str],
    extra: list[str],
    n_rows: int,
    sep: str,
    newline: str,
    encoding: str,
    quote: bool,
) -> None:
    header = data.draw(st.permutations(["department", *known, *extra]))
    choices = {**VALID, "department": DEPARTMENTS}

    def draw_cell(column: str) -> str:
        if data.draw(st.integers(0, 15)) == 0:  # about one cell in 16: any text at all
            return data.draw(st.text(max_size=10))
        return data.draw(st.sampled_from(choices.get(column, [""])))

    rows = [[draw_cell(column) for column in header] for _ in range(n_rows)]

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote else value

    lines = [sep.join(cell(c) for c in header)] + [sep.join(cell(c) for c in r) for r in rows]
    text = newline.join(lines) + newline
    raw = text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")
    result = outcome(raw, ".csv")
    if isinstance(result, ResponseSet) and quote:  # unquoted line breaks make more rows
        assert result.n <= n_rows


@FUZZ
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    cut=st.one_of(st.none(), st.integers(0, len(VALID_XLSX))),
)
def test_mutated_workbook_bytes(flips: list[tuple[int, int]], cut: int | None) -> None:
    data = bytearray(VALID_XLSX)
    for position, value in flips:
        data[position] = value
    outcome(bytes(data[:cut]), ".xlsx")


@FUZZ
@given(
    at=st.integers(0, len(VALID_MEMBERS[SHEET])),
    length=st.integers(0, 40),
    insert=st.text(alphabet=st.sampled_from(list('<>/"=&;r c t v 1AZ\x00é')), max_size=30),
)
def test_mutated_sheet_xml(at: int, length: int, insert: str) -> None:
    """Well-zipped workbooks whose sheet XML is damaged: the parser's side of openpyxl."""
    xml = VALID_MEMBERS[SHEET]
    members = dict(VALID_MEMBERS)
    members[SHEET] = xml[:at] + insert.encode() + xml[at + length :]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, member in members.items():
            archive.writestr(name, member)
    outcome(out.getvalue(), ".xlsx")


@FUZZ
@given(st.binary(max_size=600))
def test_the_guards_refuse_only_with_their_error(data: bytes) -> None:
    for source in (data, b"PK\x03\x04" + data, VALID_XLSX[: len(data)]):
        refusal: RejectedFileError | None = None
        try:
            check_xlsx(source, "x.xlsx", RESPONSE_FILE_LIMITS)
            read_first_sheet(source, "x.xlsx", RESPONSE_FILE_LIMITS)
        except RejectedFileError as error:
            refusal = error
        assert refusal is None or str(refusal).startswith("x.xlsx: ")
    try:
        decoded: Decoded | RejectedFileError = decode_text(data, "x.csv")
    except RejectedFileError as error:
        decoded = error
    if isinstance(decoded, RejectedFileError):
        assert decoded.reason in ("binary", "encoding")
        assert str(decoded).startswith("x.csv")
    else:
        # the encoding named reads the same bytes back to the same text
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        assert raw.decode(decoded.encoding) == decoded.text
        assert not any(ch < " " and ch not in "\t\n\v\f\r" for ch in decoded.text)
