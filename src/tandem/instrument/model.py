"""The questionnaire as typed, immutable objects (loaded from a versioned data file)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tandem.i18n import Text

ItemKind = Literal["likert", "choice", "text"]
ScaleKind = Literal["phase_block", "tension", "outcome"]
#: Which statements the HBR-compatible phase index averages: every ladder statement
#: (version 1) or only those mapped to a topic of the HBR 2006 self-assessment.
IndexItems = Literal["ladder", "hbr"]
INDEX_ITEMS: tuple[IndexItems, ...] = ("ladder", "hbr")
Form = Literal["full", "quick"]
FORMS: tuple[Form, ...] = ("full", "quick")
#: Each form as people read it, wherever a face names the form used.
FORM_NAMES: dict[str, Text] = {
    "full": Text("volledige versie", "full form"),
    "quick": Text("quick scan (indicatief)", "quick scan (indicative)"),
}
DONT_KNOW = "dk"
#: The section whose free-text items are open comments: quoted verbatim in the results,
#: under their own threshold (tandem.analysis.comments), never scored.
COMMENT_SECTION = "open"


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    label: Text


@dataclass(frozen=True, slots=True)
class OptionSet:
    id: str
    kind: Literal["likert", "choice"]
    options: tuple[Option, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(o.code for o in self.options)

    def label(self, code: str, lang: str) -> str:
        for option in self.options:
            if option.code == code:
                return option.label(lang)
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class Scale:
    id: str
    kind: ScaleKind
    title: Text
    family: str | None = None  # economic / cultural / organisational for tension sources
    description: Text | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: Text
    intro: Text | None = None


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    section: str
    kind: ItemKind
    text: Text
    forms: tuple[Form, ...]
    options: OptionSet | None = None
    scale: str | None = None
    keying: Literal["+", "-"] = "+"
    area: str | None = None  # decision-rights area
    stage: str | None = None  # customer-journey stage
    role: str | None = None  # e.g. "decides", "should_decide", "owner", "consistency"
    setting: str | None = None  # scan setting that switches an optional item on
    hbr: tuple[int, ...] = ()  # HBR 2006 self-assessment topics this item covers
    # ids of an earlier version this item takes over from (a statement split in two,
    # turned round or rewritten so much that it got a new id): `tandem codebook --diff`
    replaces: tuple[str, ...] = ()
    # departments (profile codes) that are asked this item; () = every respondent
    asked_of: tuple[str, ...] = ()
    # a meta-perception item: the statement whose answer it predicts, and the
    # department whose answer is predicted ("how would most people in Marketing answer?")
    about: str | None = None
    predicts: str | None = None

    @property
    def reverse(self) -> bool:
        return self.keying == "-"

    @property
    def is_comment(self) -> bool:
        """An open comment (quoted in the results), not a profile line like a segment."""
        return self.kind == "text" and self.section == COMMENT_SECTION


@dataclass(frozen=True, slots=True)
class Instrument:
    """One version of the Tandem Scan, in both languages, with its forms."""

    id: str
    version: str
    title: Text
    option_sets: dict[str, OptionSet]
    sections: tuple[Section, ...]
    scales: tuple[Scale, ...]
    items: tuple[Item, ...]
    areas: dict[str, Text] = field(default_factory=dict)
    stages: dict[str, Text] = field(default_factory=dict)
    index: IndexItems = "ladder"

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def counts_in_index(self, item: Item) -> bool:
        """Whether ``item`` is one of the statements the HBR-compatible index averages."""
        blocks = {s.id for s in self.scales if s.kind == "phase_block"}
        return item.scale in blocks and (self.index == "ladder" or bool(item.hbr))

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def items_for(
        self, form: Form = "full", settings: frozenset[str] = frozenset()
    ) -> tuple[Item, ...]:
        """The items a respondent of ``form`` sees, with optional items per scan settings."""
        return tuple(
            i
            for i in self.items
            if form in i.forms and (i.setting is None or i.setting in settings)
        )

    def meta_items(self) -> tuple[Item, ...]:
        """The optional meta-perception items (one per statement and asking department)."""
        return tuple(i for i in self.items if i.about is not None)

    def scale_items(self, scale_id: str, form: Form = "full") -> tuple[Item, ...]:
        return tuple(i for i in self.items_for(form) if i.scale == scale_id)

    def scales_of(self, kind: ScaleKind) -> tuple[Scale, ...]:
        return tuple(s for s in self.scales if s.kind == kind)

    def profile_items(self) -> tuple[Item, ...]:
        return tuple(i for i in self.items if i.section == "profile")
