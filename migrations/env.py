"""Alembic environment: the app's own metadata and URL, batch mode for SQLite.

The app passes its open connection in ``config.attributes["connection"]``; a developer running
the ``alembic`` command gets the URL from ``-x db=...``, ``TRACKER_DB`` or alembic.ini.
"""

from __future__ import annotations

import os
from typing import Any

from alembic import context
from sqlalchemy import Connection

from tracker.db.engine import database_url, make_engine, schema_transaction
from tracker.db.models import metadata
from tracker.db.types import UTCDateTime, WordList

config = context.config


def render_type(kind: str, obj: Any, _context: Any) -> str | bool:
    """Write plain SQLAlchemy types into new migrations, so they never import the app."""
    if kind != "type":
        return False
    if isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if isinstance(obj, WordList):
        return "sa.String()"
    if type(obj).__module__.startswith("sqlmodel"):  # SQLModel's AutoString is a plain string
        length = getattr(obj, "length", None)
        return f"sa.String(length={length})" if length else "sa.String()"
    return False


def run_on(connection: Connection) -> None:
    """Run the migrations in the connection's transaction; SQLite's keys are checked at the end."""
    sqlite = connection.dialect.name == "sqlite"
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=sqlite,
        transactional_ddl=True,
        compare_type=True,
        render_item=render_type,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after migrating: {problems[:5]}")


def main() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    location = (
        context.get_x_argument(as_dictionary=True).get("db")
        or os.environ.get("TRACKER_DB")
        or config.get_main_option("sqlalchemy.url")
    )
    if not location:
        raise SystemExit("Give a database: alembic -x db=PATH_OR_URL ...")
    with schema_transaction(make_engine(database_url(location))) as connection:
        run_on(connection)


main()
