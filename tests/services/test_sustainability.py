"""Signals from what is stored, on SQLite and PostgreSQL: the heavy week and the light one."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from tests.conftest import ZONE
from tracker.core.sustainability import ALERT, ThresholdSettings
from tracker.services import board, timelog
from tracker.services.context import Context
from tracker.services.status import status


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def with_job(ctx: Context, hours: float) -> Context:
    thresholds = ThresholdSettings(day_job_hours_per_week=hours)
    return replace(ctx, settings=replace(ctx.settings, thresholds=thresholds))


def levels(database, ctx) -> dict[str, str]:
    with database.read() as session:
        return {signal.key: signal.level for signal in status(session, ctx).signals}


def test_a_heavy_week_of_late_editing_on_top_of_a_50_hour_job_raises_alerts(database, ctx, clock):
    heavy = with_job(ctx, 50)
    database.run_write(lambda s: board.add_video(s, heavy, "Unknown case 14", stage="edit"))
    clock.current = at(28, 12)  # Saturday
    for day in (23, 24, 25, 26, 27):  # five nights, 2 h 48 min each: 14 h
        start = at(day, 22)
        database.run_write(
            lambda s, start=start: timelog.log_entry(
                s, heavy, "1", start, start + timedelta(minutes=168)
            )
        )
    found = levels(database, heavy)
    assert found["week_hours"] == ALERT and found["late_night"] == ALERT
    assert found["short_nights"] == ALERT
    with database.read() as session:
        week = next(s for s in status(session, heavy).signals if s.key == "week_hours")
    assert round(week.value) == 64 and week.limit == 55


def test_a_light_week_raises_nothing(database, ctx, clock):
    light = with_job(ctx, 40)
    clock.current = at(25, 21)
    database.run_write(lambda s: board.add_video(s, light, "Five signs"))
    for day in (23, 25):
        start = at(day, 19)
        database.run_write(
            lambda s, start=start: timelog.log_entry(
                s, light, "1", start, start + timedelta(hours=1)
            )
        )
    assert levels(database, light) == {}


def test_a_card_waiting_in_review_is_counted_from_when_it_entered_review(database, ctx, clock):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14"))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "review"))
    clock.advance(days=15)
    assert levels(database, ctx)["card_age"] == "warn"
    database.run_write(lambda s: board.move_video(s, ctx, "1", "scheduled"))
    assert "card_age" not in levels(database, ctx)


def test_a_high_check_in_score_raises_a_signal_and_prompts(database, ctx):
    from tracker.services import breaks, checkins

    database.run_write(lambda s: checkins.record_checkin(s, ctx, [0] * 6 + [1] * 6 + [4]))
    with database.read() as session:
        [signal] = [s for s in status(session, ctx).signals if s.key == "checkin"]
        assert (signal.level, signal.value) == (ALERT, 100)
        assert "talking to a professional" in signal.message
        assert breaks.due_prompts(session, ctx, [signal]) == [signal]


def test_published_videos_and_the_buffer_come_from_the_board(database, ctx, clock):
    from tracker.services.sustainability import gather_facts

    for title in ("A", "B"):
        database.run_write(lambda s, t=title: board.add_video(s, ctx, t))
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", at(24, 19), at(24, 21)))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    database.run_write(lambda s: board.move_video(s, ctx, "2", "scheduled"))
    with database.read() as session:
        facts = gather_facts(session, ctx)
    assert [(p.at, p.hours) for p in facts.published] == [(clock.current, 2.0)]
    assert (facts.ready, facts.due_soon) == (1, 0)


def test_a_check_in_with_every_item_skipped_is_refused_and_hides_nothing(database, ctx, clock):
    import pytest

    from tracker.core.errors import InputError
    from tracker.services import checkins

    database.run_write(lambda s: checkins.record_checkin(s, ctx, [0] * 13))
    clock.advance(days=30)
    with pytest.raises(InputError, match="nothing was saved"):
        database.run_write(lambda s: checkins.record_checkin(s, ctx, [None] * 13))
    with database.read() as session:
        assert checkins.checkin_due(session, ctx), "a refused check-in does not count as done"
        assert [s.level for s in status(session, ctx).signals if s.key == "checkin"] == [ALERT]
