"""The first step of the diagnosis on its own: the same respondents, groups and notes as
the whole diagnosis, which the research pool relies on to export a scan's rows without
computing its figures."""

from __future__ import annotations

import pytest

from tandem.analysis.diagnose import diagnose
from tandem.analysis.publication import publication
from tandem.report.research import research_data
from tandem.responses import ResponseSet
from tests.report import demo_frame, demo_responses, responses_of


def _withheld() -> ResponseSet:
    """Two managers and no other small department: their pool stays below k."""
    frame = demo_frame(60, 2).copy()
    frame.loc[~frame.department.isin(["sales", "marketing", "service"]), "department"] = "sales"
    frame.loc[frame.index[:2], "department"] = "management"
    return responses_of(frame)


@pytest.mark.parametrize(("case", "k"), [("120", 5), ("40-small", 5), ("4", 5),
                                         ("withheld", 5), ("120", 12)])
def test_the_same_groups_and_rows_as_the_diagnosis(case: str, k: int) -> None:
    responses = _withheld() if case == "withheld" else demo_responses(
        int(case.split("-")[0]), 1, case.endswith("small"))
    shown = publication(responses, k=k)
    full = diagnose(responses, min_group=k)
    assert shown.meta == full.meta
    assert shown.result().withheld_groups() == full.withheld_groups()
    assert (case == "withheld") is bool(full.withheld_groups())
    assert shown.shown is (full.meta.n is not None)
    light = research_data(responses, shown.result(), lang="en", organisation="o", wave=1)
    whole = research_data(responses, full, lang="en", organisation="o", wave=1)
    if whole is None:
        assert light is None
    else:
        assert light is not None and light.frame.equals(whole.frame)
        assert light.variables == whole.variables
