"""Tests of the renderings of a result: charts, PDF, workbook, exports."""

from __future__ import annotations

from functools import cache

import pandas as pd

from tandem.analysis.diagnose import diagnose
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.responses import ResponseSet

SMALL_DEPARTMENT = "management"  # made 3 people strong in the "small" scan (k = 5)


def responses_of(frame: pd.DataFrame) -> ResponseSet:
    return ResponseSet.from_records(load_instrument(), "full", frame.to_dict("records"))  # type: ignore[arg-type]


@cache
def demo_frame(n: int = 120, seed: int = 1, small: bool = False) -> pd.DataFrame:
    """A demo scan; with ``small`` the management department has exactly 3 respondents."""
    frame = generate_responses(n, seed, "default")
    if small:
        frame = frame.copy()
        frame.loc[frame.department == SMALL_DEPARTMENT, "department"] = "other"
        frame.loc[frame.index[:3], "department"] = SMALL_DEPARTMENT
    return frame


@cache
def demo_responses(n: int = 120, seed: int = 1, small: bool = False) -> ResponseSet:
    return responses_of(demo_frame(n, seed, small))


@cache
def demo_result(n: int = 120, seed: int = 1, small: bool = False) -> Result:
    return diagnose(demo_responses(n, seed, small), min_group=5)
