"""Before they write, respondents read what happens to their comments: the rule the
results follow (tandem.analysis.comments), next to the open questions, in nl and en."""

from __future__ import annotations

import pytest
from conftest import World
from test_survey import answers_for, invite, respondent, start

from tandem.privacy import DEFAULT_COMMENT_K
from tandem.web.scans.models import Scan
from tandem.web.survey import flow

NOTICE = {
    "en": ("Who reads what you write here",
           f"only if at least {DEFAULT_COMMENT_K} people in your group answer the same question",
           "together with the answers of other groups"),
    "nl": ("Wie leest wat u hier schrijft",
           f"als minstens {DEFAULT_COMMENT_K} mensen uit uw groep dezelfde vraag beantwoorden",
           "tussen de antwoorden van andere groepen"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_notice_stands_before_the_open_questions_only(world: World, open_scan: Scan,
                                                          lang: str) -> None:
    token = invite(open_scan)
    client = respondent()
    url = start(client, token, lang=lang)
    for page in flow.pages_for(open_scan):
        html = client.get(url).content.decode()
        has_notice = NOTICE[lang][0] in html
        assert has_notice == page.asks_comments, page.id
        if page.asks_comments:
            for phrase in NOTICE[lang]:
                assert phrase in html
            assert html.index(NOTICE[lang][0]) < html.index("<textarea")  # before they write
            # the instrument file's intro ("...in your group...") is not shown beside it
            assert page.section.intro is not None
            assert page.section.intro(lang) not in html
        url = client.post(url, {**answers_for(page), "nav": "next"})["Location"]


@pytest.mark.parametrize(("lang", "phrase"), [
    ("en", f"with their group's name only if {DEFAULT_COMMENT_K} of that group did"),
    ("nl", f"met de naam van hun groep alleen als {DEFAULT_COMMENT_K} uit die groep dat deden"),
])
def test_the_intro_says_it_too(world: World, open_scan: Scan, lang: str, phrase: str) -> None:
    token = invite(open_scan)
    html = respondent().get(f"/s/i/{token}/?lang={lang}").content.decode()
    assert phrase in html
