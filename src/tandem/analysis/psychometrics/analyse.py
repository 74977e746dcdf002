"""Every psychometric figure of a response set, as one typed :class:`Psychometrics`.

Items as answered, reverse-keyed statements recoded 6 - x and "don't know" missing
(:func:`tandem.analysis.scores.score_responses`). Per scale, overall and per language:
complete-case alpha with Feldt's interval, omega total and item-rest correlations, and
the available-case alpha; ICC(1)/ICC(2) of the scale scores by department; measurement
invariance between Dutch and English; the ladder check of the phase blocks.

Minimums: no figure of any kind for fewer than k respondents (the privacy threshold),
so a language or department below k is left out and listed in ``omitted``; alpha,
omega and item-rest correlations need ``MIN_N_RELIABILITY`` complete cases (the
diagnosis's own minimum), invariance ``MIN_N_INVARIANCE`` complete cases in each
language and at least three statements (a one-factor model of two is not identified).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from tandem.analysis.phase import BLOCKS
from tandem.analysis.psychometrics.alpha import alpha_available, complete_cases, item_rest
from tandem.analysis.psychometrics.icc import department_codes, department_icc
from tandem.analysis.psychometrics.invariance import Level, LevelFit, fit_levels, moments
from tandem.analysis.psychometrics.ladder import ladder_check
from tandem.analysis.psychometrics.omega import omega_total_from_covariance
from tandem.analysis.reliability import MIN_N_RELIABILITY, FloatArray
from tandem.analysis.scores import ScoredResponses, score_responses
from tandem.contract.psychometrics import (
    AvailableAlpha,
    Fit,
    ICCFigures,
    Invariance,
    InvarianceLevel,
    ItemRest,
    Omission,
    Psychometrics,
    PsychometricsMeta,
    ScalePsychometrics,
    ScaleReliability,
)
from tandem.i18n import LANGUAGES
from tandem.privacy import DEFAULT_K, check_k, grow_to_k, may_show, suppression_reason
from tandem.responses import ResponseSet

#: Complete cases each language needs for the multi-group CFA.
MIN_N_INVARIANCE = 200
#: The respondents whose language is not known, as a cell of the language row.
UNKNOWN = ""
#: The two languages compared for invariance.
INVARIANCE_LANGUAGES: tuple[str, str] = ("nl", "en")
#: Configural invariance holds at this CFI or more (an acceptable fit; Hu & Bentler 1999
#: ask 0.95 for a good one).
CFI_BAR = 0.90
#: A stricter level holds while CFI drops by less than this (Cheung & Rensvold 2002).
DELTA_CFI_BAR = 0.01

__all__ = ["CFI_BAR", "DELTA_CFI_BAR", "MIN_N_INVARIANCE", "normalise_languages",
           "psychometrics"]


def _opt(value: float) -> float | None:
    return None if not np.isfinite(value) else float(value)


def normalise_languages(values: Sequence[object]) -> npt.NDArray[np.object_]:
    """Each respondent's language as a two-letter code ("NL", "nl-NL", "en_GB" -> nl, en);
    None when unknown."""
    out = np.full(len(values), None, dtype=object)
    for i, value in enumerate(values):
        text = "" if value is None else str(value).strip().lower()
        code = text.replace("_", "-").split("-")[0]
        if len(code) == 2 and code.isalpha():
            out[i] = code
    return out


def psychometrics(
    responses: ResponseSet,
    languages: Sequence[object] | None = None,
    *,
    k: int = DEFAULT_K,
) -> Psychometrics:
    """The psychometrics of ``responses``; ``languages`` gives each respondent's language
    in the order of the responses (None: not known, so no per-language figures)."""
    check_k(k)
    if languages is not None and len(languages) != responses.n:
        raise ValueError(f"{len(languages)} languages for {responses.n} respondents")
    lang = normalise_languages(languages) if languages is not None else None
    instrument = f"{responses.instrument.id}-{responses.instrument.version}"
    if not may_show(responses.n, k):
        meta = PsychometricsMeta(None, k, instrument, responses.form, (), MIN_N_RELIABILITY,
                                 MIN_N_INVARIANCE)
        return Psychometrics(meta, omitted=(Omission("all", None, "below_k"),))
    scored = score_responses(responses)
    omitted: list[Omission] = []
    shown = _shown_languages(lang, k, omitted)
    masks = {code: lang == code for code in shown} if lang is not None else {}
    scales = tuple(_scale(scored, sid, masks, k) for sid in (s.id for s in scored.scales))
    icc = _icc(scored, k, omitted)
    invariance = _invariance(scored, masks, omitted) if lang is not None else {}
    if lang is None:
        omitted.append(Omission("invariance", None, "no_language"))
    blocks = [s.id for s in scored.scales if s.id in BLOCKS]
    ladder = None
    if tuple(blocks) != BLOCKS:
        omitted.append(Omission("ladder", None, "no_ladder"))
    else:
        block_scores = np.column_stack([scored.scale_percent(b) for b in BLOCKS])
        ladder = ladder_check(block_scores, BLOCKS)
        if ladder is None or ladder.n < MIN_N_RELIABILITY:
            ladder = None
            omitted.append(Omission("ladder", None, "too_few"))
    meta = PsychometricsMeta(responses.n, k, instrument, responses.form, shown,
                             MIN_N_RELIABILITY, MIN_N_INVARIANCE)
    return Psychometrics(meta, scales, icc, invariance, ladder, tuple(omitted))


def _shown_languages(lang: npt.NDArray[np.object_] | None, k: int,
                     omitted: list[Omission]) -> tuple[str, ...]:
    """The languages with figures of their own: at least k respondents each, and the
    respondents of every other language and of none together 0 or at least k (else the
    smallest shown language is withheld too), since the overall figures are shown and a
    small set must not follow by subtraction (as :func:`tandem.privacy.suppress_row`)."""
    if lang is None:
        return ()
    codes = {str(c) for c in lang if c is not None}
    ordered = [c for c in LANGUAGES if c in codes] + sorted(codes - set(LANGUAGES))
    sizes = {code: int(np.count_nonzero(lang == code)) for code in ordered}
    unknown = int(sum(c is None for c in lang))
    hidden = {c for c, n in sizes.items() if not may_show(n, k)}
    if unknown:
        sizes[UNKNOWN] = unknown
        hidden.add(UNKNOWN)
    hidden = grow_to_k(sizes, hidden, k, key=lambda c: (sizes[c], c))
    for code in ordered:
        if code in hidden:
            omitted.append(Omission("language", code, suppression_reason(sizes[code], k)))
    return tuple(c for c in ordered if c not in hidden)


def _scale(scored: ScoredResponses, scale_id: str, masks: dict[str, npt.NDArray[np.bool_]],
           k: int) -> ScalePsychometrics:
    scale = scored.scales[scored.scale_index(scale_id)]
    items = scored.scale_items(scale_id)
    ids = tuple(scored.responses.likert_ids[j] for j in scored.scale_columns[scale_id])
    return ScalePsychometrics(
        id=scale.id,
        kind=scale.kind,
        title=scale.title,
        n_items=len(ids),
        overall=reliability(items, ids, k),
        by_language={code: reliability(items[mask], ids, k) for code, mask in masks.items()},
    )


def reliability(items: FloatArray, ids: tuple[str, ...], k: int) -> ScaleReliability:
    """Alpha, omega and item-rest correlations on the complete rows of ``items``, with
    the available-case alpha; only the figures that k and the minimums allow."""
    cases = complete_cases(items)
    complete = cases.n
    n = complete if may_show(complete, k) else None
    if items.shape[1] < 2:
        return ScaleReliability(n=n, note="single_item")
    value, n_available = alpha_available(items)
    available = (AvailableAlpha(_opt(value), n_available)
                 if n_available >= max(k, MIN_N_RELIABILITY) else None)
    if complete < MIN_N_RELIABILITY:
        return ScaleReliability(n=n, alpha_available=available, note="too_few")
    alpha = cases.alpha()
    rest = item_rest(cases.cov)
    omega = omega_total_from_covariance(cases.cov) if items.shape[1] >= 3 else float("nan")
    return ScaleReliability(
        n=complete,
        alpha=_opt(alpha.alpha),
        alpha_ci_low=_opt(alpha.ci_low),
        alpha_ci_high=_opt(alpha.ci_high),
        omega_total=_opt(omega),
        alpha_available=available,
        items=tuple(ItemRest(i, _opt(float(r))) for i, r in zip(ids, rest, strict=True)),
        note=None if items.shape[1] >= 3 else "no_omega",
    )


def _icc(scored: ScoredResponses, k: int, omitted: list[Omission]) -> dict[str, ICCFigures]:
    out: dict[str, ICCFigures] = {}
    left_out: list[str] = []
    departments = department_codes(scored.responses.department)
    for scale in scored.scales:
        found = department_icc(scored.scale_scores(scale.id), departments, k)
        left_out += [d for d in found.left_out if d not in left_out]
        if found.icc is None:
            omitted.append(Omission("icc", scale.id, "one_group"))
            continue
        icc = found.icc
        out[scale.id] = ICCFigures(_opt(icc.icc1), _opt(icc.icc2), icc.n, icc.n_groups,
                                   _opt(icc.k_mean))
    omitted += [Omission("department", d, "below_k") for d in left_out]
    return out


def _invariance(scored: ScoredResponses, masks: dict[str, npt.NDArray[np.bool_]],
                omitted: list[Omission]) -> dict[str, Invariance]:
    if not all(code in masks for code in INVARIANCE_LANGUAGES):
        omitted.append(Omission("invariance", None, "one_group"))
        return {}
    out: dict[str, Invariance] = {}
    for scale in scored.scales:
        items = scored.scale_items(scale.id)
        if items.shape[1] < 3:
            omitted.append(Omission("invariance", scale.id, "too_few_items"))
            continue
        groups = [moments(items[masks[code]]) for code in INVARIANCE_LANGUAGES]
        if min(g.n for g in groups) < MIN_N_INVARIANCE:
            omitted.append(Omission("invariance", scale.id, "too_few"))
            continue
        if any(np.any(np.diag(g.cov) <= 0.0) for g in groups):
            omitted.append(Omission("invariance", scale.id, "constant_item"))
            continue
        fits = fit_levels(groups)
        if not all(f.converged for f in fits.values()):
            omitted.append(Omission("invariance", scale.id, "no_convergence"))
            continue
        out[scale.id] = _invariance_result(fits, tuple(g.n for g in groups))
    return out


def _invariance_result(fits: Mapping[Level, LevelFit], n: tuple[int, ...]) -> Invariance:
    configural, metric, scalar = fits["configural"], fits["metric"], fits["scalar"]
    d_metric = metric.cfi - configural.cfi
    d_scalar = scalar.cfi - metric.cfi
    level: InvarianceLevel = "none"
    if configural.cfi >= CFI_BAR:
        level = "configural"
        if d_metric > -DELTA_CFI_BAR:
            level = "metric"
            if d_scalar > -DELTA_CFI_BAR:
                level = "scalar"

    def fit(f: LevelFit, delta: float | None) -> Fit:
        return Fit(float(f.chisq), f.df, float(f.cfi), float(f.rmsea), delta)

    return Invariance(
        languages=INVARIANCE_LANGUAGES,
        n=n,
        configural=fit(configural, None),
        metric=fit(metric, float(d_metric)),
        scalar=fit(scalar, float(d_scalar)),
        level=level,
        delta_cfi_bar=DELTA_CFI_BAR,
        cfi_bar=CFI_BAR,
    )
