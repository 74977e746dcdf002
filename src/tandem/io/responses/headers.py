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
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tandem.i18n import Text
from tandem.instrument.codes import limesurvey_codes
from tandem.instrument.model import FORM_NAMES, Form, Instrument, Item
from tandem.io.responses.reading import decode, normalise, read_bytes, read_csv_records
from tandem.io.responses.report import Report, column_letter
from tandem.io.responses.sources import Heading, key
from tandem.io.responses.table import ColumnKind
from tandem.io.safety import FileLimits, RejectedFileError
from tandem.responses import LANGUAGE, parse_likert

RESPONDENT = "respondent"
#: Columns of Tandem's format that answer no question: the respondent id, the language.
NOT_QUESTIONS = frozenset({RESPONDENT, LANGUAGE})
REQUIRED = "department"
ALL_SETTINGS: frozenset[str] = frozenset({"should_decide", "segment"})
#: Settings a file switches on by having their questions' columns: a module a scan may
#: or may not have asked (meta-perception), read from a file outside a scan (the CLI).
MODULE_SETTINGS: frozenset[str] = frozenset({"meta_perception"})
IGNORE = ""  # mapping target that drops a column


def texts_by_key(instrument: Instrument, key_of: Callable[[str], str]) -> dict[str, str]:
    """Question text (nl and en, compared as ``key_of`` makes them) -> question id; a
    text two questions share is left out (it names neither)."""
    by_text: dict[str, str] = {}
    ambiguous: set[str] = set()
    for item in instrument.items:
        for text in (item.text.nl, item.text.en):
            k = key_of(text)
            if by_text.get(k, item.id) != item.id:
                ambiguous.add(k)
            by_text[k] = item.id
    for k in ambiguous:
        del by_text[k]
    return by_text


class HeaderNames:
    """Maps a header (id, question text in nl/en, or mapped name) to a question id."""

    def __init__(self, instrument: Instrument) -> None:
        self.ids = {normalise(item.id): item.id for item in instrument.items}
        self.ids.update({name: name for name in NOT_QUESTIONS})
        self.texts = texts_by_key(instrument, normalise)
        self.mapped: dict[str, str] = {}

    def add_mapping(self, mapping: dict[str, str]) -> None:
        self.mapped.update(mapping)

    def resolve(self, header: str) -> str | None:
        key = normalise(header)
        for table in (self.mapped, self.ids, self.texts):
            if key in table:
                return table[key]
        return None

    def suggest(self, header: str) -> Text:
        key = normalise(header)
        candidates = {**self.texts, **self.ids}
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.6)
        return _did_you_mean(candidates[close[0]] if close else None)


def _did_you_mean(near: str | None) -> Text:
    """The closest known name, as a hint after a message ("" when none is close)."""
    if near is None:
        return Text("", "")
    return Text(f"; bedoelt u {near!r}?", f"; did you mean {near!r}?")


@dataclass
class Plan:
    form: Form
    targets: dict[int, str]  # file position -> question id (or "respondent", "language")
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
            what = (Text("dubbele kolom", "duplicate column") if same else
                    Text(f"een tweede kolom voor vraag {target!r}",
                         f"a second column for question {target!r}"))
            now, before = column_letter(pos), column_letter(first)
            report.add(
                Text(f"{what.nl}: kolom {now} herhaalt kolom {before} ({labels[first]!r})",
                     f"{what.en}: column {now} repeats column {before} ({labels[first]!r})"),
                row=1,
                column=label,
            )
            continue
        seen[target] = pos
        targets[pos] = target
    answer_codes = {o.code.lower() for s in instrument.option_sets.values() for o in s.options}
    if unknown and not targets and looks_like_answers([labels[p] for p in unknown], answer_codes):
        report.add(Text(
            "geen kopregel: rij 1 moet de vragen noemen (vraag-id's zoals 'department', "
            "'def_roles'), maar er staan antwoorden in",
            "no header row: row 1 must name the questions (question ids such as "
            "'department', 'def_roles'), but it holds answers"), row=1)
    else:
        for pos in unknown:
            label = labels[pos]
            hint = names.suggest(label)
            report.add(Text(f"onbekende kolom {label!r}{hint.nl}",
                            f"unknown column {label!r}{hint.en}"), row=1, column=label)

    question_ids = {t for t in targets.values() if t not in NOT_QUESTIONS}
    if form is None:
        quick = {i.id for i in instrument.items_for("quick", settings)}
        form = "quick" if question_ids and question_ids <= quick else "full"
    in_form = {i.id: i for i in instrument.items_for(form, settings)}
    kinds: dict[int, ColumnKind] = {}
    for pos, target in list(targets.items()):
        if target in NOT_QUESTIONS:
            kinds[pos] = None
            continue
        item = in_form.get(target)
        if item is None:
            other = instrument.item(target)
            if other.setting is not None and other.setting not in settings:
                why = Text("wordt in deze scan niet gesteld (uitgezet in de instellingen van "
                           "de scan): haal de kolom uit het bestand of zet de vraag aan",
                           "is not asked in this scan (switched off in the scan's settings): "
                           "remove the column from the file or switch the question on")
            else:
                name = FORM_NAMES[form]
                why = Text(f"hoort niet bij de {name.nl}", f"is not part of the {name.en}")
            report.add(Text(f"vraag {target!r} {why.nl}", f"question {target!r} {why.en}"),
                       row=1, column=labels[pos])
            del targets[pos]
            continue
        kinds[pos] = expected_codes(item)
    if REQUIRED not in targets.values():
        report.add(Text(f"de verplichte kolom {REQUIRED!r} ontbreekt",
                        f"the required column {REQUIRED!r} is missing"), column=REQUIRED)
    for pos in unnamed:
        kinds[pos] = None
    return Plan(form=form, targets=targets, kinds=kinds, unnamed=unnamed, labels=labels)


def settings_with_modules(header: Sequence[str], instrument: Instrument, names: HeaderNames,
                          settings: frozenset[str]) -> frozenset[str]:
    """``settings`` plus each optional module (:data:`MODULE_SETTINGS`) whose questions
    the header names: a file with the meta-perception columns was asked them. Without
    them the module stays off, so a file of a scan that did not ask it reads as before."""
    found = set(settings)
    for label in header:
        target = names.resolve(label)
        if target is None or target in NOT_QUESTIONS:
            continue
        try:
            setting = instrument.item(target).setting
        except KeyError:
            continue
        if setting in MODULE_SETTINGS:
            found.add(setting)
    return frozenset(found)


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
    where = Text(f"koppelbestand {path.name}", f"mapping file {path.name}")

    def add(nl: str, en: str) -> None:
        report.add(Text(f"{where.nl}{nl}", f"{where.en}{en}"))

    try:
        data = read_bytes(path, limits)
    except OSError as exc:
        reason = exc.strerror or exc
        add(f": kan het niet lezen: {reason}", f": cannot read it: {reason}")
        return {}
    except RejectedFileError as exc:
        add(f": {exc.text.nl}", f": {exc.text.en}")
        return {}
    sub = Report()
    decoded = decode(data, sub, path.name)
    if decoded is None:
        problem = sub.problems[0]
        row = problem.row
        add((f", rij {row}" if row is not None else "") + f": {problem.in_language('nl')}",
            (f", row {row}" if row is not None else "") + f": {problem.message}")
        return {}
    try:
        records = read_csv_records(decoded[0], _is_mapping_header)
    except csv.Error as exc:
        add(f": geen geldige CSV: {exc}", f": not valid CSV: {exc}")
        return {}
    head = [normalise(c) for c in records[0]] if records else []
    if "header" not in head or "question_id" not in head:
        add(": het heeft de kolommen 'header' en 'question_id' nodig",
            ": it needs the columns 'header' and 'question_id'")
        return {}
    h, q = head.index("header"), head.index("question_id")
    known = {i.id for i in instrument.items} | NOT_QUESTIONS
    mapping: dict[str, str] = {}
    for r, cells in enumerate(records[1:], start=2):
        header = cells[h].strip() if h < len(cells) else ""
        target = cells[q].strip().lower() if q < len(cells) else ""
        if not header and not target:
            continue
        if not header:
            add(f", rij {r}: de kop is leeg", f", row {r}: the header is empty")
        elif target and target not in known:
            near = difflib.get_close_matches(target, sorted(known), n=1)
            hint = _did_you_mean(near[0] if near else None)
            add(f", rij {r}: onbekende vraag-id {target!r}{hint.nl}",
                f", row {r}: unknown question id {target!r}{hint.en}")
        elif mapping.get(normalise(header), target) != target:
            add(f", rij {r}: {header!r} is aan twee verschillende vragen gekoppeld",
                f", row {r}: {header!r} is mapped twice to different questions")
        else:
            mapping[normalise(header)] = target if target else IGNORE
    return mapping


def _is_mapping_header(cell: str) -> bool:
    return normalise(cell) in ("header", "question_id")


# ------------------------------------------------------------------ other tools' headings
# A heading of another tool's export is matched, in this order: a standard column of
# the tool (response id, dates, ...), the mapping file, a Tandem id or the code Tandem's
# questionnaire export gave the question (LimeSurvey), the question text in Dutch or
# English (case, spacing, punctuation, typographic quotes and numbering such as "12. "
# ignored), and last a fuzzy match of the text, only when one question is clearly the
# closest; it is reported as such.

BY_ID = "id"
BY_CODE = "code"
BY_TEXT = "text"
BY_FUZZY = "fuzzy"
BY_MAPPING = "mapping"
BY_TOOL = "tool column"
FUZZY_CUTOFF = 0.85
FUZZY_MARGIN = 0.05
_NUMBERING = re.compile(r"^\s*(?:q\s*)?\d+(?:\.\d+)*\s*[.):]\s*", re.I)


def text_key(text: str) -> str:
    """A question text as compared: numbering, case, spacing and punctuation ignored."""
    return key(_NUMBERING.sub("", unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class Match:
    target: str  # question id, RESPONDENT, or IGNORE
    method: str
    score: float = 1.0


class QuestionMatcher:
    """Finds the question a heading of another tool's export answers."""

    def __init__(self, instrument: Instrument, mapping: dict[str, str] | None = None) -> None:
        self.ids = {key(i.id): i.id for i in instrument.items}
        self.ids[RESPONDENT] = RESPONDENT
        codes = limesurvey_codes([i.id for i in instrument.items])
        self.codes = {key(code): item_id for item_id, code in codes.items()}
        self.texts = texts_by_key(instrument, text_key)
        self.mapping = {key(h): t for h, t in (mapping or {}).items()}

    def match(self, heading: Heading) -> Match | None:
        for name in (heading.text, *heading.codes, *heading.texts):
            if key(name) in self.mapping:
                return Match(self.mapping[key(name)], BY_MAPPING)
        for name in heading.codes:
            k = key(name)
            if k in self.ids:
                return Match(self.ids[k], BY_ID)
            if k in self.codes:
                return Match(self.codes[k], BY_CODE)
        for name in heading.texts:
            k = text_key(name)
            if k in self.texts:
                return Match(self.texts[k], BY_TEXT)
        for name in heading.texts:
            fuzzy = self.fuzzy(name)
            if fuzzy is not None:
                return fuzzy
        return None

    def fuzzy(self, text: str) -> Match | None:
        """The one question whose text is clearly closest, or None."""
        k = text_key(text)
        if len(k) < 12:
            return None
        scored: dict[str, float] = {}
        for candidate, item_id in self.texts.items():
            ratio = difflib.SequenceMatcher(None, k, candidate).ratio()
            if ratio > scored.get(item_id, 0.0):
                scored[item_id] = ratio
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < FUZZY_CUTOFF:
            return None
        if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - FUZZY_MARGIN:
            return None
        return Match(ranked[0][0], BY_FUZZY, round(ranked[0][1], 3))
