"""What the filter decision reads from a response set (the rule itself is tested in
tests/privacy/test_differencing.py)."""

from __future__ import annotations

import numpy as np

from tandem.filters import figure_masks, filter_options, responses_profile
from tandem.privacy import differencing
from tests.report import demo_responses


def test_figure_masks_name_each_figure_family_once() -> None:
    responses = demo_responses(60, 3)
    masks = figure_masks(responses)
    assert any(name.startswith("scale:") for name in masks)
    assert any(name.startswith("item:") for name in masks)
    assert any(name.startswith("choice:") for name in masks)
    assert not any(name.startswith("choice:department") for name in masks)  # profile: no figure
    packed = [np.packbits(m).tobytes() for m in masks.values()]
    assert len(packed) == len(set(packed)), "identical masks are tested once"
    assert all(m.shape == (responses.n,) for m in masks.values())


def test_the_profile_holds_the_dimensions_and_the_decision_is_the_privacy_packages() -> None:
    responses = demo_responses(60, 3)
    profile = responses_profile(responses)
    assert "department" in profile and set(profile) <= set(differencing.DIMENSIONS)
    assert filter_options is differencing.filter_options
