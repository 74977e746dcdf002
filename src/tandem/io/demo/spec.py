"""What is true of a synthetic organisation: the :class:`OrganisationSpec` and its parts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

DEPARTMENTS = ("sales", "marketing", "service", "management", "other")
Levels = Mapping[str, float]  # department -> level on the 1-5 scale


def by_department(base: float, **offsets: float) -> dict[str, float]:
    """Levels for all departments: ``base`` plus a per-department offset."""
    unknown = set(offsets) - set(DEPARTMENTS)
    if unknown:
        raise ValueError(f"unknown department(s) {sorted(unknown)}")
    return {d: base + offsets.get(d, 0.0) for d in DEPARTMENTS}


def everyone(code: str, **exceptions: str) -> dict[str, str]:
    """The same answer tendency for all departments, except those named."""
    return {d: exceptions.get(d, code) for d in DEPARTMENTS}


@dataclass(frozen=True)
class DecisionTendency:
    """Who each department says decides an area, and how consistently they say it."""

    decides: Mapping[str, str]  # department -> decider code it tends to name
    consistency: float  # probability a respondent names it (else any other option)
    should: str = "joint"  # what people tend to say *should* decide
    should_consistency: float = 0.6


@dataclass(frozen=True)
class JourneyTendency:
    """Who each department names as owner of a stage, and how consistent the brand is there."""

    owner: Mapping[str, str]  # department -> owner code it tends to name
    consistency: float  # probability a respondent names it
    experience: float  # level (1-5) of "the experience here matches the other stages"


@dataclass(frozen=True)
class OrganisationSpec:
    """The truth about one synthetic organisation (see :mod:`tandem.io.demo`)."""

    name: str
    description: str
    department_shares: Mapping[str, float]
    blocks: Mapping[str, Levels]  # DEF / ALI / INT
    tensions: Mapping[str, Levels]  # tension source -> alignment level (high = little tension)
    outcomes: Mapping[str, Levels]
    decisions: Mapping[str, DecisionTendency]
    journey: Mapping[str, JourneyTendency]
    level_mix: Mapping[str, float] = field(
        default_factory=lambda: {"staff": 0.75, "manager": 0.2, "director": 0.05}
    )
    tenure_mix: Mapping[str, float] = field(
        default_factory=lambda: {"lt1": 0.15, "1to3": 0.3, "3to10": 0.35, "gt10": 0.2}
    )
    segments: tuple[str, ...] = ()
    person_sd: float = 0.45
    scale_sd: float = 0.35
    item_sd: float = 0.7
    dk_rate: float = 0.04
    skip_rate: float = 0.01
    comment_rate: float = 0.15
    comment_nl_share: float = 0.7  # share of respondents answering (and writing) in Dutch

    def scale_levels(self) -> dict[str, Levels]:
        """Every scale's levels by department, whatever its kind."""
        return {**self.blocks, **self.tensions, **self.outcomes}
