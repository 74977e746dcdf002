"""Ground truth: synthetic organisations built with a known phase, known high tensions and
a known Sales-Marketing gap are diagnosed as built, with every shipped version of the
questionnaire (a scan keeps its version, so version 1 must keep diagnosing right)."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from tandem.analysis.diagnose import diagnose
from tandem.instrument import available_instruments, load_instrument
from tandem.io.demo import PROFILES, by_department, generate_responses
from tandem.responses import ResponseSet

from .helpers import responses_from_frame

VERSIONS = available_instruments()


def _diagnose(profile: object, n: int = 600, seed: int = 11,  # type: ignore[no-untyped-def]
              version: str = "tandem-scan-2"):
    instrument = load_instrument(version)
    frame = generate_responses(n, seed, profile, instrument=instrument)  # type: ignore[arg-type]
    responses: ResponseSet = responses_from_frame(frame, instrument=instrument)
    return diagnose(responses, min_group=5)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("profile", "phase"), [("default", 2), ("conflict", 1), ("integrated", 4), ("small", 2)]
)
def test_profiles_are_diagnosed_in_the_phase_they_were_built_in(
    profile: str, phase: int, version: str
) -> None:
    result = _diagnose(profile, version=version)
    assert result.meta.instrument_version == load_instrument(version).version
    assert result.phase is not None
    assert result.phase.ladder.phase == phase
    assert result.phase.uncertainty is not None
    assert result.phase.uncertainty.same_phase > 0.9


@pytest.mark.parametrize("version", VERSIONS)
def test_default_profile_high_tensions_gap_contested_pricing_and_unowned_onboarding(
    version: str,
) -> None:
    result = _diagnose("default", version=version)
    tensions = sorted(
        (s for s in result.scales if s.tension is not None), key=lambda s: -(s.tension or 0)
    )
    assert {tensions[0].id, tensions[1].id} == {"eco_price", "org_metrics"}
    notable_sm = {
        g.scale: g for g in result.gaps if g.notable and (g.a, g.b) == ("sales", "marketing")
    }
    assert {"DEF", "ALI", "INT"} <= set(notable_sm), "Sales was built 0.7 lower on the ladder"
    # Sales sees the relationship worse: lower phase blocks, more tension (a tension source
    # reads in tension, as on the Tensions page).
    assert all((g.difference > 0) == (g.measure == "tension") for g in notable_sm.values())
    assert result.phase is not None
    seen = {g.group: g.phase for g in result.phase.by_group}
    assert seen["sales"] == 1, "Sales was built below the DEF bar (3.35 < 3.4)"
    assert seen["marketing"] == 2
    areas = {a.area: a for a in result.decision_rights}
    assert areas["pricing"].contested
    assert "sales_marketing_differ" in areas["pricing"].reasons
    assert not areas["promotion_budget"].contested
    stages = {s.stage: s for s in result.journey}
    assert stages["onboarding"].unowned
    assert not stages["purchase"].unowned


@pytest.mark.parametrize("version", VERSIONS)
def test_a_single_built_in_gap_is_found_and_nothing_else_between_sales_and_marketing(
    version: str,
) -> None:
    flat = PROFILES["integrated"]
    levels = {scale: by_department(3.8) for scale in flat.scale_levels()}
    levels["eco_promotion"] = by_department(3.4, sales=-0.5, marketing=0.5)  # 25 points
    spec = replace(
        flat,
        blocks={k: levels[k] for k in flat.blocks},
        tensions={k: levels[k] for k in flat.tensions},
        outcomes={k: levels[k] for k in flat.outcomes},
    )
    result = _diagnose(spec, n=800, seed=5, version=version)
    sm = [g for g in result.gaps if g.notable and {g.a, g.b} == {"sales", "marketing"}]
    assert [g.scale for g in sm] == ["eco_promotion"]
    gap = sm[0]
    assert (gap.a, gap.b) == ("sales", "marketing")
    # A tension source reads in tension: Sales, built 25 points lower on promotion, sees
    # that much more tension.
    assert gap.measure == "tension" and gap.family == "primary" and gap.tier == "clear"
    assert 15 < gap.difference < 32
    assert gap.hedges_g > 0.8


def test_agreeing_with_everything_does_not_raise_the_phase_in_version_2() -> None:
    """Version 1 had no reverse-keyed ladder statement: people who agree with every
    statement put every block at 75 or more, Integrated. In version 2 the reverse-keyed
    statements keep such answers below the bar."""
    for (version, met), answer in itertools.product(
            (("tandem-scan-1", True), ("tandem-scan-2", False)), ("4", "5")):
        instrument = load_instrument(version)
        frame = generate_responses(40, 3, "conflict", instrument=instrument)
        ladder = [i.id for i in instrument.items if i.scale in ("DEF", "ALI", "INT")]
        frame.loc[:, ladder] = answer  # everyone agrees with every ladder statement
        result = diagnose(responses_from_frame(frame, instrument=instrument), min_group=5)
        assert result.phase is not None
        blocks = result.phase.blocks
        assert all(b.met for b in blocks.values()) is met, version
        if not met:
            assert all(b.score is not None and b.score < 60 for b in blocks.values())


def test_the_index_of_version_2_averages_the_twenty_hbr_statements_only() -> None:
    """Checked against a plain recomputation: recode, mean per respondent over the HBR
    statements (two thirds answered), mean over respondents."""
    instrument = load_instrument("tandem-scan-2")
    frame = generate_responses(300, 8, "default", instrument=instrument)
    result = diagnose(responses_from_frame(frame, instrument=instrument), min_group=5)
    hbr = [i for i in instrument.items if i.hbr]
    assert len(hbr) == 20
    values = frame[[i.id for i in hbr]].replace({"dk": None, "": None}).astype(float)
    for item in hbr:
        if item.reverse:
            values[item.id] = 6 - values[item.id]
    answered = values.notna().sum(axis=1)
    person = values.mean(axis=1)[answered >= 14]
    assert result.phase is not None and result.phase.index.mean is not None
    assert result.phase.index.mean == pytest.approx(person.mean(), abs=1e-12)
