"""The rules of the action plan and its tools, at service level (no HTTP)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from test_actions_support import NO_DATE, a_member, closed_scan, make_action, set_context
from webtest_helpers import World

from tandem.instrument import load_instrument
from tandem.io.writers import write_csv
from tandem.report.action_plan import HEADERS, PlanItem, action_plan_rows, action_plan_section
from tandem.target import override_phases
from tandem.web.actions import selectors, services
from tandem.web.actions.models import (
    Action,
    ActionStatus,
    ChangeStatus,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
)
from tandem.web.actions.services import ActionsRuleError

AREAS = tuple(load_instrument().areas)


def full_matrix(**overrides: dict[str, str]) -> dict[str, dict[str, str]]:
    """A valid matrix: Sales accountable and doing it, Marketing consulted, the rest informed."""
    matrix = {a: {"sales": "AR", "marketing": "C", "service": "I", "management": "I"}
              for a in AREAS}
    matrix.update(overrides)
    return matrix


# ---------------------------------------------------------------- decision rights


def test_a_valid_matrix_is_saved_as_version_one(world: World) -> None:
    version = services.decision_rights_agree(organisation=world.org, matrix=full_matrix(),
                                             by=world.facilitator)
    assert version.number == 1
    assert version.by_email == "facilitator@example.org"
    assert version.matrix["pricing"]["sales"] == "AR"


@pytest.mark.parametrize("row", [
    {"sales": "R", "marketing": "C"},  # no A
    {"sales": "A", "marketing": "A", "service": "R"},  # two As
    {"sales": "AR", "marketing": "AR"},  # two As, even with Rs
])
def test_exactly_one_accountable_per_area(world: World, row: dict[str, str]) -> None:
    from django.utils import translation

    with translation.override("en"), pytest.raises(ActionsRuleError) as exc:
        services.decision_rights_agree(organisation=world.org,
                                       matrix=full_matrix(pricing=row), by=world.owner)
    assert len(exc.value.problems) == 1
    assert exc.value.problems[0].startswith(
        "Pricing: exactly one party must be Accountable (A), not ")
    with translation.override("nl"), pytest.raises(ActionsRuleError) as exc:
        services.decision_rights_agree(organisation=world.org,
                                       matrix=full_matrix(pricing=row), by=world.owner)
    assert exc.value.problems[0].startswith(
        "De prijsstelling: precies één partij moet eindverantwoordelijk zijn (A)")
    assert not DecisionRightsVersion.objects.exists()


def test_at_least_one_responsible_per_area_with_a_clear_error(world: World) -> None:
    from django.utils import translation

    matrix = full_matrix(new_markets={"management": "A", "sales": "C"})
    with translation.override("en"), pytest.raises(ActionsRuleError) as exc:
        services.decision_rights_agree(organisation=world.org, by=world.owner, matrix=matrix)
    assert exc.value.problems == [
        "Entering new markets: at least one party must be Responsible (R)."]


def test_every_area_must_be_agreed_and_errors_name_each_area(world: World) -> None:
    from django.utils import translation

    matrix = full_matrix()
    del matrix["pricing"]
    matrix["messaging"] = {}
    with translation.override("nl"), pytest.raises(ActionsRuleError) as exc:
        services.decision_rights_agree(organisation=world.org, matrix=matrix, by=world.owner)
    text = " ".join(exc.value.problems)
    assert "De prijsstelling" in text and "De waardepropositie" in text
    assert len(exc.value.problems) == 4  # two areas, each without A and without R


def test_unknown_roles_and_parties_are_refused(world: World) -> None:
    with pytest.raises(ActionsRuleError):
        services.decision_rights_agree(organisation=world.org, by=world.owner,
                                       matrix=full_matrix(pricing={"sales": "X"}))
    with pytest.raises(ActionsRuleError):
        services.decision_rights_agree(organisation=world.org, by=world.owner,
                                       matrix=full_matrix(pricing={"finance": "AR"}))


def test_each_save_is_a_new_version_and_history_is_kept(world: World) -> None:
    first = services.decision_rights_agree(organisation=world.org, matrix=full_matrix(),
                                           by=world.owner)
    second = services.decision_rights_agree(
        organisation=world.org, by=world.facilitator, note="Pricing to management",
        matrix=full_matrix(pricing={"management": "A", "sales": "R", "marketing": "C"}))
    assert (first.number, second.number) == (1, 2)
    history = list(selectors.decision_rights_versions(organisation=world.org))
    assert [v.number for v in history] == [2, 1]
    first.refresh_from_db()
    assert first.matrix["pricing"]["sales"] == "AR"  # the old version is untouched
    assert selectors.decision_rights_current(organisation=world.org) == second
    # Another organisation numbers its own versions.
    theirs = services.decision_rights_agree(organisation=world.other_org, matrix=full_matrix(),
                                            by=world.outsider)
    assert theirs.number == 1


def test_the_start_of_the_agreement_comes_from_the_scan_contested_first(world: World) -> None:
    scan = closed_scan(set_context(world.org), world.owner)
    result = selectors.scan_diagnosis(scan)
    compared = selectors.decision_compared(result)
    contested = [f.contested for f in compared]
    assert contested == sorted(contested, reverse=True)  # all contested areas first
    assert any(contested)
    start = selectors.decision_rights_start(organisation=world.org, areas=AREAS,
                                            compared=compared)
    by_area = {f.area: f for f in compared}
    for area, row in start.items():
        if by_area[area].contested:
            assert row == {}, "a contested area is left for the team to decide"
    assert start["new_products"] == {"marketing": "AR"}  # the scan: Marketing decides


# ---------------------------------------------------------------- glossary


def test_a_new_organisation_has_the_starter_glossary(world: World) -> None:
    keys = set(selectors.glossary_terms(organisation=world.org).values_list("key", flat=True))
    assert {"lead", "mql", "sal", "sql", "value_proposition", "key_account", "pipeline",
            "opportunity", "churn"} <= keys
    mql = GlossaryTerm.objects.get(organisation=world.org, key="mql")
    assert mql.stage and mql.owner == "marketing" and mql.entry_nl and mql.exit_en
    assert mql.changes.get().status == ChangeStatus.SEEDED
    assert services.glossary_seed(organisation=world.org) == 0  # idempotent


def test_a_proposal_changes_nothing_until_an_owner_approves(world: World) -> None:
    term = GlossaryTerm.objects.get(organisation=world.org, key="sql")
    old = term.definition_en
    change = services.glossary_change_propose(
        organisation=world.org, term=term, by=world.viewer, reason="Sales asked",
        fields={"definition_en": "A lead Sales has qualified by phone."})
    term.refresh_from_db()
    assert term.definition_en == old and term.version == 1
    assert change.status == ChangeStatus.PROPOSED
    services.glossary_change_approve(change=change, by=world.owner, note="Agreed in MT")
    term.refresh_from_db()
    change.refresh_from_db()
    assert term.definition_en == "A lead Sales has qualified by phone."
    assert term.version == 2
    assert change.previous["definition_en"] == old
    assert (change.status, change.decided_by_email) == (ChangeStatus.APPROVED,
                                                        "owner@example.org")
    statuses = [c.status for c in selectors.glossary_history(term=term)]
    assert statuses == [ChangeStatus.APPROVED, ChangeStatus.SEEDED]


def test_a_rejected_proposal_stays_in_the_history(world: World) -> None:
    term = GlossaryTerm.objects.get(organisation=world.org, key="lead")
    change = services.glossary_change_propose(organisation=world.org, term=term,
                                              by=world.facilitator,
                                              fields={"owner": "sales"})
    services.glossary_change_reject(change=change, by=world.owner, note="Stays Marketing's")
    term.refresh_from_db()
    assert term.owner == "marketing"
    assert GlossaryChange.objects.get(pk=change.pk).status == ChangeStatus.REJECTED
    with pytest.raises(ActionsRuleError):  # decided once
        services.glossary_change_approve(change=change, by=world.owner)


def test_new_terms_and_funnel_stage_rules(world: World) -> None:
    fields = {"term_nl": "Nurturing", "term_en": "Nurturing", "definition_nl": "Opwarmen.",
              "definition_en": "Warming up.", "owner": "marketing"}
    change = services.glossary_change_propose(organisation=world.org, term=None,
                                              fields=fields, by=world.viewer)
    term = services.glossary_change_approve(change=change, by=world.owner)
    assert term.key == "nurturing" and term.organisation == world.org
    mql = GlossaryTerm.objects.get(organisation=world.org, key="mql")
    with pytest.raises(ActionsRuleError):  # a funnel stage keeps its entry criteria
        services.glossary_change_propose(organisation=world.org, term=mql,
                                         fields={"entry_en": ""}, by=world.viewer)
    with pytest.raises(ActionsRuleError):  # no change at all
        services.glossary_change_propose(organisation=world.org, term=mql, fields={},
                                         by=world.viewer)
    theirs = GlossaryTerm.objects.get(organisation=world.other_org, key="mql")
    with pytest.raises(ActionsRuleError):
        services.glossary_change_propose(organisation=world.org, term=theirs,
                                         fields={"owner": "sales"}, by=world.viewer)


# ---------------------------------------------------------------- actions


def test_an_action_needs_an_owner_person_or_joint(world: World) -> None:
    with pytest.raises(ActionsRuleError):
        make_action(world.org, owner=None)
    joint = make_action(world.org, owner=None, joint_owner=True)
    from django.utils import translation

    with translation.override("en"):
        assert joint.owner_display == "Sales and Marketing jointly"
    with translation.override("nl"):
        assert joint.owner_display == "Sales en Marketing samen"
    anna = a_member(world.org, "Anna de Vries", "anna@example.org")
    named = make_action(world.org, owner=anna)
    assert named.owner_display == "Anna de Vries" and named.owner_name == "Anna de Vries"
    with pytest.raises(ActionsRuleError):
        make_action(world.org, scales=["no_such_scale"])


def test_late_actions_are_past_due_and_not_finished(world: World) -> None:
    today = timezone.localdate()
    past = today - timedelta(days=1)

    def make(title: str, due: date, status: str) -> Action:
        return make_action(world.org, title, due=due, status=status)

    late = make("late", past, ActionStatus.IN_PROGRESS)
    make("done", past, ActionStatus.DONE)
    make("dropped", past, ActionStatus.DROPPED)
    make("today", today, ActionStatus.PLANNED)
    make("no date", NO_DATE, ActionStatus.PLANNED)
    make_action(world.other_org, "theirs", due=past)
    assert list(selectors.late_actions(organisation=world.org)) == [late]
    assert late.is_late() and not Action.objects.get(title="done").is_late()
    services.action_update(action=late, status=ActionStatus.DONE)  # a past date kept as it is
    assert not selectors.late_actions(organisation=world.org).exists()


def test_an_action_cannot_point_at_another_organisations_scan(world: World) -> None:
    with pytest.raises(ActionsRuleError):
        make_action(world.org, scan=world.other_scan)


def test_csv_rows_neutralise_formulas() -> None:
    items = [PlanItem(title="=HYPERLINK(\"http://evil\")", owner_name="+31 6 1234",
                      joint_owner=False, due_date=date(2026, 1, 5), status="planned",
                      notes="@SUM(A1)", scales=("org_process",))]
    buffer = io.StringIO(newline="")
    write_csv([list(HEADERS["en"]), *action_plan_rows(items, "en", date(2026, 2, 1))], buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows[0][0] == "Action"
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")"
    assert rows[1][1] == "'+31 6 1234"
    assert rows[1][-1] == "'@SUM(A1)"
    assert rows[1][4] == "yes"  # late
    section = action_plan_section(items, "nl", date(2026, 2, 1))
    assert section.title == "Actieplan" and section.late == 1 and len(section.headers) == 8


# ---------------------------------------------------------------- target


def test_target_override_needs_a_reason_and_keeps_history(world: World) -> None:
    scan = closed_scan(set_context(world.org), world.owner)
    result = selectors.scan_diagnosis(scan)
    computed = result.target
    assert computed is not None
    with pytest.raises(ActionsRuleError):
        services.target_override_set(scan=scan, target=computed, phase=3, reason="  ",
                                     by=world.owner)
    if computed.current > 1:
        with pytest.raises(ActionsRuleError):
            services.target_override_set(scan=scan, target=computed,
                                         phase=computed.current - 1, reason="lower",
                                         by=world.owner)
    other = next(p for p in override_phases(computed.current) if p != computed.phase)
    with pytest.raises(ActionsRuleError):  # more than one phase up
        services.target_override_set(scan=scan, target=computed,
                                     phase=computed.current + 2, reason="Ambition",
                                     by=world.owner)
    assert not selectors.target_overrides(scan=scan).exists()
    services.target_override_set(scan=scan, target=computed, phase=other,
                                 reason="Integration is too big a step this year",
                                 by=world.owner)
    effective = selectors.effective_target(scan)
    assert effective is not None and effective.phase == other
    assert effective.override is not None
    assert effective.override.reason == "Integration is too big a step this year"
    assert effective.override.by == "owner@example.org"
    assert effective.computed_phase == computed.phase
    assert effective.reasons[-1].rule == "override"
    services.target_override_set(scan=scan, target=computed, phase=computed.phase,
                                 reason="Back to the rules", by=world.owner)
    assert selectors.target_overrides(scan=scan).count() == 2
    assert selectors.effective_target(scan).override.reason == "Back to the rules"  # type: ignore[union-attr]
    rules = selectors.fired_rules(scan=scan, result=result, target=computed)
    base = next(r for r in rules if r.rule == "base.medium")
    assert base.facts[0].value.en.replace("–", "-") == "50-249"


# ---------------------------------------------------------------- SLA


def test_sla_commitments_are_recorded_with_owner_value_and_unit(world: World) -> None:
    from decimal import Decimal

    fields = services.SlaFields(kind="follow_up", description="Sales calls A-leads",
                                owner="sales", target_value=Decimal("24"), unit="hours",
                                lead_grade="A")
    commitment = services.sla_commitment_create(organisation=world.org, fields=fields,
                                                by=world.facilitator)
    assert (commitment.owner, commitment.unit, commitment.lead_grade) == ("sales", "hours", "A")
    with pytest.raises(ActionsRuleError):
        services.sla_commitment_create(
            organisation=world.org, by=world.owner,
            fields=services.SlaFields(kind="lead_volume", description="MQLs", owner="finance",
                                      target_value=Decimal("-1"), unit=""))
    updated = services.sla_commitment_update(
        commitment=commitment, by=world.owner,
        fields=services.SlaFields(kind="follow_up", description="Sales calls A-leads",
                                  owner="sales", target_value=Decimal("8"), unit="hours",
                                  lead_grade="A"))
    assert updated.target_value == Decimal("8") and updated.updated_by_email == "owner@example.org"
