"""Shared by the pulse tests: a closed baseline with actions, and a pulse answered."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from test_actions_support import make_action

from tandem.instrument import DEFAULT_INSTRUMENT, load_instrument
from tandem.io.demo import generate_responses
from tandem.web.accounts.models import User
from tandem.web.actions import pulses
from tandem.web.actions.models import Action
from tandem.web.actions.services.pulse import pulse_create
from tandem.web.organisations.models import Organisation
from tandem.web.results.testing import closed_scan_with, responses_add
from tandem.web.scans.models import Invitation, Scan
from tandem.web.scans.services import scan_close, scan_open


def frame_with(departments: Mapping[str, int], seed: int, shift: float = 0.0,
               instrument: str = DEFAULT_INSTRUMENT) -> pd.DataFrame:
    """Demo answers with exactly these department sizes; ``shift`` raises every price
    statement by that many answer steps (reverse-keyed ones lowered), capped at 1-5."""
    n = sum(departments.values())
    frame = generate_responses(n, seed, instrument=load_instrument(instrument),
                               settings=frozenset({"should_decide"}))
    frame["department"] = [d for d, size in departments.items() for _ in range(size)]
    if shift:
        scan = load_instrument(instrument)
        for item in scan.scale_items("eco_price"):
            step = -shift if item.reverse else shift
            values = pd.to_numeric(frame[item.id], errors="coerce")
            frame[item.id] = (values + step).clip(1, 5).map(
                lambda v: "" if pd.isna(v) else str(round(float(v))))
    return frame


def baseline_with_plan(organisation: Organisation, owner: User, departments: Mapping[str, int],
                       *, seed: int = 1, k: int = 5) -> tuple[Scan, list[Action]]:
    scan = closed_scan_with(organisation=organisation, actor=owner, k=k,
                            frame=frame_with(departments, seed), title="Baseline")
    Invitation.objects.bulk_create([Invitation(scan=scan, email=f"p{i}@example.org",
                                               department="sales") for i in range(12)])
    price = make_action(organisation, "Price list together", scales=["eco_price"], scan=scan)
    time = make_action(organisation, "Shared calendar", scales=["cul_time", "DEF"], scan=scan)
    return scan, [price, time]


def answered_pulse(baseline: Scan, actions: list[Action], owner: User,
                   departments: Mapping[str, int], *, seed: int = 2,
                   shift: float = 0.0) -> Scan:
    """A pulse of ``actions`` made by the service, answered by people of ``departments``
    (only its statements and the department), and closed."""
    statements = pulses.pulse_statements(baseline=baseline, actions=actions)
    pulse = pulse_create(baseline=baseline, actions=actions, statements=statements, weeks=6)
    pulse = scan_open(scan=pulse, actor=owner)
    frame = frame_with(departments, seed, shift)
    responses_add(scan=pulse, frame=frame[["department", *pulse.pulse_items]])
    return scan_close(scan=pulse, actor=owner)
