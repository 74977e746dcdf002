"""Uploading an invitation list: .csv, .txt or .xlsx, judged by content, all or nothing.

Hostile files (too big, zip bombs, sheet bombs, binary data, unknown encodings, other
file types) are refused with a message naming the file, and nothing is saved. Every
file is real: written here with openpyxl, zipfile or plain bytes.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from webtest_helpers import World, client_for

from tandem.web.scans.forms import InvitationListForm
from tandem.web.scans.models import Invitation
from tandem.web.scans.services import (
    InvitationEntry,
    InvitationListError,
    invitation_file_text,
    invitation_parse_list,
)

MB = 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = b'<?xml version="1.0"?><Types/>'


def workbook(*rows: list[object], second_sheet: bool = False) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if second_sheet:
        book.create_sheet("Other").append(["ignored@example.org", "sales"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def post(world: World, name: str, content: bytes) -> tuple[int, str, Client]:
    client = client_for(world.facilitator)
    url = reverse("scans:invitations", kwargs={"org_id": world.org.pk, "scan_id": world.scan.pk})
    upload = SimpleUploadedFile(name, content)
    response = client.post(url, {"upload": upload}, HTTP_ACCEPT_LANGUAGE="en")
    return response.status_code, response.content.decode(), client


def invited() -> list[tuple[str, str]]:
    return list(Invitation.objects.order_by("email").values_list("email", "department"))


# ---------------------------------------------------------------- good files


def test_an_excel_list_is_read_from_the_first_sheet(world: World) -> None:
    data = workbook(
        ["E-mail", "Afdeling"],
        ["A@Example.org", "Sales"],
        [],
        ["# the service desk"],
        ["b@example.org", "Customer Service"],
        ["c@example.org", None, None],
        ["d@example.org", "Commercieel management"],
        second_sheet=True,
    )
    status, _page, _client = post(world, "people.xlsx", data)
    assert status == 302
    assert invited() == [
        ("a@example.org", "sales"),
        ("b@example.org", "service"),
        ("c@example.org", ""),
        ("d@example.org", "management"),
    ]


def test_an_excel_list_with_a_wrong_row_names_it_and_saves_nothing(world: World) -> None:
    data = workbook(
        ["email", "department"],
        ["a@example.org", "sales"],
        ["not an address", "sales"],
        ["c@example.org", "finance"],
        ["d@example.org", "sales", "extra"],
    )
    status, page, _client = post(world, "people.xlsx", data)
    assert status == 200
    assert "line 3: no e-mail address in “not an address sales”" in page
    assert "line 4, column B: unknown department “finance”" in page
    assert "line 5" not in page  # a third column (a name, a phone number) is ignored
    assert invited() == []


def test_a_workbook_with_a_csv_name_is_read_by_its_content(world: World) -> None:
    status, _page, _client = post(world, "people.csv", workbook(["a@example.org", "sales"]))
    assert status == 302
    assert invited() == [("a@example.org", "sales")]


def test_utf16_unicode_text_from_excel_is_read(world: World) -> None:
    text = "email\tdepartment\r\njan@café.nl\tMarketing\r\n"
    status, _page, _client = post(world, "people.txt", text.encode("utf-16"))  # with a BOM
    assert status == 302
    assert invited() == [("jan@café.nl", "marketing")]


def test_windows_1252_from_excel_decodes_right(world: World) -> None:
    text = "# Afdeling Verkoop – € budget\r\nrené@café.nl;sales\r\nzoë@example.org;sales\r\n"
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    status, page, _client = post(world, "people.csv", data)
    assert status == 200  # "rené@" is no address (Django takes ASCII before the @) ...
    assert "line 2:" in page and "“rené@café.nl”" in page  # ... and is shown as written
    assert "line 3:" in page and "“zoë@example.org”" in page
    assert "\ufffd" not in page and "Ã©" not in page
    status, _page, _client = post(world, "people.csv", "jan@café.nl;sales\r\n".encode("cp1252"))
    assert status == 302
    assert invited() == [("jan@café.nl", "sales")]


def test_formula_looking_lines_are_data_and_bad_ones_are_named(world: World) -> None:
    lines = "\n".join([
        "=1+1@example.org,sales",
        "-2+3@example.org,marketing",
        "=cmd|' /C calc'!A0,sales",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "<script>alert(1)</script>@example.org",
        "+31 20 123 4567",
    ])
    status, page, _client = post(world, "people.csv", lines.encode())
    assert status == 200
    for line in (3, 4, 5, 6):
        assert f"line {line}:" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert invited() == []
    status, _page, _client = post(world, "people.csv", "\n".join(lines.split("\n")[:2]).encode())
    assert status == 302
    assert invited() == [("-2+3@example.org", "marketing"), ("=1+1@example.org", "sales")]


# ---------------------------------------------------------------- hostile files


def _zip_bomb() -> bytes:
    """A valid-looking workbook whose sheet unpacks from about 8 kB to 8 MB."""
    return zip_of({
        "[Content_Types].xml": CONTENT_TYPES,
        "xl/workbook.xml": b"<workbook/>",
        "xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * (8 * MB) + b"</worksheet>",
    })


def _far_cells() -> bytes:
    """A 5 kB workbook whose rows reach column XFD: 16,384 cells each, 163,840 in all."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in range(1, 11):
        sheet.cell(row=row, column=1, value=f"p{row}@example.org")
        sheet.cell(row=row, column=16384, value="x")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


HOSTILE = {
    "one and a half megabytes": ("big.csv", b"a@example.org,sales\n" * (3 * MB // 40),
                                 "larger than 1 MB"),
    "zip bomb": ("bomb.xlsx", _zip_bomb(), "as only a zip bomb is"),
    "too many zip members": (
        "parts.xlsx",
        zip_of({"[Content_Types].xml": CONTENT_TYPES}
               | {f"xl/p{i}.xml": b"" for i in range(600)}),
        "too many parts (601; at most 500)",
    ),
    "sheet bomb": ("wide.xlsx", _far_cells(), "more than 100000 filled cells"),
    "binary garbage": (
        "people.csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "line 2: binary data",
    ),
    "utf-16 without BOM": (
        "people.txt", "a@example.org\r\n".encode("utf-16-le"), "line 1: binary data"),
    "unknown encoding": (
        "people.csv", b"a@example.org\nb@example.org\n\x81\x8d\n", "line 3: the text is not"),
    "other file type": ("people.pdf", b"%PDF-1.7\n", "is not a .csv, .txt or .xlsx file"),
    "old excel": (
        "people.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "an old Excel file"),
    "password workbook": (
        "people.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "with a password"),
    "text named xlsx": ("people.xlsx", b"a@example.org\n", "not a readable Excel file"),
    "damaged workbook": (
        "people.xlsx", workbook(["a@example.org"])[:3000], "not a readable Excel file"),
    "zip that is no workbook": (
        "people.xlsx", zip_of({"word/document.xml": b"<w/>"}), "a zip archive, not an Excel"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused_by_name_and_nothing_is_saved(world: World, case: str) -> None:
    name, content, message = HOSTILE[case]
    status, page, _client = post(world, name, content)
    assert status == 200
    assert f"“{name}”" in page
    assert message in page
    assert invited() == []


def test_a_body_above_the_request_limit_is_refused_before_it_is_read(world: World) -> None:
    """Django would stream any upload to a temporary file before the form sees it."""
    status, page, _client = post(world, "huge.csv", b"a@example.org,sales\n" * (3 * MB // 20))
    assert status == 413
    assert "larger than 2 MB" in page
    assert invited() == []


def test_the_limits_hold_at_the_edge(world: World) -> None:
    line = b"a@example.org,sales\n"
    exactly = line + b"#" * (MB - len(line) - 1) + b"\n"
    assert len(exactly) == MB
    assert post(world, "edge.csv", exactly)[0] == 302
    assert post(world, "over.csv", exactly + b"\n")[0] == 200


def test_the_form_names_the_file_in_its_message() -> None:
    def errors(lang: str) -> list[str]:
        upload = SimpleUploadedFile("bomb.xlsx", _zip_bomb())
        with translation.override(lang):
            form = InvitationListForm(data={}, files=MultiValueDict({"upload": [upload]}))
            assert not form.is_valid()
            return [str(e) for e in form.non_field_errors()]

    (english,) = errors("en")
    assert english.startswith("“bomb.xlsx” is refused: it is compressed ")
    (dutch,) = errors("nl")
    assert "bomb.xlsx" in dutch


# ---------------------------------------------------------------- fuzzing

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _text_or_problems(name: str, data: bytes) -> str | list[str]:
    try:
        return invitation_file_text(name=name, data=data)
    except InvitationListError as error:  # the only exception allowed
        return error.problems


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["a.csv", "a.txt", "a.xlsx", "a.bin", ""]))
def test_fuzz_any_bytes_give_text_or_one_message(data: bytes, name: str) -> None:
    outcome = _text_or_problems(name, data)
    if isinstance(outcome, list):
        assert len(outcome) == 1 and outcome[0].strip()
    else:
        assert "\x00" not in outcome


_cell = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.sampled_from(["a@example.org", "sales", "Customer Service", "=1+1", "#", "x;y"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=15),
)


@settings(max_examples=100, deadline=None, suppress_health_check=FUZZ.suppress_health_check)
@given(st.lists(st.lists(_cell, max_size=4), max_size=6))
def test_fuzz_random_workbooks_give_text_or_one_message(rows: list[list[object]]) -> None:
    outcome = _text_or_problems("people.xlsx", workbook(*rows))
    if isinstance(outcome, str):
        assert len(outcome.split("\n")) <= max(len(rows), 1)
    else:
        assert len(outcome) == 1 and "people.xlsx" in outcome[0]


@FUZZ
@given(text=st.text(max_size=400))
def test_fuzz_any_text_parses_or_names_lines(world: World, text: str) -> None:
    try:
        outcome: list[InvitationEntry] | list[str] = invitation_parse_list(
            scan=world.scan, text=text)
    except InvitationListError as error:
        outcome = error.problems
        assert outcome
    if all(isinstance(o, str) for o in outcome):
        assert all(str(p).startswith(("line ", "regel ", "at most")) for p in outcome)
    else:
        emails = {o.email for o in outcome if isinstance(o, InvitationEntry)}
        assert len(emails) == len(outcome)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(
            st.sampled_from(["a@example.org", "b@example.org,sales", "c@x.nl;Marketing",
                             "email,department", "# note", "", "=1+1@example.org"]),
            st.text(max_size=30),
        ),
        max_size=12,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_fuzz_uploaded_lists_through_the_form(
    world: World, lines: list[str], encoding: str, newline: str
) -> None:
    data = newline.join(lines).encode(encoding, errors="replace")
    upload = SimpleUploadedFile("list.csv", data)
    form = InvitationListForm(data={}, files=MultiValueDict({"upload": [upload]}))
    if not form.is_valid():
        assert form.non_field_errors()
        return
    problems: list[str] = []
    try:
        invitation_parse_list(scan=world.scan, text=form.cleaned_data["text"])
    except InvitationListError as error:
        problems = error.problems or ["(an error without problems)"]
    assert all(p.strip() for p in problems)
