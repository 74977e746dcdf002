"""The JSON Schema of the result contract, generated from the dataclasses.

``result-2.schema.json`` next to this module is this generator's output, committed so
other tools can read it; ``tests/contract/test_schema.py`` fails when it differs from
what the classes give. After changing a class, rewrite it with::

    python -m tandem.contract.schema          # rewrites result-2.schema.json
    python -m tandem.contract.schema --check  # exit status 1 when it is out of date

Draft 2020-12. Each class's docstring is its description, and a field's trailing
comment in the class body (``score: float | None  # 0-100``) the field's. A float
that may not be None still accepts ``null``: that is how NaN (no figure) is written.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import io
import json
import sys
import textwrap
import tokenize
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from tandem.contract import codec
from tandem.contract.result import SCHEMA_VERSION, Result

MAJOR = SCHEMA_VERSION.split(".")[0]
PATH = Path(__file__).with_name(f"result-{MAJOR}.schema.json")
SCHEMA_ID = f"tandem/result-{MAJOR}.schema.json"


def generate() -> dict[str, Any]:
    """The JSON Schema of :class:`~tandem.contract.result.Result`."""
    body = codec.json_schema(Result)
    classes = {cls.__name__: cls for cls in _dataclasses(Result)}
    for name, definition in [("Result", body), *body.get("$defs", {}).items()]:
        cls = classes.get(name)
        if cls is not None:
            _describe(definition, cls)
    meta = body["$defs"]["Meta"]["properties"]["schema_version"]
    meta["pattern"] = rf"^{MAJOR}\.[0-9]+$"
    meta["description"] = (f"{MAJOR}.x for this schema; a reader upgrades older major "
                           "versions (tandem.contract.v1)")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Tandem diagnosis result",
        "description": (
            f"The JSON form of tandem.contract.result.Result, schema version {MAJOR}.x, "
            "generated from the classes by tandem.contract.schema. Figures for sets below "
            "the anonymity threshold k are absent (null or suppressed: true) and listed in "
            "'suppressed'. Scores are 0-100 unless named otherwise; null means not "
            "available (a figure that cannot be computed, NaN, is written as null too)."),
        **{k: v for k, v in body.items() if k not in ("title", "description")},
    }


def text() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


def _dataclasses(root: type) -> Iterator[type]:
    seen: set[type] = set()
    todo: list[Any] = [root]
    while todo:
        tp = todo.pop()
        if get_origin(tp) is Union or isinstance(tp, types.UnionType) or get_origin(tp):
            todo.extend(get_args(tp))
        elif isinstance(tp, type) and dataclasses.is_dataclass(tp) and tp not in seen:
            seen.add(tp)
            yield tp
            todo.extend(codec.type_hints(tp).values())


def _describe(definition: dict[str, Any], cls: type) -> None:
    definition["additionalProperties"] = False  # the decoder refuses unknown fields
    doc = cls.__doc__ or ""
    if doc and not doc.startswith(f"{cls.__name__}("):  # not the generated signature
        definition["description"] = inspect.cleandoc(doc)
    else:
        definition.pop("description", None)
    properties = definition.get("properties", {})
    for name, comment in _field_comments(cls).items():
        if name in properties:
            properties[name]["description"] = comment


def _field_comments(cls: type) -> dict[str, str]:
    """``{field: comment}`` from the trailing comments in the class body."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    names = {f.name for f in dataclasses.fields(cls)}
    comments: dict[str, str] = {}
    line_field: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NAME and token.start[1] == 4 and token.string in names:
            line_field.setdefault(token.start[0], token.string)
        elif token.type == tokenize.COMMENT and token.start[0] in line_field:
            comments[line_field[token.start[0]]] = token.string.lstrip("# ").strip()
    return comments


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tandem.contract.schema",
                                     description=f"Rewrite {PATH.name} from the classes.")
    parser.add_argument("--check", action="store_true",
                        help="only compare; exit status 1 when the file is out of date")
    args = parser.parse_args(argv)
    wanted = text()
    current = PATH.read_text("utf-8") if PATH.exists() else ""
    if args.check:
        if current != wanted:
            print(f"{PATH} is out of date: run python -m tandem.contract.schema",
                  file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        PATH.write_text(wanted, "utf-8")
        print(f"wrote {PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
