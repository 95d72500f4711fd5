"""The command line as a user types it: output, exit codes, and refusals that change nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.db.database import open_database


@pytest.fixture
def board(run):
    """Two videos and one logged entry, 08:00-09:00 on #1 (it is Wed 25 Nov, 10:00)."""
    run("add", "Unknown case 12", "--stage", "edit", "-p", "youtube", "-t", "unknowncase")
    run("add", "Unknown case 13")
    assert run("log", "1", "1h", "--at", "8:00")[0] == 0
    return run


@pytest.fixture
def empty(run):
    """A database that is there and holds nothing yet: commands that only read refuse to
    create one."""
    assert run("db", "upgrade")[0] == 0
    return run


def everything(run) -> tuple[str, str]:
    """What the database holds, as the JSON listings show it."""
    videos = run("ls", "--all", "--json")[1]
    entries = run("entries", "--week", "today", "--json")[1]
    return videos, entries


def test_add_list_move_and_show_a_video(run):
    assert run("add", "Five signs of appendicitis", "-p", "tiktok", "--due", "fri")[1] == (
        "Added #1 Five signs of appendicitis (idea).\n"
    )
    code, out, _ = run("ls")
    assert code == 0 and "#1" in out and "Fri 27 Nov" in out and "tiktok" in out
    assert run("move", "#1", "script")[1] == "Moved #1 Five signs of appendicitis: idea → script.\n"
    shown = run("show", "appendicitis")[1]
    assert "stage      script" in shown and "idea → script" in shown


def test_listings_have_json(board):
    videos = json.loads(board("ls", "--json")[1])
    assert [(v["number"], v["stage"], v["logged_seconds"]) for v in videos] == [
        (2, "idea", 0.0),
        (1, "edit", 3600.0),
    ]
    detail = json.loads(board("show", "1", "--json")[1])
    assert detail["by_activity"] == [{"activity": "edit", "seconds": 3600.0}]
    status = json.loads(board("status", "--json")[1])
    assert status["today_seconds"] == 3600.0 and status["running"] is None


def test_a_day_of_work_from_start_to_status(board):
    assert board("start", "2", "--activity", "script")[0] == 0
    board.clock.advance(minutes=40)
    code, out, _ = board("start", "1")
    assert code == 0
    assert out.splitlines()[0].startswith("Stopped entry 2: script on #2 Unknown case 13")
    assert "(40m)" in out.splitlines()[0]
    board.clock.advance(minutes=20)
    assert "Running: entry 3: edit on #1" in board("status")[1]
    assert "Today: 2h   This week: 2h" in board("status")[1]
    assert "(20m)" in board("stop")[1]
    out = board("entries")[1]
    assert "Total for Wed 25 Nov: 2h (edit 1h20m, script 40m)" in out


def test_log_accepts_from_and_to_and_entries_can_be_fixed(board):
    assert (
        board("log", "--from", "yesterday 21:00", "--to", "yesterday 22:15", "--note", "x")[0] == 0
    )
    assert "1h15m" in board("entries", "--day", "yesterday")[1]
    assert board("entries", "edit", "2", "--duration", "45m")[0] == 0
    assert "45m" in board("entries", "--day", "yesterday")[1]
    assert board("entries", "rm", "#2")[0] == 0
    assert "No entries for Tue 24 Nov" in board("entries", "--day", "yesterday")[1]


def test_removed_videos_can_be_restored(board):
    assert "tracker restore 2" in board("rm", "2")[1]
    assert "#2" not in board("ls")[1]
    assert board("restore", "2")[0] == 0
    assert "#2" in board("ls")[1]


@pytest.mark.parametrize(
    "args",
    [
        ["show", "2"],
        ["show", "case 13"],
        ["check", "2"],
        ["check", "2", "consent"],
        ["move", "#2", "edit"],
        ["edit", "2", "--title", "New"],
        ["rm", "2"],
        ["drop", "2"],
        ["undrop", "2"],
        ["unarchive", "2"],
    ],
    ids=" ".join,
)
def test_naming_a_removed_video_says_it_was_removed_and_how_to_restore_it(board, args):
    board("rm", "2")
    before = everything(board)

    code, out, err = board(*args)

    assert (code, out) == (1, "")
    assert err == "error: #2 Unknown case 13 was removed; bring it back with: tracker restore 2\n"
    assert everything(board) == before
    assert board("restore", "2")[0] == 0, "and the hint works"


def test_a_title_only_removed_videos_have_points_at_them_and_restore(board):
    board("rm", "1")
    board("rm", "2")

    code, _, err = board("show", "unknown case")

    assert code == 1 and err == (
        'error: Only removed videos match "unknown case"; `tracker ls --deleted` lists them, '
        "and tracker restore NUMBER brings one back.\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "1", "banana"], 'Cannot read "banana" as a duration'),
        (["log", "1", "1h", "--at", "blah"], 'Cannot read "blah" as a time'),
        (["log", "99", "1h", "--at", "6:00"], "No video #99"),
        (["log", "1", "--from", "9:30", "--to", "9:10"], "must come after the start"),
        (["log", "1", "1h", "--at", "8:30"], "overlaps entry 1"),
        (["log", "1", "1h", "--at", "9:30"], "in the future"),
        (["log"], "Say how long"),
        (["log", "1", "1h", "--at", "7:00", "--from", "6:00"], "either --at or --from"),
        (["add", ""], "needs a title"),
        (["add", "X", "--stage", "posted"], 'Unknown stage "posted"'),
        (["add", "X", "--due", "someday"], 'Cannot read "someday"'),
        (["add", "X", "-p", "myspace"], 'Unknown platform "myspace"'),
        (["add"], "Missing argument"),
        (["move", "1", "done"], 'Unknown stage "done"'),
        (["move", "unknown", "edit"], "matches #1 Unknown case 12, #2 Unknown case 13"),
        (["edit", "1"], "Nothing to change"),
        (["edit", "1", "--format", "medium"], 'Unknown format "medium"'),
        (["start", "1", "--at", "tomorrow 9:00"], "in the future"),
        (["start", "1", "--activity", "gaming"], 'Unknown activity "gaming"'),
        (["stop"], "No timer is running"),
        (["entries", "edit", "abc", "--note", "x"], '"abc" is not an entry number'),
        (["entries", "edit", "99", "--note", "x"], "no entry 99"),
        (["entries", "--day", "nonsense"], 'Cannot read "nonsense"'),
        (["entries", "--day", "today", "--week", "today"], "either --day or --week"),
        (["restore", "1"], "#1 Unknown case 12 is not removed (it is in edit); nothing to restore"),
        (["restore", "99"], "No video #99"),
        (["rm", "42"], "No video #42"),
        (["frobnicate"], "No such command"),
    ],
)
def test_bad_input_gets_one_line_and_changes_nothing(board, args, message):
    before = everything(board)
    code, out, err = board(*args)
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err
    assert "Traceback" not in out + err
    assert everything(board) == before


def test_a_typo_in_the_config_file_is_reported_with_its_line(run, tmp_path):
    (tmp_path / "config.toml").write_text('timezone = "Europe/Berlin"\nstagez = ["idea"]\n')
    code, _, err = run("status")
    assert code == 1
    assert f"{tmp_path / 'config.toml'}, line 2: stagez: unknown key" in err


def test_a_database_in_a_synced_folder_is_refused_before_it_is_created(run, tmp_path):
    target = tmp_path / "Dropbox" / "tracker.db"
    code, _, err = run("--db", str(target), "add", "A first idea")
    assert code == 1 and "synced folder" in err
    assert not target.parent.exists()


def test_db_check_says_whether_the_file_is_damaged(run, tmp_path, db_url):
    if not db_url.startswith("sqlite"):
        code, _, err = run("db", "check")
        assert code == 1 and "checks its own data" in err
        return
    from tests.db.test_integrity import break_index_page

    run("add", "Keep me")
    code, out, _ = run("db", "check")
    assert code == 0 and "No damage found" in out
    break_index_page(Path(db_url.removeprefix("sqlite:///")))
    code, _, err = run("db", "check")
    assert code == 1 and "is damaged" in err and err.count("\n") == 1


def test_db_path_and_backup(run, tmp_path, db_url):
    if not db_url.startswith("sqlite"):
        code, _, err = run("db", "backup")
        assert code == 1 and "pg_dump" in err
        return
    run("add", "Keep me")
    assert run("db", "path")[1].strip() == db_url.removeprefix("sqlite:///")
    target = tmp_path / "copy.db"
    assert run("db", "backup", str(target))[0] == 0
    copy = open_database(f"sqlite:///{target}")
    with copy.read() as session:
        from tracker.services.board import resolve_video

        assert resolve_video(session, "1").title == "Keep me"
    copy.dispose()


READING_COMMANDS = [
    ["ls"],
    ["show", "1"],
    ["check", "1"],
    ["status"],
    ["entries"],
    ["breaks"],
    ["checkin", "--history"],
    ["chart", "effort-vs-output"],
    ["report"],
    ["lint"],
    ["export", "json"],
    ["export", "csv", "--videos"],
    ["export", "ics"],
    ["db", "check"],
    ["db", "backup"],
    ["db", "rebuild-totals"],
]


@pytest.mark.parametrize("args", READING_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("where", ["trakcer.db", "typo/tracker.db"])
def test_a_command_that_only_reads_refuses_a_mistyped_path_and_creates_nothing(
    run, tmp_path, args, where
):
    mistyped = tmp_path / "data" / where
    mistyped.parent.parent.mkdir(exist_ok=True)
    before = sorted(tmp_path.rglob("*"))

    code, out, err = run("--db", str(mistyped), *args)

    assert code != 0 and out == ""
    assert err.startswith(f"error: No database at {mistyped}") and err.count("\n") == 1
    assert err.endswith(f"create one there with: tracker --db {mistyped} db upgrade\n")
    assert not mistyped.exists() and not mistyped.parent.parent.joinpath("typo").exists()
    assert sorted(tmp_path.rglob("*")) == before


def test_an_empty_file_is_not_taken_for_a_database_by_a_reading_command(run, tmp_path):
    empty_file = tmp_path / "empty.db"
    empty_file.touch()

    for args in (["ls"], ["db", "check"], ["db", "backup"]):
        code, _, err = run("--db", str(empty_file), *args)

        assert code == 1 and err.startswith(f"error: No tracker database yet in {empty_file}")
    assert empty_file.read_bytes() == b"" and sorted(tmp_path.glob("empty*")) == [empty_file]


def test_the_hint_for_a_missing_database_creates_it(run, tmp_path):
    new = tmp_path / "new.db"
    assert run("--db", str(new), "ls")[0] != 0

    assert run("--db", str(new), "db", "upgrade")[0] == 0

    assert run("--db", str(new), "ls")[1].startswith("No videos yet")


def test_status_never_imports_the_tui(tmp_path):
    """The everyday commands stay fast: Textual is loaded only for the board itself."""
    env = {
        **os.environ,
        "TRACKER_DB": str(tmp_path / "t.db"),
        "TRACKER_CONFIG": str(tmp_path / "none.toml"),
    }
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "assert main(['add', 'x']) == 0\n"
        "assert main(['status']) == 0\n"
        "assert main(['lint']) == 0\n"
        "loaded = [m for m in ('textual', 'plotext', 'alembic') if m in sys.modules]\n"
        "print('loaded:' + ','.join(loaded))\n"
    )

    def loaded_modules() -> str:
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    first = loaded_modules()
    assert "textual" not in first and "plotext" not in first
    assert loaded_modules() == "loaded:", "a database already at the head needs no Alembic"


def test_python_dash_m_tracker_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("tracker ")


def test_every_command_has_help(run):
    for args in (["--help"], ["add", "--help"], ["entries", "edit", "--help"], ["db", "--help"]):
        code, out, _ = run(*args)
        assert code == 0 and "Usage:" in out


def test_an_unexpected_error_is_one_line_with_a_saved_report(empty, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("tracker.services.status.status", broken)
    code, _, err = empty("status")
    assert code == 70 and err.count("\n") == 1 and "unexpected problem" in err
    report = Path(err.strip().split("details are in ")[1])
    assert "RuntimeError" in report.read_text() and "(message left out)" in report.read_text()


def test_demo_saves_a_sample_board_without_touching_the_users_database(run, tmp_path, db_url):
    run("add", "My own idea")
    before = json.loads(run("ls", "--all", "--json")[1])
    sample = tmp_path / "sample.db"
    code, out, _ = run("demo", "--keep", str(sample))
    assert code == 0 and f"tracker --db {sample}" in out
    assert json.loads(run("ls", "--all", "--json")[1]) == before
    listed = json.loads(run("--db", str(sample), "ls", "--all", "--json")[1])
    stages = {video["stage"] for video in listed}
    assert len(listed) >= 10 and {"idea", "edit", "published"} <= stages
    assert any(video["logged_seconds"] > 0 for video in listed)
    assert run("demo", "--keep", str(sample))[0] != 0, "an existing file is never overwritten"


def test_config_path_and_show_report_the_file_and_the_settings_in_force(run, tmp_path):
    assert run("config", "path")[1].strip() == str(tmp_path / "config.toml")
    shown = run("config", "show")[1]
    assert 'timezone = "Europe/Berlin"' in shown and 'member = "ana"' in shown
    import tomllib

    assert tomllib.loads(shown)["stages"][-1] == "published", "what config show prints loads back"


def test_log_reads_a_spaced_duration_and_a_lone_number_with_from_and_to_as_a_video(board):
    assert board("log", "2h", "15m", "--at", "yesterday 6:00")[0] == 0
    assert "2h15m" in board("entries", "--day", "yesterday")[1]
    code, out, _ = board("log", "2", "--from", "6:00", "--to", "6:30")
    assert code == 0 and "on #2 Unknown case 13" in out


def test_a_command_group_alone_shows_its_help(run):
    code, out, err = run("db")
    assert code == 0 and "backup" in out and err == ""


def test_status_check_exits_by_the_most_serious_signal(empty):
    run = empty
    assert run("status", "--check")[0] == 0
    run("add", "Five signs", "--stage", "edit")
    for hour in (6, 7, 8):  # three hours straight this morning, up to 09:00
        run("log", "1", "1h", "--at", f"{hour}:00")
    code, out, _ = run("status", "--check")
    assert code == 2 and "WARN" in out and "3.0 h of video work today" in out
    assert "Self-monitoring only" in out
    run("log", "1", "1h", "--at", "5:00")
    code, out, _ = run("status", "--check")
    assert code == 1 and "ALERT" in out


def test_a_planned_rest_day_refuses_logging_unless_anyway(run):
    assert run("break", "--from", "yesterday", "--to", "yesterday", "--note", "rest")[0] == 0
    code, _, err = run("log", "45m", "--at", "yesterday 10:00")
    assert code == 1 and "You planned a break" in err and "--anyway" in err
    assert run("log", "45m", "--at", "yesterday 10:00", "--anyway")[0] == 0
    out = run("breaks")[1]
    assert "Tue 24 Nov 00:00 – Wed 25 Nov 00:00  rest" in out


def test_checkin_with_answers_scores_and_shows_history(run):
    code, out, _ = run("checkin", "--answers", "2,2,3,4,-,3,2,3,3,2,3,4,4")
    assert code == 0
    assert "Personal burnout score: 55 / 100" in out and "Work-related burnout score: 57" in out
    assert "Self-monitoring only" in out
    history = run("checkin", "--history")[1]
    assert "Wed 25 Nov 10:00  55        57" in history
    code, _, err = run("checkin", "--answers", "1,2")
    assert code == 2 and "Give 13 answers" in err


def test_a_break_to_a_full_date_lasts_to_the_end_of_that_day(run):
    assert run("break", "--from", "2026-12-14", "--to", "2026-12-18")[0] == 0
    assert "Mon 14 Dec 00:00 – Sat 19 Dec 00:00" in run("breaks")[1]


def test_the_configured_help_line_follows_every_signal(run, tmp_path):
    (tmp_path / "config.toml").write_text(
        'member = "ana"\ntimezone = "Europe/Berlin"\nhelp_line = "Call the wellbeing line."\n'
    )
    run("log", "3h", "--at", "6:00")
    out = run("status")[1]
    assert "Self-monitoring only" in out and out.strip().endswith("Call the wellbeing line.")


def test_chart_lists_draws_tabulates_and_says_when_there_is_nothing(board):
    assert "effort-vs-output" in board("chart", "--list")[1]
    code, _, err = board("chart", "pie")
    assert code == 2 and 'Unknown chart "pie"' in err
    table = board("chart", "effort-vs-output", "--weeks", "2", "--table")[1]
    assert "Mon 23 Nov 2026  1.0    0" in table and "edit 1.0" in table
    drawing = board("chart", "effort-vs-output", "--weeks", "4")[1]
    assert "Hours a week (bars) against videos published (dots)" in drawing
    assert "\x1b[" not in drawing, "piped output has no colour codes"
    empty = board("chart", "effort-vs-output", "--weeks", "4", "--json")[1]
    assert json.loads(empty)[-1]["hours_by_activity"] == {"edit": 1.0}


def test_chart_on_an_empty_log_explains_itself(empty):
    out = empty("chart", "effort-vs-output")[1]
    assert "Nothing to chart from the last 12 weeks: log work and publish" in out


def test_the_sample_board_gives_every_chart_something_to_show(run, tmp_path):
    sample = str(tmp_path / "sample.db")
    assert run("demo", "--keep", sample)[0] == 0
    cycle = run("--db", sample, "chart", "cycle-time", "--table")[1]
    assert "edit              5      5.0" in cycle and "idea → published  3      24.0" in cycle
    per_video = run("--db", sample, "chart", "hours-per-video", "--weeks", "4", "--table")[1]
    assert "Mon 23 Nov 2026" in per_video
    for name in ("effort-vs-output", "hours-per-video", "flow", "load", "engagement", "cycle-time"):
        code, out, _ = run("--db", sample, "chart", name)
        assert code == 0 and "┌" in out


def test_chart_periods_and_members_are_checked(board):
    table = board("chart", "effort-vs-output", "--weeks", "all", "--table")[1]
    assert table.count("2026") == 1, "all weeks back to the first entry: just this one"
    code, _, err = board("chart", "load", "--weeks", "zero")
    assert code == 2 and '"zero" is not a number of weeks' in err
    code, _, err = board("chart", "load", "--member", "nobody")
    assert code == 1 and 'No member "nobody" here; members are ana' in err
    assert board("chart", "load", "--member", "ana", "--table")[0] == 0


def test_metrics_feed_the_engagement_chart(empty):
    run = empty
    assert "no published video has metrics yet" in run("chart", "engagement")[1]
    run("add", "Five signs", "--stage", "published")
    run("log", "1", "1h", "--at", "7:00")
    code, out, _ = run("metrics", "1", "--views", "1200", "--likes", "80")
    assert code == 0 and "Recorded 1200 views, 80 likes for #1" in out
    table = run("chart", "engagement", "--table")[1]
    assert "#1" in table and "1200" in table and "1200.0" in table
    code, _, err = run("metrics", "1")
    assert code == 2 and "at least one count" in err


def test_watch_time_is_recorded_in_hours_and_kept_to_the_second(run, db_url):
    from sqlalchemy import create_engine, text

    run("add", "Five signs", "--stage", "published")
    code, out, _ = run("metrics", "1", "--watch-hours", "12.25")
    assert code == 0 and "Recorded 12.3 hours watched for #1" in out
    engine = create_engine(db_url)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT watch_seconds FROM metric")).scalar_one()
    engine.dispose()
    assert stored == 44100
    for hours, says in (("-1", "not possible"), ("nan", "not possible"), ("1e30", "more than")):
        code, _, err = run("metrics", "1", "--watch-hours", hours)
        assert code == 2 and f"error: Watch time of {hours.replace('1e30', '1e+30')}" in err
        assert says in err


def test_config_show_prints_a_file_that_loads_back_to_the_same_settings(run, tmp_path):
    from tracker.config import load_settings

    (tmp_path / "config.toml").write_text(
        'member = "ana"\ntimezone = "Europe/Berlin"\nprompt_bell = true\n'
        "[thresholds]\nday_hours = { warn = 2 }\nlate_night = false\n"
    )
    shown = run("config", "show")[1]
    copy = tmp_path / "copy.toml"
    copy.write_text(shown)
    original = load_settings(tmp_path / "config.toml")
    assert load_settings(copy).thresholds == original.thresholds
    assert load_settings(copy).prompt_bell is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "1h", "--at", "9999-12-31 23:59"], "give a year from 1900 to 2200"),
        (["entries", "--week", "9999-12-31"], "give a year from 1900 to 2200"),
        (["add", "X", "--due", "2026-13-01"], "the month goes from 01 to 12"),
        (["show", "99999999999999999999999"], "No video #99999999999999999999999"),
        (["entries", "rm", "²"], "is not an entry number"),
        (["chart", "load", "--weeks", "²"], "is not a number of weeks"),
        (["chart", "load", "--weeks", "99999999"], "give 1 to 520, or all"),
        (["edit", "1", "--case", "99999999999999999999"], "A case number is a whole number"),
    ],
)
def test_extreme_input_is_refused_in_one_line(board, args, message):
    before = everything(board)
    code, _, err = board(*args)
    assert code not in (0, 70) and err.count("\n") == 1 and message in err
    assert everything(board) == before


def test_logged_hours_are_real_hours_across_a_change_of_clocks(run):
    assert run("log", "3h", "--at", "2026-10-25 01:00")[0] == 0  # clocks go back at 03:00
    listed = json.loads(run("entries", "--day", "2026-10-25", "--json")[1])
    assert listed["total_seconds"] == 3 * 3600
    start, end = listed["entries"][0]["start_at"], listed["entries"][0]["end_at"]
    assert (start, end) == ("2026-10-24T23:00:00+00:00", "2026-10-25T02:00:00+00:00")


# --- strict input, and output a person can trust ------------------------------------------


def test_a_span_across_the_autumn_clock_change_prints_its_real_hours(run):
    code, out, _ = run("log", "--from", "2026-10-25 01:00", "--to", "2026-10-25 04:00")
    assert code == 0 and "(4h)" in out, out


def test_empty_values_are_refused_not_read_as_not_given(board):
    before = everything(board)
    for args in (
        ("log", "1", "30m", "--at", ""),
        ("entries", "--day", ""),
        ("ls", "--stage", ""),
        ("entries", "edit", "1", "--video", ""),
        ("start", "1", "--activity", ""),
        ("--db", "", "add", "x"),
    ):
        code, _, err = board(*args)
        assert code != 0 and err.startswith("error: ") and err.count("\n") == 1, (args, err)
    assert everything(board) == before, "the entry keeps its video"


def test_contradictory_flags_are_refused(board):
    for args in (
        ("ls", "--stage", "edit", "--all"),
        ("edit", "1", "-p", "youtube", "--no-platforms"),
        ("edit", "1", "--due", "fri", "--no-due"),
        ("log", "1", "30m", "--at", "7:00", "--from", "6:00"),
        ("entries", "edit", "1", "--video", "2", "--no-video"),
        ("checkin", "--answers", "1,1,1,1,1,1,1,1,1,1,1,1,1", "--history"),
    ):
        code, _, err = board(*args)
        assert code == 2 and "not both" in err, (args, err)


def test_platforms_tags_and_due_dates_can_be_cleared_and_lengths_set(board):
    assert board("edit", "1", "--no-platforms", "--no-tags", "--length", "3m30s")[0] == 0
    shown = board("show", "1")[1]
    assert "platforms  -" in shown and "tags       -" in shown and "length     3m30s" in shown
    code, _, err = board("edit", "1", "--length", "45")
    assert code == 2 and "45s or 45m" in err


def test_bytes_that_are_not_utf8_get_one_line(run):
    code, _, err = run("add", "caf\udce9")
    assert code == 2 and "not valid UTF-8" in err and err.count("\n") == 1


def test_dates_show_their_year_when_not_this_years_and_spans_their_end_day(board):
    assert board("log", "1h", "--at", "2025-12-01 10:00")[0] == 0
    assert "Mon 01 Dec 2025 10:00" in board("entries", "--day", "2025-12-01")[1]
    code, out, _ = board("log", "2h", "--at", "yesterday 23:00")
    assert code == 0 and "Tue 24 Nov 23:00 – Wed 25 Nov 01:00" in out, out


def test_escape_sequences_in_a_title_are_shown_not_obeyed(run):
    assert run("add", "Case \x1b[2J\x1b]0;owned\x07")[0] == 0
    for args in (("ls",), ("show", "1")):
        out = run(*args)[1]
        assert "\x1b" not in out and "\\x1b[2J" in out, out


NOT_FOR_A_TERMINAL = "\x7f\x85\x9b\x9d\u202e\u2028\u200b\U000e0041"


@pytest.mark.parametrize("args", [("ls", "--json"), ("show", "1", "--json"), ("lint", "--json")])
def test_json_output_writes_out_what_could_act_on_a_terminal_and_keeps_the_data(run, args):
    title = "Case \x9b2J Ólafsdóttir 日本 \u202egnp.exe"
    notes = f"C1 and friends: {NOT_FOR_A_TERMINAL}"
    assert run("add", title, "--notes", notes)[0] == 0

    code, out, _ = run(*args)

    assert code in (0, 1)
    assert not any(char in out for char in NOT_FOR_A_TERMINAL), ascii(out)
    assert "\\u009b2J Ólafsdóttir 日本 \\u202egnp.exe" in out, "letters stay readable"
    listed = json.loads(out)
    shown = listed[0] if isinstance(listed, list) else listed["video"]
    assert shown["title"] == title
    if "notes" in shown:
        assert shown["notes"] == notes


def test_a_date_far_away_needs_anyway_and_day_month_order_is_never_guessed(board):
    code, _, err = board("edit", "1", "--due", "2152-03-01")
    assert code == 2 and "--anyway" in err
    assert board("edit", "1", "--due", "2152-03-01", "--anyway")[0] == 0
    code, _, err = board("edit", "1", "--due", "3/4")
    assert code == 2 and "3 April or 4 March" in err


def test_a_break_to_a_day_lasts_through_that_day(run):
    code, out, _ = run("break", "--from", "sat", "--to", "sun")
    assert code == 0 and "Sat 28 Nov 00:00 – Mon 30 Nov 00:00" in out, out
    code, out, _ = run("break", "--from", "tomorrow")
    assert code == 0 and "Thu 26 Nov 00:00 – Fri 27 Nov 00:00" in out, out


def test_clearing_hints_and_lengths_cleared(board):
    code, _, err = board("edit", "1", "--due", "none")
    assert code == 2 and "--no-due" in err
    code, _, err = board("entries", "edit", "1", "--video", "none")
    assert code == 2 and "--no-video" in err
    code, _, err = board("log", "1", "20m", "--at", "8:00", "--from", "7:00")
    assert "--at or --from," in err
    assert board("edit", "1", "--length", "59s")[0] == 0
    assert board("edit", "1", "--no-length")[0] == 0
    assert "length" not in board("show", "1")[1]


def test_metrics_cannot_predate_publishing(run):
    run("add", "Unknown case 12", "--stage", "published")
    code, _, err = run("metrics", "1", "--views", "10", "--at", "2020-01-01", "--anyway")
    assert code == 2 and "published" in err


def test_rebuilding_the_day_totals_in_another_zone_keeps_every_report_the_same(
    board, tmp_path, monkeypatch
):
    week = board("report", "--week", "2026-W48", "--format", "json")[1]
    config = tmp_path / "utc.toml"
    config.write_text('member = "ana"\ntimezone = "UTC"\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    in_utc = board("report", "--week", "2026-W48", "--format", "json")[1]  # the entries summed

    code, out, _ = board("db", "rebuild-totals")

    assert code == 0 and "in UTC" in out
    assert board("report", "--week", "2026-W48", "--format", "json")[1] == in_utc
    assert json.loads(in_utc)["total_hours"] == json.loads(week)["total_hours"] == 1.0


def _ctrl_c(*_args, **_kwargs) -> None:
    """What pressing Ctrl+C does: SIGINT to this process, handled as the CLI set it up."""
    import signal

    os.kill(os.getpid(), signal.SIGINT)


def test_ctrl_c_in_any_command_says_whether_anything_was_saved(board, monkeypatch):
    from tracker.cli import render
    from tracker.services import reports

    with monkeypatch.context() as patch:
        patch.setattr(reports, "build_report", _ctrl_c)
        assert board("report") == (130, "", "Interrupted; nothing was changed.\n")
    with monkeypatch.context() as patch:
        patch.setattr(render, "say", _ctrl_c)
        assert board("add", "Saved first") == (130, "", "Interrupted after the change was saved.\n")
    assert "Saved first" in board("ls")[1]


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("2026-W48", "Mon 23 Nov – Sun 29 Nov"),
        ("today", "Mon 23 Nov – Sun 29 Nov"),  # it is Wed 25 Nov
        ("2026-11-24", "Mon 23 Nov – Sun 29 Nov"),
        ("last week", "Mon 16 Nov – Sun 22 Nov"),
        ("This  Week", "Mon 23 Nov – Sun 29 Nov"),
    ],
)
def test_a_week_is_its_number_or_any_day_in_it_for_entries_and_reports(board, given, shown):
    code, out, _ = board("entries", "--week", given)
    assert code == 0 and shown in out
    code, out, _ = board("report", "--week", given)
    assert (
        code == 0
        and shown.replace("Sun 29 Nov", "Sun 29 Nov 2026").replace("Sun 22 Nov", "Sun 22 Nov 2026")
        in out
    )


@pytest.mark.parametrize("given", ["banana", "2026-W60", "W48", "", "0001-W01", "9999-W52"])
def test_a_week_that_is_not_one_is_refused_in_one_line_for_both(board, given):
    for command in ("entries", "report"):
        code, out, err = board(command, "--week", given)
        assert (code, out) == (2, "") and "week" in err and err.count("\n") == 1
