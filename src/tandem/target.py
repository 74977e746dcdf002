"""The target phase: where this organisation should go next, from transparent rules.

The article (and Kotler et al., HBR 2006) says not every organisation needs
integration: a small firm whose marketing mainly supplies leads need not force it,
but once conflict shows or the firm grows fast, management must define and anchor the
relationship quickly. So the target is a contingency judgement over the organisation
context and the scan's own signals, and every rule that fired is returned as a
:class:`Reason` with its figures, so the owner can see why (and override it).

Rules, in the order they apply (ids are stable; the web app and reports key on them):

Base phase, the highest that fires wins:

- ``base.small_leads`` -> Defined (2): fewer than 50 employees and marketing mainly
  supports sales with leads.
- ``base.medium`` -> Aligned (3): 50-249 employees.
- ``base.strategic_marketing`` -> Aligned (3): marketing's role is brand/strategy or both.
- ``base.large`` -> Integrated (4): 250 employees or more.
- ``base.complex_b2b`` -> Integrated (4): a B2B market (b2b or both) with key accounts.
- ``base.strategic_markets`` -> Integrated (4): strategic marketing (brand or both) in
  3 or more markets or segments.
- ``base.default`` -> Aligned (3): no base rule fires with what is known.

Signals, each its own reason; any of them raises the base by one phase, once
(``raise``), and sets the urgency to "act_now":

- ``signal.tension_sources``: 3 or more tension sources score 60 or higher.
- ``signal.mutual_image``: the mutual-image tension (``cul_image``) is 60 or higher.
- ``signal.contested_areas``: a third or more of the decision areas are contested.
- ``signal.strong_growth``: strong growth over the last two years.

Limits: ``cap`` keeps the target at Integrated (4) at most; ``floor`` keeps it at the
current phase at least. Urgency is "act_now" when a signal fired, else "plan" when the
target is above the current phase, else "maintain".

A rule that cannot be decided because a fact is unknown (three-valued logic: a rule
with one false condition is decided even if another is unknown) is listed in
``Target.unjudged`` instead of silently counting as "no".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from tandem.context import Context, context_field
from tandem.i18n import Text
from tandem.instrument import Instrument, load_instrument

Urgency = Literal["act_now", "plan", "maintain"]
URGENCIES: tuple[Urgency, ...] = ("act_now", "plan", "maintain")

#: Tension at or above this is high (0-100; 60 is a mean of 2.6 on the 1-5 alignment items).
HIGH_TENSION = 60.0
#: This many high tension sources make "several".
SEVERAL_SOURCES = 3
#: The mutual image is poor when its tension is at least this.
POOR_IMAGE = 60.0
#: Many contested decision areas: at least this share of the areas.
CONTESTED_SHARE = (1, 3)
#: Strategic marketing in at least this many markets or segments points to Integrated.
SEVERAL_MARKETS = 3
#: The scale that measures the mutual image.
IMAGE_SCALE = "cul_image"

PHASE_NAMES: dict[int, str] = {1: "Undefined", 2: "Defined", 3: "Aligned", 4: "Integrated"}
PHASE_LABELS: dict[int, Text] = {
    1: Text("Fase I · Undefined", "Phase I · Undefined"),
    2: Text("Fase II · Defined", "Phase II · Defined"),
    3: Text("Fase III · Aligned", "Phase III · Aligned"),
    4: Text("Fase IV · Integrated", "Phase IV · Integrated"),
}

Tri = bool | None  # three-valued: None = cannot be judged


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired.

    ``effect`` says what it did to the target: ``base:N`` (proposes base phase N),
    ``signal`` (a conflict or growth signal), ``+1`` (the one raise the signals cause),
    ``cap``, ``floor`` or ``override``.
    """

    rule: str
    text: Text
    effect: str


@dataclass(frozen=True, slots=True)
class Signals:
    """What the scan itself says about conflict, as input to the target rules.

    ``tension`` maps tension-source scale ids to 0-100 tension; missing or NaN means
    unknown (e.g. suppressed). ``image_tension`` defaults to ``tension["cul_image"]``.
    ``contested_areas`` of ``areas`` decision areas are contested (None = unknown).
    """

    tension: Mapping[str, float] = field(default_factory=dict)
    image_tension: float | None = None
    contested_areas: int | None = None
    areas: int | None = None

    def __post_init__(self) -> None:
        for name in ("contested_areas", "areas"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} cannot be negative, not {value}")
        if (
            self.contested_areas is not None
            and self.areas is not None
            and self.contested_areas > self.areas
        ):
            raise ValueError(
                f"contested_areas ({self.contested_areas}) cannot exceed areas ({self.areas})"
            )

    @property
    def mutual_image(self) -> float | None:
        value = (
            self.image_tension if self.image_tension is not None else self.tension.get(IMAGE_SCALE)
        )
        return value if _known(value) else None


@dataclass(frozen=True, slots=True)
class Override:
    """The owner's own choice of target, kept next to the computed target it replaces."""

    phase: int
    reason: str  # the owner's words, as written (not translated)
    by: str
    computed: Target


@dataclass(frozen=True, slots=True)
class Target:
    """The target phase with every reason that led to it."""

    phase: int
    label: Text
    current: int
    base: int
    reasons: tuple[Reason, ...]
    urgency: Urgency
    unjudged: tuple[Text, ...] = ()
    override: Override | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        """Ids of the rules that fired, in order."""
        return tuple(r.rule for r in self.reasons)

    @property
    def computed_phase(self) -> int:
        """The phase the rules gave, also after an override."""
        return self.override.computed.phase if self.override else self.phase

    @property
    def raised(self) -> bool:
        """Whether conflict or growth signals raised the target."""
        return any(r.effect == "+1" for r in self.reasons)


# ------------------------------------------------------------------ small helpers


def _known(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


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


def _lower_first(text: Text) -> Text:
    return Text(nl=text.nl[:1].lower() + text.nl[1:], en=text.en[:1].lower() + text.en[1:])


def _join(parts: Sequence[str], last: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {last} {parts[-1]}"


def _join_text(parts: Sequence[Text]) -> Text:
    return Text(nl=_join([p.nl for p in parts], "en"), en=_join([p.en for p in parts], "and"))


def _num(value: float) -> str:
    return f"{value:.0f}"


def phase_label(phase: int) -> Text:
    """The label of a phase 1-4, e.g. "Fase III · Aligned" / "Phase III · Aligned"."""
    return PHASE_LABELS[phase]


def _urgency(raised: bool, phase: int, current: int) -> Urgency:
    if raised:
        return "act_now"
    return "plan" if phase > current else "maintain"


def _check_phase(value: int, what: str, low: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= 4:
        raise ValueError(f"{what} must be a whole number from {low} to 4, not {value!r}")


# ------------------------------------------------------------------ base rules

_STRATEGIC = ("brand", "both")
_B2B = ("b2b", "both")


@dataclass(frozen=True, slots=True)
class _BaseRule:
    id: str
    phase: int
    keys: tuple[str, ...]  # the context facts the rule needs
    question: Text  # "whether ...", for the unjudged list
    test: Callable[[Context], Tri]
    text: Callable[[Context], Text]


def _band(ctx: Context) -> Text:
    return ctx.label("employees")


def _lower_label(ctx: Context, key: str) -> Text:
    return _lower_first(ctx.label(key))


_BASE_RULES: tuple[_BaseRule, ...] = (
    _BaseRule(
        id="base.small_leads",
        phase=2,
        keys=("employees", "marketing_role"),
        question=Text(
            nl="de organisatie klein is en Marketing vooral leads levert (Defined)",
            en="the organisation is small and marketing mainly supplies leads (Defined)",
        ),
        test=lambda c: _all(_is(c.size, "small"), _is(c.marketing_role, "leads")),
        text=lambda c: Text(
            nl=f"Kleine organisatie ({_band(c).nl} medewerkers) waarin Marketing Sales vooral "
            "met leads ondersteunt: Defined is dan genoeg, integratie hoeft niet geforceerd "
            "te worden.",
            en=f"A small organisation ({_band(c).en} employees) where marketing mainly supports "
            "sales with leads: Defined is enough, and there is no need to force integration.",
        ),
    ),
    _BaseRule(
        id="base.medium",
        phase=3,
        keys=("employees",),
        question=Text(
            nl="de organisatie middelgroot is (Aligned)",
            en="the organisation is medium-sized (Aligned)",
        ),
        test=lambda c: _is(c.size, "medium"),
        text=lambda c: Text(
            nl=f"Middelgrote organisatie ({_band(c).nl} medewerkers): Aligned als basis.",
            en=f"A medium-sized organisation ({_band(c).en} employees): Aligned as the base.",
        ),
    ),
    _BaseRule(
        id="base.strategic_marketing",
        phase=3,
        keys=("marketing_role",),
        question=Text(
            nl="Marketing een strategische rol heeft (Aligned)",
            en="marketing has a strategic role (Aligned)",
        ),
        test=lambda c: _in(c.marketing_role, _STRATEGIC),
        text=lambda c: Text(
            nl=f"Marketing heeft een strategische rol ({_lower_label(c, 'marketing_role').nl}): "
            "Aligned als basis, zodat Sales en Marketing elkaars taal spreken en samen plannen.",
            en=f"Marketing has a strategic role ({_lower_label(c, 'marketing_role').en}): "
            "Aligned as the base, so that Sales and Marketing speak each other's language and "
            "plan together.",
        ),
    ),
    _BaseRule(
        id="base.large",
        phase=4,
        keys=("employees",),
        question=Text(
            nl="de organisatie groot is (Integrated)", en="the organisation is large (Integrated)"
        ),
        test=lambda c: _is(c.size, "large"),
        text=lambda c: Text(
            nl=f"Grote organisatie ({_band(c).nl} medewerkers): Integrated als basis.",
            en=f"A large organisation ({_band(c).en} employees): Integrated as the base.",
        ),
    ),
    _BaseRule(
        id="base.complex_b2b",
        phase=4,
        keys=("market", "key_accounts"),
        question=Text(
            nl="er sprake is van een zakelijke markt met key accounts (Integrated)",
            en="this is a business market with key accounts (Integrated)",
        ),
        test=lambda c: _all(_in(c.market, _B2B), c.key_accounts),
        text=lambda c: Text(
            nl=f"Zakelijke markt ({_lower_label(c, 'market').nl}) met key accounts: Integrated "
            "als basis, met Marketing aan tafel bij het key-accountmanagement.",
            en=f"A business market ({_lower_label(c, 'market').en}) with key accounts: "
            "Integrated as the base, with marketing involved in key-account management.",
        ),
    ),
    _BaseRule(
        id="base.strategic_markets",
        phase=4,
        keys=("marketing_role", "markets"),
        question=Text(
            nl=f"Marketing strategisch werkt in {SEVERAL_MARKETS} of meer markten (Integrated)",
            en=f"marketing works strategically in {SEVERAL_MARKETS} or more markets (Integrated)",
        ),
        test=lambda c: _all(
            _in(c.marketing_role, _STRATEGIC),
            None if c.markets is None else c.markets >= SEVERAL_MARKETS,
        ),
        text=lambda c: Text(
            nl=f"Strategische marketing in {c.markets} markten of segmenten: Integrated als "
            "basis, zodat merk en klantreis overal één geheel vormen.",
            en=f"Strategic marketing in {c.markets} markets or segments: Integrated as the base, "
            "so that brand and customer journey hold together everywhere.",
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


def _unjudged_context(question: Text, ctx: Context, keys: Sequence[str]) -> Text:
    missing = _join_text(
        [_lower_first(context_field(k).label) for k in keys if getattr(ctx, k) is None]
    )
    return Text(
        nl=f"Niet te beoordelen of {question.nl}: {missing.nl} niet ingevuld.",
        en=f"Could not judge whether {question.en}: {missing.en} not given.",
    )


def _base(ctx: Context) -> tuple[int, list[Reason], list[Text]]:
    reasons: list[Reason] = []
    unjudged: list[Text] = []
    for rule in _BASE_RULES:
        outcome = rule.test(ctx)
        if outcome is None:
            unjudged.append(_unjudged_context(rule.question, ctx, rule.keys))
        elif outcome:
            reasons.append(Reason(rule.id, rule.text(ctx), f"base:{rule.phase}"))
    if not reasons:
        reasons.append(
            Reason(
                "base.default",
                Text(
                    nl="Met wat er over de organisatie bekend is, past geen basisregel: we gaan "
                    "uit van Aligned. Vul de context aan voor een beter onderbouwde doelfase.",
                    en="With what is known about the organisation, no base rule applies, so we "
                    "assume Aligned. Complete the context for a better-founded target.",
                ),
                "base:3",
            )
        )
    base = max(int(r.effect.removeprefix("base:")) for r in reasons)
    return base, reasons, unjudged


# ------------------------------------------------------------------ signals


def _source_titles(instrument: Instrument) -> dict[str, Text]:
    return {s.id: _lower_first(s.title) for s in instrument.scales_of("tension")}


def _signals(
    ctx: Context, signals: Signals, instrument: Instrument
) -> tuple[list[Reason], list[Text]]:
    reasons: list[Reason] = []
    unjudged: list[Text] = []
    titles = _source_titles(instrument)

    # Several high tension sources.
    known = {s: float(v) for s, v in signals.tension.items() if _known(v)}
    high = sorted(((v, s) for s, v in known.items() if v >= HIGH_TENSION), key=lambda p: -p[0])
    unknown = [s for s in titles if s not in known]
    if len(high) >= SEVERAL_SOURCES:
        listed = [
            Text(
                nl=f"{titles.get(s, Text(s, s)).nl} ({_num(v)})",
                en=f"{titles.get(s, Text(s, s)).en} ({_num(v)})",
            )
            for v, s in high
        ]
        reasons.append(
            Reason(
                "signal.tension_sources",
                Text(
                    nl=f"{len(high)} spanningsbronnen scoren {_num(HIGH_TENSION)} of hoger: "
                    + ", ".join(t.nl for t in listed)
                    + ".",
                    en=f"{len(high)} tension sources score {_num(HIGH_TENSION)} or higher: "
                    + ", ".join(t.en for t in listed)
                    + ".",
                ),
                "signal",
            )
        )
    elif len(high) + len(unknown) >= SEVERAL_SOURCES:
        unjudged.append(
            Text(
                nl="Niet te beoordelen of meerdere spanningsbronnen hoog scoren: van "
                f"{len(unknown)} van de {len(titles)} bronnen is geen score bekend.",
                en="Could not judge whether several tension sources score high: "
                f"{len(unknown)} of the {len(titles)} sources have no score.",
            )
        )

    # A poor mutual image.
    image = signals.mutual_image
    if image is None:
        unjudged.append(
            Text(
                nl="Niet te beoordelen of Sales en Marketing een slecht beeld van elkaar hebben: "
                "daarvoor is geen score bekend.",
                en="Could not judge whether Sales and Marketing have a poor image of each other: "
                "there is no score for it.",
            )
        )
    elif image >= POOR_IMAGE:
        reasons.append(
            Reason(
                "signal.mutual_image",
                Text(
                    nl="Sales en Marketing hebben een slecht beeld van elkaar: spanning "
                    f"{_num(image)}/100 ({_num(POOR_IMAGE)} of hoger).",
                    en="Sales and Marketing have a poor image of each other: tension "
                    f"{_num(image)}/100 ({_num(POOR_IMAGE)} or higher).",
                ),
                "signal",
            )
        )

    # Many contested decision areas.
    contested, areas = signals.contested_areas, signals.areas
    num, den = CONTESTED_SHARE
    if contested is None or not areas:
        unjudged.append(
            Text(
                nl="Niet te beoordelen hoeveel beslisgebieden omstreden zijn: daarvoor zijn "
                "geen gegevens.",
                en="Could not judge how many decision areas are contested: there are no data "
                "for it.",
            )
        )
    elif contested > 0 and contested * den >= areas * num:
        verb_nl, verb_en = ("is", "is") if contested == 1 else ("zijn", "are")
        reasons.append(
            Reason(
                "signal.contested_areas",
                Text(
                    nl=f"{contested} van de {areas} beslisgebieden {verb_nl} omstreden "
                    "(een derde of meer).",
                    en=f"{contested} of the {areas} decision areas {verb_en} contested "
                    "(a third or more).",
                ),
                "signal",
            )
        )

    # Strong growth.
    if ctx.growth is None:
        unjudged.append(
            _unjudged_context(
                Text(nl="de organisatie sterk groeit", en="the organisation is growing strongly"),
                ctx,
                ("growth",),
            )
        )
    elif ctx.growth == "strong":
        reasons.append(
            Reason(
                "signal.strong_growth",
                Text(
                    nl="De organisatie is de afgelopen twee jaar sterk gegroeid.",
                    en="The organisation has grown strongly over the last two years.",
                ),
                "signal",
            )
        )
    return reasons, unjudged


# ------------------------------------------------------------------ the target


def compute_target(
    context: Context,
    current_phase: int,
    signals: Signals | None = None,
    *,
    instrument: Instrument | None = None,
) -> Target:
    """Apply the rules of this module to a context, the current phase and the signals."""
    _check_phase(current_phase, "current_phase")
    instrument = instrument or load_instrument()
    base, reasons, unjudged = _base(context)
    signal_reasons, signal_unjudged = _signals(context, signals or Signals(), instrument)
    reasons += signal_reasons
    unjudged += signal_unjudged

    phase = base
    raised = bool(signal_reasons)
    if raised:
        phase = base + 1
        towards = (
            Text(nl=f", naar {PHASE_NAMES[phase]}", en=f", to {PHASE_NAMES[phase]}")
            if phase <= 4
            else Text("", "")
        )
        reasons.append(
            Reason(
                "raise",
                Text(
                    nl=f"Tekenen van conflict of sterke groei: de doelfase gaat één fase omhoog"
                    f"{towards.nl} (één keer, hoeveel signalen er ook zijn). Het is zaak nu te "
                    "handelen: maak snel duidelijk hoe Sales en Marketing samenwerken en leg "
                    "dat vast.",
                    en=f"Signs of conflict or strong growth: the target goes up one phase"
                    f"{towards.en} (once, however many signals there are). It is time to act: "
                    "make clear quickly how Sales and Marketing work together, and anchor it.",
                ),
                "+1",
            )
        )
    if phase > 4:
        phase = 4
        reasons.append(
            Reason(
                "cap",
                Text(
                    nl="Integrated is de hoogste fase: hoger kan de doelfase niet.",
                    en="Integrated is the highest phase: the target cannot go higher.",
                ),
                "cap",
            )
        )
    if phase < current_phase:
        reasons.append(
            Reason(
                "floor",
                Text(
                    nl=f"De huidige fase, {PHASE_NAMES[current_phase]}, ligt al hoger dan "
                    f"{PHASE_NAMES[phase]}; de doelfase komt nooit onder de huidige fase.",
                    en=f"The current phase, {PHASE_NAMES[current_phase]}, is already above "
                    f"{PHASE_NAMES[phase]}; the target never goes below the current phase.",
                ),
                "floor",
            )
        )
        phase = current_phase
    return Target(
        phase=phase,
        label=phase_label(phase),
        current=current_phase,
        base=base,
        reasons=tuple(reasons),
        urgency=_urgency(raised, phase, current_phase),
        unjudged=tuple(unjudged),
    )


def override(target: Target, phase: int, reason_text: str, by: str) -> Target:
    """The owner's own target, with their written reason; the computed target is kept.

    Overriding an overridden target replaces the earlier override (the computed target
    stays the one the rules gave). The phase may not be below the current phase.
    """
    reason = reason_text.strip()
    if not reason:
        raise ValueError("an override needs a written reason")
    _check_phase(phase, "the overriding phase", low=target.current)
    computed = target.override.computed if target.override else target
    who = by.strip()
    who_nl = f"De eigenaar van de scan ({who})" if who else "De eigenaar van de scan"
    who_en = f"The scan owner ({who})" if who else "The scan owner"
    note = Reason(
        "override",
        Text(
            nl=f"{who_nl} heeft de doelfase op {PHASE_NAMES[phase]} gezet in plaats van "
            f"{PHASE_NAMES[computed.phase]}, met als reden: “{reason}”",
            en=f"{who_en} set the target to {PHASE_NAMES[phase]} instead of "
            f"{PHASE_NAMES[computed.phase]}, for this reason: “{reason}”",
        ),
        "override",
    )
    return replace(
        computed,
        phase=phase,
        label=phase_label(phase),
        reasons=(*computed.reasons, note),
        urgency=_urgency(computed.raised, phase, computed.current),
        override=Override(phase=phase, reason=reason, by=who, computed=computed),
    )


__all__ = [
    "BASE_RULE_IDS",
    "CONTESTED_SHARE",
    "HIGH_TENSION",
    "PHASE_LABELS",
    "PHASE_NAMES",
    "POOR_IMAGE",
    "SEVERAL_MARKETS",
    "SEVERAL_SOURCES",
    "SIGNAL_RULE_IDS",
    "URGENCIES",
    "Override",
    "Reason",
    "Signals",
    "Target",
    "Urgency",
    "compute_target",
    "override",
    "phase_label",
]
