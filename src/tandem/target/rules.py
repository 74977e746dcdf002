"""The rules: from the context, the current phase and the scan's signals to a target.

See :mod:`tandem.target` for the rules in words; their texts are in
:mod:`tandem.target.reasons`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from tandem.context import Context
from tandem.i18n import Text
from tandem.instrument import Instrument, load_instrument
from tandem.target import reasons as say
from tandem.target.model import (
    Override,
    Reason,
    Signals,
    Target,
    Urgency,
    known,
    phase_label,
)
from tandem.target.thresholds import (
    CONTESTED_SHARE,
    HIGH_TENSION,
    POOR_IMAGE,
    SEVERAL_MARKETS,
    SEVERAL_SOURCES,
)

Tri = bool | None  # three-valued: None = cannot be judged

# ------------------------------------------------------------------ small helpers


def _is(value: object, expected: object) -> Tri:
    return None if value is None else value == expected


def _in(value: object, allowed: Sequence[object]) -> Tri:
    return None if value is None else value in allowed


def _all(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def _urgency(raised: bool, phase: int, current: int) -> Urgency:
    if raised:
        return "act_now"
    return "plan" if phase > current else "maintain"


def _check_phase(value: int, what: str, low: int = 1, high: int = 4) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{what} must be a whole number from {low} to {high}, not {value!r}")


def override_phases(current: int) -> range:
    """The phases an owner may choose as the target: the current one, or one above it
    (one phase at a time, as the computed target)."""
    return range(current, min(current + 1, 4) + 1)


# ------------------------------------------------------------------ base rules

_STRATEGIC = ("brand", "both")
_B2B = ("b2b", "both")


@dataclass(frozen=True, slots=True)
class _BaseRule:
    id: str
    phase: int
    keys: tuple[str, ...]  # the context facts the rule needs
    test: Callable[[Context], Tri]


_BASE_RULES: tuple[_BaseRule, ...] = (
    _BaseRule(
        id="base.small_leads",
        phase=2,
        keys=("employees", "marketing_role"),
        test=lambda c: _all(_is(c.size, "small"), _is(c.marketing_role, "leads")),
    ),
    _BaseRule(id="base.medium", phase=3, keys=("employees",), test=lambda c: _is(c.size, "medium")),
    _BaseRule(
        id="base.strategic_marketing",
        phase=3,
        keys=("marketing_role",),
        test=lambda c: _in(c.marketing_role, _STRATEGIC),
    ),
    _BaseRule(id="base.large", phase=4, keys=("employees",), test=lambda c: _is(c.size, "large")),
    _BaseRule(
        id="base.complex_b2b",
        phase=4,
        keys=("market", "key_accounts"),
        test=lambda c: _all(_in(c.market, _B2B), c.key_accounts),
    ),
    _BaseRule(
        id="base.strategic_markets",
        phase=4,
        keys=("marketing_role", "markets"),
        test=lambda c: _all(
            _in(c.marketing_role, _STRATEGIC),
            None if c.markets is None else c.markets >= SEVERAL_MARKETS,
        ),
    ),
)

BASE_RULE_IDS: tuple[str, ...] = (*(r.id for r in _BASE_RULES), "base.default")
SIGNAL_RULE_IDS: tuple[str, ...] = (
    "signal.tension_sources",
    "signal.mutual_image",
    "signal.contested_areas",
    "signal.strong_growth",
)


def _base(ctx: Context) -> tuple[int, list[Reason], list[Text]]:
    reasons: list[Reason] = []
    unjudged: list[Text] = []
    for rule in _BASE_RULES:
        question, text = say.BASE_TEXTS[rule.id]
        outcome = rule.test(ctx)
        if outcome is None:
            unjudged.append(say.unjudged_context(question, ctx, rule.keys))
        elif outcome:
            reasons.append(Reason(rule.id, text(ctx), f"base:{rule.phase}"))
    if not reasons:
        reasons.append(Reason("base.default", say.BASE_DEFAULT, "base:3"))
    base = max(int(r.effect.removeprefix("base:")) for r in reasons)
    return base, reasons, unjudged


# ------------------------------------------------------------------ signals


def _source_titles(instrument: Instrument) -> dict[str, Text]:
    return {s.id: s.title for s in instrument.scales_of("tension")}


def _signals(
    ctx: Context, signals: Signals, instrument: Instrument
) -> tuple[list[Reason], list[Text], list[Text]]:
    """The signal reasons, what could not be judged, and per signal a short clause."""
    reasons: list[Reason] = []
    unjudged: list[Text] = []
    clauses: list[Text] = []
    titles = _source_titles(instrument)

    # Several high tension sources.
    scores = {s: float(v) for s, v in signals.tension.items() if known(v)}
    high = sorted(((v, s) for s, v in scores.items() if v >= HIGH_TENSION), key=lambda p: -p[0])
    unknown = [s for s in titles if s not in scores]
    if len(high) >= SEVERAL_SOURCES:
        text = say.tension_sources(high, titles)
        reasons.append(Reason("signal.tension_sources", text, "signal"))
        clauses.append(say.tension_clause(high, titles))
    elif len(high) + len(unknown) >= SEVERAL_SOURCES:
        unjudged.append(say.tension_sources_unjudged(len(unknown), len(titles)))

    # A poor mutual image.
    image = signals.mutual_image
    if image is None:
        unjudged.append(say.MUTUAL_IMAGE_UNJUDGED)
    elif image >= POOR_IMAGE:
        reasons.append(Reason("signal.mutual_image", say.mutual_image(image), "signal"))
        clauses.append(say.MUTUAL_IMAGE_CLAUSE)

    # Many contested decision areas.
    contested, areas = signals.contested_areas, signals.areas
    num, den = CONTESTED_SHARE
    if contested is None or not areas:
        unjudged.append(say.CONTESTED_UNJUDGED)
    elif contested > 0 and contested * den >= areas * num:
        text = say.contested_areas(contested, areas)
        reasons.append(Reason("signal.contested_areas", text, "signal"))
        clauses.append(say.contested_clause(contested, areas))

    # Strong growth.
    if ctx.growth is None:
        unjudged.append(say.unjudged_context(say.GROWTH_QUESTION, ctx, ("growth",)))
    elif ctx.growth == "strong":
        reasons.append(Reason("signal.strong_growth", say.STRONG_GROWTH, "signal"))
        clauses.insert(0, say.GROWTH_CLAUSE)
    return reasons, unjudged, clauses


# ------------------------------------------------------------------ the target


def compute_target(
    context: Context,
    current_phase: int,
    signals: Signals | None = None,
    *,
    instrument: Instrument | None = None,
) -> Target:
    """Apply the target rules to a context, the current phase and the signals."""
    _check_phase(current_phase, "current_phase")
    instrument = instrument or load_instrument()
    base, reasons, unjudged = _base(context)
    signal_reasons, signal_unjudged, clauses = _signals(
        context, signals or Signals(), instrument
    )
    reasons += signal_reasons
    unjudged += signal_unjudged

    phase = base
    raised = bool(signal_reasons)
    if raised:
        phase = base + 1
        reasons.append(Reason("raise", say.raised(clauses), "+1"))
    if phase > 4:
        phase = 4
        if phase <= current_phase + 1:  # else the step below says it, with the horizon
            reasons.append(Reason("cap", say.CAP, "cap"))
    if phase < current_phase:
        reasons.append(Reason("floor", say.floor(current_phase, phase), "floor"))
        phase = current_phase
    horizon: int | None = None
    horizon_reason: Text | None = None
    if phase > current_phase + 1:
        # One phase at a time: the further phase is the horizon, not the target.
        horizon, phase = phase, current_phase + 1
        horizon_reason = say.horizon(horizon, _given(context, base, reasons))
        reasons.append(Reason("step", say.one_step(current_phase, phase, horizon), "step"))
    return Target(
        phase=phase,
        label=phase_label(phase),
        current=current_phase,
        base=base,
        reasons=tuple(reasons),
        urgency=_urgency(raised, phase, current_phase),
        unjudged=tuple(unjudged),
        horizon=horizon,
        horizon_reason=horizon_reason,
    )


def _given(context: Context, base: int, reasons: Sequence[Reason]) -> list[Text]:
    """What points past the next phase, as noun phrases: the base rules that set the
    base phase, then the signals that raised it."""
    return [
        say.GIVEN[r.rule](context)
        for r in reasons
        if r.rule in say.GIVEN and r.effect in ("signal", f"base:{base}")
    ]


def override(target: Target, phase: int, reason_text: str, by: str) -> Target:
    """The owner's own target, with their written reason; the computed target is kept.

    Overriding an overridden target replaces the earlier override (the computed target
    stays the one the rules gave). The phase may not be below the current phase, nor
    more than one phase above it (:func:`override_phases`): the steps go one phase at a
    time, whoever sets the target.
    """
    reason = reason_text.strip()
    if not reason:
        raise ValueError("an override needs a written reason")
    allowed = override_phases(target.current)
    _check_phase(phase, "the overriding phase", low=allowed[0], high=allowed[-1])
    computed = target.override.computed if target.override else target
    who = by.strip()
    note = Reason("override", say.overridden(who, phase, computed.phase, reason), "override")
    return replace(
        computed,
        phase=phase,
        label=phase_label(phase),
        reasons=(*computed.reasons, note),
        urgency=_urgency(computed.raised, phase, computed.current),
        override=Override(phase=phase, reason=reason, by=who, computed=computed),
    )
