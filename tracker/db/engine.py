"""Engines for the two backends, set up so that nothing logged is ever lost.

SQLite: WAL (set once the file is known to be ours), ``synchronous=FULL`` (NORMAL can drop
acknowledged commits on power loss), foreign keys, a busy timeout, and ``BEGIN IMMEDIATE`` for
write transactions (SQLAlchemy's documented recipe for pysqlite), because a read-then-write
transaction under DEFERRED fails with "database is locked" when two writers meet, whatever the
timeout. PostgreSQL: pre-ping, a connect timeout and ``tcp_user_timeout`` so a network partition
fails fast instead of hanging a query for minutes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from tracker.core.errors import StorageError, one_line
from tracker.core.urls import mask_password

BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 5
PG_TCP_USER_TIMEOUT_MS = 10_000
WRITE_OPTION = "tracker_write"
SCHEMA_LOCK_KEY = 74_171_001
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "fuse.sshfs", "davfs"}
SYNCED_FOLDER_NAMES = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "nextcloud")


def database_url(location: str) -> str:
    """Turn what the user gave (a path or a URL) into a SQLAlchemy URL, refusing what cannot work.

    An empty location is refused rather than read as "the current folder" or "not given".
    """
    if not location.strip():
        raise StorageError(
            "The database location is empty; give a file path or a postgresql:// URL."
        )
    if "://" not in location:
        path = Path(location).expanduser().absolute()
        _refuse_unusable_path(path)
        return f"sqlite:///{path}"
    url = None
    for prefix in ("postgresql://", "postgres://"):
        if location.startswith(prefix):
            url = "postgresql+psycopg://" + location[len(prefix) :]
    if location.startswith(("sqlite://", "postgresql+psycopg://")):
        url = location
    if url is None:
        raise StorageError(
            f'Cannot use "{mask_password(location)}" as a database: give a file path or a '
            "postgresql:// URL."
        )
    parse_url(url, shown=location)
    return url


def parse_url(url: str, shown: str | None = None) -> URL:
    """``url`` parsed, or a one-line StorageError (never with its password) if it cannot be.

    SQLAlchemy raises a bare ValueError for a port that is not a number, which would otherwise
    reach the person as a crash. ``shown`` is what they typed, quoted in the message.
    """
    try:
        return make_url(url)
    except (ValueError, ArgumentError):
        pass
    quoted = mask_password(shown if shown is not None else url)
    netloc = url.partition("://")[2].partition("/")[0]
    host = netloc.rpartition("@")[2]
    if host.startswith("[") and "]" not in host:
        host = ""  # an unclosed IPv6 address: no port to blame
    port = host.rpartition("]")[2].partition(":")[2]
    why = (
        f'the port "{port}" is not a number'
        if port and not port.isdigit()
        else "it is not a valid URL"
    )
    raise StorageError(
        f'Cannot use "{quoted}" as a database: {why}. Write it as '
        "postgresql://USER@HOST:PORT/DATABASE (the port is optional), or give a file path."
    ) from None


def _refuse_unusable_path(path: Path) -> None:
    """A path the operating system cannot even look at (a NUL byte, a name too long) gets one
    line here, before anything tries to open it."""
    try:
        path.stat()
    except FileNotFoundError:
        return
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "it holds a character no file name can hold"
        raise StorageError(
            f"Cannot use {one_line(str(path))[:80]} as a database file: {reason}. "
            "Give a path such as ~/tracker/tracker.db."
        ) from None


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for PostgreSQL."""
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    return Path(parsed.database) if parsed.database else None


def refuse_unsafe_folder(path: Path) -> None:
    """Refuse a network or synced folder: SQLite's WAL needs shared memory on one machine."""
    lowered = str(path).lower()
    for name in SYNCED_FOLDER_NAMES:
        if f"/{name}" in lowered:
            raise StorageError(
                f"{path} is in a synced folder ({name}); SQLite can be corrupted there. "
                "Keep the database in a local folder (--db PATH) and back it up with "
                "`tracker db backup`."
            )
    fs_type = _filesystem_type(path)
    if fs_type in NETWORK_FILESYSTEMS:
        raise StorageError(
            f"{path} is on a network file system ({fs_type}); SQLite can be corrupted there. "
            "Keep the database on a local disk (--db PATH) or use a shared PostgreSQL database."
        )


def _filesystem_type(path: Path) -> str | None:
    """The mount type holding ``path`` on Linux, from /proc/mounts; None elsewhere."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    target = os.path.realpath(path.parent if not path.exists() else path)
    best, best_type = "", None
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the safety settings of its backend."""
    if parse_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return _postgres_engine(url)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """Switch SQLite's foreign keys off around a table rebuild (a no-op on PostgreSQL).

    SQLite ignores this pragma inside a transaction, so it is set on the driver's connection
    before the transaction begins; the migration checks the keys itself before committing.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    outside_transaction(connection, "PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        outside_transaction(connection, "PRAGMA foreign_keys=ON")


def outside_transaction(connection: Connection, statement: str) -> Any:
    """Run a SQLite pragma that must not run inside a transaction, and return its value.

    SQLAlchemy would open a transaction before any statement (our BEGIN hook), so this goes
    straight to the driver's connection, which runs in autocommit mode.
    """
    driver = connection.connection.driver_connection
    assert driver is not None
    return driver.execute(statement).fetchone()


@contextmanager
def schema_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction for changing the schema: foreign keys off on SQLite, one upgrader at a time.

    SQLite's BEGIN IMMEDIATE makes a second tracker wait; PostgreSQL takes an advisory lock.
    Everything inside commits together or not at all.
    """
    writer = engine.execution_options(**{WRITE_OPTION: True})
    with writer.connect() as connection, foreign_keys_off(connection), connection.begin():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")
        yield connection


def _postgres_engine(url: str) -> Engine:
    return create_engine(
        url,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": PG_CONNECT_TIMEOUT_S,
            "tcp_user_timeout": PG_TCP_USER_TIMEOUT_MS,
            "application_name": "tracker",
        },
    )
