"""Planned breaks and break prompts: what the person chose when a limit was crossed.

A planned break (a rest day, a "YouTube break") makes runs of working days stand still; a
prompt is shown once per crossing of a threshold, and its answer is kept, because how often
a person overrides a prompt is itself worth seeing.

An answer holds for what it answered: a dismissed or noted prompt does not return for its
episode (the session, the day, the week...); a snooze, a short break and a rest day hold the
signal's whole family (below) until they end, and then the signal may ask again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.errors import InputError
from tracker.core.spans import break_span
from tracker.core.sustainability import ALERT, Facts, Signal, ThresholdSettings, evaluate
from tracker.db.models import Pause, Prompt
from tracker.db.sql import instant
from tracker.services.context import Context

# Signals that answer to the same kind of rest. A rest day helps every one of the daily-load
# signals; a short break helps the minutes without a pause; the board-shape signals are about
# the work, not the person's hours.
PAUSE = "pause"
DAILY_LOAD = "daily_load"
BOARD = "board"
CHECKIN = "checkin"
FAMILIES: dict[str, tuple[str, ...]] = {
    PAUSE: ("pause",),
    DAILY_LOAD: ("day_hours", "week_hours", "days_in_a_row", "late_night", "short_nights"),
    BOARD: ("wip", "card_age", "hours_per_video", "buffer"),  # and each stage's wip_STAGE
    CHECKIN: ("checkin",),
}
STAGE_LIMIT_PREFIX = "wip_"

ANSWERS = ("stopped", "break", "snoozed", "rest_day", "dismissed", "noted")
BREAK_MINUTES = 10
SNOOZE_MINUTES = 15
REST_DAY_NOTE = "rest day"
# How far ahead ``next_crossing`` looks; the app's slow safety poll covers anything later.
LOOKAHEAD = timedelta(days=1)
PRECISION = timedelta(seconds=1)


@dataclass(frozen=True)
class PlannedBreak:
    start_at: datetime
    end_at: datetime
    note: str


@dataclass(frozen=True)
class PromptRecord:
    key: str
    level: str
    episode: str
    shown_at: datetime
    answer: str


def family(key: str) -> str:
    """The family a signal belongs to (a key of FAMILIES); an unknown key is its own."""
    if key.startswith(STAGE_LIMIT_PREFIX):
        return BOARD
    return next((name for name, keys in FAMILIES.items() if key in keys), key)


def interrupts(signal: Signal) -> bool:
    """Whether a signal speaks up in the moment: every alert does, and every warning but the
    board's shape (a full column, a card waiting, the buffer), which the status line shows."""
    return signal.level == ALERT or family(signal.key) != BOARD


def plan_break(
    session: Session, ctx: Context, start: datetime, end: datetime, note: str = ""
) -> PlannedBreak:
    """Plan a pause from ``start`` to ``end`` (a rest day, a longer hiatus)."""
    if end <= start:
        raise InputError("A break must end after it starts, e.g. --from mon --to fri.")
    pause = Pause(member_id=ctx.member_id, start_at=start, end_at=end, note=note)
    session.add(pause)
    session.flush()
    return PlannedBreak(pause.start_at, pause.end_at, pause.note)


def planned_breaks(
    session: Session, ctx: Context, since: datetime | None = None
) -> list[PlannedBreak]:
    """The member's planned breaks ending after ``since`` (all of them without it)."""
    query = select(Pause).where(Pause.member_id == ctx.member_id, col(Pause.deleted_at).is_(None))
    if since is not None:
        query = query.where(col(Pause.end_at) > instant(since))
    rows = session.exec(query.order_by(col(Pause.start_at))).all()
    return [PlannedBreak(row.start_at, row.end_at, row.note) for row in rows]


def break_at(session: Session, ctx: Context, moment: datetime) -> PlannedBreak | None:
    """The planned break that ``moment`` falls in, if any."""
    for planned in planned_breaks(session, ctx, since=moment):
        if planned.start_at <= moment:
            return planned
    return None


def choices(
    session: Session, ctx: Context, signals: Sequence[Signal], *, running: bool, working: bool
) -> tuple[str, ...]:
    """The answers that fit a prompt about ``signals``: stopping only a running timer, a short
    break only when there is work to pause (``working``: a timer, or a session going on now),
    a rest day only for the daily load and when tomorrow is not already a break; snoozing and
    dismissing always."""
    rest_day = any(family(s.key) == DAILY_LOAD for s in signals) and not _tomorrow_planned(
        session, ctx
    )
    offered = {
        "stopped": running,
        "break": working,
        "snoozed": True,
        "rest_day": rest_day,
        "dismissed": True,
    }
    return tuple(answer for answer, fits in offered.items() if fits)


def _tomorrow_planned(session: Session, ctx: Context) -> bool:
    tomorrow, _end = _tomorrow(ctx)
    return break_at(session, ctx, tomorrow) is not None


def _tomorrow(ctx: Context) -> tuple[datetime, datetime]:
    """Tomorrow, midnight to midnight: the rest day a prompt offers (``tracker break --from
    tomorrow`` reads the same)."""
    return break_span(ctx.now(), "tomorrow", None)


def due_prompts(session: Session, ctx: Context, signals: list[Signal]) -> list[Signal]:
    """The signals to speak up about now, alerts first: each interrupts, was never settled for
    its crossing (its key, level and episode), and no snooze, break or rest day holds its
    family."""
    held = held_families(session, ctx)
    due = []
    for signal in signals:
        if not interrupts(signal) or family(signal.key) in held:
            continue
        settled = session.exec(
            select(func.count())
            .select_from(Prompt)
            .where(
                Prompt.member_id == ctx.member_id,
                col(Prompt.deleted_at).is_(None),
                Prompt.key == signal.key,
                Prompt.level == signal.level,
                Prompt.episode == signal.episode,
                col(Prompt.snoozed_until).is_(None),
            )
        ).one()
        if not settled:
            due.append(signal)
    return sorted(due, key=lambda signal: signal.level != ALERT)


def held_families(session: Session, ctx: Context) -> dict[str, datetime]:
    """The families a snooze, a short break or a rest day holds now, each with when it ends."""
    rows = session.exec(
        select(Prompt.key, Prompt.snoozed_until).where(
            Prompt.member_id == ctx.member_id,
            col(Prompt.deleted_at).is_(None),
            col(Prompt.snoozed_until) > instant(ctx.now()),
        )
    ).all()
    held: dict[str, datetime] = {}
    for key, until in rows:
        name = family(key)
        if until is not None and (name not in held or until > held[name]):
            held[name] = until
    return held


def answer_prompt(
    session: Session,
    ctx: Context,
    signals: Sequence[Signal],
    answer: str,
    shown_at: datetime,
) -> datetime | None:
    """Keep what the person chose for one prompt about ``signals``, and act on it where that
    is data: "rest_day" plans tomorrow as a break. Returns when the answer stops holding (a
    snooze's end, a short break's end, the end of the rest day), None for one that holds for
    its episode.

    A snooze holds every family in the prompt; a break holds the pause family, a rest day the
    daily-load family; any other signal in the prompt is settled for its episode.
    """
    if answer not in ANSWERS:
        raise ValueError(f"unknown answer {answer}")
    now = ctx.now()
    until: datetime | None = None
    held: tuple[str, ...] = ()
    if answer == "snoozed":
        until, held = now + timedelta(minutes=SNOOZE_MINUTES), tuple(family(s.key) for s in signals)
    elif answer == "break":
        until, held = now + timedelta(minutes=BREAK_MINUTES), (PAUSE,)
    elif answer == "rest_day":
        until = plan_break(session, ctx, *_tomorrow(ctx), REST_DAY_NOTE).end_at
        held = (DAILY_LOAD,)
    for signal in signals:
        holds = family(signal.key) in held
        session.add(
            Prompt(
                member_id=ctx.member_id,
                key=signal.key,
                level=signal.level,
                episode=signal.episode,
                shown_at=shown_at,
                answer=answer,
                answered_at=now,
                snoozed_until=until if holds else None,
            )
        )
    return until


def shown_during_break(signals: Iterable[Signal]) -> list[Signal]:
    """The signals as a short break shows them: the minutes without a pause stand still (the
    break's countdown stands in for them)."""
    return [signal for signal in signals if family(signal.key) != PAUSE]


def next_release(session: Session, ctx: Context) -> datetime | None:
    """When the next snooze, short break or rest day stops holding, if one holds now."""
    return min(held_families(session, ctx).values(), default=None)


def next_crossing(
    facts: Facts, settings: ThresholdSettings, within: timedelta = LOOKAHEAD
) -> datetime | None:
    """The first moment, within ``within``, at which time alone raises a signal that is not
    there now (a running timer going on past a limit, a card ageing, the late window opening),
    assuming nothing else changes; None when there is none.

    The rules stay in ``evaluate``: between two turning points of the clock (midnight, the
    late window, the sleep window, a planned break's edges) a new signal, once raised, stays,
    so the moment is found by halving the interval.
    """
    now = facts.now
    present = _marks(evaluate(facts, settings))

    def raised(moment: datetime) -> bool:
        return not _marks(evaluate(replace(facts, now=moment), settings)) <= present

    low = now
    for high in _turning_points(facts, settings, now + within):
        if raised(high):
            # Whole steps after ``low``: the first one at which the signal is raised.
            before, after = 0, math.ceil((high - low) / PRECISION)
            while after - before > 1:
                middle = (before + after) // 2
                before, after = (
                    (before, middle) if raised(low + middle * PRECISION) else (middle, after)
                )
            return min(low + after * PRECISION, high)
        low = high
    return None


def _marks(signals: Iterable[Signal]) -> set[tuple[str, str, str]]:
    return {(signal.key, signal.level, signal.episode) for signal in signals}


def _turning_points(facts: Facts, settings: ThresholdSettings, until: datetime) -> list[datetime]:
    """The moments up to ``until`` at which a signal may reset or move to a new episode, in
    order, ending with ``until``."""
    now = facts.now
    sleep_from = datetime.combine(date(2000, 1, 2), settings.wake_time) - timedelta(
        hours=settings.sleep_hours
    )
    clocks = (
        time(0),
        settings.late_night_start,
        settings.late_night_end,
        settings.wake_time,
        sleep_from.time(),
    )
    days = [now.date() + timedelta(days=ahead) for ahead in range((until - now).days + 2)]
    moments = [datetime.combine(day, clock, tzinfo=now.tzinfo) for day in days for clock in clocks]
    moments += [moment for pause in facts.pauses for moment in (pause.start, pause.end) if moment]
    ahead = {moment.astimezone(now.tzinfo) for moment in moments}
    return [*sorted(moment for moment in ahead if now < moment < until), until]


def prompt_history(
    session: Session, ctx: Context, limit: int = 20
) -> tuple[list[PromptRecord], dict[str, int]]:
    """The latest prompts with their answers, and how often each answer was given."""
    mine = (Prompt.member_id == ctx.member_id, col(Prompt.deleted_at).is_(None))
    rows = session.exec(
        select(Prompt).where(*mine).order_by(col(Prompt.shown_at).desc()).limit(limit)
    ).all()
    counts = session.exec(select(Prompt.answer, func.count()).where(*mine).group_by(Prompt.answer))
    latest = [
        PromptRecord(row.key, row.level, row.episode, row.shown_at, row.answer or "")
        for row in rows
    ]
    return latest, {answer or "unanswered": count for answer, count in counts}
