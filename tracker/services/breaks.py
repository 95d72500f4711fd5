"""Planned breaks and break prompts: what the person chose when a limit was crossed.

A planned break (a rest day, a "YouTube break") makes runs of working days stand still; a
prompt is shown once per crossing of a threshold, and its answer is kept, because how often
a person overrides a prompt is itself worth seeing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.errors import InputError
from tracker.core.sustainability import Signal
from tracker.db.models import Pause, Prompt
from tracker.db.sql import instant
from tracker.services.context import Context

# The thresholds that interrupt with a prompt at the moment they are crossed; the others (a
# full column, a card waiting) are shown on the status line and in `tracker status`.
PROMPTED = ("pause", "day_hours", "week_hours", "late_night", "short_nights", "checkin")
ANSWERS = ("stopped", "break", "snoozed", "rest_day", "dismissed", "noted")


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


def due_prompts(session: Session, ctx: Context, signals: list[Signal]) -> list[Signal]:
    """The signals to prompt about now: never answered for their crossing, or snoozed and due."""
    now = ctx.now()
    due = []
    for signal in signals:
        if signal.key not in PROMPTED:
            continue
        answers = session.exec(
            select(Prompt.answer, Prompt.snoozed_until).where(
                Prompt.member_id == ctx.member_id,
                Prompt.key == signal.key,
                Prompt.level == signal.level,
                Prompt.episode == signal.episode,
            )
        ).all()
        settled = any(answer != "snoozed" for answer, _until in answers)
        snoozed = any(until is not None and until > now for _answer, until in answers)
        if not settled and not snoozed:
            due.append(signal)
    return due


def answer_prompt(
    session: Session,
    ctx: Context,
    signal: Signal,
    answer: str,
    shown_at: datetime,
    snooze: timedelta | None = None,
) -> None:
    """Keep what the person chose for a prompt."""
    if answer not in ANSWERS:
        raise ValueError(f"unknown answer {answer}")
    now = ctx.now()
    session.add(
        Prompt(
            member_id=ctx.member_id,
            key=signal.key,
            level=signal.level,
            episode=signal.episode,
            shown_at=shown_at,
            answer=answer,
            answered_at=now,
            snoozed_until=now + snooze if snooze else None,
        )
    )


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
