"""The at-a-glance summary: the running timer, today's and this week's hours, the board's shape,
and the sustainability signals."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.db.models import Video
from tracker.services.breaks import break_at
from tracker.services.context import Context
from tracker.services.sustainability import current_signals
from tracker.services.timelog import running_timer, seconds_logged
from tracker.services.views import Status


def status(session: Session, ctx: Context) -> Status:
    now = ctx.now()
    today = now.date()
    counts = dict(
        session.exec(
            select(Video.stage, func.count())
            .where(col(Video.deleted_at).is_(None))
            .group_by(Video.stage)
        ).all()
    )
    return Status(
        now=now,
        running=running_timer(session, ctx),
        today_seconds=seconds_logged(session, ctx, *ctx.day_bounds(today)),
        week_seconds=seconds_logged(session, ctx, *ctx.week_bounds(today)),
        stage_counts={stage: counts.get(stage, 0) for stage in ctx.settings.all_stages},
        signals=tuple(current_signals(session, ctx)),
        break_until=planned.end_at if (planned := break_at(session, ctx, now)) else None,
    )
