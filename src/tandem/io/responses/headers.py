"""Which question each column of a response file answers, and which columns to load.

A header is a question id (``def_roles``), the question text in Dutch or English (as
other survey tools export them; matched ignoring case and spacing), or any name mapped
by a mapping file: a CSV with columns ``header,question_id``, where an empty
``question_id`` means "ignore this column" (e.g. a timestamp). Knows the instrument,
not the file format: it works on the header cells that reading found.
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass
from pathlib import Path

from tandem.instrument.model import Form, Instrument, Item
from tandem.io.responses.reading import decode, normalise, read_bytes, read_csv_records
from tandem.io.responses.report import Report, column_letter
from tandem.io.responses.table import ColumnKind
from tandem.io.safety import FileLimits, RejectedFileError
from tandem.responses import parse_likert

RESPONDENT = "respondent"
REQUIRED = "department"
ALL_SETTINGS: frozenset[str] = frozenset({"should_decide", "segment"})
IGNORE = ""  # mapping target that drops a column


class HeaderNames:
    """Maps a header (id, question text in nl/en, or mapped name) to a question id."""

    def __init__(self, instrument: Instrument) -> None:
        by_text: dict[str, str] = {}
        ambiguous: set[str] = set()
        for item in instrument.items:
            for text in (item.text.nl, item.text.en):
                key = normalise(text)
                if by_text.get(key, item.id) != item.id:
                    ambiguous.add(key)
                by_text[key] = item.id
        for key in ambiguous:
            del by_text[key]
        self.ids = {normalise(item.id): item.id for item in instrument.items}
        self.ids[RESPONDENT] = RESPONDENT
        self.texts = by_text
        self.mapped: dict[str, str] = {}

    def add_mapping(self, mapping: dict[str, str]) -> None:
        self.mapped.update(mapping)

    def resolve(self, header: str) -> str | None:
        key = normalise(header)
        for table in (self.mapped, self.ids, self.texts):
            if key in table:
                return table[key]
        return None

    def suggest(self, header: str) -> str:
        key = normalise(header)
        candidates = {**self.texts, **self.ids}
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
        return f"; did you mean {candidates[close[0]]!r}?" if close else ""


@dataclass
class Plan:
    form: Form
    targets: dict[int, str]  # file position -> question id (or "respondent")
    kinds: dict[int, ColumnKind]  # positions to load, with the codes expected there
    unnamed: list[int]  # positions without a header (fine only when empty)
    labels: dict[int, str]  # position -> header as written, for problems


def plan_columns(
    header: list[str],
    instrument: Instrument,
    names: HeaderNames,
    form: Form | None,
    settings: frozenset[str],
    report: Report,
) -> Plan:
    targets: dict[int, str] = {}
    seen: dict[str, int] = {}
    unnamed: list[int] = []
    labels = {p: h.strip() for p, h in enumerate(header)}
    unknown: list[int] = []
    for pos, label in labels.items():
        if not label:
            unnamed.append(pos)
            continue
        target = names.resolve(label)
        if target is None:
            unknown.append(pos)
            continue
        if target == IGNORE:
            continue
        if target in seen:
            first = seen[target]
            same = normalise(labels[first]) == normalise(label)
            what = "duplicate column" if same else f"a second column for question {target!r}"
            report.add(
                f"{what}: column {column_letter(pos)} repeats column {column_letter(first)} "
                f"({labels[first]!r})",
                row=1,
                column=label,
            )
            continue
        seen[target] = pos
        targets[pos] = target
    answer_codes = {o.code.lower() for s in instrument.option_sets.values() for o in s.options}
    if unknown and not targets and looks_like_answers([labels[p] for p in unknown], answer_codes):
        report.add(
            "no header row: row 1 must name the questions (question ids such as "
            "'department', 'def_roles'), but it holds answers",
            row=1,
        )
    else:
        for pos in unknown:
            label = labels[pos]
            report.add(f"unknown column {label!r}{names.suggest(label)}", row=1, column=label)

    question_ids = {t for t in targets.values() if t != RESPONDENT}
    if form is None:
        quick = {i.id for i in instrument.items_for("quick", settings)}
        form = "quick" if question_ids and question_ids <= quick else "full"
    in_form = {i.id: i for i in instrument.items_for(form, settings)}
    kinds: dict[int, ColumnKind] = {}
    for pos, target in list(targets.items()):
        if target == RESPONDENT:
            kinds[pos] = None
            continue
        item = in_form.get(target)
        if item is None:
            other = instrument.item(target)
            if other.setting is not None and other.setting not in settings:
                why = f"is switched off in this scan (setting {other.setting!r})"
            else:
                why = f"is not part of the {form} form"
            report.add(f"question {target!r} {why}", row=1, column=labels[pos])
            del targets[pos]
            continue
        kinds[pos] = expected_codes(item)
    if REQUIRED not in targets.values():
        report.add(f"the required column {REQUIRED!r} is missing", column=REQUIRED)
    for pos in unnamed:
        kinds[pos] = None
    return Plan(form=form, targets=targets, kinds=kinds, unnamed=unnamed, labels=labels)


def expected_codes(item: Item) -> ColumnKind:
    """The cell texts a column of ``item`` usually holds: its codes as written by people."""
    if item.options is None:
        return None
    codes = item.options.codes
    variants = ("", *codes, *(c.upper() for c in codes), *(c.capitalize() for c in codes))
    return tuple(dict.fromkeys(variants))


def looks_like_answers(cells: list[str], codes: set[str]) -> bool:
    """Whether most header cells are answers (1-5, dk, option codes): a file without header."""
    answers = sum(1 for c in cells if parse_likert(c)[1] is None or c.strip().lower() in codes)
    return answers >= 0.8 * len(cells)


def read_mapping(
    path: Path, instrument: Instrument, report: Report, limits: FileLimits
) -> dict[str, str]:
    """Header -> question id from a ``header,question_id`` CSV (empty id = ignore)."""
    where = f"mapping file {path.name}"
    try:
        data = read_bytes(path, limits)
    except OSError as exc:
        report.add(f"{where}: cannot read it: {exc.strerror or exc}")
        return {}
    except RejectedFileError as exc:
        report.add(f"{where}: {exc.text}")
        return {}
    sub = Report()
    decoded = decode(data, sub, path.name)
    if decoded is None:
        problem = sub.problems[0]
        line = f", row {problem.row}" if problem.row is not None else ""
        report.add(f"{where}{line}: {problem.message}")
        return {}
    try:
        records = read_csv_records(decoded[0], _is_mapping_header)
    except csv.Error as exc:
        report.add(f"{where}: not valid CSV: {exc}")
        return {}
    head = [normalise(c) for c in records[0]] if records else []
    if "header" not in head or "question_id" not in head:
        report.add(f"{where}: it needs the columns 'header' and 'question_id'")
        return {}
    h, q = head.index("header"), head.index("question_id")
    known = {i.id for i in instrument.items} | {RESPONDENT}
    mapping: dict[str, str] = {}
    for r, cells in enumerate(records[1:], start=2):
        header = cells[h].strip() if h < len(cells) else ""
        target = cells[q].strip().lower() if q < len(cells) else ""
        if not header and not target:
            continue
        if not header:
            report.add(f"{where}, row {r}: the header is empty")
        elif target and target not in known:
            near = difflib.get_close_matches(target, sorted(known), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            report.add(f"{where}, row {r}: unknown question id {target!r}{hint}")
        elif mapping.get(normalise(header), target) != target:
            report.add(f"{where}, row {r}: {header!r} is mapped twice to different questions")
        else:
            mapping[normalise(header)] = target if target else IGNORE
    return mapping


def _is_mapping_header(cell: str) -> bool:
    return normalise(cell) in ("header", "question_id")
