"""Which version of the questionnaire a response file answers.

A scan keeps the version it ran with, and so does its answer file: a file of version 1
(``def_handoff``, ``ali_training``, ...) must be scored with version 1 after version 2
became the default. The file's headings say it. They are read as the importer reads them
(the tool's header rows, :class:`~tandem.io.responses.headers.QuestionMatcher`), and
every shipped version of the questionnaire is scored by how many of its questions the
headings name exactly (by id, LimeSurvey code or question text; a fuzzy match says
nothing about the version). The version naming most wins. A tie (a file of questions
both versions share) or a file that cannot be peeked at gives the default version.
"""

from __future__ import annotations

from pathlib import Path

from tandem.instrument import DEFAULT_INSTRUMENT, Instrument, available_instruments
from tandem.instrument import load_instrument as _load
from tandem.io.responses.headers import RESPONDENT, QuestionMatcher, text_key
from tandem.io.responses.importing import peek_rows
from tandem.io.responses.sources import Heading, key
from tandem.io.responses.sources.registry import detect
from tandem.io.safety import RESPONSE_FILE_LIMITS, FileLimits, RejectedFileError

__all__ = ["detect_instrument", "named_questions"]


def named_questions(instrument: Instrument, headings: list[Heading]) -> int:
    """How many of ``instrument``'s questions the ``headings`` name exactly (the exact
    steps of :meth:`QuestionMatcher.match`, without its fuzzy one)."""
    matcher = QuestionMatcher(instrument)
    named: set[str] = set()
    for heading in headings:
        for name in heading.codes:
            found = matcher.ids.get(key(name)) or matcher.codes.get(key(name))
            if found is not None:
                named.add(found)
        for name in heading.texts:
            found = matcher.texts.get(text_key(name))
            if found is not None:
                named.add(found)
    named.discard(RESPONDENT)
    return len(named)


def detect_instrument(path: Path | str, limits: FileLimits = RESPONSE_FILE_LIMITS) -> Instrument:
    """The shipped version whose questions the file's headings name most (see above)."""
    default = _load(DEFAULT_INSTRUMENT)
    try:
        rows = peek_rows(Path(path), limits)
    except RejectedFileError:
        return default  # the reader says what is wrong with it
    if not rows:
        return default
    headings = detect(rows).headings(rows)
    scored = sorted(
        ((named_questions(_load(name), headings), name == DEFAULT_INSTRUMENT, name)
         for name in available_instruments()),
        reverse=True,
    )
    return _load(scored[0][2])
