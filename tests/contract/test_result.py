"""Reading a Result back from its JSON form: what a purged scan's pages render from."""

from __future__ import annotations

import dataclasses
import functools
import math
import types
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.analysis.compare import WaveComparison, compare_waves
from tandem.analysis.diagnose import diagnose
from tandem.context import Context
from tandem.contract import codec
from tandem.contract.result import SCHEMA_VERSION, Result, ResultFormatError
from tandem.instrument import load_instrument
from tandem.io.demo import PROFILES, generate_responses
from tandem.responses import ResponseSet
from tandem.target import override

INSTRUMENT = load_instrument()
CONTEXT = Context.from_mapping({"employees": "50-249", "market": "b2b", "key_accounts": True})


def _responses(profile: str, form: str = "full", n: int = 80, seed: int = 3) -> ResponseSet:
    frame = generate_responses(n, seed, profile, form=form,  # type: ignore[arg-type]
                               instrument=INSTRUMENT)
    records = frame.drop(columns="respondent").astype(str).to_dict("records")
    return ResponseSet.from_records(INSTRUMENT, form, records)  # type: ignore[arg-type]


NAMES = [f"{p}-{f}" for p in PROFILES for f in ("full", "quick")] + [
    "no-context", "too-few", "override"]


@functools.cache
def _result(name: str) -> Result:
    """Demo organisations, both forms, no context, too few answers, an owner's override."""
    if name == "no-context":
        return diagnose(_responses("default"), min_group=5)
    if name == "too-few":
        return diagnose(_responses("default", n=4), min_group=5)
    if name == "override":
        owned = _result("conflict-full")
        assert owned.target is not None
        return dataclasses.replace(
            owned, target=override(owned.target, min(owned.target.current + 1, 4),
                                   "Board decision", "owner@example.org"))
    profile, form = name.rsplit("-", 1)
    return diagnose(_responses(profile, form), context=CONTEXT, min_group=5)


def _close(a: Any, b: Any, path: str = "r") -> None:
    """Equal up to ``to_dict``'s rounding to six decimals (NaN equals NaN)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), path
        for f in dataclasses.fields(a):
            _close(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")
    elif isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), path
        for key in a:
            _close(a[key], b[key], f"{path}[{key}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert (math.isnan(a) and math.isnan(b)) or abs(a - b) <= 1e-6, path
    else:
        assert a == b and type(a) is type(b), path


@pytest.mark.parametrize("name", NAMES)
def test_round_trip_rebuilds_the_result(name: str) -> None:
    result = _result(name)
    data = result.to_dict()
    back = Result.from_dict(data)
    _close(back, result)  # every class, tuple, enum value and None as it was
    assert back.to_dict() == data  # the JSON contract exactly
    assert Result.from_json(result.to_json()) == back
    assert Result.from_dict(back.to_dict()) == back  # exact once encoded
    assert Result.from_dict(result.to_dict(digits=None)) == result  # exact floats: exact
    if name == "override":
        assert back.target is not None and back.target.override is not None
        assert back.target.override.computed.override is None
    if name == "too-few":
        assert back.meta.n is None and back.phase is None


def test_a_missing_field_is_named() -> None:
    data = _result("default-full").to_dict()
    del data["meta"]["k"]
    with pytest.raises(ResultFormatError, match=r"^result\.meta\.k: missing field of Meta$"):
        Result.from_dict(data)


def test_an_unknown_field_is_named() -> None:
    data = _result("default-full").to_dict()
    data["scales"][2]["groups"][0]["colour"] = "red"
    with pytest.raises(ResultFormatError) as info:
        Result.from_dict(data)
    assert info.value.path == "result.scales[2].groups[0].colour"
    assert "unknown field of GroupFigures" in str(info.value)


@pytest.mark.parametrize(("change", "path"), [
    (lambda d: d["meta"].update(n="many"), "result.meta.n"),
    (lambda d: d["gaps"][0].update(verdict="huge"), "result.gaps[0].verdict"),
    (lambda d: d["phase"]["uncertainty"].update(distribution=[0.5, 0.5]),
     "result.phase.uncertainty.distribution"),
    (lambda d: d["scales"][0].update(title="plain"), "result.scales[0].title"),
    (lambda d: d["phase"]["blocks"].update(DEF=[]), "result.phase.blocks['DEF']"),
    (lambda d: d["meta"].update(indicative=None), "result.meta.indicative"),
])
def test_a_wrong_value_is_named(change: Any, path: str) -> None:
    data = _result("default-full").to_dict()
    change(data)
    with pytest.raises(ResultFormatError) as info:
        Result.from_dict(data)
    assert info.value.path == path


@pytest.mark.parametrize("version", ["3.0", "0.9", "x"])
def test_another_schema_major_version_is_refused(version: str) -> None:
    data = _result("small-quick").to_dict()
    data["meta"]["schema_version"] = version
    with pytest.raises(ResultFormatError, match="schema_version") as info:
        Result.from_dict(data)
    assert info.value.path == "result.meta.schema_version"


@pytest.mark.parametrize("text", ["{", "[]", "null", '{"meta": {"schema_version": "2.0"}}'])
def test_what_is_not_a_result_at_all_is_refused_as_such(text: str) -> None:
    with pytest.raises(ResultFormatError) as info:
        Result.from_json(text)
    assert info.value.path.startswith("result")


def test_a_field_added_later_takes_its_default() -> None:
    data = _result("default-full").to_dict()
    for area in data["decision_rights"]:
        del area["should"]  # written before "who should decide" existed
    back = Result.from_dict(data)
    assert all(a.should is None for a in back.decision_rights)


def test_aggregates_only_drops_the_verbatim_comments() -> None:
    result = _result("default-full")
    assert any(c.shown and c.texts for c in result.comments)
    assert len(result.comments) > len({c.question for c in result.comments})  # by group
    kept = result.aggregates_only()
    # one entry per question, in order, without the texts nor whose they were
    assert [c.question for c in kept.comments] == list(dict.fromkeys(
        c.question for c in result.comments))
    assert all(not c.shown and c.texts == () and c.groups == () for c in kept.comments)
    assert dataclasses.replace(kept, comments=result.comments) == result
    assert kept.aggregates_only() is kept


def test_a_wave_comparison_reads_back_the_same_way() -> None:
    waves = compare_waves(_responses("default", seed=1), _responses("integrated", seed=2),
                          min_group=5)
    assert waves.moved
    back = codec.decode(WaveComparison, waves.to_dict(), "comparison")
    assert back.to_dict() == waves.to_dict()
    _close(back, waves)


@functools.cache
def _values(tp: Any) -> st.SearchStrategy[Any]:
    """Any value of a result field type, with at most two entries per collection (the
    generic shape, not the size, is what the round trip has to get right)."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is Union or isinstance(tp, types.UnionType):
        return st.one_of(*[_values(a) for a in sorted(args, key=lambda a: a is not type(None))])
    if origin is Literal:
        return st.sampled_from(args)
    if origin is tuple and args[-1] is Ellipsis:
        return st.lists(_values(args[0]), max_size=2).map(tuple)
    if origin is tuple:
        return st.tuples(*[_values(a) for a in args])
    if origin is dict:
        return st.dictionaries(st.text(max_size=3), _values(args[1]), max_size=2)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        return st.deferred(lambda: st.builds(tp, **{f.name: _values(hints[f.name])
                                                   for f in dataclasses.fields(tp)}))
    simple: dict[Any, st.SearchStrategy[Any]] = {
        float: st.floats(), int: st.integers(), bool: st.booleans(), str: st.text(max_size=5),
        type(None): st.none()}
    return simple[tp]


_ANY_RESULT = _values(Result).map(
    lambda r: dataclasses.replace(r, meta=dataclasses.replace(r.meta,
                                                               schema_version=SCHEMA_VERSION)))


@settings(max_examples=100, deadline=None)
@given(_ANY_RESULT)
def test_any_result_survives_its_json(result: Result) -> None:
    data = result.to_dict()
    assert Result.from_dict(data).to_dict() == data
    assert Result.from_json(result.to_json()).to_dict() == data
    exact = result.to_dict(digits=None)
    assert Result.from_dict(exact).to_dict(digits=None) == exact
