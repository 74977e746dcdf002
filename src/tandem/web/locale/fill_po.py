"""Fill locale/nl/LC_MESSAGES/django.po from nl_translations.py and compile django.mo.

Usage (from the repository root, after ``makemessages``)::

    cd src/tandem/web && python -m tandem.web makemessages -l nl --ignore='survey/*' \\
        --no-location --no-wrap && cd - && python src/tandem/web/locale/fill_po.py

Exits non-zero and lists every msgid without a translation, so none slips through.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PO = HERE / "nl" / "LC_MESSAGES" / "django.po"


def _unquote(lines: list[str]) -> str:
    return "".join(ast.literal_eval(line.split(" ", 1)[1] if line.startswith("msg") else line)
                   for line in lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _normalised(text: str) -> str:
    """Every entry separated by one blank line (msgmerge may glue the header on)."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("msgid ") and lines and lines[-1] and not lines[-1].startswith("#"):
            lines.append("")
        lines.append(line)
    return "\n".join(lines) + "\n"


def fill() -> list[str]:
    sys.path.insert(0, str(HERE))
    from nl_translations import NL  # type: ignore[import-not-found]

    blocks = _normalised(PO.read_text("utf-8")).split("\n\n")
    missing: list[str] = []
    out = []
    for block in blocks:
        lines = block.splitlines()
        ids = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        strs = [i for i, line in enumerate(lines) if line.startswith("msgstr ")]
        if not ids or not strs:
            out.append(block)
            continue
        msgid = _unquote(lines[ids[0]:strs[0]])
        if msgid == "":  # the header
            header = [line for line in lines if line != "#, fuzzy"]
            header = [line.replace("Language: \\n", "Language: nl\\n") for line in header]
            header = [line for line in header if not line.startswith("# ") and line != "#"]
            header = [line.replace("PACKAGE VERSION", "tandem")
                      .replace("YEAR-MO-DA HO:MI+ZONE", "2026-11-27 00:00+0100")
                      .replace("FULL NAME <EMAIL@ADDRESS>", "Tandem <tandem@localhost>")
                      .replace("LANGUAGE <LL@li.org>", "Tandem <tandem@localhost>")
                      for line in header]
            header.insert(0, "# Dutch translations of the Tandem web app (facilitator side).")
            out.append("\n".join(header))
            continue
        translation = NL.get(msgid)
        if translation is None:
            missing.append(msgid)
            out.append(block)
            continue
        kept = [line for line in lines[:ids[0]] if not line.startswith("#, fuzzy")]
        kept = [line.replace("fuzzy, ", "").replace(", fuzzy", "") for line in kept]
        out.append("\n".join([*kept, *lines[ids[0]:strs[0]], f"msgstr {_quote(translation)}"]))
    PO.write_text("\n\n".join(block.strip("\n") for block in out) + "\n", "utf-8")
    return missing


def main() -> int:
    missing = fill()
    for msgid in missing:
        print(f"no Dutch translation for: {msgid!r}")
    command = ["msgfmt", "--check", "-o", str(PO.with_suffix(".mo")), str(PO)]
    subprocess.run(command, check=True)  # noqa: S603 # nosec B603 # fixed command, own file
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
