"""Research exports: the anonymised answers as labelled SPSS, Stata or CSV data, with a
codebook (Markdown and JSON), for researchers and consultants.

- :mod:`.data`: the coded, labelled rows (:func:`research_data`), bound by the same
  anonymity rules as the owners' answers export (:func:`tandem.report.exports.anonymise`);
- :mod:`.labels`: labels within each format's limits;
- :mod:`.codebook`: the codebook;
- :mod:`.files`: the data file in each format, alone (:func:`render`, or :func:`write`
  straight to a file) or zipped with the codebook (:func:`research_zip`).
"""

from __future__ import annotations

from tandem.report.research.data import (
    DONT_KNOW_CODE,
    ORIGIN,
    ResearchData,
    Variable,
    check_origin,
    file_pseudonym,
    pseudonym,
    research_data,
)
from tandem.report.research.files import (
    FORMATS,
    Format,
    Rendered,
    codebooks,
    render,
    research_zip,
    write,
)

__all__ = [
    "DONT_KNOW_CODE",
    "FORMATS",
    "ORIGIN",
    "Format",
    "Rendered",
    "ResearchData",
    "Variable",
    "check_origin",
    "codebooks",
    "file_pseudonym",
    "pseudonym",
    "render",
    "research_data",
    "research_zip",
    "write",
]
