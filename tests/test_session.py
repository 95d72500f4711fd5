"""Opening the workspace: which database is used, and the member made on first run."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tracker.config import Settings
from tracker.core.errors import StorageError
from tracker.db.models import Member
from tracker.session import (
    CRASH_REPORTS_KEPT,
    database_location,
    default_database_path,
    open_workspace,
    save_crash_report,
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data folder and config file, and no TRACKER_DB from the real environment."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # honoured by platformdirs
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return tmp_path


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_config(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text, encoding="utf-8")


# --- Which database ------------------------------------------------------------------------------


def test_without_any_choice_the_database_is_in_the_user_data_folder(home: Path) -> None:
    expected = home / "data" / "tracker" / "tracker.db"
    assert default_database_path() == expected
    assert database_location(None, Settings()) == str(expected)


def test_the_config_file_database_beats_the_default(home: Path) -> None:
    assert database_location(None, Settings(database="/srv/board.db")) == "/srv/board.db"


def test_tracker_db_beats_the_config_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", "/env/board.db")
    assert database_location(None, Settings(database="/srv/board.db")) == "/env/board.db"
    assert database_location(None, Settings()) == "/env/board.db"


def test_the_db_flag_beats_tracker_db_and_the_config_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", "/env/board.db")
    settings = Settings(database="/srv/board.db")
    assert database_location("/flag/board.db", settings) == "/flag/board.db"
    assert database_location("postgresql://db.example/board", settings) == (
        "postgresql://db.example/board"
    )


@pytest.mark.parametrize("value", ["", "  "], ids=["empty", "blank"])
def test_an_empty_tracker_db_is_refused_not_read_as_unset(
    home: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TRACKER_DB", value)

    with pytest.raises(StorageError, match="TRACKER_DB is set but empty") as caught:
        database_location(None, Settings(database="/srv/board.db"))
    with pytest.raises(StorageError, match="TRACKER_DB"):
        open_workspace(None, notice=[].append)

    assert "unset TRACKER_DB" in str(caught.value)
    assert files_under(home) == []


@pytest.mark.parametrize("value", ["", " "], ids=["empty", "blank"])
def test_an_empty_db_flag_is_refused_not_read_as_not_given(home: Path, value: str) -> None:
    with pytest.raises(StorageError, match="--db was given an empty value") as caught:
        open_workspace(value, notice=[].append)

    assert "\n" not in str(caught.value)
    assert files_under(home) == []


def test_the_database_named_in_the_config_file_is_used_when_no_settings_are_given(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert database_location(None) == str(home / "data" / "tracker" / "tracker.db")
    write_config(home, 'database = "/srv/from-config.db"\n')
    assert database_location(None) == "/srv/from-config.db"
    monkeypatch.setenv("TRACKER_DB", "/env/board.db")
    assert database_location(None) == "/env/board.db"
    assert database_location("/flag/board.db") == "/flag/board.db"


# --- Opening the workspace -----------------------------------------------------------------------


def member_names(database) -> list[str]:  # type: ignore[no-untyped-def]
    with database.read() as session:
        return [member.name for member in session.exec(select(Member)).all()]


def test_opening_the_workspace_twice_makes_the_member_only_once(home: Path) -> None:
    write_config(home, 'member = "ana"\ntimezone = "Europe/Berlin"\n')
    flag = str(home / "boards" / "tracker.db")
    notices: list[str] = []

    first_db, first = open_workspace(flag, notice=notices.append)
    first_db.dispose()
    second_db, second = open_workspace(flag, notice=notices.append)
    try:
        assert second.member_id == first.member_id
        assert member_names(second_db) == ["ana"]
        assert second_db.path == Path(flag)
        assert second.zone == ZoneInfo("Europe/Berlin")
        assert second.settings.member == "ana"
        assert second.settings.source == home / "config.toml"
    finally:
        second_db.dispose()
    assert not (home / "data").exists()  # the flag kept the default location untouched


def test_a_fresh_workspace_is_created_in_the_user_data_folder_by_default(home: Path) -> None:
    write_config(home, 'member = "bo"\ntimezone = "UTC"\n')
    database, context = open_workspace(None, notice=[].append)
    try:
        assert database.path == home / "data" / "tracker" / "tracker.db"
        assert database.path.exists()
        assert member_names(database) == ["bo"]
        assert context.zone == ZoneInfo("UTC")
    finally:
        database.dispose()


@pytest.mark.parametrize(
    "location",
    ["postgresql://ana:s3cret@db.example:abc/board", "postgres://ana:s3cret@[::1/board"],
    ids=["port-not-a-number", "unclosed-ipv6"],
)
def test_a_url_that_cannot_be_parsed_is_refused_in_one_line_without_its_password(
    home: Path, location: str
) -> None:
    with pytest.raises(StorageError, match="Cannot use") as caught:
        open_workspace(location, notice=[].append)

    message = str(caught.value)
    assert "s3cret" not in message and "***" in message
    assert "\n" not in message
    assert files_under(home) == []


def test_a_non_numeric_port_is_named_in_the_refusal(home: Path) -> None:
    with pytest.raises(StorageError, match='the port "abc" is not a number'):
        open_workspace("postgresql://u@host:abc/db", notice=[].append)


def test_a_reading_command_refuses_a_db_path_in_a_missing_folder_and_creates_nothing(
    home: Path,
) -> None:
    write_config(home, 'member = "ana"\n')
    flag = str(home / "no-such-folder" / "tracker.db")

    with pytest.raises(StorageError, match="does not exist") as caught:
        open_workspace(flag, notice=[].append, create=False)

    assert "no-such-folder" in str(caught.value)
    assert files_under(home) == ["config.toml"]


def test_a_reading_command_refuses_a_tracker_db_path_in_a_missing_folder(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_DB", str(home / "gone" / "tracker.db"))

    with pytest.raises(StorageError, match="does not exist"):
        open_workspace(None, notice=[].append, create=False)

    assert files_under(home) == []


def test_a_reading_command_still_creates_the_default_database(home: Path) -> None:
    database, _context = open_workspace(None, notice=[].append, create=False)
    try:
        assert database.path == home / "data" / "tracker" / "tracker.db"
        assert database.path.exists()
    finally:
        database.dispose()
    assert mode(home / "data" / "tracker") == 0o700
    assert mode(home / "data" / "tracker" / "tracker.db") == 0o600


# --- Crash reports -------------------------------------------------------------------------------

SECRET_TITLE = "Five signs of appendicitis"
SECRET_NOTE = "call Dr. Weber about the biopsy"


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where crash reports go (platformdirs honours XDG_STATE_HOME)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "tracker"


def fail_to_save(title: str) -> None:
    raise ValueError(f"could not save {title!r}")


def crash_with_user_text() -> BaseException:
    """A chained error whose messages and SQL parameters hold a title and a note."""
    from sqlalchemy.exc import IntegrityError

    try:
        try:
            fail_to_save(SECRET_TITLE)
        except ValueError as cause:
            raise IntegrityError(
                "INSERT INTO video (title, notes) VALUES (?, ?)", (SECRET_TITLE, SECRET_NOTE), cause
            ) from cause
    except IntegrityError as error:
        return error
    raise AssertionError("unreachable")


def test_a_crash_report_keeps_types_chain_and_frames_but_no_titles_or_notes(state: Path) -> None:
    path = save_crash_report(crash_with_user_text())

    report = path.read_text(encoding="utf-8")
    assert SECRET_TITLE not in report and SECRET_NOTE not in report
    assert "INSERT INTO" not in report
    assert "left out for privacy" in report
    assert "builtins.ValueError" in report
    assert "sqlalchemy.exc.IntegrityError" in report
    assert "direct cause" in report
    assert report.index("ValueError") < report.index("IntegrityError")  # oldest cause first
    assert "in fail_to_save" in report and "in crash_with_user_text" in report
    assert 'raise ValueError(f"could not save {title!r}")' in report  # the source line
    assert __file__ in report


def test_a_crash_report_of_the_exception_being_handled(state: Path) -> None:
    try:
        fail_to_save(SECRET_TITLE)
    except ValueError:
        path = save_crash_report()

    report = path.read_text(encoding="utf-8")
    assert "builtins.ValueError" in report and "in fail_to_save" in report
    assert SECRET_TITLE not in report


def test_crash_reports_are_private_files_in_a_private_folder(state: Path) -> None:
    previous = os.umask(0o002)
    try:
        path = save_crash_report(crash_with_user_text())
    finally:
        os.umask(previous)

    assert path.parent == state
    assert mode(path) == 0o600
    assert mode(state) == 0o700


def test_two_crashes_at_once_get_two_reports(state: Path) -> None:
    first = save_crash_report(ValueError("one"))
    second = save_crash_report(KeyError("two"))

    assert first != second
    assert "builtins.ValueError" in first.read_text(encoding="utf-8")
    assert "builtins.KeyError" in second.read_text(encoding="utf-8")
    assert first.name.startswith("crash-") and first.suffix == ".txt"


def test_only_the_newest_crash_reports_are_kept(state: Path) -> None:
    state.mkdir(parents=True)
    old = []
    for number in range(CRASH_REPORTS_KEPT + 2):
        report = state / f"crash-2020-{number:02d}.txt"
        report.write_text("old", encoding="utf-8")
        os.utime(report, (1_600_000_000 + number, 1_600_000_000 + number))
        old.append(report)
    unrelated = state / "notes.txt"
    unrelated.write_text("keep me", encoding="utf-8")

    newest = save_crash_report(ValueError("now"))

    kept = sorted(state.glob("crash-*.txt"))
    assert len(kept) == CRASH_REPORTS_KEPT == 20
    assert newest in kept
    assert not any(report.exists() for report in old[:3])  # the three oldest went
    assert all(report.exists() for report in old[3:])
    assert unrelated.exists()
