"""Pages of at most ten statements, blocks kept together, and a progress bar that says
where the respondent is, for every instrument version shipped (nothing here names an
item id, so a new version is checked as it is added)."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from conftest import World
from test_survey import answers_for, invite, respondent, start

from tandem.instrument import available_instruments, load_instrument
from tandem.instrument.model import Item
from tandem.web.scans.models import Scan
from tandem.web.scans.services import scan_create, scan_open
from tandem.web.survey import flow
from tandem.web.survey.flow import MAX_PER_PAGE, split_items

SETTINGS = (frozenset(), frozenset({"should_decide", "segment"}))


def _block(item: Item) -> str | None:
    return item.scale or item.area or item.stage


@pytest.mark.parametrize("name", available_instruments())
@pytest.mark.parametrize("form", ["full", "quick"])
@pytest.mark.parametrize("options", SETTINGS, ids=["plain", "all-options"])
def test_every_item_once_in_order_on_pages_of_at_most_ten(name: str, form: str,
                                                          options: frozenset[str]) -> None:
    instrument = load_instrument(name)
    pages = flow._pages(name, form, options)  # type: ignore[arg-type]
    items = instrument.items_for(form, options)  # type: ignore[arg-type]
    order = [s.id for s in instrument.sections]  # sections in order, items in theirs
    expected = sorted(items, key=lambda i: order.index(i.section))
    assert [i.id for p in pages for i in p.items] == [i.id for i in expected]
    assert all(1 <= len(p.items) <= MAX_PER_PAGE for p in pages)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert len({p.id for p in pages}) == len(pages)
    for page in pages:
        assert {i.section for i in page.items} == {page.section.id}  # one section a page
        own = [p for p in pages if p.section.id == page.section.id]
        assert page.parts == len(own) and [p.part for p in own] == list(range(1, len(own) + 1))
    for before, after in pairwise(pages):  # a cut inside a block only where it must be
        block = _block(before.items[-1])
        if block is None or block != _block(after.items[0]):
            continue
        size = sum(1 for i in items if _block(i) == block and i.section == before.section.id)
        assert size > MAX_PER_PAGE, f"{name} {form}: block {block} cut at {after.id}"


def test_the_full_form_of_version_1_pages_as_designed() -> None:
    """Worked out by hand: the ladder's blocks (8, 10, 11) give 8 | 10 | 5 + 6, the
    tension's eleven blocks of three give 6 | 9 | 9 | 9, the decision pairs 8 | 10."""
    pages = flow._pages("tandem-scan-1", "full", frozenset({"should_decide", "segment"}))
    assert [(p.id, len(p.items)) for p in pages] == [
        ("profile", 4), ("ladder-1", 8), ("ladder-2", 10), ("ladder-3", 5), ("ladder-4", 6),
        ("tension-1", 6), ("tension-2", 9), ("tension-3", 9), ("tension-4", 9),
        ("decisions-1", 8), ("decisions-2", 10), ("journey-1", 6), ("journey-2", 6),
        ("outcomes", 9), ("open", 2)]


def _items(blocks: list[tuple[str | None, int]]) -> list[Item]:
    instrument = load_instrument()
    template = next(i for i in instrument.items if i.kind == "likert")
    items = []
    for block, size in blocks:
        for _ in range(size):
            items.append(Item(id=f"x{len(items)}", section="s", kind="likert",
                              text=template.text, forms=("full",), scale=block))
    return items


@pytest.mark.parametrize(("blocks", "sizes"), [
    ([("a", 4), ("b", 4)], [8]),  # fits one page: never split
    ([(f"b{i}", 3) for i in range(11)], [6, 9, 9, 9]),  # whole blocks, as even as they allow
    ([("a", 8), ("b", 10), ("c", 11)], [8, 10, 5, 6]),  # only the too-long block is cut
    ([("a", 25)], [8, 8, 9]),  # one long block: the fewest, most even pages
    ([(None, 1)] * 21, [7, 7, 7]),  # no blocks: even pages
    ([], []),
])
def test_split_items(blocks: list[tuple[str | None, int]], sizes: list[int]) -> None:
    items = _items(blocks)
    pages = split_items(items)
    assert [len(p) for p in pages] == sizes
    assert [i for p in pages for i in p] == items


# ---------------------------------------------------------------- on the page


@pytest.fixture
def full_scan(world: World) -> Scan:
    scan = scan_create(organisation=world.org, title="All", instrument_name="tandem-scan-1",
                       should_decide=True, segment=True)
    return scan_open(scan=scan, actor=world.owner)


def test_each_page_says_where_it_is_in_words_and_in_a_progress_bar(world: World,
                                                                   full_scan: Scan) -> None:
    token = invite(full_scan)
    client = respondent()
    url = start(client, token, lang="en")
    pages = flow.pages_for(full_scan)
    total = len(pages)
    for page in pages:
        assert url == f"/s/i/{token}/q/{page.id}/"
        html = client.get(url).content.decode()
        assert f"Page {page.number} of {total}" in html
        assert re.search(rf'<progress max="{total}" value="{page.number - 1}" '
                         r'aria-labelledby="progress-label">', html)
        title = page.section.title("en")
        if page.parts > 1:
            assert f"<title>{title} (part {page.part} of {page.parts}) · Tandem Scan" in html
            assert f'<span class="part">(part {page.part} of {page.parts})</span>' in html
        else:
            assert f"<title>{title} · Tandem Scan" in html and "(part " not in html
        assert html.count('class="q q-') == len(page.items) <= MAX_PER_PAGE
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]
    review = client.get(url).content.decode()
    assert url.endswith("/review/") and "Last step: check and submit" in review
    assert f'<progress max="{total}" value="{total}"' in review
    # the review counts per section, not per page: seven sections, all answered
    assert review.count('class="review-title"') == 7
    assert "4 of 4 answered" in review and "29 of 29 answered" in review


def test_nl_pages_say_pagina_and_deel(world: World, full_scan: Scan) -> None:
    token = invite(full_scan)
    client = respondent()
    start(client, token, lang="nl")
    html = client.get(f"/s/i/{token}/q/tension-2/").content.decode()
    assert "Pagina 7 van 15" in html and "(deel 2 van 4)" in html


@pytest.mark.parametrize("name", available_instruments())
@pytest.mark.parametrize("count", [6, 10, 13])
def test_a_pulse_asks_the_department_then_its_statements_together(name: str,
                                                                   count: int) -> None:
    """Statements from several sections (phase ladder, tensions, outcomes) share pages of
    at most ten after the one profile question, in the questionnaire's order."""
    instrument = load_instrument(name)
    statements = [i for i in instrument.items_for("full", frozenset()) if i.kind == "likert"]
    # spread over the sections: every k-th statement
    chosen = statements[:: max(1, len(statements) // count)][:count]
    assert len({i.section for i in chosen}) >= 2
    only = frozenset({*(i.id for i in chosen), *flow.PULSE_PROFILE})
    pages = flow._pages(name, "full", frozenset(), only)
    assert pages[0].id == "profile"
    assert [i.id for i in pages[0].items] == ["department"]
    assert "One short question" in pages[0].section.intro("en")  # type: ignore[misc]
    assert [i.id for p in pages[1:] for i in p.items] == [i.id for i in chosen]
    assert len(pages) - 1 == -(-count // MAX_PER_PAGE)  # as few pages as ten a page allow
    assert all(p.section.title("nl") == "Hoe het nu gaat" for p in pages[1:])
