"""The golden comparison lets a full-precision float differ in its last bits (numpy's
summation order follows the CPU's SIMD width) and nothing else."""

from __future__ import annotations

from tests.golden.produce import _same_lines


def test_last_bits_of_a_full_precision_float_may_differ() -> None:
    assert _same_lines(["item,def,all,mean,3.0"], ["item,def,all,mean,2.9999999999999996"])
    assert _same_lines(['[20, 24.94065656565656, -0.2336171636277106, "clear gap"]'],
                       ['[20, 24.94065656565657, -0.2336171636277101, "clear gap"]'])


def test_a_rounded_figure_a_word_or_a_real_difference_may_not() -> None:
    assert not _same_lines(["Promotion 45 50 41 46 32 42"], ["Promotion 45 50 41 46 33 42"])
    assert not _same_lines(["mean,3.61"], ["mean,3.62"])
    assert not _same_lines(["24.94065656565656 clear gap"], ["24.94065656565656 possible gap"])
    assert not _same_lines(["24.94065656565656"], ["24.94075656565656"])
    assert not _same_lines(["a", "b"], ["a"])
