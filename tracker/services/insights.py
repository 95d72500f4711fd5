"""The numbers behind the charts, aggregated in SQL in the person's time zone.

Periods are built in Python (local week starts on the configured day, turned into UTC
instants) and joined to the entries as a small derived table, so the database sums each
entry's share of each week: an entry across midnight or across a week's edge is split.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import Integer, and_, column, func, select, values
from sqlmodel import Session, col

from tracker.core.load import load_grid
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import Metric, StageChange, TimeEntry, Video
from tracker.db.sql import earlier_of, entry_seconds, instant, later_of, seconds_between
from tracker.db.types import UTCDateTime
from tracker.services.context import Context
from tracker.services.timelog import earliest_reaching, reaching_into, running_since


@dataclass(frozen=True)
class WeekEffort:
    """One week: hours by activity, and what was published."""

    start: date
    hours_by_activity: dict[str, float] = field(default_factory=dict)
    published: int = 0
    published_minutes: float = 0.0

    @property
    def hours(self) -> float:
        return sum(self.hours_by_activity.values())

    @property
    def hours_per_video(self) -> float | None:
        return self.hours / self.published if self.published else None


def effort_vs_output(session: Session, ctx: Context, weeks: int) -> list[WeekEffort]:
    """The last ``weeks`` weeks (the current one included), oldest first."""
    bounds = _week_bounds(ctx, weeks)
    periods = _periods(bounds, ctx, session)
    now = instant(ctx.now())
    spent = seconds_between(
        later_of(TimeEntry.start_at, periods.c.start),
        earlier_of(func.coalesce(TimeEntry.end_at, now), periods.c.end),
    )
    effort = session.execute(
        select(periods.c.n, TimeEntry.activity, func.sum(spent))
        .join(
            TimeEntry,
            and_(
                TimeEntry.member_id == ctx.member_id,
                col(TimeEntry.deleted_at).is_(None),
                col(TimeEntry.start_at) < periods.c.end,
                col(TimeEntry.start_at) >= periods.c.earliest,
                func.coalesce(TimeEntry.end_at, now) > periods.c.start,
            ),
        )
        .group_by(periods.c.n, TimeEntry.activity)
    ).all()
    output = session.execute(
        select(
            periods.c.n,
            func.count(col(Video.id)),
            func.coalesce(func.sum(Video.actual_seconds), 0),
        )
        .join(
            Video,
            and_(
                col(Video.deleted_at).is_(None),
                Video.stage == PUBLISHED_STAGE,
                col(Video.published_at) >= periods.c.start,
                col(Video.published_at) < periods.c.end,
            ),
        )
        .group_by(periods.c.n)
    ).all()
    hours: dict[int, dict[str, float]] = {}
    for n, activity, seconds in effort:
        hours.setdefault(n, {})[activity] = float(seconds) / 3600
    published = {n: (count, float(seconds) / 60) for n, count, seconds in output}
    return [
        WeekEffort(
            start=start.date(),
            hours_by_activity=hours.get(n, {}),
            published=published.get(n, (0, 0.0))[0],
            published_minutes=published.get(n, (0, 0.0))[1],
        )
        for n, (start, _end) in enumerate(bounds)
    ]


def _week_bounds(ctx: Context, weeks: int) -> list[tuple[datetime, datetime]]:
    """Local week starts, oldest first, ending with the week holding today."""
    this_week, _ = ctx.week_bounds(ctx.now().date())
    first = this_week.date() - timedelta(weeks=weeks - 1)
    return [ctx.week_bounds(first + timedelta(weeks=n)) for n in range(weeks)]


def _periods(bounds: list[tuple[datetime, datetime]], ctx: Context, session: Session) -> Any:
    """The periods as a derived table: number, start, end, and the earliest start of an entry
    that can reach into the period (a finished entry lasts at most a day).

    A VALUES list rather than a UNION of selects: SQLite allows at most 500 of those.
    """
    running_start = running_since(session, ctx)
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
    idea to published for videos published in that time.

    The database pairs every move with the next one of the same card (a window function both
    backends have); only the percentiles are taken here, from one number per card and stage.
    """
    since = ctx.now() - timedelta(weeks=weeks)
    moves = (
        select(
            StageChange.video_id,
            StageChange.to_stage.label("stage"),
            StageChange.at.label("entered"),
            func.lead(StageChange.at)
            .over(partition_by=StageChange.video_id, order_by=StageChange.at)
            .label("left"),
        )
        .join(Video, and_(col(Video.id) == StageChange.video_id, col(Video.deleted_at).is_(None)))
        .subquery("moves")
    )
    stays = session.execute(
        select(moves.c.stage, seconds_between(moves.c.entered, moves.c.left)).where(
            moves.c.left.is_not(None), moves.c.left >= instant(since)
        )
    ).all()
    whole = session.execute(
        select(seconds_between(func.min(StageChange.at), Video.published_at))
        .join(StageChange, col(StageChange.video_id) == Video.id)
        .where(
            col(Video.deleted_at).is_(None),
            Video.stage == PUBLISHED_STAGE,
            col(Video.published_at) >= instant(since),
        )
        .group_by(Video.id, Video.published_at)
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
    latest = (
        select(
            StageChange.to_stage,
            func.row_number()
            .over(partition_by=StageChange.video_id, order_by=col(StageChange.at).desc())
            .label("newest"),
        )
        .join(Video, live)
        .where(col(StageChange.at) < instant(days[0][0]))
        .subquery("latest")
    )
    start = dict(
        session.execute(
            select(latest.c.to_stage, func.count())
            .where(latest.c.newest == 1)
            .group_by(latest.c.to_stage)
        ).all()
    )
    moves = (
        select(periods.c.n, StageChange.from_stage, StageChange.to_stage, func.count())
        .join(
            StageChange,
            and_(StageChange.at >= periods.c.start, StageChange.at < periods.c.end),
        )
        .join(Video, live)
        .group_by(periods.c.n, StageChange.from_stage, StageChange.to_stage)
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
        select(TimeEntry.start_at, TimeEntry.end_at).where(
            TimeEntry.member_id == ctx.member_id,
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
    hours logged on them (everyone's) and their most recent counts."""
    since = _week_bounds(ctx, weeks)[0][0]
    latest = (
        select(
            Metric.video_id,
            Metric.views,
            Metric.likes,
            func.row_number()
            .over(partition_by=Metric.video_id, order_by=col(Metric.at).desc())
            .label("newest"),
        )
        .where(col(Metric.deleted_at).is_(None))
        .subquery("latest")
    )
    spent = entry_seconds(ctx.now())
    hours = (
        select(col(TimeEntry.video_id).label("video_id"), func.sum(spent).label("seconds"))
        .where(col(TimeEntry.deleted_at).is_(None))
        .group_by(col(TimeEntry.video_id))
        .subquery("hours")
    )
    rows = session.execute(
        select(
            Video.number,
            Video.title,
            Video.published_at,
            func.coalesce(hours.c.seconds, 0.0),
            latest.c.views,
            latest.c.likes,
        )
        .join(latest, and_(latest.c.video_id == Video.id, latest.c.newest == 1))
        .outerjoin(hours, hours.c.video_id == Video.id)
        .where(
            col(Video.deleted_at).is_(None),
            Video.stage == PUBLISHED_STAGE,
            col(Video.published_at) >= instant(since),
        )
        .order_by(col(Video.published_at))
    ).all()
    return [
        Engagement(
            number, title, published.astimezone(ctx.zone), float(seconds) / 3600, views, likes
        )
        for number, title, published, seconds, views, likes in rows
    ]
