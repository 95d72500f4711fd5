"""How the words of a command or a form become a stretch of time: one rule, used by the
command line and the screens alike."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Unpack

from tracker.core.errors import InputError
from tracker.core.when import Reading, parse_when, shift

# A clock time, am/pm, "now" or a relative offset: the text names a moment, not a whole day.
_NAMES_A_MOMENT = re.compile(r"\d:\d|\d\s*[ap]\.?m|now|(^|\s)[+-]\s*\d|ago|t\d", re.IGNORECASE)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """The real time between two instants. Python subtracts two times of one zone by their
    wall clocks, an hour off across a change of clocks; through UTC the hours stay real."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def entry_span(
    now: datetime,
    *,
    start: datetime | None,
    end: datetime | None,
    length: timedelta | None,
) -> tuple[datetime, datetime]:
    """Start and end of a piece of work from what was given: a start and an end, either one
    with a length, or a length alone ending now. Lengths count real time, so an entry across
    a change of clocks keeps its hours."""
    if start is not None and end is not None:
        if length is not None and shift(start, length) != end:
            raise InputError(
                "The duration does not match the start and end; give one or the other."
            )
        return start, end
    if start is not None and length is not None:
        return start, shift(start, length)
    if length is None:
        raise InputError("Say how long (1h30) or when it ended (15:30).")
    finish = end if end is not None else now
    return shift(finish, -length), finish


def break_span(
    now: datetime,
    start_text: str,
    end_text: str | None,
    **reading: Unpack[Reading],
) -> tuple[datetime, datetime]:
    """A planned break from words: weekdays mean the coming ones; a day without a clock time
    starts at its midnight and, as an end, lasts through that day (``--from sat --to sun`` is
    the whole weekend). No end means the one day it starts on."""
    start = parse_when(start_text, now, past=False, **reading)
    if end_text is None:
        return start, _midnight_after(start.date(), now)
    end = parse_when(end_text, now, past=False, **reading)
    if not _NAMES_A_MOMENT.search(end_text):
        end = _midnight_after(end.date(), now)
    return start, end


def _midnight_after(day: date, now: datetime) -> datetime:
    midnight = datetime.combine(day + timedelta(days=1), time(0))
    return midnight.replace(tzinfo=now.tzinfo).astimezone(now.tzinfo)
