"""Planned breaks and break prompts on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError, PlannedBreakError
from tracker.core.sustainability import Signal
from tracker.services import breaks, timelog


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def signal(key: str = "pause", level: str = "warn", episode: str = "session 1") -> Signal:
    return Signal(key, level, 55, 50, "min", None, "55 minutes without a pause", episode)


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
    with database.read() as session:
        assert breaks.due_prompts(session, ctx, [signal()]) == [signal()]
    database.run_write(lambda s: breaks.answer_prompt(s, ctx, signal(), "dismissed", ctx.now()))
    with database.read() as session:
        assert breaks.due_prompts(session, ctx, [signal()]) == []
        assert breaks.due_prompts(session, ctx, [signal(level="alert")]) == [signal(level="alert")]
        assert breaks.due_prompts(session, ctx, [signal(episode="session 2")]) != []


def test_a_snoozed_prompt_returns_when_the_snooze_is_over(database, ctx, clock):
    database.run_write(
        lambda s: breaks.answer_prompt(
            s, ctx, signal(), "snoozed", ctx.now(), snooze=timedelta(minutes=15)
        )
    )
    with database.read() as session:
        assert breaks.due_prompts(session, ctx, [signal()]) == []
    clock.advance(minutes=16)
    with database.read() as session:
        assert breaks.due_prompts(session, ctx, [signal()]) == [signal()]


def test_only_crossings_that_matter_in_the_moment_prompt(database, ctx):
    with database.read() as session:
        assert breaks.due_prompts(session, ctx, [signal(key="wip")]) == []


def test_the_prompt_history_counts_each_answer(database, ctx):
    for answer, episode in (("break", "a"), ("snoozed", "b"), ("dismissed", "c"), ("break", "d")):
        database.run_write(
            lambda s, a=answer, e=episode: breaks.answer_prompt(
                s, ctx, signal(episode=e), a, ctx.now()
            )
        )
    with database.read() as session:
        latest, counts = breaks.prompt_history(session, ctx)
    assert counts == {"break": 2, "snoozed": 1, "dismissed": 1}
    assert len(latest) == 4
