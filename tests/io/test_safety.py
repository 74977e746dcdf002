"""Guards for hostile files: size, zip bombs, sheet bombs, binary data, encodings.

Every file is a real one, written here with openpyxl or zipfile; nothing is mocked.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from tandem.io.responses import read_responses
from tandem.io.safety import (
    INVITATION_LIST_LIMITS,
    MB,
    RESPONSE_FILE_LIMITS,
    FileLimits,
    RejectedFileError,
    check_size,
    check_xlsx,
    decode_text,
    read_first_sheet,
)
from tandem.responses import ResponseDataError

SMALL = FileLimits(
    max_bytes=MB,
    max_members=50,
    max_unpacked=2 * MB,
    max_ratio=100.0,
    ratio_from=64 * 1024,
    max_rows=100,
    max_cells=1000,
)
CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"/>'
)


def workbook_bytes(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def rejected(source: Path | bytes, limits: FileLimits = SMALL) -> RejectedFileError:
    with pytest.raises(RejectedFileError) as info:
        read_first_sheet(source, "list.xlsx", limits)
    return info.value


# ---------------------------------------------------------------- size


def test_size_limit_is_inclusive_and_names_the_file() -> None:
    check_size(MB, "list.csv", SMALL)
    with pytest.raises(RejectedFileError) as info:
        check_size(MB + 1, "list.csv", SMALL)
    assert info.value.reason == "too_large"
    assert str(info.value).startswith("list.csv: ")
    assert "at most 1 MB" in str(info.value)


def test_the_limits_chosen() -> None:
    assert RESPONSE_FILE_LIMITS.max_bytes == 200 * MB
    assert INVITATION_LIST_LIMITS.max_bytes == MB
    assert INVITATION_LIST_LIMITS.max_unpacked < RESPONSE_FILE_LIMITS.max_unpacked


def test_a_response_file_above_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(b"department\n" + b"sales\n" * 200_000)  # 1.2 MB
    with pytest.raises(ResponseDataError) as info:
        read_responses(path, limits=SMALL)
    assert "answers.csv" in str(info.value)
    assert "at most 1 MB" in info.value.problems[0].message
    assert read_responses(path).n == 200_000  # the real limit takes it


# ---------------------------------------------------------------- zip containers


def test_a_real_workbook_passes_and_is_read() -> None:
    data = workbook_bytes([["email", "department"], ["a@example.org", "sales"], [], [3.0, 4.5]])
    assert read_first_sheet(data, "list.xlsx", SMALL) == [
        ("email", "department"),
        ("a@example.org", "sales"),
        (),
        (3, 4.5),
    ]


def test_not_a_zip_and_a_damaged_zip() -> None:
    assert rejected(b"email\na@example.org\n").reason == "not_zip"
    good = workbook_bytes([["x"]])
    assert rejected(good[: len(good) // 2]).reason == "not_zip"
    assert "list.xlsx" in str(rejected(b"PK\x03\x04 garbage"))


def test_a_zip_that_is_no_workbook() -> None:
    error = rejected(zip_bytes({"readme.txt": b"hello"}))
    assert error.reason == "not_xlsx"
    assert "not an Excel workbook" in str(error)


def test_a_zip_bomb_member_is_refused_by_its_ratio() -> None:
    bomb = zip_bytes({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/x.xml": b" " * MB})
    assert len(bomb) < 5000
    error = rejected(bomb)
    assert error.reason == "zip_ratio"
    assert "xl/x.xml" in str(error) and "zip bomb" in str(error)


def test_the_total_unpacked_size_is_bounded() -> None:
    # many members, each below the ratio check, together above the limit
    members = {f"xl/part{i}.xml": bytes(range(256)) * 200 for i in range(45)}  # 51 kB each
    members["[Content_Types].xml"] = CONTENT_TYPES.encode()
    error = rejected(zip_bytes(members, zipfile.ZIP_STORED))
    assert error.reason == "zip_total"
    assert "2 MB" in str(error)


def test_too_many_members() -> None:
    members = {f"xl/{i}.xml": b"" for i in range(60)} | {"[Content_Types].xml": b""}
    error = rejected(zip_bytes(members))
    assert (error.reason, error.params["count"]) == ("zip_members", 61)


def test_the_declared_member_count_is_refused_before_the_directory_is_parsed() -> None:
    data = bytearray(workbook_bytes([["x"]]))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = struct.pack("<HH", 0xFFFE, 0xFFFE)  # entries on disk / in all
    error = rejected(bytes(data))
    assert error.reason == "zip_members"
    assert error.params["count"] == 0xFFFE


def test_encrypted_members_and_foreign_compression_are_refused() -> None:
    plain = bytearray(
        zip_bytes({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/workbook.xml": b"<w/>"})
    )
    entry = plain.rfind(b"PK\x01\x02")  # the directory entry of the last member
    plain[entry + 8] |= 0x1  # its flag "encrypted"
    assert rejected(bytes(plain)).reason == "zip_encrypted"
    bz = zip_bytes(
        {"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/workbook.xml": b"<w/>"},
        zipfile.ZIP_BZIP2,
    )
    assert rejected(bz).reason == "zip_method"


def test_check_xlsx_works_on_paths_too(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    path.write_bytes(workbook_bytes([["x"]]))
    check_xlsx(path, path.name, SMALL)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(
        zip_bytes({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/s.xml": b"0" * MB})
    )
    with pytest.raises(RejectedFileError, match=r"bomb\.xlsx"):
        check_xlsx(bomb, bomb.name, SMALL)


# ---------------------------------------------------------------- sheet bombs


def _far_cells(rows: int, column: int = 16384) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "department"
    for r in range(2, rows + 2):
        sheet.cell(row=r, column=column, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_cells_far_to_the_right_are_bounded_by_the_cell_budget() -> None:
    data = _far_cells(3)  # three rows 16,384 cells wide, from a 5 kB file
    assert len(data) < 10_000
    error = rejected(data)
    assert error.reason == "too_many_cells"
    assert "1000" in str(error)


def test_a_lying_sheet_dimension_makes_no_empty_cells() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "email"
    sheet["A2"] = "a@example.org"
    out = io.BytesIO()
    book.save(out)
    parts = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    members = {i.filename: parts.read(i) for i in parts.infolist()}
    sheet_xml = members["xl/worksheets/sheet1.xml"].decode()
    # openpyxl writes '<dimension ref="A1:A2" />' or, with lxml, without the space
    lying, count = re.subn(r'<dimension ref="A1:A2"\s*/>', '<dimension ref="A1:XFD1048576"/>',
                           sheet_xml)
    assert count == 1
    members["xl/worksheets/sheet1.xml"] = lying.encode()
    rows = read_first_sheet(zip_bytes(members), "list.xlsx", SMALL)
    assert rows == [("email",), ("a@example.org",)]


def test_rows_far_down_are_bounded_by_the_row_limit() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "email"
    sheet["A5000"] = "late@example.org"
    out = io.BytesIO()
    book.save(out)
    error = rejected(out.getvalue())
    assert (error.reason, error.params["limit"]) == ("too_many_rows", 100)


def test_the_core_importer_refuses_a_sheet_bomb_quickly(tmp_path: Path) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_bytes(_far_cells(2000))  # 32 million cells once padded, a 40 kB file
    started = time.perf_counter()
    with pytest.raises(ResponseDataError) as info:
        read_responses(path)
    assert time.perf_counter() - started < 30  # unguarded, it ran out of memory
    assert "more than 25000000 filled cells" in info.value.problems[0].message


def test_a_broken_sheet_is_a_rejection_not_a_crash() -> None:
    good = zipfile.ZipFile(io.BytesIO(workbook_bytes([["x"]])))
    members = {i.filename: good.read(i) for i in good.infolist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row r='x'>"
    error = rejected(zip_bytes(members))
    assert error.reason == "unreadable_xlsx"
    assert "list.xlsx" in str(error)


# ---------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("a@example.org,é\n".encode(), "a@example.org,é\n", "utf-8"),
        ("\ufeffemail\n".encode(), "email\n", "utf-8"),
        ("email,afdeling\r\njosé\r\n".encode("utf-16"), "email,afdeling\r\njosé\r\n", "utf-16"),
        ("René;café – “quoted”\n".encode("cp1252"), "René;café – “quoted”\n", "cp1252"),
        (b"tab\there\x0bvertical\x0cform\n", "tab\there\x0bvertical\x0cform\n", "utf-8"),
    ],
)
def test_text_encodings_that_are_read(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_text(data, "list.csv")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("data", "reason", "line"),
    [
        (b"a@example.org\nb@example.org\x00\n", "binary", 2),  # NUL in valid UTF-8
        ("ok\nç\n\n\x01".encode("cp1252"), "binary", 4),  # cp1252 with a control byte
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 2),
        (b"one\ntwo\nthree \x81 four\n", "encoding", 3),  # 0x81 is not cp1252 either
        ("email\nb@example.org".encode("utf-16-le"), "binary", 1),  # UTF-16 without BOM
        (b"\xef\xbb\xbfok\n\xe9\n", "encoding", 2),  # a UTF-8 BOM, then Latin-1
    ],
)
def test_binary_and_unknown_encodings_are_refused_with_the_line(
    data: bytes, reason: str, line: int
) -> None:
    with pytest.raises(RejectedFileError) as info:
        decode_text(data, "list.csv")
    assert (info.value.reason, info.value.line) == (reason, line)
    assert str(info.value).startswith(f"list.csv, line {line}: ")


def test_the_core_importer_names_the_row_of_binary_data(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(b"department,def_roles\nsales,4\nsales,\x00\x00\n")
    with pytest.raises(ResponseDataError) as info:
        read_responses(path)
    (problem,) = info.value.problems
    assert problem.row == 3
    assert "binary data" in problem.message


def test_a_renamed_workbook_is_read_by_its_content(tmp_path: Path) -> None:
    path = tmp_path / "answers.csv"
    path.write_bytes(workbook_bytes([["department", "def_roles"], ["sales", 4]]))
    assert read_responses(path).n == 1
    old = tmp_path / "answers.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(ResponseDataError, match="password-protected"):
        read_responses(old)


def test_limits_can_be_tightened_per_call() -> None:
    tight = replace(SMALL, max_rows=1)
    with pytest.raises(RejectedFileError, match="more than 1 rows"):
        read_first_sheet(workbook_bytes([["a"], ["b"]]), "x.xlsx", tight)
