"""A damaged SQLite file is found before tracker builds on it: at open once a day (small files),
by the app in the background (any size), before a backup, and after a failed write."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from tracker.core.errors import StorageError
from tracker.db import database as database_module
from tracker.db.database import CheckLog, Database, backup_file, open_database
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


def test_a_clean_check_is_not_repeated_at_open_for_a_day_then_it_is(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    checks = CheckLog(tmp_path / "state")
    build(path)
    open_database(sqlite_url(path), checks=checks).dispose()  # checked and noted
    corrupt_index_key(path)

    open_database(sqlite_url(path), checks=checks).dispose()  # checked less than a day ago

    day_ago = time.time() - 25 * 3600
    for record in (tmp_path / "state").iterdir():
        os.utime(record, (day_ago, day_ago))
    with pytest.raises(StorageError, match="is damaged"):
        open_database(sqlite_url(path), checks=checks)


def test_a_check_noted_in_the_future_counts_as_due(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    checks = CheckLog(tmp_path / "state")
    build(path)
    checks.note(path)
    assert not checks.due(path)
    ahead = time.time() + 3 * 3600  # the clock was set back since
    for record in (tmp_path / "state").iterdir():
        os.utime(record, (ahead, ahead))
    assert checks.due(path)


def test_a_large_file_opens_without_a_scan_and_the_apps_check_finds_the_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)  # every file is "large"
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)

    database = open_database(sqlite_url(path))  # no whole-file scan on a command's open
    try:
        assert database.check_due()
        with pytest.raises(StorageError, match="is damaged"):
            database.check()
        with pytest.raises(StorageError, match="is damaged"):
            database.run_write(lambda session: add_member(session, "ben"))
        assert not database.check_due()  # found once; nothing more to check
    finally:
        database.dispose()


def test_a_damaged_file_is_not_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)

    with pytest.raises(StorageError, match="is damaged"):
        backup_file(path, tmp_path / "copy.db")

    assert files_in(tmp_path) == ["tracker.db"]


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
