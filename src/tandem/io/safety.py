"""Guards for files that people hand us: response files and invitation lists.

Framework-free, shared by the core importer (:mod:`tandem.io.responses`) and the web
upload of invitation lists. Every guard raises :class:`RejectedFileError`, which names the
file and carries a ``reason`` code with its figures, so the web app can say the same
thing in Dutch or English; ``str()`` of it is the English message.

What is guarded:

- **Size**: a file larger than the limit is refused before it is read
  (:func:`check_size`).
- **Zip containers (.xlsx)**: before openpyxl sees a workbook, its zip directory is
  inspected without unpacking anything (:func:`check_xlsx`): it must be a readable zip
  with Excel's parts, with few enough members, a total unpacked size under the limit, no
  member compressed more than ``max_ratio``:1 (a zip bomb; real sheets compress about
  15:1, deflate bombs about 1000:1), no encryption and only the compression methods Excel
  writes. The member count and directory size are read from the end record first, so a
  directory with millions of entries is refused without being parsed. :mod:`zipfile` never
  unpacks more than a member's declared size, so a member that lies about its size
  fails its checksum instead of growing.
- **Sheet bombs**: a tiny sheet can claim cells at row 1,048,576 and column XFD, which
  makes a reader produce billions of empty cells. :func:`read_first_sheet` ignores the
  declared dimensions, drops trailing empty cells and stops at ``max_rows`` rows or
  ``max_cells`` cells. (Entity expansion in the XML is refused by defusedxml, which
  openpyxl uses when it is installed; it is a dependency.)
- **Text**: :func:`decode_text` reads UTF-8 (with or without BOM), UTF-16 with a BOM,
  and Windows-1252 (what Excel's plain "CSV" writes on Windows) only when that decodes
  without control characters; binary data (NUL or other control bytes) and bytes that
  are neither are refused with the line of the first bad byte.

Why one module of some 400 lines: it has one job, refusing hostile or broken files
before anything parses them, and its guards share one error type, one set of limits and
one threat model. A security review reads them together, in this order; split by file
kind they would scatter the limits and the reasons across modules for no reader's gain.
"""

from __future__ import annotations

import codecs
import io
import itertools
import re
import struct
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import BinaryIO, Literal

from tandem.i18n import Text

MB = 1024 * 1024

Reason = Literal[
    "too_large",
    "not_zip",
    "not_xlsx",
    "zip_members",
    "zip_total",
    "zip_ratio",
    "zip_encrypted",
    "zip_method",
    "old_excel",
    "too_many_rows",
    "too_many_cells",
    "unreadable_xlsx",
    "binary",
    "encoding",
]

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and password-protected .xlsx

_EXCEL_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_EOCD = EMPTY_ZIP_MAGIC  # the end record; an empty zip is nothing but one
_EOCD_SIZE = 22
_ENTRY_MIN = 46  # bytes of a central directory entry with an empty name
_ENTRY_LARGE = 1024  # bytes per entry above which a directory is suspect
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
# Control characters that never occur in a text file (tab, line feed, vertical tab,
# form feed and carriage return do). DEL is left alone: some exports write it.
_CONTROL_CHAR = re.compile("[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTE = re.compile(b"[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])


@dataclass(frozen=True, slots=True)
class FileLimits:
    """How big a file may be, and what a workbook inside it may hold."""

    max_bytes: int
    max_members: int
    max_unpacked: int  # total declared size of all zip members
    max_ratio: float  # unpacked / packed size of one member
    ratio_from: int  # the ratio is judged only for members at least this large
    max_rows: int
    max_cells: int  # cells kept after trailing empty ones are dropped


# A 100,000-row CSV of the full form is about 30 MB; 200 MB leaves room for long
# comments. openpyxl writes strings inline, so a 100,000-row workbook of the full form
# unpacks to about 540 MB (Excel's shared strings make it far smaller); its sheet
# compresses about 15:1.
RESPONSE_FILE_LIMITS = FileLimits(
    max_bytes=200 * MB,
    max_members=2000,
    max_unpacked=1024 * MB,
    max_ratio=100.0,
    ratio_from=1 * MB,
    max_rows=1_048_576,  # Excel's own row limit
    max_cells=25_000_000,  # twice a 100,000-row file of the full form
)

# An invitation list holds at most 5,000 addresses (two columns).
INVITATION_LIST_LIMITS = FileLimits(
    max_bytes=1 * MB,
    max_members=500,
    max_unpacked=20 * MB,
    max_ratio=100.0,
    ratio_from=1 * MB,
    max_rows=20_000,
    max_cells=100_000,
)


class RejectedFileError(ValueError):
    """A file refused as a whole; ``reason`` says why, ``params`` hold the figures.

    ``name`` is the file name as the user knows it; ``line`` is the 1-based line of the
    first bad byte (text problems only). ``text`` is the reason without the name, in
    Dutch and English; ``str(error)`` the full English message.
    """

    def __init__(
        self, reason: Reason, name: str, line: int | None = None, **params: int | float | str
    ) -> None:
        self.reason: Reason = reason
        self.name = name
        self.line = line
        self.params = params
        self.text = Text(_DUTCH[reason].format(**params), _ENGLISH[reason].format(**params))
        where = f"{name}, line {line}" if line is not None else name
        super().__init__(f"{where}: {self.text.en}")


_ENGLISH: dict[Reason, str] = {
    "too_large": "the file is {size_mb} MB; at most {limit_mb} MB is accepted",
    "not_zip": (
        "not a readable .xlsx workbook: it is not a zip archive, or the archive is damaged; "
        "save it again as .xlsx or as 'CSV UTF-8'"
    ),
    "not_xlsx": "a zip archive, but not an Excel workbook (.xlsx)",
    "zip_members": "the workbook holds {count} parts; more than {limit} is refused",
    "zip_total": "the workbook would unpack to {size_mb} MB; more than {limit_mb} MB is refused",
    "zip_ratio": (
        "part {member!r} of the workbook is compressed {ratio}:1, as only a zip bomb is; "
        "the file is refused"
    ),
    "zip_encrypted": "the workbook holds encrypted parts; remove the password and save it again",
    "zip_method": (
        "part {member!r} of the workbook uses a compression method Excel does not write; "
        "save it again from Excel"
    ),
    "old_excel": (
        "an old Excel workbook (.xls) or a password-protected one: save it as .xlsx "
        "without a password, or as 'CSV UTF-8'"
    ),
    "too_many_rows": "the first sheet has more than {limit} rows",
    "too_many_cells": "the first sheet has more than {limit} filled cells",
    "unreadable_xlsx": "not a readable .xlsx workbook ({detail})",
    "binary": (
        "binary data, not text (control byte 0x{byte:02X}); save the file as 'CSV UTF-8' "
        "or as .xlsx"
    ),
    "encoding": (
        "wrong encoding: byte 0x{byte:02X} is not UTF-8 (nor Windows-1252 text); save the "
        "file as 'CSV UTF-8'"
    ),
}


_DUTCH: dict[Reason, str] = {
    "too_large": "het bestand is {size_mb} MB; er wordt hoogstens {limit_mb} MB aangenomen",
    "not_zip": (
        "geen leesbare .xlsx-werkmap: het is geen zip-archief, of het archief is beschadigd; "
        "sla het opnieuw op als .xlsx of als 'CSV UTF-8'"
    ),
    "not_xlsx": "een zip-archief, maar geen Excel-werkmap (.xlsx)",
    "zip_members": "de werkmap bevat {count} delen; meer dan {limit} wordt geweigerd",
    "zip_total": "de werkmap zou uitpakken tot {size_mb} MB; meer dan {limit_mb} MB wordt "
                 "geweigerd",
    "zip_ratio": (
        "deel {member!r} van de werkmap is {ratio}:1 gecomprimeerd, zoals alleen een zip-bom; "
        "het bestand wordt geweigerd"
    ),
    "zip_encrypted": "de werkmap bevat versleutelde delen; haal het wachtwoord weg en sla "
                     "haar opnieuw op",
    "zip_method": (
        "deel {member!r} van de werkmap gebruikt een compressiemethode die Excel niet schrijft; "
        "sla haar opnieuw op vanuit Excel"
    ),
    "old_excel": (
        "een oude Excel-werkmap (.xls) of een met wachtwoord: sla haar op als .xlsx zonder "
        "wachtwoord, of als 'CSV UTF-8'"
    ),
    "too_many_rows": "het eerste werkblad heeft meer dan {limit} rijen",
    "too_many_cells": "het eerste werkblad heeft meer dan {limit} gevulde cellen",
    "unreadable_xlsx": "geen leesbare .xlsx-werkmap ({detail})",
    "binary": (
        "binaire gegevens, geen tekst (stuurteken 0x{byte:02X}); sla het bestand op als "
        "'CSV UTF-8' of als .xlsx"
    ),
    "encoding": (
        "verkeerde codering: byte 0x{byte:02X} is geen UTF-8 (en ook geen Windows-1252-tekst); "
        "sla het bestand op als 'CSV UTF-8'"
    ),
}


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- size


def check_size(size: int, name: str, limits: FileLimits) -> None:
    """Refuse a file of ``size`` bytes above ``limits.max_bytes``."""
    if size > limits.max_bytes:
        raise RejectedFileError(
            "too_large", name, size_mb=_mb(size), limit_mb=_mb(limits.max_bytes)
        )


# ---------------------------------------------------------------- kinds of content


def is_zip(head: bytes) -> bool:
    """Whether the bytes start like a zip archive (an .xlsx is one)."""
    return head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def is_old_excel(head: bytes) -> bool:
    """Whether the bytes start like an OLE2 file: .xls, or an .xlsx with a password."""
    return head.startswith(OLE2_MAGIC)


# ---------------------------------------------------------------- xlsx


def check_xlsx(source: Path | bytes, name: str, limits: FileLimits) -> None:
    """Refuse a workbook whose zip directory is damaged, encrypted, too big or a bomb.

    Reads only the directory; nothing is unpacked.
    """
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with stream:
        count, directory = _declared_entries(stream)
        if directory > limits.max_members * _ENTRY_LARGE:
            count = max(count, directory // _ENTRY_MIN)
        if count > limits.max_members:
            raise RejectedFileError("zip_members", name, count=count, limit=limits.max_members)
        stream.seek(0)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError) as exc:  # NotImplementedError: an unknown zip version
            raise RejectedFileError("not_zip", name) from exc
        with archive:
            members = archive.infolist()
    if len(members) > limits.max_members:
        raise RejectedFileError("zip_members", name, count=len(members), limit=limits.max_members)
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise RejectedFileError("not_xlsx", name)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise RejectedFileError("zip_encrypted", name)
        if member.compress_type not in _EXCEL_METHODS:
            raise RejectedFileError("zip_method", name, member=member.filename)
        total += member.file_size
        if member.file_size >= limits.ratio_from:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                raise RejectedFileError(
                    "zip_ratio", name, member=member.filename, ratio=round(ratio)
                )
    if total > limits.max_unpacked:
        raise RejectedFileError(
            "zip_total", name, size_mb=_mb(total), limit_mb=_mb(limits.max_unpacked)
        )


def _declared_entries(stream: BinaryIO) -> tuple[int, int]:
    """Entry count and directory size from the zip's end record (zip64 aware), or zeros.

    Both matter: zipfile parses every entry the directory holds, whatever count the
    end record claims. An entry takes at least 46 bytes; a directory larger than
    ``_ENTRY_LARGE`` bytes per allowed member (the entries of real workbooks take 50 to
    150) is taken to hold the most it could.
    """
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    start = max(0, size - _EOCD_SIZE - 0xFFFF)  # the end record plus the longest comment
    stream.seek(start)
    tail = stream.read()
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return 0, 0
    count, directory = struct.unpack("<HI", tail[at + 10 : at + 16])
    if count == 0xFFFF and at >= 20 and tail[at - 20 : at].startswith(_ZIP64_LOCATOR):
        (offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])
        if offset + 56 <= size:
            stream.seek(offset)
            record = stream.read(56)
            if record.startswith(_ZIP64_EOCD):
                count, directory = struct.unpack("<QQ", record[32:48])
    return int(count), int(directory)


def read_first_sheet(
    source: Path | bytes, name: str, limits: FileLimits, first: int | None = None
) -> list[tuple[object, ...]]:
    """The values of the first worksheet, one tuple per sheet row, after :func:`check_xlsx`.

    ``first`` reads only that many rows (to look at the header rows). Rows keep their
    sheet position (an empty row is an empty tuple), trailing empty
    cells are dropped, and the declared sheet size is ignored (see the module notes).
    """
    check_xlsx(source, name, limits)
    import openpyxl  # lazily: only spreadsheets need it

    # a stream, not a path: openpyxl judges a path by its extension, we by the content
    stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many exception types on a broken file
        stream.close()
        raise RejectedFileError("unreadable_xlsx", name, detail=_detail(exc)) from exc
    try:
        if not book.worksheets:
            raise RejectedFileError("unreadable_xlsx", name, detail="it has no worksheet")
        sheet = book.worksheets[0]
        if hasattr(sheet, "reset_dimensions"):  # read-only sheets
            sheet.reset_dimensions()  # the declared size may be a lie; read what is there
        rows = _bounded_rows(sheet.iter_rows(values_only=True), name, limits)
        return list(rows if first is None else itertools.islice(rows, first))
    except RejectedFileError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read, not when opened
        raise RejectedFileError("unreadable_xlsx", name, detail=_detail(exc)) from exc
    finally:
        book.close()
        stream.close()


def _bounded_rows(
    rows: Iterator[tuple[object, ...]], name: str, limits: FileLimits
) -> Iterator[tuple[object, ...]]:
    cells = 0
    for number, values in enumerate(rows, start=1):
        if number > limits.max_rows:
            raise RejectedFileError("too_many_rows", name, limit=limits.max_rows)
        end = len(values)
        while end and values[end - 1] is None:
            end -= 1
        cells += end
        if cells > limits.max_cells:
            raise RejectedFileError("too_many_cells", name, limit=limits.max_cells)
        yield tuple(values[:end])


def cell_text(value: object) -> str:
    """A sheet value as the text a person sees: 3.0 -> "3", dates in ISO, None -> ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _detail(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


# ---------------------------------------------------------------- text


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # a codec name that reads the same bytes again: utf-8, utf-16, cp1252


def decode_text(data: bytes, name: str) -> Decoded:
    """The text of a CSV/TXT file, or :class:`RejectedFileError` naming the line of the bad byte.

    UTF-8 (BOM or not) first; UTF-16 when the file starts with its BOM (Excel's "Unicode
    text"); else Windows-1252 when every byte is defined there. Text with control
    characters other than tab and line breaks is binary data and is refused.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            before = data[: exc.start].decode("utf-16", errors="replace")
            line = before.count("\n") + 1
            raise RejectedFileError("encoding", name, line=line, byte=data[exc.start]) from exc
        _refuse_control(text, name)
        return Decoded(text, "utf-16")
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = bom + exc.start
    else:
        # in UTF-8 a byte below 0x80 is that character: search the bytes, faster than the text
        control = _first_control_byte(data)
        if control is not None:
            raise RejectedFileError("binary", name, line=_line_of(data, control),
                                    byte=data[control])
        return Decoded(text, "utf-8")
    control = _first_control_byte(data)
    if control is not None:  # neither UTF-8 nor text: binary, whatever else it holds
        raise RejectedFileError("binary", name, line=_line_of(data, control), byte=data[control])
    if not bom:
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    raise RejectedFileError("encoding", name, line=_line_of(data, bad), byte=data[bad])


def _refuse_control(text: str, name: str) -> None:
    found = _CONTROL_CHAR.search(text)
    if found is not None:
        at = found.start()
        line = text.count("\n", 0, at) + 1
        raise RejectedFileError("binary", name, line=line, byte=ord(text[at]))


def _first_control_byte(data: bytes) -> int | None:
    if len(data.translate(None, _CONTROL_BYTES)) == len(data):  # none: 5x faster than search
        return None
    found = _CONTROL_BYTE.search(data)
    return found.start() if found else None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1
