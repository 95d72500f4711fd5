"""A realistic sample board, so a newcomer can look around without touching their own data.

Written through the same services a user's commands go through, relative to the context's
clock: a radiologist's channel with a weekly unknown-case series, shorts and long tutorials,
and four weeks of evening and weekend work.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from tracker.core.cadence import Cadence, first_slot
from tracker.core.sustainability import WARN, Signal
from tracker.services import board, breaks, checkins, posts, series, timelog
from tracker.services.checklist import checklist_items
from tracker.services.context import Context
from tracker.services.metrics import record_metrics

WEDNESDAY = 2
SAMPLE_VIEWS = (2400, 1700, 5200)  # the published sample videos' views so far
SAMPLE_LENGTHS = (58, 52, 750)  # and their lengths in seconds: two shorts and a tutorial
# Two check-ins (days ago, an answer's position for every question): a month apart, the
# later one a little more tired, so the review has a trend to show.
SAMPLE_CHECKINS = ((40, 3), (12, 2))
# Break prompts answered after late sessions: (days ago, hour, minute, answer).
SAMPLE_PROMPTS = ((14, 23, 15, "break"), (6, 23, 30, "snoozed"))
# How long a sample card typically stayed in each stage before the next, in days.
STAGE_DAYS = {"idea": 9, "script": 3, "record": 1, "edit": 5, "review": 2, "scheduled": 4}
# (title, stage, platforms, tags, days until due or None, category). The unknown cases' due
# days follow their series instead (SAMPLE_CASES).
SAMPLE_VIDEOS: tuple[
    tuple[str, str, tuple[str, ...], tuple[str, ...], int | None, str | None], ...
] = (
    ("Unknown case #15: answer", "idea", ("youtube",), ("unknowncase",), None, "clinical"),
    (
        "Five signs of appendicitis on ultrasound",
        "idea",
        ("youtube", "tiktok"),
        ("shorts",),
        None,
        "educational",
    ),
    ("How to read a chest X-ray in 59 seconds", "idea", ("tiktok",), ("shorts",), None, None),
    ("Why CT contrast matters", "script", ("youtube",), ("tutorial",), 12, "educational"),
    ("Unknown case #15", "script", ("youtube", "instagram"), ("unknowncase",), None, "clinical"),
    ("MRI safety basics for new residents", "record", ("youtube",), ("tutorial",), 16, None),
    ("Unknown case #14: answer", "edit", ("youtube", "instagram"), ("unknowncase",), None, None),
    (
        "Pneumothorax: the signs you must not miss",
        "edit",
        ("youtube",),
        ("evergreen",),
        5,
        "educational",
    ),
    ("Unknown case #14", "review", ("youtube", "instagram"), ("unknowncase",), None, "clinical"),
    (
        "Day in the life of a radiology resident",
        "scheduled",
        ("tiktok",),
        ("shorts",),
        1,
        "personal",
    ),
    (
        "Unknown case #13: answer",
        "published",
        ("youtube", "instagram"),
        ("unknowncase",),
        None,
        "clinical",
    ),
    ("Unknown case #13", "published", ("youtube", "instagram"), ("unknowncase",), None, "clinical"),
    (
        "Reading a head CT: a systematic approach",
        "published",
        ("youtube",),
        ("tutorial",),
        None,
        "educational",
    ),
    ("Radiology puns, ranked", "dropped", ("tiktok",), (), None, None),
)
# The weekly unknown case: (index of the question, index of its answer, case number).
SAMPLE_SERIES = "Unknown case"
SAMPLE_CASES = ((11, 10, 13), (8, 6, 14), (4, 0, 15))
# Posts of the published sample videos: (video index, preset, length in seconds, frame).
SAMPLE_POSTS = (
    (11, "youtube-shorts", 58, "9:16"),
    (11, "instagram-reel", 58, "9:16"),
    (12, "youtube", 750, "16:9"),
)

# (days ago, start hour, minutes, video index or None, activity, note)
SAMPLE_WORK: tuple[tuple[int, int, int, int | None, str, str], ...] = (
    (27, 20, 90, 12, "edit", "first cut"),
    (26, 21, 60, 12, "review", ""),
    (24, 20, 45, None, "comments", "answered questions"),
    (22, 19, 120, 11, "edit", ""),
    (21, 20, 75, 10, "edit", ""),
    (20, 9, 150, 10, "record", "Saturday morning"),
    (18, 21, 60, 9, "script", ""),
    (16, 20, 90, 8, "edit", ""),
    (14, 22, 70, 7, "edit", "late night"),
    (13, 10, 180, 7, "record", "weekend batch"),
    (11, 20, 60, 5, "script", ""),
    (9, 21, 80, 6, "edit", ""),
    (7, 20, 45, None, "admin", "thumbnails and scheduling"),
    (6, 22, 95, 6, "edit", "late night"),
    (5, 20, 60, 8, "review", ""),
    (4, 19, 120, 7, "edit", ""),
    (3, 21, 50, 3, "script", ""),
    (2, 20, 100, 6, "edit", ""),
    (1, 20, 40, None, "learning", "new editing tricks"),
    (1, 21, 55, 8, "review", ""),
)


def fill_sample(session: Session, ctx: Context) -> int:
    """Add the sample videos, moved along their stages over the past weeks, and a month of
    logged work; returns how many videos were added."""
    today = ctx.now().date()
    numbers = []
    for rank, (title, stage, platforms, tags, due_in, category) in enumerate(SAMPLE_VIDEOS):
        due_on = today + timedelta(days=due_in) if due_in is not None else None
        history = _history(ctx, stage, days_in_stage=(rank * 3) % 11 + 1, rank=rank)
        video = board.add_video(
            session,
            _at(ctx, history[0][1]),
            title,
            stage="idea",
            platforms=platforms,
            tags=tags,
            due_on=due_on,
        )
        numbers.append(str(video.number))
        if category is not None:
            board.edit_video(session, ctx, str(video.number), {"category": category})
        if checklist_items(session, ctx):  # the sample's cards were checked before they went out
            board.check_video(session, ctx, str(video.number), ["all"])
        for next_stage, moved in history[1:]:
            board.move_video(session, _at(ctx, moved), str(video.number), next_stage)
    for days_ago, hour, minutes, index, activity, note in SAMPLE_WORK:
        start = _local(ctx, today - timedelta(days=days_ago), hour)
        ref = numbers[index] if index is not None else None
        timelog.log_entry(
            session,
            ctx,
            ref,
            start,
            start + timedelta(minutes=minutes),
            activity=activity,
            note=note,
        )
    for rank, number in enumerate(
        n for n, video in zip(numbers, SAMPLE_VIDEOS, strict=True) if video[1] == "published"
    ):
        board.edit_video(session, ctx, number, {"actual_seconds": SAMPLE_LENGTHS[rank]})
        counts = {"views": SAMPLE_VIEWS[rank], "likes": SAMPLE_VIEWS[rank] // 14}
        record_metrics(session, ctx, number, counts, None)
    _series(session, ctx, today, numbers)
    _posts(session, ctx, numbers)
    _wellbeing(session, ctx, today)
    return len(numbers)


def _series(session: Session, ctx: Context, today: date, numbers: list[str]) -> None:
    """The unknown cases as a series: case 13 went out last week, 14 is due this week."""
    this_week = first_slot(Cadence(weekday=WEDNESDAY), today)
    first = this_week - timedelta(weeks=1)
    series.add_series(
        session,
        ctx,
        SAMPLE_SERIES,
        "wed",
        answer_after="48h",
        hashtag="#RadUnknown",
        first=first,
        next_case=SAMPLE_CASES[-1][2] + 1,  # the cases below are on the board already
    )
    for week, (question, answer, case) in enumerate(SAMPLE_CASES):
        day = first + timedelta(weeks=week)
        asked = board.resolve_video(session, numbers[question])
        fields = {"series": SAMPLE_SERIES, "case_number": case, "caption": "#RadUnknown"}
        board.edit_video(session, ctx, numbers[question], fields | {"due_on": day})
        answered = fields | {"due_on": day + timedelta(days=2)}
        board.edit_video(session, ctx, numbers[answer], answered)
        board.resolve_video(session, numbers[answer]).answer_to = asked.id


def _posts(session: Session, ctx: Context, numbers: list[str]) -> None:
    """The published videos' posts: one recording, several platforms."""
    for index, preset, seconds, frame in SAMPLE_POSTS:
        video = board.resolve_video(session, numbers[index])
        changes = {"length_seconds": seconds, "aspect": frame, "published_at": video.published_at}
        posts.add_post(
            session, _at(ctx, video.published_at or ctx.now()), numbers[index], preset, changes
        )


def _wellbeing(session: Session, ctx: Context, today: date) -> None:
    """Check-ins and answered break prompts, so the review's sections are not empty."""
    questions = len(checkins.instrument())
    for days_ago, position in SAMPLE_CHECKINS:
        taken = _at(ctx, _local(ctx, today - timedelta(days=days_ago), 21))
        checkins.record_checkin(session, taken, [position] * questions)
    for days_ago, hour, minute, answer in SAMPLE_PROMPTS:
        shown = _local(ctx, today - timedelta(days=days_ago), hour) + timedelta(minutes=minute)
        night = (shown - timedelta(hours=hour)).date()
        signal = Signal("late_night", WARN, 1, 1, "nights", None, "", f"night of {night}")
        breaks.answer_prompt(session, _at(ctx, shown), [signal], answer, shown)


def _history(ctx: Context, stage: str, days_in_stage: int, rank: int) -> list[tuple[str, datetime]]:
    """When a sample card entered each stage up to ``stage``, oldest first: it reached its
    stage ``days_in_stage`` days ago and spent a typical while in each one before, a day
    more or less by its ``rank`` (cards differ)."""
    stages = list(ctx.settings.stages)
    path = ["idea", "dropped"] if stage == "dropped" else stages[: stages.index(stage) + 1]
    moment = ctx.now() - timedelta(days=days_in_stage, hours=3)
    history = [(path[-1], moment)]
    for earlier in reversed(path[:-1]):
        moment -= timedelta(days=max(1, STAGE_DAYS.get(earlier, 2) + rank % 3 - 1))
        history.insert(0, (earlier, moment))
    return history


def _at(ctx: Context, moment: datetime) -> Context:
    """The context with its clock stopped at ``moment``, to record history in the past."""
    return replace(ctx, clock=lambda: moment)


def _local(ctx: Context, day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=ctx.zone)
