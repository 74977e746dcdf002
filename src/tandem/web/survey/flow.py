"""The survey as pages: what a respondent of a scan sees, page by page, in one language.

Pure functions over the instrument and a draft's answers (no request, no database), so
the views stay thin and the page logic is tested without HTTP. One page per instrument
section; sections without items for the scan's form and settings are left out (the
quick form has three pages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tandem.i18n import LANGUAGES
from tandem.instrument.model import DONT_KNOW, Item, Section
from tandem.web.scans.models import Scan

# The one section whose free-text item is a short line (the organisation part), not a
# paragraph; every other text item is an open question answered in a textarea.
SHORT_TEXT_SECTION = "profile"


@dataclass(frozen=True, slots=True)
class Page:
    """One survey page: a section of the instrument with the items this scan asks."""

    section: Section
    items: tuple[Item, ...]
    number: int  # 1-based position among the scan's pages

    @property
    def id(self) -> str:
        return self.section.id


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    label: str
    checked: bool
    dont_know: bool


@dataclass(frozen=True, slots=True)
class Question:
    """What a template needs to render one item in one language."""

    id: str
    kind: str  # likert / choice / text
    text: str
    choices: tuple[Choice, ...]
    value: str
    multiline: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class PageStatus:
    page: Page
    title: str
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def pages_for(scan: Scan) -> tuple[Page, ...]:
    """The scan's pages in the instrument's section order."""
    instrument = scan.instrument
    items = instrument.items_for(scan.form, scan.settings)  # type: ignore[arg-type]
    pages: list[Page] = []
    for section in instrument.sections:
        members = tuple(i for i in items if i.section == section.id)
        if members:
            pages.append(Page(section=section, items=members, number=len(pages) + 1))
    return tuple(pages)


def page_get(pages: Sequence[Page], section_id: str) -> Page | None:
    return next((p for p in pages if p.id == section_id), None)


def page_after(pages: Sequence[Page], page: Page) -> Page | None:
    return pages[page.number] if page.number < len(pages) else None


def page_before(pages: Sequence[Page], page: Page) -> Page | None:
    return pages[page.number - 2] if page.number > 1 else None


def language_for(scan: Scan | None, *candidates: str | None) -> str:
    """The first candidate the scan offers; else the scan's default language."""
    offered = list(scan.languages) if scan is not None and scan.languages else list(LANGUAGES)
    for candidate in candidates:
        if candidate and candidate in offered:
            return candidate
    if scan is not None and scan.default_language in offered:
        return scan.default_language
    return offered[0]


def questions(
    page: Page,
    lang: str,
    answers: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
) -> list[Question]:
    """The page's items as questions, with the saved (or just posted) answers filled in."""
    errors = errors or {}
    result = []
    for item in page.items:
        value = str(answers.get(item.id, ""))
        choices: tuple[Choice, ...] = ()
        if item.options is not None:
            choices = tuple(
                Choice(code=o.code, label=o.label(lang), checked=o.code == value,
                       dont_know=o.code == DONT_KNOW)
                for o in item.options.options
            )
        result.append(Question(
            id=item.id,
            kind=item.kind,
            text=item.text(lang),
            choices=choices,
            value=value,
            multiline=item.kind == "text" and item.section != SHORT_TEXT_SECTION,
            error=errors.get(item.id),
        ))
    return result


def posted_answers(page: Page, data: Mapping[str, str]) -> dict[str, str]:
    """The page's answers in a POST; an absent field leaves the saved answer alone.

    A radio group nobody touched is absent from a form post, so absence must not clear
    an answer; an emptied text field is present (as "") and clears its answer.
    """
    return {item.id: data[item.id] for item in page.items if item.id in data}


def page_statuses(pages: Sequence[Page], lang: str,
                  answers: Mapping[str, str]) -> list[PageStatus]:
    """How many questions of each page have an answer (for the review step)."""
    return [
        PageStatus(
            page=p,
            title=p.section.title(lang),
            answered=sum(1 for i in p.items if answers.get(i.id, "") != ""),
            total=len(p.items),
        )
        for p in pages
    ]
