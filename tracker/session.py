"""Opening the user's workspace: settings, database and member, shared by the CLI and the TUI."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from types import TracebackType
from zoneinfo import ZoneInfo

from tracker.config import APP_NAME, Settings, load_settings
from tracker.core.errors import StorageError
from tracker.db.database import CheckLog, Database, make_private_folders, open_database
from tracker.db.engine import database_url
from tracker.services.context import Context, system_clock
from tracker.services.members import add_member, find_member

DATABASE_FILE = "tracker.db"
CRASH_REPORTS_KEPT = 20
CRASH_REPORT_UNSAVED = Path("(could not be saved)")


def default_database_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / DATABASE_FILE


def database_location(flag: str | None, settings: Settings | None = None) -> str:
    """Which database to use: --db, then TRACKER_DB, then the config file, then the default."""
    return _choose_location(flag, settings or load_settings())[0]


def _choose_location(flag: str | None, settings: Settings) -> tuple[str, bool]:
    """The location and whether it is the default one.

    An empty --db or TRACKER_DB is refused, not read as "not given": quietly using the default
    database instead would log the person's time somewhere they did not ask for.
    """
    if flag is not None:
        if not flag.strip():
            raise StorageError(
                "--db was given an empty value; give a file path or a postgresql:// URL, "
                "or leave --db out to use the usual database."
            )
        return flag, False
    environment = os.environ.get("TRACKER_DB")
    if environment is not None:
        if not environment.strip():
            raise StorageError(
                "TRACKER_DB is set but empty; set it to a file path or a postgresql:// URL, "
                "or unset it (unset TRACKER_DB) to use the usual database."
            )
        return environment, False
    if settings.database:
        return settings.database, False
    return str(default_database_path()), True


def open_workspace(
    flag: str | None,
    notice: Callable[[str], None],
    clock: Callable[[], datetime] = system_clock,
    *,
    create: bool = True,
) -> tuple[Database, Context]:
    """Open the database the user chose and make sure they exist in it as a member.

    ``create=False`` (for commands that only read) refuses a chosen database that is not
    there, is empty or has no tracker tables, instead of creating it; the default location is
    created either way.
    """
    settings = load_settings()
    location, is_default = _choose_location(flag, settings)
    database = open_database(
        database_url(location), notice, create=create or is_default, checks=check_log()
    )
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


def check_log() -> CheckLog:
    """Where the time of each database's last full integrity check is kept."""
    from platformdirs import user_state_path

    return CheckLog(user_state_path(APP_NAME) / "checked")


def save_crash_report(error: BaseException | None = None) -> Path:
    """Save what went wrong (``error``, else the exception being handled) for a bug report.

    Each report is a new private file (0600, in a 0700 folder) with a unique name, and only the
    newest reports are kept. It holds no exception messages: they can carry titles, notes or
    SQL values, and the report may be shared with whoever fixes the bug.
    """
    import sys
    import tempfile
    from datetime import UTC

    from platformdirs import user_state_path

    if error is None:
        error = sys.exc_info()[1]
    folder = user_state_path(APP_NAME)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    try:
        make_private_folders(folder)
        descriptor, name = tempfile.mkstemp(prefix=f"crash-{stamp}-", suffix=".txt", dir=folder)
        with os.fdopen(descriptor, "w", encoding="utf-8") as report:
            report.write(crash_report_text(error))
    except OSError:
        return CRASH_REPORT_UNSAVED
    _prune_crash_reports(folder, CRASH_REPORTS_KEPT)
    return Path(name)


def crash_report_text(error: BaseException | None) -> str:
    """The exception chain with types and stack frames only, oldest cause first, like Python."""
    import platform

    from tracker import __version__

    lines = [
        f"tracker {__version__} crash report, Python {platform.python_version()} "
        f"on {platform.system()}\n",
        "Exception messages were left out for privacy (they can hold titles, notes or SQL "
        "values); the types, the chain and the stack frames are kept.\n",
    ]
    if error is None:
        return "".join([*lines, "\nNo exception was being handled.\n"])
    chain: list[tuple[BaseException, str | None]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    link: str | None = None
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "direct cause of"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "occurred while handling"
        else:
            current = None
    for exception, link in reversed(chain):
        lines.append("\n")
        lines.extend(_frames(exception.__traceback__))
        kind = type(exception)
        lines.append(f"{kind.__module__}.{kind.__qualname__} (message left out)\n")
        if link == "direct cause of":
            lines.append("\nThe above exception was the direct cause of the following:\n")
        elif link is not None:
            lines.append("\nDuring handling of the above exception, another occurred:\n")
    return "".join(lines)


def _frames(trace: TracebackType | None) -> list[str]:
    """File, line, function and source line of each frame; never the values of variables."""
    import traceback

    if trace is None:
        return []
    stack = traceback.StackSummary.extract(traceback.walk_tb(trace), capture_locals=False)
    return ["Traceback (most recent call last):\n", *stack.format()]


def _prune_crash_reports(folder: Path, keep: int) -> None:
    """Delete all but the ``keep`` newest crash reports, so a crash loop cannot fill the disk."""

    def age(report: Path) -> tuple[int, str]:
        try:
            return report.lstat().st_mtime_ns, report.name
        except OSError:
            return 0, report.name

    reports = sorted(folder.glob("crash-*.txt"), key=age, reverse=True)
    for old in reports[keep:]:
        with suppress(OSError):
            old.unlink()
