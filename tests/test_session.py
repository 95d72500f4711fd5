"""Opening the workspace: which database is used, and the member made on first run."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from tracker.config import Settings
from tracker.db.models import Member
from tracker.session import database_location, default_database_path, open_workspace


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private user data folder and config file, and no TRACKER_DB from the real environment."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # honoured by platformdirs
    monkeypatch.setenv("TRACKER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    return tmp_path


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


def test_an_empty_tracker_db_counts_as_unset(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_DB", "")
    assert database_location(None, Settings(database="/srv/board.db")) == "/srv/board.db"


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
