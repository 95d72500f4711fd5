"""Commands about where the data lives and how tracker is set up: db and config.

``db check`` and ``db backup`` read the SQLite file as a file: they never open it as a
workspace (which would create it, add a member or upgrade its schema), so a mistyped path is
refused in one line and nothing is created.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import group, state

if TYPE_CHECKING:
    from pathlib import Path

db_app = group("db", "Where the data lives, backups and schema upgrades.")
config_app = group("config", "The configuration file.")


@db_app.command("path")
def db_path() -> None:
    """Print where the database is (a file path, or the URL without password)."""
    from tracker.core.urls import mask_password
    from tracker.db.engine import database_url, sqlite_path
    from tracker.session import database_location

    url = database_url(database_location(state.db_flag))
    path = sqlite_path(url)
    render.say(render.safe(str(path) if path else mask_password(url)))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database's schema up to date (opening it does this too)."""
    database, _context = state.open()
    render.say(f"The database is up to date: {render.safe(database.url)}")


@db_app.command("check")
def db_check() -> None:
    """Run the full integrity check on a SQLite database now (the app runs it once a day)."""
    from tracker.db.database import full_check
    from tracker.session import check_log

    path = _sqlite_file("A PostgreSQL server checks its own data; this checks SQLite files.")
    full_check(path, check_log())
    render.say(f"No damage found in {render.safe(str(path))}.")


@db_app.command("rebuild-totals")
def db_rebuild_totals() -> None:
    """Count your day totals (what long reports sum) anew from your time log, in your zone."""
    from tracker.services.timelog import rebuild_totals

    database, context = state.open(create=False)
    database.run_write(lambda session: rebuild_totals(session, context))
    render.say(f"Day totals counted again from your time log, in {context.zone.key}.")


@db_app.command("backup")
def db_backup(
    path: Annotated[
        str | None, typer.Argument(metavar="PATH", help="Where to write the copy.")
    ] = None,
) -> None:
    """Copy a SQLite database safely, even while tracker is running."""
    from pathlib import Path

    from tracker.db.database import backup_file

    source = _sqlite_file("Back up a PostgreSQL database with pg_dump; this copies SQLite files.")
    target = backup_file(source, Path(path).expanduser() if path is not None else None)
    render.say(f"Backed up to {render.safe(str(target))}")


def _sqlite_file(for_postgresql: str) -> Path:
    """The SQLite file the options and settings name, which must be there (refused in one line
    otherwise, ``for_postgresql`` when they name a server): never created, never opened."""
    from tracker.core.errors import StorageError
    from tracker.db.database import refuse_missing_file
    from tracker.db.engine import database_url, sqlite_path
    from tracker.session import database_location

    path = sqlite_path(database_url(database_location(state.db_flag)))
    if path is None:
        raise StorageError(for_postgresql)
    refuse_missing_file(path)
    return path


@config_app.command("path")
def config_path_command() -> None:
    """Print where the config file is read from."""
    from tracker.config import config_path

    render.say(render.safe(str(config_path())))


@config_app.command("show")
def config_show() -> None:
    """Print the settings in force (file values over defaults) as a config file that loads back."""
    from tracker.config import load_settings, settings_to_toml

    render.say(settings_to_toml(load_settings()))
