"""Every page, PDF, workbook and export shows the same numbers as before (issue "One shape
for the code"): each golden case's outputs, made now by the current code, must equal the
stored ones in ``expected/<case>/``.

A failure shows, per differing file, its path and the start of a unified diff. If the
change is intended, regenerate (``tests/golden/regenerate.py``, see its docstring), read
``git diff tests/golden/expected`` and commit it with the change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.produce import (
    CASES,
    EXPECTED,
    Case,
    compare_trees,
    is_web,
    make_input,
    produce_files,
    produce_web,
)

SHOWN = 6  # differing files shown in a failure; the rest are counted
HINT = ("If this change is intended: PYTHONPATH=src .venv/bin/python tests/golden/regenerate.py"
        " and commit the diff of tests/golden/expected.")


def _explain(case: Case, problems: list[str]) -> str:
    shown = "\n\n".join(problems[:SHOWN])
    more = len(problems) - SHOWN
    tail = f"\n\n... and {more} more differing file(s)" if more > 0 else ""
    return (f"golden case {case.name!r} ({case.why}): {len(problems)} output(s) differ from "
            f"{EXPECTED / case.name}\n\n{shown}{tail}\n\n{HINT}")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_reports_and_exports_show_what_they_showed(case: Case, tmp_path: Path) -> None:
    """Markdown, aggregated CSV, anonymised export, workbook and PDF text of each case."""
    out = tmp_path / "out"
    produce_files(case, out, tmp_path / "raw")
    problems = compare_trees(EXPECTED / case.name, out, wanted=lambda p: not is_web(p))
    if problems:
        pytest.fail(_explain(case, problems), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.django_db
def test_web_pages_and_downloads_show_what_they_showed(case: Case, tmp_path: Path) -> None:
    """The visible text of every results tab, nl and en, of a scan with the same answers,
    and the scan's downloads (figures CSV, workbook, PDF text, anonymised answers)."""
    out = tmp_path / "out"
    produce_web(case, out)
    problems = compare_trees(EXPECTED / case.name, out, wanted=is_web)
    if problems:
        pytest.fail(_explain(case, problems), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_generator_still_makes_the_stored_inputs(case: Case, tmp_path: Path) -> None:
    """Separate from the golden files, which read the stored inputs: says whether
    ``tandem demo-data`` still makes them byte for byte (if not, the goldens still hold;
    only the generator moved)."""
    made = tmp_path / case.csv.name
    make_input(case, made)
    assert made.read_bytes() == case.csv.read_bytes(), (
        f"tandem {' '.join(case.demo_data_args(made))} no longer makes {case.csv}"
    )
