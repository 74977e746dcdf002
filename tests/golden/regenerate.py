"""Rewrite the golden files from the code on PYTHONPATH: only for an intentional change.

The golden test (``test_golden.py``) says that every page, PDF, workbook and export
shows what it showed before. When a change is meant to alter what a reader sees,
regenerate, read the diff (``git diff tests/golden/expected``) and commit it with the
change that explains it::

    PYTHONPATH=src .venv/bin/python tests/golden/regenerate.py            # all cases
    PYTHONPATH=src .venv/bin/python tests/golden/regenerate.py demo       # one case
    PYTHONPATH=src .venv/bin/python tests/golden/regenerate.py --no-web   # files only
    PYTHONPATH=src .venv/bin/python tests/golden/regenerate.py --inputs   # inputs too

By default the stored inputs (``inputs/<case>.csv``) are kept: the golden files must not
depend on the synthetic generator staying the same. ``--inputs`` first rewrites them
with ``tandem demo-data`` (see ``produce.CASES`` for each case's arguments).

The web pages and downloads need a database: the script makes Django's throw-away test
database (in memory for SQLite), exactly as the test runner would, and drops it
afterwards. ``--no-web`` skips them and keeps the stored ones.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the repository root

from tests.golden.produce import (  # after the path above
    EXPECTED,
    Case,
    is_web,
    iter_cases,
    make_input,
    produce_files,
    produce_web,
    replace_tree,
)


def _setup_django(var: Path) -> object:
    """Django on a fresh test database; returns what ``teardown_databases`` needs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.web.settings")
    os.environ.setdefault("TANDEM_VAR_DIR", str(var))
    import django
    from django.test.utils import setup_databases, setup_test_environment

    django.setup()
    setup_test_environment()
    return setup_databases(verbosity=0, interactive=False)


def _web_in_rolled_back_transaction(case: Case, out: Path) -> None:
    """:func:`produce_web` leaving the database as it found it, as a test would."""
    from django.db import transaction

    with transaction.atomic():
        produce_web(case, out)
        transaction.set_rollback(True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    parser.add_argument("--inputs", action="store_true",
                        help="rewrite the input CSVs with tandem demo-data first")
    parser.add_argument("--no-web", action="store_true",
                        help="skip the web pages and downloads (keep the stored ones)")
    args = parser.parse_args(argv)
    cases = list(iter_cases(args.cases))
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        work = Path(tmp)
        old = None if args.no_web else _setup_django(work / "var")
        try:
            for case in cases:
                if args.inputs:
                    make_input(case, case.csv)
                out = work / "out" / case.name
                produce_files(case, out, work / "raw" / case.name)
                if old is not None:
                    _web_in_rolled_back_transaction(case, out)
                elif (EXPECTED / case.name).exists():  # keep the stored web outputs
                    for web in (EXPECTED / case.name).iterdir():
                        if web.is_dir() and is_web(web.name):
                            replace_tree(web, out / web.name)
                replace_tree(out, EXPECTED / case.name)
                print(f"{case.name}: wrote {EXPECTED / case.name}")
        finally:
            if old is not None:
                from django.test.utils import teardown_databases, teardown_test_environment

                teardown_databases(old, verbosity=0)  # type: ignore[arg-type]
                teardown_test_environment()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
