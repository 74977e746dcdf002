"""The typed psychometrics of a response set: research figures across respondents.

Computed by :func:`tandem.analysis.psychometrics.psychometrics`, rendered by
:mod:`tandem.report.psychometrics` (JSON, Markdown) and the consultants' page of the
web app. Separate from :class:`~tandem.contract.result.Result`: the diagnosis is what
an organisation reads, these figures are how well the instrument measured (for
consultants and researchers), and they need nothing of the diagnosis.

Privacy as in the diagnosis (:mod:`tandem.privacy`): a figure stands on at least k
respondents, a group (a language, a department) below k is left out and listed in
``omitted`` with the reason, never with its size. Floats are plain Python floats; a
figure that cannot be computed is ``None``, never NaN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tandem.i18n import Text

#: Why a scale's reliability has no (or only some) figures.
ReliabilityNote = Literal["single_item", "too_few", "no_omega"]
#: How strongly the blocks form a cumulative (Mokken) scale: H < 0.3 none, 0.3-0.4 weak,
#: 0.4-0.5 medium, >= 0.5 strong (Mokken 1971; Sijtsma & Molenaar 2002).
LadderStrength = Literal["none", "weak", "medium", "strong"]
#: The strictest level of measurement invariance that holds: configural when its CFI
#: reaches ``Invariance.cfi_bar``, each next level while CFI drops by less than
#: ``Invariance.delta_cfi_bar`` (Cheung & Rensvold 2002).
InvarianceLevel = Literal["none", "configural", "metric", "scalar"]


@dataclass(frozen=True, slots=True)
class ItemRest:
    """A statement of a scale and its item-rest correlation (with the sum of the others)."""

    id: str
    item_rest: float | None


@dataclass(frozen=True, slots=True)
class AvailableAlpha:
    """Alpha from the pairwise (available-case) covariances, as ``psych::alpha`` computes it
    by default; ``n`` respondents answered at least one of the scale's statements."""

    alpha: float | None
    n: int


@dataclass(frozen=True, slots=True)
class ScaleReliability:
    """The reliability of one scale in one set of respondents.

    ``n`` counts the complete cases (answered every statement of the scale): alpha, its
    Feldt interval, omega total and the item-rest correlations stand on them, as SPSS and
    R report them after listwise deletion. None when fewer than k (then no figure at all).
    """

    n: int | None
    alpha: float | None = None
    alpha_ci_low: float | None = None
    alpha_ci_high: float | None = None
    omega_total: float | None = None
    alpha_available: AvailableAlpha | None = None
    items: tuple[ItemRest, ...] = ()
    note: ReliabilityNote | None = None


@dataclass(frozen=True, slots=True)
class ScalePsychometrics:
    id: str
    kind: str  # phase_block / tension / outcome
    title: Text
    n_items: int
    overall: ScaleReliability
    by_language: dict[str, ScaleReliability] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ICCFigures:
    """ICC(1) and ICC(2) of the respondents' scale scores by department (one-way ANOVA).

    ``groups`` departments of at least k respondents with a score, ``n`` respondents in
    them, ``k0`` the adjusted mean group size (N - sum n_g^2 / N) / (G - 1).
    """

    icc1: float | None
    icc2: float | None
    n: int
    groups: int
    k0: float | None


@dataclass(frozen=True, slots=True)
class Fit:
    """The fit of one multi-group CFA: chi-square (N x F_ML), its df, CFI and RMSEA as
    lavaan reports them; ``delta_cfi`` against the level below (None for configural)."""

    chisq: float
    df: int
    cfi: float
    rmsea: float
    delta_cfi: float | None = None


@dataclass(frozen=True, slots=True)
class Invariance:
    """Configural, metric and scalar invariance of a one-factor scale across languages."""

    languages: tuple[str, ...]
    n: tuple[int, ...]  # complete cases per language, in the order of ``languages``
    configural: Fit
    metric: Fit
    scalar: Fit
    level: InvarianceLevel
    delta_cfi_bar: float  # a level holds while CFI drops by less than this from the one below
    cfi_bar: float  # configural holds at this CFI or more


@dataclass(frozen=True, slots=True)
class LadderCheck:
    """Whether the phase blocks behave as a ladder: each respondent's blocks met (their
    block score at least the bar) should be the lower ones first.

    ``met_share`` per block in ladder order (``blocks``); ``guttman_errors``: pairs of
    a block met above a block not met, summed over respondents, against
    ``expected_errors`` if the blocks were met independently with the same shares;
    ``perfect_share``: respondents without any such pair. ``h`` is Loevinger's H of the
    dichotomised blocks as Mokken scaling computes it (pairs ordered by the sample's
    popularity), ``h_blocks`` the scalability of each block; ``in_order``: the shares
    fall from the first block to the last, as the ladder says.
    """

    n: int
    blocks: tuple[str, ...]
    met_share: tuple[float, ...]
    guttman_errors: int
    expected_errors: float
    perfect_share: float
    h: float | None
    h_blocks: tuple[float | None, ...]
    in_order: bool
    strength: LadderStrength
    bar: float  # a block is met at this score (0-100) or more


@dataclass(frozen=True, slots=True)
class Omission:
    """A figure or group left out, and why (never how many it held).

    ``scope``: "all", "language", "department", "invariance", "icc", "ladder".
    ``reason``: "below_k"; "complementary" (withheld so that a smaller one cannot be
    derived from the total); "too_few" (below a statistical minimum); "too_few_items" (a
    one-factor model needs three statements); "no_language" (the file says no language);
    "one_group" (fewer than two departments or languages reach k); "no_ladder" (the form
    has no phase blocks); "constant_item"; "no_convergence" (the CFA did not converge).
    """

    scope: str
    subject: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class PsychometricsMeta:
    n: int | None  # respondents; None below k (then nothing else is shown)
    k: int
    instrument: str
    form: str
    languages: tuple[str, ...]  # the languages with at least k respondents
    min_n_reliability: int
    min_n_invariance: int


@dataclass(frozen=True, slots=True)
class Psychometrics:
    meta: PsychometricsMeta
    scales: tuple[ScalePsychometrics, ...] = ()
    icc: dict[str, ICCFigures] = field(default_factory=dict)
    invariance: dict[str, Invariance] = field(default_factory=dict)
    ladder: LadderCheck | None = None
    omitted: tuple[Omission, ...] = ()

    def scale(self, scale_id: str) -> ScalePsychometrics:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)


__all__ = [
    "AvailableAlpha",
    "Fit",
    "ICCFigures",
    "Invariance",
    "InvarianceLevel",
    "ItemRest",
    "LadderCheck",
    "LadderStrength",
    "Omission",
    "Psychometrics",
    "PsychometricsMeta",
    "ReliabilityNote",
    "ScalePsychometrics",
    "ScaleReliability",
]
