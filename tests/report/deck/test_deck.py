"""The meeting deck: it opens, has its slides in order with notes in the reader's language,
shows no internal code and no figure for a group below k, and its charts are images of
the app's own charts."""

from __future__ import annotations

import re
import string
from datetime import date

import pytest

from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.report import charts
from tandem.report.deck import KEYS as ALL_KEYS
from tandem.report.deck import meeting_slides, render_deck
from tandem.report.deck._words import T as DECK_WORDS
from tandem.report.deck.images import png_of, png_size
from tandem.report.topics import URGENCY_NOTE, topic_words
from tandem.report.topics import T as TOPIC_WORDS
from tandem.report.wording import WITHHELD_NOTE, certainty_words, gap_sentence
from tests.golden.test_no_codes import PATTERN
from tests.report import demo_result
from tests.report.deck import (
    WITHHELD_SIZES,
    alt_texts,
    notes_of,
    open_deck,
    pictures,
    quick_result,
    shown_only_result,
    slide_texts,
    too_few_result,
    withheld_result,
)

#: The slides of a scan without a customer mirror (the tests' scans have none).
KEYS = tuple(k for k in ALL_KEYS if k != "mirror")

DAY = date(2026, 3, 12)
TITLES = {lang: [DECK_WORDS[k](lang) for k in KEYS[1:]] for lang in ("nl", "en")}
ASK = {"nl": "Vraag aan het team: ", "en": "Question for the team: "}


def deck_of(result: Result, lang: str) -> bytes:
    return render_deck(result, lang, organisation="Acme BV", scan="Voorjaar", generated_on=DAY)


@pytest.fixture(scope="module", params=["nl", "en"])
def demo(request: pytest.FixtureRequest) -> tuple[str, Result, bytes]:
    result = demo_result()
    return request.param, result, deck_of(result, request.param)


def test_the_deck_opens_with_one_slide_per_topic_in_order(
    demo: tuple[str, Result, bytes],
) -> None:
    lang, result, data = demo
    deck = open_deck(data)
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == ["Acme BV", *TITLES[lang]]
    pages = slide_texts(deck)
    assert DECK_WORDS["kicker"](lang) in pages[0]
    assert any(f"{result.meta.n} " in t for t in pages[0])
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9


def test_every_slide_has_notes_that_end_with_the_question_for_the_team(
    demo: tuple[str, Result, bytes],
) -> None:
    lang, _result, data = demo
    notes = notes_of(open_deck(data))
    assert len(notes) == len(KEYS)
    for key, paragraphs in zip(KEYS, notes, strict=True):
        question = DECK_WORDS[f"{key}_question"](lang)
        assert paragraphs[-1] == ASK[lang] + question, key
        assert len(paragraphs) >= 2, key  # how to read it, then the question


def test_the_slides_say_what_the_other_faces_say(demo: tuple[str, Result, bytes]) -> None:
    lang, result, data = demo
    pages = slide_texts(open_deck(data))
    text = {KEYS[i]: " ".join(p) for i, p in enumerate(pages)}
    phase = result.phase
    assert phase is not None and phase.uncertainty is not None and result.target is not None
    assert phase.ladder.label(lang) in text["phase"]
    assert certainty_words(phase.uncertainty, lang) in text["phase"]
    assert result.target.label(lang) in text["target"]
    assert URGENCY_NOTE[result.target.urgency](lang) in text["target"]
    for reason in result.target.reasons:
        assert reason.text(lang) in text["target"]
    shown = result.ranked_gaps(tiered=True)[:3]
    assert shown
    for gap in shown:
        sentence = gap_sentence(result, gap, lang)
        assert sentence[:1].upper() + sentence[1:] in text["gaps"]
    contested = [a for a in result.decision_rights if a.contested]
    for area in contested:
        assert area.label(lang)[1:] in text["decisions"]
    for stage in result.journey:
        assert (stage.label(lang) in text["journey"]) == stage.unowned
    assert len(result.discuss_first) == 3
    for topic in result.discuss_first:
        head, words = topic_words(result, topic, lang)
        assert f"{head}: {words}" in pages[KEYS.index("discuss")]


def _fixed_phrases(lang: str) -> set[str]:
    """The fixed parts of the kit's own texts in ``lang``: each piece between the
    placeholders, of three words or more, that the other language does not also use."""
    other = "en" if lang == "nl" else "nl"
    texts: list[Text] = [*DECK_WORDS.values(), *TOPIC_WORDS.values(), *URGENCY_NOTE.values()]
    theirs = " ".join(t(other) for t in texts)
    pieces = set()
    for t in texts:
        for literal, *_rest in string.Formatter().parse(t(lang)):
            literal = literal.strip(" .,:;·()")
            if len(literal.split()) >= 3 and literal not in theirs:
                pieces.add(literal)
    return pieces


def test_the_notes_and_slides_hold_no_fixed_phrase_of_the_other_language(
    demo: tuple[str, Result, bytes],
) -> None:
    lang, _result, data = demo
    deck = open_deck(data)
    everything = " ".join(" ".join(p) for p in [*slide_texts(deck), *notes_of(deck)])
    other = "en" if lang == "nl" else "nl"
    foreign = _fixed_phrases(other)
    assert len(foreign) > 40  # the check has something to find
    assert [p for p in foreign if p in everything] == []
    own = [p for p in _fixed_phrases(lang) if p in everything]
    assert len(own) > 20  # and the reader's own language is there


def test_no_internal_code_on_any_slide_note_or_picture(demo: tuple[str, Result, bytes]) -> None:
    _lang, _result, data = demo
    deck = open_deck(data)
    faces = [*(t for p in slide_texts(deck) for t in p), *(t for p in notes_of(deck) for t in p),
             *alt_texts(deck)]
    assert len(alt_texts(deck)) == 5  # phase, tensions, gaps, decisions, journey
    found = sorted({m.group(1) for face in faces for m in PATTERN.finditer(face)})
    assert found == []


def test_the_check_for_codes_can_fail() -> None:
    assert PATTERN.search("Sales rates eco_price 12 points lower")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_withheld_group_has_no_figure_only_fewer_than_k(lang: str) -> None:
    result = withheld_result()
    assert result.withheld_groups() == ("service", "management")
    assert not {g.id for g in result.meta.groups} & set(result.withheld_groups())
    k = result.meta.k
    deck = open_deck(deck_of(result, lang))
    pages = slide_texts(deck)
    names = ("Customer Service",
             {"nl": "Commercieel management", "en": "Commercial management"}[lang])
    fewer = [f"{name}: " + DECK_WORDS["fewer_than_k"](lang).format(k=k) for name in names]
    note = WITHHELD_NOTE(lang).format(names=", ".join(names))
    groups_page = pages[KEYS.index("groups")]
    assert set(fewer) | {note} <= set(groups_page)
    # Shown: the counts of the departments that reach k, as the answers hold them.
    shown = {d: n for d, n in WITHHELD_SIZES.items() if n >= k}
    assert set(shown) == {"sales", "marketing"}
    for label, n in (("Sales", shown["sales"]), ("Marketing", shown["marketing"])):
        assert f"{label}: " + DECK_WORDS["group_n"](lang).format(n=n) in groups_page
    total = DECK_WORDS["respondents"](lang).format(n=sum(shown.values()))
    assert any(t.startswith(total) for t in pages[0])
    # No line is about a withheld group but the "fewer than k" ones.
    lines = [t for p in pages for t in p]
    assert [t for t in lines if t.startswith(names) and t not in fewer] == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_withheld_answers_change_nothing_but_the_groups_slide(lang: str) -> None:
    """The deck of the shown respondents alone says the same, images included: what the
    withheld departments answered is in no word, figure or chart of the deck."""
    result, alone = withheld_result(), shown_only_result()
    assert alone.withheld_groups() == () and alone.meta.n == result.meta.n
    with_them, without = open_deck(deck_of(result, lang)), open_deck(deck_of(alone, lang))
    groups = KEYS.index("groups")
    pages, other = slide_texts(with_them), slide_texts(without)
    assert [p for i, p in enumerate(pages) if i != groups] == [
        p for i, p in enumerate(other) if i != groups]
    assert notes_of(with_them) == notes_of(without)
    assert pictures(with_them) == pictures(without)
    assert len(pictures(with_them)) == 5
    extra = set(pages[groups]) - set(other[groups])
    assert extra and all(DECK_WORDS["fewer_than_k"](lang).format(k=5) in t
                         or t.startswith(WITHHELD_NOTE(lang).split("{")[0])
                         or t == DECK_WORDS["withheld"](lang) for t in extra)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_too_few_respondents_gives_a_deck_without_figures(lang: str) -> None:
    result = too_few_result()
    assert result.meta.n is None
    deck = open_deck(deck_of(result, lang))
    titles = [s.shapes.title.text for s in deck.slides]
    assert titles == ["Acme BV", DECK_WORDS["too_few"](lang), DECK_WORDS["actions"](lang)]
    assert alt_texts(deck) == []
    body = [t for p in slide_texts(deck)[1:] for t in p]
    assert not any(re.search(r"\d", t) for t in body if t != "2 / 3" and t != "3 / 3")


def test_the_slides_are_the_workshop_steps_in_the_same_order() -> None:
    slides = meeting_slides(demo_result(), "en", organisation=None, day=DAY)
    assert tuple(s.key for s in slides) == KEYS
    assert all(s.question for s in slides)
    recording = {s.key for s in slides if s.records}
    assert recording == {"discuss", "target", "tensions", "gaps", "decisions", "journey",
                         "actions"}
    gaps = next(s for s in slides if s.key == "gaps")
    assert gaps.scales == tuple(dict.fromkeys(
        g.scale for g in demo_result().ranked_gaps(tiered=True)[:3]))


def test_a_chart_becomes_a_png_of_its_own_proportions() -> None:
    svg = charts.phase_ladder(demo_result(), "en")
    png = png_of(svg, ppi=144)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    head = svg[: svg.index(">")]
    width = float(re.search(r' width="([\d.]+)"', head).group(1))  # type: ignore[union-attr]
    height = float(re.search(r' height="([\d.]+)"', head).group(1))  # type: ignore[union-attr]
    w, h = png_size(png)
    assert abs(w - width * 2) <= 2  # 144 ppi: two pixels per point
    assert abs(w / h - width / height) < 0.01


def test_a_quick_scan_has_no_slide_for_what_it_did_not_ask_and_keeps_every_reason() -> None:
    result = quick_result()
    assert result.decision_rights == () and result.journey == () and result.target is not None
    reasons = [r.text.en for r in result.target.reasons]
    assert len(reasons) > 4
    deck = open_deck(deck_of(result, "en"))
    titles = [s.shapes.title.text for s in deck.slides]
    asked = [k for k in KEYS[1:] if k not in ("decisions", "journey")]
    assert titles == ["Acme BV", *(DECK_WORDS[k]("en") for k in asked)]
    target = KEYS.index("target")
    page = slide_texts(deck)[target]
    assert [r for r in reasons if r in page] == reasons[:4]
    assert DECK_WORDS["more_reasons"]("en").format(n=len(reasons) - 4) in page
    notes = notes_of(deck)[target]
    assert [r for r in reasons if r in notes] == reasons  # every reason, in the notes


def test_a_closed_mirror_adds_what_customers_saw_after_the_journey() -> None:
    from tandem.analysis.mirror import CustomerAnswer, mirror
    from tandem.instrument.customer import load_questionnaire

    questionnaire = load_questionnaire()
    result = demo_result()

    def customers(stage: str, value: int, n: int) -> list[CustomerAnswer]:
        return [CustomerAnswer(stage, {s.id: value if s.keying == "+" else 6 - value
                                       for s in questionnaire.statements_for(stage)})] * n

    answers = (customers("onboarding", 1, 6) + customers("service", 5, 6)
               + customers("choice", 1, 4))  # choice: a break, but fewer than k customers
    figures = mirror(questionnaire, answers, k=5, journey=result.journey)
    slides = meeting_slides(result, "en", day=DAY, mirror=figures)
    keys = [s.key for s in slides]
    assert keys == list(ALL_KEYS) and keys.index("mirror") == keys.index("journey") + 1
    slide = slides[keys.index("mirror")]
    assert [p.head for p in slide.points] == [
        s.label("en").capitalize() + ":" for s in figures.flagged if s.customers is not None]
    assert all("customers 0 (" in p.text and "n = 6" in p.text for p in slide.points)
    assert not any("choice" in p.head.lower() or "n = 4" in p.text for p in slide.points)
    assert slide.records and slide.question == DECK_WORDS["mirror_question"]("en")
    calm = mirror(questionnaire, customers("service", 5, 6), k=5, journey=result.journey)
    quiet = meeting_slides(result, "nl", day=DAY, mirror=calm)
    assert [p.text for p in quiet[keys.index("mirror")].points] == [
        DECK_WORDS["no_break"]("nl")]
    assert "mirror" not in [s.key for s in meeting_slides(result, "en", day=DAY)]
