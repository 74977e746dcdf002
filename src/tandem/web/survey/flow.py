"""The survey as pages: what a respondent of a scan sees, page by page, in one language.

Pure functions over the instrument and a draft's answers (no request, no database), so
the views stay thin and the page logic is tested without HTTP. A section of the
instrument becomes one page or, when it has more than :data:`MAX_PER_PAGE` items for
the scan's form and settings, several parts ("part 2 of 4"), cut between the blocks of
items that belong together (a scale, a decision area, a journey stage) wherever the
page size allows. Sections without items for the scan are left out (the quick form
has three sections), and so are items asked of other departments than the
respondent's (``Item.asked_of``): the pages follow the answer to ``department``.
Nothing here knows an item id: any instrument version pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from tandem.analysis.pulse import PULSE_PROFILE
from tandem.i18n import LANGUAGES, Text
from tandem.instrument.loader import load_instrument
from tandem.instrument.model import DONT_KNOW, Form, Item, Section
from tandem.web.scans.models import Scan

# The one section whose free-text item is a short line (the organisation part), not a
# paragraph; every other text item is an open question answered in a textarea.
SHORT_TEXT_SECTION = "profile"
#: A page holds at most this many statements: a phone shows about one per screen.
MAX_PER_PAGE = 10
# How the cut points of a long section are chosen: fewest pages plus cuts inside a
# block, a cut inside a block weighing 1.5 pages; between equals, the evenest sizes.
_PAGE_COST, _CUT_COST = 2, 3


@dataclass(frozen=True, slots=True)
class Page:
    """One survey page: a section of the instrument, or a part of a long one."""

    section: Section
    items: tuple[Item, ...]
    number: int  # 1-based position among the scan's pages
    part: int = 1  # 1-based position among its section's pages
    parts: int = 1  # how many pages its section has

    @property
    def id(self) -> str:
        """The page's URL slug: the section id, with the part when there are several."""
        return self.section.id if self.parts == 1 else f"{self.section.id}-{self.part}"

    @property
    def asks_comments(self) -> bool:
        """Whether the page has open comment questions (their notice goes with them)."""
        return any(item.is_comment for item in self.items)


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
class SectionStatus:
    """How far a section is answered, and the page to change it on (review step)."""

    title: str
    answered: int
    total: int
    page: Page  # its first page with an unanswered question, else its first page

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def _block(item: Item) -> str | None:
    """What an item belongs with on a page: its scale, decision area or journey stage."""
    return item.scale or item.area or item.stage


def split_items(items: Sequence[Item], limit: int = MAX_PER_PAGE) -> list[tuple[Item, ...]]:
    """``items`` in order, cut into pages of at most ``limit`` (dynamic programming).

    Cost of a split: ``_PAGE_COST`` per page plus ``_CUT_COST`` per cut between two items
    of one block; ties go to the split with the most even page sizes (least sum of
    squares). A block longer than ``limit`` is cut where it must be.
    """
    n = len(items)
    blocks = [_block(item) for item in items]
    # inner[i]: a cut before item i splits a block
    inner = [0 < i < n and blocks[i] is not None and blocks[i] == blocks[i - 1]
             for i in range(n + 1)]
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(1 << 30, 0, 0)] * n  # (cost, sumsq, from)
    for end in range(1, n + 1):
        for start in range(max(0, end - limit), end):
            cost = best[start][0] + _PAGE_COST + (_CUT_COST if inner[start] else 0)
            sumsq = best[start][1] + (end - start) ** 2
            if (cost, sumsq) < best[end][:2]:
                best[end] = (cost, sumsq, start)
    cuts, end = [], n
    while end > 0:
        cuts.append(end)
        end = best[end][2]
    bounds = [0, *reversed(cuts)]
    return [tuple(items[a:b]) for a, b in pairwise(bounds)]


#: A pulse's pages: its one profile question, then its statements together, whatever
#: sections of the questionnaire they come from (pages of at most ten). On their
#: sections' pages six statements took three or four pages, each with a heading and an
#: introduction written for the whole scan ("Three short questions").
PULSE_PROFILE_SECTION = Section(
    id="profile",
    title=Text("Over u", "About you"),
    intro=Text("Eén korte vraag. We tonen nooit cijfers over een groep die kleiner is dan de "
               "drempel van deze scan.",
               "One short question. We never show figures for a group smaller than this "
               "scan's threshold."),
)
PULSE_SECTION = Section(
    id="statements",
    title=Text("Hoe het nu gaat", "How things are now"),
    intro=Text("Een paar uitspraken uit de vorige scan, opnieuw: geef aan in hoeverre u het "
               "er nu mee eens bent.",
               "A few statements from the last scan, again: say how far you agree with each "
               "of them now."),
)

#: The profile question whose answer decides which department-specific items
#: (``Item.asked_of``, e.g. the meta-perception statements) a respondent sees.
DEPARTMENT = "department"


@lru_cache(maxsize=64)
def _pages(instrument_name: str, form: Form, settings: frozenset[str],
           only: frozenset[str] = frozenset(), department: str = "") -> tuple[Page, ...]:
    instrument = load_instrument(instrument_name)
    items = [i for i in instrument.items_for(form, settings)
             if not i.asked_of or department in i.asked_of]
    if only:  # a pulse: its statements and the department
        items = [i for i in items if i.id in only]
        asked = [i for i in items if i.id in PULSE_PROFILE]
        statements = [i for i in items if i.id not in PULSE_PROFILE]
        return _numbered([(PULSE_PROFILE_SECTION, [tuple(asked)] if asked else []),
                          (PULSE_SECTION, split_items(statements))])
    return _numbered([(section, split_items([i for i in items if i.section == section.id]))
                      for section in instrument.sections])


def _numbered(sections: Sequence[tuple[Section, Sequence[tuple[Item, ...]]]]
              ) -> tuple[Page, ...]:
    pages: list[Page] = []
    for section, parts in sections:
        for part, members in enumerate(parts, start=1):
            pages.append(Page(section=section, items=members, number=len(pages) + 1,
                              part=part, parts=len(parts)))
    return tuple(pages)


def pages_for(scan: Scan, answers: Mapping[str, str] | None = None) -> tuple[Page, ...]:
    """The scan's pages in the instrument's section order (computed once per kind of scan
    and department). A pulse asks its statements and the department only; items asked of
    some departments only (the meta-perception module) are on them only when ``answers``
    give one of those departments."""
    only = frozenset({*scan.pulse_items, *PULSE_PROFILE}) if scan.pulse_items else frozenset()
    department = str((answers or {}).get(DEPARTMENT) or "")
    return _pages(scan.instrument_name, scan.form, scan.settings, only, department)


def page_get(pages: Sequence[Page], page_id: str) -> Page | None:
    return next((p for p in pages if p.id == page_id), None)


def page_after(pages: Sequence[Page], page: Page) -> Page | None:
    return pages[page.number] if page.number < len(pages) else None


def page_before(pages: Sequence[Page], page: Page) -> Page | None:
    return pages[page.number - 2] if page.number > 1 else None


def _answered(item: Item, answers: Mapping[str, str]) -> bool:
    return answers.get(item.id, "") != ""


def resume_page(pages: Sequence[Page], answers: Mapping[str, str]) -> Page | None:
    """Where a returning respondent goes on: the first unanswered page after their work.

    That is the furthest page with an answer if it still has an open question, else the
    page after it (``None``: every page is done, so the review). A question skipped on
    an earlier page stays skipped (skipping is allowed; the review lists it); a
    respondent without answers starts on the first page.
    """
    reached = [p for p in pages if any(_answered(i, answers) for i in p.items)]
    if not reached:
        return pages[0] if pages else None
    furthest = reached[-1]
    if not all(_answered(i, answers) for i in furthest.items):
        return furthest
    return page_after(pages, furthest)


def language_for(scan: Scan | None, *candidates: str | None) -> str:
    """The first candidate the scan offers; else the scan's default language."""
    offered = list(scan.languages) if scan is not None and scan.languages else list(LANGUAGES)
    for candidate in candidates:
        if candidate and candidate in offered:
            return candidate
    if scan is not None and scan.default_language in offered:
        return scan.default_language
    return offered[0]


def offered_language(scan: Scan | None, *candidates: str | None) -> str | None:
    """The first candidate the scan offers, or None (then ask further)."""
    offered = scan.languages if scan is not None and scan.languages else LANGUAGES
    return next((c for c in candidates if c and c in offered), None)


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


def section_statuses(pages: Sequence[Page], lang: str,
                     answers: Mapping[str, str]) -> list[SectionStatus]:
    """How many questions of each section have an answer (for the review step)."""
    statuses: list[SectionStatus] = []
    for page in pages:
        if page.part > 1:
            continue
        own = [p for p in pages if p.section.id == page.section.id]
        items = [i for p in own for i in p.items]
        open_page = next((p for p in own if not all(_answered(i, answers) for i in p.items)),
                         page)
        statuses.append(SectionStatus(
            title=page.section.title(lang),
            answered=sum(1 for i in items if _answered(i, answers)),
            total=len(items),
            page=open_page,
        ))
    return statuses
