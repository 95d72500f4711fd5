"""Alembic, run from inside the app. Imported only when a schema must change."""

from __future__ import annotations

import warnings
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine

import migrations
from tracker.db.engine import schema_transaction

MIGRATIONS_DIR = Path(migrations.__file__).parent


def alembic_config(url: str | None = None) -> Config:
    """A Config pointing at the migrations shipped with the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known(revision: str) -> bool:
    """Whether this code has a migration script for ``revision``."""
    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except CommandError:
        return False


def upgrade(connection: Connection, target: str = "head", config: Config | None = None) -> None:
    """Upgrade the schema to ``target`` inside the caller's transaction."""
    config = config or alembic_config()
    config.attributes["connection"] = connection
    with warnings.catch_warnings():
        # A table rebuilt on SQLite reflects its neighbours, and SQLite's reflection skips
        # indexes on expressions with a warning meant for developers, not for users. A
        # migration that rebuilds ``video`` itself creates ix_video_title_lower again.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        command.upgrade(config, target)


def upgrade_to(engine: Engine, target: str = "head", config: Config | None = None) -> None:
    """Upgrade in a schema transaction of its own (for ``tracker db`` tools and tests)."""
    with schema_transaction(engine) as connection:
        upgrade(connection, target, config)
