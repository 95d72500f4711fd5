"""Hundreds of thousands of rows in and out of one table, straight through the driver.

SQLAlchemy's own executemany turns each value of each row through its column's type, and
builds a parameter dictionary per row: for a million imported rows that is most of the work.
Here each column's type is asked once for its bind processor, which stays the one definition
of how a value is stored; the values go through it column by column, values the same in every
row only once, and the rows reach the driver as plain tuples in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from itertools import repeat
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

# How the driver marks a parameter by position: ``?`` for sqlite3, ``%s`` for psycopg.
_MARKERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class BulkRows:
    """Insert rows of ``columns`` into ``table``, every row with the same ``constants``.

    Values are given as the models hold them (UUIDs, aware datetimes), except those of the
    columns in ``ready``: the caller has put them through ``processor`` already (it needed
    them as stored anyway, or one value serves many rows). ``find`` answers as stored too.
    """

    def __init__(
        self,
        session: Session,
        table: Table,
        columns: Sequence[str],
        constants: Mapping[str, Any] | None = None,
        ready: Sequence[str] = (),
    ) -> None:
        self._connection = session.connection()
        dialect = self._connection.dialect
        self._table = table
        self._marker = _MARKERS[dialect.paramstyle]
        self._quote = dialect.identifier_preparer.quote
        self._name = dialect.identifier_preparer.format_table(table)
        fixed = dict(constants or {})
        self._processors = [
            _as_it_is if name in ready else self.processor(name) for name in columns
        ]
        self._constants = [self.processor(name)(value) for name, value in fixed.items()]
        names = ", ".join(self._quote(name) for name in (*columns, *fixed))
        markers = self._markers(len(columns) + len(fixed))
        self._insert = f"INSERT INTO {self._name} ({names}) VALUES ({markers})"

    def processor(self, column: str) -> Callable[[Any], Any]:
        """What the column's type does to a value before the driver gets it."""
        dialect = self._connection.dialect
        process = self._table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        return process if process is not None else _as_it_is

    def insert(self, rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows``, each a value for each of the columns, in order."""
        count = len(rows)
        if not count:
            return
        columns: list[Iterable[Any]] = [
            map(process, values) if process is not _as_it_is else values
            for process, values in zip(self._processors, zip(*rows, strict=True), strict=True)
        ]
        columns += [repeat(value, count) for value in self._constants]
        # One row to a statement (executemany): SQLite keeps what it needs to undo one row's
        # statement in memory, but writes it to a file for a statement of many rows.
        self._connection.exec_driver_sql(self._insert, list(zip(*columns, strict=True)))

    def find(self, key: str, stored: Sequence[Any], *columns: str) -> Sequence[Any]:
        """A row of ``columns`` as stored (unpack it as a tuple) for each row whose ``key`` is
        one of the ``stored`` values."""
        if not stored:
            return []
        names = ", ".join(self._quote(name) for name in columns)
        query = (
            f"SELECT {names} FROM {self._name} "
            f"WHERE {self._quote(key)} IN ({self._markers(len(stored))})"
        )
        return self._connection.exec_driver_sql(query, tuple(stored)).all()

    def _markers(self, count: int) -> str:
        return ", ".join(repeat(self._marker, count))


def _as_it_is(value: Any) -> Any:
    return value


@contextmanager
def roomy_cache(session: Session, kib: int) -> Iterator[None]:
    """On SQLite, a page cache of ``kib`` KiB for the block, then the one it had before.

    Rows keyed by random UUIDs land all over their index: with SQLite's default 2 MiB cache
    a large import reads most index pages back and writes them out again many times. The
    cache is a bound, so memory stays flat however large the import. PostgreSQL: no change.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{kib}")
    try:
        yield
    finally:
        with suppress(SQLAlchemyError):  # a broken connection is dropped anyway
            connection.exec_driver_sql(f"PRAGMA cache_size={before}")
