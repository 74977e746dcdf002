"""Phase ladder, HBR index and the uncertainty of the phase."""

from __future__ import annotations

import numpy as np
import pytest

from tandem.analysis.phase import (
    disagreement_note,
    index_band,
    ladder,
    ladder_phase,
    person_phases,
    phase_index,
    phase_uncertainty,
)


@pytest.mark.parametrize(
    ("blocks", "phase"),
    [
        ((59.9, 90, 90), 1),  # roof before the walls: DEF not met
        ((60, 59, 90), 2),
        ((60, 60, 59), 3),
        ((60, 60, 60), 4),
        ((np.nan, 80, 80), 1),
        ((70, np.nan, 80), 2),
    ],
)
def test_ladder_counts_consecutive_blocks_from_defined(
    blocks: tuple[float, ...], phase: int
) -> None:
    assert int(ladder_phase(np.array(blocks))) == phase
    assert ladder(np.array(blocks)).phase == phase


def test_ladder_is_vectorised_over_respondents() -> None:
    people = np.array([[70, 70, 70], [50, 70, 70], [65, 55, 90], [np.nan, 70, 70]])
    assert ladder_phase(people).tolist() == [4, 1, 2, 1]
    assert person_phases(people).tolist() == [4, 1, 2, 0]


@pytest.mark.parametrize(
    ("mean", "band"), [(1.0, 1), (1.99, 1), (2.0, 2), (2.99, 2), (3.0, 3), (3.99, 3), (4.0, 4)]
)
def test_hbr_bands(mean: float, band: int) -> None:
    assert index_band(mean) == band


def test_index_is_mean_of_respondent_means() -> None:
    items = np.array([[1, 2, 3], [5, 5, np.nan], [np.nan, np.nan, 4]], dtype=float)
    index = phase_index(items)
    # third respondent answered 1 of 3 items (< two thirds): left out
    assert index.mean == pytest.approx(((1 + 2 + 3) / 3 + 5) / 2)
    assert index.band == 3


def test_roof_before_walls_note() -> None:
    note = disagreement_note(np.array([50.0, 70.0, 80.0]), 1, 3)
    assert note is not None
    assert "roof before the walls" in note.en
    assert "dak" in note.nl
    assert disagreement_note(np.array([70.0, 70.0, 40.0]), 3, 3) is None


def test_uncertainty_is_high_when_far_from_the_bar_and_split_when_on_it() -> None:
    rng = np.random.default_rng(1)
    clear = np.column_stack([rng.normal(m, 10, 300) for m in (85, 20, 15)])
    on_bar = np.column_stack([rng.normal(m, 25, 40) for m in (60, 20, 15)])
    u_clear = phase_uncertainty(clear, 2)
    u_bar = phase_uncertainty(on_bar, int(ladder_phase(np.nanmean(on_bar, axis=0))))
    assert u_clear is not None and u_bar is not None
    assert u_clear.method == "bootstrap"
    assert u_clear.same_phase > 0.99
    assert 0.2 < u_bar.same_phase < 0.9
    assert sum(u_bar.distribution) == pytest.approx(1.0)


def test_normal_approximation_agrees_with_bootstrap_at_the_switch_point() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    # DEF mean so close to 60 that the phase is genuinely uncertain
    data = np.column_stack([rng.normal(m, 30, n) for m in (60.4, 40, 30)])
    observed = int(ladder_phase(data.mean(axis=0)))
    boot = phase_uncertainty(data, observed)
    normal = phase_uncertainty(np.vstack([data, data[:1]]), observed)  # n > 5000: normal
    assert boot is not None and normal is not None
    assert boot.method == "bootstrap" and normal.method == "normal"
    assert abs(boot.same_phase - normal.same_phase) < 0.12
