"""Exports for other programs: CSV for spreadsheets, iCalendar for calendars, and the safe way
to put any export in a file.

A file is written whole or not at all: into a private temporary file (0600) in the same folder,
synced, then renamed over the name asked for, so a crash or a full disk never leaves half an
export where a good one was. The lossless JSON export is in ``tracker.services.archive``.
"""

from __future__ import annotations

import csv
import io
import os
import uuid
from collections.abc import Callable
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeVar

from sqlalchemy import or_, select
from sqlmodel import Session, col

from tracker.core.durations import format_video_length
from tracker.core.errors import InputError, StorageError
from tracker.core.spreadsheet import Cell, spreadsheet_row
from tracker.core.stages import DROPPED_STAGE
from tracker.db.database import create_private_file
from tracker.db.models import Member, TimeEntry, Video
from tracker.db.sql import entry_seconds
from tracker.services.board import list_videos
from tracker.services.context import Context

if TYPE_CHECKING:
    from icalendar import Event

T = TypeVar("T")
CHUNK_ROWS = 1000
SECONDS_PER_HOUR = 3600
HOURS_DECIMALS = 2
LOCAL_MOMENT = "%Y-%m-%d %H:%M"  # what spreadsheets read as a date and time
ENTRY_HEADERS = (
    "Entry",
    "Date",
    "Start",
    "End",
    "Hours",
    "Activity",
    "Video",
    "Video title",
    "Note",
    "Member",
)
VIDEO_HEADERS = (
    "Video",
    "Title",
    "Stage",
    "Platforms",
    "Tags",
    "Due",
    "Published",
    "Length",
    "Hours logged",
    "URL",
    "Series",
    "Case",
)
CALENDAR_ID = "-//tracker//due and publish dates//EN"
UID_DOMAIN = "tracker"


def check_output(path: Path, *, force: bool) -> None:
    """Refuse, before any work is done, a path an export cannot be written to."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name in it, such as {path / 'export'}.")
    if not path.parent.is_dir():
        raise InputError(
            f"The folder {path.parent} does not exist; create it first or write the export "
            "to a file in an existing folder."
        )
    if not os.access(path.parent, os.W_OK):
        raise InputError(f"Cannot write in {path.parent}; choose a folder you can write to.")
    if not os.path.lexists(path):
        return
    if path.is_symlink() or not path.is_file():
        raise InputError(
            f"{path} is a link or a device, not a file; give the name of a new or ordinary file."
        )
    if not force:
        raise InputError(f"{path} already exists; add --force to replace it, or choose a new name.")


def write_output(
    path: Path, produce: Callable[[TextIO], T], *, force: bool, encoding: str = "utf-8"
) -> T:
    """Write what ``produce`` writes into ``path`` at once or not at all; returns its result.

    Without ``force`` an existing file is never replaced, even one that appeared meanwhile.
    """
    check_output(path, force=force)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    raw = create_private_file(temporary, "export")
    try:
        with raw, io.TextIOWrapper(raw, encoding=encoding, newline="") as text:
            result = produce(text)
            text.flush()
            os.fsync(raw.fileno())
        _publish(temporary, path, force=force)
    except BaseException as error:
        with suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise StorageError(f"Could not write {path}: {error.strerror}.") from None
        raise
    return result


def _publish(temporary: Path, path: Path, *, force: bool) -> None:
    """Give the finished file its name; a hard link never replaces a file that is there."""
    if force:
        os.replace(temporary, path)
    else:
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise _appeared(path) from None
        except OSError:  # a file system without hard links (FAT on a USB stick)
            if os.path.lexists(path):
                raise _appeared(path) from None
            os.replace(temporary, path)
        else:
            temporary.unlink()
    with suppress(OSError):  # the new name itself survives a power cut
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _appeared(path: Path) -> InputError:
    return InputError(f"{path} appeared while the export was written; add --force to replace it.")


def write_entries_csv(session: Session, ctx: Context, stream: TextIO) -> int:
    """Every time entry that is not deleted, oldest first, as spreadsheet rows in the member's
    zone; a running timer has no end and counts up to now. Returns how many were written."""
    rows = session.execute(
        select(
            col(TimeEntry.number),
            col(TimeEntry.start_at),
            col(TimeEntry.end_at),
            entry_seconds(ctx.now()).label("seconds"),
            col(TimeEntry.activity),
            col(Video.number).label("video_number"),
            col(Video.title),
            col(TimeEntry.note),
            col(Member.name),
        )
        .join(Member, col(Member.id) == TimeEntry.member_id)
        .outerjoin(Video, col(Video.id) == TimeEntry.video_id)
        .where(col(TimeEntry.deleted_at).is_(None))
        .order_by(col(TimeEntry.start_at), col(TimeEntry.number))
        .execution_options(yield_per=CHUNK_ROWS)
    )
    writer = csv.writer(stream)
    writer.writerow(ENTRY_HEADERS)
    count = 0
    for row in rows:
        start = row.start_at.astimezone(ctx.zone)
        writer.writerow(
            spreadsheet_row(
                (
                    row.number,
                    start.date().isoformat(),
                    start.strftime(LOCAL_MOMENT),
                    _local(ctx, row.end_at),
                    _hours(row.seconds),
                    row.activity,
                    row.video_number,
                    row.title,
                    row.note,
                    row.name,
                )
            )
        )
        count += 1
    return count


def write_videos_csv(session: Session, ctx: Context, stream: TextIO) -> int:
    """Every video that is not deleted (published, dropped and archived ones too), by
    number, as spreadsheet rows. Returns how many were written."""
    videos = list_videos(session, ctx, include_finished=True, include_archived=True)
    writer = csv.writer(stream)
    writer.writerow(VIDEO_HEADERS)
    for video in sorted(videos, key=lambda video: video.number):
        writer.writerow(
            spreadsheet_row(
                (
                    video.number,
                    video.title,
                    video.stage,
                    ", ".join(video.platforms),
                    ", ".join(video.tags),
                    video.due_on.isoformat() if video.due_on else None,
                    _local(ctx, video.published_at),
                    format_video_length(video.actual_seconds) if video.actual_seconds else None,
                    _hours(video.logged_seconds),
                    video.url,
                    video.series,
                    video.case_number,
                )
            )
        )
    return len(videos)


def _local(ctx: Context, moment: datetime | None) -> str | None:
    return moment.astimezone(ctx.zone).strftime(LOCAL_MOMENT) if moment is not None else None


def _hours(seconds: float) -> Cell:
    return round(seconds / SECONDS_PER_HOUR, HOURS_DECIMALS)


def write_calendar(session: Session, stream: TextIO) -> int:
    """The due dates (all-day events) and scheduled publish times of the videos still in play,
    as an iCalendar file; returns how many events it holds.

    Each event's UID is the video's id and the kind of date, so a calendar that imports a
    later export updates the event in place; SEQUENCE and LAST-MODIFIED come from the video's
    version and last edit, so the newer one wins. Dropped and deleted videos are left out.
    """
    from icalendar import Calendar

    videos = session.scalars(
        select(Video)
        .where(
            col(Video.deleted_at).is_(None),
            col(Video.stage) != DROPPED_STAGE,
            or_(col(Video.due_on).is_not(None), col(Video.publish_at).is_not(None)),
        )
        .order_by(col(Video.number))
    )
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "tracker: due and publish dates")
    count = 0
    for video in videos:
        if video.due_on is not None:
            event = _event(video, "due", f"Due: #{video.number} {video.title}")
            event.add("dtstart", video.due_on)
            event.add("dtend", video.due_on + timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a deadline, not time taken
            calendar.add_component(event)
            count += 1
        if video.publish_at is not None:
            event = _event(video, "publish", f"Publish: #{video.number} {video.title}")
            event.add("dtstart", video.publish_at)
            calendar.add_component(event)
            count += 1
    stream.write(calendar.to_ical().decode("utf-8"))
    return count


def event_uid(video_id: uuid.UUID, kind: str) -> str:
    """The UID of a video's ``due`` or ``publish`` event: the same in every export."""
    return f"{video_id}-{kind}@{UID_DOMAIN}"


def _event(video: Video, kind: str, summary: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", event_uid(video.id, kind))
    event.add("summary", summary)
    event.add("description", f"Stage: {video.stage}")
    event.add("sequence", video.version)
    # No METHOD: the stamp is then the time of the last change, and an unchanged video
    # exports byte for byte the same.
    event.add("dtstamp", video.updated_at)
    event.add("last-modified", video.updated_at)
    event.add("created", video.created_at)
    if video.url:
        event.add("url", video.url)
    return event
