"""The target as data: signals refuse impossible counts; labels match phases."""

from __future__ import annotations

import pytest

from tandem.target import (
    PHASE_LABELS,
    Signals,
)
from tests.target import SMALL, target


@pytest.mark.parametrize(("contested", "areas"), [(-1, 9), (2, -1), (10, 9)])
def test_signals_reject_impossible_counts(contested: int, areas: int) -> None:
    with pytest.raises(ValueError, match="areas"):
        Signals(contested_areas=contested, areas=areas)


def test_label_matches_the_phase() -> None:
    t = target(1, **SMALL)
    assert t.label == PHASE_LABELS[2]
    assert t.label.en == "Phase II · Defined"
    assert t.label.nl == "Fase II · Defined"
