"""Reads of the follow-up pulse (the selectors of its pages): which actions a pulse can
follow up, which statements it asks, and per action what moved.

The figures are :func:`tandem.analysis.pulse.compare_pulse`'s: the baseline scored
again on the pulse's statements against the pulse, every group shown only where both
waves show it with the same departments under the stricter k, nothing below k. The
comparison is computed once per state of both scans (the results app's cache).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from tandem.analysis.compare import EVERYONE, ScaleChange, WaveComparison
from tandem.analysis.pulse import PulseStatements, choose_statements, compare_pulse, verdict
from tandem.instrument.model import Form
from tandem.privacy import wave_k
from tandem.web.actions.models import Action, ActionStatus
from tandem.web.organisations.models import Organisation
from tandem.web.results.cache import cached, scan_stamp
from tandem.web.results.selectors import scan_responses
from tandem.web.scans.models import Scan, ScanStatus


def pulse_baselines(*, organisation: Organisation) -> QuerySet[Scan]:
    """The closed scans (no pulses) with an action that names a scale: what a pulse can
    follow up, newest first."""
    with_scales = (Action.objects.filter(organisation=organisation, scan__isnull=False)
                   .exclude(scales=[]).values_list("scan_id", flat=True))
    return Scan.objects.filter(organisation=organisation, status=ScanStatus.CLOSED,
                               pulse_of__isnull=True, pk__in=with_scales
                               ).order_by("-created_at", "-pk")


def pulse_actions(*, baseline: Scan) -> list[Action]:
    """The baseline's actions a pulse can follow up: with a scale, not dropped."""
    return [a for a in Action.objects.filter(scan=baseline).exclude(
        status=ActionStatus.DROPPED).order_by("due_date", "pk") if a.scales]


def pulse_statements(*, baseline: Scan, actions: Iterable[Action]) -> PulseStatements:
    """The statements a pulse of ``actions`` asks, chosen on the baseline's own answers.

    Raises the core's ``PulseError`` (no scale, too many) and the results app's
    ``AnswersPurgedError`` (without the answers nothing can be compared either).
    """
    responses = scan_responses(scan=baseline)
    return choose_statements(baseline.instrument, [s for a in actions for s in a.scales],
                             form=_form(baseline), baseline=responses)


def _form(scan: Scan) -> Form:
    return "quick" if scan.form == "quick" else "full"


def pulses_of(*, organisation: Organisation) -> QuerySet[Scan]:
    return (Scan.objects.filter(organisation=organisation, pulse_of__isnull=False)
            .select_related("pulse_of").order_by("-created_at", "-pk"))


def pulse_get(*, organisation: Organisation, scan_id: int) -> Scan:
    pulse = pulses_of(organisation=organisation).filter(pk=scan_id).first()
    if pulse is None:
        raise Http404("no pulse with that id")
    return pulse


def pulse_comparison(*, pulse: Scan) -> WaveComparison:
    """Baseline against pulse on the pulse's statements (cached per state of both)."""
    baseline = pulse.pulse_of
    assert baseline is not None
    name = f"pulse:{baseline.pk}:{scan_stamp(baseline)}"
    return cached(pulse, scan_stamp(pulse), name, lambda: compare_pulse(
        scan_responses(scan=baseline), scan_responses(scan=pulse), pulse.pulse_items,
        k_baseline=baseline.k, k_pulse=pulse.k))


@dataclass(frozen=True, slots=True)
class ScaleOutcome:
    """One scale an action should move: the overall row, the group rows shown, and the
    statements the pulse asked for it."""

    scale: str
    title: str
    statements: tuple[str, ...]
    overall: ScaleChange | None
    groups: tuple[ScaleChange, ...]
    verdict: str


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    action: Action
    scales: tuple[ScaleOutcome, ...]


def pulse_outcomes(*, pulse: Scan, comparison: WaveComparison, lang: str
                   ) -> list[ActionOutcome]:
    """Per action of the baseline that the pulse measures, each of its measured scales."""
    baseline = pulse.pulse_of
    assert baseline is not None
    instrument = baseline.instrument
    asked = {i: instrument.item(i).scale for i in pulse.pulse_items}
    measured = [s for s in dict.fromkeys(asked.values()) if s]
    groups = comparison.groups()
    outcomes: list[ActionOutcome] = []
    for action in Action.objects.filter(scan=baseline).order_by("due_date", "pk"):
        scales = [s for s in action.scales if s in measured]
        if not scales:
            continue
        outcomes.append(ActionOutcome(action, tuple(ScaleOutcome(
            scale=s,
            title=instrument.scale(s).title(lang),
            statements=tuple(instrument.item(i).text(lang) for i, sc in asked.items()
                             if sc == s),
            overall=comparison.scale(s, EVERYONE),
            groups=_shown(comparison, s, groups),
            verdict=verdict(comparison, s),
        ) for s in scales)))
    return outcomes


def _shown(comparison: WaveComparison, scale: str, groups: Sequence[str]
           ) -> tuple[ScaleChange, ...]:
    rows = (comparison.scale(scale, g) for g in groups)
    return tuple(r for r in rows if r is not None)


def pulse_k(pulse: Scan) -> int:
    baseline = pulse.pulse_of
    return pulse.k if baseline is None else wave_k(baseline.k, pulse.k)


__all__ = [
    "ActionOutcome", "ScaleOutcome", "pulse_actions", "pulse_baselines", "pulse_comparison",
    "pulse_get", "pulse_k", "pulse_outcomes", "pulse_statements", "pulses_of",
]
