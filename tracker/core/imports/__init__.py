"""Readers for other tools' files: text in, plain records out, with no I/O and no database.

Each reader raises ``LocatedError`` (an ``InputError``) saying what is wrong with one record
and on which line; the import services put the file's name in front (``frames:12: ...``).
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from tracker.core.errors import InputError


class LocatedError(InputError):
    """A problem at a known line of the text being read; the message does not repeat it."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


class SourceEntry(NamedTuple):
    """One stretch of work as another time tracker recorded it (a tuple: an import makes a
    million of them, and a tuple is made several times faster than a frozen dataclass).

    ``source_id`` is the tool's own name for the record (a Watson frame id, a Timewarrior start),
    so that importing the same file twice recognises what came in the first time. ``end`` is
    None while the tool's timer still runs. ``file`` names the file the record is in, for a
    tool that keeps several (the line is in that file).
    """

    line: int
    source_id: str
    start: datetime
    end: datetime | None
    project: str | None
    tags: tuple[str, ...] = ()
    note: str = ""
    file: str = ""
