"""Reads of the action plan and its tools, always within one organisation.

Every function takes the organisation (or a scan already fetched through it) from the
caller's membership, so another organisation's objects are simply not found (404).
The diagnosis itself is never recomputed here: it comes from the results app's
``scan_result``, and the target from its ``effective_target`` (with the owner's
override), which the results pages and the PDF report use too so that every face shows
the same target.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tandem.analysis.compare import WaveComparison, compare_waves
from tandem.analysis.decisions import RightsCompared, rights_compared
from tandem.analysis.sla import Attainment, Commitment, recorded_attainment
from tandem.context import Context, context_field
from tandem.contract.result import Result
from tandem.i18n import Text
from tandem.privacy import wave_k
from tandem.report.action_plan import PlanItem
from tandem.roadmap.ranking import RoadmapStep
from tandem.rounding import rounded_text
from tandem.target import PHASE_NAMES, Target
from tandem.web.accounts.models import User
from tandem.web.actions.models import (
    FINISHED,
    Action,
    ChangeStatus,
    DecisionRightsVersion,
    GlossaryChange,
    GlossaryTerm,
    SlaActual,
    SlaCommitment,
)
from tandem.web.actions.movement import Movement, movements
from tandem.web.organisations.models import Organisation
from tandem.web.organisations.selectors import members_of
from tandem.web.results.cache import cached, scan_stamp
from tandem.web.results.selectors import effective_target as effective_target
from tandem.web.results.selectors import scan_responses, scan_result
from tandem.web.results.selectors import shown_result as shown_result
from tandem.web.results.selectors import target_overrides as target_overrides
from tandem.web.scans.models import Scan, ScanStatus

# ---------------------------------------------------------------- scans and results


def closed_scan_get(*, organisation: Organisation, scan_id: int) -> Scan:
    """A closed scan of this organisation, or 404 (there is no diagnosis before closing)."""
    scan = Scan.objects.filter(organisation=organisation, pk=scan_id,
                               status=ScanStatus.CLOSED, pulse_of__isnull=True).first()
    if scan is None:
        raise Http404("no closed scan with that id")
    return scan


def closed_scans_of(*, organisation: Organisation) -> QuerySet[Scan]:
    return Scan.objects.filter(organisation=organisation, status=ScanStatus.CLOSED,
                               pulse_of__isnull=True).order_by("-created_at", "-pk")


def latest_closed_scan(*, organisation: Organisation) -> Scan | None:
    return closed_scans_of(organisation=organisation).first()


def scan_diagnosis(scan: Scan) -> Result:
    """The core's result of a closed scan (through the results app, which may cache it)."""
    return scan_result(scan=scan)


_BASE_KEYS: dict[str, tuple[str, ...]] = {
    "base.small_leads": ("employees", "marketing_role"),
    "base.medium": ("employees",),
    "base.strategic_marketing": ("marketing_role",),
    "base.large": ("employees",),
    "base.complex_b2b": ("market", "key_accounts"),
    "base.strategic_markets": ("marketing_role", "markets"),
    "base.default": ("employees", "market", "marketing_role", "key_accounts", "markets"),
}


@dataclass(frozen=True, slots=True)
class Fact:
    label: Text
    value: Text


@dataclass(frozen=True, slots=True)
class FiredRule:
    rule: str
    effect: str
    text: Text
    facts: tuple[Fact, ...]


def _num(value: float | None) -> Text:
    if value is None:
        return Text("onbekend", "unknown")
    shown = rounded_text(value)
    return Text(f"{shown}/100", f"{shown}/100")


def fired_rules(*, scan: Scan, result: Result, target: Target) -> tuple[FiredRule, ...]:
    """Every rule that fired, each with the facts (context and scan figures) it used."""
    try:
        context = Context.from_mapping(scan.organisation.context_dict())
    except ValueError:
        context = Context()
    tension = {s.id: (s.title, s.tension) for s in result.scales if s.kind == "tension"}
    contested = [a for a in result.decision_rights if a.contested]

    def facts_for(rule: str) -> tuple[Fact, ...]:
        if rule in _BASE_KEYS:
            return tuple(Fact(context_field(k).label, context.label(k)) for k in _BASE_KEYS[rule])
        if rule == "signal.tension_sources":
            return tuple(Fact(title, _num(value)) for title, value in tension.values()
                         if value is not None)
        if rule == "signal.mutual_image":
            title, value = tension.get("cul_image", (Text("cul_image", "cul_image"), None))
            return (Fact(title, _num(value)),)
        if rule == "signal.contested_areas":
            names = Text(", ".join(a.label.nl for a in contested),
                         ", ".join(a.label.en for a in contested))
            return (Fact(Text("Omstreden beslisgebieden", "Contested decision areas"),
                         Text(f"{len(contested)}/{len(result.decision_rights)}: {names.nl}",
                              f"{len(contested)}/{len(result.decision_rights)}: {names.en}")),)
        if rule == "signal.strong_growth":
            return (Fact(context_field("growth").label, context.label("growth")),)
        if rule in ("raise", "cap", "floor", "step"):
            base = PHASE_NAMES.get(target.base, str(target.base))
            current = PHASE_NAMES.get(target.current, str(target.current))
            return (Fact(Text("Basisfase", "Base phase"), Text(base, base)),
                    Fact(Text("Huidige fase", "Current phase"), Text(current, current)))
        return ()

    return tuple(FiredRule(r.rule, r.effect, r.text, facts_for(r.rule)) for r in target.reasons)


# ---------------------------------------------------------------- roadmap and actions


def roadmap_step(result: Result, step_id: str) -> RoadmapStep:
    for step in result.roadmap:
        if step.step == step_id:
            return step
    raise Http404("no such step in this scan's roadmap")


def actions_of(*, organisation: Organisation) -> QuerySet[Action]:
    return Action.objects.filter(organisation=organisation).select_related(
        "scan", "owner").order_by("status", "due_date", "pk")


def action_get(*, organisation: Organisation, action_id: int) -> Action:
    action = Action.objects.filter(organisation=organisation, pk=action_id).select_related(
        "scan", "owner").first()
    if action is None:
        raise Http404("action not found")
    return action


def late_actions(*, organisation: Organisation, today: date | None = None) -> QuerySet[Action]:
    """Due date passed and neither done nor dropped."""
    day = today or timezone.localdate()
    return actions_of(organisation=organisation).filter(due_date__lt=day).exclude(
        status__in=FINISHED)


def plan_items(*, organisation: Organisation) -> list[PlanItem]:
    """The organisation's actions as the reports need them (CSV export, PDF section)."""
    return [
        PlanItem(title=a.title, owner_name=a.owner_person, joint_owner=a.joint_owner,
                 due_date=a.due_date, status=a.status, step=a.step, scales=tuple(a.scales),
                 criteria=tuple(a.criteria), notes=a.notes)
        for a in actions_of(organisation=organisation)
    ]


def possible_owners(*, organisation: Organisation) -> list[User]:
    """Who may own an action: the organisation's members, by name (else e-mail address)."""
    users = [m.user for m in members_of(organisation=organisation)]
    return sorted(users, key=lambda u: (u.get_full_name().casefold(), u.email))


def actions_from_step(*, scan: Scan, step: str) -> QuerySet[Action]:
    return Action.objects.filter(scan=scan, step=step)


def actions_of_scan(*, scan: Scan) -> QuerySet[Action]:
    """The actions whose baseline is ``scan``, as they were recorded (the workshop lists
    what the meeting agreed)."""
    return Action.objects.filter(scan=scan).order_by("created_at", "pk")


def later_closed_scan(*, scan: Scan) -> Scan | None:
    """The newest closed scan of the same organisation made after ``scan``."""
    return (
        Scan.objects.filter(organisation_id=scan.organisation_id, status=ScanStatus.CLOSED,
                            created_at__gt=scan.created_at, pulse_of__isnull=True)
        .exclude(pk=scan.pk).order_by("-created_at", "-pk").first()
    )


def _comparison(before: Scan, after: Scan) -> WaveComparison | None:
    """The wave comparison of the two scans, cached like the results pages' own.

    The cache key is the one ``results.selectors.scan_comparison`` uses, so when the
    action's scan is the wave just before the latest, both share one computation.
    None when the waves cannot be compared (another instrument version).
    """
    if before.instrument_id != after.instrument_id:
        return None
    name = f"compare:{before.pk}:{scan_stamp(before)}"
    try:
        return cached(after, scan_stamp(after), name, lambda: compare_waves(
            scan_responses(scan=before), scan_responses(scan=after),
            min_group=wave_k(before.k, after.k), own_k=(before.k, after.k)))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ActionMovement:
    baseline: Scan
    latest: Scan
    rows: tuple[Movement, ...]


def action_movement(action: Action, *, cache: dict[int, Result] | None = None
                    ) -> ActionMovement | None:
    """What the action addresses, between its scan and the newest later closed scan.

    None when there is no later closed scan yet. ``cache`` (scan id -> result) lets a
    page with many actions diagnose each scan once.
    """
    if action.scan is None or action.scan.status != ScanStatus.CLOSED:
        return None
    latest = later_closed_scan(scan=action.scan)
    if latest is None:
        return None
    memo = cache if cache is not None else {}
    for scan in (action.scan, latest):
        if scan.pk not in memo:
            memo[scan.pk] = scan_diagnosis(scan)
    before, after = memo[action.scan.pk], memo[latest.pk]
    instrument = latest.instrument
    rows = movements(before, after, scales=action.scales, criteria=action.criteria,
                     comparison=_comparison(action.scan, latest))
    labelled = []
    for row in rows:
        if row.kind == "criterion":
            with contextlib.suppress(KeyError):
                row = _with_label(row, instrument.item(row.subject).text)
        labelled.append(row)
    return ActionMovement(action.scan, latest, tuple(labelled))


def _with_label(row: Movement, label: Text) -> Movement:
    return Movement(row.subject, row.kind, label, row.before, row.after, row.change,
                    row.ci_low, row.ci_high, row.verdict)


# ---------------------------------------------------------------- decision rights


def decision_rights_versions(*, organisation: Organisation) -> QuerySet[DecisionRightsVersion]:
    return DecisionRightsVersion.objects.filter(organisation=organisation).order_by("-number")


def decision_rights_current(*, organisation: Organisation) -> DecisionRightsVersion | None:
    return decision_rights_versions(organisation=organisation).first()


def decision_rights_version_get(*, organisation: Organisation,
                                number: int) -> DecisionRightsVersion:
    version = decision_rights_versions(organisation=organisation).filter(number=number).first()
    if version is None:
        raise Http404("no such version")
    return version


def decision_compared(result: Result) -> tuple[RightsCompared, ...]:
    """Per decision area, who decides now against who should decide (the core's
    :func:`~tandem.analysis.decisions.rights_compared`): contested areas first, then
    those where now and should differ, the rest in the questionnaire's order."""
    rows = rights_compared(result.decision_rights, result.meta.k)
    return tuple(sorted(rows, key=lambda r: (not r.contested, r.differs is not True)))


def decision_rights_start(*, organisation: Organisation, areas: Sequence[str],
                          compared: Sequence[RightsCompared] = ()) -> dict[str, dict[str, str]]:
    """Where the agreement starts: the current version, else what the scan suggests.

    The suggestion is the core's: who should decide where most agree on it, else who
    decides today where that is clear and uncontested; the rest is left for the
    management team to decide.
    """
    current = decision_rights_current(organisation=organisation)
    if current is not None:
        return {a: dict(current.matrix.get(a, {})) for a in areas}
    found = {c.area: c for c in compared}
    return {area: dict(found[area].start) if area in found else {} for area in areas}


# ---------------------------------------------------------------- glossary


def glossary_terms(*, organisation: Organisation) -> QuerySet[GlossaryTerm]:
    return GlossaryTerm.objects.filter(organisation=organisation).order_by("position", "pk")


def glossary_term_get(*, organisation: Organisation, term_id: int) -> GlossaryTerm:
    term = glossary_terms(organisation=organisation).filter(pk=term_id).first()
    if term is None:
        raise Http404("term not found")
    return term


def glossary_history(*, term: GlossaryTerm) -> QuerySet[GlossaryChange]:
    return GlossaryChange.objects.filter(term=term).order_by("-proposed_at", "-pk")


def glossary_pending(*, organisation: Organisation) -> QuerySet[GlossaryChange]:
    return GlossaryChange.objects.filter(organisation=organisation,
                                         status=ChangeStatus.PROPOSED).select_related(
        "term").order_by("proposed_at", "pk")


def glossary_change_get(*, organisation: Organisation, change_id: int) -> GlossaryChange:
    change = GlossaryChange.objects.filter(organisation=organisation, pk=change_id).select_related(
        "term").first()
    if change is None:
        raise Http404("proposal not found")
    return change


# ---------------------------------------------------------------- SLA


def sla_commitments(*, organisation: Organisation) -> QuerySet[SlaCommitment]:
    return SlaCommitment.objects.filter(organisation=organisation).order_by("kind", "lead_grade",
                                                                            "pk")


def sla_commitment_get(*, organisation: Organisation, commitment_id: int) -> SlaCommitment:
    commitment = sla_commitments(organisation=organisation).filter(pk=commitment_id).first()
    if commitment is None:
        raise Http404("commitment not found")
    return commitment


def sla_core_commitment(commitment: SlaCommitment) -> Commitment:
    """A commitment as the core measures it (:mod:`tandem.analysis.sla`)."""
    return Commitment(commitment.pk, commitment.kind, commitment.description,
                      float(commitment.target_value), commitment.unit, commitment.lead_grade,
                      direction="at_most" if commitment.direction == "at_most" else "at_least",
                      within_share=float(commitment.within_share))


def sla_actuals(*, commitment: SlaCommitment) -> QuerySet[SlaActual]:
    return SlaActual.objects.filter(commitment=commitment).order_by("month")


def sla_actual_get(*, commitment: SlaCommitment, actual_id: int) -> SlaActual:
    actual = sla_actuals(commitment=commitment).filter(pk=actual_id).first()
    if actual is None:
        raise Http404("no such month")
    return actual


def sla_attainment(*, commitment: SlaCommitment,
                   actuals: Sequence[SlaActual] | None = None) -> Attainment:
    """The commitment's recorded months against what was agreed, oldest first."""
    rows = list(sla_actuals(commitment=commitment)) if actuals is None else actuals
    return recorded_attainment(sla_core_commitment(commitment),
                               {f"{a.month:%Y-%m}": float(a.value) for a in rows})


def sla_attainments(*, organisation: Organisation) -> list[tuple[SlaCommitment, Attainment]]:
    """Every commitment with its recorded attainment, in one query for the months."""
    commitments = list(sla_commitments(organisation=organisation))
    months: dict[int, list[SlaActual]] = {c.pk: [] for c in commitments}
    for actual in SlaActual.objects.filter(commitment__in=commitments).order_by("month"):
        months[actual.commitment_id].append(actual)
    return [(c, sla_attainment(commitment=c, actuals=months[c.pk])) for c in commitments]
