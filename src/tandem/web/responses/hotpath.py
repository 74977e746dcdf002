"""The two statements a survey request runs most, without building their SQL each time.

Every request of a respondent reads their draft and its scan, and every page they send
writes the draft's answers. Through the ORM, compiling those queries cost more Python
than anything else in the request but the page's template (docs/load.md, "What limits
throughput"). Here their SQL is written once per database vendor from the models' own
metadata, and values go in and out through the same field conversions the ORM uses
(``get_db_prep_save``, ``get_db_converters``), so what is stored and read is the same
as through ``save()`` and ``get()``. Values are always query parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from django.db import connection
from django.db.models import Field, Model

Converter = Callable[[Any, Any, Any], Any]


def _column(field: Field[Any, Any]) -> str:
    assert field.column is not None  # every concrete field has one
    return field.column


@cache
def _select(model: type[Model], column: str, lock: bool,
            vendor: str) -> tuple[str, tuple[str, ...], tuple[Any, ...]]:
    """SELECT of every concrete field by one column; the fields' attnames and, per field,
    its (converters, column expression) as the ORM's compiler would apply them."""
    del vendor  # part of the cache key: the SQL and converters are the vendor's
    qn = connection.ops.quote_name
    table = model._meta.db_table
    fields: Sequence[Field[Any, Any]] = model._meta.concrete_fields
    # Names from the model's metadata, quoted by the backend; the value is a parameter.
    columns = ", ".join(qn(_column(f)) for f in fields)
    sql = f"SELECT {columns} FROM {qn(table)} WHERE {qn(column)} = %s"  # noqa: S608 # nosec B608
    if lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"  # PostgreSQL; SQLite's IMMEDIATE transaction locks already
    converters = []
    for field in fields:
        col = field.get_col(table)
        found = [*connection.ops.get_db_converters(col), *field.get_db_converters(connection)]
        converters.append((tuple(found), col))
    return sql, tuple(f.attname for f in fields), tuple(converters)


def one_by[M: Model](model: type[M], column: str, value: Any, *,
                     lock: bool = False) -> M | None:
    """The row of ``model`` whose unique ``column`` is ``value``, as a model instance;
    ``lock``: locked for the rest of the transaction (``select_for_update``)."""
    sql, names, converters = _select(model, column, lock, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for position, (convert, col) in enumerate(converters):
        for converter in convert:
            values[position] = converter(values[position], col, connection)
    return model.from_db(connection.alias, names, values)


@cache
def _update(model: type[Model], names: tuple[str, ...], vendor: str) -> tuple[str, tuple[
        Field[Any, Any], ...]]:
    del vendor
    qn = connection.ops.quote_name
    meta = model._meta
    fields: tuple[Field[Any, Any], ...] = tuple(
        f for f in (meta.get_field(name) for name in names) if isinstance(f, Field))
    assert len(fields) == len(names) and meta.pk is not None  # concrete fields only
    assignments = ", ".join(f"{qn(_column(f))} = %s" for f in fields)
    # Names from the model's metadata, quoted by the backend; the values are parameters.
    where = qn(_column(meta.pk))
    sql = f"UPDATE {qn(meta.db_table)} SET {assignments} WHERE {where} = %s"  # noqa: S608 # nosec B608
    return sql, fields


def update_by_pk(model: type[Model], pk: Any, values: Mapping[str, object]) -> int:
    """UPDATE the named fields of one row, each value prepared as ``save()`` prepares it;
    the number of rows changed (0: the row is gone)."""
    sql, fields = _update(model, tuple(values), connection.vendor)
    params = [f.get_db_prep_save(values[f.name], connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, pk])
        return int(cursor.rowcount)


__all__ = ["one_by", "update_by_pk"]
