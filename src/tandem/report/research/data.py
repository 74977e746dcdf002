"""The research export's data: the anonymised answers as coded, labelled variables.

The rows are :func:`tandem.report.exports.anonymise`'s, the same the owners' answers
export holds (no respondent id, shuffled, departments as the groups the report shows,
level, tenure and language blanked where a combination with the group is small, no free
text at all), and nothing when the result shows nothing. This module only codes them:

- a variable per question, named by its id and labelled with its full text;
- an answer is the number of its option (Likert ``1``-``5`` as given, never
  reverse-coded: the keying is in the codebook; other questions: the option's place in
  its list), with the option's text as value label;
- "don't know / not applicable" is :data:`DONT_KNOW_CODE`, declared user-missing (SPSS)
  or written as ``.a`` (Stata); an empty answer is system-missing;
- ``department`` is the group the report shows, coded as the department option (a
  group of one department), then ``pooled`` and ``all``;
- ``organisation`` (a pseudonymous code), ``wave``, ``language`` and
  ``instrument_version`` describe where each row comes from.

The writers (:mod:`.files`) and the codebook (:mod:`.codebook`) render this one
description, so every format says the same.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from tandem.contract.result import Result
from tandem.i18n import Text, parse_lang
from tandem.instrument.model import DONT_KNOW, Instrument, Item, OptionSet
from tandem.privacy.groups import GROUP_LABELS, POOL_ID
from tandem.privacy.microdata import EVERYONE
from tandem.report.exports import anonymised_columns
from tandem.responses import LANGUAGE, FloatArray, ResponseSet

Measure = Literal["nominal", "ordinal", "scale"]
Kind = Literal["coded", "number", "text"]

ORGANISATION = "organisation"
WAVE = "wave"
INSTRUMENT_VERSION = "instrument_version"
DEPARTMENT = "department"
#: Variables describing where a row comes from, before the questions.
ORIGIN = (ORGANISATION, WAVE, LANGUAGE, INSTRUMENT_VERSION)

#: The code of "don't know / not applicable" in every coded question: above every
#: option list's length, user-missing in SPSS, Stata's extended missing ``.a``.
DONT_KNOW_CODE = 9
STATA_MISSING = "a"
#: The pseudonymous organisation code: this many hexadecimal characters of a keyed hash.
CODE_CHARS = 12
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$")

LANGUAGE_NAMES = {"nl": Text("Nederlands", "Dutch"), "en": Text("Engels", "English")}
VALUE_SETS = {"group": "department_group", LANGUAGE: LANGUAGE}

LABELS = {
    ORGANISATION: Text("Organisatie (pseudonieme code)", "Organisation (pseudonymous code)"),
    WAVE: Text("Meetronde (golf) binnen de organisatie", "Measurement round (wave) within "
               "the organisation"),
    LANGUAGE: Text("Taal waarin de vragenlijst is ingevuld",
                   "Language the questionnaire was answered in"),
    INSTRUMENT_VERSION: Text("Versie van de vragenlijst", "Version of the questionnaire"),
}


@dataclass(frozen=True, slots=True)
class Variable:
    """One column of the export, as every format and the codebook describe it."""

    name: str
    label: str  # the full text, in the export's language
    kind: Kind  # coded (numbers with value labels), number, or text (a code, never free text)
    measure: Measure
    values: dict[int, str]  # value labels of the valid codes
    missing: dict[int, str]  # user-missing codes (SPSS) and their labels; Stata ``.a``
    value_set: str = ""  # the name of the list of value labels (agree, department, ...)
    scale: str = ""
    keying: str = ""  # "+" or "-" for Likert items
    note: str = ""  # what anonymisation did to the column

    @property
    def reverse(self) -> bool:
        """Reverse-keyed: a higher answer means less of the scale (not recoded here)."""
        return self.keying == "-"


@dataclass(frozen=True)
class ResearchData:
    """The coded rows (codes as floats, NaN = empty; text columns as str) and their
    variables, in the language of the labels."""

    frame: pd.DataFrame
    variables: tuple[Variable, ...]
    lang: str
    instrument: Instrument
    form: str
    k: int

    @property
    def n(self) -> int:
        return len(self.frame)


def pseudonym(value: bytes, key: bytes = b"") -> str:
    """A stable pseudonymous code: a keyed hash of ``value`` (with an empty key, a hash
    of the content; the web keys it with a server secret so nobody can recompute it)."""
    return hmac.new(key, value, hashlib.sha256).hexdigest()[:CODE_CHARS]


def file_pseudonym(path: Path, key: bytes = b"") -> str:
    """:func:`pseudonym` of a file's content, read a megabyte at a time (a 250,000-row file
    is 100 MB, which need not be in memory for this)."""
    digest = hmac.new(key, digestmod=hashlib.sha256)
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()[:CODE_CHARS]


def check_origin(organisation: str, wave: int) -> None:
    """Refuse an organisation code that is not a short code, or a wave below 1."""
    if not _CODE.fullmatch(organisation):
        raise ValueError(
            f"organisation code {organisation!r}: use 1 to 32 letters, digits, '-' or '_' "
            "(a code, not the organisation's name)"
        )
    if wave < 1:
        raise ValueError(f"wave {wave}: a wave is numbered from 1")


def research_data(
    responses: ResponseSet,
    result: Result,
    *,
    lang: str,
    organisation: str,
    wave: int,
    seed: int | None = None,
) -> ResearchData | None:
    """The coded, labelled rows; None when the result shows nothing (nothing to export)."""
    lang = parse_lang(lang)
    check_origin(organisation, wave)
    found = anonymised_columns(responses, result, seed=seed, likert_codes=True, language=True)
    if found is None or len(found.order) == 0:
        return None
    instrument = responses.instrument
    notes = {name: note(lang) for name, note in found.notes.items()}
    n = len(found.order)
    names = [WAVE, LANGUAGE, *(name for name in found.columns if name != LANGUAGE)]
    # the coded columns in one float block, each column contiguous, filled in the shuffled
    # order column by column: no table of Python objects for all rows at once
    block = np.empty((n, len(names)), dtype="float64", order="F")
    block[:, 0] = float(wave)
    block[:, 1] = _coded(found.columns[LANGUAGE], _language_codes())[found.order]
    variables = list(origin_variables(lang, notes.get(LANGUAGE, "")))
    for place, name in enumerate(names[2:], start=2):
        item = instrument.item(name)
        if item.options is None:  # anonymise never gives free text; make sure of it
            raise ValueError(f"{name!r} is free text: it is never exported")
        block[:, place] = _coded(found.columns[name], _item_codes(item, item.options))[found.order]
        variables.append(item_variable(item, lang, notes.get(name, "")))
    frame = pd.DataFrame(block, columns=names, copy=False)
    frame.insert(0, ORGANISATION, [organisation] * n)
    frame.insert(3, INSTRUMENT_VERSION, [instrument.version] * n)
    return ResearchData(frame, tuple(variables), lang, instrument, responses.form,
                        result.meta.k)


def origin_variables(lang: str, language_note: str = "") -> tuple[Variable, ...]:
    """The variables that say where a row comes from (:data:`ORIGIN`), in ``lang``."""
    return (
        Variable(ORGANISATION, LABELS[ORGANISATION](lang), "text", "nominal", {}, {}),
        Variable(WAVE, LABELS[WAVE](lang), "number", "ordinal", {}, {}),
        Variable(LANGUAGE, LABELS[LANGUAGE](lang), "coded", "nominal",
                 {i: LANGUAGE_NAMES[c](lang) for c, i in _language_codes().items()}, {},
                 value_set=VALUE_SETS[LANGUAGE], note=language_note),
        Variable(INSTRUMENT_VERSION, LABELS[INSTRUMENT_VERSION](lang), "text", "nominal", {},
                 {}),
    )


def item_variable(item: Item, lang: str, note: str = "") -> Variable:
    """The variable of a question with options (never free text), in ``lang``."""
    if item.options is None:
        raise ValueError(f"{item.id!r} is free text: it is never exported")
    return _variable(item, _item_codes(item, item.options), lang, note)


def _item_codes(item: Item, options: OptionSet) -> dict[str, int]:
    return _group_codes(options) if item.id == DEPARTMENT else option_codes(options)


def option_codes(options: OptionSet) -> dict[str, int]:
    """Each option's number: a numeric code as given (Likert 1-5), else its place in the
    list; don't know is :data:`DONT_KNOW_CODE`."""
    codes: dict[str, int] = {}
    for place, option in enumerate(options.options, start=1):
        if option.code == DONT_KNOW:
            codes[option.code] = DONT_KNOW_CODE
        else:
            codes[option.code] = int(option.code) if option.code.isdigit() else place
    if DONT_KNOW_CODE in (v for c, v in codes.items() if c != DONT_KNOW):
        raise ValueError(f"option set {options.id!r} uses {DONT_KNOW_CODE}, the don't-know code")
    return codes


def _group_codes(departments: OptionSet) -> dict[str, int]:
    """A displayed group's number: its department's, then pooled, then everyone."""
    codes = option_codes(departments)
    codes[POOL_ID] = len(codes) + 1
    codes[EVERYONE] = len(codes) + 1
    return codes


def _language_codes() -> dict[str, int]:
    return {code: place for place, code in enumerate(LANGUAGE_NAMES, start=1)}


def _coded(column: npt.ArrayLike, codes: dict[str, int]) -> FloatArray:
    """Codes as float numbers (NaN where empty) so every writer sees one numeric type.

    A text not in ``codes`` is a KeyError. Looked up once per distinct value, not per cell
    (a call per cell took 23 s of a 250,000-respondent export).
    """
    numbers, distinct = pd.factorize(np.asarray(column, dtype=object), use_na_sentinel=True)
    coded: FloatArray = per_cell(
        numbers, [float(codes[v]) if isinstance(v, str) else np.nan for v in distinct],
        missing=np.nan, dtype="float64")
    return coded


def per_cell(numbers: npt.NDArray[np.intp], values: list[Any], *, missing: Any,
             dtype: npt.DTypeLike = object) -> npt.NDArray[Any]:
    """Each cell's value from ``pd.factorize``'s ``numbers``: ``values[i]`` for the i-th
    distinct value, ``missing`` for -1 (None or NaN). Made once per distinct value and
    shared by its cells: a call or a new object per cell cost seconds and gigabytes at
    250,000 respondents."""
    lookup = np.empty(len(values) + 1, dtype=dtype)
    lookup[: len(values)] = values
    lookup[-1] = missing  # number -1 picks the last
    return lookup[numbers]


def _labels(codes: dict[str, int], label: dict[str, Text], lang: str) -> dict[int, str]:
    return {number: label[code](lang) for code, number in codes.items()}


def _variable(item: Item, codes: dict[str, int], lang: str, note: str) -> Variable:
    assert item.options is not None
    if item.id == DEPARTMENT:
        values = _labels(codes, GROUP_LABELS, lang)
        return Variable(item.id, item.text(lang), "coded", "nominal", values, {},
                        value_set=VALUE_SETS["group"], note=note)
    labels = {o.code: o.label for o in item.options.options}
    values = {v: labels[c](lang) for c, v in codes.items() if c != DONT_KNOW}
    missing = {v: labels[c](lang) for c, v in codes.items() if c == DONT_KNOW}
    likert = item.kind == "likert"
    return Variable(
        item.id, item.text(lang), "coded", "ordinal" if likert else "nominal", values, missing,
        value_set=item.options.id, scale=item.scale or "", keying=item.keying if likert else "",
        note=note,
    )
