"""Scale results: overall and per displayed group, with items, agreement and reliability.

Reliability (alpha, its interval, item-total correlations) stands on the available
cases: the pairwise covariances of every answer, so a respondent who said "don't know"
to one statement still counts for the others (listwise deletion dropped 40-48% of the
respondents of the long ladder blocks). It needs ``MIN_N_RELIABILITY`` respondents
behind every pair of statements.
"""

from __future__ import annotations

import numpy as np

from tandem.analysis.agreement import (
    agreement_label,
    group_item_variances,
    item_variances,
    rwg_star,
)
from tandem.analysis.descriptives import (
    describe,
    describe_groups,
    item_distributions,
    pooled_favourability,
)
from tandem.analysis.groups import Cells
from tandem.analysis.reliability import (
    MIN_N_RELIABILITY,
    cronbach_alpha_available,
    item_rest,
    pairwise_covariance,
)
from tandem.analysis.scores import ScoredResponses
from tandem.contract.result import GroupFigures, ItemFigures, Reliability, ScaleResult, Suppression
from tandem.instrument.model import Scale
from tandem.privacy import may_show, suppression_reason

__all__ = ["MIN_N_RELIABILITY", "scale_results"]


def _opt(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def scale_results(
    scored: ScoredResponses, cells: Cells
) -> tuple[tuple[ScaleResult, ...], list[Suppression]]:
    results: list[ScaleResult] = []
    suppressed: list[Suppression] = []
    for s, scale in enumerate(scored.scales):
        percent = scored.percent[:, s]
        items = scored.scale_items(scale.id)
        result, notes = _scale_result(scale, percent, items, scored, cells)
        results.append(result)
        suppressed.extend(notes)
    return tuple(results), suppressed


def _scale_result(
    scale: Scale,
    percent: np.ndarray,
    items: np.ndarray,
    scored: ScoredResponses,
    cells: Cells,
) -> tuple[ScaleResult, list[Suppression]]:
    k = cells.plan.k
    valid = ~np.isnan(percent)
    n = int(valid.sum())
    notes: list[Suppression] = []
    ids = cells.ids
    described = describe_groups(percent, cells.index, len(ids))
    n_valid = {cid: d.n for cid, d in zip(ids, described, strict=True)}
    hidden = cells.hidden(n_valid)
    variances = group_item_variances(items, cells.index, len(ids))
    agreement = [rwg_star(v) for v in variances]
    groups: list[GroupFigures] = []
    for cid, d, r in zip(ids, described, agreement, strict=True):
        if cid in hidden or not may_show(n, k):
            reason = suppression_reason(n_valid[cid], k)
            notes.append(Suppression("scale_cell", cid, scale.id, reason))
            groups.append(GroupFigures(group=cid, suppressed=True))
            continue
        groups.append(
            GroupFigures(
                group=cid,
                n=d.n,
                score=_opt(d.mean),
                sd=_opt(d.sd),
                ci_low=_opt(d.ci_low),
                ci_high=_opt(d.ci_high),
                tension=_opt(100.0 - d.mean) if scale.kind == "tension" else None,
                rwg=_opt(r),
                agreement=agreement_label(r, d.n),
            )
        )
    if not may_show(n, k):
        notes.append(Suppression("scale", None, scale.id, "below_k"))
        return _empty_scale(scale, n, groups), notes

    d = describe(percent)
    pairwise = pairwise_covariance(items)  # once for alpha and the item-total correlations
    favourable, unfavourable, missing = pooled_favourability(items)
    r = rwg_star(item_variances(items))
    return (
        ScaleResult(
            id=scale.id,
            kind=scale.kind,
            family=scale.family,
            title=scale.title,
            n=n,
            score=_opt(d.mean),
            sd=_opt(d.sd),
            ci_low=_opt(d.ci_low),
            ci_high=_opt(d.ci_high),
            tension=_opt(100.0 - d.mean) if scale.kind == "tension" else None,
            favourable=_opt(favourable),
            unfavourable=_opt(unfavourable),
            missing_rate=_opt(missing),
            rwg=_opt(r),
            agreement=agreement_label(r, n),
            reliability=_reliability(items, pairwise, k),
            groups=tuple(groups),
            items=_item_figures(scale, items, pairwise, scored, k),
        ),
        notes,
    )


def _empty_scale(scale: Scale, n: int, groups: list[GroupFigures]) -> ScaleResult:
    return ScaleResult(
        id=scale.id,
        kind=scale.kind,
        family=scale.family,
        title=scale.title,
        n=0,
        score=None,
        sd=None,
        ci_low=None,
        ci_high=None,
        tension=None,
        favourable=None,
        unfavourable=None,
        missing_rate=None,
        rwg=None,
        agreement=None,
        reliability=Reliability(None, None, None, 0, 0, "too_few", cases="available"),
        groups=tuple(groups),
        items=(),
    )


def _reliability(
    items: np.ndarray, pairwise: tuple[np.ndarray, np.ndarray], k: int
) -> Reliability:
    n_items = items.shape[1]
    if n_items < 2:
        return Reliability(None, None, None, 0, n_items, "single_item")
    a = cronbach_alpha_available(items, pairwise=pairwise)
    if a.pair_n < MIN_N_RELIABILITY:
        # The count itself is a figure: not shown for fewer than k (e.g. in a filter).
        return Reliability(None, None, None, a.n if may_show(a.n, k) else 0, n_items,
                           "too_few", cases="available")
    return Reliability(_opt(a.alpha), _opt(a.ci_low), _opt(a.ci_high), a.n, n_items,
                       cases="available", pair_n=a.pair_n)


def _item_figures(
    scale: Scale,
    items: np.ndarray,
    pairwise: tuple[np.ndarray, np.ndarray],
    scored: ScoredResponses,
    k: int,
) -> tuple[ItemFigures, ...]:
    instrument = scored.responses.instrument
    ids = [scored.responses.likert_ids[j] for j in scored.scale_columns[scale.id]]
    cov, pairs = pairwise
    item_total = (item_rest(cov) if items.shape[1] > 2 and pairs.min() >= MIN_N_RELIABILITY
                  else np.full(items.shape[1], np.nan))
    figures = []
    for j, (item_id, dist) in enumerate(zip(ids, item_distributions(items), strict=True)):
        if not may_show(dist.n_answered, k):
            continue
        figures.append(
            ItemFigures(
                id=item_id,
                n=dist.n_answered,
                mean=float(np.dot(dist.shares, (1.0, 2.0, 3.0, 4.0, 5.0))),
                favourable=dist.favourable,
                unfavourable=dist.unfavourable,
                missing_rate=dist.missing_rate,
                shares=dist.shares,
                item_total=_opt(float(item_total[j])),
                reverse_keyed=instrument.item(item_id).reverse,
            )
        )
    return tuple(figures)
