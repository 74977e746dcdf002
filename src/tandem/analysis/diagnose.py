"""The whole diagnosis of one scan: responses in, one immutable :class:`Result` out.

This is the single entry point every face calls (CLI, web pages, PDF, exports, API),
so they all show the same figures and the same suppressions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from tandem.analysis.comments import comment_sets
from tandem.analysis.decisions import decision_rights, journey
from tandem.analysis.empathy import empathy
from tandem.analysis.emphasis import with_emphasis
from tandem.analysis.gaps import perception_gaps
from tandem.analysis.groups import Cells
from tandem.analysis.phase import (
    BLOCKS,
    disagreement_note,
    ladder,
    ladder_phase,
    person_phases,
    phase_index,
    phase_uncertainty,
)
from tandem.analysis.publication import publication
from tandem.analysis.scales import scale_results
from tandem.analysis.scores import ScoredResponses, score_responses
from tandem.context import Context
from tandem.contract.result import (
    BlockResult,
    DecisionArea,
    Gap,
    GroupPhase,
    PhaseResult,
    Result,
    ScaleResult,
    Suppression,
)
from tandem.privacy import (
    DEFAULT_COMMENT_K,
    DEFAULT_K,
    suppression_reason,
)
from tandem.responses import ResponseSet
from tandem.roadmap.catalogue import Catalogue, load_catalogue
from tandem.roadmap.ranking import RoadmapStep, rank_roadmap
from tandem.target import Signals, Target, compute_target


def diagnose(
    responses: ResponseSet,
    *,
    context: Context | None = None,
    min_group: int = DEFAULT_K,
    comment_min: int = DEFAULT_COMMENT_K,
    catalogue: Catalogue | None = None,
) -> Result:
    """Score, compare, protect and recommend: everything ``analysis.md`` asks for."""
    shown = publication(responses, k=min_group, comment_k=comment_min)
    if not shown.shown:
        return with_emphasis(shown.result())
    responses, cells, meta = shown.responses, shown.cells, shown.meta
    suppressed: list[Suppression] = list(shown.suppressed)

    scored = score_responses(responses)
    scales, notes = scale_results(scored, cells)
    suppressed += notes
    gaps = perception_gaps(scored, cells, scales)
    phase, notes = _phase(scored, cells, scales)
    suppressed += notes
    areas, notes = decision_rights(responses, cells)
    suppressed += notes
    stages, notes = journey(responses, cells)
    suppressed += notes
    comments, notes = comment_sets(responses, cells, comment_min)
    suppressed += notes
    understanding, notes = empathy(shown)
    suppressed += notes

    target: Target | None = None
    roadmap: tuple[RoadmapStep, ...] = ()
    if phase is not None:
        target = compute_target(
            context or Context(),
            phase.ladder.phase,
            _signals(scales, areas),
            instrument=responses.instrument,
        )
        roadmap = rank_roadmap(
            catalogue or load_catalogue(instrument=responses.instrument),
            current_phase=phase.ladder.phase,
            target_phase=target.phase,
            scale_tension=_scale_need(scales),
            scale_gap=_largest_gaps(gaps),
            item_mean=_ladder_item_means(scored),
        )
    return with_emphasis(Result(
        meta=meta,
        phase=phase,
        scales=scales,
        gaps=gaps,
        decision_rights=areas,
        journey=stages,
        target=target,
        roadmap=roadmap,
        comments=comments,
        suppressed=tuple(suppressed),
        empathy=understanding,
    ))


def _phase(
    scored: ScoredResponses, cells: Cells, scales: tuple[ScaleResult, ...]
) -> tuple[PhaseResult | None, list[Suppression]]:
    by_id = {s.id: s for s in scales}
    if not all(b in by_id for b in BLOCKS):
        return None, []
    block_scores = np.array(
        [by_id[b].score if by_id[b].score is not None else np.nan for b in BLOCKS]
    )
    lad = ladder(block_scores)
    index = phase_index(scored.items[:, _index_columns(scored)])
    person_blocks = np.column_stack([scored.scale_percent(b) for b in BLOCKS])
    blocks = {
        b: BlockResult(id=b, score=by_id[b].score, met=b in lad.blocks_met, n=by_id[b].n)
        for b in BLOCKS
    }
    by_group, notes = _group_phases(person_blocks, cells, by_id)
    return (
        PhaseResult(
            ladder=lad,
            index=index,
            blocks=blocks,
            agree=index.band is None or index.band == lad.phase,
            note=disagreement_note(block_scores, lad.phase, index.band),
            uncertainty=phase_uncertainty(person_blocks, lad.phase),
            by_group=by_group,
        ),
        notes,
    )


def _index_columns(scored: ScoredResponses) -> np.ndarray:
    """The columns of the statements the HBR-compatible index averages (the instrument
    says which: every ladder statement in version 1, the HBR-mapped ones from 2)."""
    instrument = scored.responses.instrument
    ids = scored.responses.likert_ids
    columns = np.concatenate([scored.scale_columns[b] for b in BLOCKS])
    return np.array([j for j in columns if instrument.counts_in_index(instrument.item(ids[j]))],
                    dtype=np.intp)


def _group_phases(
    person_blocks: np.ndarray, cells: Cells, scales: dict[str, ScaleResult]
) -> tuple[tuple[GroupPhase, ...], list[Suppression]]:
    """Per group: the ladder on the group's block scores ("Sales sees Defined") and the
    distribution of its respondents' own perceived phases."""
    group_blocks = {g.group: [np.nan] * len(BLOCKS) for s in scales.values() for g in s.groups}
    for b, block in enumerate(BLOCKS):
        for g in scales[block].groups:
            if not g.suppressed and g.score is not None:
                group_blocks[g.group][b] = g.score
    phases = person_phases(person_blocks)
    known = phases > 0
    n_valid = {cid: int(np.count_nonzero(known & m)) for cid, m in cells.masks.items()}
    hidden = cells.hidden(n_valid)
    notes: list[Suppression] = []
    groups: list[GroupPhase] = []
    for cid, mask in cells.masks.items():
        if cid in hidden:
            reason = suppression_reason(n_valid[cid], cells.plan.k)
            notes.append(Suppression("phase_group", cid, None, reason))
            groups.append(GroupPhase(group=cid, suppressed=True))
            continue
        mine = phases[mask & known]
        distribution = tuple(float(np.mean(mine == p)) for p in (1, 2, 3, 4))
        groups.append(
            GroupPhase(
                group=cid,
                suppressed=False,
                n=int(mine.size),
                distribution=distribution,  # type: ignore[arg-type]
                modal=int(np.argmax(distribution)) + 1,
                phase=int(ladder_phase(np.array(group_blocks[cid])))
                if not np.isnan(group_blocks[cid][0])
                else None,
            )
        )
    return tuple(groups), notes


def _signals(scales: tuple[ScaleResult, ...], areas: tuple[DecisionArea, ...]) -> Signals:
    tensions = {s.id: s.tension for s in scales if s.kind == "tension" and s.tension is not None}
    return Signals(
        tension=tensions,
        contested_areas=sum(1 for a in areas if a.contested) if areas else None,
        areas=len(areas) if areas else None,
    )


def _scale_need(scales: tuple[ScaleResult, ...]) -> dict[str, float]:
    """Tension for tension sources; 100 - score (room to grow) for blocks and outcomes."""
    need: dict[str, float] = {}
    for s in scales:
        if s.score is None:
            continue
        need[s.id] = s.tension if s.tension is not None else 100.0 - s.score
    return need


def _largest_gaps(gaps: tuple[Gap, ...]) -> Mapping[str, float]:
    largest: dict[str, float] = {}
    for gap in gaps:
        if gap.notable:
            largest[gap.scale] = max(largest.get(gap.scale, 0.0), abs(gap.difference))
    return largest


def _ladder_item_means(scored: ScoredResponses) -> dict[str, float]:
    ids = scored.responses.likert_ids
    means: dict[str, float] = {}
    for block in BLOCKS:
        for j in scored.scale_columns.get(block, []):
            column = scored.items[:, j]
            if np.any(~np.isnan(column)):
                means[ids[j]] = float(np.nanmean(column))
    return means
