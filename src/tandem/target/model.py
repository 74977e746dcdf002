"""The target as data: phases, reasons, signals, overrides and the :class:`Target` itself.

:class:`Target` and its fields are part of the result contract (:mod:`tandem.contract`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from tandem.i18n import Text
from tandem.target.thresholds import IMAGE_SCALE

Urgency = Literal["act_now", "plan", "maintain"]
URGENCIES: tuple[Urgency, ...] = ("act_now", "plan", "maintain")

PHASE_NAMES: dict[int, str] = {1: "Undefined", 2: "Defined", 3: "Aligned", 4: "Integrated"}
PHASE_LABELS: dict[int, Text] = {
    1: Text("Fase I · Undefined", "Phase I · Undefined"),
    2: Text("Fase II · Defined", "Phase II · Defined"),
    3: Text("Fase III · Aligned", "Phase III · Aligned"),
    4: Text("Fase IV · Integrated", "Phase IV · Integrated"),
}


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that fired.

    ``effect`` says what it did to the target: ``base:N`` (proposes base phase N),
    ``signal`` (a conflict or growth signal), ``+1`` (the one raise the signals cause),
    ``cap``, ``floor``, ``step`` (the target kept one phase above the current phase; the
    further phase becomes the horizon) or ``override``. ``rule`` is the id, for audit
    and the JSON result; ``text`` is the sentence a reader sees, never the id.
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
        return value if known(value) else None


@dataclass(frozen=True, slots=True)
class Override:
    """The owner's own choice of target, kept next to the computed target it replaces."""

    phase: int
    reason: str  # the owner's words, as written (not translated)
    by: str
    computed: Target


@dataclass(frozen=True, slots=True)
class Target:
    """The target phase with every reason that led to it.

    The target is at most one phase above the current phase (the article's steps go
    one phase at a time). Where the context and signals point further, that phase is the
    ``horizon`` (None when there is none) and ``horizon_reason`` says why, e.g.
    "Integrated, given your size and your growth".
    """

    phase: int
    label: Text
    current: int
    base: int
    reasons: tuple[Reason, ...]
    urgency: Urgency
    unjudged: tuple[Text, ...] = ()
    override: Override | None = None
    horizon: int | None = None
    horizon_reason: Text | None = None

    @property
    def rules(self) -> tuple[str, ...]:
        """Ids of the rules that fired, in order."""
        return tuple(r.rule for r in self.reasons)

    @property
    def horizon_label(self) -> Text | None:
        """The horizon's phase label, or None when there is no horizon."""
        return PHASE_LABELS[self.horizon] if self.horizon is not None else None

    @property
    def computed_phase(self) -> int:
        """The phase the rules gave, also after an override."""
        return self.override.computed.phase if self.override else self.phase

    @property
    def raised(self) -> bool:
        """Whether conflict or growth signals raised the target."""
        return any(r.effect == "+1" for r in self.reasons)


def known(value: float | None) -> bool:
    """Whether a figure is known (not None, not NaN)."""
    return value is not None and not math.isnan(value)


def phase_label(phase: int) -> Text:
    """The label of a phase 1-4, e.g. "Fase III · Aligned" / "Phase III · Aligned"."""
    return PHASE_LABELS[phase]
