"""Day totals: each member's seconds per local day, video and activity, kept with the time log.

A report over a year or the whole history sums these, a few rows a day, instead of every
entry. Each write to the time log counts the days it touched again, in the same transaction
(``refresh``); ``rebuild`` counts a member's whole log anew, in the reader's time zone. The
totals serve a read only when they are counted in the reader's zone and the periods start
and end at local midnights; otherwise the entries are summed as before, with the same result.
A running timer is never in the totals: it is added, up to now, when it is read.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    Date,
    Integer,
    and_,
    column,
    delete,
    func,
    insert,
    select,
    type_coerce,
    values,
)
from sqlalchemy.types import NullType
from sqlmodel import Session, col

from tracker.core.durations import MAX_DURATION
from tracker.db.bulk import BulkRows
from tracker.db.models import DayTotal, Member, TimeEntry, TotalsLedger
from tracker.db.sql import epoch_seconds, instant
from tracker.services.context import Context

Span = tuple[datetime, datetime | None]
INSERT_ROWS = 5000  # day totals sent to the database at a time
READ_ROWS = 20000  # entries read at a time while counting


def split_by_day(start: datetime, end: datetime, zone: ZoneInfo) -> Iterator[tuple[date, float]]:
    """The seconds of ``start``–``end`` on each local day of ``zone`` it touches.

    Instants are compared in UTC: subtracting two times of one zone would give the wall-clock
    difference, an hour off across a change to or from summer time.
    """
    day = start.astimezone(zone).date()
    start = start.astimezone(UTC)
    end = end.astimezone(UTC)
    while True:
        midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        if end <= midnight:
            if end > start:
                yield day, (end - start).total_seconds()
            return
        yield day, (midnight - start).total_seconds()
        start, day = midnight, day + timedelta(days=1)


def ledger_zone(session: Session, member_id: uuid.UUID) -> str | None:
    """The zone the member's totals are counted in; None while none are kept."""
    return session.execute(
        select(col(TotalsLedger.zone)).where(col(TotalsLedger.member_id) == member_id)
    ).scalar()


def refresh(session: Session, ctx: Context, member_id: uuid.UUID, *spans: Span) -> None:
    """After a write: count the member's days that ``spans`` (as they were, and as they are
    now) touch again. The first write of a member with no totals counts their whole log."""
    zone_name = ledger_zone(session, member_id)
    if zone_name is None:
        rebuild(session, member_id, ctx.zone)
        return
    finished = [(start, end) for start, end in spans if end is not None]
    if not finished:
        return
    zone = ZoneInfo(zone_name)
    first = min(start for start, _ in finished).astimezone(zone).date()
    last = max(end for _, end in finished).astimezone(zone).date()
    _recount(session, member_id, zone, first, last + timedelta(days=1))


def rebuild(session: Session, member_id: uuid.UUID, zone: ZoneInfo) -> None:
    """Count the member's whole log anew, with days in ``zone``."""
    session.execute(delete(TotalsLedger).where(col(TotalsLedger.member_id) == member_id))
    session.execute(insert(TotalsLedger).values(member_id=member_id, zone=zone.key))
    _recount(session, member_id, zone, None, None)


def _recount(
    session: Session, member_id: uuid.UUID, zone: ZoneInfo, first: date | None, end: date | None
) -> None:
    """Replace the member's totals of the days from ``first`` to before ``end`` (None: no
    bound) with the sums of their finished, live entries.

    Entries come as seconds since 1970 and are cut at the local midnights, found by bisection
    in a list of them: a million entries are counted in seconds.
    """
    mine = col(TimeEntry.member_id) == member_id
    live = (mine, col(TimeEntry.deleted_at).is_(None), col(TimeEntry.end_at).is_not(None))
    if first is None or end is None:
        earliest, latest = session.execute(
            select(func.min(TimeEntry.start_at), func.max(TimeEntry.end_at)).where(*live)
        ).one()
        if earliest is None:
            session.execute(delete(DayTotal).where(col(DayTotal.member_id) == member_id))
            return
        first = first or earliest.astimezone(zone).date()
        end = end or latest.astimezone(zone).date() + timedelta(days=1)
    session.execute(
        delete(DayTotal).where(
            col(DayTotal.member_id) == member_id,
            col(DayTotal.day) >= first,
            col(DayTotal.day) < end,
        )
    )
    days = [first + timedelta(days=n) for n in range((end - first).days + 1)]
    midnights = [_midnight(day, zone).timestamp() for day in days]
    low, high = midnights[0], midnights[-1]
    entries = select(
        epoch_seconds(TimeEntry.start_at),
        epoch_seconds(TimeEntry.end_at),
        type_coerce(col(TimeEntry.video_id), NullType()),  # as stored: it goes back so
        col(TimeEntry.activity),
    ).where(
        *live,
        col(TimeEntry.start_at) >= instant(_midnight(first, zone) - MAX_DURATION),
        col(TimeEntry.start_at) < instant(_midnight(end, zone)),
    )
    sums: defaultdict[tuple[date, Any, str], float] = defaultdict(float)
    result = session.connection().execute(entries.execution_options(yield_per=READ_ROWS))
    for rows in result.partitions():
        for start, finish, video_id, activity in rows:
            start, finish = max(start, low), min(finish, high)
            index = bisect_right(midnights, start) - 1
            while finish > start:  # once, unless the entry runs past midnight
                part_end = min(finish, midnights[index + 1])
                sums[(days[index], video_id, activity)] += part_end - start
                start, index = part_end, index + 1
    _insert(session, member_id, sums.items())


def _insert(
    session: Session,
    member_id: uuid.UUID,
    sums: Iterable[tuple[tuple[date, Any, str], float]],
) -> None:
    """Insert the sums, their video ids as stored (see ``_recount``)."""
    rows = BulkRows(
        session,
        DayTotal.__table__,  # type: ignore[attr-defined]
        ("day", "video_id", "activity", "seconds"),
        constants={"member_id": member_id},
        ready=("video_id",),
    )
    batch: list[tuple[date, Any, str, float]] = []
    for (day, video_id, activity), seconds in sums:
        batch.append((day, video_id, activity, seconds))
        if len(batch) == INSERT_ROWS:
            rows.insert(batch)
            batch = []
    rows.insert(batch)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


# --- reading ---------------------------------------------------------------------------------


def serve(
    session: Session,
    ctx: Context,
    members: tuple[uuid.UUID, ...],
    bounds: Sequence[tuple[datetime, datetime]],
) -> bool:
    """Whether the totals can answer for ``members`` over periods with these ``bounds``:
    every member's totals are counted in the reader's zone, and every bound is a midnight."""
    if not all(_is_midnight(ctx, moment) for span in bounds for moment in span):
        return False
    kept = session.execute(
        select(func.count()).where(
            col(TotalsLedger.member_id).in_(members), col(TotalsLedger.zone) == ctx.zone.key
        )
    ).scalar()
    return kept == len(set(members))


def complete(session: Session) -> bool:
    """Whether everyone who has logged work has totals kept. Their zones may differ: the
    hours of a video over all its days are the same in every zone."""
    missing = session.execute(
        select(col(Member.id))
        .where(
            ~select(col(TotalsLedger.member_id))
            .where(col(TotalsLedger.member_id) == Member.id)
            .exists(),
            select(col(TimeEntry.id)).where(col(TimeEntry.member_id) == Member.id).exists(),
        )
        .limit(1)
    ).first()
    return missing is None


def _is_midnight(ctx: Context, moment: datetime) -> bool:
    local = moment.astimezone(ctx.zone)
    return local == ctx.day_start(local.date())


def hours_in_periods(
    session: Session,
    ctx: Context,
    bounds: list[tuple[datetime, datetime]],
    members: tuple[uuid.UUID, ...],
    key: str,
) -> dict[int, dict[Any, float]]:
    """Hours in each period by ``key`` ("activity" or "video_id"), from the totals plus any
    running timer; ``serve`` must have said yes."""
    days = [
        (n, start.astimezone(ctx.zone).date(), end.astimezone(ctx.zone).date())
        for n, (start, end) in enumerate(bounds)
    ]
    periods = (
        values(column("n", Integer), column("first", Date), column("end", Date), name="periods")
        .data(days)
        .cte("periods")
    )
    grouping = getattr(DayTotal, key)
    rows = session.execute(
        select(periods.c.n, grouping, func.sum(DayTotal.seconds))
        .join(
            DayTotal,
            and_(
                col(DayTotal.member_id).in_(members),
                col(DayTotal.day) >= periods.c.first,
                col(DayTotal.day) < periods.c.end,
            ),
        )
        .group_by(periods.c.n, grouping)
    ).all()
    hours: dict[int, dict[Any, float]] = {}
    for n, group, seconds in rows:
        hours.setdefault(n, {})[group] = float(seconds) / 3600
    for entry, day, seconds in _running_by_day(session, ctx, members):
        for n, first, end in days:
            if first <= day < end:
                period = hours.setdefault(n, {})
                group = getattr(entry, key)
                period[group] = period.get(group, 0.0) + seconds / 3600
    return hours


def hours_by_day(
    session: Session, ctx: Context, first: date, end: date, members: tuple[uuid.UUID, ...]
) -> dict[date, float]:
    """Hours on each day from ``first`` to before ``end`` that had any; ``serve`` said yes."""
    rows = session.execute(
        select(col(DayTotal.day), func.sum(DayTotal.seconds))
        .where(
            col(DayTotal.member_id).in_(members),
            col(DayTotal.day) >= first,
            col(DayTotal.day) < end,
        )
        .group_by(col(DayTotal.day))
    ).all()
    hours = {day: float(seconds) / 3600 for day, seconds in rows}
    for _entry, day, seconds in _running_by_day(session, ctx, members):
        if first <= day < end:
            hours[day] = hours.get(day, 0.0) + seconds / 3600
    return hours


def _running_by_day(
    session: Session, ctx: Context, members: tuple[uuid.UUID, ...]
) -> Iterator[tuple[Any, date, float]]:
    """The running timers of ``members``, never in the totals, cut at the reader's local
    midnights up to now: each timer's row (start, video id, activity), a day and its seconds."""
    running = session.execute(
        select(col(TimeEntry.start_at), col(TimeEntry.video_id), col(TimeEntry.activity)).where(
            col(TimeEntry.member_id).in_(members),
            col(TimeEntry.deleted_at).is_(None),
            col(TimeEntry.end_at).is_(None),
        )
    ).all()
    for entry in running:
        for day, seconds in split_by_day(entry.start_at, ctx.now(), ctx.zone):
            yield entry, day, seconds
