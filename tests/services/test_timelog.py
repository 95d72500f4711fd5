"""Timers and time entries on SQLite and PostgreSQL, with a clock that only moves when told."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import ConflictError, InputError, NotFoundError
from tracker.db.database import open_database
from tracker.db.models import TimeEntry
from tracker.services import board, timelog
from tracker.services.status import status


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


@pytest.fixture
def video(database, ctx):
    return database.run_write(lambda s: board.add_video(s, ctx, "Five signs", stage="edit"))


def log(database, ctx, ref, start, end, **options):
    return database.run_write(lambda s: timelog.log_entry(s, ctx, ref, start, end, **options))


def test_a_timer_runs_until_stopped_and_takes_the_cards_stage_as_activity(
    database, ctx, clock, video
):
    change = database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    assert change.stopped is None
    assert (change.started.activity, change.started.running) == ("edit", True)
    clock.advance(minutes=50)
    stopped = database.run_write(lambda s: timelog.stop_timer(s, ctx))
    assert stopped.seconds == 50 * 60
    assert stopped.end_at == clock.current


def test_starting_a_second_timer_stops_the_first_where_the_second_begins(
    database, ctx, clock, video
):
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    clock.advance(minutes=30)
    change = database.run_write(lambda s: timelog.start_timer(s, ctx, None, activity="admin"))
    assert change.stopped is not None
    assert change.stopped.end_at == change.started.start_at == clock.current
    with database.read() as session:
        assert timelog.running_timer(session, ctx).activity == "admin"


def test_a_running_timer_survives_closing_and_reopening_the_database(
    database, db_url, ctx, clock, video
):
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    database.dispose()
    clock.advance(hours=1)
    reopened = open_database(db_url)
    with reopened.read() as session:
        running = timelog.running_timer(session, ctx)
    reopened.dispose()
    assert running is not None and running.seconds == 3600


def test_the_database_itself_allows_one_running_timer_per_member(database, ctx, clock):
    with pytest.raises(IntegrityError), database.write() as session:
        for number in (1, 2):
            session.add(
                TimeEntry(
                    number=number,
                    member_id=ctx.member_id,
                    activity="admin",
                    start_at=clock.current - timedelta(hours=number),
                )
            )
            session.flush()


def test_stopping_without_a_running_timer_says_how_to_start_one(database, ctx):
    with pytest.raises(NotFoundError, match="tracker start"):
        database.run_write(lambda s: timelog.stop_timer(s, ctx))


def test_stopping_before_the_start_is_refused_and_the_timer_keeps_running(
    database, ctx, clock, video
):
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    before = snapshot(database)
    with pytest.raises(InputError, match="stop it after that"):
        database.run_write(lambda s: timelog.stop_timer(s, ctx, at=clock.current - timedelta(1)))
    assert snapshot(database) == before


def test_a_timer_forgotten_for_over_a_day_asks_when_work_really_stopped(
    database, ctx, clock, video
):
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    clock.advance(hours=30)
    with pytest.raises(InputError, match="over 24 hours ago; say when you really stopped"):
        database.run_write(lambda s: timelog.stop_timer(s, ctx))
    with pytest.raises(InputError, match="over 24 hours ago"):
        database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    with database.read() as session:
        assert timelog.seconds_logged(session, ctx, *ctx.day_bounds(clock.current.date())) == (
            16 * 3600
        ), "a running timer still counts today's share"
    stopped = database.run_write(lambda s: timelog.stop_timer(s, ctx, at=at(25, 18)))
    assert stopped.seconds == 8 * 3600


def test_logged_work_is_listed_with_totals_by_activity(database, ctx, video):
    log(database, ctx, "1", at(25, 7), at(25, 8, 30))
    log(database, ctx, None, at(25, 8, 30), at(25, 9), activity="comments", note="replies")
    with database.read() as session:
        listing = timelog.list_entries(session, ctx, *ctx.day_bounds(at(25, 0).date()))
    assert [(e.activity, e.seconds, e.note) for e in listing.entries] == [
        ("edit", 5400, ""),
        ("comments", 1800, "replies"),
    ]
    assert listing.total_seconds == 7200
    assert [(t.activity, t.seconds) for t in listing.by_activity] == [
        ("edit", 5400),
        ("comments", 1800),
    ]


def test_an_entry_across_midnight_counts_on_each_day_for_its_share(database, ctx, video):
    log(database, ctx, "1", at(23, 23), at(24, 1, 30))
    with database.read() as session:
        monday = timelog.seconds_logged(session, ctx, *ctx.day_bounds(at(23, 0).date()))
        tuesday = timelog.seconds_logged(session, ctx, *ctx.day_bounds(at(24, 0).date()))
        shown_on_tuesday = timelog.list_entries(session, ctx, *ctx.day_bounds(at(24, 0).date()))
    assert (monday, tuesday) == (3600, 5400)
    assert [e.seconds for e in shown_on_tuesday.entries] == [9000]


def test_an_entry_across_the_week_boundary_is_split_between_the_weeks(database, ctx, video):
    log(database, ctx, "1", at(22, 23), at(23, 0, 45))  # Sunday night into Monday
    with database.read() as session:
        last_week = timelog.seconds_logged(session, ctx, *ctx.week_bounds(at(22, 0).date()))
        this_week = timelog.seconds_logged(session, ctx, *ctx.week_bounds(at(25, 0).date()))
    assert (last_week, this_week) == (3600, 2700)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (at(25, 8), at(25, 9)),  # the same times
        (at(25, 7), at(25, 8, 1)),  # ends inside
        (at(25, 8, 59), at(25, 9, 30)),  # starts inside
        (at(25, 7), at(25, 10)),  # covers it
    ],
)
def test_overlapping_work_is_refused_naming_the_entry_and_changes_nothing(
    database, ctx, video, start, end
):
    log(database, ctx, "1", at(25, 8), at(25, 9))
    before = snapshot(database)
    with pytest.raises(ConflictError, match=r"overlaps entry 1 \(Wed 25 Nov 08:00–09:00, edit"):
        log(database, ctx, None, start, end, activity="admin")
    assert snapshot(database) == before


def test_back_to_back_entries_do_not_overlap(database, ctx, video):
    log(database, ctx, "1", at(25, 8), at(25, 9))
    log(database, ctx, "1", at(25, 9), at(25, 9, 30))
    with database.read() as session:
        assert timelog.seconds_logged(session, ctx, *ctx.day_bounds(at(25, 0).date())) == 5400


def test_logging_over_a_running_timer_is_refused(database, ctx, clock, video):
    clock.advance(hours=1)
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1", at=at(25, 10, 30)))
    with pytest.raises(ConflictError, match="running"):
        log(database, ctx, None, at(25, 10, 45), at(25, 10, 55))


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (at(25, 9), at(25, 8), "must come after the start"),
        (at(25, 9), at(25, 9), "must come after the start"),
        (at(25, 9, 30), at(25, 11), "in the future"),
        (at(23, 8), at(24, 9), "at most 24 hours"),
    ],
)
def test_impossible_spans_are_refused(database, ctx, video, start, end, message):
    before = snapshot(database)
    with pytest.raises(InputError, match=message):
        log(database, ctx, "1", start, end)
    assert snapshot(database) == before


def test_an_unknown_activity_lists_the_allowed_ones(database, ctx, video):
    with pytest.raises(InputError, match=r"use one of idea, script.*admin, learning"):
        log(database, ctx, "1", at(25, 8), at(25, 9), activity="gaming")


def test_editing_an_entry_moves_it_and_rechecks_overlaps(database, ctx, video):
    log(database, ctx, "1", at(25, 7), at(25, 8))
    log(database, ctx, "1", at(25, 8), at(25, 9))
    edited = database.run_write(
        lambda s: timelog.edit_entry(s, ctx, 2, {"duration": timedelta(minutes=20), "note": "cut"})
    )
    assert (edited.end_at, edited.note) == (at(25, 8, 20), "cut")
    with pytest.raises(ConflictError, match="overlaps entry 1"):
        database.run_write(lambda s: timelog.edit_entry(s, ctx, 2, {"start_at": at(25, 7, 30)}))
    moved = database.run_write(
        lambda s: timelog.edit_entry(s, ctx, 2, {"video": None, "activity": "learning"})
    )
    assert (moved.video_number, moved.activity) == (None, "learning")


def test_a_removed_entry_no_longer_counts(database, ctx, video):
    log(database, ctx, "1", at(25, 7), at(25, 8))
    database.run_write(lambda s: timelog.remove_entry(s, ctx, 1))
    with database.read() as session:
        assert timelog.seconds_logged(session, ctx, *ctx.day_bounds(at(25, 0).date())) == 0
    with pytest.raises(NotFoundError, match="no entry 1"):
        database.run_write(lambda s: timelog.remove_entry(s, ctx, 1))


def test_status_counts_the_running_timer_today_and_this_week(database, ctx, clock, video):
    log(database, ctx, "1", at(23, 20), at(23, 22))  # Monday
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1", at=at(25, 9, 15)))
    with database.read() as session:
        summary = status(session, ctx)
    assert summary.running is not None and summary.running.seconds == 45 * 60
    assert (summary.today_seconds, summary.week_seconds) == (45 * 60, 2 * 3600 + 45 * 60)
    assert summary.stage_counts["edit"] == 1 and summary.stage_counts["idea"] == 0


def test_hours_logged_show_on_the_card(database, ctx, video):
    log(database, ctx, "1", at(25, 7), at(25, 8, 30))
    with database.read() as session:
        assert board.list_videos(session, ctx)[0].logged_seconds == 5400
