"""Reads of the public pages written out to SQL once per process, then run with other
values.

Building a queryset and compiling it (its names resolved, its joins set up, its SQL
written) costs more than PostgreSQL takes to run a small query. For a read whose shape
never changes, only its values (a series, say), that work is done once: the read is
declared by the function that builds its queryset from its values, and two sets of
stand-in values. The SQL compiled with each must be the same, with each stand-in a
parameter of its own and every other parameter the same; otherwise the read is refused
(ValueError) when first used, and its test fails. Each row is then converted as the
queryset converts it (the database's converters and the fields', on the connection of
the request)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.db import connection
from django.db.models import QuerySet


@dataclass(frozen=True)
class _Written:
    sql: str
    # Each parameter: the index of the value it stands for, or None and its own value.
    params: tuple[tuple[int | None, Any], ...]
    columns: tuple[Any, ...]  # the selected expressions, for their converters


def _compiled(queryset: QuerySet) -> tuple[str, tuple[Any, ...], tuple[Any, ...]]:
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    columns = tuple(column for column, _sql, _alias in compiler.select[: compiler.col_count])
    return sql, tuple(params), columns


def _stands_for(value: Any, stand_ins: Sequence[int]) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool | Enum) and value in stand_ins:
        return stand_ins.index(value)
    return None


class CompiledRead:
    """`build(*values)`'s rows, from SQL compiled once per database vendor.

    The stand-ins must fit the columns they are compared with (a small integer by
    default): Django writes no SQL for a value that cannot match on PostgreSQL."""

    def __init__(
        self,
        build: Callable[..., QuerySet],
        first: tuple[int, ...] = (32_001,),
        second: tuple[int, ...] = (32_002,),
    ) -> None:
        if len(first) != len(second) or set(first) & set(second):
            raise ValueError("two different stand-ins for each value")
        self.build = build
        self.stand_ins = (first, second)
        self._written: dict[str, _Written] = {}

    def _write(self) -> _Written:
        (first, second) = self.stand_ins
        sql, params, columns = _compiled(self.build(*first))
        other_sql, other_params, _columns = _compiled(self.build(*second))
        slots = tuple((_stands_for(value, first), value) for value in params)
        found = {index for index, _value in slots if index is not None}
        expected = tuple(
            value if index is None else type(value)(second[index]) for index, value in slots
        )
        if (
            sql != other_sql
            or found != set(range(len(first)))
            or [(type(v), v) for v in expected] != [(type(v), v) for v in other_params]
        ):
            raise ValueError(f"{self.build!r} does not read its values as parameters only")
        return _Written(sql, slots, columns)

    def rows(self, *values: int) -> list[tuple[Any, ...]]:
        written = self._written.get(connection.vendor)
        if written is None:
            written = self._written[connection.vendor] = self._write()
        params = [
            value if index is None else type(value)(values[index])
            for index, value in written.params
        ]
        with connection.cursor() as cursor:
            cursor.execute(written.sql, params)
            rows = cursor.fetchall()
        converters = [
            (position, column, converter)
            for position, column in enumerate(written.columns)
            for converter in (
                *connection.ops.get_db_converters(column),
                *column.get_db_converters(connection),
            )
        ]
        if not converters:
            return rows
        converted = []
        for row in rows:
            values_of = list(row)
            for position, column, converter in converters:
                values_of[position] = converter(values_of[position], column, connection)
            converted.append(tuple(values_of))
        return converted
