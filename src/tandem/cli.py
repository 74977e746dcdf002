"""The ``tandem`` command: parse arguments, call the core, print. No figures computed here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tandem.i18n import LANGUAGES, Text
from tandem.privacy import DEFAULT_K, MIN_K

K_HELP = f"anonymity threshold k (>= {MIN_K}; default {DEFAULT_K})"

if TYPE_CHECKING:
    from tandem.io.responses import Loaded
    from tandem.responses import ResponseSet

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    lang = getattr(args, "lang", None)
    clash = _output_over_input(args)
    if clash is not None:
        print(f"tandem: {_OVER_INPUT(lang or 'en').format(path=clash)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        return int(args.handler(args))
    except (ValueError, OSError) as exc:  # bad input: one clear message, no traceback
        print(f"tandem: {_in_language(exc, lang)}", file=sys.stderr)
        return EXIT_BAD_INPUT


_OVER_INPUT = Text("{path}: dit bestand wordt gelezen en zou worden overschreven; kies een "
                   "ander uitvoerbestand (-o)",
                   "{path}: this file is read and would be overwritten; choose another output "
                   "file (-o)")


def _output_over_input(args: argparse.Namespace) -> Path | None:
    """A file the command would write that is also one it reads, else None.

    Writing comes after reading, so the output itself would be right, but the answers
    it was made from would be gone: refused before anything is read or written."""
    output = getattr(args, "output", None)
    if output is None:
        return None
    writes = [output]
    if args.command == "export":  # the codebooks beside the data file
        writes += [output.with_suffix(".codebook.md"), output.with_suffix(".codebook.json")]
    reads = [p for name in ("file", "context", "mapping")
             if isinstance(p := getattr(args, name, None), Path)]
    for written in writes:
        for read in reads:
            if written.resolve() == read.resolve() or (
                written.exists() and read.exists() and written.samefile(read)
            ):
                return read
    return None


def _in_language(exc: Exception, lang: str | None) -> str:
    """A response file's or a context's problems in the language the command writes in
    (else English)."""
    from tandem.context import ContextError
    from tandem.responses import ResponseDataError

    if isinstance(exc, ResponseDataError) and lang:
        return exc.describe(lang)
    if isinstance(exc, ContextError) and lang:
        return exc.message(lang)
    return str(exc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tandem",
        description="Tandem: measure and improve how Sales, Marketing and Service work together.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    codebook = sub.add_parser("codebook", help="list every question with its codes and texts")
    codebook.add_argument("--form", choices=["full", "quick"], default="full")
    codebook.add_argument("--lang", choices=LANGUAGES, default=None)
    codebook.add_argument("--format", choices=["json", "csv", "md"], default="md")
    codebook.add_argument("--instrument", default=None,
                          help="questionnaire version (1, 2 or tandem-scan-1; default: newest)")
    codebook.add_argument("--diff", nargs=2, metavar=("FROM", "TO"), default=None,
                          help="what changed between two versions (e.g. --diff 1 2): added, "
                          "removed, reworded, moved and rekeyed items; --format md or json")
    codebook.set_defaults(handler=_codebook)

    questionnaire = sub.add_parser(
        "questionnaire", help="export the questionnaire to a survey tool, or as JSON"
    )
    questionnaire.add_argument(
        "--to",
        required=True,
        choices=["limesurvey", "qualtrics", "google-forms", "ms-forms", "text", "json"],
    )
    questionnaire.add_argument("--lang", choices=LANGUAGES, default="nl")
    questionnaire.add_argument("--form", choices=["full", "quick"], default="full")
    questionnaire.add_argument(
        "--setting",
        action="append",
        choices=["segment", "should_decide"],
        default=[],
        help="include an optional question (repeatable)",
    )
    questionnaire.add_argument(
        "--definition", type=Path, default=None, help="a custom survey definition (JSON)"
    )
    questionnaire.add_argument("--instrument", default=None,
                               help="questionnaire version (1, 2 or tandem-scan-1; "
                               "default: newest)")
    questionnaire.add_argument("-o", "--output", type=Path, default=None)
    questionnaire.set_defaults(handler=_questionnaire)

    demo = sub.add_parser("demo-data", help="write a realistic synthetic response file")
    demo.add_argument("--respondents", type=int, default=120)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--profile", default="default")
    demo.add_argument("--form", choices=["full", "quick"], default="full")
    demo.add_argument("--instrument", default=None,
                      help="questionnaire version (1, 2 or tandem-scan-1; default: newest)")
    demo.add_argument("-o", "--output", type=Path, default=None)
    demo.set_defaults(handler=_demo_data)

    score = sub.add_parser("score", help="diagnose a response file (CSV or XLSX)")
    score.add_argument("file", type=Path)
    score.add_argument("--context", type=Path, default=None, help="organisation context (TOML)")
    score.add_argument("--min-group", type=int, default=DEFAULT_K, help=K_HELP)
    score.add_argument("--lang", choices=LANGUAGES, default="nl")
    score.add_argument("--format", choices=["json", "md"], default="md")
    score.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    score.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    score.add_argument("-o", "--output", type=Path, default=None)
    score.set_defaults(handler=_score)

    report = sub.add_parser("report", help="write the report (PDF), workbook or exports")
    report.add_argument("file", type=Path)
    report.add_argument("-o", "--output", type=Path, required=True)
    report.add_argument("--lang", choices=LANGUAGES, default="nl")
    report.add_argument("--context", type=Path, default=None, help="organisation context (TOML)")
    report.add_argument(
        "--format",
        choices=["pdf", "xlsx", "csv", "data"],
        default=None,
        help="pdf report, xlsx workbook, csv of aggregated figures, or data: a zip of the "
        "anonymised answers with codebook (default: from the output's suffix, else pdf)",
    )
    report.add_argument("--min-group", type=int, default=DEFAULT_K, help=K_HELP)
    report.add_argument("--organisation", default=None, help="name in the PDF's title line")
    report.add_argument("--scan", default=None, help="the scan's name in the PDF's title line")
    report.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    report.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    report.set_defaults(handler=_report)

    deck = sub.add_parser(
        "deck", help="write the meeting deck (PowerPoint) from a response file or a result "
        "(the JSON of tandem score --format json)")
    deck.add_argument("file", type=Path, help="a response file (CSV, XLSX) or a result (.json)")
    deck.add_argument("-o", "--output", type=Path, required=True, help="the deck (.pptx)")
    deck.add_argument("--lang", choices=LANGUAGES, default="nl")
    deck.add_argument("--context", type=Path, default=None, help="organisation context (TOML)")
    deck.add_argument("--min-group", type=int, default=DEFAULT_K, help=K_HELP)
    deck.add_argument("--organisation", default=None, help="name on the title slide")
    deck.add_argument("--scan", default=None, help="the scan's name on the title slide")
    deck.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    deck.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    deck.set_defaults(handler=_deck)

    export = sub.add_parser(
        "export",
        help="write the anonymised answers as labelled research data (SPSS, Stata or CSV) "
        "with a codebook (OUT's name with .codebook.md and .codebook.json)",
    )
    export.add_argument("file", type=Path)
    export.add_argument("-o", "--output", type=Path, required=True)
    export.add_argument("--format", choices=["sav", "dta", "csv"], default=None,
                        help="sav (SPSS), dta (Stata) or csv (default: from the output's suffix)")
    export.add_argument("--lang", choices=LANGUAGES, default="nl", help="language of the labels")
    export.add_argument("--organisation", default=None,
                        help="pseudonymous organisation code (default: a hash of the file)")
    export.add_argument("--wave", type=int, default=1, help="measurement round (default 1)")
    export.add_argument("--min-group", type=int, default=DEFAULT_K, help=K_HELP)
    export.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    export.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    export.set_defaults(handler=_export)

    inspect = sub.add_parser(
        "inspect",
        help="show how a response file would be read: source, headings, recodings, problems",
    )
    inspect.add_argument("file", type=Path)
    inspect.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    inspect.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    inspect.add_argument("--lang", choices=LANGUAGES, default="nl")
    inspect.set_defaults(handler=_inspect)

    psy = sub.add_parser(
        "psychometrics",
        help="reliability, omega, ICC, measurement invariance and the ladder check "
        "(for consultants and researchers)",
    )
    psy.add_argument("file", type=Path)
    psy.add_argument("--format", choices=["json", "md"], default="md")
    psy.add_argument("--lang", choices=LANGUAGES, default="nl")
    psy.add_argument("--min-group", type=int, default=DEFAULT_K, help=K_HELP)
    psy.add_argument("--mapping", type=Path, default=None, help="CSV header,question_id")
    psy.add_argument("--source", choices=_sources(), default=None, help=_SOURCE_HELP)
    psy.add_argument("-o", "--output", type=Path, default=None)
    psy.set_defaults(handler=_psychometrics)

    serve = sub.add_parser("serve", help="apply migrations and start the web app")
    serve.add_argument("--demo", action="store_true", help="load a demo organisation first")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(handler=_serve)

    for name, text in (("backup", "write the web app's database to FILE (*.json[.gz])"),
                       ("restore", "restore a backup FILE into an empty database")):
        command = sub.add_parser(name, help=text)
        command.add_argument("file", type=Path)
        command.set_defaults(handler=_manage)
    return parser


_SOURCE_HELP = "the tool that exported the file (default: detected)"


def _sources() -> list[str]:
    from tandem.io.responses import SOURCES

    return list(SOURCES)


def _inspect(args: argparse.Namespace) -> int:
    from tandem.io.responses import inspect_responses
    from tandem.io.responses.inspection import render_inspection

    report = inspect_responses(args.file, source=args.source, mapping=args.mapping)
    _write(render_inspection(report, args.lang), None)
    return 0 if report.ok else EXIT_BAD_INPUT


def _load(args: argparse.Namespace) -> ResponseSet:
    """The responses; for another tool's export, what was left out goes to stderr."""
    from tandem.io.responses import load_responses

    loaded = load_responses(args.file, mapping=args.mapping, source=args.source)
    _summary(args, loaded)
    return loaded.responses


def _summary(args: argparse.Namespace, loaded: Loaded) -> None:
    from tandem.io.responses.inspection import render_summary

    if loaded.report is not None:
        sys.stderr.write(render_summary(loaded.report, args.lang))


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _codebook(args: argparse.Namespace) -> int:
    from tandem.instrument import find_instrument, load_instrument
    from tandem.report.codebook import render_codebook

    if args.diff:
        from tandem.instrument.diff import diff_instruments
        from tandem.report.codebook_diff import render_diff

        if args.format == "csv":
            raise ValueError("--diff writes md or json, not csv")
        before, after = (find_instrument(v) for v in args.diff)
        _write(render_diff(diff_instruments(before, after), args.format, args.lang), None)
        return 0
    instrument = find_instrument(args.instrument) if args.instrument else load_instrument()
    _write(render_codebook(instrument, args.form, args.lang, args.format), None)
    return 0


def _questionnaire(args: argparse.Namespace) -> int:
    from tandem.instrument import find_instrument, load_instrument
    from tandem.report.questionnaire import render_questionnaire
    from tandem.report.questionnaire.definition import load_definition

    if args.definition:
        instrument = load_definition(args.definition)
    else:
        instrument = find_instrument(args.instrument) if args.instrument else load_instrument()
    settings = frozenset(args.setting)
    if args.to == "ms-forms" and args.output and args.output.suffix.lower() == ".docx":
        from tandem.report.questionnaire.ms_forms import render_ms_forms_docx

        args.output.write_bytes(render_ms_forms_docx(instrument, args.lang, args.form, settings))
        return 0
    _write(render_questionnaire(instrument, args.to, args.lang, args.form, settings), args.output)
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from tandem.instrument import find_instrument
    from tandem.io.demo import generate_responses
    from tandem.io.writers import write_csv

    if args.respondents < 1:
        raise ValueError("--respondents must be at least 1")
    instrument = find_instrument(args.instrument) if args.instrument else None
    frame = generate_responses(args.respondents, args.seed, args.profile, form=args.form,
                               instrument=instrument)
    if args.output is None:
        write_csv(frame, sys.stdout)
    else:
        with args.output.open("w", encoding="utf-8", newline="") as handle:
            write_csv(frame, handle)
    return 0


def _score(args: argparse.Namespace) -> int:
    from tandem.analysis.diagnose import diagnose
    from tandem.context import load_context

    context = load_context(args.context) if args.context else None
    responses = _load(args)
    result = diagnose(responses, context=context, min_group=args.min_group)
    if args.format == "json":
        text = result.to_json() + "\n"
    else:  # the report's modules only when a report is written
        from tandem.report.markdown import render_markdown

        text = render_markdown(result, args.lang)
    _write(text, args.output)
    return 0


def _psychometrics(args: argparse.Namespace) -> int:
    """``tandem psychometrics``: the figures of :mod:`tandem.analysis.psychometrics`; the
    languages come from the file when it says them (:mod:`tandem.io.languages`)."""
    from tandem.analysis.psychometrics import psychometrics
    from tandem.io.languages import load_with_languages
    from tandem.report.psychometrics import render_json, render_markdown

    found = load_with_languages(args.file, mapping=args.mapping, source=args.source)
    _summary(args, found.loaded)
    result = psychometrics(found.loaded.responses, found.languages, k=args.min_group)
    text = render_json(result) if args.format == "json" else render_markdown(result, args.lang)
    _write(text, args.output)
    return 0


REPORT_SUFFIXES = {".pdf": "pdf", ".xlsx": "xlsx", ".csv": "csv", ".zip": "data"}


def _report(args: argparse.Namespace) -> int:
    from tandem.analysis.diagnose import diagnose
    from tandem.context import load_context

    fmt = args.format or REPORT_SUFFIXES.get(args.output.suffix.lower(), "pdf")
    context = load_context(args.context) if args.context else None
    responses = _load(args)
    result = diagnose(responses, context=context, min_group=args.min_group)
    if fmt == "pdf":
        from tandem.report.pdf import render_pdf

        args.output.write_bytes(
            render_pdf(result, args.lang, organisation=args.organisation, scan=args.scan)
        )
    elif fmt == "xlsx":
        from tandem.report.workbook import render_workbook

        args.output.write_bytes(render_workbook(result, args.lang))
    elif fmt == "csv":
        from tandem.report.exports import write_aggregated_csv

        write_aggregated_csv(result, args.output)
    else:
        from tandem.report.exports import anonymised_export

        args.output.write_bytes(anonymised_export(responses, result, args.lang))
    return 0


def _deck(args: argparse.Namespace) -> int:
    """``tandem deck``: the meeting deck of a response file, or of a result kept as JSON
    (read as the web app reads a kept result, with what its schema version lacks decided)."""
    from tandem.report.deck import render_deck

    if args.file.suffix.lower() == ".json":
        from tandem.analysis.emphasis import read_result

        if args.context or args.mapping or args.source:
            raise ValueError("--context, --mapping and --source apply to a response file, "
                             "not to a result")
        result = read_result(args.file.read_bytes())
    else:
        from tandem.analysis.diagnose import diagnose
        from tandem.context import load_context

        context = load_context(args.context) if args.context else None
        result = diagnose(_load(args), context=context, min_group=args.min_group)
    args.output.write_bytes(render_deck(result, args.lang, organisation=args.organisation,
                                        scan=args.scan))
    return 0


def _export(args: argparse.Namespace) -> int:
    from tandem.analysis.diagnose import diagnose
    from tandem.report.research import (
        FORMATS,
        check_origin,
        codebooks,
        file_pseudonym,
        research_data,
        write,
    )

    fmt = args.format or args.output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"cannot tell the format from {args.output.name!r}: give --format "
                         "sav, dta or csv")
    organisation = args.organisation or file_pseudonym(args.file)
    check_origin(organisation, args.wave)  # before reading: a wrong flag costs nothing
    responses = _load(args)
    result = diagnose(responses, min_group=args.min_group)
    data = research_data(responses, result, lang=args.lang, organisation=organisation,
                         wave=args.wave)
    if data is None:
        raise ValueError(f"{args.file}: fewer respondents than the anonymity threshold "
                         f"(k = {result.meta.k}): nothing is shown, so nothing was written")
    del responses, result  # the coded rows hold all that is written: free the rest first
    write(data, fmt, args.output)  # straight to the file: never a second copy as bytes
    markdown, json_text = codebooks(data, fmt)
    args.output.with_suffix(".codebook.md").write_text(markdown, encoding="utf-8")
    args.output.with_suffix(".codebook.json").write_text(json_text, encoding="utf-8")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from tandem.web.serve import run

    return run(demo=args.demo, host=args.host, port=args.port)


def _manage(args: argparse.Namespace) -> int:
    """``backup`` / ``restore``: the web app's management commands of the same name."""
    from tandem.web.__main__ import main as manage

    manage([args.command, str(args.file)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
