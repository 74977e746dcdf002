"""Rank the catalogue's steps for one organisation: what to do first, and why.

Status of a step (transition a -> b, current phase c, target phase t):

- ``repair``: b <= c (a phase already passed) and at least one criterion is known to
  be below 3.4. Foundations that are missing come first: building integration on weak
  foundations is what the article warns against. A passed step with no criterion known
  to fall short counts as ``in_place``: reaching the phase is itself evidence of it.
- ``next``: a == c, the transition the organisation is in now.
- ``later``: c < a and b <= t, further transitions up to the target.
- ``in_place``: all criteria known and at 3.4 or more (org mean on 1-5, the phase
  threshold of 60/100); listed last, in catalogue order, without a rank.
- Steps with b > t are left out: the target says the organisation need not go there.
  With c = 4 only ``repair`` and ``in_place`` remain.

Priority (within a group): the largest tension or need among what the step addresses,
plus half the largest notable gap between departments on it::

    need = max(max(tension[s] for s in addresses if s is not a phase block),
               100 - score of the step's own criteria)
    priority = need + GAP_WEIGHT * max(gap[s] for s in addresses)

Tension is 0-100 for tension sources and 100 - score ("need") for outcomes. A phase
block is too broad to tell steps apart (every step of a transition addresses it), so
the step's own ladder criteria stand in for it; a gap counts half because it says
people see the matter differently, which matters, but less than the matter itself
being bad. Groups are ordered repair, next,
later, in_place; inside a group, earlier transitions come first (a foundation before
what is built on it), then higher priority, then catalogue order.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from tandem.i18n import Text
from tandem.instrument import Instrument
from tandem.roadmap.catalogue import Catalogue, Step, Tool, Transition
from tandem.rounding import rounded_text
from tandem.thresholds import BLOCK_MET_MEAN

Status = Literal["repair", "next", "later", "in_place"]
STATUSES: tuple[Status, ...] = ("repair", "next", "later", "in_place")
#: A criterion holds when its organisation mean (1-5) is at least the ladder's bar
#: (60/100 = 3.4): one bar for blocks and their statements.
CRITERION_MET = BLOCK_MET_MEAN
#: Weight of the largest between-department gap in the priority.
GAP_WEIGHT = 0.5

_BLOCK_PHASE = {"DEF": "Defined", "ALI": "Aligned", "INT": "Integrated"}
#: Pseudo scale id for "the step's own criteria" in priorities and explanations.
CRITERIA = "criteria"


@dataclass(frozen=True, slots=True)
class RoadmapStep:
    """One step as recommended to this organisation."""

    step: str
    transition: Transition
    title: Text
    description: Text
    rank: int | None  # 1-based over repair, next and later; None for in_place
    status: Status
    addresses: tuple[str, ...]
    criteria: tuple[str, ...]
    criteria_met: tuple[str, ...]  # criteria known to be at 3.4 or more
    priority: float
    why: Text
    tool: Tool | None


def _value(values: Mapping[str, float], key: str) -> float | None:
    """The value for ``key`` as a float, or None when missing or NaN."""
    value = values.get(key)
    if value is None or math.isnan(value):
        return None
    return float(value)


def _dec(value: float) -> Text:
    text = rounded_text(value, 1)
    return Text(nl=text.replace(".", ","), en=text)


def _int(value: float) -> str:
    return rounded_text(value)


def _lower_first(text: Text) -> Text:
    return Text(nl=text.nl[:1].lower() + text.nl[1:], en=text.en[:1].lower() + text.en[1:])


def _scale_name(instrument: Instrument, scale_id: str) -> Text:
    """How a scale reads after "on"/"over": "price", "the Defined criteria", ..."""
    if scale_id in _BLOCK_PHASE:
        name = _BLOCK_PHASE[scale_id]
        return Text(nl=f"de criteria van {name}", en=f"the {name} criteria")
    try:
        return _lower_first(instrument.scale(scale_id).title)
    except KeyError:
        return Text(scale_id, scale_id)


def _tension_phrase(instrument: Instrument, scale_id: str, value: float) -> Text:
    if scale_id == CRITERIA:
        return Text(
            nl=f"de criteria van deze stap (nu {_int(100 - value)}/100)",
            en=f"its criteria (now {_int(100 - value)}/100)",
        )
    try:
        kind = instrument.scale(scale_id).kind
    except KeyError:
        kind = "tension"
    name = _scale_name(instrument, scale_id)
    if kind == "tension":
        return Text(
            nl=f"de spanningsbron ‘{name.nl}’ ({_int(value)}/100)",
            en=f"the {name.en} tension ({_int(value)}/100)",
        )
    score = _int(100 - value)
    if kind == "phase_block":
        return Text(nl=f"{name.nl} (score {score}/100)", en=f"{name.en} (score {score}/100)")
    return Text(
        nl=f"de score op {name.nl} ({score}/100)", en=f"the score on {name.en} ({score}/100)"
    )


def _largest(values: Mapping[str, float], scales: Sequence[str]) -> tuple[str, float] | None:
    """The scale with the largest known value (first in ``scales`` on a tie)."""
    best: tuple[str, float] | None = None
    for scale in scales:
        value = _value(values, scale)
        if value is not None and (best is None or value > best[1]):
            best = (scale, value)
    return best


def _priority(
    step: Step,
    tension: Mapping[str, float],
    gap: Mapping[str, float],
    criteria_need: float | None,
) -> tuple[float, tuple[str, float] | None, tuple[str, float] | None]:
    """Largest need among what the step addresses, plus half its widest notable gap.

    A phase block is too broad to tell steps apart (every step of a transition addresses
    it), so for blocks the step's own criteria count instead: 100 minus their mean score.
    """
    specific = [s for s in step.addresses_scales if s not in _BLOCK_PHASE]
    top = _largest(tension, specific)
    if top is None and criteria_need is None:
        top = _largest(tension, step.addresses_scales)  # only blocks known: use them
    need = max(top[1] if top else 0.0, criteria_need if criteria_need is not None else 0.0)
    gaps = {s: abs(v) for s in step.addresses_scales if (v := _value(gap, s))}
    widest = _largest(gaps, step.addresses_scales)
    priority = need + GAP_WEIGHT * (widest[1] if widest else 0.0)
    return priority, top, widest


def _addresses_sentence(
    instrument: Instrument,
    top: tuple[str, float] | None,
    widest: tuple[str, float] | None,
    criteria_need: float | None = None,
) -> Text:
    parts: list[Text] = []
    if top is not None:
        parts.append(_tension_phrase(instrument, *top))
    if criteria_need is not None:
        parts.append(_tension_phrase(instrument, CRITERIA, criteria_need))
    if widest is not None:
        name = _scale_name(instrument, widest[0])
        quoted = name if widest[0] in _BLOCK_PHASE else Text(nl=f"‘{name.nl}’", en=name.en)
        points = _int(widest[1])
        parts.append(
            Text(
                nl=f"een verschil van {points} punten tussen afdelingen over {quoted.nl}",
                en=f"{_a_or_an(points)} {points}-point gap between departments on {quoted.en}",
            )
        )
    if not parts:
        return Text(
            nl="Voor wat deze stap aanpakt, zijn geen scores bekend.",
            en="No scores are known for what this step addresses.",
        )
    return Text(
        nl="Gericht op " + _join_list([p.nl for p in parts], "en") + ".",
        en="Addresses " + _join_list([p.en for p in parts], "and") + ".",
    )


def _a_or_an(number: str) -> str:
    """English article before a spoken number: an 8-, an 11-, an 18-, an 80-point gap."""
    spoken_with_vowel = number.startswith("8") or number in ("11", "18")
    return "an" if spoken_with_vowel else "a"


def _join_list(parts: Sequence[str], conjunction: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {conjunction} " + parts[-1]


def _criteria_sentence(
    status: Status, n: int, below: Sequence[float], met: Sequence[float], unknown: int
) -> Text | None:
    if status == "repair":
        lowest = _dec(min(below))
        if n == 1:
            return Text(
                nl=f"Fundament om te herstellen: het criterium scoort {lowest.nl} op 5 "
                "(3,4 nodig).",
                en=f"Foundation to repair: its criterion scores {lowest.en} of 5 (3.4 needed).",
            )
        return Text(
            nl=f"Fundament om te herstellen: {len(below)} van de {n} criteria onder 3,4 "
            f"(laagste {lowest.nl} op 5).",
            en=f"Foundation to repair: {len(below)} of {n} criteria below 3.4 "
            f"(lowest {lowest.en} of 5).",
        )
    if status == "in_place":
        if unknown or not met:
            return Text(
                nl="Geldt als op orde: de stap hoort bij een fase die al bereikt is, en van "
                "geen enkel criterium is bekend dat het tekortschiet.",
                en="Counted as in place: the step belongs to a phase already reached, and no "
                "criterion is known to fall short.",
            )
        lowest = _dec(min(met))
        if n == 1:
            return Text(
                nl=f"Al op orde: het criterium scoort {lowest.nl} op 5 (3,4 of hoger).",
                en=f"In place: its criterion scores {lowest.en} of 5 (3.4 or higher).",
            )
        return Text(
            nl=f"Al op orde: alle {n} criteria scoren 3,4 of hoger (laagste {lowest.nl} op 5).",
            en=f"In place: all {n} criteria score 3.4 or higher (lowest {lowest.en} of 5).",
        )
    if met:
        return Text(
            nl=f"{len(met)} van de {n} criteria {'is' if len(met) == 1 else 'zijn'} al gehaald.",
            en=f"{len(met)} of {n} criteria already met.",
        )
    return None


def _check_phase(value: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise ValueError(f"{what} must be a whole number from 1 to 4, not {value!r}")


def rank_roadmap(
    catalogue: Catalogue,
    *,
    current_phase: int,
    target_phase: int,
    scale_tension: Mapping[str, float],
    scale_gap: Mapping[str, float],
    item_mean: Mapping[str, float],
) -> tuple[RoadmapStep, ...]:
    """The catalogue's steps for this organisation, in the order to take them.

    ``scale_tension``: 0-100 tension per tension source and 100 - score ("need") per
    phase block and outcome; ``scale_gap``: largest notable absolute gap between
    departments per scale (0 when none); ``item_mean``: organisation mean (1-5) per
    ladder item, missing or NaN when unknown. A target below the current phase is
    read as the current phase.
    """
    _check_phase(current_phase, "current_phase")
    _check_phase(target_phase, "target_phase")
    target = max(target_phase, current_phase)
    instrument = catalogue.instrument

    placed: list[tuple[Status, int, float, int, RoadmapStep]] = []
    for order, step in enumerate(catalogue.steps):
        if step.to_phase > target:
            continue
        means = {c: v for c in step.criteria if (v := _value(item_mean, c)) is not None}
        below = [v for v in means.values() if v < CRITERION_MET]
        met_ids = tuple(c for c, v in means.items() if v >= CRITERION_MET)
        met = [means[c] for c in met_ids]
        unknown = len(step.criteria) - len(means)

        status: Status
        if step.to_phase <= current_phase:
            status = "repair" if below else "in_place"
        elif len(met) == len(step.criteria):
            status = "in_place"
        elif step.from_phase == current_phase:
            status = "next"
        else:
            status = "later"

        criteria_need = (
            100.0 - (sum(means.values()) / len(means) - 1.0) / 4.0 * 100.0 if means else None
        )
        priority, top, widest = _priority(step, scale_tension, scale_gap, criteria_need)
        sentences = [
            _criteria_sentence(status, len(step.criteria), below, met, unknown),
            _addresses_sentence(instrument, top, widest, criteria_need),
        ]
        why = [s for s in sentences if s is not None]
        if status != "repair" and status != "in_place":
            why.reverse()  # for open steps, what they address matters more than progress
        placed.append(
            (
                status,
                step.from_phase,
                priority,
                order,
                RoadmapStep(
                    step=step.id,
                    transition=step.transition,
                    title=step.title,
                    description=step.description,
                    rank=None,
                    status=status,
                    addresses=step.addresses_scales,
                    criteria=step.criteria,
                    criteria_met=met_ids,
                    priority=round(priority, 6),
                    why=Text(nl=" ".join(t.nl for t in why), en=" ".join(t.en for t in why)),
                    tool=step.tool,
                ),
            )
        )

    def sort_key(entry: tuple[Status, int, float, int, RoadmapStep]) -> tuple[int, int, float, int]:
        status, from_phase, priority, order, _ = entry
        if status == "in_place":
            return (STATUSES.index(status), 0, 0.0, order)
        return (STATUSES.index(status), from_phase, -priority, order)

    ranked: list[RoadmapStep] = []
    for rank, (status, _, _, _, entry) in enumerate(sorted(placed, key=sort_key), 1):
        ranked.append(entry if status == "in_place" else replace(entry, rank=rank))
    return tuple(ranked)


__all__ = ["CRITERION_MET", "GAP_WEIGHT", "STATUSES", "RoadmapStep", "Status", "rank_roadmap"]
