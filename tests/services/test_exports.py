"""CSV for spreadsheets, iCalendar for calendars, and exports written whole or not at all."""

from __future__ import annotations

import csv
import io
import os
import stat
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from tests.conftest import ZONE
from tracker.core.errors import InputError
from tracker.services import board, exports, timelog


def add(database, ctx, title, **options):
    return database.run_write(lambda s: board.add_video(s, ctx, title, **options))


def entries_csv(database, ctx) -> list[list[str]]:
    stream = io.StringIO(newline="")
    with database.read() as session:
        exports.write_entries_csv(session, ctx, stream)
    return list(csv.reader(io.StringIO(stream.getvalue(), newline="")))


def videos_csv(database, ctx) -> list[dict[str, str]]:
    stream = io.StringIO(newline="")
    with database.read() as session:
        exports.write_videos_csv(session, ctx, stream)
    return list(csv.DictReader(io.StringIO(stream.getvalue(), newline="")))


def calendar(database) -> Calendar:
    stream = io.StringIO(newline="")
    with database.read() as session:
        exports.write_calendar(session, stream)
    return Calendar.from_ical(stream.getvalue())


def events(database) -> dict[str, tuple[str, object, int]]:
    """UID -> (summary, start, sequence) of every event."""
    return {
        str(event["uid"]): (str(event["summary"]), event.decoded("dtstart"), int(event["sequence"]))
        for event in calendar(database).walk("VEVENT")
    }


def test_entries_have_readable_columns_in_the_members_zone(database, ctx, clock):
    add(database, ctx, "Unknown case 14", stage="edit")
    start = datetime(2026, 11, 24, 21, 0, tzinfo=ZONE)
    database.run_write(
        lambda s: timelog.log_entry(s, ctx, "1", start, start + timedelta(minutes=90), note="cut")
    )
    database.run_write(lambda s: timelog.start_timer(s, ctx, None, activity="admin"))
    clock.advance(minutes=30)
    header, first, running = entries_csv(database, ctx)
    assert header == list(exports.ENTRY_HEADERS)
    assert first == [
        "1",
        "2026-11-24",
        "2026-11-24 21:00",
        "2026-11-24 22:30",
        "1.5",
        "edit",
        "1",
        "Unknown case 14",
        "cut",
        "ana",
    ]
    assert running[2:5] == ["2026-11-25 10:00", "", "0.5"]  # a running timer counts up to now


def test_deleted_entries_are_left_out(database, ctx):
    start = datetime(2026, 11, 24, 9, 0, tzinfo=ZONE)
    for hour in (0, 2):
        begin = start + timedelta(hours=hour)
        database.run_write(
            lambda s, b=begin: timelog.log_entry(s, ctx, None, b, b + timedelta(hours=1))
        )
    database.run_write(lambda s: timelog.remove_entry(s, ctx, 1))
    assert [row[0] for row in entries_csv(database, ctx)[1:]] == ["2"]


def test_text_typed_by_people_cannot_run_as_a_formula_but_our_numbers_stay_numbers(database, ctx):
    add(database, ctx, '=HYPERLINK("http://example.com","click")', platforms=("youtube",))
    add(database, ctx, "-1 reasons to watch", tags=("tutorial",))
    start = datetime(2026, 11, 24, 9, 0, tzinfo=ZONE)
    database.run_write(
        lambda s: timelog.log_entry(s, ctx, "1", start, start + timedelta(hours=1), note="@SUM(A1)")
    )
    first, second = videos_csv(database, ctx)
    assert first["Title"] == '\'=HYPERLINK("http://example.com","click")'
    assert second["Title"] == "'-1 reasons to watch"
    assert first["Hours logged"] == "1.0"
    entry = entries_csv(database, ctx)[1]
    assert entry[7:9] == ['\'=HYPERLINK("http://example.com","click")', "'@SUM(A1)"]


def test_videos_of_every_stage_are_listed_by_number_with_their_details(database, ctx):
    add(
        database,
        ctx,
        "Unknown case 14",
        platforms=("youtube", "instagram"),
        due_on=date(2026, 12, 2),
    )
    add(database, ctx, "Chest X-ray basics", stage="published")
    add(database, ctx, "Radiology puns", stage="dropped")
    add(database, ctx, "Gone")
    database.run_write(lambda s: board.remove_video(s, ctx, "4"))
    changes = {"actual_seconds": 210, "series": "Unknown cases", "case_number": 14}
    database.run_write(lambda s: board.edit_video(s, ctx, "1", changes))
    rows = videos_csv(database, ctx)
    assert [(row["Video"], row["Stage"]) for row in rows] == [
        ("1", "idea"),
        ("2", "published"),
        ("3", "dropped"),
    ]
    first = rows[0]
    assert (first["Platforms"], first["Due"], first["Length"]) == (
        "youtube, instagram",
        "2026-12-02",
        "3m30s",
    )
    assert (first["Series"], first["Case"], first["Published"]) == ("Unknown cases", "14", "")
    assert rows[1]["Published"] == "2026-11-25 10:00"


def test_the_calendar_holds_due_dates_and_publish_times_but_not_dropped_or_deleted(database, ctx):
    due = date(2026, 12, 2)
    add(database, ctx, "Unknown case 14", due_on=due)
    add(database, ctx, "Dropped one", due_on=due)
    add(database, ctx, "Deleted one", due_on=due)
    add(database, ctx, "No dates")
    publish = datetime(2026, 12, 3, 18, 0, tzinfo=ZONE)

    def changes(session):
        board.drop_video(session, ctx, "2")
        board.remove_video(session, ctx, "3")
        board.resolve_video(session, "1").publish_at = publish

    database.run_write(changes)
    with database.read() as session:
        video_id = board.resolve_video(session, "1").id
    assert events(database) == {
        f"{video_id}-due@tracker": ("Due: #1 Unknown case 14", due, 2),
        f"{video_id}-publish@tracker": ("Publish: #1 Unknown case 14", publish, 2),
    }


def test_a_later_export_updates_the_same_events(database, ctx, clock):
    add(database, ctx, "Unknown case 14", due_on=date(2026, 12, 2))
    once = io.StringIO()
    again = io.StringIO()
    with database.read() as session:
        exports.write_calendar(session, once)
        exports.write_calendar(session, again)
    assert once.getvalue() == again.getvalue()
    ((uid, (_summary, _start, sequence)),) = events(database).items()
    clock.advance(hours=1)
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"due_on": date(2026, 12, 4)}))
    ((moved_uid, (_summary, start, moved_sequence)),) = events(database).items()
    assert (moved_uid, start) == (uid, date(2026, 12, 4))
    assert moved_sequence > sequence
    event = next(iter(calendar(database).walk("VEVENT")))
    assert event.decoded("last-modified") == clock().replace(microsecond=0)


# Writing files


def test_an_export_file_is_private_and_written_whole(tmp_path):
    path = tmp_path / "out.csv"
    assert exports.write_output(path, lambda stream: stream.write("a,b\r\n"), force=False) == 5
    assert path.read_bytes() == b"a,b\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["out.csv"]


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    path = tmp_path / "out.json"
    path.write_text("precious")
    with pytest.raises(InputError, match="already exists; add --force"):
        exports.write_output(path, lambda stream: stream.write("new"), force=False)
    assert path.read_text() == "precious"
    exports.write_output(path, lambda stream: stream.write("new"), force=True)
    assert path.read_text() == "new"
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_file_that_appears_while_the_export_runs_is_not_replaced(tmp_path):
    path = tmp_path / "out.json"

    def produce(stream):
        path.write_text("written meanwhile")
        stream.write("export")

    with pytest.raises(InputError, match="appeared while the export was written"):
        exports.write_output(path, produce, force=False)
    assert path.read_text() == "written meanwhile"
    assert os.listdir(tmp_path) == ["out.json"]


def test_a_failed_export_leaves_no_file_behind(tmp_path):
    path = tmp_path / "out.json"

    def produce(stream):
        stream.write("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        exports.write_output(path, produce, force=False)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    ("name", "message"),
    [(".", "is a folder"), ("missing/out.json", "The folder .*missing does not exist")],
)
def test_a_folder_or_a_missing_folder_is_refused(tmp_path, name, message):
    with pytest.raises(InputError, match=message):
        exports.write_output(tmp_path / name, lambda stream: stream.write("x"), force=True)
    assert os.listdir(tmp_path) == []
