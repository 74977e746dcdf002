"""Importing an answer file through the web: upload, inspect, confirm; all or nothing.

Each fixture of ``tests/fixtures/<tool>/`` goes through the real pages (Django test
client, real files); what the scan's results then show equals ``diagnose`` of
``read_responses`` of the same file.
"""

from __future__ import annotations

import html
import io
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from webtest_helpers import World, client_for

from tandem.io.responses import inspect_responses, read_responses
from tandem.web.governance.models import AuditEvent
from tandem.web.governance.services import purge_expired
from tandem.web.responses.models import PendingImport, Response, ResponseImport
from tandem.web.results.selectors import _diagnose, scan_responses
from tandem.web.scans.models import Scan, ScanStatus
from tandem.web.scans.services import scan_close, scan_create, scan_open

FIXTURES = Path(__file__).parent.parent / "fixtures"
TOOLS = ("qualtrics", "limesurvey", "surveymonkey", "google_forms", "ms_forms")
FILES = [*sorted(p for tool in TOOLS for p in (FIXTURES / tool).iterdir()
                 if p.suffix in (".csv", ".tsv", ".xlsx")), FIXTURES / "tandem.csv"]
MB = 1024 * 1024


def _scan_for(world: World, path: Path) -> Scan:
    form = inspect_responses(path).form or "full"
    return scan_create(organisation=world.org, title="Imported", instrument_name="tandem-scan-1",
                       form=form, should_decide=True, segment=True)


def _url(name: str, scan: Scan, **kwargs: int) -> str:
    return reverse(f"responses:{name}", kwargs={"org_id": scan.organisation_id,
                                                "scan_id": scan.pk, **kwargs})


def _upload(client: Client, scan: Scan, name: str, data: bytes,
            source: str = "") -> tuple[int, str, str]:
    response = client.post(_url("import_upload", scan),
                           {"upload": SimpleUploadedFile(name, data), "source": source})
    return (response.status_code, response.content.decode(),
            response.get("Location", ""))


def _inspected(world: World, lang: str, lines: list[str]) -> str:
    """The check page of a file of Tandem's format (``lines``), as an owner reading
    ``lang`` sees it (text, entities decoded)."""
    scan = _scan_for(world, FIXTURES / "tandem.csv")
    client = client_for(world.owner)
    client.cookies["django_language"] = lang
    _status, _page, location = _upload(client, scan, "answers.csv", "\n".join(lines).encode())
    return html.unescape(client.get(location).content.decode())


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_each_fixture_imports_and_scores_as_the_cli(world: World, path: Path) -> None:
    scan = _scan_for(world, path)
    client = client_for(world.facilitator)
    status, _page, location = _upload(client, scan, path.name, path.read_bytes())
    assert status == 302, _page
    pending = PendingImport.objects.get(scan=scan)
    expected = inspect_responses(path)
    page = client.get(location).content.decode()
    assert expected.source_title in page
    assert f"<dd>{expected.n}" in page
    assert "Import" in page and "confirm/" in page
    response = client.post(_url("import_confirm", scan, import_id=pending.pk))
    assert response.status_code == 302
    assert Response.objects.filter(scan=scan).count() == expected.n
    languages = set(Response.objects.filter(scan=scan).values_list("language", flat=True))
    assert languages == {{"qualtrics": "en", "limesurvey": "nl"}.get(expected.source, "nl")}
    assert not PendingImport.objects.filter(scan=scan).exists()
    assert AuditEvent.objects.filter(action="import", object_id=str(scan.pk)).count() == 1
    scan_close(scan=scan_open(scan=scan, actor=world.owner), actor=world.owner)
    from_file = read_responses(path, scan.instrument)
    file_result = _diagnose(scan, from_file)
    stored = scan_responses(scan=scan)
    web_result = _diagnose(scan, stored)
    assert web_result.to_dict() == file_result.to_dict()
    # "don't know" on a statement is stored as the survey stores it, not as an empty answer
    assert stored.likert_dk is not None and from_file.likert_dk is not None
    assert stored.likert_dk.sum() == from_file.likert_dk.sum() > 0


def test_the_same_file_is_imported_once(world: World) -> None:
    path = FIXTURES / "qualtrics" / "choice_text.csv"
    scan = _scan_for(world, path)
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    _upload(client, scan, path.name, path.read_bytes())
    pending = PendingImport.objects.get(scan=scan)
    confirm = _url("import_confirm", scan, import_id=pending.pk)
    assert client.post(confirm).status_code == 302
    n = Response.objects.filter(scan=scan).count()
    assert client.post(confirm).status_code == 404  # double click: nothing more
    status, page, _location = _upload(client, scan, "again.csv", path.read_bytes())
    assert status == 200
    assert "already been imported" in page
    assert Response.objects.filter(scan=scan).count() == n
    assert ResponseImport.objects.filter(scan=scan).count() == 1


def test_a_file_with_problems_imports_nothing(world: World) -> None:
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    lines[2] = lines[2].replace(",3to10,", ",fifty,", 1)  # an answer no option has
    scan = _scan_for(world, FIXTURES / "tandem.csv")
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    _status, _page, location = _upload(client, scan, "bad.csv", "\n".join(lines).encode())
    page = client.get(location).content.decode()
    assert "nothing can be imported" in page
    assert "confirm/" not in page
    pending = PendingImport.objects.get(scan=scan)
    response = client.post(_url("import_confirm", scan, import_id=pending.pk))
    assert response.status_code == 302
    assert Response.objects.filter(scan=scan).count() == 0
    assert not AuditEvent.objects.filter(action="import").exists()


@pytest.mark.parametrize(("lang", "said", "not_said"), [
    ("nl", "'serviec' is geen keuzemogelijkheid", "is not an option"),
    ("en", "'serviec' is not an option", "geen keuzemogelijkheid"),
])
def test_the_problems_are_in_the_readers_language_and_the_readers_refusal(
        world: World, lang: str, said: str, not_said: str) -> None:
    # a typo in a department code: the check once called the file ready (an unknown
    # department, a warning), and named its problems in English on a Dutch page
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    department = lines[0].split(",").index("department")
    cells = lines[2].split(",")
    cells[department] = "serviec"
    lines[2] = ",".join(cells)
    page = _inspected(world, lang, lines)
    assert said in page and not_said not in page
    assert "confirm/" not in page


def test_the_inspect_page_shows_no_answers(world: World) -> None:
    path = FIXTURES / "tandem.csv"
    scan = _scan_for(world, path)
    client = client_for(world.owner)
    _status, _page, location = _upload(client, scan, path.name, path.read_bytes())
    page = client.get(location).content.decode()
    assert "Customer Service hoort als laatste" not in page  # a free-text answer
    assert "r00001" not in page  # a respondent id


@pytest.mark.parametrize("role", ["viewer", "outsider"])
def test_viewer_and_outsider_are_refused(world: World, role: str) -> None:
    path = FIXTURES / "tandem.csv"
    scan = _scan_for(world, path)
    status, _page, _location = _upload(client_for(world.user(role)), scan, path.name,
                                       path.read_bytes())
    assert status == (403 if role == "viewer" else 404)
    assert not PendingImport.objects.exists()


def test_another_organisations_scan_is_404(world: World) -> None:
    path = FIXTURES / "tandem.csv"
    status, _page, _location = _upload(client_for(world.owner), world.other_scan, path.name,
                                       path.read_bytes())
    assert status == 404


def test_a_closed_scan_is_refused(world: World) -> None:
    path = FIXTURES / "tandem.csv"
    scan = _scan_for(world, path)
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    _upload(client, scan, path.name, path.read_bytes())
    pending = PendingImport.objects.get(scan=scan)
    scan_open(scan=scan, actor=world.owner)
    scan_close(scan=scan, actor=world.owner)
    assert Scan.objects.get(pk=scan.pk).status == ScanStatus.CLOSED
    page = client.get(_url("import_upload", scan)).content.decode()
    assert "This scan is closed" in page
    response = client.post(_url("import_confirm", scan, import_id=pending.pk), follow=True)
    assert "This scan is closed" in response.content.decode()
    assert Response.objects.filter(scan=scan).count() == 0
    status, page, _location = _upload(client, scan, "other.csv", path.read_bytes())
    assert status == 200 and "This scan is closed" in page


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml",
                         b"<worksheet>" + b" " * (8 * MB) + b"</worksheet>")
    return out.getvalue()


def _unknown_zip_version() -> bytes:
    """A real workbook whose directory asks for a zip version Python cannot read."""
    data = bytearray((FIXTURES / "ms_forms" / "responses.xlsx").read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6] = 0xFF  # version needed to extract
    return bytes(data)


HOSTILE = {
    "zip bomb": ("bomb.xlsx", _zip_bomb(), "as only a zip bomb is"),
    "binary": ("answers.csv", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)), "binary data"),
    "old excel": ("answers.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
                  "an old Excel file"),
    "unknown zip version": ("answers.xlsx", _unknown_zip_version(),
                            "not a readable Excel file"),
    "other type": ("answers.pdf", b"%PDF-1.7\n", "is not a .csv, .tsv or .xlsx file"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_files_are_refused(world: World, case: str) -> None:
    name, data, message = HOSTILE[case]
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    status, page, _location = _upload(client, world.scan, name, data)
    assert status == 200
    assert f"“{name}”" in page and message in page
    assert not PendingImport.objects.exists()


def test_a_huge_file_is_refused_before_it_is_read(world: World, settings: object) -> None:
    settings.TANDEM_MAX_IMPORT_BYTES = 2 * MB  # type: ignore[attr-defined]
    status, _page, _location = _upload(client_for(world.owner), world.scan, "huge.csv",
                                      b"respondent,department\n" + b"r,sales\n" * (3 * MB // 8))
    assert status == 413
    assert not PendingImport.objects.exists()


def test_an_export_of_several_mb_is_taken(world: World) -> None:
    """The answer-file upload has its own, larger cap (an invitation list keeps 2 MB)."""
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    head, rows = lines[0], lines[1:]
    big = [head]
    while sum(len(line) + 1 for line in big) < 3 * MB:
        big += [f"x{len(big)}{row[row.index(','):]}" for row in rows]
    status, _page, _location = _upload(client_for(world.owner), world.scan, "big.csv",
                                      "\n".join(big).encode())
    assert status == 302, _page[:500]
    assert bytes(PendingImport.objects.get().data).startswith(head.encode())


def test_a_mapping_file_places_headings_it_could_not(world: World) -> None:
    """A heading Tandem cannot place (another tool's own code) is placed by the mapping
    file uploaded with the answers, as ``--mapping`` does on the command line."""
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    head = lines[0].split(",")
    moved = head[5]
    head[5] = "G07Q03SQ002"
    data = "\n".join([",".join(head), *lines[1:]]).encode()
    scan = _scan_for(world, FIXTURES / "tandem.csv")
    client = client_for(world.owner)
    client.cookies["django_language"] = "en"
    _status, _page, location = _upload(client, scan, "renamed.csv", data)
    page = client.get(location).content.decode()
    assert "G07Q03SQ002" in page and "confirm/" not in page  # not placed: nothing to import
    mapping = f"header,question_id\nG07Q03SQ002,{moved}\n".encode()
    response = client.post(_url("import_upload", scan), {
        "upload": SimpleUploadedFile("renamed.csv", data),
        "mapping": SimpleUploadedFile("mapping.csv", mapping)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "G07Q03SQ002" in page and moved in page
    client.post(response["Location"] + "confirm/")
    imported = read_responses(FIXTURES / "tandem.csv")
    assert Response.objects.filter(scan=scan).count() == imported.n


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "Department empty (in the department figures these respondents count under "
           "“Other departments”"),
    ("nl", "Afdeling leeg (in de cijfers per afdeling tellen deze respondenten mee bij "
           "“Andere afdelingen”"),
])
def test_an_empty_department_is_a_warning_with_rows(world: World, lang: str, said: str) -> None:
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    lines[3] = lines[3].replace(",service,", ",,", 1).replace(",sales,", ",,", 1)
    cells = lines[3].split(",")
    cells[1] = ""
    lines[3] = ",".join(cells)
    page = _inspected(world, lang, lines)
    assert said in page
    assert ("1 row (4)" if lang == "en" else "1 rij (4)") in page
    assert "confirm/" in page  # a warning, not a problem


def test_the_retention_purge_deletes_files_left_over_a_day(world: World) -> None:
    path = FIXTURES / "tandem.csv"
    scan = _scan_for(world, path)
    _upload(client_for(world.owner), scan, path.name, path.read_bytes())
    assert PendingImport.objects.count() == 1
    purge_expired(now=timezone.now())
    assert PendingImport.objects.count() == 1
    purge_expired(now=timezone.now() + timedelta(days=1, minutes=1))
    assert PendingImport.objects.count() == 0


@pytest.mark.parametrize(("lang", "said"), [("en", "(full form)"), ("nl", "(volledige versie)")])
def test_the_check_names_the_form_read_not_its_code(world: World, lang: str, said: str) -> None:
    lines = (FIXTURES / "tandem.csv").read_bytes().decode("utf-8-sig").splitlines()
    page = _inspected(world, lang, lines)
    assert said in page
    assert "(full)" not in page
