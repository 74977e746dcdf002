"""Round trip per survey tool: our export -> the response file that tool gives for a
survey built from it -> import -> the same answers as the Tandem-format file.

The fixtures in ``tests/fixtures/roundtrip/`` are written by its ``build.py`` from
``tandem.csv`` (known answers) and our exports; the first test keeps them current.
The last step imports each tool's file with the survey-tool reader
(``tandem.io.responses``) and finds the known answers again.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as DefusedET
import pytest
from openpyxl import load_workbook

from tandem.instrument import load_instrument
from tandem.instrument.codes import limesurvey_code
from tandem.io.responses import read_responses
from tandem.responses import ResponseSet
from tests.fixtures.roundtrip import build

FIXTURES = Path(build.__file__).parent
INSTRUMENT = load_instrument()
TOOLS = list(build.LANGS)
Answers = dict[str, list[str]]


def _tandem() -> Answers:
    with (FIXTURES / "tandem.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {k: [r[k] for r in rows] for k in rows[0] if k != "respondent"}


def _csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def _xlsx(path: Path) -> list[list[Any]]:
    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_fixtures_are_what_the_builder_makes(tmp_path: Path) -> None:
    written = build.build(tmp_path)
    assert len(written) == 1 + 2 * len(TOOLS)
    for path in written:
        committed = FIXTURES / path.relative_to(tmp_path)
        if path.suffix == ".xlsx":  # zip timestamps differ: compare the cells
            assert _xlsx(path) == _xlsx(committed), committed
        else:
            assert path.read_bytes() == committed.read_bytes(), (
                f"{committed} is stale: run PYTHONPATH=src python -m tests.fixtures.roundtrip.build"
            )


def _code_for_label(item_id: str, label: str, lang: str) -> str:
    item = INSTRUMENT.item(item_id)
    if item.options is None or label == "":
        return label
    return next(o.code for o in item.options.options if o.label(lang) == label)


def _code_at(item_id: str, position: str) -> str:
    item = INSTRUMENT.item(item_id)
    if item.options is None or position == "":
        return position
    return item.options.codes[int(position) - 1]


def _decode(tool: str) -> Answers:
    """The tool's response file read back by hand with the export's own rules."""
    folder = FIXTURES / tool
    if tool == "limesurvey":
        taken: set[str] = set()
        codes = {limesurvey_code(i.id, taken): i.id for i in INSTRUMENT.items}
        root = DefusedET.fromstring((folder / "survey.lss").read_bytes())
        assert root is not None
        head, *rows = _csv(folder / "responses.csv")
        out: Answers = {}
        for n, heading in enumerate(head[5:], start=5):
            code = heading.split("[")[-1].rstrip("]")
            item_id = codes[code]
            out[item_id] = [
                _code_at(item_id, r[n].removeprefix("AO"))
                if INSTRUMENT.item(item_id).options
                else r[n]
                for r in rows
            ]
        return out
    if tool == "qualtrics":
        tags, _texts, import_ids, *rows = _csv(folder / "responses.csv")
        out = {}
        for n, tag in enumerate(tags):
            if json.loads(import_ids[n])["ImportId"].startswith("QID"):
                out[tag] = [_code_at(tag, r[n]) for r in rows]
        return out
    if tool == "google-forms":
        head, *rows = _csv(folder / "responses.csv")
        return _by_text(head[1:], [r[1:] for r in rows], build.LANGS[tool])
    head_x, *rows_x = _xlsx(folder / "responses.xlsx")
    cells = [["" if c is None else str(c) for c in r[5:]] for r in rows_x]
    return _by_text([str(h) for h in head_x[5:]], cells, build.LANGS[tool])


def _by_text(head: list[str], rows: list[list[str]], lang: str) -> Answers:
    texts = {i.text(lang): i.id for i in INSTRUMENT.items}
    out: Answers = {}
    for n, heading in enumerate(head):
        text = heading.rsplit(" [", 1)[-1].removesuffix("]") if heading.endswith("]") else heading
        item_id = texts[text]
        out[item_id] = [_code_for_label(item_id, r[n], lang) for r in rows]
    return out


@pytest.mark.parametrize("tool", TOOLS)
def test_the_tool_file_carries_the_known_answers(tool: str) -> None:
    """Position codes, codes and texts in the tool's file decode to tandem.csv exactly."""
    assert _decode(tool) == _tandem()


def _same(a: ResponseSet, b: ResponseSet) -> None:
    assert a.n == b.n
    ids = [i for i in a.likert_ids if i in b.likert_ids]
    assert ids == list(a.likert_ids)
    for item_id in ids:
        left, right = a.column(item_id), b.column(item_id)
        assert all(
            (math.isnan(x) and math.isnan(y)) or x == y for x, y in zip(left, right, strict=True)
        ), item_id
    for item_id, values in a.choices.items():
        assert list(values) == list(b.choices[item_id]), item_id
    for item_id, values in a.texts.items():
        if item_id in b.texts:
            assert list(values) == list(b.texts[item_id]), item_id




@pytest.mark.parametrize("tool", TOOLS)
def test_the_reader_imports_the_tool_file(tool: str) -> None:
    expected = read_responses(FIXTURES / "tandem.csv", INSTRUMENT, settings=frozenset())
    path = FIXTURES / tool / build.RESPONSE_NAMES[tool]
    _same(expected, read_responses(path, INSTRUMENT))  # the source detected
    _same(expected, read_responses(path, INSTRUMENT, source=tool))  # and named
