"""The time log: timers and entries, one member's work never overlapping itself.

A running timer is a row with no end, so it survives a crash or a restart. The database allows one
running timer per member (a partial unique index); every write here first locks the member's row,
so two writers on a shared database take turns instead of both passing the overlap check.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.durations import MAX_DURATION
from tracker.core.errors import ConflictError, InputError, NotFoundError, PlannedBreakError
from tracker.core.spans import elapsed
from tracker.core.when import shift
from tracker.db.models import Member, TimeEntry, Video
from tracker.db.sql import earlier_of, instant, later_of, seconds_between
from tracker.services import totals
from tracker.services.board import resolve_video
from tracker.services.breaks import break_at
from tracker.services.context import Context
from tracker.services.views import ActivityTotal, EntryList, EntryView, TimerChange

OTHER_ACTIVITIES = ("admin", "learning", "comments", "other")
DEFAULT_ACTIVITY = "other"
LONGEST_ENTRY = MAX_DURATION  # a finished entry lasts at most this long
CLOCK_TOLERANCE = timedelta(minutes=1)
SHORTEST_TIMED = timedelta(minutes=1)  # a timer stopped sooner was a slip of the key


def activities(ctx: Context) -> tuple[str, ...]:
    """What work can be logged as: every stage's work, plus work on no video in particular."""
    return (*ctx.settings.stages, *OTHER_ACTIVITIES)


def check_activity(ctx: Context, activity: str) -> str:
    name = activity.strip().lower()
    if name not in activities(ctx):
        raise InputError(f'Unknown activity "{activity}"; use one of {", ".join(activities(ctx))}.')
    return name


def start_timer(
    session: Session,
    ctx: Context,
    ref: str | None = None,
    *,
    activity: str | None = None,
    at: datetime | None = None,
    during_break: bool = False,
) -> TimerChange:
    """Start timing work; a timer already running stops where the new one starts.

    Inside a planned break it is refused unless ``during_break`` says the person insists.
    """
    lock_member(session, ctx)
    now = ctx.now()
    start = at or now
    _refuse_future(start, now, "start")
    if not during_break:
        _refuse_planned_break(session, ctx, start)
    video = resolve_video(session, ref) if ref is not None else None
    chosen = _activity_for(ctx, video, activity)
    running = _running(session, ctx)
    stopped = None
    if running is not None:
        _finish(session, ctx, running, start, "start the new one")
        session.flush()
        stopped = entry_view(session, ctx, running)
    _refuse_overlap(session, ctx, start, None)
    entry = _new_entry(session, ctx, video, chosen, start, None, "", "timer")
    totals.refresh(session, ctx, ctx.member_id, (start, None))  # a first write starts the totals
    return TimerChange(started=entry_view(session, ctx, entry), stopped=stopped)


def stop_timer(session: Session, ctx: Context, *, at: datetime | None = None) -> EntryView:
    """Stop the running timer, now or at a given time after it started."""
    lock_member(session, ctx)
    running = _running(session, ctx)
    if running is None:
        raise NotFoundError("No timer is running; start one with `tracker start VIDEO`.")
    end = at or ctx.now()
    _refuse_future(end, ctx.now(), "stop")
    _finish(session, ctx, running, end, "stop it")
    return entry_view(session, ctx, running)


def log_entry(
    session: Session,
    ctx: Context,
    ref: str | None,
    start: datetime,
    end: datetime,
    *,
    activity: str | None = None,
    note: str = "",
    during_break: bool = False,
    entry_id: uuid.UUID | None = None,
) -> EntryView:
    """Record finished work from ``start`` to ``end`` (inside a planned break only if
    ``during_break``). An ``entry_id`` chosen before the first try makes a retry harmless."""
    lock_member(session, ctx)
    if entry_id is not None and (saved := session.get(TimeEntry, entry_id)) is not None:
        return entry_view(session, ctx, saved)
    if not during_break:
        _refuse_planned_break(session, ctx, start)
    video = resolve_video(session, ref) if ref is not None else None
    chosen = _activity_for(ctx, video, activity)
    _check_span(ctx, start, end)
    _refuse_overlap(session, ctx, start, end)
    entry = _new_entry(session, ctx, video, chosen, start, end, note, "manual", entry_id)
    totals.refresh(session, ctx, ctx.member_id, (start, end))
    return entry_view(session, ctx, entry)


def edit_entry(session: Session, ctx: Context, number: int, changes: dict[str, Any]) -> EntryView:
    """Change an entry's ``start_at``, ``end_at``, ``duration`` (moves the end), ``activity``,
    ``video`` (a ref, or None for no video) or ``note``."""
    lock_member(session, ctx)
    entry = _own_entry(session, ctx, number)
    start = changes.get("start_at", entry.start_at)
    end = changes.get("end_at", entry.end_at)
    if "duration" in changes:
        end = shift(start, changes["duration"])
    if end is not None:
        _check_span(ctx, start, end)
    elif start > ctx.now():
        _refuse_future(start, ctx.now(), "start")
    _refuse_overlap(session, ctx, start, end, ignore=entry)
    before = (entry.start_at, entry.end_at)
    entry.start_at, entry.end_at = start, end
    if "video" in changes:
        ref = changes["video"]
        entry.video_id = resolve_video(session, ref).id if ref is not None else None
    if "activity" in changes:
        entry.activity = check_activity(ctx, changes["activity"])
    if "note" in changes:
        entry.note = changes["note"]
    _touch(ctx, entry)
    totals.refresh(session, ctx, ctx.member_id, before, (start, end))
    return entry_view(session, ctx, entry)


def remove_entry(session: Session, ctx: Context, number: int) -> EntryView:
    """Tombstone an entry: it no longer counts anywhere."""
    lock_member(session, ctx)
    entry = _own_entry(session, ctx, number)
    entry.deleted_at = ctx.now()
    _touch(ctx, entry)
    totals.refresh(session, ctx, ctx.member_id, (entry.start_at, entry.end_at))
    return entry_view(session, ctx, entry)


def list_entries(session: Session, ctx: Context, start: datetime, end: datetime) -> EntryList:
    """The member's entries that touch ``[start, end)``, with totals clipped to that period."""
    rows = session.exec(
        _entries_query(ctx)
        .where(*reaching_into(session, ctx, start, end))
        .order_by(col(TimeEntry.start_at))
    ).all()
    by_activity = seconds_by_activity(session, ctx, start, end)
    return EntryList(
        start=start,
        end=end,
        entries=tuple(_view(ctx, *row) for row in rows),
        total_seconds=sum(total.seconds for total in by_activity),
        by_activity=tuple(by_activity),
    )


def video_entries(session: Session, ctx: Context, ref: str) -> tuple[EntryView, ...]:
    """The member's entries on one video, oldest first."""
    video = resolve_video(session, ref)
    rows = session.exec(
        _entries_query(ctx).where(TimeEntry.video_id == video.id).order_by(col(TimeEntry.start_at))
    ).all()
    return tuple(_view(ctx, *row) for row in rows)


def daily_seconds(session: Session, ctx: Context, days: list[date]) -> list[float]:
    """Seconds logged on each of ``days`` (local days; entries across midnight are split)."""
    return [seconds_logged(session, ctx, *ctx.day_bounds(day)) for day in days]


def seconds_logged(session: Session, ctx: Context, start: datetime, end: datetime) -> float:
    """Seconds the member worked within ``[start, end)``; entries crossing an edge are clipped."""
    spent, touching = _clipped_to(session, ctx, start, end)
    return float(session.exec(select(func.sum(spent)).where(*touching)).one() or 0.0)


def seconds_by_activity(
    session: Session, ctx: Context, start: datetime, end: datetime
) -> list[ActivityTotal]:
    """The same seconds as ``seconds_logged``, split by activity, largest first."""
    spent, touching = _clipped_to(session, ctx, start, end)
    rows = session.exec(
        select(TimeEntry.activity, func.sum(spent))
        .where(*touching)
        .group_by(TimeEntry.activity)
        .order_by(func.sum(spent).desc())
    )
    return [ActivityTotal(activity, float(total)) for activity, total in rows]


def _clipped_to(
    session: Session, ctx: Context, start: datetime, end: datetime
) -> tuple[Any, list[Any]]:
    """Each entry's seconds inside ``[start, end)``, and the conditions for the entries counted."""
    spent = seconds_between(
        later_of(TimeEntry.start_at, instant(start)),
        earlier_of(func.coalesce(TimeEntry.end_at, instant(ctx.now())), instant(end)),
    )
    counted = [
        TimeEntry.member_id == ctx.member_id,
        col(TimeEntry.deleted_at).is_(None),
        *reaching_into(session, ctx, start, end),
    ]
    return spent, counted


def reaching_into(
    session: Session, ctx: Context, start: datetime, end: datetime | None
) -> list[Any]:
    """Conditions for entries that reach into ``[start, end)`` (open-ended: None)."""
    conditions = [
        col(TimeEntry.start_at) >= instant(earliest_reaching(start, running_since(session, ctx))),
        func.coalesce(TimeEntry.end_at, instant(ctx.now())) > instant(start),
    ]
    if end is not None:
        conditions.append(col(TimeEntry.start_at) < instant(end))
    return conditions


def earliest_reaching(start: datetime, running_start: datetime | None) -> datetime:
    """The earliest start of an entry that can reach into a period beginning at ``start``.

    A finished entry lasts at most a day, so only entries starting from a day before (or the
    running timer, however old) can: that bound lets the (member, start) index skip the years
    before it.
    """
    earliest = shift(start, -LONGEST_ENTRY)
    return min(earliest, running_start) if running_start is not None else earliest


def running_since(
    session: Session, ctx: Context, members: tuple[uuid.UUID, ...] | None = None
) -> datetime | None:
    """When the running timer of the member (or the earliest of ``members``) started."""
    chosen = members if members is not None else (ctx.member_id,)
    return session.exec(
        select(func.min(TimeEntry.start_at)).where(
            col(TimeEntry.member_id).in_(chosen),
            col(TimeEntry.end_at).is_(None),
            col(TimeEntry.deleted_at).is_(None),
        )
    ).first()


def running_timer(session: Session, ctx: Context) -> EntryView | None:
    entry = _running(session, ctx)
    return entry_view(session, ctx, entry) if entry is not None else None


def entry_view(session: Session, ctx: Context, entry: TimeEntry) -> EntryView:
    video = session.get(Video, entry.video_id) if entry.video_id else None
    return _view(ctx, entry, video.number if video else None, video.title if video else None)


def _view(ctx: Context, entry: TimeEntry, number: int | None, title: str | None) -> EntryView:
    end = entry.end_at or ctx.now()
    return EntryView(
        number=entry.number,
        start_at=entry.start_at,
        end_at=entry.end_at,
        seconds=elapsed(entry.start_at, end).total_seconds(),
        activity=entry.activity,
        video_number=number,
        video_title=title,
        note=entry.note,
        source=entry.source,
        version=entry.version,
        discarded=entry.deleted_at is not None,
    )


def _entries_query(ctx: Context) -> Any:
    return (
        select(TimeEntry, Video.number, Video.title)
        .outerjoin(Video, col(Video.id) == TimeEntry.video_id)
        .where(TimeEntry.member_id == ctx.member_id, col(TimeEntry.deleted_at).is_(None))
    )


def next_entry_number(session: Session) -> int:
    """The number the next entry gets: one past the highest so far."""
    return (session.exec(select(func.max(TimeEntry.number))).one() or 0) + 1


def rebuild_totals(session: Session, ctx: Context) -> None:
    """Count the member's day totals anew, in their zone, between their other writes."""
    lock_member(session, ctx)
    totals.rebuild(session, ctx.member_id, ctx.zone)


def lock_member(session: Session, ctx: Context) -> None:
    """Serialise this member's time writes (a row lock on PostgreSQL; SQLite's write lock)."""
    session.exec(select(Member.id).where(Member.id == ctx.member_id).with_for_update()).one()


def _running(session: Session, ctx: Context) -> TimeEntry | None:
    return session.exec(
        select(TimeEntry).where(
            TimeEntry.member_id == ctx.member_id,
            col(TimeEntry.end_at).is_(None),
            col(TimeEntry.deleted_at).is_(None),
        )
    ).first()


def _own_entry(session: Session, ctx: Context, number: int) -> TimeEntry:
    entry = session.exec(
        select(TimeEntry).where(TimeEntry.number == number, col(TimeEntry.deleted_at).is_(None))
    ).first()
    if entry is None or entry.member_id != ctx.member_id:
        raise NotFoundError(f"You have no entry {number}; `tracker entries` lists yours.")
    return entry


def _finish(session: Session, ctx: Context, running: TimeEntry, end: datetime, action: str) -> None:
    """End the running timer at ``end``: after its start, and within a day of it."""
    since = ctx.shown(running.start_at)
    if end < running.start_at:
        raise InputError(f"The running timer started at {since}; {action} after that.")
    if elapsed(running.start_at, end) > LONGEST_ENTRY:
        raise InputError(
            f"The running timer started at {since}, over 24 hours ago; say when you really "
            'stopped, e.g. tracker stop --at "yesterday 18:00".'
        )
    running.end_at = end
    if elapsed(running.start_at, end) < SHORTEST_TIMED:
        running.deleted_at = ctx.now()  # started and stopped at once: nothing to keep
    _touch(ctx, running)
    totals.refresh(session, ctx, running.member_id, (running.start_at, end))


def _refuse_planned_break(session: Session, ctx: Context, moment: datetime) -> None:
    planned = break_at(session, ctx, moment)
    if planned is not None:
        until = ctx.shown(planned.end_at)
        raise PlannedBreakError(
            f"You planned a break until {until}; log it anyway with --anyway (or the form's "
            "confirmation)."
        )


def _activity_for(ctx: Context, video: Video | None, activity: str | None) -> str:
    if activity is not None:
        return check_activity(ctx, activity)
    if video is not None and video.stage in ctx.settings.stages:
        return video.stage
    return DEFAULT_ACTIVITY


def _check_span(ctx: Context, start: datetime, end: datetime) -> None:
    if end <= start:
        raise InputError(
            f"The end ({ctx.shown(end)}) must come after the start ({ctx.shown(start)})."
        )
    if elapsed(start, end) > LONGEST_ENTRY:
        raise InputError("An entry can last at most 24 hours; log longer work day by day.")
    _refuse_future(end, ctx.now(), "end")


def _refuse_future(moment: datetime, now: datetime, what: str) -> None:
    if moment > now + CLOCK_TOLERANCE:
        raise InputError(
            f"That would {what} in the future; work can only be logged up to now "
            "(try -30m or 14:00 for earlier times)."
        )


def _refuse_overlap(
    session: Session,
    ctx: Context,
    start: datetime,
    end: datetime | None,
    *,
    ignore: TimeEntry | None = None,
) -> None:
    """Refuse work that overlaps the member's other entries, naming the one it clashes with."""
    query = _entries_query(ctx).where(*reaching_into(session, ctx, start, end))
    if ignore is not None:
        query = query.where(TimeEntry.id != ignore.id)
    clash = session.exec(query.order_by(col(TimeEntry.start_at))).first()
    if clash is None:
        return
    other = _view(ctx, *clash)
    running = " (running)" if other.end_at is None else ""
    on = f" on #{other.video_number}" if other.video_number else ""
    raise ConflictError(
        f"That overlaps entry {other.number} ({ctx.span(other.start_at, other.end_at)}{running}, "
        f"{other.activity}{on}); change the times or edit it with "
        f"`tracker entries edit {other.number}`."
    )


def _new_entry(
    session: Session,
    ctx: Context,
    video: Video | None,
    activity: str,
    start: datetime,
    end: datetime | None,
    note: str,
    source: str,
    entry_id: uuid.UUID | None = None,
) -> TimeEntry:
    number = next_entry_number(session)
    entry = TimeEntry(
        id=entry_id or uuid.uuid4(),
        number=number,
        member_id=ctx.member_id,
        video_id=video.id if video else None,
        activity=activity,
        start_at=start,
        end_at=end,
        note=note,
        source=source,
    )
    session.add(entry)
    session.flush()
    return entry


def _touch(ctx: Context, entry: TimeEntry) -> None:
    entry.updated_at = ctx.now()
