"""Files tracker makes are private, and it never writes through a symbolic link or over a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from tracker.core.errors import StorageError
from tracker.db.database import (
    Database,
    backup_file,
    create_private_file,
    make_private_folders,
    open_database,
)
from tracker.db.models import Member
from tracker.services.members import add_member


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def member_names(database: Database) -> list[str]:
    with database.read() as session:
        return list(session.exec(select(Member.name)).all())


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def loose_umask():
    """A permissive umask, so only tracker's own modes can make files private."""
    previous = os.umask(0o002)
    yield
    os.umask(previous)


@pytest.fixture
def database_file(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.db"
    database = open_database(sqlite_url(path))
    database.run_write(lambda session: add_member(session, "ana"))
    database.dispose()
    return path


# --- a new database --------------------------------------------------------------------------


def test_a_new_database_its_wal_and_shm_and_the_folders_made_for_it_are_private(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "made" / "by" / "tracker" / "tracker.db"

    database = open_database(sqlite_url(path))
    try:
        with database.write() as session:  # holds the -wal and -shm open while we look
            session.connection().execute(text("UPDATE member SET name = name"))
            for name in ("tracker.db", "tracker.db-wal", "tracker.db-shm"):
                assert mode(path.parent / name) == 0o600, name
    finally:
        database.dispose()
    for folder in (tmp_path / "made", tmp_path / "made" / "by", path.parent):
        assert mode(folder) == 0o700, folder


def test_a_folder_the_user_already_had_keeps_its_mode(tmp_path: Path, loose_umask: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)

    open_database(sqlite_url(folder / "tracker.db")).dispose()

    assert mode(folder) == 0o755
    assert mode(folder / "tracker.db") == 0o600


def test_an_existing_database_file_keeps_its_mode(tmp_path: Path, database_file: Path) -> None:
    database_file.chmod(0o640)

    open_database(sqlite_url(database_file)).dispose()

    assert mode(database_file) == 0o640


def test_make_private_folders_creates_only_the_missing_ones_as_0700(
    tmp_path: Path, loose_umask: None
) -> None:
    tmp_path.chmod(0o751)

    make_private_folders(tmp_path / "a" / "b")
    make_private_folders(tmp_path / "a" / "b")  # again: nothing to do

    assert mode(tmp_path) == 0o751
    assert mode(tmp_path / "a") == mode(tmp_path / "a" / "b") == 0o700


def test_a_database_path_that_is_a_dangling_link_is_refused_and_nothing_is_created(
    tmp_path: Path,
) -> None:
    link = tmp_path / "tracker.db"
    link.symlink_to(tmp_path / "elsewhere.db")

    with pytest.raises(StorageError, match="symbolic link") as caught:
        open_database(sqlite_url(link))

    assert "\n" not in str(caught.value)
    assert listing(tmp_path) == ["tracker.db"]
    assert not (tmp_path / "elsewhere.db").exists()


# --- reading commands do not create folders --------------------------------------------------


def test_without_create_a_path_in_a_missing_folder_is_refused_and_nothing_is_created(
    tmp_path: Path,
) -> None:
    path = tmp_path / "typo" / "tracker.db"

    with pytest.raises(StorageError) as caught:
        open_database(sqlite_url(path), create=False)

    message = str(caught.value)
    assert message.startswith(f"No database at {path} (the folder {path.parent} does not exist")
    assert message.endswith(f"create one there with: tracker --db {path} db upgrade")
    assert "\n" not in message
    assert listing(tmp_path) == []


def test_without_create_a_missing_file_in_an_existing_folder_is_refused_and_not_created(
    tmp_path: Path,
) -> None:
    path = tmp_path / "trakcer.db"

    with pytest.raises(StorageError) as caught:
        open_database(sqlite_url(path), create=False)

    assert str(caught.value) == (
        f"No database at {path}; check the path (tracker db path shows the one in use), or "
        f"create one there with: tracker --db {path} db upgrade"
    )
    assert listing(tmp_path) == []


def test_the_hint_quotes_a_path_with_a_space_so_it_can_be_pasted(tmp_path: Path) -> None:
    path = tmp_path / "my videos" / "tracker.db"
    path.parent.mkdir()

    with pytest.raises(StorageError, match=r"tracker --db '.*/my videos/tracker.db' db upgrade$"):
        open_database(sqlite_url(path), create=False)


def test_without_create_an_empty_file_is_refused_and_left_empty(tmp_path: Path) -> None:
    path = tmp_path / "tracker.db"
    path.touch()

    with pytest.raises(StorageError, match=r"^No tracker database yet in .*\(the file is empty\)"):
        open_database(sqlite_url(path), create=False)

    assert listing(tmp_path) == ["tracker.db"]
    assert path.read_bytes() == b""


def test_with_create_the_same_paths_become_databases(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for path in (tmp_path / "new.db", empty, tmp_path / "new" / "tracker.db"):
        open_database(sqlite_url(path)).dispose()

        assert path.stat().st_size > 0


def test_without_create_an_existing_folder_is_opened_as_usual(
    tmp_path: Path, database_file: Path
) -> None:
    database = open_database(sqlite_url(database_file), create=False)
    try:
        assert member_names(database) == ["ana"]
    finally:
        database.dispose()


# --- the private-file helper -----------------------------------------------------------------


def test_create_private_file_makes_a_new_0600_file_open_for_writing(
    tmp_path: Path, loose_umask: None
) -> None:
    path = tmp_path / "sample.db"

    with create_private_file(path, "sample") as file:
        file.write(b"data")

    assert path.read_bytes() == b"data"
    assert mode(path) == 0o600


def test_create_private_file_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path) -> None:
    path = tmp_path / "sample.db"
    path.write_bytes(b"precious")
    path.chmod(0o644)

    with pytest.raises(StorageError, match="already exists; choose a new path for the sample"):
        create_private_file(path, "sample")

    assert path.read_bytes() == b"precious"
    assert mode(path) == 0o644


@pytest.mark.parametrize("target_exists", [True, False], ids=["to-a-file", "dangling"])
def test_create_private_file_refuses_a_symbolic_link(tmp_path: Path, target_exists: bool) -> None:
    target = tmp_path / "target.txt"
    if target_exists:
        target.write_bytes(b"precious")
    link = tmp_path / "sample.db"
    link.symlink_to(target)

    with pytest.raises(StorageError, match="symbolic link") as caught:
        create_private_file(link, "sample")

    assert "\n" not in str(caught.value)
    assert link.is_symlink()
    if target_exists:
        assert target.read_bytes() == b"precious"
    else:
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["sample.db", *(["target.txt"] if target_exists else [])]
    )


def test_create_private_file_in_a_missing_folder_says_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="does not exist; create it first"):
        create_private_file(tmp_path / "missing" / "sample.db", "sample")

    assert listing(tmp_path) == []


# --- backups ---------------------------------------------------------------------------------


def test_a_backup_is_private_and_complete(
    tmp_path: Path, database_file: Path, loose_umask: None
) -> None:
    target = backup_file(database_file, tmp_path / "saved.db")

    assert mode(target) == 0o600
    copy = open_database(sqlite_url(target))
    try:
        assert member_names(copy) == ["ana"]
    finally:
        copy.dispose()


def test_the_automatic_backup_beside_the_database_is_private(
    tmp_path: Path, database_file: Path, loose_umask: None
) -> None:
    target = backup_file(database_file)

    assert target.parent == tmp_path and ".bak" in target.name
    assert mode(target) == 0o600


@pytest.mark.parametrize("target_exists", [True, False], ids=["to-a-file", "dangling"])
def test_a_backup_never_writes_through_a_symbolic_link(
    tmp_path: Path, database_file: Path, target_exists: bool
) -> None:
    victim = tmp_path / "victim.txt"
    if target_exists:
        victim.write_bytes(b"precious")
    link = tmp_path / "saved.db"
    link.symlink_to(victim)
    before = listing(tmp_path)
    original = database_file.read_bytes()

    with pytest.raises(StorageError, match="symbolic link") as caught:
        backup_file(database_file, link)

    assert "\n" not in str(caught.value)
    assert listing(tmp_path) == before
    assert database_file.read_bytes() == original
    assert link.is_symlink()
    if target_exists:
        assert victim.read_bytes() == b"precious"
    else:
        assert not victim.exists()


def test_a_backup_of_a_missing_database_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"^No database at .*gone\.db; check the path"):
        backup_file(tmp_path / "gone.db", tmp_path / "saved.db")

    assert listing(tmp_path) == []
