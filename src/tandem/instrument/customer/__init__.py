"""The customer mirror's questionnaire: a few statements per customer-journey stage.

Data, not code (``data/customer-mirror-<version>.toml``, Dutch and English side by side):
the stage ids are those of the Tandem Scan's journey, so a stage's customer score can sit
beside its internal owner and consistency. The loader refuses an inconsistent file and
names every problem, like :mod:`tandem.instrument.loader` does for the scan. It lives in
its own folder so the scan's loader, which takes every file in ``instrument/data`` for a
scan version, never sees it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from tandem.i18n import Text
from tandem.instrument.loader import _Problems  # the scan loader's: the same checks of texts

#: The version new mirrors get; a mirror keeps the version it ran with.
DEFAULT_QUESTIONNAIRE = "customer-mirror-1"
#: A stage's block of statements: short enough for a phone, long enough for a score.
STATEMENTS_PER_STAGE = range(3, 6)
LIKERT_VALUES = (1, 2, 3, 4, 5)

Keying = Literal["+", "-"]


class QuestionnaireError(ValueError):
    """The file is inconsistent; ``problems`` names each problem with its place."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Statement:
    id: str
    stage: str
    keying: Keying
    text: Text


@dataclass(frozen=True, slots=True)
class Option:
    value: int
    label: Text


@dataclass(frozen=True, slots=True)
class CustomerQuestionnaire:
    id: str
    version: str
    title: Text
    intro: Text
    stage_question: Text
    options: tuple[Option, ...]
    dont_know: Text
    stages: dict[str, Text]  # stage id -> the stage as a customer names it, journey order
    statements: tuple[Statement, ...]

    @property
    def name(self) -> str:
        return f"{self.id}-{self.version.split('.')[0]}"

    def statements_for(self, stage: str) -> tuple[Statement, ...]:
        return tuple(s for s in self.statements if s.stage == stage)


def parse_questionnaire(raw: dict[str, Any], *, source: str = "<data>") -> CustomerQuestionnaire:
    """Validate ``raw`` (a parsed TOML file) into the questionnaire, or raise with every
    problem found."""
    problems = _Problems()
    head = raw.get("questionnaire", {})
    options = tuple(
        Option(int(o.get("value", 0)), problems.text(o.get("label"), f"options[{i}].label"))
        for i, o in enumerate(raw.get("options", []))
    )
    if tuple(o.value for o in options) != LIKERT_VALUES:
        problems.add(f"options: expected the values {list(LIKERT_VALUES)} in order")
    stages = {stage: problems.text(table.get("label"), f"stages.{stage}.label")
              for stage, table in raw.get("stages", {}).items()}
    if not stages:
        problems.add("stages: none declared")
    statements: list[Statement] = []
    seen: set[str] = set()
    for i, s in enumerate(raw.get("statements", [])):
        where = f"statements[{i}] ({s.get('id', '?')})"
        sid = str(s.get("id", ""))
        if not sid or sid in seen:
            problems.add(f"{where}: missing or repeated id")
        seen.add(sid)
        stage = str(s.get("stage", ""))
        if stage not in stages:
            problems.add(f"{where}: unknown stage {stage!r}")
        keying = s.get("keying", "+")
        if keying not in ("+", "-"):
            problems.add(f"{where}: keying must be '+' or '-'")
            keying = "+"
        statements.append(Statement(sid, stage, keying, problems.text(s.get("text"), where)))
    for stage in stages:
        block = [s for s in statements if s.stage == stage]
        if len(block) not in STATEMENTS_PER_STAGE:
            problems.add(f"stages.{stage}: {len(block)} statements, expected "
                         f"{STATEMENTS_PER_STAGE.start} to {STATEMENTS_PER_STAGE.stop - 1}")
        if block and not any(s.keying == "-" for s in block):
            problems.add(f"stages.{stage}: needs at least one reverse-keyed statement")
    questionnaire = CustomerQuestionnaire(
        id=str(head.get("id", "")),
        version=str(head.get("version", "")),
        title=problems.text(head.get("title"), "questionnaire.title"),
        intro=problems.text(head.get("intro"), "questionnaire.intro"),
        stage_question=problems.text(head.get("stage_question"), "questionnaire.stage_question"),
        options=options,
        dont_know=problems.text(raw.get("dont_know", {}).get("label"), "dont_know.label"),
        stages=stages,
        statements=tuple(statements),
    )
    if not questionnaire.id or not questionnaire.version:
        problems.add("questionnaire: needs an id and a version")
    if problems.items:
        raise QuestionnaireError(source, problems.items)
    return questionnaire


@cache
def load_questionnaire(name: str = DEFAULT_QUESTIONNAIRE) -> CustomerQuestionnaire:
    """The shipped questionnaire ``name`` (e.g. ``customer-mirror-1``)."""
    resource = resources.files("tandem.instrument.customer") / "data" / f"{name}.toml"
    if not resource.is_file():
        raise QuestionnaireError(name, [f"no customer questionnaire named {name!r}"])
    return parse_questionnaire(tomllib.loads(resource.read_text("utf-8")), source=f"{name}.toml")
