"""A platform's analytics export (CSV or Excel): views, likes, comments and shares of the
published videos, as of one moment (the export's; now by default).

Each row is matched to a published video by its URL when the row has one, else by its exact
title (whatever its case); a row that matches none, or a video not yet published, refuses the
import with its line. A row is known again by its video and its counts, so importing the same
export twice adds nothing, and a later export with new figures adds them.

Watch time is not kept: the metric table has no column for it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlmodel import Session, col

from tracker.core.errors import InputError
from tracker.core.imports.cells import count, text_of
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import Metric, Video
from tracker.services.board import LARGEST_NUMBER
from tracker.services.context import Context
from tracker.services.imports import (
    PREVIEW_ROWS,
    ImportResult,
    Tally,
    chunked,
    located,
    row_id,
    run_import,
    table_of,
)
from tracker.services.imports.tables import Table, auto_mapped
from tracker.services.metrics import COUNTS

MATCHERS = ("title", "url")
FIELDS = (*MATCHERS, *COUNTS, "watch_time")
SOURCE = "analytics"
VIDEO_COLUMNS = ("id", "number", "title", "url", "stage", "published_at")
PREVIEW_HEADERS = ("Line", "", "Video", *(name.capitalize() for name in COUNTS))


@dataclass(frozen=True)
class _Row:
    line: int
    title: str
    url: str
    counts: dict[str, int | None]


def metrics_mapping(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping given, completed by columns named like a field; refuses watch time and
    mappings that cannot match a video or hold no count."""
    if "watch_time" in mapping:
        raise InputError(
            "tracker keeps no watch time (the metric table holds views, likes, comments and "
            "shares); leave watch_time out of --map."
        )
    complete = auto_mapped(table, mapping, (*MATCHERS, *COUNTS))
    if not any(field in complete for field in MATCHERS):
        raise InputError(
            'Say which column names the video, e.g. --map title="Video title" or url=URL; the '
            f"columns of {table.file.shown} are {table.names()}."
        )
    if not any(field in complete for field in COUNTS):
        raise InputError(
            "Say which columns hold the counts, e.g. --map views=Views,likes=Likes; the "
            f"columns of {table.file.shown} are {table.names()}."
        )
    return complete


def import_metrics(
    session: Session,
    ctx: Context,
    table: Table,
    mapping: dict[str, str],
    *,
    at: datetime | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Record the counts of the export's videos as of ``at`` (now by default), all or none."""
    moment = at or ctx.now()
    if moment > ctx.now():
        raise InputError("Metrics can only be recorded up to now; give an --at in the past.")
    return run_import(
        session, dry_run, lambda: _import(session, ctx, table, mapping, moment, dry_run)
    )


def _import(
    session: Session,
    ctx: Context,
    table: Table,
    mapping: dict[str, str],
    at: datetime,
    dry_run: bool,
) -> ImportResult:
    columns = table.columns(metrics_mapping(table, mapping))
    seen: dict[uuid.UUID, int] = {}
    new = already = 0
    preview: list[tuple[str, ...]] = []
    for chunk in chunked(_rows(table, columns)):
        videos = _videos(session, chunk)
        fresh: dict[uuid.UUID, dict[str, Any]] = {}
        for row in chunk:
            video = _match(ctx, table, row, videos, at)
            if video.id in seen:
                raise located(
                    table.file.shown,
                    row.line,
                    f"#{video.number} has a row already, at row {seen[video.id]}; give one "
                    "row a video",
                )
            seen[video.id] = row.line
            key = row_id(SOURCE, video.id, *(row.counts[name] for name in COUNTS))
            fresh[key] = {"video": video, "row": row}
        stored = set(
            session.execute(select(col(Metric.id)).where(col(Metric.id).in_(list(fresh)))).scalars()
        )
        for key, found in fresh.items():
            if len(preview) < PREVIEW_ROWS:
                preview.append(_preview(found["row"], found["video"], key in stored))
        rows = [_metric(key, found, at, ctx) for key, found in fresh.items() if key not in stored]
        if rows:
            session.execute(insert(table_of(Metric)), rows)
        new += len(rows)
        already += len(fresh) - len(rows)
    return ImportResult(
        path=table.file.shown,
        dry_run=dry_run,
        tallies=(Tally("metrics", new, already),),
        notes=(f"as of {ctx.shown(at)}",),
        preview_headers=PREVIEW_HEADERS,
        preview=tuple(preview),
    )


def _rows(table: Table, columns: dict[str, int]) -> Iterator[_Row]:
    for line, cells in table.rows:
        given = {field: cells[index] for field, index in columns.items()}
        try:
            counts = {name: count(given.get(name), name) for name in COUNTS}
        except InputError as error:
            raise located(table.file.shown, line, str(error)) from None
        problem = _count_problem(counts)
        if problem:
            raise located(table.file.shown, line, problem)
        title = " ".join(text_of(given.get("title")).split())
        yield _Row(line, title, text_of(given.get("url")), counts)


def _count_problem(counts: dict[str, int | None]) -> str:
    if all(value is None for value in counts.values()):
        return "this row has no counts; fill them in or remove the row"
    for name, value in counts.items():
        if value is not None and value > LARGEST_NUMBER:
            return f"{name} of {value} is more than can be stored"
    return ""


def _videos(session: Session, chunk: list[_Row]) -> list[Any]:
    """The live videos the chunk's rows may name, by URL or by title."""
    urls = [row.url for row in chunk if row.url]
    titles = [func.lower(row.title) for row in chunk if row.title]
    return list(
        session.execute(
            select(
                col(Video.id),
                col(Video.number),
                col(Video.title),
                col(Video.url),
                col(Video.stage),
                col(Video.published_at),
            ).where(
                col(Video.deleted_at).is_(None),
                or_(col(Video.url).in_(urls), func.lower(Video.title).in_(titles)),
            )
        ).all()
    )


def _match(ctx: Context, table: Table, row: _Row, videos: list[Any], at: datetime) -> Any:
    """The published video a row is about: by its URL, else by its title."""
    where = table.file.shown
    if not row.url and not row.title:
        raise located(where, row.line, "this row names no video (its title and URL are empty)")
    matches = [video for video in videos if row.url and video.url == row.url]
    if not matches and row.title:
        matches = [video for video in videos if video.title.lower() == row.title.lower()]
    named = f'the title "{row.title}"' if row.title else f"the URL {row.url}"
    if not matches:
        raise located(where, row.line, f"no video on the board has {named}; add it or fix the row")
    if len(matches) > 1:
        numbers = " and ".join(f"#{video.number}" for video in matches)
        raise located(where, row.line, f"{numbers} all have {named}; give the row a URL")
    video = matches[0]
    if video.stage != PUBLISHED_STAGE:
        raise located(
            where,
            row.line,
            f"#{video.number} is not published yet; metrics are for published videos",
        )
    if video.published_at is not None and at < video.published_at:
        raise located(
            where,
            row.line,
            f"#{video.number} was published {ctx.shown(video.published_at)}, after the moment "
            "of these figures; give --at a later time",
        )
    return video


def _metric(key: uuid.UUID, found: dict[str, Any], at: datetime, ctx: Context) -> dict[str, Any]:
    now = ctx.now()
    return {
        "id": key,
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "video_id": found["video"].id,
        "at": at,
        "source": SOURCE,
        **found["row"].counts,
    }


def _preview(row: _Row, video: Any, stored: bool) -> tuple[str, ...]:
    return (
        str(row.line),
        "already here" if stored else "new",
        f"#{video.number} {video.title}",
        *("" if row.counts[name] is None else str(row.counts[name]) for name in COUNTS),
    )
