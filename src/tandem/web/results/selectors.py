"""The results of a closed scan, computed by the core (nothing is computed here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from tandem.analysis.diagnose import diagnose
from tandem.context import Context
from tandem.instrument.model import Form
from tandem.report.markdown import render_markdown
from tandem.responses import ResponseSet
from tandem.result import Result
from tandem.web.responses.selectors import submitted_records
from tandem.web.scans.models import Scan


@dataclass(frozen=True, slots=True)
class ScanResult:
    result: Result

    def markdown(self, lang: str) -> str:
        return render_markdown(self.result, lang)

    def to_dict(self) -> dict[str, Any]:
        return self.result.to_dict()


def scan_result(*, scan: Scan) -> ScanResult:
    """Diagnose the scan's submitted responses with its context and threshold k.

    Raises the core's ``ResponseDataError`` or ``ContextError`` if stored data no
    longer validates (the view shows that as an error, not a half result).
    """
    responses = ResponseSet.from_records(
        scan.instrument, cast(Form, scan.form), submitted_records(scan=scan),
        settings=scan.settings,
    )
    context = Context.from_mapping(scan.organisation.context_dict())
    return ScanResult(diagnose(responses, context=context, min_group=scan.k))
