"""At the next scan, each action shows the movement of what it addresses.

Two closed waves of synthetic answers with the same seed, from two organisation specs
that differ only on ``org_process``: that scale must show a move beyond noise, and a
scale the specs agree on must show "no change beyond noise".
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from test_actions_support import (
    MOVED_SCALE,
    closed_scan,
    improved_spec,
    make_action,
    set_context,
)
from webtest_helpers import World, client_for

from tandem.web.actions import selectors
from tandem.web.actions.movement import Movement, movements
from tandem.web.actions.selectors import scan_diagnosis


@pytest.fixture
def waves(world: World) -> tuple[object, object]:
    set_context(world.org)
    first = closed_scan(world.org, world.owner, title="Wave 1", spec="default", seed=11,
                        n=200)
    second = closed_scan(world.org, world.owner, title="Wave 2", spec=improved_spec(),
                         seed=11, n=200)
    return first, second


def test_no_movement_before_a_later_scan(world: World) -> None:
    scan = closed_scan(set_context(world.org), world.owner)
    action = make_action(world.org, "x", scan=scan, scales=[MOVED_SCALE])
    assert selectors.action_movement(action) is None


def test_the_second_scan_shows_the_movement_of_the_addressed_scales(
        world: World, waves: tuple[object, object]) -> None:
    first, second = waves
    action = make_action(world.org, "Feedback round", scan=first, step="feedback_process",
                         scales=[MOVED_SCALE, "eco_product"], criteria=["ali_feedback"])
    movement = selectors.action_movement(action)
    assert movement is not None
    assert (movement.baseline, movement.latest) == (first, second)
    rows = {row.subject: row for row in movement.rows}
    moved = rows[MOVED_SCALE]
    assert moved.verdict == "up" and moved.direction == "up"
    assert moved.change is not None and moved.change > 10
    assert moved.ci_low is not None and moved.ci_low > 0  # the whole interval is above 0
    same = rows["eco_product"]
    assert same.direction == "noise" and same.change == pytest.approx(0.0, abs=1e-9)
    criterion = rows["ali_feedback"]
    assert criterion.kind == "criterion" and criterion.direction == "noise"
    assert "feedback" in criterion.label.en.lower()

    page = client_for(world.viewer).get(reverse("actions:plan", kwargs={"org_id": world.org.pk}),
                                        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "improved" in page and "no change beyond noise" in page
    detail = client_for(world.viewer).get(
        reverse("actions:action", kwargs={"org_id": world.org.pk, "action_id": action.pk}),
        HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Wave 1" in detail and "Wave 2" in detail


def test_pure_movement_without_a_comparison_uses_the_results_own_figures(
        world: World, waves: tuple[object, object]) -> None:
    first, second = waves
    before, after = scan_diagnosis(first), scan_diagnosis(second)  # type: ignore[arg-type]
    rows = movements(before, after, scales=[MOVED_SCALE, "eco_product"], criteria=[])
    assert rows[0].direction == "up" and rows[0].verdict is None
    assert rows[1].direction == "noise"
    unknown = movements(before, after, scales=["no_such_scale"], criteria=["no_item"])
    assert all(r.direction == "unknown" for r in unknown)


def test_a_verdict_of_too_few_is_not_sold_as_progress() -> None:
    from tandem.i18n import Text

    row = Movement("x", "scale", Text("x", "x"), 50.0, 60.0, 10.0, -2.0, 22.0,
                   "too_few_to_tell")
    assert row.direction == "too_few"
    assert Movement("x", "scale", Text("x", "x"), 50.0, 60.0, 10.0, -2.0, 22.0).direction \
        == "noise"
