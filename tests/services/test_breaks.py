"""Planned breaks and break prompts on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError, PlannedBreakError
from tracker.core.sustainability import Card, Facts, Limits, Signal, ThresholdSettings, Work
from tracker.services import breaks, timelog


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def signal(key: str = "pause", level: str = "warn", episode: str = "session 1") -> Signal:
    return Signal(key, level, 55, 50, "min", None, "55 minutes without a pause", episode)


def due(database, ctx, *signals: Signal) -> list[Signal]:
    with database.read() as session:
        return breaks.due_prompts(session, ctx, list(signals))


def answer(database, ctx, answer: str, *signals: Signal) -> datetime | None:
    return database.run_write(
        lambda s: breaks.answer_prompt(s, ctx, list(signals), answer, ctx.now())
    )


def test_work_inside_a_planned_break_is_refused_unless_insisted_on(database, ctx, clock):
    database.run_write(lambda s: breaks.plan_break(s, ctx, at(24, 0), at(25, 0), "rest day"))
    before = snapshot(database)
    with pytest.raises(PlannedBreakError, match="You planned a break until Wed 25 Nov 00:00"):
        database.run_write(lambda s: timelog.log_entry(s, ctx, None, at(24, 9), at(24, 10)))
    with pytest.raises(PlannedBreakError):
        database.run_write(lambda s: timelog.start_timer(s, ctx, None, at=at(24, 23)))
    assert snapshot(database) == before
    database.run_write(
        lambda s: timelog.log_entry(s, ctx, None, at(24, 9), at(24, 10), during_break=True)
    )


def test_a_break_must_end_after_it_starts(database, ctx):
    with pytest.raises(InputError, match="must end after it starts"):
        database.run_write(lambda s: breaks.plan_break(s, ctx, at(25, 0), at(24, 0)))


def test_a_prompt_answered_for_a_crossing_is_not_shown_again(database, ctx):
    assert due(database, ctx, signal()) == [signal()]
    answer(database, ctx, "dismissed", signal())
    assert due(database, ctx, signal()) == []
    assert due(database, ctx, signal(level="alert")) == [signal(level="alert")]
    assert due(database, ctx, signal(episode="session 2")) != []


def test_a_snoozed_prompt_returns_when_the_snooze_is_over(database, ctx, clock):
    until = answer(database, ctx, "snoozed", signal())
    assert until == ctx.now() + timedelta(minutes=breaks.SNOOZE_MINUTES)
    assert due(database, ctx, signal()) == []
    assert due(database, ctx, signal(level="alert")) == [], "a snooze holds for its minutes"
    with database.read() as session:
        assert breaks.next_release(session, ctx) == until
    clock.advance(minutes=16)
    assert due(database, ctx, signal()) == [signal()]


def test_every_alert_prompts_and_board_warnings_stay_on_the_status_line(database, ctx):
    board_shape = ["wip", "wip_edit", "card_age", "hours_per_video", "buffer"]
    assert due(database, ctx, *(signal(key=k) for k in board_shape)) == []
    keys = [*board_shape[:1], *board_shape[2:], "days_in_a_row", "checkin", "late_night"]
    alerts = [signal(key=k, level="alert") for k in keys]
    assert due(database, ctx, *alerts) == alerts
    warnings = [signal(key=k) for k in ("days_in_a_row", "day_hours", "pause")]
    assert due(database, ctx, *warnings, alerts[0]) == [alerts[0], *warnings], "alerts first"


def test_the_families_are_defined_once(database, ctx):
    assert breaks.family("days_in_a_row") == breaks.family("late_night") == breaks.DAILY_LOAD
    assert breaks.family("wip_review") == breaks.family("card_age") == breaks.BOARD
    assert breaks.family("pause") == breaks.PAUSE
    assert breaks.family("checkin") == breaks.CHECKIN


def test_rest_tomorrow_plans_the_day_and_silences_the_daily_load_until_the_day_after(
    database, ctx, clock
):
    run = signal("days_in_a_row", "alert", "run from 2026-11-13")
    until = answer(database, ctx, "rest_day", run, signal("pause", "alert"))
    assert until == at(27, 0)
    with database.read() as session:
        [planned] = breaks.planned_breaks(session, ctx)
        assert breaks.next_release(session, ctx) == at(27, 0)
    assert (planned.start_at, planned.end_at, planned.note) == (at(26, 0), at(27, 0), "rest day")
    later_today = signal("day_hours", "alert", "day 2026-11-25")
    assert due(database, ctx, run, later_today, signal("pause", "alert")) == []
    assert due(database, ctx, signal("pause", "alert", "session 2")) != [], "not its family"
    clock.current = at(26, 22)
    assert due(database, ctx, run, signal("day_hours", "alert", "day 2026-11-26")) == []
    clock.current = at(27, 0, 1)
    assert due(database, ctx, run) == [run], "the run went on through the rest day"


def test_a_short_break_holds_the_pause_line_and_settles_the_rest(database, ctx, clock):
    pause, day = signal("pause", "alert"), signal("day_hours", "alert", "day 2026-11-25")
    assert answer(database, ctx, "break", pause, day) == ctx.now() + timedelta(minutes=10)
    assert due(database, ctx, pause, day) == []
    clock.advance(minutes=11)
    assert due(database, ctx, pause, day) == [pause], "the same session after the break asks"


def test_the_answers_offered_fit_the_situation(database, ctx):
    day, pause = signal("day_hours", "alert"), signal("pause", "alert")

    def offered(*signals: Signal, running: bool = False, working: bool = False) -> tuple:
        with database.read() as session:
            return breaks.choices(session, ctx, signals, running=running, working=working)

    assert offered(day) == ("snoozed", "rest_day", "dismissed")
    assert offered(pause, running=True, working=True) == (
        "stopped",
        "break",
        "snoozed",
        "dismissed",
    )
    assert offered(pause, working=True) == ("break", "snoozed", "dismissed")
    database.run_write(lambda s: breaks.plan_break(s, ctx, at(26, 0), at(28, 0), "weekend"))
    assert offered(day) == ("snoozed", "dismissed"), "tomorrow is a break already"


def facts(now: datetime, **more) -> Facts:
    return Facts(now=now, **more)


def test_the_next_crossing_of_a_running_timer_is_its_moment():
    settings = ThresholdSettings()
    running = (Work(at(25, 10), None),)
    assert breaks.next_crossing(facts(at(25, 10), work=running), settings) == at(25, 10, 50)
    assert breaks.next_crossing(facts(at(25, 11), work=running), settings) == at(25, 11, 30)
    later = breaks.next_crossing(facts(at(25, 11, 30), work=running), settings)
    assert later == at(25, 13), "three hours today"
    assert breaks.next_crossing(facts(at(25, 10)), settings) is None, "nothing runs, nothing ages"


def test_the_late_window_opening_and_a_card_ageing_are_crossings_too():
    settings = ThresholdSettings(pause_minutes=Limits(900, 900), day_hours=Limits(9, 9))
    evening = (Work(at(25, 21), None),)
    crossing = breaks.next_crossing(facts(at(25, 21), work=evening), settings)
    assert at(25, 22) < crossing <= at(25, 22) + breaks.PRECISION
    card = Card(1, "Unknown case 14", "edit", at(11, 10, 30))
    crossing = breaks.next_crossing(facts(at(25, 10), cards=(card,)), settings)
    assert crossing == at(25, 10, 30), "fourteen days in edit"


def test_the_prompt_history_counts_each_answer(database, ctx):
    for given, episode in (("break", "a"), ("snoozed", "b"), ("dismissed", "c"), ("break", "d")):
        answer(database, ctx, given, signal(episode=episode))
    with database.read() as session:
        latest, counts = breaks.prompt_history(session, ctx)
    assert counts == {"break": 2, "snoozed": 1, "dismissed": 1}
    assert len(latest) == 4
