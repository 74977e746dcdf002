"""Zero loss under load and when the server is killed (SIGKILL) in the middle of it.

Runs the real production set-up (``tandem serve``: gunicorn, TANDEM_ENV=production) on
127.0.0.1 with a fresh database, through benchmarks/load (see docs/load.md). No timing
assertions: only what is stored against what the simulated respondents were told.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.load.harness import loadlib, run_load

pytestmark = pytest.mark.slow

N = 40


def assert_zero_loss(result: dict[str, Any]) -> None:
    loss = result["zero_loss"]
    assert loss["none_stored_twice_ok"], loss
    assert loss["every_response_complete_ok"], loss
    assert loss["stored_only_if_submitted_ok"], loss
    assert loss["stored_equals_completed_ok"], loss


def databases() -> list[Any]:
    return ["sqlite", pytest.param("postgres", marks=pytest.mark.skipif(
        not loadlib.postgres_available(), reason="no PostgreSQL on 127.0.0.1:5432"))]


@pytest.mark.parametrize("kind", databases())
def test_every_submission_is_stored_once_under_concurrent_load(kind: str) -> None:
    result = run_load.load_run(kind, 20, think=0.0, ramp=0.0, time_limit=240.0, floor=False)
    assert result["zero_loss"]["completed"] > 0, result
    assert_zero_loss(result)


@pytest.mark.parametrize("kind", databases())
def test_sigkill_mid_load_loses_nothing_and_respondents_resume(kind: str) -> None:
    result = run_load.fault_run(kind, N, time_limit=240.0)
    assert "killed_at_s" in result and result["interrupted"] > 0, result
    assert_zero_loss(result)
    # Everyone cut off in the middle of the survey came back through their resume link
    # and finished: nothing they answered before the kill had to be lost.
    assert result["all_completed_ok"], result
    assert result["interrupted_completed"] == result["interrupted"], result
    assert result["zero_loss"]["completed"] == N
    # (A consent whose reply was lost leaves an unused draft behind: not a response.)
