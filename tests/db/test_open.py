"""Opening a database: creating, upgrading with a backup, refusing what is not safe to touch."""

from __future__ import annotations

import random
import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, inspect, text
from sqlmodel import select

from tests.helpers import TRACKER_TABLES, revision_of, snapshot
from tracker.core.errors import StorageError
from tracker.db import migrate
from tracker.db.database import (
    HEAD_REVISION,
    Database,
    backup_file,
    open_database,
)
from tracker.db.engine import make_engine
from tracker.db.models import Member
from tracker.services.members import add_member


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def revision_in_file(path: Path) -> str | None:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        connection.close()


def add_members(database, *names: str) -> None:
    for name in names:
        database.run_write(lambda session, name=name: add_member(session, name))


def test_the_first_open_creates_the_file_with_the_schema_at_head_and_says_nothing(tmp_path):
    path = tmp_path / "new" / "tracker.db"
    notices: list[str] = []

    database = open_database(sqlite_url(path), notices.append)
    try:
        assert path.is_file()
        assert revision_of(database.engine) == HEAD_REVISION
        assert set(inspect(database.engine).get_table_names()) == TRACKER_TABLES
        assert snapshot(database) == {table: [] for table in snapshot(database)}
    finally:
        database.dispose()
    assert notices == []
    assert not any(".bak" in name for name in files_in(path.parent))

    open_database(sqlite_url(path), notices.append).dispose()
    assert notices == []


def test_opening_an_older_database_backs_it_up_upgrades_it_and_says_so_once(tmp_path):
    path = tmp_path / "tracker.db"
    engine = make_engine(sqlite_url(path))
    migrate.upgrade_to(engine, "0001")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO member (id, created_at, updated_at, version, name) VALUES "
            "('0123456789abcdef0123456789abcdef', '2026-11-20 08:00:00.000000', "
            "'2026-11-20 08:00:00.000000', 1, 'ana')"
        )
    engine.dispose()
    notices: list[str] = []

    database = open_database(sqlite_url(path), notices.append)
    try:
        assert revision_of(database.engine) == HEAD_REVISION
        with database.read() as session:
            assert session.exec(select(Member.name)).all() == ["ana"]
    finally:
        database.dispose()

    backups = [p for p in tmp_path.iterdir() if ".bak" in p.name]
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith("tracker-") and backup.name.endswith(".bak.db")
    assert revision_in_file(backup) == "0001"
    assert len(notices) == 1
    assert "\n" not in notices[0]
    assert str(backup) in notices[0]


def test_opening_a_database_from_a_newer_tracker_is_refused_and_leaves_it_untouched(tmp_path):
    path = tmp_path / "tracker.db"
    database = open_database(sqlite_url(path))
    add_members(database, "ana")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    database.dispose()
    before, listing = path.read_bytes(), files_in(tmp_path)

    with pytest.raises(StorageError, match="newer tracker") as caught:
        open_database(sqlite_url(path))

    assert "9999" in str(caught.value)
    assert path.read_bytes() == before
    assert files_in(tmp_path) == listing


@pytest.mark.pg
def test_opening_a_postgresql_database_from_a_newer_tracker_is_refused_and_left_as_is(pg_url):
    database = open_database(pg_url)
    add_members(database, "ana")
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    before = snapshot(database)
    database.dispose()

    with pytest.raises(StorageError, match="newer tracker"):
        open_database(pg_url)

    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        assert versions == [("9999",)]
    finally:
        engine.dispose()
    database = Database(make_engine(pg_url))
    try:
        assert snapshot(database) == before
    finally:
        database.dispose()


NOT_A_DATABASE = {
    "random-bytes": random.Random(7).randbytes(8192),
    "text": b"title,stage\nFive signs of appendicitis,edit\n" * 50,
}


@pytest.mark.parametrize("content", NOT_A_DATABASE.values(), ids=NOT_A_DATABASE.keys())
def test_a_file_that_is_not_a_database_is_left_unchanged(tmp_path, content):
    path = tmp_path / "tracker.db"
    path.write_bytes(content)

    with pytest.raises(Exception):  # noqa: B017 - which error is the next test's business
        open_database(sqlite_url(path))

    assert path.read_bytes() == content
    assert files_in(tmp_path) == ["tracker.db"]


@pytest.mark.parametrize("content", NOT_A_DATABASE.values(), ids=NOT_A_DATABASE.keys())
def test_a_file_that_is_not_a_database_is_refused_in_one_plain_line(tmp_path, content):
    path = tmp_path / "tracker.db"
    path.write_bytes(content)

    with pytest.raises(StorageError) as caught:
        open_database(sqlite_url(path))

    message = str(caught.value)
    assert str(path) in message
    assert "\n" not in message
    for noise in ("Traceback", "sqlite3.", "sqlalche.me", "[SQL", "Background on this error"):
        assert noise not in message


def make_foreign_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE recipe (name TEXT)")
        connection.execute("INSERT INTO recipe VALUES ('bread')")
        connection.commit()
    finally:
        connection.close()


def test_a_sqlite_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    make_foreign_database(path)

    with pytest.raises(StorageError, match="not tracker's"):
        open_database(sqlite_url(path))

    connection = sqlite3.connect(path)
    try:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    finally:
        connection.close()
    assert tables == [("recipe",)]


def test_a_sqlite_database_of_another_program_is_refused_without_being_modified(tmp_path):
    path = tmp_path / "other.db"
    make_foreign_database(path)
    before = path.read_bytes()

    with pytest.raises(StorageError):
        open_database(sqlite_url(path))

    assert path.read_bytes() == before


def test_a_database_in_a_dropbox_folder_is_refused_before_anything_is_created(tmp_path):
    path = tmp_path / "Dropbox" / "t.db"

    with pytest.raises(StorageError, match="synced folder"):
        open_database(sqlite_url(path))

    assert files_in(tmp_path) == []


def test_an_unreachable_postgresql_server_is_reported_as_a_storage_error():
    # Port 1 on the loopback: the connection is refused at once.
    with pytest.raises(StorageError):
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/tracker")


# --- backups -------------------------------------------------------------------------------


def test_a_backup_to_a_chosen_path_is_a_readable_copy_with_the_same_rows(tmp_path):
    path = tmp_path / "tracker.db"
    database = open_database(sqlite_url(path))
    try:
        add_members(database, "ana", "ben")
        rows = snapshot(database)
        target = backup_file(path, tmp_path / "saved.db")
    finally:
        database.dispose()

    assert target == tmp_path / "saved.db"
    assert sorted(f.name for f in tmp_path.iterdir()) == ["saved.db", "tracker.db"], "no scratch"
    copy = open_database(sqlite_url(target))
    try:
        assert revision_of(copy.engine) == HEAD_REVISION
        assert snapshot(copy) == rows
        assert len(rows["member"]) == 2
    finally:
        copy.dispose()


def test_a_backup_never_overwrites_an_existing_file(tmp_path):
    path = tmp_path / "tracker.db"
    open_database(sqlite_url(path)).dispose()
    target = tmp_path / "saved.db"
    target.write_bytes(b"precious")

    with pytest.raises(StorageError, match="already exists"):
        backup_file(path, target)

    assert target.read_bytes() == b"precious"


# --- the connection itself -----------------------------------------------------------------


def test_every_sqlite_connection_runs_with_the_safe_settings(tmp_path):
    database = open_database(sqlite_url(tmp_path / "tracker.db"))
    expected = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 10000}
    try:
        with database.engine.connect() as connection:
            settings = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in expected
            }
        assert settings == expected
        with database.write() as session:
            connection = session.connection()
            settings = {
                name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in expected
            }
        assert settings == expected
    finally:
        database.dispose()


def test_two_trackers_writing_to_one_file_at_the_same_time_both_land_every_row(tmp_path):
    url = sqlite_url(tmp_path / "tracker.db")
    open_database(url).dispose()
    barrier = threading.Barrier(2, timeout=30)
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            database = open_database(url)
        except BaseException as error:
            errors.append(error)
            barrier.abort()
            return
        try:
            barrier.wait()
            add_members(database, *(f"{prefix}-{i}" for i in range(20)))
        except BaseException as error:
            errors.append(error)
        finally:
            database.dispose()

    threads = [threading.Thread(target=writer, args=(prefix,)) for prefix in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    database = open_database(url)
    try:
        with database.read() as session:
            assert session.exec(select(func.count()).select_from(Member)).one() == 40
    finally:
        database.dispose()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://ana:s3cret@db.example:abc/board",
        "postgresql+psycopg://ana:s3cret@[::1/board",
    ],
    ids=["port-not-a-number", "unclosed-ipv6"],
)
def test_a_url_that_cannot_be_parsed_is_a_storage_error_without_its_password(url):
    with pytest.raises(StorageError, match="Cannot use") as caught:
        open_database(url)

    assert "s3cret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unreachable_server_is_reported_without_the_password():
    with pytest.raises(StorageError) as caught:
        open_database("postgresql+psycopg://postgres:s3cret@127.0.0.1:1/tracker")

    assert "s3cret" not in str(caught.value)
    assert "127.0.0.1" in str(caught.value)
