"""The numbers behind the charts, against values worked out by hand, on both backends."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import ZONE
from tracker.services import board, insights, timelog


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def log(database, ctx, start, end, ref=None, activity=None):
    database.run_write(
        lambda s: timelog.log_entry(s, ctx, ref, start, end, activity=activity or "admin")
    )


def test_weekly_effort_is_split_at_midnight_and_at_the_week_boundary(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs", stage="edit"))
    log(database, ctx, at(15, 23), at(16, 1, 30), "1", "edit")  # Sun 23:00 to Mon 01:30
    log(database, ctx, at(24, 20), at(24, 21), activity="comments")
    with database.read() as session:
        weeks = insights.effort_vs_output(session, ctx, 3)
    assert [week.start.isoformat() for week in weeks] == ["2026-11-09", "2026-11-16", "2026-11-23"]
    assert weeks[0].hours_by_activity == {"edit": 1.0}
    assert weeks[1].hours_by_activity == {"edit": 1.5}
    assert weeks[2].hours_by_activity == {"comments": 1.0}
    assert sum(week.hours for week in weeks) == 3.5


def test_published_videos_and_minutes_count_in_the_week_they_went_out(database, ctx, clock):
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs"))
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"actual_seconds": 59}))
    clock.current = at(24, 18)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    clock.current = at(25, 10)
    log(database, ctx, at(23, 19), at(23, 21), "1", "edit")
    with database.read() as session:
        [week] = insights.effort_vs_output(session, ctx, 1)
    assert (week.published, round(week.published_minutes, 2), week.hours_per_video) == (
        1,
        0.98,
        2.0,
    )


def test_an_empty_period_has_every_week_with_nothing_in_it(database, ctx):
    with database.read() as session:
        weeks = insights.effort_vs_output(session, ctx, 4)
    assert len(weeks) == 4 and all(week.hours == 0 and week.published == 0 for week in weeks)


def test_a_running_timer_counts_up_to_now(database, ctx, clock):
    database.run_write(lambda s: timelog.start_timer(s, ctx, None, activity="admin"))
    clock.advance(minutes=45)
    with database.read() as session:
        [week] = insights.effort_vs_output(session, ctx, 1)
    assert week.hours_by_activity == {"admin": 0.75}
    assert timedelta(hours=week.hours) == timedelta(minutes=45)


def test_cycle_times_give_median_and_85th_percentile_days_per_stage(database, ctx, clock):
    for title in ("A", "B", "C"):
        database.run_write(lambda s, t=title: board.add_video(s, ctx, t))
    for number, days_in_edit in (("1", 2), ("2", 4), ("3", 10)):
        database.run_write(lambda s, n=number: board.move_video(s, ctx, n, "edit"))
        clock.advance(days=days_in_edit)
        database.run_write(lambda s, n=number: board.move_video(s, ctx, n, "published"))
    with database.read() as session:
        times = {t.stage: t for t in insights.cycle_times(session, ctx, 12)}
    edit = times["edit"]
    assert (edit.cards, edit.median_days, edit.p85_days) == (3, 4.0, 10.0)
    assert times["idea → published"].cards == 3
    assert "published" not in times, "cards still in a stage have no time in it yet"


def test_cumulative_flow_counts_cards_per_stage_at_the_end_of_each_day(database, ctx, clock):
    clock.current = at(20, 9)  # Friday, before the one-week window
    database.run_write(lambda s: board.add_video(s, ctx, "A"))
    clock.current = at(23, 9)
    database.run_write(lambda s: board.add_video(s, ctx, "B"))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    clock.current = at(24, 23, 30)  # late Tuesday evening
    database.run_write(lambda s: board.move_video(s, ctx, "1", "review"))
    database.run_write(lambda s: board.remove_video(s, ctx, "2"))
    clock.current = at(25, 10)
    with database.read() as session:
        flow = insights.cumulative_flow(session, ctx, 1)
    days = {day.day.isoformat(): day.counts for day in flow}
    assert len(flow) == 7 and flow[-1].day.isoformat() == "2026-11-25"
    assert days["2026-11-19"]["idea"] == 0
    assert (days["2026-11-22"]["idea"], days["2026-11-22"]["edit"]) == (1, 0)
    assert (days["2026-11-23"]["idea"], days["2026-11-23"]["edit"]) == (0, 1)
    assert (days["2026-11-24"]["edit"], days["2026-11-24"]["review"]) == (0, 1)
    assert sum(days["2026-11-25"].values()) == 1, "a removed card leaves the flow"


def test_load_puts_each_hour_in_its_weekday_and_hour_in_the_persons_zone(database, ctx):
    log(database, ctx, at(24, 22, 30), at(25, 0, 30))  # Tuesday 22:30 to Wednesday 00:30
    log(database, ctx, at(2, 20), at(2, 21))  # three weeks back: outside a two-week period
    with database.read() as session:
        [load] = insights.weekly_load(session, ctx, 2)
    assert (load.grid[1][22], load.grid[1][23], load.grid[2][0]) == (0.5, 1.0, 0.5)
    assert load.total == 2.0 and load.late_hours == 2.0


def test_engagement_is_views_per_hour_invested_from_the_latest_counts(database, ctx, clock):
    from tracker.core.errors import InputError
    from tracker.services.metrics import record_metrics

    database.run_write(lambda s: board.add_video(s, ctx, "Five signs"))
    log(database, ctx, at(23, 19), at(23, 21), "1", "edit")
    with pytest.raises(InputError, match="not published yet"):
        database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 10}, None))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 100}, at(25, 8)))
    database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 900, "likes": 40}, None))
    with pytest.raises(InputError, match="cannot be negative"):
        database.run_write(lambda s: record_metrics(s, ctx, "1", {"likes": -1}, None))
    with database.read() as session:
        [video] = insights.engagement(session, ctx, 4)
    assert (video.hours, video.views, video.views_per_hour, video.likes_per_hour) == (
        2.0,
        900,
        450.0,
        20.0,
    )
