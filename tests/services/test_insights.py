"""The numbers behind the charts, against values worked out by hand, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from tests.conftest import ZONE
from tracker import charts
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


def test_published_videos_and_their_length_count_in_the_week_they_went_out(database, ctx, clock):
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs"))
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"actual_seconds": 59}))
    clock.current = at(24, 18)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    clock.current = at(25, 10)
    log(database, ctx, at(23, 19), at(23, 21), "1", "edit")
    with database.read() as session:
        [week] = insights.effort_vs_output(session, ctx, 1)
    assert (week.published, week.published_seconds, week.video_hours) == (1, 59, (2.0,))
    assert week.hours_per_video == week.rolling_hours_per_video == 2.0
    headers, [row] = charts.table_effort([week])
    assert row[headers.index("Length out")] == "1m", "rounded by the shared formatter"


def test_hours_per_video_are_the_hours_logged_on_the_video_not_the_weeks_hours(
    database, ctx, clock
):
    """7.25 h went into a video over three weeks; the week it went out had 0.2 h of other work.
    The week's figure is 7.3 h a video, not 0.2 (the week's hours over one video)."""
    from tracker.services.members import add_member

    ben = replace(ctx, member_id=database.run_write(lambda s: add_member(s, "ben")))
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs", stage="edit"))
    log(database, ctx, at(9, 19), at(9, 23), "1", "edit")  # 4 h, two weeks before
    log(database, ben, at(16, 20), at(16, 22), "1", "review")  # 2 h, by someone else
    log(database, ctx, at(23, 8), at(23, 8, 12), activity="admin")  # 0.2 h this week
    clock.current = at(25, 9)
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1", activity="edit"))
    clock.current = at(25, 10, 15)  # the running timer counts up to now: 1.25 h
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    with database.read() as session:
        weeks = insights.effort_vs_output(session, ctx, 3)
    this_week = weeks[-1]
    assert (this_week.published, this_week.video_hours) == (1, (7.25,))
    headers, rows = charts.table_hours_per_video(weeks)
    assert rows[-1][headers.index("Median h per video")] == "7.3"
    assert rows[-1][headers.index("Hours logged on each")] == "7.3"
    headers, rows = charts.table_effort(weeks)
    assert rows[-1][headers.index("Median h logged per video")] == "7.3"
    assert rows[-1][headers.index("Hours")] == "1.5", "the week's own hours: 0.2 + 1.25"


def test_the_rolling_figure_is_the_median_of_the_videos_of_the_week_and_the_three_before(
    database, ctx, clock
):
    hours_by_day = ((26, 10.0), (3, 1.0), (17, 3.0), (23, 2.0), (24, 8.0))  # Oct 26, Nov 3...
    for number, (day, hours) in enumerate(hours_by_day, start=1):
        month = 10 if day == 26 else 11
        start = datetime(2026, month, day, 8, tzinfo=ZONE)
        clock.current = start + timedelta(hours=hours, minutes=1)
        database.run_write(lambda s, n=number: board.add_video(s, ctx, f"Video {n}"))
        log(database, ctx, start, start + timedelta(hours=hours), str(number), "edit")
        database.run_write(lambda s, n=number: board.move_video(s, ctx, str(n), "published"))
    clock.current = at(25, 10)
    with database.read() as session:
        weeks = insights.effort_vs_output(session, ctx, 2)
    last, first = weeks[-1], weeks[0]
    assert (last.hours_per_video, last.rolling_hours_per_video) == (5.0, 2.5), (
        "the 2 and 8 h of this week with 1 and 3 h before; the 10 h of Oct 26 is outside"
    )
    assert (first.hours_per_video, first.rolling_hours_per_video) == (3.0, 3.0), (
        "the first week shown reaches back to Oct 26, before the period: 10, 1 and 3 h"
    )


def test_chart_json_carries_the_figures_the_table_shows(database, ctx, clock):
    from tracker.services.views import to_json

    database.run_write(lambda s: board.add_video(s, ctx, "Five signs"))
    log(database, ctx, at(16, 19), at(16, 22), "1", "edit")
    clock.current = at(17, 9)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    clock.current = at(25, 10)
    chart = charts.CHARTS["hours-per-video"]
    with database.read() as session:
        data = chart.data(session, ctx, 2)
    [earlier, this_week] = to_json(data)
    assert (earlier["hours_per_video"], earlier["rolling_hours_per_video"]) == (3.0, 3.0)
    assert (this_week["hours_per_video"], this_week["rolling_hours_per_video"]) == (None, 3.0)
    _headers, rows = chart.table(data)
    assert [row[-2:] for row in rows] == [("3.0", "3.0"), ("-", "3.0")]


def test_the_threshold_reads_the_same_hours_per_video_as_the_charts(database, ctx, clock):
    from tracker.services.sustainability import gather_facts

    database.run_write(lambda s: board.add_video(s, ctx, "Five signs"))
    log(database, ctx, at(16, 19), at(16, 21, 30), "1", "edit")
    clock.current = at(24, 18)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    with database.read() as session:
        facts = gather_facts(session, ctx)
        [video] = insights.published_videos(session, ctx, at(1, 0), at(26, 0))
    assert [(p.at, p.hours) for p in facts.published] == [(at(24, 18), 2.5)]
    assert (video.number, video.published_at, video.hours) == (1, at(24, 18), 2.5)


def test_published_videos_are_read_from_start_up_to_but_not_including_end(database, ctx, clock):
    for day in (23, 24):
        clock.current = at(day, 0)
        database.run_write(lambda s, d=day: board.add_video(s, ctx, f"Out {d}", stage="published"))
    with database.read() as session:
        videos = insights.published_videos(session, ctx, at(23, 0), at(24, 0))
    assert [video.title for video in videos] == ["Out 23"]


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


def test_a_card_created_as_published_or_moved_on_at_once_gets_no_cycle_time(database, ctx, clock):
    database.run_write(lambda s: board.add_video(s, ctx, "Straight out", stage="published"))
    with database.read() as session:
        assert insights.cycle_times(session, ctx, 12) == [], "no stage was gone through"
    database.run_write(lambda s: board.add_video(s, ctx, "Quick"))
    database.run_write(lambda s: board.move_video(s, ctx, "2", "script"))  # the same instant
    clock.advance(days=2)
    database.run_write(lambda s: board.move_video(s, ctx, "2", "published"))
    with database.read() as session:
        times = {t.stage: t for t in insights.cycle_times(session, ctx, 12)}
    assert set(times) == {"script", "idea → published"}, "no stay of no time in idea"
    assert (times["script"].median_days, times["idea → published"].cards) == (2.0, 1)
    assert all(t.median_days > 0 for t in times.values())
    _headers, rows = charts.table_cycle_times(list(times.values()))
    assert not any(cell.startswith("-") for row in rows for cell in row)


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


def test_cards_per_stage_at_any_moment_match_the_moves_made_before_it(database, ctx, clock):
    """The count at a moment is worked out from the board now with later moves taken back;
    here it is checked against replaying every move up to that moment."""
    steps = [
        (at(2, 9), lambda s: board.add_video(s, ctx, "A")),
        (at(2, 9), lambda s: board.add_video(s, ctx, "B", stage="script")),
        (at(3, 9), lambda s: board.move_video(s, ctx, "1", "script")),
        (at(3, 9), lambda s: board.move_video(s, ctx, "1", "edit")),  # same instant: in order
        (at(9, 12), lambda s: board.add_video(s, ctx, "C")),
        (at(10, 8), lambda s: board.move_video(s, ctx, "2", "published")),
        (at(12, 8), lambda s: board.move_video(s, ctx, "2", "edit")),  # taken back out
        (at(14, 8), lambda s: board.remove_video(s, ctx, "3")),
        (at(20, 8), lambda s: board.move_video(s, ctx, "1", "review")),
    ]
    for moment, step in steps:
        clock.current = moment
        database.run_write(step)
    clock.current = at(25, 10)
    replayed = {
        at(2, 8): {},
        at(2, 9): {},  # the moment itself: a move at it counts from then on
        at(3, 10): {"edit": 1, "script": 1},
        at(10, 9): {"edit": 1, "published": 1},  # a removed card (C) leaves every count,
        at(13, 0): {"edit": 2},  # as it leaves the cumulative flow
        at(21, 0): {"edit": 1, "review": 1},
        at(25, 10): {"edit": 1, "review": 1},
    }
    with database.read() as session:
        counted = {moment: insights.cards_per_stage(session, moment) for moment in replayed}
    assert counted == replayed


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
    clock.advance(hours=-3)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    clock.advance(hours=3)
    database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 100}, at(25, 8)))
    database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 900, "likes": 40}, None))
    with pytest.raises(InputError, match="from then on"):
        database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 1}, at(25, 6)))
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
