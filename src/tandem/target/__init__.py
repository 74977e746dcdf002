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
current phase at least; ``step`` keeps it at most one phase above the current phase (the
article's steps go one phase at a time): the further phase becomes ``Target.horizon``,
with ``Target.horizon_reason`` ("Integrated, given your size and your growth").
Urgency is "act_now" when a signal fired, else "plan" when the
target is above the current phase, else "maintain". An owner's override
(:func:`override`, with a written reason) obeys the same step: the current phase or
the one above it (:func:`override_phases`).

A rule that cannot be decided because a fact is unknown (three-valued logic: a rule
with one false condition is decided even if another is unknown) is listed in
``Target.unjudged`` instead of silently counting as "no".

Modules: :mod:`.model` (the :class:`Target` and its parts, as data), :mod:`.rules`
(what fires, and the target it gives), :mod:`.reasons` (the texts that explain it to
readers) and :mod:`.thresholds` (the numbers the rules compare against).
"""

from tandem.target.model import (
    PHASE_LABELS,
    PHASE_NAMES,
    URGENCIES,
    Override,
    Reason,
    Signals,
    Target,
    Urgency,
    phase_label,
)
from tandem.target.rules import (
    BASE_RULE_IDS,
    SIGNAL_RULE_IDS,
    compute_target,
    override,
    override_phases,
)
from tandem.target.thresholds import (
    CONTESTED_SHARE,
    HIGH_TENSION,
    IMAGE_SCALE,
    POOR_IMAGE,
    SEVERAL_MARKETS,
    SEVERAL_SOURCES,
)

__all__ = [
    "BASE_RULE_IDS",
    "CONTESTED_SHARE",
    "HIGH_TENSION",
    "IMAGE_SCALE",
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
    "override_phases",
    "phase_label",
]
