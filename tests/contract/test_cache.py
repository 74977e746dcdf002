"""The results cache stores Tandem's dataclasses as the contract's JSON, not as pickles."""

from __future__ import annotations

import dataclasses
import math
import pickle

from tandem.analysis.compare import compare_waves
from tandem.contract import codec
from tandem.filters import FilterOptions
from tandem.web.results import cache
from tandem.web.results.selectors import Analysis
from tests.contract.test_result import _responses, _result


def test_a_result_is_cached_as_contract_json_and_reads_back_equal() -> None:
    result = _result("default-full")
    scale = dataclasses.replace(result.scales[0], score=math.nan, sd=math.inf)
    with_nan = dataclasses.replace(result, scales=(scale, *result.scales[1:]))
    for value in (result, Analysis(with_nan, FilterOptions(5, ()))):
        stored = pickle.loads(pickle.dumps(cache._pack(value)))
        assert isinstance(stored, cache._Encoded)
        back = cache._unpack(stored)
        assert type(back) is type(value)
        assert codec.encode_lossless(back) == stored.data  # NaN and infinities kept
    analysis = cache._unpack(cache._pack(Analysis(with_nan, FilterOptions(5, ()))))
    assert math.isnan(analysis.result.scales[0].score)  # not None, as the public form reads
    assert analysis.result.scales[0].sd == math.inf


def test_a_wave_comparison_is_cached_the_same_way() -> None:
    waves = compare_waves(_responses("default", seed=1), _responses("conflict", seed=2),
                          min_group=5)
    assert cache._unpack(cache._pack(waves)).to_dict() == waves.to_dict()


def test_an_entry_of_other_classes_is_computed_again() -> None:
    stored = cache._pack(_result("small-quick"))
    assert cache._unpack(dataclasses.replace(stored, shape="0" * 16)) is cache._STALE
    assert cache._unpack(dataclasses.replace(stored, data=b'{"meta": 1}')) is cache._STALE
    assert cache._unpack(dataclasses.replace(stored, module="os", name="system")) is cache._STALE


def test_other_values_are_stored_as_they_are() -> None:
    assert cache._pack(["a", 1]) == ["a", 1]
    assert cache._unpack(["a", 1]) == ["a", 1]
