"""Watson's frames: ``[start, stop, project, id, tags, updated_at]``, times in Unix seconds."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from tracker.core.imports import LocatedError, SourceEntry

FRAME_SHAPE = "[start, stop, project, id, tags, updated_at]"
# Watson writes all six; frames of older versions may lack the last two.
FEWEST_FIELDS = 4
MOST_FIELDS = 6


def frame_entry(line: int, item: Any) -> SourceEntry:
    """The work one frame records; ``LocatedError`` when the frame is not one Watson wrote."""
    if type(item) is not list or not FEWEST_FIELDS <= len(item) <= MOST_FIELDS:
        raise LocatedError(line, f"a frame is a list {FRAME_SHAPE}; this is not one")
    start, stop, project, frame_id = item[:FEWEST_FIELDS]
    tags = item[4] if len(item) > FEWEST_FIELDS else None
    if stop is None:
        raise LocatedError(line, "the frame has no stop time")
    if type(project) is not str or not project.strip():
        raise LocatedError(line, "the frame's project (its 3rd field) is not a name")
    if type(frame_id) is not str or not frame_id.strip():
        raise LocatedError(line, "the frame's id (its 4th field) is not text")
    if tags is None:
        tags = []
    elif type(tags) is not list or any(type(tag) is not str for tag in tags):
        raise LocatedError(line, "the frame's tags (its 5th field) are not a list of words")
    return SourceEntry(
        line,
        frame_id,
        _instant(line, start, "start"),
        _instant(line, stop, "stop"),
        project,
        tuple(tags),
    )


def _instant(line: int, value: Any, what: str) -> datetime:
    """A Unix time as an aware UTC instant. (``type() is``: JSON gives exact types, and a
    frame's checks run a million times in a large import.)"""
    kind = type(value)
    if kind is int or (kind is float and math.isfinite(value)):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError):
            pass
    raise LocatedError(line, f"the frame's {what} is not a Unix time (found {value!r:.30})")
