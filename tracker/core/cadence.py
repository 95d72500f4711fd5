"""A series' rhythm: weekly on a weekday or every N days, at a time of day, with an optional
answer post some hours after each question. Pure functions: dates in, dates out.

Dates of posts are counted on the calendar and times on the wall clock, so "every Wednesday at
09:00, the answer 48 hours later" stays Wednesday and Friday at 09:00 across a change of
summer time, which is what an audience sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from tracker.core.errors import InputError, one_line
from tracker.core.when import WEEKDAY_NAMES, WEEKDAY_NUMBERS

_EVERY_DAYS = re.compile(r"(?:every )?(\d{1,3}) ?(?:d|days?)", re.ASCII)
_HOURS = re.compile(r"(\d{1,3}) ?(h|hours?|d|days?)", re.ASCII)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
LONGEST_GAP_DAYS = 366
LONGEST_ANSWER_HOURS = 14 * 24  # an answer two weeks on is the next question's business
CADENCE_EXAMPLES = "wed, friday, 14d or every 10 days"


@dataclass(frozen=True)
class Cadence:
    """Weekly on ``weekday`` (0 = Monday), or every ``days`` days from the first post."""

    weekday: int | None = None
    days: int | None = None

    @property
    def step(self) -> timedelta:
        return timedelta(days=7 if self.weekday is not None else self.days or 7)

    def spoken(self) -> str:
        if self.weekday is not None:
            return f"every {WEEKDAY_NAMES[self.weekday][:3]}"
        return f"every {self.days} days"


def parse_cadence(text: str) -> Cadence:
    """``wed``, ``Wednesday``, ``14d``, ``every 10 days`` as typed."""
    cleaned = " ".join(text.lower().split())
    cleaned = cleaned.removeprefix("every ").removeprefix("weekly on ")
    if cleaned in WEEKDAY_NUMBERS:
        return Cadence(weekday=WEEKDAY_NUMBERS[cleaned])
    match = _EVERY_DAYS.fullmatch(cleaned)
    if match and 1 <= int(match[1]) <= LONGEST_GAP_DAYS:
        return Cadence(days=int(match[1]))
    raise InputError(
        f'Cannot read "{one_line(text)}" as a cadence; say a weekday or a number of days from '
        f"1 to {LONGEST_GAP_DAYS} ({CADENCE_EXAMPLES})."
    )


def parse_answer_after(text: str) -> int:
    """Hours between a question and its answer: ``48h``, ``2d``, ``36 hours``."""
    cleaned = " ".join(text.lower().split())
    match = _HOURS.fullmatch(cleaned)
    if match:
        hours = int(match[1]) * (24 if match[2].startswith("d") else 1)
        if 1 <= hours <= LONGEST_ANSWER_HOURS:
            return hours
    raise InputError(
        f'Cannot read "{one_line(text)}" as the time until the answer; say hours or days, '
        f"from 1h to {LONGEST_ANSWER_HOURS // 24}d (e.g. 48h or 2d)."
    )


def parse_post_time(text: str) -> time:
    """The time of day posts go out: ``09:00``, ``18:30``."""
    match = _CLOCK.fullmatch(text.strip())
    if match and int(match[1]) <= 23 and int(match[2]) <= 59:
        return time(int(match[1]), int(match[2]))
    raise InputError(
        f'Cannot read "{one_line(text)}" as a time of day; say hours and minutes, e.g. 09:00 '
        "or 18:30."
    )


def first_slot(cadence: Cadence, on_or_after: date) -> date:
    """The first day the cadence posts on, from ``on_or_after``: the day itself for every N
    days, the next such weekday (today included) for weekly."""
    if cadence.weekday is None:
        return on_or_after
    return on_or_after + timedelta(days=(cadence.weekday - on_or_after.weekday()) % 7)


def slots(cadence: Cadence, anchor: date, start: date, end: date) -> list[date]:
    """The days in ``[start, end)`` the cadence posts on, counted from its first post
    ``anchor`` (nothing before it)."""
    step = cadence.step.days
    begin = max(start, anchor)
    skipped = -(-(begin - anchor).days // step)  # whole steps to reach ``begin``
    day = anchor + timedelta(days=skipped * step)
    found: list[date] = []
    while day < end:
        found.append(day)
        day += timedelta(days=step)
    return found
