"""SQL expressions that read the same on SQLite and PostgreSQL.

Durations are summed in the database, not in Python loops, so the few functions whose spelling
differs between the two backends get one name here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from tracker.db.types import UTCDateTime


def instant(value: datetime) -> ColumnElement[datetime]:
    """A bound UTC instant that compares correctly with stored columns on both backends."""
    return bindparam(None, value, type_=UTCDateTime())


class seconds_between(FunctionElement[float]):
    """``end - start`` in seconds."""

    type = Float()
    inherit_cache = True


class epoch_seconds(FunctionElement[float]):
    """An instant as seconds since 1970 (UTC), for arithmetic in Python at a float's cost."""

    type = Float()
    inherit_cache = True


class later_of(FunctionElement[datetime]):
    """The later of two instants (GREATEST / two-argument max)."""

    type = UTCDateTime()
    inherit_cache = True


class earlier_of(FunctionElement[datetime]):
    """The earlier of two instants (LEAST / two-argument min)."""

    type = UTCDateTime()
    inherit_cache = True


class unindexed(FunctionElement[Any]):
    """A column that must not choose the index (SQLite's unary ``+``): where a filter on it
    matches most rows, SQLite without statistics would still prefer its index over a far more
    selective range on another column. PostgreSQL keeps statistics and gets the plain column."""

    inherit_cache = True

    def __init__(self, column: Any) -> None:
        super().__init__(column)
        self.type = column.type


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(unindexed)
def _unindexed_other(element: unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    # julianday() is a float of days; rounding to the millisecond removes its noise.
    return f"round((julianday({end}) - julianday({start})) * 86400.0, 3)"


@compiles(seconds_between, "postgresql")
def _seconds_postgres(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = (compiler.process(arg, **kw) for arg in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    # julianday() is a float of days; rounding to the millisecond removes its noise.
    days = f"julianday({compiler.process(element.clauses, **kw)}) - 2440587.5"
    return f"round(({days}) * 86400.0, 3)"


@compiles(epoch_seconds, "postgresql")
def _epoch_postgres(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})"


@compiles(later_of, "sqlite")
def _later_sqlite(element: later_of, compiler: Any, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(later_of, "postgresql")
def _later_postgres(element: later_of, compiler: Any, **kw: Any) -> str:
    return f"GREATEST({compiler.process(element.clauses, **kw)})"


@compiles(earlier_of, "sqlite")
def _earlier_sqlite(element: earlier_of, compiler: Any, **kw: Any) -> str:
    return f"min({compiler.process(element.clauses, **kw)})"


@compiles(earlier_of, "postgresql")
def _earlier_postgres(element: earlier_of, compiler: Any, **kw: Any) -> str:
    return f"LEAST({compiler.process(element.clauses, **kw)})"


def entry_seconds(now: datetime) -> ColumnElement[float]:
    """Each time entry's length in seconds, a running one counted up to ``now``."""
    from sqlalchemy import func

    from tracker.db.models import TimeEntry

    return seconds_between(TimeEntry.start_at, func.coalesce(TimeEntry.end_at, instant(now)))
