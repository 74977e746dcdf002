"""What a scan's result may show, decided before any figure is computed: which
respondents it includes and which groups it shows.

:func:`diagnose` starts here, and the research pool (:mod:`tandem.report.research.pool`)
stops here: a pooled export needs each scan's groups and threshold, not its figures, so
it applies exactly the rule of the one-scan export without the cost of a diagnosis
(bootstrap, gaps) per organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from tandem.analysis.groups import Cells, build_cells, pooling_notes
from tandem.contract.result import SCHEMA_VERSION, GroupInfo, Meta, Result, Suppression
from tandem.privacy import DEFAULT_COMMENT_K, GROUP_LABELS, check_k
from tandem.responses import ResponseSet


@dataclass(frozen=True)
class Publication:
    """The respondents the result includes (a pool below k left out), their cells, the
    result's meta (``n`` None when the whole scan is below k) and the group notes."""

    responses: ResponseSet
    cells: Cells
    meta: Meta
    suppressed: tuple[Suppression, ...]

    @property
    def shown(self) -> bool:
        """Whether the result shows anything at all (the scan reaches k)."""
        return self.meta.n is not None

    def result(self) -> Result:
        """The result without figures: its meta and group notes, all an export of the
        anonymised answers needs (:func:`tandem.report.exports.anonymise`)."""
        return Result(self.meta, None, (), (), (), (), None, (), (), self.suppressed)


def publication(responses: ResponseSet, *, k: int,
                comment_k: int = DEFAULT_COMMENT_K) -> Publication:
    """Which respondents and groups the result of ``responses`` at threshold ``k`` shows."""
    k = check_k(k)
    cells = build_cells(responses, k)
    plan = cells.plan
    suppressed = pooling_notes(plan)
    if plan.withheld:
        # A pool below k: its respondents are left out of everything that follows (the
        # total, phase, items, decisions, journey, comments), so that no figure minus
        # the groups shown reveals them. The rest keep the same groups.
        responses = responses.subset(cells.included)
        cells = build_cells(responses, k)
        assert cells.plan.cells == plan.cells and not cells.plan.withheld
    meta = Meta(
        schema_version=SCHEMA_VERSION,
        instrument=responses.instrument.id,
        instrument_version=responses.instrument.version,
        form=responses.form,
        indicative=responses.form == "quick",
        n=plan.total if plan.total_shown else None,
        k=k,
        comment_k=comment_k,
        groups=tuple(GroupInfo(c.id, GROUP_LABELS[c.id], c.n, c.members) for c in plan.cells),
    )
    return Publication(responses, cells, meta, tuple(suppressed))


__all__ = ["Publication", "publication"]
