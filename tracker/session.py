"""Opening the user's workspace: settings, database and member, shared by the CLI and the TUI."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from tracker.config import APP_NAME, Settings, load_settings
from tracker.db.database import Database, open_database
from tracker.db.engine import database_url
from tracker.services.context import Context, system_clock
from tracker.services.members import add_member, find_member

DATABASE_FILE = "tracker.db"


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / DATABASE_FILE


def database_location(flag: str | None, settings: Settings | None = None) -> str:
    """Which database to use: --db, then TRACKER_DB, then the config file, then the default."""
    settings = settings or load_settings()
    chosen = flag or os.environ.get("TRACKER_DB") or settings.database
    return chosen or str(default_database_path())


def open_workspace(
    flag: str | None,
    notice: Callable[[str], None],
    clock: Callable[[], datetime] = system_clock,
) -> tuple[Database, Context]:
    """Open the database the user chose and make sure they exist in it as a member."""
    settings = load_settings()
    database = open_database(database_url(database_location(flag, settings)), notice)
    name = settings.member_name()
    with database.read() as session:
        member_id = find_member(session, name)
    if member_id is None:
        member_id = database.run_write(lambda session: add_member(session, name))
    context = Context(
        member_id=member_id,
        settings=settings,
        zone=ZoneInfo(settings.zone_name()),
        clock=clock,
    )
    return database, context


def save_crash_report(error: BaseException | None = None) -> Path:
    """Write a traceback (``error``'s, else the one being handled) to the user's state folder."""
    import traceback
    from datetime import UTC, datetime

    from platformdirs import user_state_path

    folder = user_state_path(APP_NAME)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"crash-{stamp}.txt"
    text = "".join(traceback.format_exception(error)) if error else traceback.format_exc()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError:
        return Path("(could not be saved)")
    return path
