"""Case spreadsheets (CSV or Excel): each row becomes a video on the board.

``--map`` says which column holds which field; a column named like a field (``Title``,
``Due``) is taken without saying so. A row is known again by its ``--key`` column (a case
number, say) or else by its title, so importing the sheet again (or its CSV after its .xlsx)
adds only the rows that are new. A row whose title is already on the board is taken as that
video and left as it is: an import never changes a video that is already here.

A row goes to the stage its ``stage`` column names; without one, to ``published`` when it has
a publication date, else to the board's first stage. Videos an import puts in ``published``
are archived at once (see ``videos.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, time

from sqlalchemy import func, select
from sqlmodel import Session, col

from tracker.core.errors import InputError
from tracker.core.imports.cells import Cell, count, day, text_of, words
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import Video
from tracker.services.board import (
    LARGEST_NUMBER,
    check_platforms,
    check_stage,
    check_tags,
    check_title,
    next_video_number,
)
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
from tracker.services.imports.videos import NewVideo, insert_videos

FIELDS = (
    "title",
    "due",
    "stage",
    "platforms",
    "tags",
    "series",
    "case",
    "notes",
    "url",
    "published",
)
PREVIEW_HEADERS = ("Line", "", "#", "Title", "Stage", "Due", "Platforms", "Tags", "Case")
MAX_SERIES_LENGTH = int(table_of(Video).c.series.type.length)  # type: ignore[attr-defined]
MAX_URL_LENGTH = int(table_of(Video).c.url.type.length)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _Row:
    line: int
    key: str
    video: NewVideo


def import_sheet(
    session: Session,
    ctx: Context,
    table: Table,
    mapping: dict[str, str],
    *,
    key: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Add the sheet's rows that are not on the board yet, all or none."""
    return run_import(session, dry_run, lambda: _import(session, ctx, table, mapping, key, dry_run))


def sheet_mapping(table: Table, mapping: dict[str, str]) -> dict[str, str]:
    """The mapping given, completed by columns named like a field; a title is required."""
    complete = auto_mapped(table, mapping, FIELDS)
    if "title" not in complete:
        raise InputError(
            f"Say which column holds the title, e.g. --map title=Case; the columns of "
            f"{table.file.shown} are {table.names()}."
        )
    return complete


def _import(
    session: Session,
    ctx: Context,
    table: Table,
    mapping: dict[str, str],
    key: str | None,
    dry_run: bool,
) -> ImportResult:
    complete = sheet_mapping(table, mapping)
    columns = table.columns(complete)
    key_column = table.columns({"key": key})["key"] if key is not None else None
    seen: dict[str, int] = {}
    new = already = 0
    preview: list[tuple[str, ...]] = []
    for chunk in chunked(_rows(ctx, table, columns, key_column)):
        for row in chunk:
            if row.key in seen:
                raise located(
                    table.file.shown,
                    row.line,
                    f"this row has the same {'key' if key else 'title'} as row {seen[row.key]}; "
                    "each video can be imported once",
                )
            seen[row.key] = row.line
        here = _already_here(session, chunk)
        fresh = [row for row in chunk if row.key not in here]
        number = next_video_number(session)
        for row in chunk:
            if len(preview) < PREVIEW_ROWS:
                where = None if row.key in here else number + fresh.index(row)
                preview.append(_preview(row, where))
        insert_videos(session, ctx, [row.video for row in fresh])
        new += len(fresh)
        already += len(chunk) - len(fresh)
    shown = ", ".join(f"{field} ← {table.header[column]}" for field, column in columns.items())
    return ImportResult(
        path=table.file.shown,
        dry_run=dry_run,
        tallies=(Tally("videos", new, already),),
        notes=(f"columns: {shown}",),
        preview_headers=PREVIEW_HEADERS,
        preview=tuple(preview),
    )


def _rows(
    ctx: Context, table: Table, columns: dict[str, int], key_column: int | None
) -> Iterator[_Row]:
    for line, cells in table.rows:
        given = {field: cells[column] for field, column in columns.items()}
        try:
            video = _video(ctx, given)
            key = _key(cells[key_column] if key_column is not None else video.title)
        except InputError as error:
            raise located(table.file.shown, line, str(error)) from None
        if key_column is not None:
            key = f"{table.header[key_column].lower()}={key}"
        yield _Row(line, key, replace(video, id=row_id("sheet", key)))


def _key(cell: Cell) -> str:
    key = " ".join(text_of(cell).split()).lower()
    if not key:
        raise InputError("the key column is empty in this row; every row needs its key")
    return key


def _video(ctx: Context, given: dict[str, Cell]) -> NewVideo:
    """The video one row describes, each field checked as the board checks it."""
    now = ctx.now()
    title = check_title(text_of(given.get("title")))
    stage_text = text_of(given.get("stage"))
    published_on = day(given.get("published"), now, ctx.settings.date_order, "the date published")
    stage = check_stage(ctx, stage_text) if stage_text else None
    if published_on is not None and stage not in (None, PUBLISHED_STAGE):
        raise InputError(f"it has a date published but is in {stage}; clear one of them")
    published_at = None
    if published_on is not None:
        published_at = datetime.combine(published_on, time(), tzinfo=ctx.zone)
        if published_at > now:
            raise InputError(
                f"it was published {published_on.isoformat()}, after today; put it in scheduled "
                "with a due date instead"
            )
    case_number = count(given.get("case"), "the case number")
    if case_number is not None and not 1 <= case_number <= LARGEST_NUMBER:
        raise InputError("a case number is a whole number from 1 up")
    return NewVideo(
        id=uuid.uuid4(),
        title=title,
        stage=stage or (PUBLISHED_STAGE if published_at else ctx.settings.stages[0]),
        platforms=check_platforms(ctx, words(given.get("platforms"))),
        tags=check_tags(words(given.get("tags"))),
        due_on=day(given.get("due"), now, ctx.settings.date_order, "the due date"),
        notes=text_of(given.get("notes")),
        series=_short(given.get("series"), MAX_SERIES_LENGTH, "series"),
        case_number=case_number,
        url=_short(given.get("url"), MAX_URL_LENGTH, "url"),
        published_at=published_at,
        moved_at=published_at,
    )


def _short(cell: Cell, longest: int, what: str) -> str | None:
    text = text_of(cell)
    if len(text) > longest:
        raise InputError(f"the {what} is {len(text)} characters; keep it to {longest}")
    return text or None


def _already_here(session: Session, chunk: list[_Row]) -> set[str]:
    """The keys of the chunk's rows already on the board, by id or by title."""
    ids = {row_id("sheet", row.key): row.key for row in chunk}
    by_id = session.execute(select(col(Video.id)).where(col(Video.id).in_(list(ids)))).scalars()
    titles = {row.video.title.lower(): row.key for row in chunk}
    by_title = session.execute(
        select(col(Video.title)).where(
            func.lower(Video.title).in_([func.lower(row.video.title) for row in chunk]),
            col(Video.deleted_at).is_(None),
        )
    ).scalars()
    return {ids[found] for found in by_id} | {
        titles[title.lower()] for title in by_title if title.lower() in titles
    }


def _preview(row: _Row, number: int | None) -> tuple[str, ...]:
    video = row.video
    return (
        str(row.line),
        "already here" if number is None else "new",
        "" if number is None else f"#{number}",
        video.title,
        video.stage,
        video.due_on.isoformat() if video.due_on else "",
        ", ".join(video.platforms),
        ", ".join(video.tags),
        str(video.case_number or ""),
    )
