"""The content board: videos, their stages, and every move between them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, case, func, or_, type_coerce
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from tracker.core.checklist import GATED_STAGES, items_named
from tracker.core.errors import (
    AmbiguousError,
    ConflictError,
    InputError,
    NotFoundError,
    TrackerError,
)
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.db.models import Member, Override, StageChange, TimeEntry, Video
from tracker.db.sql import entry_seconds, instant
from tracker.services.checklist import checklist_items
from tracker.services.context import Context
from tracker.services.publishing import Checklist, checklist_of, require_checklist
from tracker.services.views import ActivityTotal, StageChangeView, VideoDetail, VideoView

MAX_TITLE_LENGTH = 300
CHANGE_TOLERANCE = timedelta(milliseconds=50)  # a move and its stamp on the video share a moment
MAX_CANDIDATES_SHOWN = 5
NUMBER_REF = re.compile(r"^#?([0-9]+)$")
LARGEST_NUMBER = 2**31 - 1  # what both databases store in an INTEGER column
WORD = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
FORMATS = ("short", "long")
AGE = re.compile(r"^([0-9]{1,4}) ?(w|wk|wks|weeks?|d|days?)?$")
MAX_ARCHIVE_WEEKS = 520
MAX_ARCHIVE_AGE = timedelta(weeks=MAX_ARCHIVE_WEEKS)
VIEW_COLUMNS = (
    "number",
    "title",
    "stage",
    "position",
    "platforms",
    "tags",
    "due_on",
    "notes",
    "version",
    "deleted_at",
    "format",
    "series",
    "case_number",
    "category",
    "evergreen",
    "url",
    "published_at",
    "actual_seconds",
    "target_seconds",
    "archived_at",
)
EDITABLE_FIELDS = (
    "title",
    "target_seconds",
    "actual_seconds",
    "platforms",
    "tags",
    "due_on",
    "notes",
    "format",
    "series",
    "case_number",
    "category",
    "evergreen",
    "url",
    "caption",
    "alt_text",
)
SHORT_TEXT_LENGTHS = {"series": 120, "category": 40, "url": 500}  # what their columns hold
FREE_TEXT_FIELDS = ("notes", "caption", "alt_text")  # kept as typed, line breaks and all
LONGEST_TEXT = 20_000  # characters of a caption or alt text


def resolve_video(session: Session, ref: str, *, deleted: bool = False) -> Video:
    """The video a user means by ``12``, ``#12`` or an unambiguous piece of its title (with
    ``deleted``, a removed one). Naming one on the other side says so, and what to do."""
    try:
        return _find_video(session, ref, deleted=deleted)
    except NotFoundError:
        message = _on_the_other_side(session, ref, deleted)
        if message is None:
            raise
        raise NotFoundError(message) from None


def _find_video(session: Session, ref: str, *, deleted: bool) -> Video:
    text = ref.strip()
    if not text:
        raise InputError("Name a video by its number (12 or #12) or a piece of its title.")
    live = col(Video.deleted_at).is_not(None) if deleted else col(Video.deleted_at).is_(None)
    number = NUMBER_REF.match(text)
    if number:
        # A number too long to be stored names no video (and int() refuses 4,300+ digits).
        fits = len(number[1].lstrip("0")) <= len(str(LARGEST_NUMBER))
        wanted = int(number[1]) if fits else LARGEST_NUMBER + 1
        video = (
            session.exec(select(Video).where(Video.number == wanted, live)).first()
            if wanted <= LARGEST_NUMBER
            else None
        )
        if video is None:
            hint = "`tracker ls --deleted`" if deleted else "`tracker ls --all`"
            raise NotFoundError(f"No video #{number[1]}; {hint} lists the numbers.")
        return video
    pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matches = session.exec(
        select(Video)
        .where(live, func.lower(Video.title).like(pattern, escape="\\"))
        .order_by(col(Video.number))
    ).all()
    exact = [video for video in matches if video.title.lower() == text.lower()]
    if len(exact) == 1:
        return exact[0]
    if not matches:
        raise NotFoundError(f'No video has "{text}" in its title; `tracker ls` lists them.')
    if len(matches) > 1:
        shown = ", ".join(f"#{v.number} {v.title}" for v in matches[:MAX_CANDIDATES_SHOWN])
        more = (
            f" and {len(matches) - MAX_CANDIDATES_SHOWN} more"
            if len(matches) > MAX_CANDIDATES_SHOWN
            else ""
        )
        raise AmbiguousError(f'"{text}" matches {shown}{more}; say which by number.')
    return matches[0]


def _on_the_other_side(session: Session, ref: str, deleted: bool) -> str | None:
    """What to say when ``ref`` names no video where it was looked for (removed or not) but
    does on the other side; None when it names none there either."""
    try:
        other: Video | None = _find_video(session, ref, deleted=not deleted)
    except AmbiguousError:
        other = None
    except TrackerError:
        return None
    if deleted:
        if other is None:
            return None
        return (
            f"#{other.number} {other.title} is not removed (it is in {other.stage}); "
            "nothing to restore."
        )
    if other is None:
        return (
            f'Only removed videos match "{ref.strip()}"; `tracker ls --deleted` lists them, and '
            "tracker restore NUMBER brings one back."
        )
    return (
        f"#{other.number} {other.title} was removed; bring it back with: "
        f"tracker restore {other.number}"
    )


def check_stage(ctx: Context, stage: str) -> str:
    name = stage.strip().lower()
    if name not in ctx.settings.all_stages:
        stages = ", ".join(ctx.settings.all_stages)
        raise InputError(f'Unknown stage "{stage}"; use one of {stages}.')
    return name


def check_title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise InputError('A video needs a title, such as "Five signs of appendicitis".')
    if len(cleaned) > MAX_TITLE_LENGTH:
        raise InputError(f"That title is {len(cleaned)} characters; keep it to {MAX_TITLE_LENGTH}.")
    return cleaned


def check_platforms(ctx: Context, platforms: list[str] | tuple[str, ...]) -> list[str]:
    known = ctx.settings.platforms
    chosen: list[str] = []
    for platform in platforms:
        name = platform.strip().lower()
        if name not in known:
            raise InputError(
                f'Unknown platform "{platform}"; use one of {", ".join(known)} '
                "(add more under platforms in the config file)."
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def check_category(ctx: Context, category: str) -> str:
    name = category.strip().lower()
    known = ctx.settings.categories
    if name not in known:
        raise InputError(
            f'Unknown category "{category}"; use one of {", ".join(known)} '
            "(set your own under categories in the config file)."
        )
    return name


def check_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    chosen: list[str] = []
    for tag in tags:
        name = tag.strip().lower().lstrip("#")
        if not WORD.match(name):
            raise InputError(
                f'"{tag}" is not a usable tag; use letters, digits, - or _ (e.g. unknowncase).'
            )
        if name not in chosen:
            chosen.append(name)
    return chosen


def _check_field(ctx: Context, name: str, value: Any) -> Any:
    """Validate one editable field, returning the value to store."""
    if name == "title":
        return check_title(value)
    if name == "platforms":
        return check_platforms(ctx, value)
    if name == "tags":
        return check_tags(value)
    if name == "format" and value is not None and value not in FORMATS:
        raise InputError(f'Unknown format "{value}"; use short (60 s or less) or long.')
    if name == "case_number" and value is not None and not 1 <= value <= LARGEST_NUMBER:
        raise InputError(f"A case number is a whole number from 1 to {LARGEST_NUMBER}.")
    if (
        name in ("target_seconds", "actual_seconds")
        and value is not None
        and not (1 <= value <= LARGEST_NUMBER)
    ):
        raise InputError("A video's length is a whole number of seconds from 1 up.")
    if name in ("caption", "alt_text") and isinstance(value, str) and len(value) > LONGEST_TEXT:
        raise InputError(
            f"The {name.replace('_', ' ')} is at most {LONGEST_TEXT} characters "
            f"(this one has {len(value)})."
        )
    if name in ("series", "category", "url") and isinstance(value, str):
        return _short_text(ctx, name, value)
    return value


def _short_text(ctx: Context, name: str, value: str) -> str | None:
    """A one-line field as stored: trimmed, empty clears it, within what its column holds."""
    cleaned = value.strip()
    if not cleaned:
        return None
    if name == "category":
        return check_category(ctx, cleaned)
    return check_length(name, cleaned)


def check_length(name: str, value: str) -> str:
    """Refuse a one-line value longer than its column holds (PostgreSQL would refuse it at
    the end of the transaction; SQLite would keep it whole)."""
    longest = SHORT_TEXT_LENGTHS[name]
    if len(value) > longest:
        raise InputError(f"The {name} is at most {longest} characters (this one has {len(value)}).")
    return value


def add_video(
    session: Session,
    ctx: Context,
    title: str,
    *,
    stage: str | None = None,
    platforms: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    due_on: date | None = None,
    notes: str = "",
    actual_seconds: int | None = None,
    target_seconds: int | None = None,
    video_id: uuid.UUID | None = None,
) -> VideoView:
    """Put a new video on the board, at the bottom of its stage (the first stage by default).

    ``video_id``, chosen by the caller before the first try, makes a retry harmless: when the
    first try was saved after all (the connection dropped before the answer came), the video
    it saved is returned instead of a second one.
    """
    if video_id is not None and (saved := session.get(Video, video_id)) is not None:
        return video_view(session, ctx, saved)
    stage_name = check_stage(ctx, stage) if stage is not None else ctx.settings.stages[0]
    if stage_name in GATED_STAGES and checklist_items(session, ctx):
        raise InputError(
            f"A new video cannot start in {stage_name}, which asks for its pre-publish "
            "checklist: add it to an earlier stage, then tick it (tracker check) and move it."
        )
    video = new_video(
        session,
        ctx,
        check_title(title),
        stage_name,
        id=video_id or uuid.uuid4(),
        platforms=check_platforms(ctx, platforms),
        tags=check_tags(tags),
        due_on=due_on,
        notes=notes,
        actual_seconds=_check_field(ctx, "actual_seconds", actual_seconds),
        target_seconds=_check_field(ctx, "target_seconds", target_seconds),
    )
    return video_view(session, ctx, video)


def new_video(session: Session, ctx: Context, title: str, stage: str, **fields: Any) -> Video:
    """A new card at the bottom of ``stage`` with the next number, its arrival in the
    history; ``fields`` already checked by the caller."""
    video = Video(
        number=next_video_number(session),
        title=title,
        stage=stage,
        position=end_of_column(session, stage),
        published_at=ctx.now() if stage == PUBLISHED_STAGE else None,
        **fields,
    )
    session.add(video)
    session.flush()
    _record_move(session, ctx, video, None, stage)
    return video


def move_video(
    session: Session,
    ctx: Context,
    ref: str,
    stage: str,
    *,
    position: float | None = None,
    expected_version: int | None = None,
    override: str | None = None,
    restore: bool = False,
) -> tuple[VideoView, str]:
    """Move a video to ``stage`` (at the bottom, or at ``position``); returns it and the stage
    it left. A change of stage is recorded in the video's history. ``expected_version``, as
    for every change here, is the version the caller last saw: a newer one refuses. Into
    scheduled or published only with the checklist done, or an ``override`` saying why;
    ``restore`` (an undo) puts a card back where it stood, past the gate it passed then, and
    withdraws the override the move it takes back wrote."""
    target = check_stage(ctx, stage)
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    origin = video.stage
    if origin == target and position is None:
        return video_view(session, ctx, video), origin
    video.position = position if position is not None else end_of_column(session, target)
    if origin != target:
        if restore:
            _withdraw_override(session, ctx, video, origin)
        else:
            require_checklist(session, ctx, video, target, override)
        video.stage = target
        video.archived_at = None  # archiving is for published cards; leaving ends it
        if target == PUBLISHED_STAGE and video.published_at is None:
            video.published_at = ctx.now()
        _record_move(session, ctx, video, origin, target)
    _touch(ctx, video)
    return video_view(session, ctx, video), origin


def _withdraw_override(session: Session, ctx: Context, video: Video, stage: str) -> None:
    """Tombstone the override written by the move that brought ``video`` into ``stage`` (it
    is written a moment before the move is recorded), since that move is being taken back:
    the card and the weekly review then show no override for a move that did not stand."""
    if stage not in GATED_STAGES:
        return  # only moves into a gated stage write overrides
    arrived = session.exec(
        select(StageChange.at)
        .where(StageChange.video_id == video.id, StageChange.to_stage == stage)
        .order_by(col(StageChange.at).desc())
    ).first()
    if arrived is None:
        return
    written = session.exec(
        select(Override).where(
            Override.video_id == video.id,
            Override.stage == stage,
            col(Override.deleted_at).is_(None),
            col(Override.at) >= instant(arrived - CHANGE_TOLERANCE),
            col(Override.at) <= instant(arrived),
        )
    ).all()
    for override in written:
        override.deleted_at = override.updated_at = ctx.now()


def check_video(
    session: Session,
    ctx: Context,
    ref: str,
    names: list[str],
    *,
    undo: bool = False,
    expected_version: int | None = None,
) -> Checklist:
    """Tick (or with ``undo`` clear) checklist items on a video; returns where it stands."""
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    keys = items_named(names, checklist_items(session, ctx))
    ticked = [key for key in video.checked if key not in keys] if undo else video.checked
    if not undo:
        ticked = [*ticked, *(key for key in keys if key not in ticked)]
    if ticked != video.checked:
        video.checked = ticked
        _touch(ctx, video)
    session.flush()
    return checklist_of(session, ctx, video)


def shift_video(
    session: Session, ctx: Context, ref: str, steps: int, *, expected_version: int | None = None
) -> VideoView:
    """Move a video up (negative ``steps``) or down its column by swapping with its neighbour."""
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    ordered = col(Video.position).desc() if steps < 0 else col(Video.position)
    beyond = (
        col(Video.position) < video.position if steps < 0 else col(Video.position) > video.position
    )
    neighbour = session.exec(
        select(Video)
        .where(Video.stage == video.stage, col(Video.deleted_at).is_(None), beyond)
        .order_by(ordered)
    ).first()
    if neighbour is not None:
        video.position, neighbour.position = neighbour.position, video.position
        _touch(ctx, video)
        _touch(ctx, neighbour)
    return video_view(session, ctx, video)


def edit_video(
    session: Session,
    ctx: Context,
    ref: str,
    changes: dict[str, Any],
    *,
    expected_version: int | None = None,
) -> VideoView:
    """Change the given fields of a video; unknown fields are a programming error.

    ``expected_version`` is the version the caller last saw (a form open on a screen): if the
    video changed since, the edit is refused rather than overwriting someone else's.
    """
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field")
        setattr(video, name, _check_field(ctx, name, value))
    if changes:
        _touch(ctx, video)
    return video_view(session, ctx, video)


def check_version(
    session: Session, ctx: Context, video: Video, expected_version: int | None
) -> None:
    """Refuse a change to a video that changed since the caller saw it, saying what changed
    it: no change made here ever silently overwrites one made elsewhere."""
    if expected_version is None or video.version == expected_version:
        return
    latest = session.exec(
        select(StageChange.to_stage, StageChange.at, Member.name)
        .outerjoin(Member, col(Member.id) == StageChange.member_id)
        .where(StageChange.video_id == video.id)
        .order_by(col(StageChange.at).desc())
    ).first()
    what = "changed"
    if video.deleted_at is not None:
        what = "removed"
    elif latest is not None and latest[1] >= video.updated_at - CHANGE_TOLERANCE:
        what = f"moved to {latest[0]}" + (f" by {latest[2]}" if latest[2] else "")
    raise ConflictError(
        f"#{video.number} {video.title} was {what} at {ctx.shown(video.updated_at)}, after you "
        "last saw it; nothing was changed."
    )


def remove_video(
    session: Session, ctx: Context, ref: str, *, expected_version: int | None = None
) -> VideoView:
    """Tombstone a video: hidden everywhere, restorable, its logged time kept."""
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    video.deleted_at = ctx.now()
    _touch(ctx, video)
    return video_view(session, ctx, video)


def restore_video(
    session: Session, ctx: Context, ref: str, *, expected_version: int | None = None
) -> VideoView:
    video = resolve_video(session, ref, deleted=True)
    check_version(session, ctx, video, expected_version)
    video.deleted_at = None
    _touch(ctx, video)
    return video_view(session, ctx, video)


def drop_video(
    session: Session, ctx: Context, ref: str, *, expected_version: int | None = None
) -> tuple[VideoView, str]:
    """Drop a video straight from the stage it is in: one recorded move to ``dropped``, never
    a walk through the stages between. Returns it and the stage it left."""
    video = resolve_video(session, ref)
    if video.stage == DROPPED_STAGE:
        raise InputError(f"#{video.number} {video.title} is already dropped.")
    return move_video(
        session, ctx, str(video.number), DROPPED_STAGE, expected_version=expected_version
    )


def undrop_video(
    session: Session, ctx: Context, ref: str, *, expected_version: int | None = None
) -> tuple[VideoView, str]:
    """Bring a dropped video back to the stage it was dropped from (the first stage when it
    was made in ``dropped`` or that stage is no longer on the board), as one recorded move.
    Returns it and the stage it left (``dropped``)."""
    video = resolve_video(session, ref)
    if video.stage != DROPPED_STAGE:
        raise InputError(
            f"#{video.number} {video.title} is not dropped (it is in {video.stage}); "
            "only a dropped video can be brought back."
        )
    origin = session.exec(
        select(StageChange.from_stage)
        .where(StageChange.video_id == video.id, StageChange.to_stage == DROPPED_STAGE)
        .order_by(col(StageChange.at).desc(), col(StageChange.created_at).desc())
    ).first()
    target = origin if origin in ctx.settings.stages else ctx.settings.stages[0]
    return move_video(session, ctx, str(video.number), target, expected_version=expected_version)


def parse_age(text: str) -> timedelta:
    """How long ago a video was published for ``archive``: ``4w``, ``4 weeks``, ``30d``; a
    bare number counts weeks."""
    match = AGE.match(text.strip().lower())
    if match is None:
        raise InputError(
            f'Cannot read "{text.strip()[:40]}" as an age; give weeks or days, e.g. 4w, 6 weeks '
            "or 30d."
        )
    amount, unit = int(match[1]), match[2] or "w"
    age = timedelta(days=amount) if unit.startswith("d") else timedelta(weeks=amount)
    if age > MAX_ARCHIVE_AGE:
        raise InputError(f"{text.strip()} is too long ago; give at most {MAX_ARCHIVE_WEEKS} weeks.")
    return age


def archive_published(session: Session, ctx: Context, older_than: timedelta) -> list[VideoView]:
    """Take the videos published more than ``older_than`` ago off the board (the board's
    published column stops showing them). They stay in every report, chart and export, and in
    ``ls --all``; ``unarchive_video`` brings one back. Returns the videos archived now."""
    cutoff = ctx.now() - older_than
    videos = session.exec(
        select(Video).where(
            Video.stage == PUBLISHED_STAGE,
            col(Video.deleted_at).is_(None),
            col(Video.archived_at).is_(None),
            col(Video.published_at).is_not(None),
            col(Video.published_at) < cutoff,
        )
    ).all()
    for video in videos:
        video.archived_at = ctx.now()
        _touch(ctx, video)
    if not videos:
        return []
    session.flush()
    numbers = [video.number for video in videos]
    return list_videos(session, ctx, include_finished=True, include_archived=True, numbers=numbers)


def unarchive_video(
    session: Session, ctx: Context, ref: str, *, expected_version: int | None = None
) -> VideoView:
    """Put an archived video back on the board."""
    video = resolve_video(session, ref)
    check_version(session, ctx, video, expected_version)
    if video.archived_at is None:
        raise InputError(f"#{video.number} {video.title} is not archived.")
    video.archived_at = None
    _touch(ctx, video)
    return video_view(session, ctx, video)


def list_videos(
    session: Session,
    ctx: Context,
    *,
    stage: str | None = None,
    platform: str | None = None,
    tag: str | None = None,
    include_finished: bool = False,
    deleted: bool = False,
    with_hours: bool = True,
    include_archived: bool = False,
    numbers: Collection[int] | None = None,
) -> list[VideoView]:
    """Videos in board order; published and dropped ones only when asked for, archived ones
    (published videos taken off the board) only with ``include_archived``; ``numbers`` keeps
    only those videos.

    Plain columns are selected rather than ORM objects: building thousands of tracked objects
    would cost more than the query itself, and a listing changes nothing. Summing the hours is
    most of the work on a long log; ``with_hours=False`` skips it (every card shows 0).
    """
    columns = [getattr(Video, name) for name in VIEW_COLUMNS]
    query = sa_select(*columns, col(Member.name).label("assignee"))
    if with_hours:
        logged = _logged_seconds(ctx)
        query = query.add_columns(func.coalesce(logged.c.seconds, 0.0).label("logged"))
        query = query.outerjoin(logged, logged.c.video_id == Video.id)
    query = query.outerjoin(Member, col(Member.id) == Video.assignee_id).where(
        col(Video.deleted_at).is_not(None) if deleted else col(Video.deleted_at).is_(None)
    )
    if stage is not None:
        query = query.where(col(Video.stage) == check_stage(ctx, stage))
    elif not include_finished and not deleted:
        query = query.where(col(Video.stage).not_in((PUBLISHED_STAGE, DROPPED_STAGE)))
    if platform is not None:
        query = query.where(_has_word(Video.platforms, check_platforms(ctx, [platform])[0]))
    if tag is not None:
        query = query.where(_has_word(Video.tags, check_tags([tag])[0]))
    if not include_archived and not deleted:
        # Only a published video is ever archived; one moved out of published again shows.
        query = query.where(
            or_(col(Video.archived_at).is_(None), col(Video.stage) != PUBLISHED_STAGE)
        )
    if numbers is not None:
        query = query.where(col(Video.number).in_(list(numbers)))
    query = query.order_by(_stage_order(ctx), col(Video.position), col(Video.number))
    rows = session.execute(query)
    return [_view(row, row.logged if with_hours else 0.0, row.assignee) for row in rows]


def video_detail(session: Session, ctx: Context, ref: str) -> VideoDetail:
    """A video's fields, its stage history and its hours by activity."""
    video = resolve_video(session, ref)
    history = session.exec(
        select(StageChange).where(StageChange.video_id == video.id).order_by(col(StageChange.at))
    ).all()
    spent = entry_seconds(ctx.now())
    by_activity = session.exec(
        select(TimeEntry.activity, func.sum(spent))
        .where(TimeEntry.video_id == video.id, col(TimeEntry.deleted_at).is_(None))
        .group_by(TimeEntry.activity)
        .order_by(func.sum(spent).desc())
    ).all()
    return VideoDetail(
        video=video_view(session, ctx, video),
        history=tuple(StageChangeView(h.from_stage, h.to_stage, h.at) for h in history),
        by_activity=tuple(ActivityTotal(activity, float(total)) for activity, total in by_activity),
        checklist=checklist_of(session, ctx, video),
    )


def video_view(session: Session, ctx: Context, video: Video) -> VideoView:
    """The view of one video, with its logged time summed in SQL."""
    session.flush()
    logged = _logged_seconds(ctx)
    seconds = session.exec(select(logged.c.seconds).where(logged.c.video_id == video.id)).first()
    assignee = session.get(Member, video.assignee_id) if video.assignee_id else None
    view = _view(video, seconds or 0.0, assignee.name if assignee else None)
    return replace(view, caption=video.caption, alt_text=video.alt_text)


def _view(video: Any, seconds: float, assignee: str | None) -> VideoView:
    """A view from a Video, or from a row holding the VIEW_COLUMNS."""
    return VideoView(
        number=video.number,
        title=video.title,
        stage=video.stage,
        position=video.position,
        platforms=tuple(video.platforms),
        tags=tuple(video.tags),
        due_on=video.due_on,
        notes=video.notes,
        logged_seconds=float(seconds),
        version=video.version,
        deleted=video.deleted_at is not None,
        format=video.format,
        series=video.series,
        case_number=video.case_number,
        category=video.category,
        evergreen=video.evergreen,
        url=video.url,
        published_at=video.published_at,
        assignee=assignee,
        actual_seconds=video.actual_seconds,
        target_seconds=video.target_seconds,
        archived=video.archived_at is not None,
    )


def _logged_seconds(ctx: Context) -> Any:
    """Seconds logged per video (a running timer counts up to now), as a subquery."""
    spent = entry_seconds(ctx.now())
    return (
        select(col(TimeEntry.video_id).label("video_id"), func.sum(spent).label("seconds"))
        .where(col(TimeEntry.deleted_at).is_(None), col(TimeEntry.video_id).is_not(None))
        .group_by(col(TimeEntry.video_id))
        .subquery()
    )


def _has_word(column: Any, word: str) -> ColumnElement[bool]:
    """Whether a WordList column holds ``word`` (stored as ``,a,b,``)."""
    return type_coerce(column, String).contains(f",{word},", autoescape=True)


def _stage_order(ctx: Context) -> Any:
    return case(
        {name: index for index, name in enumerate(ctx.settings.all_stages)},
        value=Video.stage,
        else_=len(ctx.settings.all_stages),
    )


def next_video_number(session: Session) -> int:
    return (session.exec(select(func.max(Video.number))).one() or 0) + 1


def end_of_column(session: Session, stage: str) -> float:
    last = session.exec(
        select(func.max(Video.position)).where(
            Video.stage == stage, col(Video.deleted_at).is_(None)
        )
    ).one()
    return (last or 0.0) + 1.0


def _record_move(
    session: Session, ctx: Context, video: Video, origin: str | None, target: str
) -> None:
    session.add(
        StageChange(
            video_id=video.id,
            from_stage=origin,
            to_stage=target,
            at=ctx.now(),
            member_id=ctx.member_id,
        )
    )


def _touch(ctx: Context, video: Video) -> None:
    """Stamp an edit; the version column is bumped by the ORM itself."""
    video.updated_at = ctx.now()
