"""The day totals always equal the sums of the entries, whatever was written, and reports
read the same hours from them as from the entries themselves."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import col, delete, select

from tests.conftest import ZONE
from tracker.core.errors import TrackerError
from tracker.db.models import DayTotal, TotalsLedger
from tracker.services import board, insights, reports, timelog, totals
from tracker.services.context import Context
from tracker.services.members import add_member

FIRST_DAY = date(2026, 10, 20)  # the clocks go back on 25 October in Berlin
DAYS = 30
ACTIVITIES = ("script", "edit", "admin")

operation = st.tuples(
    st.sampled_from(["log", "log", "log", "edit", "remove", "start", "stop"]),
    st.integers(0, DAYS - 1),  # day
    st.integers(0, 23 * 4),  # quarter hour of the day
    st.integers(1, 20 * 4),  # length in quarter hours: some cross midnight
    st.integers(0, 5),  # which activity or video, which entry
)


def kept(database, ctx) -> dict[tuple[date, object, str], float]:
    with database.read() as session:
        rows = session.execute(
            select(DayTotal.day, DayTotal.video_id, DayTotal.activity, DayTotal.seconds).where(
                col(DayTotal.member_id) == ctx.member_id
            )
        ).all()
    sums: dict[tuple[date, object, str], float] = {}
    for day, video_id, activity, seconds in rows:
        sums[(day, video_id, activity)] = sums.get((day, video_id, activity), 0) + seconds
    return sums


def apply(database, ctx, clock, videos, kind, day, quarter, length, pick) -> None:
    start = datetime.combine(FIRST_DAY + timedelta(days=day), datetime.min.time(), tzinfo=ZONE)
    start += timedelta(minutes=15 * quarter)
    end = start + timedelta(minutes=15 * length)
    ref = str(videos[pick % len(videos)]) if pick % 2 else None
    activity = ACTIVITIES[pick % len(ACTIVITIES)]
    clock.current = max(clock.current, end + timedelta(minutes=1))

    def write(session):
        numbers = [
            e.number
            for e in timelog.list_entries(
                session, ctx, ctx.day_start(FIRST_DAY), clock.current
            ).entries
        ]
        if kind == "log":
            timelog.log_entry(session, ctx, ref, start, end, activity=activity)
        elif kind == "edit" and numbers:
            changes = {"start_at": start, "end_at": end, "activity": activity}
            timelog.edit_entry(session, ctx, numbers[pick % len(numbers)], changes)
        elif kind == "remove" and numbers:
            timelog.remove_entry(session, ctx, numbers[pick % len(numbers)])
        elif kind == "start":
            timelog.start_timer(session, ctx, ref, activity=activity, at=start)
        elif kind == "stop":
            timelog.stop_timer(session, ctx, at=end)

    with suppress(TrackerError):  # an overlap, no timer to stop...: refused, nothing changed
        database.run_write(write)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_totals_equal_a_fresh_count_and_reports_read_the_same_hours(
    database, ctx, clock, operations
):
    name = f"m{abs(hash(tuple(operations)))}"
    member_id = database.run_write(lambda s: add_member(s, name))
    ctx = Context(member_id=member_id, settings=ctx.settings, zone=ZONE, clock=clock)
    clock.current = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)
    videos = [
        database.run_write(lambda s, t=title: board.add_video(s, ctx, t)).number
        for title in (f"{name} one", f"{name} two")
    ]
    for step in operations:
        apply(database, ctx, clock, videos, *step)

    written = kept(database, ctx)
    database.run_write(lambda s: totals.rebuild(s, member_id, ZONE))
    fresh = kept(database, ctx)
    assert written.keys() == fresh.keys()
    assert all(written[key] == pytest.approx(fresh[key]) for key in fresh)

    days = [ctx.day_bounds(FIRST_DAY + timedelta(days=n)) for n in range(DAYS + 2)]
    weeks = [ctx.week_bounds(FIRST_DAY + timedelta(weeks=n)) for n in range(5)]
    with database.read() as session:
        for bounds in (days, weeks):
            for key in ("activity", "video_id"):
                assert totals.serve(session, ctx, (member_id,), bounds)
                served = totals.hours_in_periods(session, ctx, bounds, (member_id,), key)
                summed = insights.split_entry_hours(session, ctx, bounds, (member_id,), key)
                assert _rounded(served) == _rounded(summed)


def _rounded(hours: dict[int, dict[object, float]]) -> dict[int, dict[object, float]]:
    """Hours to the second, without groups of none (the entries' sum keeps an empty one)."""
    return {
        n: {key: round(value * 3600) for key, value in groups.items() if round(value * 3600)}
        for n, groups in hours.items()
        if any(round(value * 3600) for value in groups.values())
    }


def test_a_day_of_summer_time_ending_has_25_hours_and_the_totals_know_it(database, ctx, clock):
    clock.current = datetime(2026, 10, 26, 12, 0, tzinfo=ZONE)
    start = datetime(2026, 10, 25, 0, 0, tzinfo=ZONE)
    end = start.astimezone(UTC) + timedelta(hours=24)  # 23:00 local: the day has 25 hours
    database.run_write(lambda s: timelog.log_entry(s, ctx, None, start, end))
    assert list(totals.split_by_day(start, end, ZONE)) == [
        (date(2026, 10, 25), 24 * 3600.0)  # 00:00 to 23:00 local is 24 hours that day
    ]
    day = ctx.day_bounds(date(2026, 10, 25))
    with database.read() as session:
        by_day = reports._by_day(
            session,
            ctx,
            reports.Period("days", date(2026, 10, 25), date(2026, 10, 26)),
            (ctx.member_id,),
        )
        assert by_day[0].hours == 24.0
        assert insights.hours_by_activity(session, ctx, [day])[0] == {"other": 24.0}


def test_a_reader_in_another_zone_gets_the_entries_summed_in_theirs(database, ctx, clock):
    start = datetime(2026, 11, 20, 23, 0, tzinfo=ZONE)  # 22:00 UTC
    database.run_write(lambda s: timelog.log_entry(s, ctx, None, start, start + timedelta(hours=2)))
    utc = Context(member_id=ctx.member_id, settings=ctx.settings, zone=ZoneInfo("UTC"), clock=clock)
    nov_20 = utc.day_bounds(date(2026, 11, 20))
    with database.read() as session:
        assert not totals.serve(session, utc, (ctx.member_id,), [nov_20])
        assert insights.hours_by_activity(session, utc, [nov_20]) == {0: {"other": 2.0}}
        assert insights.hours_by_activity(session, ctx, [ctx.day_bounds(date(2026, 11, 20))]) == {
            0: {"other": 1.0}
        }


def test_a_running_timer_counts_up_to_now_on_each_day_it_reaches(database, ctx, clock):
    clock.current = datetime(2026, 11, 24, 22, 0, tzinfo=ZONE)
    database.run_write(lambda s: timelog.start_timer(s, ctx, None))
    clock.current = datetime(2026, 11, 25, 1, 30, tzinfo=ZONE)
    days = [ctx.day_bounds(date(2026, 11, 24)), ctx.day_bounds(date(2026, 11, 25))]
    with database.read() as session:
        assert totals.serve(session, ctx, (ctx.member_id,), days)
        assert insights.hours_by_activity(session, ctx, days) == {
            0: {"other": 2.0},
            1: {"other": 1.5},
        }


def test_a_running_timer_counts_the_same_by_day_as_by_period(database, ctx, clock):
    clock.current = datetime(2026, 11, 24, 22, 0, tzinfo=ZONE)
    database.run_write(lambda s: timelog.start_timer(s, ctx, None))
    clock.current = datetime(2026, 11, 26, 0, 45, tzinfo=ZONE)
    first, end = date(2026, 11, 24), date(2026, 11, 27)
    days = [ctx.day_bounds(first + timedelta(days=n)) for n in range((end - first).days)]

    with database.read() as session:
        by_day = totals.hours_by_day(session, ctx, first, end, (ctx.member_id,))
        by_period = totals.hours_in_periods(session, ctx, days, (ctx.member_id,), "activity")
        only_the_25th = totals.hours_by_day(
            session, ctx, date(2026, 11, 25), date(2026, 11, 26), (ctx.member_id,)
        )

    assert by_day == {date(2026, 11, 24): 2.0, date(2026, 11, 25): 24.0, date(2026, 11, 26): 0.75}
    assert by_period == {0: {"other": 2.0}, 1: {"other": 24.0}, 2: {"other": 0.75}}
    assert only_the_25th == {date(2026, 11, 25): 24.0}


def test_published_hours_are_the_same_from_the_totals_and_from_the_entries(database, ctx, clock):
    clock.current = datetime(2026, 11, 20, 9, 0, tzinfo=ZONE)
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs", stage="edit"))
    start = datetime(2026, 11, 18, 23, 0, tzinfo=ZONE)
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", start, start + timedelta(hours=2)))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))  # still going on it
    clock.current = datetime(2026, 11, 20, 9, 30, tzinfo=ZONE)
    week = ctx.week_bounds(date(2026, 11, 20))

    with database.read() as session:
        assert totals.complete(session)
        [from_totals] = insights.published_videos(session, ctx, *week)
    database.run_write(lambda s: s.execute(delete(DayTotal)) and s.execute(delete(TotalsLedger)))
    with database.read() as session:
        assert not totals.complete(session)
        [from_entries] = insights.published_videos(session, ctx, *week)

    assert from_totals.hours == pytest.approx(from_entries.hours) == 2.5
