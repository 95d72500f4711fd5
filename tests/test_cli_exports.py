"""`tracker export json|csv|ics` and `tracker import json` as a user types them."""

from __future__ import annotations

import csv
import io
import json
import stat

import pytest
import typer
from icalendar import Calendar

from tests.helpers import snapshot
from tracker.db.database import open_database


@pytest.fixture
def board(run):
    """Two videos, a move and an hour of logged work (it is Wed 25 Nov, 10:00)."""
    run("add", "Unknown case 14", "--due", "fri", "-p", "youtube")
    run("add", "=1+1 tricks", "--stage", "edit")
    assert run("log", "1", "1h", "--at", "8:00", "--note", "-first cut")[0] == 0
    return run


def database_snapshot(url: str):
    database = open_database(url)
    try:
        return snapshot(database, derived=False)
    finally:
        database.dispose()


def test_an_export_restores_into_a_new_database(board, db_url, tmp_path):
    exported = tmp_path / "everything.json"
    code, out, _ = board("export", "json", "-o", str(exported))
    assert code == 0
    assert out.startswith("Exported everything (members: 1,") and "videos: 2" in out
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.db"
    code, out, err = board("--db", str(fresh), "import", "json", str(exported))
    assert (code, err) == (0, "")
    assert out == (
        "Restored members: 1, videos: 2, stage changes: 2, time entries: 1, prompts: 0, "
        "breaks: 0, check-ins: 0, metrics: 0, checklist overrides: 0, series: 0, posts: 0, "
        f"shared checklist items: 0 from {exported}.\n"
    )
    assert database_snapshot(f"sqlite:///{fresh}") == database_snapshot(db_url)
    assert "Unknown case 14" in board("--db", str(fresh), "ls")[1]


def test_a_dry_run_says_what_would_be_restored_and_restores_nothing(board, tmp_path):
    exported = tmp_path / "everything.json"
    board("export", "json", "-o", str(exported))
    fresh = tmp_path / "fresh.db"
    code, out, _ = board("--db", str(fresh), "import", "json", str(exported), "--dry-run")
    assert code == 0 and out.startswith("Would restore members: 1,")
    assert out.endswith("; nothing was changed.\n")
    assert database_snapshot(f"sqlite:///{fresh}")["video"] == []


def test_importing_into_a_database_with_data_is_refused_with_the_way_to_do_it(
    board, db_url, tmp_path
):
    exported = tmp_path / "everything.json"
    board("export", "json", "-o", str(exported))
    before = database_snapshot(db_url)
    code, out, err = board("import", "json", str(exported))
    assert (code, out) == (1, "")
    assert err == (
        "error: This database already holds data (video, stage change, time entry); an export "
        f"is restored only into an empty one. Give a new file: tracker --db NEW.db import json "
        f"{exported}\n"
    )
    assert database_snapshot(db_url) == before


def test_a_malformed_file_is_one_line_naming_its_line_and_nothing_is_imported(board, tmp_path):
    exported = tmp_path / "everything.json"
    board("export", "json", "-o", str(exported))
    lines = exported.read_text().splitlines()
    entry = next(number for number, line in enumerate(lines, 1) if '"manual"]' in line)
    lines[entry - 1] = lines[entry - 1].replace('"2026-11-25T07:00:00+00:00"', '"yesterday"')
    exported.write_text("\n".join(lines))
    fresh = tmp_path / "fresh.db"
    code, out, err = board("--db", str(fresh), "import", "json", str(exported))
    assert (code, out) == (2, "")
    assert err.startswith(f'error: {exported}:{entry}: time_entry row 1: start_at is "yesterday"')
    assert err.count("\n") == 1
    assert database_snapshot(f"sqlite:///{fresh}")["video"] == []


def test_a_missing_file_is_refused_before_any_database_is_made(run, tmp_path):
    fresh = tmp_path / "fresh.db"
    code, _, err = run("--db", str(fresh), "import", "json", str(tmp_path / "nope.json"))
    assert code == 2
    assert err == f"error: {tmp_path / 'nope.json'}: cannot read it (No such file or directory).\n"
    assert not fresh.exists()


def test_the_member_is_told_when_the_export_does_not_hold_them(board, tmp_path, monkeypatch):
    exported = tmp_path / "everything.json"
    board("export", "json", "-o", str(exported))
    config = tmp_path / "zoe.toml"
    config.write_text('member = "zoe"\ntimezone = "Europe/Berlin"\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    out = board("--db", str(tmp_path / "fresh.db"), "import", "json", str(exported))[1]
    assert "You are zoe here, who is not among its members (ana)" in out


def test_exports_go_to_stdout_without_a_file(board):
    document = json.loads(board("export", "json")[1])
    assert document["format"] == "tracker-export"
    assert len(document["tables"]["video"]["rows"]) == 2
    rows = list(csv.reader(io.StringIO(board("export", "csv", "--videos")[1])))
    assert [row[:3] for row in rows] == [
        ["Video", "Title", "Stage"],
        ["1", "Unknown case 14", "idea"],
        ["2", "'=1+1 tricks", "edit"],
    ]
    entries = list(csv.reader(io.StringIO(board("export", "csv", "--entries")[1])))
    assert entries[1][2:5] == ["2026-11-25 08:00", "2026-11-25 09:00", "1.0"]
    assert entries[1][8] == "'-first cut"
    calendar = Calendar.from_ical(board("export", "ics")[1])
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == [
        "Due: #1 Unknown case 14"
    ]


def test_a_csv_file_opens_in_a_spreadsheet_with_its_accents(board, tmp_path):
    board("edit", "1", "--title", "Fraktur: Röntgen")
    path = tmp_path / "videos.csv"
    assert (
        board("export", "csv", "--videos", "-o", str(path))[1] == f"Exported 2 videos to {path}.\n"
    )
    assert path.read_bytes().startswith("\ufeffVideo,Title".encode())
    assert "Fraktur: Röntgen" in path.read_text(encoding="utf-8-sig")


def test_an_ics_file_says_how_many_events_it_holds(board, tmp_path):
    path = tmp_path / "due.ics"
    assert board("export", "ics", "-o", str(path))[1] == f"Exported 1 event to {path}.\n"
    assert len(Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == 1


def test_an_existing_file_is_replaced_only_with_force(board, tmp_path):
    path = tmp_path / "entries.csv"
    path.write_text("keep me")
    code, out, err = board("export", "csv", "--entries", "-o", str(path))
    assert (code, out) == (2, "")
    assert (
        err == f"error: {path} already exists; add --force to replace it, or choose a new name.\n"
    )
    assert path.read_text() == "keep me"
    assert board("export", "csv", "--entries", "-o", str(path), "--force")[0] == 0
    assert path.read_text(encoding="utf-8-sig").startswith("Entry,Date,Start")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("", "is a folder; give a file name in it"),
        ("missing/out.json", "missing does not exist; create it first"),
    ],
)
def test_a_folder_or_a_missing_folder_is_refused_in_one_line(board, tmp_path, where, message):
    code, _, err = board("export", "json", "-o", str(tmp_path / where))
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ((), "Say what to export: --entries (the time log) or --videos (the board)."),
        (("--entries", "--videos"), "Give either --entries or --videos, not both."),
    ],
)
def test_csv_needs_one_kind_of_rows(run, flags, message):
    assert run("export", "csv", *flags)[::2] == (2, f"error: {message}\n")


def test_every_export_and_import_command_and_option_has_help():
    from tracker.cli import app

    root = typer.main.get_command(app)
    for group, name in (
        ("export", "json"),
        ("export", "csv"),
        ("export", "ics"),
        ("import", "json"),
    ):
        command = root.commands[group].commands[name]  # type: ignore[attr-defined]
        assert command.help, name
        for parameter in command.params:
            assert getattr(parameter, "help", None), f"{group} {name} {parameter.name}"
