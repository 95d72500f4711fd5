"""The numbers behind the charts, aggregated in SQL in the person's time zone.

Periods are built in Python (local week starts on the configured day, turned into UTC
instants) and joined to the entries as a small derived table, so the database sums each
entry's share of each week: an entry across midnight or across a week's edge is split.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import Integer, and_, case, column, func, select, values
from sqlmodel import Session, col

from tracker.core.load import load_grid
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import DayTotal, Member, Metric, StageChange, TimeEntry, Video
from tracker.db.sql import (
    earlier_of,
    entry_seconds,
    instant,
    later_of,
    seconds_between,
    unindexed,
)
from tracker.db.types import UTCDateTime
from tracker.services import totals
from tracker.services.context import Context
from tracker.services.timelog import earliest_reaching, reaching_into, running_since

#: The order of a card's moves: two at one instant (a card added and moved within the same
#: second, or by the same clock) follow the order they were saved in.
MOVE_ORDER = (col(StageChange.at), col(StageChange.created_at))

#: The rolling figure covers a week and the three before it: the calendar-week counterpart of
#: the last 4 weeks the hours-per-video threshold calls recent.
ROLLING_WEEKS = 4


@dataclass(frozen=True)
class PublishedVideo:
    """A video published in a period with the hours logged on it: every entry on the video, by
    anyone, a running timer up to now. The one definition behind every hours-per-video figure."""

    number: int
    title: str
    published_at: datetime
    hours: float
    length_seconds: int | None


def published_videos(
    session: Session, ctx: Context, start: datetime, end: datetime
) -> list[PublishedVideo]:
    """Videos published in ``[start, end)``, oldest first, each with the hours logged on it.

    The charts, the tables and the hours-per-video threshold all read this, so a figure can
    never be worked out two ways.
    """
    hours = _published_hours(session, ctx, start, end)
    rows = session.execute(
        select(
            hours.c.number,
            hours.c.title,
            hours.c.published_at,
            hours.c.seconds,
            hours.c.length_seconds,
        ).order_by(hours.c.published_at, hours.c.number)
    ).all()
    return [
        PublishedVideo(number, title, published.astimezone(ctx.zone), float(seconds) / 3600, length)
        for number, title, published, seconds, length in rows
    ]


def _published_hours(session: Session, ctx: Context, start: datetime, end: datetime) -> Any:
    """The published videos of ``[start, end)`` with the seconds logged on each, summed in SQL.

    The range on ``published_at`` picks the videos. Each one's seconds come from the day
    totals when everyone's are kept (through the (video, seconds) index), a running timer
    added up to now; else from its entries, through the (video, deleted, start, end) index,
    which covers the sum without reading the table.
    """
    kept = totals.complete(session)
    if kept:
        logged = select(func.sum(DayTotal.seconds)).where(col(DayTotal.video_id) == Video.id)
    else:
        logged = select(func.sum(entry_seconds(ctx.now()))).where(
            col(TimeEntry.video_id) == Video.id, col(TimeEntry.deleted_at).is_(None)
        )
    published = (
        select(
            col(Video.id).label("video_id"),
            col(Video.number).label("number"),
            col(Video.title).label("title"),
            col(Video.published_at).label("published_at"),
            col(Video.actual_seconds).label("length_seconds"),
            func.coalesce(logged.scalar_subquery(), 0.0).label("logged"),
        )
        .where(
            col(Video.deleted_at).is_(None),
            unindexed(Video.stage) == PUBLISHED_STAGE,  # most cards end there: the date is
            col(Video.published_at) >= instant(start),  # what picks the few of the period
            col(Video.published_at) < instant(end),
        )
        .cte("published")
    )
    if not kept:
        return select(published, published.c.logged.label("seconds")).cte("published_hours")
    running = _running_seconds(ctx)
    return (
        select(
            published,
            (published.c.logged + func.coalesce(running.c.seconds, 0.0)).label("seconds"),
        )
        .outerjoin(running, running.c.video_id == published.c.video_id)
        .cte("published_hours")
    )


def _running_seconds(ctx: Context) -> Any:
    """The seconds of each running timer up to now, by video: through the index of running
    timers (one per member at most), never the whole log."""
    return (
        select(
            col(TimeEntry.video_id).label("video_id"),
            func.sum(entry_seconds(ctx.now())).label("seconds"),
        )
        .where(
            col(TimeEntry.end_at).is_(None),
            col(TimeEntry.deleted_at).is_(None),
            col(TimeEntry.member_id).in_(select(col(Member.id))),
        )
        .group_by(col(TimeEntry.video_id))
        .cte("running")
    )


@dataclass(frozen=True)
class WeekEffort:
    """One week: the member's hours by activity, and what was published.

    ``video_hours`` holds the hours logged on each video published that week (see
    ``PublishedVideo``); ``hours_per_video`` is their median and ``rolling_hours_per_video``
    the median over the videos of this week and the three before. They are fields, not
    properties, so ``--json`` carries exactly what the table shows.
    """

    start: date
    hours_by_activity: dict[str, float] = field(default_factory=dict)
    published: int = 0
    published_seconds: int | None = None  # their lengths added up; None: no length known
    video_hours: tuple[float, ...] = ()
    hours_per_video: float | None = None
    rolling_hours_per_video: float | None = None

    @property
    def hours(self) -> float:
        return sum(self.hours_by_activity.values())


def effort_vs_output(session: Session, ctx: Context, weeks: int) -> list[WeekEffort]:
    """The last ``weeks`` weeks (the current one included), oldest first.

    Videos are read from three weeks earlier than the first week shown, so its rolling figure
    covers four weeks like every other.
    """
    reach = _week_bounds(ctx, weeks + ROLLING_WEEKS - 1)
    bounds = reach[ROLLING_WEEKS - 1 :]
    hours = hours_by_activity(session, ctx, bounds)
    videos = published_videos(session, ctx, reach[0][0], reach[-1][1])
    by_week: list[list[PublishedVideo]] = [[] for _ in reach]
    for video in videos:
        by_week[_week_of(reach, video.published_at)].append(video)
    result = []
    for n, (start, _end) in enumerate(bounds):
        week = by_week[n + ROLLING_WEEKS - 1]
        window = [video.hours for videos in by_week[n : n + ROLLING_WEEKS] for video in videos]
        lengths = [video.length_seconds for video in week if video.length_seconds is not None]
        result.append(
            WeekEffort(
                start=start.date(),
                hours_by_activity=hours.get(n, {}),
                published=len(week),
                published_seconds=sum(lengths) if lengths else None,
                video_hours=tuple(video.hours for video in week),
                hours_per_video=median(video.hours for video in week) if week else None,
                rolling_hours_per_video=median(window) if window else None,
            )
        )
    return result


def _week_of(bounds: list[tuple[datetime, datetime]], moment: datetime) -> int:
    """The index of the period holding ``moment`` (the query already kept it in range)."""
    return next(n for n, (start, end) in enumerate(bounds) if start <= moment < end)


def hours_by_activity(
    session: Session,
    ctx: Context,
    bounds: list[tuple[datetime, datetime]],
    members: tuple[uuid.UUID, ...] | None = None,
) -> dict[int, dict[str, float]]:
    """Hours in each period by activity, of ``members`` (default: the context's member); an
    entry across a period's edge is split."""
    return _split_hours(session, ctx, bounds, members, "activity")


def hours_by_video(
    session: Session,
    ctx: Context,
    bounds: list[tuple[datetime, datetime]],
    members: tuple[uuid.UUID, ...] | None = None,
) -> dict[int, dict[uuid.UUID | None, float]]:
    """Hours in each period by video (None: work on no video), split like ``hours_by_activity``."""
    return _split_hours(session, ctx, bounds, members, "video_id")


def _split_hours(
    session: Session,
    ctx: Context,
    bounds: list[tuple[datetime, datetime]],
    members: tuple[uuid.UUID, ...] | None,
    key: str,
) -> dict[int, dict[Any, float]]:
    """The members' hours in each period, grouped by the column ``key``, summed by the
    database: from the day totals where they serve (see ``services.totals``), else from the
    entries, each period joined to them through the (member, start) index, bounded on both
    sides."""
    chosen = members if members is not None else (ctx.member_id,)
    if totals.serve(session, ctx, chosen, bounds):
        return totals.hours_in_periods(session, ctx, bounds, chosen, key)
    return split_entry_hours(session, ctx, bounds, chosen, key)


def split_entry_hours(
    session: Session,
    ctx: Context,
    bounds: list[tuple[datetime, datetime]],
    chosen: tuple[uuid.UUID, ...],
    key: str,
) -> dict[int, dict[Any, float]]:
    """``_split_hours`` from the entries themselves, whatever the periods' bounds."""
    grouping = getattr(TimeEntry, key)
    periods = _periods(bounds, ctx, session, chosen)
    now = instant(ctx.now())
    spent = seconds_between(
        later_of(TimeEntry.start_at, periods.c.start),
        earlier_of(func.coalesce(TimeEntry.end_at, now), periods.c.end),
    )
    effort = session.execute(
        select(periods.c.n, grouping, func.sum(spent))
        .join(
            TimeEntry,
            and_(
                col(TimeEntry.member_id).in_(chosen),
                col(TimeEntry.deleted_at).is_(None),
                col(TimeEntry.start_at) < periods.c.end,
                col(TimeEntry.start_at) >= periods.c.earliest,
                func.coalesce(TimeEntry.end_at, now) > periods.c.start,
            ),
        )
        .group_by(periods.c.n, grouping)
    ).all()
    hours: dict[int, dict[Any, float]] = {}
    for n, group, seconds in effort:
        hours.setdefault(n, {})[group] = float(seconds) / 3600
    return hours


def _week_bounds(ctx: Context, weeks: int) -> list[tuple[datetime, datetime]]:
    """Local week starts, oldest first, ending with the week holding today."""
    this_week, _ = ctx.week_bounds(ctx.now().date())
    first = this_week.date() - timedelta(weeks=weeks - 1)
    return [ctx.week_bounds(first + timedelta(weeks=n)) for n in range(weeks)]


def _periods(
    bounds: list[tuple[datetime, datetime]],
    ctx: Context,
    session: Session,
    members: tuple[uuid.UUID, ...] | None = None,
) -> Any:
    """The periods as a derived table: number, start, end, and the earliest start of an entry
    that can reach into the period (a finished entry lasts at most a day, a running timer of
    one of ``members`` as long as it runs).

    A VALUES list rather than a UNION of selects: SQLite allows at most 500 of those.
    """
    running_start = running_since(session, ctx, members)
    rows = [
        (n, start, end, earliest_reaching(start, running_start))
        for n, (start, end) in enumerate(bounds)
    ]
    return (
        values(
            column("n", Integer),
            column("start", UTCDateTime()),
            column("end", UTCDateTime()),
            column("earliest", UTCDateTime()),
            name="periods",
        )
        .data(rows)
        .cte("periods")
    )


@dataclass(frozen=True)
class StageTime:
    """How long cards stayed in one stage: median and 85th percentile, in days."""

    stage: str
    cards: int
    median_days: float
    p85_days: float


def cycle_times(session: Session, ctx: Context, weeks: int) -> list[StageTime]:
    """Days spent in each stage by cards that left it within the last ``weeks`` weeks, plus
    idea to published for videos published in that time."""
    now = ctx.now()
    return cycle_times_between(session, ctx, now - timedelta(weeks=weeks), now)


def cycle_times_between(
    session: Session, ctx: Context, since: datetime, now: datetime
) -> list[StageTime]:
    """Days spent in each stage by cards that left it in ``[since, now]``, plus idea to
    published for videos published in that time.

    The database pairs every move with the next one of the same card (a window function both
    backends have), for the cards that moved in the period only; the percentiles are taken
    here, from one number per card and stage. A stay of no time at all (two moves at one
    instant, a clock set back) is not a stay, and a card created as published went through no
    stage: neither gets a cycle time.
    """
    moved = select(col(StageChange.video_id)).where(
        col(StageChange.at) >= instant(since), col(StageChange.at) <= instant(now)
    )
    moves = (
        select(
            col(StageChange.video_id),
            col(StageChange.to_stage).label("stage"),
            col(StageChange.at).label("entered"),
            func.lead(StageChange.at)
            .over(partition_by=col(StageChange.video_id), order_by=MOVE_ORDER)
            .label("left"),
        )
        .join(Video, and_(col(Video.id) == StageChange.video_id, col(Video.deleted_at).is_(None)))
        .where(col(StageChange.video_id).in_(moved), col(StageChange.at) <= instant(now))
        .subquery("moves")
    )
    stay = seconds_between(moves.c.entered, moves.c.left)
    stays = session.execute(
        select(moves.c.stage, stay).where(
            moves.c.left.is_not(None), moves.c.left >= instant(since), stay > 0
        )
    ).all()
    lead_time = seconds_between(func.min(StageChange.at), Video.published_at)
    went_through_a_stage = func.sum(
        case(
            (
                and_(
                    col(StageChange.to_stage) != PUBLISHED_STAGE,
                    col(StageChange.at) < Video.published_at,
                ),
                1,
            ),
            else_=0,
        )
    )
    whole = session.execute(
        select(lead_time)
        .join(StageChange, col(StageChange.video_id) == Video.id)
        .where(
            col(Video.deleted_at).is_(None),
            col(Video.stage) == PUBLISHED_STAGE,
            col(Video.published_at) >= instant(since),
            col(Video.published_at) <= instant(now),
        )
        .group_by(col(Video.id), col(Video.published_at))
        .having(went_through_a_stage > 0, lead_time > 0)
    ).all()
    by_stage: dict[str, list[float]] = {}
    for stage, seconds in stays:
        by_stage.setdefault(stage, []).append(float(seconds) / 86400)
    order = [*ctx.settings.all_stages]
    result = [_stage_time(stage, by_stage[stage]) for stage in order if stage in by_stage]
    if whole:
        result.append(_stage_time("idea → published", [float(s) / 86400 for (s,) in whole]))
    return result


def _stage_time(stage: str, days: list[float]) -> StageTime:
    ordered = sorted(days)
    return StageTime(stage, len(ordered), median(ordered), _percentile(ordered, 0.85))


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of sorted values."""
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class DayFlow:
    """How many cards were in each stage at the end of one day."""

    day: date
    counts: dict[str, int]


def cumulative_flow(session: Session, ctx: Context, weeks: int) -> list[DayFlow]:
    """Cards per stage at the end of each day of the last ``weeks`` weeks.

    The database counts where every card stood when the period began (its latest move before
    then), and the moves into and out of each stage on each day; the running totals are then
    added up here, one number per day and stage.
    """
    today = ctx.now().date()
    days = [ctx.day_bounds(today - timedelta(days=back)) for back in range(weeks * 7 - 1, -1, -1)]
    periods = _periods(days, ctx, session)
    live = and_(col(Video.id) == StageChange.video_id, col(Video.deleted_at).is_(None))
    start = cards_per_stage(session, days[0][0])
    moves = (
        select(periods.c.n, col(StageChange.from_stage), col(StageChange.to_stage), func.count())
        .join(
            StageChange,
            and_(StageChange.at >= periods.c.start, StageChange.at < periods.c.end),
        )
        .join(Video, live)
        .group_by(periods.c.n, col(StageChange.from_stage), col(StageChange.to_stage))
    )
    change: dict[int, dict[str, int]] = {}
    for n, origin, target, count in session.execute(moves):
        day = change.setdefault(n, {})
        day[target] = day.get(target, 0) + count
        if origin is not None:
            day[origin] = day.get(origin, 0) - count
    counts = {stage: start.get(stage, 0) for stage in ctx.settings.all_stages}
    flow = []
    for n, (day_start, _end) in enumerate(days):
        for stage, delta in change.get(n, {}).items():
            counts[stage] = counts.get(stage, 0) + delta
        flow.append(DayFlow(day_start.date(), dict(counts)))
    return flow


def cards_per_stage(session: Session, moment: datetime) -> dict[str, int]:
    """How many cards stood in each stage at ``moment``.

    The board as it stands, with the moves made from ``moment`` on taken back: a card's stage
    is always the one its latest move took it to, so only the moves after ``moment`` are read
    (a range on their time), never the whole history.
    """
    live = col(Video.deleted_at).is_(None)
    counts: dict[str, int] = {
        stage: cards
        for stage, cards in session.execute(
            select(col(Video.stage), func.count()).where(live).group_by(Video.stage)
        )
    }
    since = session.execute(
        select(col(StageChange.from_stage), col(StageChange.to_stage), func.count())
        .join(Video, and_(col(Video.id) == StageChange.video_id, live))
        .where(col(StageChange.at) >= instant(moment))
        .group_by(StageChange.from_stage, StageChange.to_stage)
    )
    for origin, target, moves in since:
        counts[target] = counts.get(target, 0) - moves
        if origin is not None:  # a card created since was not there at all
            counts[origin] = counts.get(origin, 0) + moves
    return {stage: cards for stage, cards in counts.items() if cards}


@dataclass(frozen=True)
class Load:
    """Hours by weekday (Monday first) and hour of day over a period."""

    weeks: int
    grid: list[list[float]]
    late_from: int = 22  # the configured late-night window, in whole hours
    late_until: int = 5

    @property
    def late_hours(self) -> float:
        """Hours worked inside the late-night window."""
        if self.late_from > self.late_until:
            hours = [*range(self.late_from, 24), *range(0, self.late_until)]
        else:
            hours = list(range(self.late_from, self.late_until))
        return sum(row[hour] for row in self.grid for hour in hours)

    @property
    def total(self) -> float:
        return sum(sum(row) for row in self.grid)


def weekly_load(session: Session, ctx: Context, weeks: int) -> list[Load]:
    """Where the hours of the last ``weeks`` weeks fell, by weekday and hour.

    The member's entries of the period are read (a range on the member/start index) and split
    into hours here; see tracker.core.load for why.
    """
    start = _week_bounds(ctx, weeks)[0][0]
    now = ctx.now()
    rows = session.execute(
        select(col(TimeEntry.start_at), col(TimeEntry.end_at)).where(
            col(TimeEntry.member_id) == ctx.member_id,
            col(TimeEntry.deleted_at).is_(None),
            *reaching_into(session, ctx, start, None),
        )
    ).all()
    spans = [(max(begin, start), end or now) for begin, end in rows]
    thresholds = ctx.settings.thresholds
    window = (thresholds.late_night_start.hour, thresholds.late_night_end.hour)
    return [Load(weeks, load_grid(spans, ctx.zone), *window)]


@dataclass(frozen=True)
class Engagement:
    """A video published in the period: hours invested and its latest counts."""

    number: int
    title: str
    published_at: datetime
    hours: float
    views: int | None
    likes: int | None

    @property
    def views_per_hour(self) -> float | None:
        return self.views / self.hours if self.views is not None and self.hours else None

    @property
    def likes_per_hour(self) -> float | None:
        return self.likes / self.hours if self.likes is not None and self.hours else None


def engagement(session: Session, ctx: Context, weeks: int) -> list[Engagement]:
    """Videos published in the last ``weeks`` weeks that have metrics, oldest first, with the
    hours logged on them (as ``published_videos`` counts them) and their most recent counts:
    of a video with several posts, the sum of each post's most recent counts."""
    bounds = _week_bounds(ctx, weeks)
    published = _published_hours(session, ctx, bounds[0][0], bounds[-1][1])
    latest = (
        select(
            col(Metric.video_id),
            col(Metric.post_id),
            col(Metric.views),
            col(Metric.likes),
            func.row_number()
            .over(
                partition_by=(col(Metric.video_id), col(Metric.post_id)),
                order_by=col(Metric.at).desc(),
            )
            .label("newest"),
        )
        .join(published, published.c.video_id == Metric.video_id)
        .where(col(Metric.deleted_at).is_(None))
        .subquery("latest")
    )
    rows = session.execute(
        select(
            published.c.number,
            published.c.title,
            published.c.published_at,
            published.c.seconds,
            func.sum(latest.c.views),
            func.sum(latest.c.likes),
        )
        .join(latest, and_(latest.c.video_id == published.c.video_id, latest.c.newest == 1))
        .group_by(
            published.c.number, published.c.title, published.c.published_at, published.c.seconds
        )
        .order_by(published.c.published_at, published.c.number)
    ).all()
    return [
        Engagement(number, title, at.astimezone(ctx.zone), float(seconds) / 3600, views, likes)
        for number, title, at, seconds, views, likes in rows
    ]
