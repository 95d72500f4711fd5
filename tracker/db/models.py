"""The tables. Every row has a UUID key, UTC timestamps, a version and a tombstone.

The version column is SQLAlchemy's ``version_id_col``: every ORM update checks that the row still
holds the version it was read at, so a concurrent edit on a shared database is refused, not lost.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Index, MetaData, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from tracker.db.types import UTCDateTime, WordList

# Stable constraint names, so that Alembic batch mode on SQLite can find and alter them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def utcnow() -> datetime:
    return datetime.now(UTC)


def _optional_instant() -> Any:
    return Field(default=None, sa_type=UTCDateTime(), nullable=True)


class Row(SQLModel):
    """What every table that people edit shares: a UUID key, timestamps, version, tombstone."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), nullable=False)
    version: int = Field(default=1, nullable=False)
    deleted_at: datetime | None = _optional_instant()

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Member(Row, table=True):
    """A person who logs work; a single-user database has exactly one."""

    __tablename__ = "member"

    name: str = Field(max_length=120, unique=True)


class Video(Row, table=True):
    """A video on the board, from idea to published (or dropped)."""

    __tablename__ = "video"
    __table_args__ = (
        Index("ix_video_stage_position", "stage", "position"),
        # A series' cards by case: planning finds the weeks it has already planned.
        Index("ix_video_series_case", "series", "case_number"),
        # Imports and the metrics file match a project or a row to a video by its title,
        # whatever the case: without this each lookup scans the board.
        Index("ix_video_title_lower", text("lower(title)")),
    )

    number: int = Field(unique=True)
    title: str = Field(max_length=300)
    stage: str = Field(max_length=40)
    position: float = Field(default=0.0)
    platforms: list[str] = Field(default_factory=list, sa_type=WordList(), nullable=False)
    tags: list[str] = Field(default_factory=list, sa_type=WordList(), nullable=False)
    format: str | None = Field(default=None, max_length=10)
    target_seconds: int | None = None
    actual_seconds: int | None = None
    due_on: date | None = None
    publish_at: datetime | None = _optional_instant()
    published_at: datetime | None = Field(
        default=None, sa_type=UTCDateTime(), nullable=True, index=True
    )
    url: str | None = Field(default=None, max_length=500)
    series: str | None = Field(default=None, max_length=120)
    case_number: int | None = None
    # The question card this one answers, in a series with answer posts. No foreign key:
    # SQLite adds the column without rebuilding the table, and a removed question keeps its id.
    answer_to: uuid.UUID | None = None
    category: str | None = Field(default=None, max_length=40)
    evergreen: bool = False
    thumbnail_status: str | None = Field(default=None, max_length=40)
    notes: str = ""
    caption: str = ""  # the words posted with it: description, caption
    alt_text: str = ""  # the images' descriptions for screen readers
    checked: list[str] = Field(default_factory=list, sa_type=WordList(), nullable=False)
    assignee_id: uuid.UUID | None = Field(default=None, foreign_key="member.id", index=True)
    # When a published video was taken off the board; reports and `ls --all` still see it.
    archived_at: datetime | None = _optional_instant()


class Series(Row, table=True):
    """A run of numbered posts on a rhythm: an unknown case every Wednesday, its answer on
    Friday. Its cards carry its name and their case number."""

    __tablename__ = "series"

    name: str = Field(max_length=120, unique=True)
    hashtag: str = Field(default="", max_length=100)
    weekday: int | None = None  # weekly on this day, 0 = Monday ...
    every_days: int | None = None  # ... or every so many days
    post_time: str = Field(default="09:00", max_length=5)  # local wall clock
    answer_after_hours: int | None = None
    first_on: date  # the first post's day: slots are counted from it
    last_case: int = 0  # the case counter: the highest number planned


class StageChange(SQLModel, table=True):
    """One move of a video between stages; cycle times and cumulative flow come from these."""

    __tablename__ = "stage_change"
    __table_args__ = (
        Index("ix_stage_change_video_at", "video_id", "at"),
        # Cumulative flow counts the moves of each day: a range on the time of the move.
        Index("ix_stage_change_at", "at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    video_id: uuid.UUID = Field(foreign_key="video.id")
    from_stage: str | None = Field(default=None, max_length=40)
    to_stage: str = Field(max_length=40)
    at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    member_id: uuid.UUID | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime(), nullable=False)


class TimeEntry(Row, table=True):
    """A stretch of work by one member; ``end_at`` is empty while its timer runs."""

    __tablename__ = "time_entry"
    __table_args__ = (
        Index("ix_time_entry_member_start", "member_id", "start_at"),
        # Covers the hours-per-card sums, so they never read the table itself.
        Index("ix_time_entry_video_totals", "video_id", "deleted_at", "start_at", "end_at"),
        # One running timer per member, enforced by the database itself.
        Index(
            "uq_time_entry_running",
            "member_id",
            unique=True,
            sqlite_where=text("end_at IS NULL AND deleted_at IS NULL"),
            postgresql_where=text("end_at IS NULL AND deleted_at IS NULL"),
        ),
    )

    number: int = Field(unique=True)
    member_id: uuid.UUID = Field(foreign_key="member.id")
    video_id: uuid.UUID | None = Field(default=None, foreign_key="video.id")
    activity: str = Field(max_length=40)
    start_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    end_at: datetime | None = _optional_instant()
    note: str = ""
    source: str = Field(default="manual", max_length=10)


class Prompt(Row, table=True):
    """A break prompt shown for one crossing of a threshold, and how the person answered it.

    ``episode`` names the crossing (this session, this day, this week...), so the same one is
    never prompted twice once answered; a snoozed one may return after ``snoozed_until``.
    """

    __tablename__ = "prompt"
    __table_args__ = (Index("ix_prompt_member_key", "member_id", "key", "episode"),)

    member_id: uuid.UUID = Field(foreign_key="member.id")
    key: str = Field(max_length=40)
    level: str = Field(max_length=10)
    episode: str = Field(max_length=80)
    shown_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    answer: str | None = Field(default=None, max_length=20)
    answered_at: datetime | None = _optional_instant()
    snoozed_until: datetime | None = _optional_instant()


class Pause(Row, table=True):
    """A planned break, a rest day or a longer hiatus: thresholds and runs stand still in it."""

    __tablename__ = "pause"
    __table_args__ = (Index("ix_pause_member_start", "member_id", "start_at"),)

    member_id: uuid.UUID = Field(foreign_key="member.id")
    start_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    end_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    note: str = ""


class CheckIn(Row, table=True):
    """One self-assessment: the two scale scores and the answers they came from."""

    __tablename__ = "checkin"
    __table_args__ = (Index("ix_checkin_member_taken", "member_id", "taken_at"),)

    member_id: uuid.UUID = Field(foreign_key="member.id")
    taken_at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    personal_score: float | None = None
    work_score: float | None = None
    answers: str = Field(default="", max_length=200)  # positions 1-5, "-" when skipped


class Metric(Row, table=True):
    """What a published video had reached on a date: views, likes, comments, shares."""

    __tablename__ = "metric"
    __table_args__ = (Index("ix_metric_video_at", "video_id", "at"),)

    video_id: uuid.UUID = Field(foreign_key="video.id")
    at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    watch_seconds: int | None = None  # total watch time, as platforms report it
    source: str = Field(default="manual", max_length=10)
    # The post the counts are for, when the video has several (no foreign key: SQLite adds
    # the column without rebuilding the table).
    post_id: uuid.UUID | None = None


class Post(Row, table=True):
    """One cut of a video as it goes out on one platform (a YouTube video, its Shorts cut, a
    TikTok...), checked against its preset's limits: length, images, aspect, caption."""

    __tablename__ = "post"
    __table_args__ = (Index("ix_post_published_at", "published_at"),)

    video_id: uuid.UUID = Field(foreign_key="video.id", index=True)
    preset: str = Field(max_length=40)
    platform: str = Field(max_length=40)
    length_seconds: int | None = None
    images: int | None = None
    aspect: str | None = Field(default=None, max_length=12)
    caption: str = ""
    publish_at: datetime | None = _optional_instant()
    published_at: datetime | None = _optional_instant()
    url: str | None = Field(default=None, max_length=500)


class ChecklistItem(Row, table=True):
    """An item of the checklist kept in the database: when it holds any, they are the
    checklist of everyone who uses it (a practice's own), in place of each one's config."""

    __tablename__ = "checklist_item"

    key: str = Field(max_length=30, unique=True)
    why: str = Field(max_length=200)
    position: int


class Override(Row, table=True):
    """A video moved into a gated stage with its checklist open, and the reason written for it:
    shown on the card and in the weekly review."""

    __tablename__ = "override"
    __table_args__ = (Index("ix_override_at", "at"),)

    video_id: uuid.UUID = Field(foreign_key="video.id", index=True)
    member_id: uuid.UUID = Field(foreign_key="member.id")
    at: datetime = Field(sa_type=UTCDateTime(), nullable=False)
    stage: str = Field(max_length=40)
    open_items: list[str] = Field(default_factory=list, sa_type=WordList(), nullable=False)
    reason: str = Field(max_length=500)


# Tables worked out from the others: exports leave them out, and tracker counts them again.
DERIVED_TABLES = frozenset({"totals_ledger", "day_total"})


class TotalsLedger(SQLModel, table=True):
    """That a member's day totals are kept, and in which time zone their days are counted.

    Derived data: never exported, synced or edited; `tracker db rebuild-totals` makes it anew.
    """

    __tablename__ = "totals_ledger"

    member_id: uuid.UUID = Field(foreign_key="member.id", primary_key=True)
    zone: str = Field(max_length=64)


class DayTotal(SQLModel, table=True):
    """Seconds one member logged on one local day, on one video and activity.

    Reports over long periods sum these (a few rows a day) instead of every entry; the time
    log keeps them in the transaction of each write (``services.totals``). Finished, live
    entries only: a running timer is added when it is read.
    """

    __tablename__ = "day_total"
    __table_args__ = (
        # Covers the sums by period, activity and video: reports never read the table.
        Index("ix_day_total_member_day", "member_id", "day", "activity", "video_id", "seconds"),
        Index("ix_day_total_video", "video_id", "seconds"),  # covers each video's hours
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: uuid.UUID = Field(foreign_key="member.id")
    day: date
    video_id: uuid.UUID | None = None  # no foreign key: a tombstoned video keeps its hours
    activity: str = Field(max_length=40)
    seconds: float
