"""A damaged SQLite file is found before tracker writes to it, at open and after a failed write."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tracker.core.errors import StorageError
from tracker.db import database as database_module
from tracker.db.database import Database, maybe_not_closed_cleanly, open_database
from tracker.db.engine import make_engine
from tracker.db.models import Member
from tracker.services.members import add_member

MEMBER = "zora-unique-member-name"
NAME_INDEX = "sqlite_autoindex_member_2"  # the UNIQUE index on member.name


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def pragma(path: Path, statement: str) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(statement).fetchone()[0]
    finally:
        connection.close()


def build(path: Path) -> None:
    """A tracker database holding one member, closed cleanly (no -wal left)."""
    database = open_database(sqlite_url(path))
    database.run_write(lambda session: add_member(session, MEMBER))
    database.dispose()
    assert files_in(path.parent) == [path.name]


def index_page_offset(path: Path, index: str) -> int:
    """Where the root page of ``index`` starts in the file."""
    connection = sqlite3.connect(path)
    try:
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()[0]
    finally:
        connection.close()
    return (root - 1) * page_size


def corrupt_index_key(path: Path) -> None:
    """Change the member's name inside the name index only: the b-tree stays well formed."""
    data = bytearray(path.read_bytes())
    start = index_page_offset(path, NAME_INDEX)
    at = data.index(MEMBER.encode(), start)
    data[at] = ord("y")  # "yora..." in the index, "zora..." in the table
    path.write_bytes(bytes(data))


def break_index_page(path: Path) -> None:
    """Give the name index's root page an invalid page type: any use of it fails."""
    data = bytearray(path.read_bytes())
    data[index_page_offset(path, NAME_INDEX)] = 0x00
    path.write_bytes(bytes(data))


def leave_wal_behind(path: Path) -> None:
    """A process that writes and dies without closing, as a crash or power loss would."""
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint=0')\n"
        "c.execute('PRAGMA user_version=1')\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert Path(f"{path}-wal").stat().st_size > 0


# --- at open ---------------------------------------------------------------------------------


def test_index_corruption_that_quick_check_misses_is_refused_at_open(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)
    assert pragma(path, "PRAGMA quick_check") == "ok"  # the cheap check alone would pass it
    before = path.read_bytes()

    with pytest.raises(StorageError, match="is damaged") as caught:
        open_database(sqlite_url(path))

    message = str(caught.value)
    assert NAME_INDEX in message and "backup" in message and "\n" not in message
    assert path.read_bytes() == before
    assert files_in(tmp_path) == ["tracker.db"]


def test_a_large_file_closed_cleanly_gets_only_the_quick_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)  # every file is "large"
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)

    open_database(sqlite_url(path)).dispose()  # what quick_check cannot see, it lets through


def test_a_large_file_left_with_a_wal_by_a_crash_gets_the_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)
    leave_wal_behind(path)
    before = path.read_bytes()

    with pytest.raises(StorageError, match="is damaged"):
        open_database(sqlite_url(path))

    assert path.read_bytes() == before


def test_only_a_non_empty_wal_counts_as_not_closed_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    build(path)
    assert not maybe_not_closed_cleanly(path)
    Path(f"{path}-wal").write_bytes(b"")
    assert not maybe_not_closed_cleanly(path)
    Path(f"{path}-wal").unlink()
    leave_wal_behind(path)
    assert maybe_not_closed_cleanly(path)


# --- after a failed write --------------------------------------------------------------------


def test_a_write_that_fails_on_a_damaged_file_stops_all_further_writes(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    build(path)
    break_index_page(path)
    before = path.read_bytes()
    # Damage that appears while tracker runs: the checks at open are not involved.
    database = Database(make_engine(sqlite_url(path)))
    try:
        with pytest.raises(StorageError, match="is damaged") as caught:
            database.run_write(lambda session: add_member(session, "ben"))
        message = str(caught.value)
        assert "write nothing more" in message and "backup" in message and "\n" not in message

        with pytest.raises(StorageError, match="is damaged"):
            database.run_write(lambda session: None)
        with pytest.raises(StorageError, match="is damaged"), database.write():
            pass
    finally:
        database.dispose()
    assert path.read_bytes() == before


def test_a_failed_write_on_a_sound_file_is_reported_as_it_was_and_writing_goes_on(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.db"
    build(path)
    database = open_database(sqlite_url(path))
    try:
        with pytest.raises(IntegrityError):
            database.run_write(lambda session: session.add(Member(name=MEMBER)) or session.flush())
        database.run_write(lambda session: add_member(session, "ben"))
    finally:
        database.dispose()
    assert pragma(path, "SELECT count(*) FROM member") == 2
