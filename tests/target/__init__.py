"""Tests of :mod:`tandem.target`, one file per module; the shared helpers are here."""

from __future__ import annotations

from typing import Any

from tandem.context import Context
from tandem.instrument import load_instrument
from tandem.target import Signals, Target, compute_target

TENSION_SOURCES = tuple(s.id for s in load_instrument().scales_of("tension"))


def calm(**high: float) -> dict[str, float]:
    """All tension sources known and low, except those given."""
    return {**dict.fromkeys(TENSION_SOURCES, 20.0), **high}


QUIET = Signals(tension=calm(), contested_areas=0, areas=9)
#: A small firm whose marketing supplies leads, stable: base Defined (2), no signals.
SMALL: dict[str, Any] = {"employees": "10-49", "marketing_role": "leads", "growth": "stable"}


def target(current: int = 1, signals: Signals = QUIET, **context: Any) -> Target:
    return compute_target(Context(**context), current, signals)


def base_rules(t: Target) -> set[str]:
    return {r.rule for r in t.reasons if r.effect.startswith("base:")}
