"""How well a pulse of a few statements sees a real change, and how often it sees one
that is not there (docs/action-plan.md, "The follow-up pulse").

Synthetic organisations (``tandem.io.demo``): a baseline of ``--baseline`` respondents
and a pulse of ``--pulse`` respondents. In the "moved" condition every answer on the
price statements moves ``--shift`` answer steps towards alignment (about 25 points per
step on 0-100); in the "same" condition the pulse comes from the same truth. For each
replication the pulse asks the statements :func:`choose_statements` picks for three
scales (price, time orientation, Defined: two statements each), and the verdict of the
price scale is recorded; the full scale's own change (all statements, both waves)
is kept beside it to compare the pulse's change with.

Run:  .venv/bin/python benchmarks/pulse_power.py [--reps 200]
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace

import numpy as np

from tandem.analysis.compare import compare_waves
from tandem.analysis.pulse import choose_statements, compare_pulse
from tandem.instrument import load_instrument
from tandem.io.demo import PROFILES, generate_responses
from tandem.responses import ResponseSet


def wave(n: int, seed: int, spec: object) -> ResponseSet:
    instrument = load_instrument()
    frame = generate_responses(n, seed, spec, instrument=instrument)  # type: ignore[arg-type]
    records = [{k: v for k, v in r.items() if v != ""} for r in frame.to_dict("records")]
    return ResponseSet.from_records(instrument, "full", records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--baseline", type=int, default=60)
    parser.add_argument("--pulse", type=int, default=45)
    parser.add_argument("--shift", type=float, default=0.4)
    args = parser.parse_args()
    base = PROFILES["default"]
    moved = dict(base.tensions)
    moved["eco_price"] = {d: v + args.shift for d, v in base.tensions["eco_price"].items()}
    conditions = {"same": base, "moved": replace(base, tensions=moved)}
    for name, spec in conditions.items():
        verdicts: Counter[str] = Counter()
        pulse_changes, full_changes, seconds = [], [], []
        for rep in range(args.reps):
            before = wave(args.baseline, 10_000 + rep, base)
            after = wave(args.pulse, 20_000 + rep, spec)
            statements = choose_statements(before.instrument, ["eco_price", "cul_time", "DEF"],
                                           baseline=before)
            started = time.perf_counter()
            result = compare_pulse(before, after, statements.items, k_baseline=5, k_pulse=5)
            seconds.append(time.perf_counter() - started)
            row = result.scale("eco_price")
            verdicts[row.verdict if row else "not_shown"] += 1
            full = compare_waves(before, after, min_group=5).scale("eco_price")
            if row is not None and full is not None:
                pulse_changes.append(row.change)
                full_changes.append(full.change)
        r = float(np.corrcoef(pulse_changes, full_changes)[0, 1])
        print(f"{name}: verdicts {dict(verdicts)}; mean change pulse "
              f"{np.mean(pulse_changes):+.1f}, full scale {np.mean(full_changes):+.1f}; "
              f"r(pulse, full) {r:.2f}; compare_pulse median "
              f"{1000 * float(np.median(seconds)):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
