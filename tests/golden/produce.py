"""Produce every output a reader sees for the golden cases: one module for the test and the
regeneration script, so both always render the same things the same way.

Each case is a stored response file (``inputs/<case>.csv``) with its anonymity threshold
and, optionally, a context file. For each case :func:`produce_files` writes, through the
CLI's own entry point (``tandem.cli.main``, in-process: the same path as ``tandem ...``):

- ``score-<lang>.md``: ``tandem score --format md``;
- ``figures.csv``: ``tandem report --format csv`` (the aggregated export);
- ``responses-<lang>/<member>``: the members of ``tandem report --format data`` (the
  anonymised export), ``data.csv`` with its rows sorted (see :func:`_sorted_csv`);
- ``workbook-<lang>.json``: every sheet's cell values of ``tandem report --format xlsx``;
- ``report-<lang>.txt``: the text of each page of ``tandem report --format pdf``.

:func:`produce_web` (needs a Django test database) stores a closed scan with the same
answers and context and writes the visible text of each results tab to
``pages-<lang>/<tab>.txt``, and the scan's downloads (the web's own path to the same
renderers: figures CSV, workbook, PDF, anonymised answers) under ``web-<lang>/``.

The raw JSON result is not compared: its shape is moving to a new schema version, and
every figure it holds is also in ``figures.csv``, the workbook and the Markdown.

Nondeterminism, and what is done about it:

- dates ("4 december 2026", "2026-12-04", "04-12-2026") are replaced by ``<DATE>``
  (:data:`DATE_PATTERNS`): the PDF cover carries the day it was made, the pages the
  day the scan closed;
- the anonymised rows are shuffled with a seed taken from the answers (the code's own
  default), so the file is deterministic already; its rows are still stored sorted, so
  a change in how the shuffle is seeded is not mistaken for a change of figures;
- bootstrap (phase certainty) and comment order are seeded inside the core.
"""

from __future__ import annotations

import csv
import difflib
import html
import io
import json
import math
import re
import shutil
import tomllib
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "inputs"
EXPECTED = HERE / "expected"
LANGS = ("nl", "en")
#: The golden cases answer version 1 of the questionnaire, as their stored inputs do: the
#: files compare figures over time, and version 2 is checked by its own tests
#: (tests/instrument, tests/test_ground_truth.py). The CLI reads the inputs as version 1
#: by their headings; the web scan and ``--inputs`` name it.
GOLDEN_INSTRUMENT = "tandem-scan-1"
#: The results tabs (URL names of ``tandem.web.results.urls``) whose text is compared.
TABS = ("scan", "tensions", "gaps", "decisions", "journey", "comments", "method", "compare",
        "downloads")

_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
#: What is replaced by ``<DATE>`` in every text output (documented for reviewers).
DATE_PATTERNS = (
    re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b"),  # 4 december 2026 / 4 December 2026
    re.compile(rf"\b(?:{_MONTHS}) \d{{1,2}}, \d{{4}}\b"),  # December 4, 2026
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # 2026-12-04
    re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{4}\b"),  # 04-12-2026, 4/12/2026
)


@dataclass(frozen=True, slots=True)
class Case:
    """One golden case: how its input was generated, and how it is scored."""

    name: str
    respondents: int
    seed: int
    profile: str
    form: str
    k: int
    context: str | None  # file under inputs/, or None for no context
    organisation: str | None  # name on the PDF cover
    why: str
    #: A case whose answers form an earlier closed scan of the same organisation on the
    #: web, so the Compare tab compares two waves (web outputs only).
    previous: str | None = None

    @property
    def csv(self) -> Path:
        return INPUTS / f"{self.name}.csv"

    @property
    def context_path(self) -> Path | None:
        return INPUTS / self.context if self.context else None

    def demo_data_args(self, output: Path) -> list[str]:
        """The ``tandem demo-data`` arguments that made ``inputs/<name>.csv``."""
        return ["demo-data", "--respondents", str(self.respondents), "--seed", str(self.seed),
                "--profile", self.profile, "--form", self.form,
                "--instrument", GOLDEN_INSTRUMENT, "-o", str(output)]

    def score_args(self) -> list[str]:
        """Arguments shared by ``tandem score`` and ``tandem report`` for this case."""
        args = [str(self.csv), "--min-group", str(self.k)]
        if self.context_path is not None:
            args += ["--context", str(self.context_path)]
        return args


CASES: tuple[Case, ...] = (
    Case("demo", 60, 2026, "default", "full", 5, "demo-context.toml", "Demo BV",
         "the web demo's size, seed, profile and organisation context (tandem.web.demo)",
         previous="small"),
    Case("small", 40, 11, "small", "full", 5, None, None,
         "40 people in a small firm: small departments are pooled or withheld, no context"),
    Case("quick", 150, 7, "conflict", "quick", 4, "context.toml", "Golden BV",
         "the quick form, k = 4, a conflict profile, docs/examples/context.toml"),
)
CASE_BY_NAME = {case.name: case for case in CASES}


# ---------------------------------------------------------------- normalising


def normalise(text: str) -> str:
    """Dates replaced by ``<DATE>``, line ends unified, trailing spaces dropped."""
    for pattern in DATE_PATTERNS:
        text = pattern.sub("<DATE>", text)
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).rstrip("\n") + "\n"


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(normalise(text), encoding="utf-8")


def _sorted_csv(text: str) -> str:
    """A CSV with its header first and the other rows sorted: the anonymised rows are
    shuffled on purpose, and their order is not a figure."""
    body = text.removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(body)))
    if not rows:
        return text
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    writer.writerows(sorted(rows[1:]))
    return out.getvalue()


def _cell(value: Any) -> Any:
    """A JSON-safe cell value (dates as ISO text, so the date pattern can blank them)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# ---------------------------------------------------------------- file outputs


def _cli(args: Sequence[str]) -> None:
    """Run ``tandem ARGS`` in-process (the CLI's own code path); fail loudly."""
    from tandem.cli import main

    code = main(list(args))
    if code != 0:
        raise RuntimeError(f"tandem {' '.join(args)} exited with {code}")


def make_input(case: Case, output: Path) -> None:
    """Write the case's response file with ``tandem demo-data``."""
    _cli(case.demo_data_args(output))


def produce_files(case: Case, out: Path, work: Path) -> None:
    """Every file output of ``case`` under ``out`` (``work`` holds the raw files)."""
    work.mkdir(parents=True, exist_ok=True)
    for lang in LANGS:
        md = work / f"score-{lang}.md"
        _cli(["score", *case.score_args(), "--format", "md", "--lang", lang, "-o", str(md)])
        _write(out / md.name, md.read_text(encoding="utf-8"))

    figures = work / "figures.csv"
    _cli(["report", *case.score_args(), "--format", "csv", "-o", str(figures)])
    _write(out / "figures.csv", figures.read_text(encoding="utf-8"))

    organisation = ["--organisation", case.organisation] if case.organisation else []
    for lang in LANGS:
        report = [*case.score_args(), "--lang", lang, *organisation]
        data = work / f"responses-{lang}.zip"
        _cli(["report", *report, "--format", "data", "-o", str(data)])
        _write_zip(data, out / f"responses-{lang}")

        book = work / f"workbook-{lang}.xlsx"
        _cli(["report", *report, "--format", "xlsx", "-o", str(book)])
        _write(out / f"workbook-{lang}.json", workbook_json(book))

        pdf = work / f"report-{lang}.pdf"
        _cli(["report", *report, "--format", "pdf", "-o", str(pdf)])
        _write(out / f"report-{lang}.txt", pdf_text(pdf))


def _write_zip(path: Path | io.BytesIO, out: Path) -> None:
    """Each member of the export as its own file, plus the member list."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        for name in names:
            text = archive.read(name).decode("utf-8-sig")
            _write(out / name, _sorted_csv(text) if name == "data.csv" else text)
    _write(out / "_members.txt", "\n".join(names))


def workbook_json(path: Path | io.BytesIO) -> str:
    """Every sheet's cell values, sheet -> rows, in workbook order."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheets = {
        sheet.title: [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }
    book.close()
    parts = ["{"]  # one row per line keeps a diff short and readable
    for s, (title, rows) in enumerate(sheets.items()):
        parts.append(f"  {json.dumps(title, ensure_ascii=False)}: [")
        for r, row in enumerate(rows):
            comma = "," if r < len(rows) - 1 else ""
            parts.append(f"    {json.dumps(row, ensure_ascii=False)}{comma}")
        parts.append("  ]" + ("," if s < len(sheets) - 1 else ""))
    parts.append("}")
    return "\n".join(parts)


def pdf_text(path: Path | io.BytesIO) -> str:
    """The extracted text of every page, each under a ``=== page N ===`` line."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    return "\n".join(
        f"=== page {number} ===\n{page.extract_text()}"
        for number, page in enumerate(reader.pages, start=1)
    )


# ---------------------------------------------------------------- web pages


class _VisibleText(HTMLParser):
    """The text a reader sees: no tags, scripts, styles or templates; blocks on new lines."""

    SKIP = frozenset({"script", "style", "template", "noscript"})
    BLOCK = frozenset({"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                       "section", "header", "footer", "nav", "main", "br", "ul", "ol", "dt",
                       "dd", "figure", "figcaption", "caption", "details", "summary", "form",
                       "title", "article", "aside", "th", "td", "option", "label", "button",
                       "svg", "g", "text", "desc"})  # SVG labels each on their own line

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_text(page: str) -> str:
    """One line per block of visible text, whitespace collapsed (csrf tokens, ids and URLs
    live in attributes, so they are gone with the tags)."""
    parser = _VisibleText()
    parser.feed(page)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _answers(case: Case) -> Any:
    """The stored answers as a frame of strings, as the survey would store them."""
    import pandas as pd

    return pd.read_csv(case.csv, dtype=str, keep_default_na=False)


def _context(case: Case) -> dict[str, Any]:
    if case.context_path is None:
        return {}
    with case.context_path.open("rb") as handle:
        return tomllib.load(handle)


def produce_web(case: Case, out: Path) -> None:
    """The visible text of each results tab of a closed scan holding the case's answers,
    and its downloads (``web-<lang>/``: figures, workbook, PDF text, anonymised answers).

    Needs a Django test database (pytest-django's ``db`` fixture, or
    ``regenerate.py``'s own). The scan asks every setting the file has answers for
    (should-decide and segment), so its answers equal the file's. With
    ``case.previous``, an earlier closed scan holds that case's answers.
    """
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from tandem.web.accounts.models import User
    from tandem.web.organisations.services import organisation_create
    from tandem.web.scans.models import Scan

    cache.clear()  # results are cached by scan id; a reused id must not see another case
    owner = User.objects.create_user(f"golden-{case.name}@example.org")
    organisation = organisation_create(name=case.organisation or "Golden", owner=owner,
                                       **_context(case))
    if case.previous is not None:
        earlier = _closed_scan(CASE_BY_NAME[case.previous], organisation, owner)
        # An earlier wave is one created before; a fixed distance, so never a tie.
        Scan.objects.filter(pk=earlier.pk).update(
            created_at=earlier.created_at - timedelta(days=90))
    scan = _closed_scan(case, organisation, owner)
    client = Client()
    client.force_login(owner)
    ids = {"org_id": organisation.pk, "scan_id": scan.pk}

    def get(name: str, language: str, **extra: str) -> bytes:
        url = reverse(f"results:{name}", kwargs={**ids, **extra})
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        if response.status_code != 200:
            raise RuntimeError(f"{url} ({language}) answered {response.status_code}")
        return bytes(response.content)

    for lang in LANGS:
        for tab in TABS:
            _write(out / f"pages-{lang}" / f"{tab}.txt", visible_text(get(tab, lang).decode()))
        web = out / f"web-{lang}"
        if lang == LANGS[0]:  # the figures CSV is language-neutral: once is enough
            _write(web / "figures.csv", get("csv", lang).decode("utf-8"))
        _write(web / "workbook.json", workbook_json(io.BytesIO(get("xlsx", lang))))
        _write(web / "report.txt", pdf_text(io.BytesIO(get("pdf", lang, lang=lang))))
        _write_zip(io.BytesIO(get("responses", lang)), web / "responses")


def _closed_scan(case: Case, organisation: Any, owner: Any) -> Any:
    """A scan opened, answered with the case's stored answers (ids in file order), closed."""
    from tandem.web.results.testing import responses_add
    from tandem.web.scans.services import scan_close, scan_create, scan_open

    scan = scan_create(organisation=organisation, title=f"Golden {case.name}",
                       instrument_name=GOLDEN_INSTRUMENT, form=case.form, k=case.k,
                       should_decide=True, segment=True)
    scan = scan_open(scan=scan, actor=owner)
    frame = _answers(case)
    responses_add(scan=scan, frame=frame)
    _ids_in_file_order(scan, frame)
    return scan_close(scan=scan, actor=owner)


def _ids_in_file_order(scan: Any, frame: Any) -> None:
    """Renumber the scan's responses in the file's row order (1..n after the scan's id).

    Response ids are random UUIDs and the core reads answers in id order. The figures
    do not depend on that order (tests/analysis/test_diagnose.py), but sums in another
    order can differ in the last bit, and these files compare every float exactly. With
    ids in file order the pages see the answers in the order the CLI reads them. Rows are
    matched by their answers (identical answers are interchangeable), so this works on
    any database.
    """
    import uuid

    from tandem.web.responses.models import Response

    def key(answers: dict[str, str]) -> str:
        return json.dumps(answers, sort_keys=True)

    stored: dict[str, list[Any]] = {}
    for pk, answers in Response.objects.filter(scan=scan).values_list("pk", "answers"):
        stored.setdefault(key(answers), []).append(pk)
    item_ids = [c for c in frame.columns if c != "respondent"]
    for number, row in enumerate(frame[item_ids].to_dict("records"), start=1):
        pk = stored[key({k: v for k, v in row.items() if v != ""})].pop()
        Response.objects.filter(pk=pk).update(id=uuid.UUID(int=(scan.pk << 64) + number))


# ---------------------------------------------------------------- comparing


def files_under(root: Path) -> list[str]:
    """Relative paths of every file under ``root``, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def is_web(path: str) -> bool:
    """Whether an output comes from the web app (those need a database)."""
    return path.startswith(("pages-", "web-"))


def compare_trees(expected: Path, actual: Path, *, wanted: Callable[[str], bool] = bool,
                  context: int = 3, max_lines: int = 40) -> list[str]:
    """Readable differences between two output trees (empty when they agree).

    Only paths for which ``wanted`` is true are compared. Each differing file gives its
    path and the start of a unified diff.
    """
    want = [p for p in files_under(expected) if wanted(p)]
    got = [p for p in files_under(actual) if wanted(p)]
    problems = [f"missing output: {p}" for p in sorted(set(want) - set(got))]
    problems += [f"unexpected output (not in expected/): {p}" for p in sorted(set(got) - set(want))]
    for path in sorted(set(want) & set(got)):
        old = (expected / path).read_text(encoding="utf-8").splitlines()
        new = (actual / path).read_text(encoding="utf-8").splitlines()
        if _same_lines(old, new):
            continue
        diff = list(difflib.unified_diff(old, new, f"expected/{path}", f"actual/{path}",
                                         n=context, lineterm=""))
        shown = diff[:max_lines]
        more = len(diff) - len(shown)
        problems.append("\n".join([*shown, *([f"... ({more} more diff lines)"] if more else [])]))
    return problems


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")
#: A number written with at least this many significant digits is a float at full
#: precision (a figure in a CSV, workbook or JSON), not a figure as a page rounds it.
FULL_PRECISION = 12
#: How far two full-precision floats may differ: their last bits depend on the order a
#: sum is added in, which numpy's SIMD code chooses by CPU (AVX2 or AVX-512).
FLOAT_TOLERANCE = 1e-9


def _significant_digits(number: str) -> int:
    mantissa = re.split("[eE]", number)[0]
    return len(mantissa.lstrip("-").replace(".", "").lstrip("0"))


def _same_lines(old: list[str], new: list[str]) -> bool:
    """Line for line the same text, where full-precision floats may differ in their last
    bits only; every rounded figure (a page's "58", a CSV's "0.84") must be equal."""
    return len(old) == len(new) and all(
        a == b or _same_line(a, b) for a, b in zip(old, new, strict=True))


def _same_line(old: str, new: str) -> bool:
    if _NUMBER.split(old) != _NUMBER.split(new):
        return False
    for a, b in zip(_NUMBER.findall(old), _NUMBER.findall(new), strict=True):
        if a == b:
            continue
        if max(_significant_digits(a), _significant_digits(b)) < FULL_PRECISION:
            return False
        if not math.isclose(float(a), float(b), rel_tol=FLOAT_TOLERANCE, abs_tol=1e-12):
            return False
    return True


def replace_tree(source: Path, target: Path) -> None:
    """Make ``target`` an exact copy of ``source`` (used when regenerating)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)


def iter_cases(names: Sequence[str]) -> Iterator[Case]:
    """The named cases (all when none are named); unknown names are an error."""
    unknown = set(names) - set(CASE_BY_NAME)
    if unknown:
        raise SystemExit(f"unknown case(s) {sorted(unknown)}; known: {sorted(CASE_BY_NAME)}")
    yield from (CASE_BY_NAME[n] for n in names) if names else CASES
