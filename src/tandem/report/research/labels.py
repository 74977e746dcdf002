"""Labels as each file format holds them: SPSS counts bytes, Stata characters.

A label longer than its format allows is cut at a word with an ellipsis; the codebook
always has the full text.
"""

from __future__ import annotations

SPSS_LABEL_BYTES = 250  # SPSS variable labels hold 256 bytes
SPSS_VALUE_LABEL_BYTES = 120  # and value labels 120
STATA_LABEL_CHARS = 80  # Stata variable labels hold 80 characters
MORE = "…"


def shortened(text: str, *, chars: int | None = None, max_bytes: int | None = None) -> str:
    """``text`` within ``chars`` characters and ``max_bytes`` UTF-8 bytes, cut at a word
    with an ellipsis when it is longer."""

    def fits(candidate: str) -> bool:
        return (chars is None or len(candidate) <= chars) and (
            max_bytes is None or len(candidate.encode()) <= max_bytes)

    if fits(text):
        return text
    words = text.split(" ")
    while len(words) > 1 and not fits(" ".join(words) + MORE):
        words.pop()
    cut = " ".join(words).rstrip(" ,;:.") + MORE
    while not fits(cut):  # one very long word: cut inside it
        cut = cut[:-2] + MORE
    return cut


def variable_label(text: str, fmt: str) -> str:
    """A variable label as the data file in ``fmt`` (sav, dta, csv) holds it."""
    if fmt == "sav":
        return shortened(text, max_bytes=SPSS_LABEL_BYTES)
    if fmt == "dta":
        return shortened(text, chars=STATA_LABEL_CHARS)
    return text


def value_label(text: str, fmt: str) -> str:
    """A value label as the data file in ``fmt`` holds it."""
    return shortened(text, max_bytes=SPSS_VALUE_LABEL_BYTES) if fmt == "sav" else text
