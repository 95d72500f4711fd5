"""Gathers the facts the sustainability signals need and evaluates them.

The signals themselves are computed by a pure function in ``tracker.core.sustainability``;
this module only reads: the member's work over the last weeks (a bounded window) and the cards
on the board with when each entered its stage.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.sustainability import Card, Facts, Published, Signal, Work, evaluate
from tracker.db.models import StageChange, TimeEntry, Video
from tracker.services.breaks import planned_breaks
from tracker.services.checkins import checkin_history
from tracker.services.context import Context
from tracker.services.insights import published_videos
from tracker.services.timelog import reaching_into

# Long enough for a four-week mean of the current week and the three before, plus a margin.
LOOKBACK = timedelta(weeks=5)
PUBLISHED_LOOKBACK = timedelta(weeks=16)
DUE_SOON = timedelta(days=2)
FINISHED = (PUBLISHED_STAGE, DROPPED_STAGE)
READY_STAGE = "scheduled"  # finished, waiting to be published: the buffer


def current_signals(session: Session, ctx: Context) -> list[Signal]:
    """Every threshold near or crossed right now, alerts first."""
    return evaluate(gather_facts(session, ctx), ctx.settings.thresholds)


def gather_facts(session: Session, ctx: Context) -> Facts:
    now = ctx.now()
    latest = checkin_history(session, ctx, limit=1)
    return Facts(
        now=now,
        work=_recent_work(session, ctx, now - LOOKBACK),
        cards=_cards_in_progress(session),
        wip_limits=dict(ctx.settings.wip_limits),
        pauses=tuple(
            Work(planned.start_at, planned.end_at)
            for planned in planned_breaks(session, ctx, since=now - LOOKBACK)
        ),
        checkin_score=latest[0].highest if latest else None,
        checkin_at=latest[0].taken_at if latest else None,
        published=_published(session, ctx, now - PUBLISHED_LOOKBACK),
        ready=_count(session, Video.stage == READY_STAGE),
        week_start=ctx.settings.week_start,
        due_soon=_count(
            session,
            col(Video.stage).not_in((*FINISHED, READY_STAGE)),
            col(Video.due_on).is_not(None),
            col(Video.due_on) <= (now + DUE_SOON).date(),
        ),
    )


def _recent_work(session: Session, ctx: Context, since: datetime) -> tuple[Work, ...]:
    """Work reaching into the time since ``since``, a running timer however old included."""
    rows = session.exec(
        select(TimeEntry.start_at, TimeEntry.end_at).where(
            TimeEntry.member_id == ctx.member_id,
            col(TimeEntry.deleted_at).is_(None),
            *reaching_into(session, ctx, since, None),
        )
    ).all()
    return tuple(Work(start, end) for start, end in rows)


def _published(session: Session, ctx: Context, since: datetime) -> tuple[Published, ...]:
    """Videos published from ``since`` to the end of today, each with the hours logged on it:
    the charts' own query (``insights.published_videos``), so the threshold and the
    hours-per-video chart count the same hours."""
    _today, tomorrow = ctx.day_bounds(ctx.now().date())
    videos = published_videos(session, ctx, since, tomorrow)
    return tuple(Published(video.published_at, video.hours) for video in videos)


def _count(session: Session, *conditions: Any) -> int:
    return session.exec(
        select(func.count()).select_from(Video).where(col(Video.deleted_at).is_(None), *conditions)
    ).one()


def _cards_in_progress(session: Session) -> tuple[Card, ...]:
    """Unfinished cards, each with the time it last entered the stage it is in."""
    entered = (
        select(StageChange.video_id, StageChange.to_stage, func.max(StageChange.at).label("at"))
        .group_by(col(StageChange.video_id), col(StageChange.to_stage))
        .subquery()
    )
    rows = session.exec(
        select(Video.number, Video.title, Video.stage, entered.c.at)
        .join(
            entered,
            (entered.c.video_id == Video.id) & (entered.c.to_stage == Video.stage),
        )
        .where(col(Video.deleted_at).is_(None), col(Video.stage).not_in(FINISHED))
    ).all()
    return tuple(Card(number, title, stage, at) for number, title, stage, at in rows)
