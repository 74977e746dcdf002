"""The faces meant for managers show no internal codes, for the three golden cases.

No rule id (``base.medium``, ``signal.strong_growth``), no scale id (``eco_price``,
``DEF``/``ALI``/``INT``), no item id (``def_roles``) and no model name
(``decisionrightsversion``) on the result pages, in the PDF text (pypdf), in the
Markdown of ``tandem score`` or on the web downloads' PDF. The golden test keeps these
files equal to what the code shows, so scanning them scans the faces.

Analyst-facing faces keep their ids and are not scanned: ``figures.csv`` (one row per
figure, keyed by ids), the workbook's data sheets, the anonymised responses and the
codebook (question codes are what a statistics package reads), and the JSON result.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tandem.instrument import load_instrument
from tandem.target import BASE_RULE_IDS, SIGNAL_RULE_IDS

EXPECTED = Path(__file__).parent / "expected"
CASES = ("demo", "small", "quick")

_instrument = load_instrument()
CODES = sorted(
    {
        *BASE_RULE_IDS,
        *SIGNAL_RULE_IDS,
        *(s.id for s in _instrument.scales),
        *(i.id for i in _instrument.items if "_" in i.id),
        "decisionrightsversion",
    },
    key=len,
    reverse=True,
)
PATTERN = re.compile(r"(?<![\w.])(" + "|".join(map(re.escape, CODES)) + r")(?![\w])")


def _faces(case: str) -> list[Path]:
    root = EXPECTED / case
    faces = [*root.glob("pages-*/*.txt"), *root.glob("report-*.txt"), *root.glob("score-*.md")]
    faces += list(root.glob("web-*/report.txt"))
    return sorted(faces)


@pytest.mark.parametrize("case", CASES)
def test_no_internal_codes_on_the_managers_faces(case: str) -> None:
    faces = _faces(case)
    assert faces, f"no golden faces for {case}"
    found = {
        f"{face.relative_to(EXPECTED)}: {m.group(1)}"
        for face in faces
        for m in PATTERN.finditer(face.read_text("utf-8"))
    }
    assert not found, sorted(found)[:30]
