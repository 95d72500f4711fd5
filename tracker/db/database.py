"""Opening a database: check it, bring its schema up to date, and hand out sessions.

The everyday path costs one cheap query: the stored Alembic revision is compared with the head
revision this code knows. Alembic is imported only when they differ (a new or older database),
because importing it costs a quarter of a second that ``tracker status`` should not pay.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, TypeVar

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session

from tracker.core.errors import ConflictError, StorageError
from tracker.core.urls import mask_password
from tracker.db.engine import (
    BUSY_TIMEOUT_MS,
    WRITE_OPTION,
    make_engine,
    outside_transaction,
    parse_url,
    refuse_unsafe_folder,
    schema_transaction,
    sqlite_path,
)

HEAD_REVISION = "0014"
WRITE_ATTEMPTS = 3
RETRYABLE_SQLSTATES = {"40001", "40P01", "23505"}
CHANGE_TOKEN_POSTGRES = text(
    "SELECT (SELECT max(updated_at) FROM video), (SELECT count(*) FROM video),"
    " (SELECT max(updated_at) FROM time_entry), (SELECT count(*) FROM time_entry)"
)

# Up to this size the full integrity check costs well under a second, so a command that opens
# the file may run it when it is due; a larger file is checked by the open app in the background,
# before a backup or an upgrade, and by `tracker db check`.
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024
CHECK_EVERY = timedelta(days=1)
PRIVATE_FOLDER_MODE = 0o700
COPY_BYTES = 1 << 20  # a backup goes to its file a megabyte at a time
PRIVATE_FILE_MODE = 0o600
_NEW_PRIVATE_FILE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

T = TypeVar("T")
Notice = Callable[[str], None]


@dataclass(frozen=True)
class CheckLog:
    """When each database file last passed the full integrity check: one empty file per
    database in ``folder`` (the user's state folder, never beside the data), its time of
    change the time of the check. With no folder (``None``) every check is due."""

    folder: Path | None

    def due(self, path: Path) -> bool:
        if self.folder is None:
            return True
        try:
            checked = self._record(path).stat().st_mtime
        except OSError:
            return True
        age = time.time() - checked
        return not 0 <= age < CHECK_EVERY.total_seconds()  # a clock set back: check again

    def note(self, path: Path) -> None:
        """Record a clean check now; a record that cannot be kept only means checking again."""
        if self.folder is None:
            return
        record = self._record(path)
        with suppress(OSError):
            make_private_folders(record.parent)
            record.touch(mode=PRIVATE_FILE_MODE)
            os.utime(record)

    def _record(self, path: Path) -> Path:
        assert self.folder is not None
        name = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]
        return self.folder / name


NO_LOG = CheckLog(None)


class Database:
    """An open, checked, up-to-date database and the sessions to work in it."""

    def __init__(self, engine: Engine, checks: CheckLog = NO_LOG) -> None:
        self.engine = engine
        self.checks = checks
        self._write_engine = engine.execution_options(**{WRITE_OPTION: True})
        self._watcher: Connection | None = None
        self._damaged: str | None = None  # why writes are refused, once a check found damage
        self.committed = False  # whether a write transaction of this Database has committed
        path = self.path
        self._identity = _file_identity(path) if path is not None else None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        return sqlite_path(str(self.engine.url))

    def check_due(self) -> bool:
        """Whether this SQLite file's daily full integrity check is due (never for a server)."""
        path = self.path
        return path is not None and self._damaged is None and self.checks.due(path)

    def check(self) -> None:
        """Run the full integrity check now; once it finds damage this Database writes no more.

        Safe from a background thread: it reads the file on a connection of its own.
        """
        path = self.path
        if path is None:
            return
        try:
            full_check(path, self.checks)
        except StorageError as error:
            self._damaged = str(error)
            raise

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never takes the write lock."""
        with (
            _translate_storage_errors(),
            self._check_after_error(),
            Session(self.engine) as session,
        ):
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction holds the write lock from the start; commits on success.

        Refused once a failed write has shown the file to be damaged: writing more into a
        damaged SQLite file can spread the damage over rows that are still sound.
        """
        if self._damaged is not None:
            raise StorageError(self._damaged)
        self._refuse_replaced_file()
        with (
            _translate_storage_errors(),
            self._check_after_error(),
            Session(self._write_engine, expire_on_commit=False) as session,
        ):
            with session.begin():
                yield session
            self.committed = True

    def _refuse_replaced_file(self) -> None:
        """Refuse to write when the file was moved, deleted or replaced since it was opened.

        An open SQLite connection keeps writing into a deleted file's inode: the change would
        look saved and vanish, then come back doubled when the person tries again.
        """
        path = self.path
        if path is None or self._identity is None:
            return
        if _file_identity(path) != self._identity:
            raise StorageError(
                f"{path} has been moved, deleted or replaced since tracker opened it; nothing "
                "was saved. Put it back (or restore a backup) and try again."
            )

    @contextmanager
    def _check_after_error(self) -> Iterator[None]:
        """After a SQLite read or write fails, find out whether the file is damaged.

        The daily check cannot see damage done since: the first statement that meets it fails.

        A busy or locked database is only another writer at work, not damage. Any other
        driver error may come from a damaged page (or be a plain constraint clash): the full
        integrity check tells them apart; if it fails, this Database writes no more.
        """
        try:
            yield
        except DBAPIError as error:
            path = self.path
            if path is None or _is_busy(str(error.orig)):
                raise
            try:
                problem = _integrity_problem(path, "integrity_check")
            except sqlite3.Error as check_error:
                if _is_busy(str(check_error)):
                    raise error from None
                problem = str(check_error)
            if problem is None:
                raise
            self._damaged = (
                f"{path} is damaged ({problem}); tracker will write nothing more to it. "
                f"Quit tracker, move {path.name} aside and copy your newest backup "
                f"(a {path.stem}-*.bak{path.suffix} file or a `tracker db backup` copy) "
                "in its place."
            )
            raise StorageError(self._damaged) from None

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


def _file_identity(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names (device and inode), or None when nothing is there."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_dev, status.st_ino


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
        message = mask_password(str(error.orig))
        if _is_busy(message):
            raise StorageError(
                "The database is busy: another tracker is writing. Try again in a moment."
            ) from None
        raise StorageError(f"The database cannot be used right now: {message}.") from None


def _is_busy(message: str) -> bool:
    return "locked" in message or "busy" in message


def open_database(
    url: str,
    notice: Notice = lambda _message: None,
    *,
    create: bool = True,
    checks: CheckLog = NO_LOG,
) -> Database:
    """Open ``url``, creating or upgrading its schema as needed, and say so through ``notice``.

    Nothing is written to a database that is refused (damaged, another program's, too new).
    A SQLite file small enough is given the full integrity check when ``checks`` says it is
    due (with no log: on every open), so that damage is found before anything builds on it.
    A new SQLite file and the folders made for it are private to the user (0600, 0700).
    With ``create=False`` nothing is created: a SQLite file that is not there, or a database
    without tracker's tables, is refused instead, since a command that only reads should not
    conjure a database out of a mistyped path.
    """
    path = sqlite_path(url)
    if path is not None:
        _prepare_file(path, create)
    engine = make_engine(url)
    try:
        with _translate_open_errors(url, path):
            if path is not None and _small(path) and checks.due(path):
                full_check(path, checks)
            _bring_up_to_date(engine, path, notice, create)
            if path is not None:
                _use_wal(engine)
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, checks)


def _small(path: Path) -> bool:
    return path.stat().st_size <= FULL_CHECK_MAX_BYTES


def _prepare_file(path: Path, create: bool) -> None:
    """Refuse an unusable location, then create what is missing (only when allowed), privately.

    The file is created 0600 before SQLite opens it because SQLite gives the -wal and -shm
    files the permissions of the database file.
    """
    if not create and not os.path.lexists(path):
        refuse_missing_file(path)
    refuse_unsafe_folder(path)
    if os.path.lexists(path):
        if not path.exists():
            raise StorageError(
                f"{path} is a symbolic link to a file that does not exist; point tracker at "
                "the database file itself, or remove the link."
            )
        return
    try:
        make_private_folders(path.parent)
        os.close(os.open(path, _NEW_PRIVATE_FILE, PRIVATE_FILE_MODE))
    except FileExistsError:
        pass  # another tracker created it a moment ago; SQLite sorts out the rest
    except OSError as error:
        raise StorageError(f"Cannot create {path}: {error.strerror}.") from None


def refuse_missing_file(path: Path) -> None:
    """Refuse, in one line, a SQLite database file that is not there or is empty, for every
    command that will not create one."""
    try:
        size = path.stat().st_size
    except OSError:
        raise StorageError(no_database_message(path)) from None
    if size == 0:
        raise StorageError(no_database_message(path, empty=True))


def no_database_message(path: Path, *, empty: bool = False) -> str:
    """The one line for a SQLite database that is not there (or an ``empty`` file), for every
    command that will not create one: most often the path has a typo; otherwise one command
    makes it."""
    if empty:
        what = f"No tracker database yet in {path} (the file is empty)"
    elif path.parent.is_dir():
        what = f"No database at {path}"
    else:
        what = f"No database at {path} (the folder {path.parent} does not exist either)"
    return (
        f"{what}; check the path (tracker db path shows the one in use), or create one there "
        f"with: tracker --db {shlex.quote(str(path))} db upgrade"
    )


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and its missing parents as 0700; folders that exist keep their mode.

    ``Path.mkdir(parents=True)`` would create the parents with the default mode, readable by
    everyone. Raises OSError, for the caller to word.
    """
    missing: list[Path] = []
    current = folder
    while not current.is_dir():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_FOLDER_MODE)
        except FileExistsError:
            if not new.is_dir():
                raise


def create_private_file(path: Path, purpose: str = "file") -> BinaryIO:
    """Create ``path`` as a new empty file only its owner may read (0600), open for writing.

    Refuses a path that exists, including a symbolic link (even a dangling one), with a one-line
    StorageError: O_CREAT|O_EXCL|O_NOFOLLOW makes the check and the creation one step, so a link
    planted there can never redirect the data elsewhere. ``purpose`` names the file in messages
    ("backup", "sample"). The caller closes the returned file.
    """
    shown = mask_password(str(path))
    try:
        descriptor = os.open(path, _NEW_PRIVATE_FILE, PRIVATE_FILE_MODE)
    except FileExistsError:
        if path.is_symlink():
            raise StorageError(
                f"{shown} is a symbolic link; tracker never writes through one. "
                f"Choose a new path for the {purpose}."
            ) from None
        raise StorageError(
            f"{shown} already exists; choose a new path for the {purpose}."
        ) from None
    except (FileNotFoundError, NotADirectoryError):
        raise StorageError(
            f"The folder {path.parent} does not exist; create it first or choose a path in an "
            f"existing folder for the {purpose}."
        ) from None
    except OSError as error:
        raise StorageError(f"Cannot create {shown}: {error.strerror}.") from None
    return os.fdopen(descriptor, "wb")


@contextmanager
def _translate_open_errors(url: str, path: Path | None) -> Iterator[None]:
    try:
        yield
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        reason = mask_password(reason)
        if path is not None:
            raise StorageError(_unreadable_message(path, reason)) from None
        where = parse_url(url).render_as_string(hide_password=True)
        raise StorageError(
            f"Cannot reach the database at {where}: {reason}. Check the server and the URL."
        ) from None


def full_check(path: Path, checks: CheckLog = NO_LOG) -> None:
    """Refuse a damaged file before anything more is written to it; note a clean one.

    The full ``integrity_check``, not ``quick_check``: the quick one does not compare indexes
    with their tables, so a damaged index would pass it and every later write would build on it.
    """
    try:
        problem = _integrity_problem(path, "integrity_check")
    except sqlite3.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StorageError(_unreadable_message(path, reason)) from None
    if problem is not None:
        raise StorageError(
            f"{path} is damaged ({problem}). Restore a backup (the .bak files next to it) "
            "or move it aside to start afresh."
        )
    checks.note(path)


def _integrity_problem(path: Path, check: str) -> str | None:
    """The first problem ``PRAGMA integrity_check`` finds, or None.

    It runs on a connection of its own that leaves a refused file exactly as it was: read-only
    when a -wal file is there, since the last read-write connection to close would checkpoint
    it into the file; read-write otherwise, since a read-only one would leave behind the -wal
    and -shm files it had to create. Raises sqlite3.Error when the file cannot be read at all.
    """
    read_only = os.path.lexists(f"{path}-wal")
    uri = f"{path.absolute().as_uri()}?mode={'ro' if read_only else 'rw'}"
    with closing(sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)) as connection:
        result = connection.execute(f"PRAGMA {check}(1)").fetchone()[0]
    if result == "ok":
        return None
    lines = [line.strip() for line in str(result).splitlines()]
    return "; ".join(line for line in lines if line and not line.startswith("***"))


def _unreadable_message(path: Path, reason: str) -> str:
    if "not a database" in reason or "malformed" in reason:
        return (
            f"{path} is not a tracker database or is damaged. Restore a backup, or point "
            "tracker elsewhere with --db PATH."
        )
    if _is_busy(reason):
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


def _bring_up_to_date(engine: Engine, path: Path | None, notice: Notice, create: bool) -> None:
    with engine.connect() as connection:
        revision = stored_revision(connection)
        if revision == HEAD_REVISION:
            return
        if revision is None and not create:
            _refuse_empty(connection, engine, path)
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


def _refuse_empty(connection: Connection, engine: Engine, path: Path | None) -> None:
    """Refuse to lay tracker's tables into an empty database for a command that only reads
    (another program's tables get their own refusal from ``_refuse_foreign``)."""
    if inspect(connection).get_table_names():
        return
    if path is not None:
        raise StorageError(no_database_message(path, empty=True))
    where = engine.url.render_as_string(hide_password=True)
    raise StorageError(
        f"No tracker database yet in {where}; check the URL, or create tracker's tables there "
        "with: tracker --db URL db upgrade"
    )


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
    """Copy a SQLite database consistently into a new private file (default: dated, beside it).

    The target is created first with ``create_private_file`` (0600, never an existing path or a
    symbolic link). The backup API then copies into a scratch file in a private folder of its
    own next to the target, whose bytes go through the target's descriptor a piece at a time:
    pointing SQLite at the target by name would follow a link swapped in meanwhile and create
    a journal file beside it, and a copy made in memory would hold the whole database there.
    """
    if target is None:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = source.with_name(f"{source.stem}-{stamp}.bak{source.suffix}")
    refuse_missing_file(source)
    full_check(source)  # a copy of a damaged file would be damaged too
    with create_private_file(target, "backup") as copy:
        try:
            _copy_database(source, copy, target.parent)
            copy.flush()
            os.fsync(copy.fileno())
        except (sqlite3.Error, OSError, MemoryError) as error:
            _remove_if_ours(target, copy.fileno())
            reason = getattr(error, "strerror", None) or error
            raise StorageError(f"Could not back up {source} to {target}: {reason}.") from None
    return target


def _copy_database(source: Path, into: BinaryIO, folder: Path) -> None:
    """A consistent image of the database at ``source``, even while others write to it,
    written to ``into``; memory stays that of a copy buffer whatever the database's size."""
    with tempfile.TemporaryDirectory(dir=folder, prefix=".tracker-backup-") as scratch:
        staged = Path(scratch) / "copy.db"
        with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(staged)) as copy:
            original.backup(copy)
        with staged.open("rb") as image:
            shutil.copyfileobj(image, into, COPY_BYTES)


def _remove_if_ours(path: Path, descriptor: int) -> None:
    """Remove a half-written file, unless ``path`` now names something else."""
    with suppress(OSError):
        ours, there = os.fstat(descriptor), os.lstat(path)
        if (ours.st_dev, ours.st_ino) == (there.st_dev, there.st_ino):
            path.unlink()
