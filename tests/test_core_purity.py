"""The analysis core must never depend on Django: the web app is one face among several."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tandem"


def _core_files() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if "web" not in p.relative_to(SRC).parts]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_django_in_its_source() -> None:
    files = _core_files()
    assert len(files) > 10, "the core should have been found"
    offenders = {
        str(p.relative_to(SRC)): sorted(
            m for m in _imported_modules(p) if m.split(".")[0] == "django"
        )
        for p in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_whole_core_loads_no_django() -> None:
    modules = sorted(
        ".".join(("tandem", *p.relative_to(SRC).with_suffix("").parts)).removesuffix(".__init__")
        for p in _core_files()
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
