"""Test helpers shared across test modules."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from tracker.db.database import Database, stored_revision
from tracker.db.models import DERIVED_TABLES, metadata

# Every table a tracker database holds at the head revision, named by hand on purpose.
TRACKER_TABLES = {
    "alembic_version",
    "member",
    "video",
    "stage_change",
    "time_entry",
    "prompt",
    "pause",
    "checkin",
    "metric",
    "totals_ledger",
    "day_total",
    "override",
    "series",
    "post",
    "checklist_item",
}


def snapshot(database: Database, *, derived: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused command changed nothing; without
    the tables worked out from the others with ``derived=False``."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if not derived and table.name in DERIVED_TABLES:
                continue
            rows = connection.execute(select(table)).all()
            tables[table.name] = sorted(tuple(map(str, row)) for row in rows)
    return tables


def revision_of(engine: Engine) -> str | None:
    """The schema revision stored in the database behind ``engine``."""
    with engine.connect() as connection:
        return stored_revision(connection)
