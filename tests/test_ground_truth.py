"""Ground truth: synthetic organisations built with a known phase, known high tensions and
a known Sales-Marketing gap are diagnosed as built."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tandem.analysis.diagnose import diagnose
from tandem.io.demo import PROFILES, by_department, generate_responses
from tandem.responses import ResponseSet

from .helpers import responses_from_frame


def _diagnose(profile: object, n: int = 600, seed: int = 11):  # type: ignore[no-untyped-def]
    frame = generate_responses(n, seed, profile)  # type: ignore[arg-type]
    responses: ResponseSet = responses_from_frame(frame)
    return diagnose(responses, min_group=5)


@pytest.mark.parametrize(
    ("profile", "phase"), [("default", 2), ("conflict", 1), ("integrated", 4), ("small", 2)]
)
def test_profiles_are_diagnosed_in_the_phase_they_were_built_in(profile: str, phase: int) -> None:
    result = _diagnose(profile)
    assert result.phase is not None
    assert result.phase.ladder.phase == phase
    assert result.phase.uncertainty is not None
    assert result.phase.uncertainty.same_phase > 0.9


def test_default_profile_high_tensions_gap_contested_pricing_and_unowned_onboarding() -> None:
    result = _diagnose("default")
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


def test_a_single_built_in_gap_is_found_and_nothing_else_between_sales_and_marketing() -> None:
    flat = PROFILES["integrated"]
    levels = {scale: by_department(3.8) for scale in flat.scale_levels()}
    levels["eco_promotion"] = by_department(3.4, sales=-0.5, marketing=0.5)  # 25 points
    spec = replace(
        flat,
        blocks={k: levels[k] for k in flat.blocks},
        tensions={k: levels[k] for k in flat.tensions},
        outcomes={k: levels[k] for k in flat.outcomes},
    )
    result = _diagnose(spec, n=800, seed=5)
    sm = [g for g in result.gaps if g.notable and {g.a, g.b} == {"sales", "marketing"}]
    assert [g.scale for g in sm] == ["eco_promotion"]
    gap = sm[0]
    assert (gap.a, gap.b) == ("sales", "marketing")
    # A tension source reads in tension: Sales, built 25 points lower on promotion, sees
    # that much more tension.
    assert gap.measure == "tension" and gap.family == "primary" and gap.tier == "clear"
    assert 15 < gap.difference < 32
    assert gap.hedges_g > 0.8
