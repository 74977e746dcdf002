"""The composition: privacy (k), minimums, languages, the quick form."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.psychometrics import normalise_languages, psychometrics
from tandem.analysis.scales import MIN_N_RELIABILITY
from tandem.io.demo import generate_responses
from tests.helpers import responses_from_frame


def _reasons(result: object) -> set[tuple[str, str | None, str]]:
    return {(o.scope, o.subject, o.reason) for o in result.omitted}  # type: ignore[attr-defined]


def test_below_k_nothing_is_shown() -> None:
    result = psychometrics(responses_from_frame(generate_responses(4, 1)), k=5)
    assert result.meta.n is None and result.scales == () and result.icc == {}
    assert result.ladder is None and _reasons(result) == {("all", None, "below_k")}


def test_without_languages_there_is_no_per_language_figure_nor_invariance() -> None:
    result = psychometrics(responses_from_frame(generate_responses(120, 2)))
    assert result.meta.languages == ()
    assert all(s.by_language == {} for s in result.scales)
    assert result.invariance == {}
    assert ("invariance", None, "no_language") in _reasons(result)
    assert result.ladder is not None and result.icc


def test_a_language_below_k_is_left_out_and_the_others_kept() -> None:
    responses = responses_from_frame(generate_responses(150, 3))
    # 4 German and 4 of unknown language: 8 together, so no small set follows from the total
    languages = ["nl-NL"] * 116 + ["EN"] * 26 + ["de"] * 4 + [""] * 4
    result = psychometrics(responses, languages, k=5)
    assert result.meta.languages == ("nl", "en")
    assert ("language", "de", "below_k") in _reasons(result)
    defined = result.scale("DEF")
    assert set(defined.by_language) == {"nl", "en"}
    # English has 26 respondents: fewer complete cases than the minimum, so no alpha
    english = defined.by_language["en"]
    assert english.n is not None and english.n < MIN_N_RELIABILITY
    assert english.alpha is None and english.note == "too_few"
    assert defined.by_language["nl"].alpha is not None
    # two languages, but far from 200 complete cases each
    assert result.invariance == {}
    assert ("invariance", "DEF", "too_few") in _reasons(result)


def test_a_count_below_k_is_not_shown() -> None:
    frame = generate_responses(40, 4)
    frame.loc[3:, "def_roles"] = "dk"  # only 3 people answered every DEF statement
    result = psychometrics(responses_from_frame(frame), k=5)
    assert result.scale("DEF").overall.n is None
    assert result.scale("DEF").overall.alpha is None


def test_the_quick_form_has_single_items_and_pairs() -> None:
    responses = responses_from_frame(generate_responses(200, 5, form="quick"), form="quick")
    result = psychometrics(responses, ["nl"] * 100 + ["en"] * 100)
    price = result.scale("eco_price").overall
    assert price.note == "single_item" and price.alpha is None and price.alpha_available is None
    defined = result.scale("DEF").overall  # two statements: alpha, no omega
    assert defined.note == "no_omega" and defined.alpha is not None
    assert defined.omega_total is None and len(defined.items) == 2
    assert ("invariance", "DEF", "too_few_items") in _reasons(result)


def test_languages_must_line_up_with_the_respondents() -> None:
    responses = responses_from_frame(generate_responses(20, 6))
    with pytest.raises(ValueError, match="19 languages for 20 respondents"):
        psychometrics(responses, ["nl"] * 19)


def test_language_codes_are_normalised() -> None:
    codes = normalise_languages(["NL", "nl-BE", "en_GB", " en ", "", None, "dutch", "x1"])
    assert list(codes) == ["nl", "nl", "en", "en", None, None, None, None]
    assert codes.dtype == np.object_


def test_a_small_rest_of_other_languages_withholds_the_smallest_shown_one_too() -> None:
    responses = responses_from_frame(generate_responses(100, 7))
    # 3 German + 1 unknown: 4 < k, derivable from the total and nl + en; so the smaller
    # shown language is withheld as well (then 34 are hidden together)
    languages: list[str | None] = ["nl"] * 66 + ["en"] * 30 + ["de"] * 3 + [None]
    result = psychometrics(responses, languages, k=5)
    assert result.meta.languages == ("nl",)
    assert {("language", "de", "below_k"), ("language", "en", "complementary")} <= _reasons(
        result)
    assert set(result.scale("DEF").by_language) == {"nl"}
    # with 5 or more of them together, both languages stay
    languages = ["nl"] * 65 + ["en"] * 30 + ["de"] * 3 + [None] * 2
    assert psychometrics(responses, languages, k=5).meta.languages == ("nl", "en")
