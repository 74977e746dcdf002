"""The survey as a tool shows it: sections, and in each the questions on screen.

Every export renders the same layout, so the question order, the grouping of Likert
statements into one matrix and the option positions are the same in every tool:

- one page (group, block) per section of the instrument, in the instrument's order;
- in a section, the Likert items that share an answer scale form one matrix, placed
  where the last of them stands (in the journey: the six "who is responsible"
  questions, then the consistency matrix); choice and text items are one question each;
- options keep the instrument's order, so a tool's numeric export (the option's
  position, 1..n) maps back to the code: "don't know" is 6 on a Likert item, 7 on a
  decision question, the departments are 1-5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tandem.instrument import codes as tool_codes
from tandem.instrument.model import Form, Instrument, Item, OptionSet, Section

QuestionKind = Literal["matrix", "choice", "text"]


@dataclass(frozen=True, slots=True)
class Question:
    """One question on screen: a matrix of Likert items, or one choice or text item."""

    kind: QuestionKind
    items: tuple[Item, ...]
    options: OptionSet | None

    @property
    def item(self) -> Item:
        return self.items[0]


@dataclass(frozen=True, slots=True)
class Page:
    section: Section
    questions: tuple[Question, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for q in self.questions for item in q.items)


def survey_pages(
    instrument: Instrument, form: Form = "full", settings: frozenset[str] = frozenset()
) -> tuple[Page, ...]:
    """The pages of ``form`` (optional items per ``settings``), empty sections left out."""
    items = instrument.items_for(form, settings)
    pages: list[Page] = []
    for section in instrument.sections:
        questions: list[Question] = []
        matrices: dict[str, list[Item]] = {}
        slots: list[Question | str] = []
        for item in (i for i in items if i.section == section.id):
            if item.kind == "likert" and item.options is not None:
                matrices.setdefault(item.options.id, []).append(item)
                if item.options.id in slots:
                    slots.remove(item.options.id)
                slots.append(item.options.id)  # the matrix stands where its last item is
            elif item.kind == "choice":
                slots.append(Question("choice", (item,), item.options))
            else:
                slots.append(Question("text", (item,), None))
        for slot in slots:
            if isinstance(slot, str):
                members = tuple(matrices[slot])
                questions.append(Question("matrix", members, members[0].options))
            else:
                questions.append(slot)
        if questions:
            pages.append(Page(section, tuple(questions)))
    return tuple(pages)


def position(options: OptionSet, code: str) -> int:
    """The 1-based position of ``code`` in ``options``: what a numeric export gives."""
    return options.codes.index(code) + 1


def limesurvey_codes(instrument: Instrument) -> dict[str, str]:
    """Every item's LimeSurvey code, then every section's (the matrix questions).

    Items first, with :func:`tandem.instrument.codes.limesurvey_codes` over the
    instrument's items in order (all forms and settings), the same call the reader
    makes: so an item has the same code in any form, and the reader finds it.
    Section codes (for the Likert matrices) come after, keyed ``section:<id>``.
    """
    codes = tool_codes.limesurvey_codes([item.id for item in instrument.items])  # as the reader
    taken = set(codes.values())
    for section in instrument.sections:
        codes[f"section:{section.id}"] = tool_codes.limesurvey_code(section.id, taken)
    return codes
