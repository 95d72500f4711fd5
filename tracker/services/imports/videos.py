"""Videos an import creates: numbered after the board's last, at the bottom of their stage.

Created in bulk (a case spreadsheet may hold hundreds) rather than one ``add_video`` each,
with the same numbering and ordering the board uses, and one recorded move into the stage
each, dated when the video really got there as far as the source knows.

A video an import puts in ``published`` is history: it is archived at once (off the board's
published column, still in every report, chart and ``tracker ls --all``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import insert
from sqlmodel import Session

from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.models import StageChange, Video
from tracker.services.board import end_of_column, next_video_number
from tracker.services.context import Context
from tracker.services.imports import table_of


@dataclass(frozen=True)
class NewVideo:
    """A video about to be created by an import; ``moved_at`` dates its move into ``stage``
    (its publication, or when work on it began; the import's own time when unknown)."""

    id: uuid.UUID
    title: str
    stage: str
    platforms: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    due_on: date | None = None
    notes: str = ""
    series: str | None = None
    case_number: int | None = None
    url: str | None = None
    published_at: datetime | None = None
    moved_at: datetime | None = None


def insert_videos(session: Session, ctx: Context, videos: list[NewVideo]) -> None:
    """Create ``videos`` (numbered in list order) with their first recorded move."""
    if not videos:
        return
    now = ctx.now()
    number = next_video_number(session)
    bottom: dict[str, float] = {}
    rows = []
    for offset, video in enumerate(videos):
        if video.stage not in bottom:
            bottom[video.stage] = end_of_column(session, video.stage) - 1.0
        bottom[video.stage] += 1.0
        rows.append(
            {
                "id": video.id,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "number": number + offset,
                "title": video.title,
                "stage": video.stage,
                "position": bottom[video.stage],
                "platforms": video.platforms,
                "tags": video.tags,
                "due_on": video.due_on,
                "notes": video.notes,
                "series": video.series,
                "case_number": video.case_number,
                "url": video.url,
                "published_at": video.published_at,
                "archived_at": now if video.stage == PUBLISHED_STAGE else None,
            }
        )
    session.execute(insert(table_of(Video)), rows)
    session.execute(
        insert(table_of(StageChange)),
        [
            {
                "id": uuid.uuid4(),
                "video_id": video.id,
                "to_stage": video.stage,
                "at": video.moved_at or now,
                "member_id": ctx.member_id,
                "created_at": now,
            }
            for video in videos
        ],
    )
