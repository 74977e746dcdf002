"""An attacker with every results role tries to learn a small group's answers from pulses.

The pulse page shows, per scale an action should move, the baseline scored again on the
pulse's statements and the pulse itself, overall and per group. Every figure is mapped
to the respondents behind it, computed here independently (the group's departments,
who answered two thirds of the statements), and attacked as in
``test_anonymity_attack``:

(a) direct: a figure (a score or an ``n``) over 1 to k - 1 people, on the page or in
    the structured comparison;
(b) all minus one group: the overall figure minus the groups shown isolates 1 to k - 1
    people (a small department, or a group whose statements too few answered);
(c) pulse A minus pulse B: two pulses of one baseline; the baseline's side of both
    pages together must not make a small set derivable, and a pulse cannot be given
    another threshold (another threshold, another group plan, and two plans of the
    same people differ by a small group). Across waves nothing is subtracted (no link
    between waves is kept, the answers are new): each side must be a figure its own
    wave may show.

One test runs the same check on unprotected figures (the small department shown) and
must find the leak, so that a pass here means something.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pytest
from django.urls import reverse
from pulse_support import answered_pulse, baseline_with_plan
from webtest_helpers import World, client_for

from tandem.analysis.compare import EVERYONE, WaveComparison
from tandem.privacy import derivable_small_dimension, plan_groups
from tandem.privacy.groups import department_codes
from tandem.responses import ResponseSet
from tandem.web.actions import pulses
from tandem.web.responses.models import Response
from tandem.web.results.selectors import scan_responses
from tandem.web.scans.models import Scan
from tandem.web.scans.services import ScanRuleError, scan_update

K = 5
Mask = npt.NDArray[np.bool_]


def valid_scores(responses: ResponseSet, items: Sequence[str]) -> Mask:
    """Who has a score on these statements: two thirds of them answered (independent)."""
    present = [i for i in items if i in responses.likert_ids]
    answered = np.column_stack([~np.isnan(responses.column(i)) for i in present]).sum(axis=1)
    return np.asarray(answered >= int(np.ceil(len(present) * 2 / 3 - 1e-9)))


def group_masks(responses: ResponseSet, k: int) -> dict[str, Mask]:
    """Everyone the plan includes, and each shown group, by department (the published rule)."""
    codes = department_codes(responses.department)
    values, counts = np.unique(codes, return_counts=True)
    plan = plan_groups(dict(zip(values.tolist(), counts.tolist(), strict=True)), k)
    masks = {EVERYONE: ~np.isin(codes, plan.withheld)}
    masks |= {c.id: np.isin(codes, c.members) for c in plan.cells}
    return masks


def shown_sets(comparison: WaveComparison, responses: ResponseSet, items: Mapping[str, list[str]],
               side: str) -> list[tuple[str, str, Mask, int, float]]:
    """Each row's (scale, group, respondents, n shown, score shown) on one side."""
    groups = group_masks(responses, comparison.k)
    out = []
    for row in comparison.changes:
        mask = groups[row.group] & valid_scores(responses, items[row.scale])
        n = row.n_previous if side == "before" else row.n_current
        score = row.previous if side == "before" else row.current
        out.append((row.scale, row.group, mask, n, score))
    return out


def attack(sets: Sequence[tuple[str, str, Mask, int, float]], k: int) -> list[str]:
    """What leaks: a figure below k, an n that does not match its set, or a set of 1 to
    k - 1 people derivable from the sets of one scale (one figure mask)."""
    leaks = []
    for scale, group, mask, n, _score in sets:
        if int(mask.sum()) != n:
            leaks.append(f"{scale}/{group}: n {n} is not its {int(mask.sum())} respondents")
        if n < k:
            leaks.append(f"{scale}/{group}: a figure over {n} people")
    for scale in {s[0] for s in sets}:
        masks = [s[2] for s in sets if s[0] == scale]
        if derivable_small_dimension(masks, k):
            leaks.append(f"{scale}: a set below k is derivable")
    return leaks


def statements_by_scale(pulse: Scan) -> dict[str, list[str]]:
    instrument = pulse.instrument
    out: dict[str, list[str]] = {}
    for item_id in pulse.pulse_items:
        out.setdefault(instrument.item(item_id).scale or "", []).append(item_id)
    return out


def page_counts(world: World, pulse: Scan) -> set[int]:
    numbers: set[int] = set()
    for user in (world.owner, world.facilitator, world.viewer):
        html = client_for(user).get(reverse(
            "actions:pulse", kwargs={"org_id": world.org.pk, "scan_id": pulse.pk}),
            HTTP_ACCEPT_LANGUAGE="en").content.decode()
        numbers |= {int(n) for n in re.findall(r"\(n=(\d+)\)", html)}
    return numbers


def both_sides(pulse: Scan) -> tuple[list, list, WaveComparison]:
    comparison = pulses.pulse_comparison(pulse=pulse)
    assert pulse.pulse_of is not None
    items = statements_by_scale(pulse)
    before = shown_sets(comparison, scan_responses(scan=pulse.pulse_of), items, "before")
    after = shown_sets(comparison, scan_responses(scan=pulse), items, "after")
    return before, after, comparison


def test_all_minus_one_small_group(world: World) -> None:
    """Service has 3 people in the pulse: no figure includes them, the total neither."""
    baseline, actions = baseline_with_plan(world.org, world.owner,
                                           {"sales": 10, "marketing": 9, "service": 8})
    pulse = answered_pulse(baseline, actions, world.owner,
                           {"sales": 8, "marketing": 7, "service": 3}, shift=1.0)
    before, after, comparison = both_sides(pulse)
    assert comparison.changes, "the pulse shows something: the attack has figures to use"
    assert attack(before, K) == [] and attack(after, K) == []
    for scale in {row.scale for row in comparison.changes}:
        overall = comparison.scale(scale)
        assert overall is not None
        groups = [r for r in comparison.changes if r.scale == scale and r.group != EVERYONE]
        assert {r.group for r in groups} <= {"sales", "marketing"}
        if len(groups) == 2:  # the total is the groups' sum: total minus groups is nobody
            assert overall.n_current == sum(r.n_current for r in groups)
    assert {r.group for r in comparison.changes} == {EVERYONE, "sales", "marketing"}
    shown = {s[3] for s in before + after}
    assert page_counts(world, pulse) <= shown
    assert all(n >= K for n in page_counts(world, pulse))


def test_a_group_whose_statements_too_few_answered(world: World) -> None:
    """Marketing reaches k, but only 3 of them answered the price statements: hidden, and
    the next smallest group with it, so that the total minus the rest gives nothing."""
    baseline, actions = baseline_with_plan(world.org, world.owner,
                                           {"sales": 10, "marketing": 9, "service": 8})
    pulse = answered_pulse(baseline, actions[:1], world.owner,
                           {"sales": 7, "marketing": 6, "service": 6}, shift=1.0)
    marketing = [r for r in Response.objects.filter(scan=pulse)
                 if r.answers.get("department") == "marketing"]
    for response in marketing[:3]:  # three leave the statements open
        response.answers = {"department": "marketing"}
        response.save(update_fields=["answers"])
    before, after, comparison = both_sides(pulse)
    assert comparison.scale("eco_price") is not None  # the total stays
    assert attack(before, K) == [] and attack(after, K) == []
    shown_groups = {r.group for r in comparison.changes if r.group != EVERYONE}
    assert "marketing" not in shown_groups
    assert len(shown_groups) != 2, "one group hidden alone would be the total minus the other"


def test_pulse_a_minus_pulse_b(world: World) -> None:
    """Two pulses of one baseline: the baseline's side of both pages together reveals no
    small set, and neither pulse can be given another threshold."""
    baseline, actions = baseline_with_plan(world.org, world.owner,
                                           {"sales": 10, "marketing": 6, "service": 4,
                                            "management": 3})
    pulse_a = answered_pulse(baseline, actions, world.owner,
                             {"sales": 9, "marketing": 6, "service": 5}, seed=3)
    pulse_b = answered_pulse(baseline, actions, world.owner,
                             {"sales": 9, "marketing": 5, "service": 6, "management": 1},
                             seed=4)
    with pytest.raises(ScanRuleError):
        scan_update(scan=pulse_b, k=6)
    before_a, after_a, _ = both_sides(pulse_a)
    before_b, after_b, _ = both_sides(pulse_b)
    assert {s[1] for s in before_a} >= {EVERYONE, "sales", "marketing"}
    assert {s[1] for s in before_b} >= {EVERYONE, "sales", "marketing"}
    for sides in (before_a, after_a, before_b, after_b):
        assert attack(sides, K) == []
    # The baseline's side of both pages at once (same statements, same people).
    assert attack(before_a + before_b, K) == []
    # The baseline's pool (service and management, 7 people) is one group in both.
    for _scale, group, mask, _n, _score in before_a + before_b:
        assert group in {EVERYONE, "sales", "marketing", "pooled"}, group
        assert mask.sum() >= K


def test_the_attack_finds_an_unprotected_small_group(world: World) -> None:
    """Control: the same check on figures that show a 3-person department must fail."""
    baseline, actions = baseline_with_plan(world.org, world.owner,
                                           {"sales": 10, "marketing": 9, "service": 8})
    pulse = answered_pulse(baseline, actions, world.owner,
                           {"sales": 8, "marketing": 7, "service": 3})
    responses = scan_responses(scan=pulse)
    codes = department_codes(responses.department)
    items = pulse.pulse_items
    valid = valid_scores(responses, items[:2])
    everyone, sales, marketing = (valid, valid & (codes == "sales"),
                                  valid & (codes == "marketing"))
    naive = [("s", "all", everyone, int(everyone.sum()), 0.0),
             ("s", "sales", sales, int(sales.sum()), 0.0),
             ("s", "marketing", marketing, int(marketing.sum()), 0.0)]
    assert any("derivable" in leak for leak in attack(naive, K))
