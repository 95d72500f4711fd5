"""Posts: one recording goes out as several posts (a YouTube video, its Shorts cut, a TikTok),
each on its platform, checked against its preset (``tracker.core.presets``).

A video holds at most one live post per preset, so ``12 youtube-shorts`` names a post.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.errors import ConflictError, InputError, NotFoundError, one_line
from tracker.core.presets import Preset, over_preset, parse_aspect
from tracker.db.models import Post, Video
from tracker.db.sql import instant
from tracker.services.board import LARGEST_NUMBER, LONGEST_TEXT, check_length, resolve_video
from tracker.services.context import Context

EDITABLE = ("length_seconds", "images", "aspect", "caption", "publish_at", "published_at", "url")
MAX_IMAGES = 1000


@dataclass(frozen=True)
class PostView:
    number: int  # the video's
    title: str
    preset: str
    platform: str
    length_seconds: int | None
    images: int | None
    aspect: str | None
    caption: str
    publish_at: datetime | None
    published_at: datetime | None
    url: str | None
    over_preset: tuple[str, ...]  # what the post holds beyond its preset's limits


def find_preset(ctx: Context, name: str) -> Preset:
    preset = _preset_named(ctx, name.strip().lower())
    if preset is not None:
        return preset
    known = ", ".join(preset.name for preset in ctx.settings.presets)
    raise InputError(
        f'Unknown preset "{one_line(name)}"; use one of {known} (or add one under [presets] '
        "in the config file)."
    )


def add_post(
    session: Session, ctx: Context, ref: str, preset_name: str, changes: dict[str, Any]
) -> PostView:
    """A new post of a video on a preset (one live post per preset and video)."""
    video = resolve_video(session, ref)
    preset = find_preset(ctx, preset_name)
    if _find(session, video, preset.name) is not None:
        raise ConflictError(
            f"#{video.number} already has a {preset.name} post; change it with "
            f"`tracker post edit {video.number} {preset.name}`."
        )
    post = Post(
        video_id=video.id,
        preset=preset.name,
        platform=preset.platform,
        created_at=ctx.now(),
        updated_at=ctx.now(),
    )
    _apply(ctx, post, changes)
    session.add(post)
    session.flush()
    return _view(ctx, video, post)


def edit_post(
    session: Session, ctx: Context, ref: str, preset_name: str, changes: dict[str, Any]
) -> PostView:
    video = resolve_video(session, ref)
    post = resolve_post(session, ctx, video, preset_name)
    _apply(ctx, post, changes)
    post.updated_at = ctx.now()
    session.flush()
    return _view(ctx, video, post)


def remove_post(session: Session, ctx: Context, ref: str, preset_name: str) -> PostView:
    video = resolve_video(session, ref)
    post = resolve_post(session, ctx, video, preset_name)
    post.deleted_at = ctx.now()
    post.updated_at = ctx.now()
    session.flush()
    return _view(ctx, video, post)


def posts_of(session: Session, ctx: Context, ref: str | None = None) -> list[PostView]:
    """One video's posts, or those of every video on the board (not removed), by number."""
    query = (
        select(Post, Video)
        .join(Video, col(Video.id) == Post.video_id)
        .where(col(Post.deleted_at).is_(None), col(Video.deleted_at).is_(None))
    )
    if ref is not None:
        query = query.where(Video.id == resolve_video(session, ref).id)
    rows = session.exec(query.order_by(col(Video.number), col(Post.preset))).all()
    return [_view(ctx, video, post) for post, video in rows]


def posts_by_video(
    session: Session, ctx: Context, videos: list[Video] | list[Any]
) -> dict[int, list[PostView]]:
    """The live posts of ``videos`` (Videos or rows with their id, number and title), by the
    video's number: one statement for a whole board."""
    by_id = {video.id: video for video in videos}
    found: dict[int, list[PostView]] = {}
    if not by_id:
        return found
    rows = session.exec(
        select(Post)
        .where(col(Post.video_id).in_(list(by_id)), col(Post.deleted_at).is_(None))
        .order_by(col(Post.preset))
    ).all()
    for post in rows:
        video = by_id[post.video_id]
        found.setdefault(video.number, []).append(_view(ctx, video, post))
    return found


def published_per_platform(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """Posts published in ``[start, end)`` on each platform, most first (a range on the
    publishing time's index)."""
    rows = session.exec(
        select(Post.platform, func.count())
        .join(Video, col(Video.id) == Post.video_id)
        .where(
            col(Post.deleted_at).is_(None),
            col(Video.deleted_at).is_(None),
            col(Post.published_at) >= instant(start),
            col(Post.published_at) < instant(end),
        )
        .group_by(col(Post.platform))
    ).all()
    return dict(sorted(rows, key=lambda row: (-row[1], row[0])))


def resolve_post(session: Session, ctx: Context, video: Video, preset_name: str) -> Post:
    name = preset_name.strip().lower()
    post = _find(session, video, name)
    if post is None:
        have = [view.preset for view in posts_of(session, ctx, str(video.number))]
        listed = f"its posts are {', '.join(have)}" if have else "it has no posts yet"
        raise NotFoundError(
            f'#{video.number} has no "{one_line(preset_name)}" post; {listed} '
            f"(add one with `tracker post add {video.number} PRESET`)."
        )
    return post


def _find(session: Session, video: Video, preset: str) -> Post | None:
    return session.exec(
        select(Post).where(
            Post.video_id == video.id, Post.preset == preset, col(Post.deleted_at).is_(None)
        )
    ).first()


def _apply(ctx: Context, post: Post, changes: dict[str, Any]) -> None:
    """Check and set the given fields (None clears one, except the caption)."""
    for name, value in changes.items():
        if name not in EDITABLE:
            raise ValueError(f"not a post field: {name}")
        if name == "published_at" and value is not None and value > ctx.now():
            raise InputError(
                "A post is published now or in the past; for a time to come, use --at."
            )
        setattr(post, name, _checked(name, value))


def _checked(name: str, value: Any) -> Any:
    if value is None:
        return "" if name == "caption" else None
    if name == "images" and not 1 <= value <= MAX_IMAGES:
        raise InputError(f"A post holds 1 to {MAX_IMAGES} images (not {value}).")
    if name == "length_seconds" and not 1 <= value <= LARGEST_NUMBER:
        raise InputError("A post's length is a whole number of seconds from 1 up.")
    if name == "aspect":
        return parse_aspect(value)
    if name == "caption" and len(value) > LONGEST_TEXT:
        raise InputError(
            f"A caption is at most {LONGEST_TEXT} characters (this one has {len(value)})."
        )
    if name == "url":
        return check_length("url", value.strip()) if value.strip() else None
    return value


def _preset_named(ctx: Context, name: str) -> Preset | None:
    """The configured preset of that name; None for one the config no longer has."""
    return next((preset for preset in ctx.settings.presets if preset.name == name), None)


def _view(ctx: Context, video: Video | Any, post: Post) -> PostView:
    preset = _preset_named(ctx, post.preset)
    problems = (
        over_preset(
            preset,
            length_seconds=post.length_seconds,
            images=post.images,
            aspect=post.aspect,
            caption=post.caption,
        )
        if preset is not None
        else []
    )
    return PostView(
        number=video.number,
        title=video.title,
        preset=post.preset,
        platform=post.platform,
        length_seconds=post.length_seconds,
        images=post.images,
        aspect=post.aspect,
        caption=post.caption,
        publish_at=post.publish_at,
        published_at=post.published_at,
        url=post.url,
        over_preset=tuple(problems),
    )
