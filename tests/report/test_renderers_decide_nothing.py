"""Renderers only draw: the core decides order, emphasis and thresholds (the contract
carries ``Result.tension_order``, ``Result.gap_order``, ``ScaleResult.high`` and the bars
in ``Meta``). This reads every renderer's source and fails when one starts deciding
again: a threshold constant of its own, a figure compared with a number, or a sort.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tandem"
#: Renderers of a Result. ``report/questionnaire/`` renders the instrument for other
#: survey tools, not a result: its numbers are file-format versions and ids.
RENDERERS = [
    *sorted(p for p in (SRC / "report").rglob("*.py") if "questionnaire" not in p.parts),
    SRC / "web" / "results" / "pages.py",
]

#: Module constants that are layout, not judgement: how many lines of an already
#: ranked list fit on a page, a card or a table. The order and what qualifies (notable,
#: high) still come from the result; a face only decides how much room it has.
LAYOUT_COUNTS = {
    "report/markdown.py": {"TOP_TENSIONS", "TOP_GAPS", "TOP_STEPS"},
    "report/pdf/summary.py": {"TOP_STEPS"},
    "report/pdf/gaps.py": {"TABLE_GAPS"},
    "web/results/pages.py": {"TOP_TENSIONS", "TOP_GAPS", "FIRST_STEPS"},
    "report/deck/slides.py": {"TOP_TENSIONS", "TOP_GAPS", "TOP_STEPS", "TOP_REASONS",
                              "ACTION_ROWS"},
    # the deck's geometry: the charts' resolution, the template's layout
    "report/deck/powerpoint.py": {"CHART_PPI", "TITLE_ONLY"},
    # limits of the file formats (SPSS, Stata labels), not a judgement of a figure
    "report/research/labels.py": {"SPSS_LABEL_BYTES", "SPSS_VALUE_LABEL_BYTES",
                                  "STATA_LABEL_CHARS"},
    # the research export's code for "don't know" and the length of a pseudonymous code
    "report/research/data.py": {"DONT_KNOW_CODE", "CODE_CHARS"},
    # how many rows are written at a time: memory and streaming, not a judgement; the
    # display width of a whole number in SPSS (a format of the file)
    "report/research/files.py": {"CSV_CHUNK_ROWS", "SPSS_NUMBER_WIDTH"},
    "report/research/pool.py": {"CSV_BATCH_ROWS"},
}

#: Sorts that order columns or keys for a file, not findings for a reader.
LAYOUT_SORTS = {
    # the raw export lists the choice questions in a fixed, alphabetical column order
    ("report/exports.py", "sorted(responses.choices)"),
    # the pool's codebook names the questionnaire forms it holds, in a fixed order
    ("report/research/pool.py", "sorted(set(forms))"),
}

#: Result figures a renderer must not compare with a number of its own.
FIGURES = {
    "tension", "score", "clarity", "difference", "hedges_g", "q", "p", "same_phase",
    "rwg", "favourable", "unfavourable", "consistency", "consistency_score", "mean",
}


def _name(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


def _numeric(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    )


def _decisions(name: str, source: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in tree.body:
        targets = []
        if isinstance(node, ast.Assign) and _numeric(node.value):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and node.value is not None and _numeric(node.value):
            targets = [node.target.id] if isinstance(node.target, ast.Name) else []
        found += [
            f"{name}:{node.lineno}: numeric constant {t}"
            for t in targets
            if t not in LAYOUT_COUNTS.get(name, set())
        ]
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            sorts = (isinstance(func, ast.Name) and func.id == "sorted") or (
                isinstance(func, ast.Attribute) and func.attr == "sort"
            )
            if sorts and (name, ast.unparse(node)) not in LAYOUT_SORTS:
                found.append(f"{name}:{node.lineno}: sorts {ast.unparse(node)}")
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            figure = any(isinstance(s, ast.Attribute) and s.attr in FIGURES for s in sides)
            # against 0 a comparison reads a sign (higher / lower), not a bar
            if figure and any(_numeric(s) and ast.literal_eval(s) != 0 for s in sides):
                found.append(f"{name}:{node.lineno}: compares {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", RENDERERS, ids=_name)
def test_a_renderer_declares_no_threshold_and_ranks_nothing(path: Path) -> None:
    assert _decisions(_name(path), path.read_text("utf-8")) == []


def test_the_check_sees_a_decision() -> None:
    source = "HIGH = 60.0\nrows = sorted(r.gaps, key=len)\nflag = s.tension >= 60\n"
    assert [f.split(": ")[1].split(" ")[0] for f in _decisions("report/x.py", source)] == [
        "numeric",
        "sorts",
        "compares",
    ]


def test_every_allowance_is_still_needed() -> None:
    """An allow-list entry whose code is gone is removed, so the list stays honest."""
    for name, constants in LAYOUT_COUNTS.items():
        tree = ast.parse((SRC / name).read_text("utf-8"))
        declared = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        assert constants <= declared, name
    for name, call in LAYOUT_SORTS:
        assert call in {
            ast.unparse(n) for n in ast.walk(ast.parse((SRC / name).read_text("utf-8")))
        }, name
