"""Metrics of published videos, typed in: what a video had reached on a date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from tracker.core.errors import InputError
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import Metric
from tracker.services.board import LARGEST_NUMBER, resolve_video
from tracker.services.context import Context
from tracker.services.posts import resolve_post

COUNTS = ("views", "likes", "comments", "shares")
FIGURES = (*COUNTS, "watch_seconds")  # what a metric can hold: the counts, and watch time


@dataclass(frozen=True)
class MetricView:
    number: int
    at: datetime
    counts: dict[str, int]


def record_metrics(
    session: Session,
    ctx: Context,
    ref: str,
    counts: Mapping[str, int | None],
    at: datetime | None,
    post: str | None = None,
) -> MetricView:
    """Keep a published video's counts (and watch time, in seconds) as of ``at`` (now by
    default), or one of its posts' (``post`` names its preset)."""
    video = resolve_video(session, ref)
    post_id = resolve_post(session, ctx, video, post).id if post is not None else None
    if video.stage != PUBLISHED_STAGE:
        raise InputError(f"#{video.number} is not published yet; metrics are for published videos.")
    given = {name: value for name, value in counts.items() if value is not None}
    if not given:
        raise InputError("Give at least one count, e.g. --views 1200 --likes 85.")
    for name, value in given.items():
        shown = name.replace("_seconds", " time").capitalize()
        if value < 0:
            raise InputError(f"{shown} cannot be negative ({value}).")
        if value > LARGEST_NUMBER:
            raise InputError(f"{shown} of {value} is more than can be stored.")
    moment = at or ctx.now()
    if moment > ctx.now():
        raise InputError("Metrics can only be recorded up to now.")
    if video.published_at is not None and moment < video.published_at:
        raise InputError(
            f"#{video.number} was published {ctx.shown(video.published_at)}; "
            "metrics can only be recorded from then on."
        )
    metric = Metric(video_id=video.id, at=moment, post_id=post_id)
    for name, value in given.items():
        setattr(metric, name, value)
    session.add(metric)
    session.flush()
    return MetricView(video.number, moment, given)
