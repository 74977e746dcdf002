"""LimeSurvey codes: letters and digits only, at most 20 characters, unique."""

from __future__ import annotations

import re

from tandem.instrument import load_instrument
from tandem.instrument.codes import limesurvey_code


def test_drops_non_alphanumerics_and_truncates() -> None:
    taken: set[str] = set()
    assert limesurvey_code("def_roles", taken) == "defroles"
    assert limesurvey_code("cj_orientation_consistency", taken) == "cjorientationconsist"
    assert taken == {"defroles", "cjorientationconsist"}


def test_a_clash_replaces_the_tail_by_a_number() -> None:
    taken: set[str] = set()
    assert limesurvey_code("cj_orientation_consistency", taken) == "cjorientationconsist"
    assert limesurvey_code("cj_orientation_consistency_2", taken) == "cjorientationconsis2"
    assert limesurvey_code("cj-orientation-consistency", taken) == "cjorientationconsis3"
    assert limesurvey_code("a_b", taken) == "ab"
    assert limesurvey_code("ab", taken) == "ab2"


def test_every_item_of_the_instrument_gets_a_unique_valid_code() -> None:
    taken: set[str] = set()
    items = load_instrument().items
    codes = [limesurvey_code(item.id, taken) for item in items]
    assert len(set(codes)) == len(items)
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", code) for code in codes)
