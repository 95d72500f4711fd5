"""Test helpers shared across test modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tracker.db.database import Database
from tracker.db.models import metadata


def snapshot(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused command changed nothing."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            tables[table.name] = sorted((tuple(map(str, row)) for row in rows))
    return tables
