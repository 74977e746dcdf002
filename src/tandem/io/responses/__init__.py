"""Read a response file (CSV or XLSX, one row per respondent) into a :class:`ResponseSet`.

All or nothing: every problem in the file is collected (wrong encoding, unknown or
duplicate columns, bad answers, duplicate respondent ids, ...) and reported at once in
a :class:`ResponseDataError`, so whoever prepared the file can fix it in one go, and
nothing is scored from a file that is partly wrong. Row numbers are those a spreadsheet
shows (header = row 1, first answer row = 2).

Speed: a CSV is tokenised by pandas' C parser into categorical columns (codes plus the
few distinct answers), so validation runs once per distinct answer with the shared
parsers :func:`tandem.responses.parse_likert` / :func:`parse_choice` and is spread to the
rows with numpy. A 100,000-row file reads in well under a second. Rows that are
completely empty (trailing ``;;;;`` lines from Excel) are not respondents and are skipped.

Modules, one job each (reading knows no instrument; recoding knows no file format):

- :mod:`.reading`: a CSV or XLSX file into a table of cell texts (encodings, separators);
- :mod:`.headers`: which question each column answers (ids, texts, a mapping file);
- :mod:`.recoding`: cell texts into Likert numbers, option codes and texts;
- :mod:`.validation`: blank rows, unnamed columns, bad answers, respondent ids;
- :mod:`.assembly`: the :class:`ResponseSet`;
- :mod:`.sources`: one module per survey tool (Qualtrics, LimeSurvey, SurveyMonkey,
  Google Forms, Microsoft Forms, Tandem's own format): detection, header rows,
  standard columns, answer codes;
- :mod:`.importing`: another tool's export through headings, recoding (label sets in
  ``labels.toml``) and the same validation, with an :class:`ImportReport` of what was
  done (``tandem inspect``; :mod:`.inspection` renders it). See docs/import.md.

Headers are question ids (``def_roles``), the question texts in Dutch or English (as
other survey tools export them; matched ignoring case and spacing), or any name mapped
by a mapping file: a CSV with columns ``header,question_id``, where an empty
``question_id`` means "ignore this column" (e.g. a timestamp).

Without an instrument, the file is read with the version of the questionnaire its
headings name (:mod:`.versions`): an answer file of version 1 keeps scoring as version 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tandem.instrument.model import Form, Instrument
from tandem.io.responses.assembly import build
from tandem.io.responses.headers import (
    ALL_SETTINGS,
    REQUIRED,
    RESPONDENT,
    HeaderNames,
    plan_columns,
    read_mapping,
    settings_with_modules,
)
from tandem.io.responses.importing import Imported, import_responses, peek_tool, tool_named
from tandem.io.responses.reading import EXCEL_SUFFIXES, open_source
from tandem.io.responses.report import (
    MAX_PROBLEMS_PER_COLUMN,
    UNREADABLE,
    ImportReport,
    Report,
)
from tandem.io.responses.sources.registry import NAMES as SOURCES
from tandem.io.responses.sources.registry import TANDEM
from tandem.io.responses.versions import detect_instrument
from tandem.io.safety import RESPONSE_FILE_LIMITS, FileLimits
from tandem.responses import Problem, ResponseDataError, ResponseSet, parse_choice

__all__ = [
    "ALL_SETTINGS",
    "EXCEL_SUFFIXES",
    "MAX_PROBLEMS_PER_COLUMN",
    "REQUIRED",
    "RESPONDENT",
    "SOURCES",
    "Examined",
    "ImportReport",
    "Imported",
    "Loaded",
    "detect_instrument",
    "examine_responses",
    "import_responses",
    "inspect_responses",
    "load_responses",
    "read_responses",
]


def inspect_responses(
    path: Path | str,
    instrument: Instrument | None = None,
    *,
    source: str | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] | None = None,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
) -> ImportReport:
    """What reading ``path`` would do (source, headings, recodings, problems); never raises
    for bad data: the problems are in the report, the same ones ``tandem score`` names."""
    return examine_responses(path, instrument, source=source, mapping=mapping,
                             settings=settings, limits=limits).report


@dataclass(frozen=True)
class Examined:
    """A file checked before it is used: the report, and the responses when the report
    has no problem."""

    report: ImportReport
    responses: ResponseSet | None


def examine_responses(
    path: Path | str,
    instrument: Instrument | None = None,
    *,
    form: Form | None = None,
    source: str | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] | None = None,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
) -> Examined:
    """The import check (``tandem inspect``, the web's page before an import) and the
    read itself, so the check never says "ready" for a file the reader refuses.

    The check reads every file as an export, where an unknown department is a warning;
    a file in Tandem's own format is then read as :func:`read_responses` reads it, where
    a department code that is not one (a typo such as ``serviec``) is a problem. When
    the reader refuses, its problems are the report's: all of them at once, the typo
    beside a bad answer, so a file is fixed in one round.
    """
    instrument = instrument if instrument is not None else detect_instrument(path, limits)
    report = import_responses(
        path, instrument, source=source, mapping=mapping,
        settings=ALL_SETTINGS if settings is None else settings, limits=limits,
    ).report
    if report.problems and report.source != TANDEM.name:
        return Examined(report, None)  # an export: its reading is this check's
    try:
        loaded = load_responses(path, instrument, form=form, mapping=mapping,
                                settings=settings, limits=limits, source=source)
    except ResponseDataError as error:
        report.problems = list(error.problems)
        # in Tandem's own format an unknown department is one of these problems
        report.warnings = [w for w in report.warnings if not (w.kind == REQUIRED and w.value)]
        return Examined(report, None)
    return Examined(report, None if report.problems else loaded.responses)


def read_responses(
    path: Path | str,
    instrument: Instrument | None = None,
    *,
    form: Form | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] | None = None,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
    source: str | None = None,
) -> ResponseSet:
    """Read and validate a wide response file; raise ResponseDataError listing every problem.

    ``form`` is detected when not given: quick when every question column belongs to
    the quick form, else full. Questions of the form that the file lacks are all
    missing, except ``department``, which is required. ``limits`` bound the size of the
    file and of a workbook inside it (see :mod:`tandem.io.safety`). ``source`` names
    the survey tool that exported the file (see :data:`SOURCES`); by default it is
    detected, and Tandem's own format is read as before. ``settings`` are a scan's; left
    out (a file outside a scan) they are every setting, plus each optional module whose
    columns the file has (:func:`~tandem.io.responses.headers.settings_with_modules`).
    """
    return load_responses(
        path, instrument, form=form, mapping=mapping, settings=settings, limits=limits,
        source=source,
    ).responses


@dataclass(frozen=True)
class Loaded:
    responses: ResponseSet
    report: ImportReport | None  # None for a file in Tandem's own format


def load_responses(
    path: Path | str,
    instrument: Instrument | None = None,
    *,
    form: Form | None = None,
    mapping: Path | str | None = None,
    settings: frozenset[str] | None = None,
    limits: FileLimits = RESPONSE_FILE_LIMITS,
    source: str | None = None,
) -> Loaded:
    """As :func:`read_responses`, with the import report of another tool's export (what
    was left out and the warnings, for the caller to say)."""
    outside_a_scan = settings is None
    settings = ALL_SETTINGS if settings is None else settings
    path = Path(path)
    instrument = instrument if instrument is not None else detect_instrument(path, limits)
    if source != TANDEM.name:
        tool = tool_named(source) if source else peek_tool(path, limits)
        if tool is not TANDEM:
            imported = import_responses(
                path, instrument, source=source, form=form, mapping=mapping,
                settings=settings, limits=limits, tandem_as_is=True,
            )
            if imported.report.source != TANDEM.name:
                if imported.responses is not None:
                    return Loaded(imported.responses, imported.report)
                raise ResponseDataError(imported.report.problems, source=str(path))
    try:
        responses = _read_tandem(path, instrument, form, mapping, settings, limits,
                                 modules_from_header=outside_a_scan)
    except ResponseDataError as error:
        if source is not None:
            raise
        # Not quite Tandem's format (question texts written differently, answers as
        # labels such as "Mee eens", departments in Dutch): read it as an export when
        # every heading and answer can be placed that way; else its own problems stand.
        imported = import_responses(
            path, instrument, source=TANDEM.name, form=form, mapping=mapping,
            settings=settings, limits=limits,
        )
        unknown = _unknown_departments(imported.report, instrument)
        if imported.responses is not None and not unknown:
            return Loaded(imported.responses, imported.report)
        if _answers_as_labels(imported.report):  # the reader refused every label: noise
            raise ResponseDataError([*imported.report.problems, *unknown],
                                    source=str(path)) from None
        raise error from None
    return Loaded(responses, _empty_departments(path, responses, instrument, form, mapping,
                                                settings, limits))


def _answers_as_labels(report: ImportReport) -> bool:
    """Whether a file in Tandem's format writes answers as labels ("Mee eens" for 4):
    then the export's reading names its problems, as the reader refuses every label."""
    return any(r.code and r.value.strip().casefold() != r.code.casefold()
               for r in report.recodings)


def _unknown_departments(report: ImportReport, instrument: Instrument) -> list[Problem]:
    """A department that is none (a typo such as ``serviec``) in a file in Tandem's own
    format: a problem on each of its rows, as the reader says it, where an export only
    warns (its departments may be named in words Tandem does not know)."""
    column = next((h.heading for h in report.headings if h.target == REQUIRED), REQUIRED)
    item = instrument.item(REQUIRED)
    found = sorted((row, message) for w in report.warnings if w.kind == REQUIRED and w.value
                   for message in [parse_choice(item, w.value)[1]] if message is not None
                   for row in w.rows)
    problems = Report()  # capped per column, as every reader's problems are
    problems.rows(column, [row for row, _ in found], lambda i: found[i][1])
    return problems.problems


def _empty_departments(
    path: Path,
    responses: ResponseSet,
    instrument: Instrument,
    form: Form | None,
    mapping: Path | str | None,
    settings: frozenset[str],
    limits: FileLimits,
) -> ImportReport | None:
    """For a file in Tandem's format whose department cell is empty on some rows: the
    import report naming those rows (a warning, never silently "other"); else None.

    Only then is the file read a second time, as an export, for the row numbers; the
    responses scored are those of the usual reader either way.
    """
    if all(d is not None for d in responses.department):
        return None
    report = import_responses(
        path, instrument, source=TANDEM.name, form=form, mapping=mapping,
        settings=settings, limits=limits,
    ).report
    report.n = responses.n
    return report


def _read_tandem(
    path: Path,
    instrument: Instrument,
    form: Form | None,
    mapping: Path | str | None,
    settings: frozenset[str],
    limits: FileLimits,
    *,
    modules_from_header: bool = False,
) -> ResponseSet:
    report = Report()
    names = HeaderNames(instrument)
    if mapping is not None:
        names.add_mapping(read_mapping(Path(mapping), instrument, report, limits))
    opened = open_source(path, report, lambda header: names.resolve(header) is not None, limits)
    if opened is None:
        raise ResponseDataError(report.problems, source=str(path))
    if modules_from_header:  # a file outside a scan: its columns say what was asked
        settings = settings_with_modules(opened.header, instrument, names, settings)
    plan = plan_columns(opened.header, instrument, names, form, settings, report)
    table = opened.load(plan.kinds, report) if plan.kinds else None
    if table is not None:
        responses = build(table, plan, instrument, settings, report)
        if responses is not None and not report.problems:
            return responses
    if not report.problems:  # defensive: never return nothing without saying why
        report.add(UNREADABLE)
    raise ResponseDataError(report.problems, source=str(path))
