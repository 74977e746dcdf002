"""Encoding and decoding a Result: the old hand-written code, pydantic and msgspec.

The result of ``tandem demo-data --respondents 300 --seed 1`` scored with the example
context (full form, about 200 KB of JSON) is encoded to a dict and to JSON text and
decoded from JSON text by

* ``hand-written``: ``_plain`` and ``from_plain`` of the result module before the
  contract moved to pydantic (``--old``, default ``/work/base/src/tandem/result.py``;
  both are generic over the dataclasses, so they run on today's classes),
* ``pydantic``: :mod:`tandem.contract.codec` (what ``Result.to_dict``, ``to_json``,
  ``from_json`` do),
* ``msgspec``: ``msgspec.json`` and ``msgspec.to_builtins`` straight on the dataclasses.
  msgspec has no hook for floats (they are native), so it cannot round to 6 digits:
  its encode rows write exact floats, and its decode cannot read ``null`` as NaN.

Best of ``--repeat`` runs of ``--number`` calls each, in milliseconds per call, and the
first call of a fresh codec (pydantic builds its validators and serializers then; the
very first call of the process, printed above the table, also warms pydantic itself).

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/contract_codec.py``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pydantic

from tandem.analysis.diagnose import diagnose
from tandem.context import load_context
from tandem.contract import codec
from tandem.contract.result import Result
from tandem.instrument import load_instrument
from tandem.io.demo import generate_responses
from tandem.responses import ResponseSet

ROOT = Path(__file__).resolve().parents[1]


def realistic(n: int, seed: int) -> Result:
    instrument = load_instrument()
    frame = generate_responses(n, seed, "default", form="full", instrument=instrument)
    records = frame.drop(columns="respondent").astype(str).to_dict("records")
    responses = ResponseSet.from_records(instrument, "full", records)  # type: ignore[arg-type]
    return diagnose(responses, context=load_context(ROOT / "docs/examples/context.toml"))


def old_module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("tandem_old_result", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def best(call: Callable[[], object], number: int, repeat: int) -> float:
    return min(timeit.repeat(call, number=number, repeat=repeat)) / number * 1000


def first(call: Callable[[], object], reset: Callable[[], None]) -> float:
    reset()
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--number", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--old", type=Path, default=Path("/work/base/src/tandem/result.py"))
    args = parser.parse_args()

    result = realistic(args.respondents, args.seed)
    start = time.perf_counter()
    text = result.to_json(indent=None)  # the first call of this process builds the codec
    cold_encode = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    Result.from_json(text)
    cold_decode = (time.perf_counter() - start) * 1000
    exact = result.to_json(indent=None, digits=None)
    old = old_module(args.old)
    for name in ("from_dict", "to_dict"):  # the old decoder builds today's Result
        assert name in vars(Result)
    assert old.from_plain(Result, json.loads(text)).to_dict() == result.to_dict()
    assert msgspec.json.decode(exact, type=Result).to_dict(digits=None) == json.loads(exact)

    def reset_pydantic() -> None:
        for memo in (codec._CORE, codec._VALIDATORS, codec._SERIALIZERS):
            memo.clear()

    def old_dict() -> object:
        return old._plain(result, 6)

    def old_json() -> object:
        return json.dumps(old._plain(result, 6), ensure_ascii=False, allow_nan=False)

    def old_json_exact() -> object:
        return json.dumps(old._plain(result, None), ensure_ascii=False, allow_nan=False)

    def old_decode() -> object:
        return old.from_plain(Result, json.loads(text))

    data, exact_data = json.loads(text), json.loads(exact)
    msgspec_encoder = msgspec.json.Encoder()
    msgspec_decoder = msgspec.json.Decoder(Result, strict=True)

    rows: list[tuple[str, str, Callable[[], object], Callable[[], None] | None]] = [
        ("encode to dict (6 digits)", "hand-written", old_dict, None),
        ("encode to dict (6 digits)", "pydantic", lambda: result.to_dict(), reset_pydantic),
        ("encode to dict (exact)", "hand-written", lambda: old._plain(result, None), None),
        ("encode to dict (exact)", "pydantic", lambda: result.to_dict(digits=None),
         reset_pydantic),
        ("encode to dict (exact)", "msgspec", lambda: msgspec.to_builtins(result), None),
        ("encode to JSON (6 digits)", "hand-written", old_json, None),
        ("encode to JSON (6 digits)", "pydantic", lambda: result.to_json(indent=None),
         reset_pydantic),
        ("encode to JSON (exact)", "hand-written", old_json_exact, None),
        ("encode to JSON (exact)", "pydantic",
         lambda: result.to_json(indent=None, digits=None), reset_pydantic),
        ("encode to JSON (exact)", "msgspec", lambda: msgspec_encoder.encode(result), None),
        ("decode from JSON", "hand-written", old_decode, None),
        ("decode from JSON", "pydantic", lambda: Result.from_json(text), reset_pydantic),
        ("decode from JSON", "msgspec", lambda: msgspec_decoder.decode(exact), None),
        ("decode from dict", "hand-written", lambda: old.from_plain(Result, data), None),
        ("decode from dict", "pydantic", lambda: Result.from_dict(data), reset_pydantic),
        ("decode from dict", "msgspec",
         lambda: msgspec.convert(exact_data, Result, strict=True), None),
    ]
    print(f"Python {platform.python_version()}, pydantic {pydantic.VERSION}, "
          f"msgspec {msgspec.__version__}; {args.respondents} respondents, "
          f"{len(text.encode()) // 1000} KB of JSON; best of {args.repeat} x {args.number}")
    print(f"pydantic, first call in this process: to_json {cold_encode:.0f} ms, "
          f"from_json {cold_decode:.0f} ms")
    print()
    print("| operation | codec | ms per call | first call, ms |")
    print("|---|---|---:|---:|")
    for operation, name, call, reset in rows:
        cold = f"{first(call, reset):.1f}" if reset is not None else "—"
        print(f"| {operation} | {name} | {best(call, args.number, args.repeat):.2f} | {cold} |")


if __name__ == "__main__":
    main()
