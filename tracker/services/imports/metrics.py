"""A platform's analytics export (CSV or Excel): views, likes, comments and shares of the
published videos, as of one moment (the export's; now by default).

Each row is matched to a published video by its URL when the row has one, else by its exact
title (whatever its case); a row that matches none, or a video not yet published, refuses the
import with its line. A row is known again by its video and its figures, so importing the same
export twice adds nothing, and a later export with new figures adds them.

Watch time is kept in seconds. ``watch_hours``, ``watch_minutes`` and ``watch_seconds`` say the
unit of their column; ``watch_time`` takes it from the column's name (``Watch time (hours)``),
or reads clock times (``1:02:03``). YouTube Studio's own column names need no ``--map``.

YouTube Studio's table starts with a "Total" row, the sum of all the videos: it names no video
and is left out (the result says so).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlmodel import Session, col

from tracker.core.durations import hours_number
from tracker.core.errors import InputError
from tracker.core.imports.cells import Cell, count, seconds_of, text_of, unit_in
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
# The fields that hold watch time, and the seconds in their unit (None: the column's name, or
# the cells themselves, say it).
WATCH_UNITS: dict[str, int | None] = {
    "watch_time": None,
    "watch_hours": 3600,
    "watch_minutes": 60,
    "watch_seconds": 1,
}
FIELDS = (*MATCHERS, *COUNTS, *WATCH_UNITS)
# Columns of YouTube Studio's export (Analytics, Advanced mode, Export) that name a field.
ALIASES = {
    "video title": "title",
    "comments added": "comments",
    "watch time (hours)": "watch_hours",
}
TOTAL = "total"
SOURCE = "analytics"
VIDEO_COLUMNS = ("id", "number", "title", "url", "stage", "published_at")
PREVIEW_HEADERS = ("Line", "", "Video", *(name.capitalize() for name in COUNTS))
WATCH_HEADER = "Watch time"


@dataclass(frozen=True)
class _Row:
    line: int
    title: str
    url: str
    counts: dict[str, int | None]
    watch: int | None = None  # seconds


def metrics_mapping(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping given, completed by columns named like a field (or as YouTube Studio names
    them); refuses mappings that cannot match a video or hold no figure."""
    given = [field for field in WATCH_UNITS if field in mapping]
    if len(given) > 1:
        raise InputError(f"--map gives watch time twice ({' and '.join(given)}); give one of them.")
    complete = auto_mapped(table, mapping, FIELDS)
    for column in table.header:
        field = ALIASES.get(column.lower())
        used = {name.lower() for name in complete.values()}
        if field is not None and field not in complete and column.lower() not in used:
            complete[field] = column
    found = [field for field in WATCH_UNITS if field in complete]
    kept = given[0] if given else next(iter(found), None)
    for field in found:
        if field != kept:
            del complete[field]  # one column of watch time: the one given, else the first found
    if not any(field in complete for field in MATCHERS):
        raise InputError(
            'Say which column names the video, e.g. --map title="Video title" or url=URL; the '
            f"columns of {table.file.shown} are {table.names()}."
        )
    if not any(field in complete for field in (*COUNTS, *WATCH_UNITS)):
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
    watched = any(field in columns for field in WATCH_UNITS)
    seen: dict[uuid.UUID, int] = {}
    totals: list[int] = []  # the lines of the total rows left out
    new = already = 0
    preview: list[tuple[str, ...]] = []
    for chunk in chunked(_rows(table, columns, totals)):
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
            figures = [row.counts[name] for name in COUNTS]
            if row.watch is not None:  # watch time came later: a row without it keeps its id
                figures.append(row.watch)
            key = row_id(SOURCE, video.id, *figures)
            fresh[key] = {"video": video, "row": row}
        stored = set(
            session.execute(select(col(Metric.id)).where(col(Metric.id).in_(list(fresh)))).scalars()
        )
        for key, found in fresh.items():
            if len(preview) < PREVIEW_ROWS:
                preview.append(_preview(found["row"], found["video"], key in stored, watched))
        rows = [_metric(key, found, at, ctx) for key, found in fresh.items() if key not in stored]
        if rows:
            session.execute(insert(table_of(Metric)), rows)
        new += len(rows)
        already += len(fresh) - len(rows)
    notes = [f"as of {ctx.shown(at)}"]
    if totals:
        notes.append(f"the total row (line {totals[0]}), the sum of all the videos, left out")
    return ImportResult(
        path=table.file.shown,
        dry_run=dry_run,
        tallies=(Tally("metrics", new, already),),
        notes=tuple(notes),
        preview_headers=(*PREVIEW_HEADERS, WATCH_HEADER) if watched else PREVIEW_HEADERS,
        preview=tuple(preview),
    )


def _rows(table: Table, columns: dict[str, int], totals: list[int]) -> Iterator[_Row]:
    """The rows that name a video; the first total row is left out (its line kept in
    ``totals``), a second one is a row like any other."""
    watch = next(((field, index) for field, index in columns.items() if field in WATCH_UNITS), None)
    unit = None
    if watch is not None:
        field, index = watch
        unit = WATCH_UNITS[field] or unit_in(table.header[index])
    for line, cells in table.rows:
        given = {field: cells[index] for field, index in columns.items()}
        title = " ".join(text_of(given.get("title")).split())
        url = text_of(given.get("url"))
        if not totals and _is_total(cells, title, url):
            totals.append(line)
            continue
        try:
            counts = {name: count(given.get(name), name) for name in COUNTS}
            seconds = seconds_of(given[watch[0]], unit, "watch time") if watch else None
        except InputError as error:
            raise located(table.file.shown, line, str(error)) from None
        problem = _count_problem(counts, seconds)
        if problem:
            raise located(table.file.shown, line, problem)
        yield _Row(line, title, url, counts, seconds)


def _is_total(cells: list[Cell], title: str, url: str) -> bool:
    """Whether a row is the sum of the others: its title and URL are empty or "Total", and
    one of its cells says "Total" (YouTube Studio puts it in the Content column, which holds
    the video's id in the other rows)."""
    return (
        title.lower() in ("", TOTAL)
        and url.lower() in ("", TOTAL)
        and any(text_of(cell).lower() == TOTAL for cell in cells)
    )


def _count_problem(counts: dict[str, int | None], watch: int | None) -> str:
    if watch is None and all(value is None for value in counts.values()):
        return "this row has no counts; fill them in or remove the row"
    for name, value in (*counts.items(), ("watch time", watch)):
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
        "watch_seconds": found["row"].watch,
    }


def _preview(row: _Row, video: Any, stored: bool, watched: bool) -> tuple[str, ...]:
    shown = (
        str(row.line),
        "already here" if stored else "new",
        f"#{video.number} {video.title}",
        *("" if row.counts[name] is None else str(row.counts[name]) for name in COUNTS),
    )
    if not watched:
        return shown
    return (*shown, "" if row.watch is None else f"{hours_number(row.watch / 3600)} h")
