"""Decision rights and customer-journey ownership (analysis.md, "Decision rights and journey").

* Decision area: distribution overall and per displayed group; clarity = share of the
  most common answer; contested when Sales' and Marketing's most common answers differ
  or clarity < 0.5; the "nobody clearly" share.
* Journey stage: most common owner, clarity, unowned (most common answer "unclear" or
  clarity < 0.5) and the mean consistency of the brand experience.
* Now against should (:func:`rights_compared`): per area, who decides today beside who
  should decide (when the scan asked it), whether the two differ, and where the proposed
  RACI row starts.
Per-group figures obey the anonymity threshold like every other figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from tandem.analysis.choices import (
    ChoiceSummary,
    IntArray,
    count_by_group,
    encode_choices,
    summarise_choices,
    summarise_counts,
)
from tandem.analysis.descriptives import to_percent_scale
from tandem.analysis.groups import Cells
from tandem.contract.result import ChoiceGroup, DecisionArea, JourneyStage, Suppression
from tandem.i18n import Text
from tandem.instrument.model import DONT_KNOW, Item
from tandem.privacy import may_show, suppression_reason
from tandem.responses import ResponseSet
from tandem.thresholds import CLARITY_BAR


def _group_choices(
    codes: IntArray, item: Item, cells: Cells, what: str, notes: list[Suppression]
) -> tuple[tuple[ChoiceGroup, ...], dict[str, ChoiceSummary]]:
    assert item.options is not None
    options = list(item.options.codes)
    table = count_by_group(codes, cells.index, len(cells.ids), len(options))
    summaries = {
        cid: summarise_counts(row, options) for cid, row in zip(cells.ids, table, strict=True)
    }
    hidden = cells.hidden({cid: s.n for cid, s in summaries.items()})
    groups: list[ChoiceGroup] = []
    shown: dict[str, ChoiceSummary] = {}
    for cid, summary in summaries.items():
        if cid in hidden:
            reason = suppression_reason(summary.n, cells.plan.k)
            notes.append(Suppression(what, cid, item.id, reason))
            groups.append(ChoiceGroup(group=cid, suppressed=True))
        else:
            shown[cid] = summary
            groups.append(ChoiceGroup(cid, False, summary.n, summary.distribution, summary.modal))
    return tuple(groups), shown


def _summarise_item(
    responses: ResponseSet,
    item_id: str,
    cells: Cells,
    subject: tuple[str, str],
    notes: list[Suppression],
) -> tuple[ChoiceSummary, tuple[ChoiceGroup, ...], dict[str, ChoiceSummary]] | None:
    """Overall and per-group summary of one choice item; None when absent or below k.

    ``subject`` is (what, id) for the suppression note of the whole item, e.g.
    ("decision_area", "pricing"); cells withheld inside are noted per group.
    """
    if item_id not in responses.choices:
        return None
    item = responses.instrument.item(item_id)
    assert item.options is not None
    codes = encode_choices(responses.choices[item_id], item.options.codes)
    overall = summarise_choices(codes, list(item.options.codes))
    if not may_show(overall.n, cells.plan.k):
        notes.append(Suppression(subject[0], None, subject[1], "below_k"))
        return None
    cell_kind = subject[0].split("_")[0] + "_cell"
    groups, shown = _group_choices(codes, item, cells, cell_kind, notes)
    return overall, groups, shown


def decision_rights(
    responses: ResponseSet, cells: Cells
) -> tuple[tuple[DecisionArea, ...], list[Suppression]]:
    instrument = responses.instrument
    notes: list[Suppression] = []
    areas: list[DecisionArea] = []
    k = cells.plan.k
    for area, label in instrument.areas.items():
        summary = _summarise_item(responses, f"dr_{area}", cells, ("decision_area", area), notes)
        if summary is None:
            continue
        overall, groups, shown = summary
        clarity = _clarity(overall, k, ("decision_clarity", area), notes)
        reasons: list[str] = []
        if "sales" in shown and "marketing" in shown:
            s, m = shown["sales"].modal, shown["marketing"].modal
            if s is not None and m is not None and s != m:
                reasons.append("sales_marketing_differ")
        if clarity is None or clarity < CLARITY_BAR:
            reasons.append("low_clarity")
        should = _should(responses, area, k, notes)
        areas.append(
            DecisionArea(
                area=area,
                label=label,
                n=overall.n,
                distribution=overall.distribution,
                modal=overall.modal,
                clarity=clarity,
                nobody=overall.distribution.get("nobody", 0.0),
                dont_know=overall.distribution.get(DONT_KNOW, 0.0),
                contested=bool(reasons),
                reasons=tuple(reasons),
                groups=groups,
                should=should,
            )
        )
    return tuple(areas), notes


def _clarity(
    summary: ChoiceSummary, k: int, subject: tuple[str, str], notes: list[Suppression]
) -> float | None:
    """Clarity stands on the substantive answers (not "don't know"): withheld when they
    are fewer than k, though everyone who answered is k or more. It then counts as low
    clarity, which the shown distribution (mostly "don't know") says as well."""
    if summary.clarity is None or may_show(summary.substantive, k):
        return summary.clarity
    notes.append(Suppression(subject[0], None, subject[1], "below_k"))
    return None


def _should(
    responses: ResponseSet, area: str, k: int, notes: list[Suppression]
) -> ChoiceGroup | None:
    item_id = f"drs_{area}"
    if item_id not in responses.choices:
        return None
    item = responses.instrument.item(item_id)
    assert item.options is not None
    options = item.options.codes
    summary = summarise_choices(encode_choices(responses.choices[item_id], options), list(options))
    if summary.n == 0:
        return None
    if not may_show(summary.n, k):
        notes.append(Suppression("decision_should", None, area, "below_k"))
        return ChoiceGroup(group="all", suppressed=True)
    return ChoiceGroup("all", False, summary.n, summary.distribution, summary.modal)


def journey(
    responses: ResponseSet, cells: Cells
) -> tuple[tuple[JourneyStage, ...], list[Suppression]]:
    instrument = responses.instrument
    notes: list[Suppression] = []
    stages: list[JourneyStage] = []
    k = cells.plan.k
    for stage, label in instrument.stages.items():
        summary = _summarise_item(
            responses, f"cj_{stage}_owner", cells, ("journey_stage", stage), notes
        )
        if summary is None:
            continue
        overall, groups, _ = summary
        consistency_id = f"cj_{stage}_consistency"
        values = (
            responses.column(consistency_id)
            if consistency_id in responses.likert_ids
            else np.array([])
        )
        answered = values[~np.isnan(values)]
        mean = float(answered.mean()) if may_show(answered.size, k) else None
        if answered.size > 0 and mean is None:
            notes.append(Suppression("journey_consistency", None, stage, "below_k"))
        clarity = _clarity(overall, k, ("journey_clarity", stage), notes)
        unowned = (
            overall.modal is None
            or overall.modal == "unclear"
            or (overall.clarity is not None and (clarity is None or clarity < CLARITY_BAR))
        )
        stages.append(
            JourneyStage(
                stage=stage,
                label=label,
                n=overall.n,
                owner=overall.modal,
                clarity=clarity,
                distribution=overall.distribution,
                unowned=unowned,
                consistency=mean,
                consistency_score=to_percent_scale(mean) if mean is not None else None,
                consistency_n=int(answered.size) if mean is not None else 0,
                groups=groups,
            )
        )
    return tuple(stages), notes


# ---------------------------------------------------------------- now against should

#: Who decides, as the RACI row an agreement may start from (party -> letters). "Nobody
#: clearly" has no row: that is exactly what the team has to settle.
RACI_START: dict[str, dict[str, str]] = {
    "marketing": {"marketing": "AR"},
    "sales": {"sales": "AR"},
    "service": {"service": "AR"},
    "management": {"management": "A"},
    "joint": {"marketing": "R", "sales": "R"},
}

Basis = Literal["should", "now", ""]


@dataclass(frozen=True, slots=True)
class RightsCompared:
    """One decision area: who decides now, who should, and the RACI row to start from.

    ``should`` is None when the scan did not ask it (``should_asked``), when fewer than
    k answered it (``should_withheld``) or when everyone answered "don't know";
    ``differs`` is then None too: nothing can be said. ``basis`` says which answer the
    proposed ``start`` row comes from ("" when the team has to decide it themselves).
    """

    area: str
    label: Text
    now: str | None
    now_clarity: float | None
    contested: bool
    should_asked: bool
    should_withheld: bool
    should: str | None
    should_clarity: float | None
    differs: bool | None
    basis: Basis
    start: dict[str, str] = field(default_factory=dict)


def _should_clarity(should: ChoiceGroup, k: int) -> float | None:
    """The share of the most common "should" answer among those who named someone;
    withheld (None) when fewer than k named someone, as :func:`_clarity` does for now."""
    if should.modal is None or not should.distribution or should.n is None:
        return None
    named = 1.0 - should.distribution.get(DONT_KNOW, 0.0)
    if named <= 0 or not may_show(round(should.n * named), k):
        return None
    return should.distribution.get(should.modal, 0.0) / named


def _basis(area: DecisionArea, should: str | None, should_clarity: float | None) -> Basis:
    """Start from who should decide when most of those who named someone agree on it;
    else from who decides now when that is clear and uncontested and nobody says
    otherwise; else from nothing."""
    if should is not None and should_clarity is not None and should_clarity >= CLARITY_BAR:
        return "should" if should in RACI_START else ""
    if area.contested or area.modal not in RACI_START:
        return ""
    return "now" if should is None or should == area.modal else ""


def rights_compared(areas: Sequence[DecisionArea], k: int) -> tuple[RightsCompared, ...]:
    """Now against should for every decision area of a result (``k``: the scan's
    anonymity threshold, which the result's figures already obey)."""
    out: list[RightsCompared] = []
    for area in areas:
        asked = area.should is not None
        withheld = area.should is not None and area.should.suppressed
        should = None if area.should is None or withheld else area.should.modal
        clarity = (None if area.should is None or should is None
                   else _should_clarity(area.should, k))
        differs = None if should is None or area.modal is None else should != area.modal
        basis = _basis(area, should, clarity)
        start = dict(RACI_START.get({"should": should, "now": area.modal}.get(basis) or "", {}))
        out.append(RightsCompared(area.area, area.label, area.modal, area.clarity,
                                  area.contested, asked, withheld, should, clarity, differs,
                                  basis, start))
    return tuple(out)
