"""Opening a database: check it, bring its schema up to date, and hand out sessions.

The everyday path costs one cheap query: the stored Alembic revision is compared with the head
revision this code knows. Alembic is imported only when they differ (a new or older database),
because importing it costs a quarter of a second that ``tracker status`` should not pay.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from tracker.core.errors import ConflictError, StorageError
from tracker.db.engine import (
    WRITE_OPTION,
    make_engine,
    outside_transaction,
    refuse_unsafe_folder,
    schema_transaction,
    sqlite_path,
)

HEAD_REVISION = "0006"
WRITE_ATTEMPTS = 3
RETRYABLE_SQLSTATES = {"40001", "40P01", "23505"}
CHANGE_TOKEN_POSTGRES = text(
    "SELECT (SELECT max(updated_at) FROM video), (SELECT count(*) FROM video),"
    " (SELECT max(updated_at) FROM time_entry), (SELECT count(*) FROM time_entry)"
)

T = TypeVar("T")
Notice = Callable[[str], None]


class Database:
    """An open, checked, up-to-date database and the sessions to work in it."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})
        self._watcher: Connection | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        return sqlite_path(str(self.engine.url))

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never takes the write lock."""
        with _translate_storage_errors(), Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from the start; commits on success."""
        with (
            _translate_storage_errors(),
            Session(self._write_engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    def run_write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in a write transaction, retrying when a concurrent writer got in first.

        PostgreSQL may abort a transaction for a serialization failure or deadlock (40001, 40P01)
        or a clash on a freshly numbered row (23505); the whole unit is then safe to run again.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.write() as session:
                    return work(session)
            except DBAPIError as error:
                if attempt == WRITE_ATTEMPTS or _sqlstate(error) not in RETRYABLE_SQLSTATES:
                    raise
        raise AssertionError("unreachable")

    def change_token(self) -> object:
        """A value that changes whenever another connection commits, cheap enough to poll.

        SQLite's ``PRAGMA data_version`` is per connection and moves when any *other*
        connection commits, so one connection is kept just for asking. PostgreSQL has no
        equivalent; the latest edit time stands in until notifications replace it.
        """
        if self.engine.dialect.name == "sqlite":
            path = self.path
            if path is not None and not path.exists():
                raise StorageError(
                    f"{path} has been moved or deleted; put it back or restore a backup."
                )
            if self._watcher is None:
                self._watcher = self.engine.connect()
            return outside_transaction(self._watcher, "PRAGMA data_version")
        with self.engine.connect() as connection:
            return connection.execute(CHANGE_TOKEN_POSTGRES).one()

    def dispose(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.engine.dispose()


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


@contextmanager
def _translate_storage_errors() -> Iterator[None]:
    """Turn the database's own failures into messages a person can act on."""
    try:
        yield
    except StaleDataError:
        raise ConflictError(
            "Someone else changed this at the same moment; nothing was saved. Try again."
        ) from None
    except OperationalError as error:
        message = str(error.orig)
        if "locked" in message or "busy" in message:
            raise StorageError(
                "The database is busy: another tracker is writing. Try again in a moment."
            ) from None
        raise StorageError(f"The database cannot be used right now: {message}.") from None


def open_database(url: str, notice: Notice = lambda _message: None) -> Database:
    """Open ``url``, creating or upgrading its schema as needed, and say so through ``notice``.

    Nothing is written to a database that is refused (damaged, another program's, too new).
    """
    path = sqlite_path(url)
    if path is not None:
        refuse_unsafe_folder(path)
        _make_parent(path)
    engine = make_engine(url)
    try:
        with _translate_open_errors(url, path):
            if path is not None:
                _quick_check(engine, path)
            _bring_up_to_date(engine, path, notice)
            if path is not None:
                _use_wal(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine)


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create the folder for {path}: {error.strerror}.") from None


@contextmanager
def _translate_open_errors(url: str, path: Path | None) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        if path is not None:
            raise StorageError(_unreadable_message(path, reason)) from None
        where = make_url(url).render_as_string(hide_password=True)
        raise StorageError(
            f"Cannot reach the database at {where}: {reason}. Check the server and the URL."
        ) from None


def _quick_check(engine: Engine, path: Path) -> None:
    with engine.connect() as connection:
        result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
    if result != "ok":
        raise StorageError(
            f"{path} is damaged ({result}). Restore a backup (the .bak files next to it) "
            "or move it aside to start afresh."
        )


def _unreadable_message(path: Path, reason: str) -> str:
    if "not a database" in reason or "malformed" in reason:
        return (
            f"{path} is not a tracker database or is damaged. Restore a backup, or point "
            "tracker elsewhere with --db PATH."
        )
    if "locked" in reason or "busy" in reason:
        return f"{path} is locked by another program. Close it and try again."
    return f"Cannot open {path}: {reason}."


def _use_wal(engine: Engine) -> None:
    """Switch a checked, tracker-owned SQLite file to WAL (it stays so; later opens only look)."""
    with engine.connect() as connection:
        if outside_transaction(connection, "PRAGMA journal_mode") != ("wal",):
            outside_transaction(connection, "PRAGMA journal_mode=WAL")


def stored_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database, or None for a database without one."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _bring_up_to_date(engine: Engine, path: Path | None, notice: Notice) -> None:
    with engine.connect() as connection:
        if stored_revision(connection) == HEAD_REVISION:
            return
    from tracker.db import migrate

    with schema_transaction(engine) as connection:
        # Another tracker may have created or upgraded it while we waited for the lock.
        revision = stored_revision(connection)
        if revision == HEAD_REVISION:
            return
        _refuse_foreign(connection, revision, migrate.is_known)
        backup = backup_file(path) if path is not None and revision is not None else None
        migrate.upgrade(connection)
    if revision is not None:
        where = f"; the old one is saved as {backup}" if backup else ""
        notice(f"Upgraded the database from schema {revision} to {HEAD_REVISION}{where}.")


def _refuse_foreign(
    connection: Connection, revision: str | None, is_known: Callable[[str], bool]
) -> None:
    """Refuse a database of another program, or one written by a newer tracker."""
    if revision is None:
        others = set(inspect(connection).get_table_names()) - {"alembic_version"}
        if others:
            raise StorageError(
                "This database holds tables that are not tracker's; point tracker at an empty "
                "or a tracker database with --db."
            )
    elif not is_known(revision):
        raise StorageError(
            f"This database was written by a newer tracker (schema {revision}); upgrade tracker "
            "to open it. Nothing was changed."
        )


def backup_file(source: Path, target: Path | None = None) -> Path:
    """Copy a SQLite database consistently (backup API); by default to a dated file beside it."""
    if target is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = source.with_name(f"{source.stem}-{stamp}.bak{source.suffix}")
    if target.exists():
        raise StorageError(f"{target} already exists; choose another backup path.")
    if not target.parent.is_dir():
        raise StorageError(f"{target.parent} is not a folder; choose a backup path in one.")
    try:
        with sqlite3.connect(source) as original, sqlite3.connect(target) as copy:
            original.backup(copy)
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise StorageError(f"Could not back up {source} to {target}: {error}.") from None
    return target
