"""Plain, immutable results that services hand to the CLI and the TUI."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

from tracker.core.sustainability import Signal
from tracker.services.publishing import Checklist


def to_json(value: Any) -> Any:
    """A JSON-ready copy of a view (or a list of them): dates as ISO 8601 text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclasses.dataclass(frozen=True)
class VideoView:
    number: int
    title: str
    stage: str
    position: float
    platforms: tuple[str, ...]
    tags: tuple[str, ...]
    due_on: date | None
    notes: str
    logged_seconds: float
    version: int
    deleted: bool
    format: str | None = None
    series: str | None = None
    case_number: int | None = None
    category: str | None = None
    evergreen: bool = False
    url: str | None = None
    published_at: datetime | None = None
    assignee: str | None = None
    actual_seconds: int | None = None  # the finished video's length
    target_seconds: int | None = None  # the length aimed for
    archived: bool = False  # published, then taken off the board (reports still count it)
    # The words posted with it: filled for one video (its card), left empty in listings,
    # which would otherwise read up to 20,000 characters a card.
    caption: str = ""
    alt_text: str = ""


@dataclasses.dataclass(frozen=True)
class StageChangeView:
    from_stage: str | None
    to_stage: str
    at: datetime


@dataclasses.dataclass(frozen=True)
class ActivityTotal:
    activity: str
    seconds: float


@dataclasses.dataclass(frozen=True)
class VideoDetail:
    video: VideoView
    history: tuple[StageChangeView, ...]
    by_activity: tuple[ActivityTotal, ...]
    checklist: Checklist


@dataclasses.dataclass(frozen=True)
class EntryView:
    number: int
    start_at: datetime
    end_at: datetime | None
    seconds: float
    activity: str
    video_number: int | None
    video_title: str | None
    note: str
    source: str
    version: int
    discarded: bool = False  # a timer stopped within a minute is not kept

    @property
    def running(self) -> bool:
        return self.end_at is None


@dataclasses.dataclass(frozen=True)
class EntryList:
    start: datetime
    end: datetime
    entries: tuple[EntryView, ...]
    total_seconds: float
    by_activity: tuple[ActivityTotal, ...]


@dataclasses.dataclass(frozen=True)
class TimerChange:
    """What ``start`` did: the new timer, and the one it stopped, if any."""

    started: EntryView
    stopped: EntryView | None


@dataclasses.dataclass(frozen=True)
class Status:
    now: datetime
    running: EntryView | None
    today_seconds: float
    week_seconds: float
    stage_counts: dict[str, int]
    signals: tuple[Signal, ...] = ()
    break_until: datetime | None = None  # the end of the planned break going on now
