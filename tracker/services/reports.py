"""The weekly review: what a period held, beside the four periods before it.

Every figure comes from the queries the charts use (``tracker.services.insights``), summed by the
database and bounded to the periods asked for, so a report never disagrees with the Insights
screen. A report is plain data; ``tracker.formats`` writes it as Markdown, CSV, JSON or HTML.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean, median
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlmodel import Session, col

from tracker.core.periods import Period
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.db.models import CheckIn, Member, Override, Prompt, StageChange, TimeEntry, Video
from tracker.db.sql import instant
from tracker.services import totals
from tracker.services.context import Context
from tracker.services.insights import (
    PublishedVideo,
    StageTime,
    cards_per_stage,
    cycle_times_between,
    hours_by_activity,
    hours_by_video,
    published_videos,
)
from tracker.services.posts import published_per_platform
from tracker.services.series import series_slots

#: The version of the report's JSON form (docs/report-schema.md); raise it on any change.
SCHEMA_VERSION = 1
EARLIER_PERIODS = 4
TOP_VIDEOS = 10
NEXT_DAYS = 14  # what is scheduled next: the fortnight after the period


@dataclass(frozen=True)
class PeriodSpan:
    """The period as the report names it: its label and local days, ``end`` not included."""

    kind: str
    label: str
    first: date
    end: date

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)


@dataclass(frozen=True)
class VideoHours:
    number: int | None  # None: work on no video in particular
    title: str
    hours: float


@dataclass(frozen=True)
class DayHours:
    day: date
    hours: float


@dataclass(frozen=True)
class CardLine:
    number: int
    title: str
    stage: str
    due_on: date | None = None
    publish_at: datetime | None = None


@dataclass(frozen=True)
class OverrideLine:
    """A card that went into scheduled or published with its checklist open, and why."""

    number: int
    title: str
    stage: str
    at: datetime
    member: str | None
    open_items: list[str]
    reason: str


@dataclass(frozen=True)
class SeriesSlot:
    """A day a series posts on, in the period or the two weeks after, and what became of it."""

    series: str
    day: date
    case_number: int | None
    card: int | None
    answer_card: int | None
    state: str  # published, missed, due, planned, unplanned, dropped


@dataclass(frozen=True)
class SignalCount:
    """How often a threshold prompted in the period, at which level, and how it was answered."""

    key: str
    level: str
    times: int
    answers: dict[str, int]


@dataclass(frozen=True)
class CheckInScore:
    taken_at: datetime
    member: str
    personal_score: float | None
    work_score: float | None


@dataclass(frozen=True)
class Summary:
    """The figures shown for each of the earlier periods beside the one reviewed."""

    label: str
    total_hours: float
    hours_by_activity: dict[str, float]
    published: int
    hours_per_video: float | None
    created: int
    checkin_personal: float | None
    checkin_work: float | None


@dataclass(frozen=True)
class Report:
    schema: str
    version: int
    period: PeriodSpan
    members: list[str]
    generated_at: datetime
    total_hours: float
    hours_by_activity: dict[str, float]
    hours_by_video: list[VideoHours]
    hours_by_category: dict[str, float]
    hours_by_tag: dict[str, float]
    published_by_category: dict[str, int]
    posts_by_platform: dict[str, int]
    hours_by_day: list[DayHours]
    created: list[CardLine]
    moved: dict[str, int]
    published: list[PublishedVideo]
    hours_per_video: float | None
    cycle_times: list[StageTime]
    signals: list[SignalCount]
    prompt_answers: dict[str, int]
    checkins: list[CheckInScore]
    scheduled_next: list[CardLine]
    overrides: list[OverrideLine]
    series: list[SeriesSlot]
    wip: dict[str, int]
    ideas_in_stock: int
    summary: Summary  # this period's line of the comparison
    earlier: list[Summary]  # the periods before, the most recent first
    note: str  # the self-monitoring line that goes with the signals and check-ins


def first_day(session: Session, ctx: Context, members: tuple[uuid.UUID, ...]) -> date:
    """The first day anything was logged or put on the board: where ``--all`` begins."""
    first_entry = session.execute(
        select(func.min(TimeEntry.start_at)).where(
            col(TimeEntry.member_id).in_(members), col(TimeEntry.deleted_at).is_(None)
        )
    ).scalar()
    first_card = session.execute(select(func.min(StageChange.at))).scalar()
    known = [moment.astimezone(ctx.zone).date() for moment in (first_entry, first_card) if moment]
    return min(known, default=ctx.today())


def everything(session: Session, ctx: Context, members: tuple[uuid.UUID, ...]) -> Period:
    """From the first day on record to today."""
    return Period("all", first_day(session, ctx, members), ctx.today() + timedelta(days=1))


def member_ids(session: Session, names: list[str] | None) -> tuple[uuid.UUID, ...]:
    """Everyone on the database (``None``), else the named members."""
    query = select(col(Member.id)).where(col(Member.deleted_at).is_(None))
    if names is not None:
        query = query.where(col(Member.name).in_(names))
    return tuple(session.execute(query.order_by(col(Member.name))).scalars())


def build_report(
    session: Session,
    ctx: Context,
    period: Period,
    members: tuple[uuid.UUID, ...] | None = None,
) -> Report:
    """The review of ``period`` for ``members`` (default: the context's member)."""
    chosen = members if members is not None else (ctx.member_id,)
    start, end = _instants(ctx, period)
    earlier = period.earlier(EARLIER_PERIODS) if period.kind != "all" else []
    spans = [(start, end), *(_instants(ctx, before) for before in earlier)]
    by_activity = hours_by_activity(session, ctx, spans, chosen)
    published = published_videos(session, ctx, spans[-1][0], end)
    checkins = _checkins(session, ctx, spans[-1][0], end, chosen)
    created = _created(session, start, end)
    now_or_end = min(end, ctx.now())
    wip = cards_per_stage(session, now_or_end)
    this_activity = _ordered(by_activity.get(0, {}))
    summaries = [
        _summary(session, shown, span, by_activity.get(n, {}), published, checkins)
        for n, (shown, span) in enumerate(zip([period, *earlier], spans, strict=True))
    ]
    this_published = [video for video in published if start <= video.published_at < end]
    video_hours = hours_by_video(session, ctx, [(start, end)], chosen).get(0, {})
    return Report(
        schema="tracker-report",
        version=SCHEMA_VERSION,
        period=PeriodSpan(period.kind, period.label, period.first, period.end),
        members=_names(session, chosen),
        generated_at=ctx.now(),
        total_hours=sum(this_activity.values()),
        hours_by_activity=this_activity,
        hours_by_video=_top_videos(session, video_hours),
        hours_by_category=_grouped(video_hours, _labels(session, "category", video_hours)),
        hours_by_tag=_grouped(video_hours, _labels(session, "tags", video_hours)),
        published_by_category=_published_by_category(session, this_published),
        posts_by_platform=published_per_platform(session, start, end),
        hours_by_day=_by_day(session, ctx, period, chosen),
        created=created,
        moved=_moved(session, ctx, start, end),
        published=this_published,
        hours_per_video=_median_hours(this_published),
        cycle_times=cycle_times_between(session, ctx, start, now_or_end),
        signals=_signals(session, start, end, chosen),
        prompt_answers=_answers(session, start, end, chosen),
        checkins=[c for c in checkins if start <= c.taken_at < end],
        scheduled_next=_scheduled_next(session, ctx, period),
        overrides=_overrides(session, ctx, start, end),
        series=_series(session, ctx, period),
        wip={s: wip.get(s, 0) for s in ctx.settings.stages if s != PUBLISHED_STAGE},
        ideas_in_stock=wip.get(ctx.settings.stages[0], 0),
        summary=summaries[0],
        earlier=summaries[1:],
        note=ctx.settings.note(),
    )


def _instants(ctx: Context, period: Period) -> tuple[datetime, datetime]:
    return ctx.day_start(period.first), ctx.day_start(period.end)


def _ordered(hours: dict[str, float]) -> dict[str, float]:
    """The most hours first. Figures stay unrounded: every view rounds them one way
    (``tracker.core.durations.hours_number``)."""
    return dict(sorted(hours.items(), key=lambda item: (-item[1], item[0])))


def _median_hours(videos: list[PublishedVideo]) -> float | None:
    return median(video.hours for video in videos) if videos else None


def _names(session: Session, members: tuple[uuid.UUID, ...]) -> list[str]:
    query = select(col(Member.name)).where(col(Member.id).in_(members))
    return list(session.execute(query.order_by(col(Member.name))).scalars())


def _top_videos(session: Session, hours: dict[uuid.UUID | None, float]) -> list[VideoHours]:
    """The videos worked on most, then the rest as one line."""
    # Only the cards that can be in the top (ties included) are looked up: a whole history
    # may hold tens of thousands.
    ranked = sorted(hours.values(), reverse=True)
    least = ranked[TOP_VIDEOS] if len(ranked) > TOP_VIDEOS else 0.0
    ids = [key for key, spent in hours.items() if key is not None and spent >= least]
    cards = {
        video_id: (number, title)
        for video_id, number, title in session.execute(
            select(col(Video.id), col(Video.number), col(Video.title)).where(col(Video.id).in_(ids))
        )
    }
    lines = [
        VideoHours(*cards.get(video_id, (None, "")), spent)
        if video_id is not None
        else VideoHours(None, "(no video)", spent)
        for video_id, spent in hours.items()
    ]
    lines.sort(key=lambda line: (-line.hours, line.number or 0))
    top, rest = lines[:TOP_VIDEOS], lines[TOP_VIDEOS:]
    if rest:
        others = f"({len(rest)} more)"
        top.append(VideoHours(None, others, sum(line.hours for line in rest)))
    return top


def _labels(
    session: Session, column: str, hours: dict[uuid.UUID | None, float]
) -> dict[uuid.UUID, list[str]]:
    """The category (or tags) of each labelled video: the board's cards, never the entries."""
    labelled = getattr(Video, column)
    rows = session.execute(
        select(col(Video.id), labelled).where(labelled.is_not(None), labelled != "")
    )
    return {
        video_id: [value] if isinstance(value, str) else list(value)
        for video_id, value in rows
        if video_id in hours
    }


def _grouped(
    hours: dict[uuid.UUID | None, float], labels: dict[uuid.UUID, list[str]]
) -> dict[str, float]:
    """Hours per label, most first; a video with two tags counts under both, work on no
    video or an unlabelled one under "(none)"."""
    grouped: dict[str, float] = {}
    for video_id, spent in hours.items():
        for label in labels.get(video_id, ["(none)"]) if video_id is not None else ["(none)"]:
            grouped[label] = grouped.get(label, 0.0) + spent
    return _ordered(grouped)


def _published_by_category(session: Session, published: list[PublishedVideo]) -> dict[str, int]:
    rows = session.execute(
        select(col(Video.category), func.count())
        .where(col(Video.number).in_([video.number for video in published]))
        .group_by(col(Video.category))
    )
    counted = {category or "(none)": count for category, count in rows}
    return dict(sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def _by_day(
    session: Session, ctx: Context, period: Period, members: tuple[uuid.UUID, ...]
) -> list[DayHours]:
    """Hours on each day of the period that had any (every day, for a week or a month)."""
    span = [(ctx.day_start(period.first), ctx.day_start(period.end))]
    if totals.serve(session, ctx, members, span):
        by_day = totals.hours_by_day(session, ctx, period.first, period.end, members)
    else:
        days = [ctx.day_bounds(period.first + timedelta(days=n)) for n in range(period.days)]
        hours = hours_by_activity(session, ctx, days, members)
        by_day = {
            period.first + timedelta(days=n): sum(spent.values()) for n, spent in hours.items()
        }
    every_day = period.kind in ("week", "month")
    return [
        DayHours(day, by_day.get(day, 0.0))
        for day in (period.first + timedelta(days=n) for n in range(period.days))
        if every_day or day in by_day
    ]


def _created(session: Session, start: datetime, end: datetime) -> list[CardLine]:
    """Cards put on the board in the period: their first move, the one from no stage."""
    rows = session.execute(
        select(col(Video.number), col(Video.title), col(Video.stage))
        .join(StageChange, col(StageChange.video_id) == Video.id)
        .where(
            col(Video.deleted_at).is_(None),
            col(StageChange.from_stage).is_(None),
            col(StageChange.at) >= instant(start),
            col(StageChange.at) < instant(end),
        )
        .order_by(col(Video.number))
    )
    return [CardLine(number, title, stage) for number, title, stage in rows]


def _overrides(
    session: Session, ctx: Context, start: datetime, end: datetime
) -> list[OverrideLine]:
    """Checklists overridden in the period (a range on their time), oldest first."""
    rows = session.execute(
        select(Override, col(Video.number), col(Video.title), col(Member.name))
        .join(Video, col(Video.id) == Override.video_id)
        .outerjoin(Member, col(Member.id) == Override.member_id)
        .where(
            col(Override.deleted_at).is_(None),
            col(Override.at) >= instant(start),
            col(Override.at) < instant(end),
        )
        .order_by(col(Override.at))
    )
    return [
        OverrideLine(
            number, title, row.stage, row.at.astimezone(ctx.zone), name, row.open_items, row.reason
        )
        for row, number, title, name in rows
    ]


def _series(session: Session, ctx: Context, period: Period) -> list[SeriesSlot]:
    """Every series' days in the period and the fortnight after: kept, missed, or coming."""
    found = series_slots(session, ctx, period.first, period.end + timedelta(days=NEXT_DAYS))
    return [
        SeriesSlot(name, slot.day, slot.case_number, slot.card, slot.answer_card, slot.state)
        for name, slots in found
        for slot in slots
    ]


def _moved(session: Session, ctx: Context, start: datetime, end: datetime) -> dict[str, int]:
    """How many moves into each stage the period saw (a card's creation counts as its first)."""
    rows = session.execute(
        select(col(StageChange.to_stage), func.count())
        .join(Video, and_(col(Video.id) == StageChange.video_id, col(Video.deleted_at).is_(None)))
        .where(col(StageChange.at) >= instant(start), col(StageChange.at) < instant(end))
        .group_by(col(StageChange.to_stage))
    )
    counts: dict[str, int] = {stage: count for stage, count in rows}
    return {stage: counts[stage] for stage in ctx.settings.all_stages if stage in counts}


def _prompts_in(start: datetime, end: datetime, members: tuple[uuid.UUID, ...]) -> list[Any]:
    return [
        col(Prompt.member_id).in_(members),
        col(Prompt.deleted_at).is_(None),
        col(Prompt.shown_at) >= instant(start),
        col(Prompt.shown_at) < instant(end),
    ]


def _signals(
    session: Session, start: datetime, end: datetime, members: tuple[uuid.UUID, ...]
) -> list[SignalCount]:
    """The prompts shown in the period, by signal and level, with how each was answered."""
    rows = session.execute(
        select(col(Prompt.key), col(Prompt.level), col(Prompt.answer), func.count())
        .where(*_prompts_in(start, end, members))
        .group_by(col(Prompt.key), col(Prompt.level), col(Prompt.answer))
    ).all()
    grouped: dict[tuple[str, str], dict[str, int]] = {}
    for key, level, answer, count in rows:
        answers = grouped.setdefault((key, level), {})
        answers[answer or "unanswered"] = answers.get(answer or "unanswered", 0) + count
    return [
        SignalCount(key, level, sum(answers.values()), dict(sorted(answers.items())))
        for (key, level), answers in sorted(grouped.items())
    ]


def _answers(
    session: Session, start: datetime, end: datetime, members: tuple[uuid.UUID, ...]
) -> dict[str, int]:
    """Every prompt of the period by its answer: taken (a stop, a break, a rest day), snoozed,
    dismissed, noted, or unanswered."""
    rows = session.execute(
        select(col(Prompt.answer), func.count())
        .where(*_prompts_in(start, end, members))
        .group_by(col(Prompt.answer))
    )
    taken = {"stopped", "break", "rest_day"}
    answers: dict[str, int] = {}
    for answer, count in rows:
        name = "taken" if answer in taken else answer or "unanswered"
        answers[name] = answers.get(name, 0) + count
    return dict(sorted(answers.items()))


def _checkins(
    session: Session,
    ctx: Context,
    start: datetime,
    end: datetime,
    members: tuple[uuid.UUID, ...],
) -> list[CheckInScore]:
    rows = session.execute(
        select(
            col(CheckIn.taken_at),
            col(Member.name),
            col(CheckIn.personal_score),
            col(CheckIn.work_score),
        )
        .join(Member, col(Member.id) == CheckIn.member_id)
        .where(
            col(CheckIn.member_id).in_(members),
            col(CheckIn.deleted_at).is_(None),
            col(CheckIn.taken_at) >= instant(start),
            col(CheckIn.taken_at) < instant(end),
        )
        .order_by(col(CheckIn.taken_at))
    )
    return [
        CheckInScore(taken.astimezone(ctx.zone), name, personal, work)
        for taken, name, personal, work in rows
    ]


def _scheduled_next(session: Session, ctx: Context, period: Period) -> list[CardLine]:
    """Cards not yet published, due or set to publish in the fortnight after the period."""
    first, end = period.end, period.end + timedelta(days=NEXT_DAYS)
    rows = session.execute(
        select(
            col(Video.number),
            col(Video.title),
            col(Video.stage),
            col(Video.due_on),
            col(Video.publish_at),
        )
        .where(
            col(Video.deleted_at).is_(None),
            col(Video.stage).not_in((PUBLISHED_STAGE, DROPPED_STAGE)),
            or_(
                and_(col(Video.due_on) >= first, col(Video.due_on) < end),
                and_(
                    col(Video.publish_at) >= instant(ctx.day_start(first)),
                    col(Video.publish_at) < instant(ctx.day_start(end)),
                ),
            ),
        )
        .order_by(func.coalesce(col(Video.due_on), col(Video.publish_at)), col(Video.number))
    )
    return [
        CardLine(number, title, stage, due, publish.astimezone(ctx.zone) if publish else None)
        for number, title, stage, due, publish in rows
    ]


def _summary(
    session: Session,
    period: Period,
    span: tuple[datetime, datetime],
    activity: dict[str, float],
    published: list[PublishedVideo],
    checkins: list[CheckInScore],
) -> Summary:
    start, end = span
    videos = [video for video in published if start <= video.published_at < end]
    scores = [c for c in checkins if start <= c.taken_at < end]
    return Summary(
        label=period.label,
        total_hours=sum(activity.values()),
        hours_by_activity=_ordered(activity),
        published=len(videos),
        hours_per_video=_median_hours(videos),
        created=len(_created(session, start, end)),
        checkin_personal=_mean([c.personal_score for c in scores]),
        checkin_work=_mean([c.work_score for c in scores]),
    )


def _mean(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return mean(known) if known else None
