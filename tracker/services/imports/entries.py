"""Time entries from other trackers (Watson, Timewarrior, Toggl), under the time log's rules.

What the source calls a project becomes a video: an existing one with the same title
(whatever its case), else a new one in the stage the person chose (``published`` by default:
imported work is history). A project that names work on no video (``admin``, ``learning``,
``comments``, ``other``) is that activity instead. The first tag that names an activity is the
entry's activity; without one, the video's stage while the video is in progress, else
``other``. Tags that name no activity, and the source's description, go into the note.

The time log's own rules hold for imported work too, and a record that breaks one refuses the
whole import with its line: no entry longer than a day (``LONGEST_ENTRY``), none ending in the
future, and no overlap, neither between two records nor with work already logged; the message
names the other line or entry. Records of no length at all are left out (a tool's slip, and
they hold no time). A record still running in the source becomes the running timer when none
runs; once the source has stopped it, the next import finishes it.
"""

from __future__ import annotations

import uuid
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlmodel import Session, col

from tracker.core.durations import format_seconds
from tracker.core.errors import InputError
from tracker.core.imports import SourceEntry
from tracker.core.spans import elapsed
from tracker.core.stages import PUBLISHED_STAGE
from tracker.db.bulk import BulkRows, roomy_cache
from tracker.db.models import StageChange, TimeEntry, Video
from tracker.db.sql import instant
from tracker.services import totals
from tracker.services.board import check_stage, check_title
from tracker.services.context import Context
from tracker.services.imports import (
    CHUNK_ROWS,
    PREVIEW_ROWS,
    ImportResult,
    Tally,
    chunked,
    located,
    row_id,
    row_ids,
    run_import,
    table_of,
)
from tracker.services.imports.videos import NewVideo, insert_videos
from tracker.services.timelog import (
    CLOCK_TOLERANCE,
    DEFAULT_ACTIVITY,
    LONGEST_ENTRY,
    OTHER_ACTIVITIES,
    activities,
    earliest_reaching,
    lock_member,
    next_entry_number,
    running_since,
)

SETTLED_KEPT = 4096  # distinct (project, tags) answers kept; a file rarely has more
CACHE_KIB = 8 << 10  # SQLite's page cache while entries go in (2 MiB otherwise)
PREVIEW_HEADERS = ("From", "When", "Time", "Activity", "Video", "Note")
# What differs from one new entry to the next; the other columns are the same for all. The
# first two come as stored: the id is looked up as stored anyway, and a video serves many.
ROW_COLUMNS = ("id", "video_id", "start_at", "end_at", "number", "activity", "note")
READY = ROW_COLUMNS[:2]
Row = tuple[object, object, datetime, datetime | None, int, str, str]
# A project's video: the one an earlier import made for it, or any with its title. Built once:
# an import may look up tens of thousands of projects.
FIND_VIDEO = (
    select(col(Video.id), col(Video.title), col(Video.stage), col(Video.number))
    .where(
        or_(
            col(Video.id) == bindparam("own"),
            and_(
                func.lower(Video.title) == func.lower(bindparam("title")),
                col(Video.deleted_at).is_(None),
            ),
        )
    )
    .order_by(col(Video.number))
)


@dataclass(frozen=True)
class Source:
    """Which tool the entries come from: ``name`` is stored in each entry's ``source`` column
    (at most 10 characters); ``record`` is what the tool calls one (``frame``) and ``same``
    says what makes two of them one (``has the same id as``); ``shown`` names the file.
    ``project_in_tags``: the tool has no projects, so one of the tags names the video."""

    name: str
    tool: str
    record: str
    same: str
    shown: str
    project_in_tags: bool = False


def import_entries(
    session: Session,
    ctx: Context,
    source: Source,
    entries: Iterable[SourceEntry],
    *,
    stage: str = PUBLISHED_STAGE,
    dry_run: bool = False,
) -> ImportResult:
    """Add the entries not imported before, all or none; see the module's rules."""
    return run_import(
        session, dry_run, lambda: _EntryImport(session, ctx, source, stage).run(entries, dry_run)
    )


@dataclass
class _Placed:
    """A project's video as the import uses it (``stored``: its id as the database keeps it;
    ``title``: as the board has it, which the preview shows)."""

    id: uuid.UUID
    title: str
    stage: str
    created: bool
    stored: object
    first: datetime | None = None  # a new video's work, from the import's entries: it dates
    last: datetime | None = None  # the video's arrival in its stage


class _EntryImport:
    """One import's state: the numbers it gave, the lines they came from, what it counted."""

    def __init__(self, session: Session, ctx: Context, source: Source, stage: str) -> None:
        self.session, self.ctx, self.source = session, ctx, source
        self.stage = check_stage(ctx, stage)
        self.activities = set(activities(ctx))
        lock_member(session, ctx)
        self.now = ctx.now()
        self.latest = self.now + CLOCK_TOLERANCE  # the latest end that is not in the future
        self.base = next_entry_number(session) - 1
        self.new_id = row_ids(ctx.member_id, source.name)
        self.rows = BulkRows(
            session,
            table_of(TimeEntry),
            ROW_COLUMNS,
            constants={
                "created_at": self.now,
                "updated_at": self.now,
                "version": 1,
                "member_id": ctx.member_id,
                "source": source.name,
            },
            ready=READY,
        )
        self.stored_id = self.rows.processor("id")
        self.stored_video = self.rows.processor("video_id")
        # Where entry number base + 1 + i came from: line lines[i] of file labels[files[i]].
        self.lines = array("I")
        self.files = array("H")
        self.labels: list[str] = []
        self.finished: dict[int, str] = {}  # entry number -> FILE:LINE, timers stopped since
        self.videos: dict[str, _Placed] = {}  # lowercase project -> its video
        self.waiting: list[NewVideo] = []  # new videos of the chunk, not inserted yet
        self.connection = session.connection()  # lookups skip the ORM: they add up
        self.absent: set[str] = set()  # lowercase tags found to name no video
        self.settled: dict[tuple[str | None, tuple[str, ...]], tuple[_Placed | None, str, str]] = {}
        self.already = self.empty = 0
        self.first_start: datetime | None = None
        self.last_end: datetime | None = None
        self.running_line: str | None = None
        self.preview: list[tuple[str, ...]] = []
        # Whether the new entries are in order of start with none reaching past the next one's
        # start, and no work logged before reaches into them: then nothing can overlap.
        self.in_order = self.apart = True
        self.reach: datetime | None = None  # the latest end among the new entries so far
        self.running_start = running_since(session, ctx)

    def run(self, entries: Iterable[SourceEntry], dry_run: bool) -> ImportResult:
        with roomy_cache(self.session, CACHE_KIB):
            for chunk in chunked(entries, CHUNK_ROWS):
                self._add(chunk)
            self._refuse_overlaps()
        created = [placed for placed in self.videos.values() if placed.created]
        self._date_new_videos(created)
        if not dry_run and self.first_start is not None and (self.lines or self.finished):
            totals.refresh(
                self.session, self.ctx, self.ctx.member_id, (self.first_start, self.last_end)
            )
        used = sum(1 for placed in self.videos.values() if not placed.created)
        return ImportResult(
            path=self.source.shown,
            dry_run=dry_run,
            tallies=(
                Tally("entries", len(self.lines), self.already),
                Tally("videos", len(created), used),
            ),
            notes=self._notes(len(created)),
            preview_headers=PREVIEW_HEADERS,
            preview=tuple(self.preview),
        )

    def _add(self, chunk: list[SourceEntry]) -> None:
        """Insert the chunk's new entries; count, finish or refuse the others."""
        fresh: dict[object, SourceEntry] = {}  # by the id as stored
        for entry in chunk:
            if self._check(entry):
                stored = self.stored_id(self.new_id(entry.source_id))
                if stored in fresh:
                    raise self._repeated(entry, self._where(fresh[stored]))
                fresh[stored] = entry
        for stored, number, end_at in self.rows.find("id", list(fresh), "id", "number", "end_at"):
            entry = fresh.pop(stored)
            if number > self.base:
                raise self._repeated(entry, self._place_of(number) or "")
            if end_at is None and entry.end is not None:
                self._finish(number, entry)
            else:
                self.already += 1
        rows = [self._row(stored, entry) for stored, entry in fresh.items()]
        if self.in_order and self.apart and self.reach is not None and rows:
            self.apart = not self._logged_within(next(iter(fresh.values())).start, self.reach)
        insert_videos(self.session, self.ctx, self.waiting)  # before the entries that need them
        self.waiting = []
        self.rows.insert(rows)

    def _check(self, entry: SourceEntry) -> bool:
        """Refuse a record the time log cannot hold; False for one of no length (left out)."""
        start, end = entry.start, entry.end
        if end is None:
            if start > self.latest:
                raise self._bad(entry, f"it starts in the future ({self.ctx.shown(start)})")
        elif end < start:
            raise self._bad(
                entry, f"it ends ({self.ctx.shown(end)}) before it starts ({self.ctx.shown(start)})"
            )
        elif end == start:
            self.empty += 1
            return False
        elif elapsed(start, end) > LONGEST_ENTRY:
            length = format_seconds(elapsed(start, end).total_seconds())
            raise self._bad(
                entry,
                f"it lasts {length} ({self.ctx.span(start, end)}); an entry lasts at most "
                f"{format_seconds(LONGEST_ENTRY.total_seconds())} (a timer left running?): "
                f"shorten or split it in {self.source.tool}, then import again",
            )
        elif end > self.latest:
            raise self._bad(entry, f"it ends in the future ({self.ctx.shown(end)})")
        reach = end or self.now
        self.first_start = min(self.first_start or start, start)
        self.last_end = max(self.last_end or reach, reach)
        return True

    def _row(self, stored: object, entry: SourceEntry) -> Row:
        """The new entry for ``entry``, numbered after the ones before it."""
        if entry.end is None:
            self._refuse_second_timer(entry)
        video, activity, note = self._settle(entry)
        number = self.base + len(self.lines) + 1
        label = self._label(entry)
        if not self.labels or self.labels[-1] != label:
            self.labels.append(label)
        self.files.append(len(self.labels) - 1)
        self.lines.append(entry.line)
        if len(self.preview) < PREVIEW_ROWS:
            self.preview.append(self._preview(entry, video, activity, note))
        reach = entry.end or self.now
        if self.reach is None or self.reach <= entry.start:
            self.reach = reach
        else:
            self.in_order = False
        if video is None:
            return stored, None, entry.start, entry.end, number, activity, note
        if video.created:
            video.first = min(video.first or entry.start, entry.start)
            if entry.end is not None:
                video.last = max(video.last or entry.end, entry.end)
        return stored, video.stored, entry.start, entry.end, number, activity, note

    def _settle(self, entry: SourceEntry) -> tuple[_Placed | None, str, str]:
        """The entry's video, activity and note. Records with the same project and tags
        settle the same way, so the answer is kept for the next ones (within bounds)."""
        key = (entry.project, entry.tags)
        settled = self.settled.get(key)
        if settled is None:
            if len(self.settled) >= SETTLED_KEPT:
                self.settled.clear()
            settled = self.settled[key] = self._place(entry)
        video, activity, listed = settled
        if not listed:
            return video, activity, entry.note
        return video, activity, f"{entry.note}; {listed}" if entry.note else listed

    def _place(self, entry: SourceEntry) -> tuple[_Placed | None, str, str]:
        """The video, activity and list of other tags of a record's project and tags."""
        tags = list(entry.tags)
        project = (entry.project or "").strip()
        if not project and self.source.project_in_tags:
            project = self._project_among(entry)
            if project:
                tags.remove(project)
        video = None
        if project.lower() in OTHER_ACTIVITIES:
            activity = project.lower()
        else:
            video = self._video(project.strip(), entry) if project else None
            named = (
                word for word in (tag.strip().lower() for tag in tags) if word in self.activities
            )
            activity = next(named, self._activity_of(video))
        others = [tag for tag in tags if tag.strip().lower() != activity]
        return video, activity, f"tags: {', '.join(others)}" if others else ""

    def _project_among(self, entry: SourceEntry) -> str:
        """For a tool with tags only: the tag that names a video already there (or made by
        this import), else the first tag that names no activity, else none ("")."""
        plain = [tag for tag in entry.tags if tag.strip().lower() not in self.activities]
        known = next((tag for tag in plain if self._names_a_video(tag, entry)), None)
        return known or (plain[0] if plain else "")

    def _names_a_video(self, tag: str, entry: SourceEntry) -> bool:
        key = " ".join(tag.split()).lower()
        if key not in self.videos and key not in self.absent:
            found = self._find_video(key, " ".join(tag.split()), entry)
            if found is None:
                self.absent.add(key)
            else:
                self.videos[key] = found
        return key in self.videos

    def _activity_of(self, video: _Placed | None) -> str:
        """Untagged work: its video's stage while the video is in progress, else ``other``."""
        if video is None or video.stage == PUBLISHED_STAGE:
            return DEFAULT_ACTIVITY
        return video.stage if video.stage in self.ctx.settings.stages else DEFAULT_ACTIVITY

    def _video(self, project: str, entry: SourceEntry) -> _Placed:
        """The video a project names: found by id or title, else created."""
        try:
            title = check_title(project)
        except InputError as error:
            raise self._bad(entry, f"the project name will not do as a title: {error}") from None
        key = title.lower()
        if key not in self.videos:
            self.videos[key] = self._find_video(key, title, entry) or self._new_video(key, title)
        return self.videos[key]

    def _find_video(self, key: str, title: str, entry: SourceEntry) -> _Placed | None:
        """The video an earlier import made for the project, else the one with its title."""
        own_id = row_id("project", key)
        found = self.connection.execute(FIND_VIDEO, {"own": own_id, "title": title}).all()
        own = next((row for row in found if row.id == own_id), None)
        if own is not None:
            return self._placed(own.id, own.title, own.stage, created=False)
        if len(found) > 1:
            numbers = " and ".join(f"#{row.number}" for row in found[:2])
            raise self._bad(
                entry,
                f'the project "{entry.project}" has the title of videos {numbers}; rename one '
                "of them (tracker edit) and import again",
            )
        if not found:
            return None
        return self._placed(found[0].id, found[0].title, found[0].stage, created=False)

    def _new_video(self, key: str, title: str) -> _Placed:
        """A video for a project seen for the first time; it is inserted with the others of
        the chunk, just before the chunk's entries."""
        video_id = row_id("project", key)
        self.waiting.append(NewVideo(id=video_id, title=title, stage=self.stage))
        return self._placed(video_id, title, self.stage, created=True)

    def _placed(self, video_id: uuid.UUID, title: str, stage: str, *, created: bool) -> _Placed:
        return _Placed(video_id, title, stage, created, self.stored_video(video_id))

    def _finish(self, number: int, entry: SourceEntry) -> None:
        """Stop the running timer an earlier import started, where the source stopped it."""
        self.session.execute(
            update(TimeEntry)
            .where(col(TimeEntry.id) == self.new_id(entry.source_id))
            .values(end_at=entry.end, updated_at=self.now, version=TimeEntry.version + 1)
            .execution_options(synchronize_session=False)
        )
        self.finished[number] = self._where(entry)

    def _refuse_second_timer(self, entry: SourceEntry) -> None:
        if self.running_line is not None:
            raise self._bad(
                entry,
                f"it is still running, and so is the {self.source.record} at "
                f"{self.running_line}; stop one of them in {self.source.tool} and import again",
            )
        if running_since(self.session, self.ctx) is not None:
            raise self._bad(
                entry,
                f"it is still running in {self.source.tool}, and a tracker timer is running "
                "too; stop one of them (tracker stop) and import again",
            )
        self.running_line = self._where(entry)

    def _logged_within(self, start: datetime, end: datetime) -> bool:
        """Whether work logged before this import reaches into ``start``–``end``."""
        since = earliest_reaching(start, self.running_start)
        return (
            self.session.execute(
                select(col(TimeEntry.number))
                .where(
                    col(TimeEntry.member_id) == self.ctx.member_id,
                    col(TimeEntry.deleted_at).is_(None),
                    col(TimeEntry.start_at) >= instant(since),
                    col(TimeEntry.start_at) < instant(end),
                    func.coalesce(TimeEntry.end_at, instant(self.now)) > instant(start),
                    col(TimeEntry.number) <= self.base,
                )
                .limit(1)
            ).first()
            is not None
        )

    def _refuse_overlaps(self) -> None:
        """Refuse the import when any two of the member's entries now overlap.

        The entries are walked in order of start in SQL, each compared with the latest end
        among the entries before it: work already logged never overlaps, so a clash always
        involves an entry of this import. A file in order whose entries were each found
        clear of the work logged before (the usual history file) needs no walk.
        """
        if self.first_start is None or (not self.lines and not self.finished):
            return
        if self.in_order and self.apart and not self.finished:
            return
        since = earliest_reaching(self.first_start, running_since(self.session, self.ctx))
        assert self.last_end is not None
        reach = func.coalesce(TimeEntry.end_at, instant(self.now))
        mine = (
            col(TimeEntry.member_id) == self.ctx.member_id,
            col(TimeEntry.deleted_at).is_(None),
            col(TimeEntry.start_at) >= instant(since),
            col(TimeEntry.start_at) < instant(self.last_end),
        )
        walk = (
            select(
                col(TimeEntry.number).label("number"),
                col(TimeEntry.start_at).label("start_at"),
                func.max(reach)
                .over(order_by=(col(TimeEntry.start_at), col(TimeEntry.number)), rows=(None, -1))
                .label("reach"),
            )
            .where(*mine)
            .subquery()
        )
        clash = self.session.execute(
            select(walk.c.number, walk.c.start_at)
            .where(walk.c.reach > walk.c.start_at)
            .order_by(walk.c.start_at, walk.c.number)
            .limit(1)
        ).first()
        if clash is None:
            return
        later, start = clash
        earlier = self.session.execute(
            select(col(TimeEntry.number))
            .where(
                *mine,
                col(TimeEntry.number) != later,
                or_(
                    col(TimeEntry.start_at) < instant(start),
                    (col(TimeEntry.start_at) == instant(start)) & (col(TimeEntry.number) < later),
                ),
                reach > instant(start),
            )
            .order_by(col(TimeEntry.start_at))
            .limit(1)
        ).scalar_one()
        raise self._overlap(later, earlier)

    def _overlap(self, one: int, other: int) -> InputError:
        if self._place_of(one) is None:
            one, other = other, one
        rows = self.session.execute(
            select(col(TimeEntry.number), col(TimeEntry.start_at), col(TimeEntry.end_at)).where(
                col(TimeEntry.number).in_((one, other))
            )
        ).all()
        spans = {number: self.ctx.span(start, end) for number, start, end in rows}
        record, tool = self.source.record, self.source.tool
        place, other_place = self._place_of(one), self._place_of(other)
        assert place is not None
        if other_place is not None:
            problem = (
                f"this {record} ({spans[one]}) overlaps the {record} at {other_place} "
                f"({spans[other]}); tracker's time log never overlaps itself: fix one of them "
                f"in {tool} and import again"
            )
        else:
            problem = (
                f"this {record} ({spans[one]}) overlaps entry {other} ({spans[other]}), already "
                f"in tracker; change that one (tracker entries edit {other}) or this one in "
                f"{tool}, then import again"
            )
        return InputError(f"{place}: {problem}")

    def _place_of(self, number: int) -> str | None:
        """FILE:LINE of an entry this import added or finished; None for any other."""
        if number > self.base:
            index = number - self.base - 1
            return f"{self.labels[self.files[index]]}:{self.lines[index]}"
        return self.finished.get(number)

    def _label(self, entry: SourceEntry) -> str:
        return entry.file or self.source.shown

    def _where(self, entry: SourceEntry) -> str:
        return f"{self._label(entry)}:{entry.line}"

    def _date_new_videos(self, created: list[_Placed]) -> None:
        """Date each new video's arrival from its work: published at the end of its last
        entry, or in its stage from the start of its first (all of them this import's)."""
        if not created:
            return
        publish = self.stage == PUBLISHED_STAGE
        dates = []
        for video in created:
            published = video.last if publish else None
            dates.append(
                {"video": video.id, "published": published, "at": published or video.first}
            )
        videos, moves = table_of(Video), table_of(StageChange)
        connection = self.session.connection()
        connection.execute(
            update(videos)
            .where(videos.c.id == bindparam("video"))
            .values(published_at=bindparam("published")),
            dates,
        )
        connection.execute(
            update(moves).where(moves.c.video_id == bindparam("video")).values(at=bindparam("at")),
            dates,
        )

    def _notes(self, created: int) -> tuple[str, ...]:
        notes = []
        if self.empty:
            notes.append(f"{self.empty} {self.source.record}(s) of no length left out")
        if self.finished:
            notes.append(
                f"{len(self.finished)} running timer(s) finished where {self.source.tool} "
                "stopped them"
            )
        if created and self.stage == PUBLISHED_STAGE:
            notes.append(
                "new videos are published as of their last entry and archived: "
                "`tracker ls --all` lists them"
            )
        elif created:
            notes.append(f"new videos are in {self.stage}")
        return tuple(notes)

    def _preview(
        self, entry: SourceEntry, video: _Placed | None, activity: str, note: str
    ) -> tuple[str, ...]:
        """A new entry as it lands: its video is the one stored (found or made), not the
        source's project, which may name an activity or be missing (Timewarrior's tags)."""
        seconds = elapsed(entry.start, entry.end or self.now).total_seconds()
        return (
            f"{PurePath(self._label(entry)).name}:{entry.line}",
            self.ctx.span(entry.start, entry.end),
            format_seconds(seconds),
            activity,
            video.title if video is not None else "",
            note,
        )

    def _bad(self, entry: SourceEntry, message: str) -> InputError:
        return located(self._label(entry), entry.line, message)

    def _repeated(self, entry: SourceEntry, place: str) -> InputError:
        record = self.source.record
        return self._bad(
            entry,
            f"this {record} {self.source.same} the {record} at {place}; a {record} can be "
            "imported only once: remove one of them",
        )
