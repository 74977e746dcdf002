"""The one encoder and decoder of the result contract, on pydantic v2.

Why pydantic (``benchmarks/contract_codec.py``, figures in ``docs/benchmarks.md``): it
validates the frozen stdlib dataclasses of :mod:`tandem.contract.result` as they are,
so the core and every face keep constructing and reading the same classes; it generates
the JSON Schema from them (:mod:`tandem.contract.schema`); its error locations name the
field; and it is the mature, widely used choice. It decodes about 9 times and encodes
2 to 8 times faster than the hand-written code this replaces. msgspec, measured too, is
another 2 times faster on these millisecond calls, but on stdlib dataclasses it cannot
round floats (no hook per float), read ``null`` as NaN or refuse unknown fields (only
its own ``Struct`` classes can), and its JSON Schema output is thinner.

The rules every face relies on:

* **Encoding** (:func:`encode`, :func:`encode_json`): NaN and infinities become ``null``;
  floats are rounded to ``digits`` decimals (``None``: kept exactly, what a stored
  result needs).
* **Decoding** (:func:`decode`, :func:`decode_json`): strict JSON types (no ``"3"`` for
  3, no ``true`` for 1), unknown fields refused, missing fields with a default take it
  (a field added after the data was written), ``null`` in a float field that may not be
  None reads as NaN (what the encoder wrote it for). The first problem raises
  :class:`ResultFormatError` with its path, ``result.scales[0].score``, built from
  pydantic's error location.

The pydantic machinery lives here only: the dataclasses stay plain, and
:class:`tandem.i18n.Text` is a dataclass pydantic reads as ``{"nl": ..., "en": ...}``.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import types
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union, cast, get_args, get_origin, get_type_hints

from pydantic_core import (
    CoreSchema,
    SchemaSerializer,
    SchemaValidator,
    ValidationError,
    core_schema,
    to_json,
)

if TYPE_CHECKING:
    from pydantic.json_schema import JsonSchemaMode, JsonSchemaValue


class ResultFormatError(ValueError):
    """Data is not a result as :meth:`Result.to_dict` writes it; ``path`` names where."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# ------------------------------------------------------------------ the core schema


def _none_to_nan(value: float | None) -> float:
    return math.nan if value is None else value


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _rounder(digits: int) -> Callable[[float], float | None]:
    def out(value: float) -> float | None:
        return round(value, digits) if math.isfinite(value) else None

    return out


def _adapted(schema: Any, out: Callable[[float], float | None] | None, *,
             optional: bool = False) -> Any:
    """A copy of pydantic's core schema with the contract's rules: unknown fields
    refused, ``null`` read as NaN where None is not allowed, floats written by ``out``
    (None: as they are, NaN and infinities as the JSON extensions ``NaN``, ``Infinity``)."""
    if isinstance(schema, list):
        return [_adapted(s, out) for s in schema]
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if kind == "float" and out is None:
        return schema
    if kind == "float":
        written = core_schema.nullable_schema(core_schema.float_schema())
        plain = {**schema, "serialization": core_schema.plain_serializer_function_ser_schema(
            cast(Callable[[Any], Any], out), return_schema=written)}
        if optional:
            return plain
        return core_schema.no_info_after_validator_function(
            _none_to_nan, core_schema.nullable_schema(cast(CoreSchema, plain)),
            serialization=plain["serialization"])
    if kind == "nullable":
        return {**schema, "schema": _adapted(schema["schema"], out, optional=True)}
    copy = {key: _adapted(value, out) for key, value in schema.items()}
    if kind == "dataclass-args":
        copy["extra_behavior"] = "forbid"
    if kind == "dataclass" and out is None:
        copy["config"] = {**copy.get("config", {}), "ser_json_inf_nan": "constants"}
    return copy


_CORE: dict[type, CoreSchema] = {}
_VALIDATORS: dict[type, SchemaValidator] = {}
_SERIALIZERS: dict[tuple[type, int | None, bool], SchemaSerializer] = {}


def _pydantic_schema(cls: type) -> CoreSchema:
    from pydantic import TypeAdapter  # 40 ms of imports, paid by the first use only

    return TypeAdapter(cls).core_schema


def core(cls: type) -> CoreSchema:
    """The contract's core schema of a dataclass, floats written exactly."""
    if cls not in _CORE:
        _CORE[cls] = cast(CoreSchema, _adapted(_pydantic_schema(cls), _finite_or_none))
    return _CORE[cls]


def _validator(cls: type) -> SchemaValidator:
    if cls not in _VALIDATORS:
        _VALIDATORS[cls] = SchemaValidator(core(cls))
    return _VALIDATORS[cls]


def _serializer(cls: type, digits: int | None, lossless: bool = False) -> SchemaSerializer:
    key = (cls, digits, lossless)
    if key not in _SERIALIZERS:
        out = (None if lossless else _finite_or_none if digits is None else _rounder(digits))
        _SERIALIZERS[key] = SchemaSerializer(_adapted(_pydantic_schema(cls), out))
    return _SERIALIZERS[key]


# ------------------------------------------------------------------ encoding


def encode(value: Any, digits: int | None = 6) -> dict[str, Any]:
    """A result dataclass as JSON-ready Python values (see the module docstring)."""
    return cast(dict[str, Any], _serializer(type(value), digits).to_python(value, mode="json"))


def encode_json(value: Any, digits: int | None = 6, indent: int | None = None) -> str:
    """A result dataclass as JSON text, non-ASCII characters as they are."""
    return _serializer(type(value), digits).to_json(value, indent=indent).decode("utf-8")


def encode_lossless(value: Any) -> bytes:
    """For the server's own storage (the results cache), not for files or people: the
    contract's JSON with every float exact and NaN and infinities kept as ``NaN`` and
    ``Infinity``, so :func:`decode_json` gives back an equal value (NaN for NaN even
    where the public form writes ``null`` and reads None)."""
    return _serializer(type(value), None, lossless=True).to_json(value)


# ------------------------------------------------------------------ decoding


def decode[T](cls: type[T], data: Any, path: str = "result") -> T:
    """The dataclass ``cls`` from the form :func:`encode` gives.

    Python values pass through JSON text, so the JSON rules apply to a dict exactly as
    to a file (lists for tuples, objects for dataclasses, strict scalars).
    """
    try:
        text = to_json(data)
    except ValueError as exc:  # not JSON-ready at all (an object, a set, ...)
        raise ResultFormatError(path, str(exc)) from exc
    return decode_json(cls, text, path)


def decode_json[T](cls: type[T], text: str | bytes, path: str = "result") -> T:
    try:
        return cast(T, _validator(cls).validate_json(text, strict=True))
    except ValidationError as exc:
        raise _format_error(cls, exc, path) from None


def _format_error(cls: type, exc: ValidationError, root: str) -> ResultFormatError:
    error = exc.errors(include_url=False)[0]
    loc = error["loc"]
    if error["type"] == "missing" and loc and isinstance(loc[-1], int):  # a short tuple
        where, _owner = _path(cls, loc[:-1], root)
        return ResultFormatError(where, f"expected more than {loc[-1]} values")
    where, owner = _path(cls, loc, root)
    if error["type"] == "missing":
        return ResultFormatError(where, f"missing field of {owner}")
    if error["type"] == "unexpected_keyword_argument":
        return ResultFormatError(where, f"unknown field of {owner}")
    if error["type"] == "json_invalid":
        return ResultFormatError(root, f"not JSON: {error['msg']}")
    value = "null" if error.get("input") is None else repr(error.get("input"))[:60]
    return ResultFormatError(where, f"{error['msg']}, got {value}")


def _path(cls: type, loc: tuple[int | str, ...], root: str) -> tuple[str, str]:
    """``result.scales[0].score`` from pydantic's ``('scales', 0, 'score')``, walking
    the type hints so a dict key reads ``['DEF']`` and a field ``.name``; with the name
    of the dataclass that owns the last field."""
    path, tp, owner = root, cast(Any, cls), cls.__name__
    for part in loc:
        tp = _strip_optional(tp)
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            owner = tp.__name__
            path += f".{part}"
            tp = type_hints(tp).get(str(part), Any)
        elif get_origin(tp) in (dict, Mapping):
            path += f"[{part!r}]"
            tp = get_args(tp)[1]
        elif get_origin(tp) in (list, Sequence):
            path += f"[{part}]"
            tp = get_args(tp)[0]
        elif get_origin(tp) is tuple:
            args = get_args(tp)
            path += f"[{part}]"
            if isinstance(part, int):
                tp = args[0] if args[-1] is Ellipsis else args[min(part, len(args) - 1)]
        elif isinstance(part, int):
            path += f"[{part}]"
        else:  # a union member's tag or a function validator's name: no place of its own
            continue
    return path, owner


def _strip_optional(tp: Any) -> Any:
    if get_origin(tp) is Union or isinstance(tp, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return options[0]
    return tp


@functools.cache
def type_hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


# ------------------------------------------------------------------ JSON Schema


def json_schema(cls: type, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
    """The JSON Schema of the contract's form of ``cls`` (see :mod:`.schema`): draft
    2020-12 (pydantic's dialect), without a title on every property."""
    from pydantic.json_schema import GenerateJsonSchema

    class ContractJsonSchema(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            return False

    return ContractJsonSchema(ref_template="#/$defs/{model}").generate(core(cls), mode=mode)


_FINGERPRINTS: dict[type, str] = {}


def fingerprint(cls: type) -> str:
    """A short hash of the contract's shape of ``cls``: it changes when a field does."""
    if cls not in _FINGERPRINTS:
        text = json.dumps(json_schema(cls, "serialization"), sort_keys=True)
        _FINGERPRINTS[cls] = hashlib.sha256(text.encode()).hexdigest()[:16]
    return _FINGERPRINTS[cls]


def loads(text: str | bytes) -> Mapping[str, Any]:
    """JSON text as a dict, for a reader that must look at it before decoding."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ResultFormatError("result", f"not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ResultFormatError("result", "expected an object")
    return data
