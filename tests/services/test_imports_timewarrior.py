"""Timewarrior's data imported, checked against ``timew summary`` over the same data."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError
from tracker.core.imports.timewarrior import interval_entry
from tracker.services import board, timelog
from tracker.services.imports.timewarrior import default_folder, import_timewarrior

FIRST_DAY = date(2026, 11, 1)
LAST_DAY = date(2026, 11, 24)
PROJECTS = ("Unknown case 14", "Channel trailer", "MRI safety")
OTHER_TAGS = ("edit", "script", "night", "client x")  # "late" would be a time to timew
TOLERANCE_SECONDS = 0.01
CLOCK = re.compile(r"([0-9]+):([0-9]{2}):([0-9]{2})\s*$")


def timew_binary() -> str:
    found = shutil.which("timew")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("timew is missing; CI must install Debian's timewarrior (see .ci/run)")
        pytest.skip("timew (Debian's timewarrior) is not installed")
    return found


def timew(folder: Path, *args: str) -> str:
    env = {**os.environ, "TIMEWARRIORDB": str(folder), "TZ": "Europe/Berlin"}
    done = subprocess.run(
        [timew_binary(), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def summary_seconds(folder: Path, first: date, last: date, *tags: str) -> float:
    """The grand total of ``timew summary FIRST - LAST+1 [TAG]``, in seconds."""
    text = timew(
        folder, "summary", first.isoformat(), "-", (last + timedelta(days=1)).isoformat(), *tags
    )
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or lines[-1].startswith("No filtered data"):
        return 0.0
    match = CLOCK.search(lines[-1])
    assert match is not None, text
    hours, minutes, seconds = map(int, match.groups())
    return float(hours * 3600 + minutes * 60 + seconds)


def new_database(folder: Path) -> Path:
    (folder / "data").mkdir(parents=True)
    (folder / "timewarrior.cfg").write_text("")
    return folder


@pytest.fixture(scope="module")
def timew_history(tmp_path_factory):
    """Intervals recorded by timew itself: a project tag, other tags, annotations, nights."""
    timew_binary()
    folder = new_database(tmp_path_factory.mktemp("timew"))
    chance = random.Random(3)
    day = FIRST_DAY
    while day <= LAST_DAY:
        moment = datetime(day.year, day.month, day.day, 20, chance.randint(0, 59), tzinfo=ZONE)
        for _ in range(chance.randint(0, 2)):
            minutes = chance.randint(5, 240)
            end = moment + timedelta(minutes=minutes)
            tags = [chance.choice(PROJECTS), *chance.sample(OTHER_TAGS, k=chance.randint(0, 2))]
            span = [moment.strftime("%Y-%m-%dT%H:%M:%S"), "-", end.strftime("%Y-%m-%dT%H:%M:%S")]
            timew(folder, "track", *span, *tags, ":yes")
            if chance.random() < 0.3:
                timew(folder, "annotate", "@1", f"take {chance.randint(1, 9)}")
            moment = end + timedelta(minutes=chance.randint(1, 60))
        day += timedelta(days=1)
    return folder


def test_hours_per_day_and_per_tag_equal_timew_summary(database, ctx, timew_history):
    folder = timew_history
    result = database.run_write(lambda s: import_timewarrior(s, ctx, folder))

    assert result.tallies[0].new > 20
    days = [FIRST_DAY + timedelta(days=n) for n in range((LAST_DAY - FIRST_DAY).days + 1)]
    with database.read() as session:
        ours = timelog.daily_seconds(session, ctx, days)
        videos = board.list_videos(session, ctx, include_finished=True, include_archived=True)
    for day, seconds in zip(days, ours, strict=True):
        assert seconds == pytest.approx(summary_seconds(folder, day, day), abs=TOLERANCE_SECONDS)
    logged = {video.title: video.logged_seconds for video in videos}
    assert set(logged) == set(PROJECTS)
    for title, seconds in logged.items():
        theirs = summary_seconds(folder, FIRST_DAY, LAST_DAY, title)
        assert seconds == pytest.approx(theirs, abs=TOLERANCE_SECONDS), title


def test_lines_are_read_as_timew_itself_reads_them(tmp_path):
    folder = new_database(tmp_path / "tw")
    timew(
        folder, "track", "2026-11-01T20:00", "-", "2026-11-01T21:00", 'a"b', "it's", "x y", ":yes"
    )
    timew(folder, "annotate", "@1", 'say "hi" # there')
    timew(folder, "track", "2026-11-02T20:00", "-", "2026-11-02T21:00", ":yes")
    timew(folder, "track", "2026-11-03T20:00", "-", "2026-11-03T21:00", "solo", ":yes")
    timew(folder, "annotate", "@1", "one")
    exported = json.loads(timew(folder, "export"))
    lines = (folder / "data" / "2026-11.data").read_text().splitlines()
    ours = [interval_entry(number, line) for number, line in enumerate(lines, 1)]
    assert [
        (e.source_id, e.end.strftime("%Y%m%dT%H%M%SZ"), list(e.tags), e.note) for e in ours if e
    ] == [(i["start"], i["end"], i.get("tags", []), i.get("annotation", "")) for i in exported]


def test_tags_and_annotations_land_in_activity_video_and_note(database, ctx, tmp_path):
    folder = new_database(tmp_path / "tw")
    (folder / "data" / "2026-11.data").write_text(
        'inc 20261120T190000Z - 20261120T200000Z # "Unknown case 14" edit "client x" # take 2\n'
        "\n"
        "inc 20261120T203000Z - 20261120T210000Z # admin\n"
        'inc 20261120T210000Z - 20261120T213000Z # # "no tags at all"\n'
    )
    result = database.run_write(lambda s: import_timewarrior(s, ctx, folder))
    with database.read() as session:
        listing = timelog.list_entries(session, ctx, *ctx.day_bounds(date(2026, 11, 20)))
    assert [(e.activity, e.video_title, e.note, e.source) for e in listing.entries] == [
        ("edit", "Unknown case 14", "take 2; tags: client x", "timew"),
        ("admin", None, "", "timew"),
        ("other", None, "no tags at all", "timew"),
    ]
    assert [(t.new, t.already) for t in result.tallies] == [(3, 0), (1, 0)]


def test_of_several_plain_tags_the_one_naming_a_video_on_the_board_is_the_video(
    database, ctx, tmp_path
):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14", stage="edit"))
    folder = new_database(tmp_path / "tw")
    (folder / "data" / "2026-11.data").write_text(
        'inc 20261120T190000Z - 20261120T200000Z # "client x" "unknown case 14"\n'
        'inc 20261120T200000Z - 20261120T203000Z # "client x" zebra\n'
    )
    database.run_write(lambda s: import_timewarrior(s, ctx, folder))
    with database.read() as session:
        listing = timelog.list_entries(session, ctx, *ctx.day_bounds(date(2026, 11, 20)))
    assert [(e.activity, e.video_number, e.note) for e in listing.entries] == [
        ("edit", 1, "tags: client x"),
        ("other", 2, "tags: zebra"),
    ]


def test_a_running_interval_becomes_the_timer_and_is_finished_by_the_next_import(
    database, ctx, tmp_path
):
    folder = new_database(tmp_path / "tw")
    month = folder / "data" / "2026-11.data"
    month.write_text("inc 20261125T070000Z # Pilot edit\n")  # 08:00 in Berlin; now is 10:00
    database.run_write(lambda s: import_timewarrior(s, ctx, folder))
    with database.read() as session:
        running = timelog.running_timer(session, ctx)
    assert running is not None and (running.number, running.activity) == (1, "edit")

    month.write_text("inc 20261125T070000Z - 20261125T083000Z # Pilot edit\n")
    result = database.run_write(lambda s: import_timewarrior(s, ctx, folder))

    assert "1 running timer(s) finished where Timewarrior stopped them" in result.notes
    with database.read() as session:
        assert timelog.running_timer(session, ctx) is None
        (entry,) = timelog.list_entries(session, ctx, *ctx.day_bounds(ctx.today())).entries
    assert entry.seconds == 90 * 60
    again = database.run_write(lambda s: import_timewarrior(s, ctx, folder))
    assert [(t.new, t.already) for t in again.tallies] == [(0, 1), (0, 0)]


def test_a_running_interval_is_refused_while_a_tracker_timer_runs(database, ctx, tmp_path):
    folder = new_database(tmp_path / "tw")
    (folder / "data" / "2026-11.data").write_text("inc 20261125T070000Z # Pilot\n")
    database.run_write(lambda s: timelog.start_timer(s, ctx, None))
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_timewarrior(s, ctx, folder, shown="tw"))
    assert str(refused.value) == (
        "tw/data/2026-11.data:1: it is still running in Timewarrior, and a tracker timer is "
        "running too; stop one of them (tracker stop) and import again"
    )
    assert snapshot(database) == before


REFUSED = {
    "a line that is no interval": (
        "inc 20261120T190000Z - 20261120T200000Z # a\nexc monday <9:00\n",
        "tw/data/2026-11.data:2: not a Timewarrior interval; expected e.g. inc 20261101T090000Z "
        '- 20261101T100000Z # tag "tag two"',
    ),
    "a bad time": (
        "inc 2026-11-20 - 20261120T200000Z # a\n",
        "tw/data/2026-11.data:1: '2026-11-20' is not a Timewarrior time such as 20261101T090000Z",
    ),
    "tags without a #": (
        "inc 20261120T190000Z - 20261120T200000Z a b\n",
        "tw/data/2026-11.data:1: expected # before the tags, found 'a'",
    ),
    "two intervals that overlap": (
        "inc 20261120T190000Z - 20261120T200000Z # a\n"
        "inc 20261120T193000Z - 20261120T203000Z # b\n",
        "tw/data/2026-11.data:2: this interval (Fri 20 Nov 20:30–21:30) overlaps the interval "
        "at tw/data/2026-11.data:1 (Fri 20 Nov 20:00–21:00)",
    ),
    "two running intervals": (
        "inc 20261124T190000Z # a\ninc 20261125T070000Z # b\n",
        "tw/data/2026-11.data:2: it is still running, and so is the interval at "
        "tw/data/2026-11.data:1",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_line_is_refused_with_its_file_and_line(database, ctx, tmp_path, case):
    text, message = REFUSED[case]
    folder = new_database(tmp_path / "tw")
    (folder / "data" / "2026-11.data").write_text(text)
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_timewarrior(s, ctx, folder, shown="tw"))
    assert str(refused.value).startswith(message)
    assert snapshot(database) == before


def test_a_folder_without_timewarrior_data_is_refused(database, ctx, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "undo.data").write_text("txn:\n")
    with pytest.raises(InputError, match="holds no month files"):
        database.run_write(lambda s: import_timewarrior(s, ctx, tmp_path))
    with pytest.raises(InputError, match="has no data folder"):
        database.run_write(lambda s: import_timewarrior(s, ctx, tmp_path / "data"))


def test_the_default_folder_is_timewarriors(monkeypatch, tmp_path):
    monkeypatch.setenv("TIMEWARRIORDB", str(tmp_path / "tw"))
    assert default_folder() == tmp_path / "tw"
    monkeypatch.delenv("TIMEWARRIORDB")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert default_folder() == tmp_path / ".timewarrior"
    (tmp_path / "share" / "timewarrior").mkdir(parents=True)
    assert default_folder() == tmp_path / "share" / "timewarrior"
