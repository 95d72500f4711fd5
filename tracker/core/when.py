"""Read points in time the way people type them at a terminal.

``--at yesterday 21:00``, ``--due fri``, ``--start -2h`` or ``--day 2026-11-20``: this module turns
such words into time-zone-aware datetimes in the user's zone. It never reads the clock itself;
callers pass ``now`` so the same text always means the same moment in tests and in the app.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tracker.core.durations import parse_duration, quote_input
from tracker.core.errors import InputError

__all__ = ["parse_day", "parse_when"]

_TIME_EXAMPLES = "try now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00 or -2h"
_DAY_EXAMPLES = "try today, yesterday, mon, last fri, 2026-11-20 or -3d"

# Nothing we read legitimately gets this long; it also keeps huge inputs away from dateutil.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
_LONGEST_INPUT = 64

_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
_MONTH_WORDS = frozenset(
    {
        *("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov"),
        *("dec", "january", "february", "march", "april", "june", "july", "august"),
        *("september", "october", "november", "december"),
    }
)
_DAY_WORDS = ("today", "yesterday", "tomorrow")

# Input is lower-cased and its whitespace collapsed to single spaces before matching.
_WEEKDAY_ALTERNATIVES = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_DAY_AND_TIME = re.compile(
    rf"(?:(?P<word>{'|'.join(_DAY_WORDS)})"
    rf"|(?:(?P<relation>last|next) )?(?P<weekday>{_WEEKDAY_ALTERNATIVES}))"
    r"(?: (?:at )?(?P<time>.+))?",
    re.ASCII,
)
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r" ?(?P<ampm>am|pm|a\.m\.|p\.m\.)?",
    re.ASCII,
)
_SIGNED_OFFSET = re.compile(r"(?P<sign>[+-]) ?(?P<amount>.+)", re.ASCII)
_AGO = re.compile(r"(?P<amount>.+?) ago", re.ASCII)
_DAYS = re.compile(r"(?P<days>\d{1,5}) ?(?:days|day|d)", re.ASCII)
_ISO_DATE_START = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DIGIT = re.compile(r"\d", re.ASCII)
_WORD = re.compile(r"[a-z]+", re.ASCII)


class _Unreadable(Exception):
    """Internal: the text is not a time we understand; ``reason`` adds a hint when we know one."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


def parse_when(text: str, now: datetime, *, past: bool = True) -> datetime:
    """Read a point in time typed by the user, relative to ``now``, in ``now``'s time zone.

    ``past=True`` (logging work) makes a bare weekday the most recent such day, today included;
    ``past=False`` (due dates) makes it the next such day, today included. A wall-clock time that
    occurs twice on a DST change means the first occurrence; one skipped by DST moves forward.
    Raises ``InputError`` with a one-line message giving examples that work.
    """
    _require_aware(now)
    try:
        return _parse(text, now, past=past)
    except _Unreadable as error:
        raise InputError(_message(text, "a time", error.reason, _TIME_EXAMPLES)) from None


def parse_day(text: str, now: datetime) -> date:
    """Read a calendar day (``today``, ``mon``, ``last fri``, ``2026-11-20``, ``-3d``...).

    The same words as ``parse_when`` with only the date kept, as seen in ``now``'s time zone,
    for options such as ``--day`` and ``--week`` that name a day rather than a moment.
    """
    _require_aware(now)
    try:
        return _parse(text, now, past=True).date()
    except _Unreadable as error:
        raise InputError(_message(text, "a day", error.reason, _DAY_EXAMPLES)) from None


def _require_aware(now: datetime) -> None:
    """A naive ``now`` is a programming error: every caller knows the user's zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be time-zone aware, got {now!r}")


def _message(text: str, what: str, reason: str, examples: str) -> str:
    detail = f" ({reason})" if reason else ""
    return f"Cannot read {quote_input(text)} as {what}{detail}: {examples}."


def _parse(text: str, now: datetime, *, past: bool) -> datetime:
    cleaned = " ".join(text.lower().split())
    if not cleaned or len(cleaned) > _LONGEST_INPUT:
        raise _Unreadable()
    try:
        moment = _parse_cleaned(cleaned, now, past=past)
    except OverflowError:
        raise _Unreadable("that is too far away") from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise _Unreadable(f"give a year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    return moment


def _check_iso_date(text: str) -> None:
    """Refuse a year-month-day date whose month or day is out of range."""
    try:
        date.fromisoformat(text)
    except ValueError:
        raise _Unreadable("the month goes from 01 to 12 and the day must exist") from None


def shift(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` moved by a real stretch of time, in its own zone.

    Python adds a timedelta to a zoned time by its wall clock, which is an hour off across a
    change of clocks; going through UTC keeps the hours real.
    """
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def _parse_cleaned(cleaned: str, now: datetime, *, past: bool) -> datetime:
    zone = now.tzinfo
    assert zone is not None  # checked by _require_aware
    if cleaned == "now":
        return now
    relative = _parse_relative(cleaned, now)
    if relative is not None:
        return relative
    if match := _DAY_AND_TIME.fullmatch(cleaned):
        clock = _parse_clock(match["time"]) if match["time"] else time(0)
        if clock is not None:  # otherwise maybe "fri 20 nov": let dateutil try
            day = _resolve_day(match, now.date(), past=past)
            return _localize(datetime.combine(day, clock), zone)
    clock = _parse_clock(cleaned)
    if clock is not None:
        return _localize(datetime.combine(now.date(), clock), zone)
    if _ISO_DATE_START.match(cleaned):
        try:
            parsed = datetime.fromisoformat(cleaned.upper())
        except ValueError:
            _check_iso_date(cleaned[:10])  # "2026-13-01" is a mistake, not a day-first date
            # maybe "2026-11-20 2pm": let dateutil try
        else:
            return _in_zone(parsed, zone)
    if _looks_like_duration(cleaned):
        raise _Unreadable(f"for a time in the past say -{cleaned} or {cleaned} ago")
    return _parse_with_dateutil(cleaned, now)


def _parse_relative(cleaned: str, now: datetime) -> datetime | None:
    """``-2h``, ``+30m``, ``90m ago``, ``-3d``, ``3 days ago``; ``None`` if not that shape.

    Hours and minutes count elapsed time (``-2h`` across a DST change is still two hours ago);
    days count calendar days at the same wall-clock time, as people mean "3 days ago".
    """
    if match := _SIGNED_OFFSET.fullmatch(cleaned):
        sign = -1 if match["sign"] == "-" else 1
        amount = match["amount"]
    elif match := _AGO.fullmatch(cleaned):
        sign = -1
        amount = match["amount"]
    else:
        return None
    zone = now.tzinfo
    assert zone is not None
    if days := _DAYS.fullmatch(amount):
        wall = now.replace(tzinfo=None) + sign * timedelta(days=int(days["days"]))
        return _localize(wall, zone)
    try:
        delta = parse_duration(amount)
    except InputError:
        raise _Unreadable() from None
    return (now.astimezone(UTC) + sign * delta).astimezone(zone)


def _resolve_day(match: re.Match[str], today: date, *, past: bool) -> date:
    """The date named by ``today``/``yesterday``/``tomorrow`` or a (``last``/``next``) weekday."""
    word = match["word"]
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    if word == "tomorrow":
        return today + timedelta(days=1)
    weekday = _WEEKDAYS[match["weekday"]]
    back = (today.weekday() - weekday) % 7
    ahead = (weekday - today.weekday()) % 7
    if match["relation"] == "last":
        return today - timedelta(days=back or 7)
    if match["relation"] == "next":
        return today + timedelta(days=ahead or 7)
    return today - timedelta(days=back) if past else today + timedelta(days=ahead)


def _parse_clock(text: str) -> time | None:
    """``9``, ``9:30``, ``21:00:15``, ``9pm``, ``9:30 am``; ``None`` if not that shape.

    Raises ``_Unreadable`` with a reason when it is that shape but out of range (``25:00``).
    """
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or 0)
    second = int(match["second"] or 0)
    if ampm := match["ampm"]:
        if not 1 <= hour <= 12:
            raise _Unreadable("with am/pm the hour goes from 1 to 12")
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif hour > 23:
        raise _Unreadable("the hour goes from 0 to 23")
    if minute > 59 or second > 59:
        raise _Unreadable("minutes and seconds go from 0 to 59")
    return time(hour, minute, second)


def _looks_like_duration(cleaned: str) -> bool:
    """``2h`` on its own is a length, not a moment; dateutil would read it as 02:00 today."""
    try:
        parse_duration(cleaned)
    except InputError:
        return False
    return True


def _parse_with_dateutil(cleaned: str, now: datetime) -> datetime:
    """Fallback for dates like ``nov 20``, ``20 nov 14:00`` or ``20/11``, in ``now``'s zone.

    Missing parts come from today. Month-first is tried first; day-first only when that fails,
    because dateutil rejects ``20/11`` month-first instead of swapping (unlike ``20/11/26``).
    """
    if not _DIGIT.search(cleaned) and not any(w in _MONTH_WORDS for w in _WORD.findall(cleaned)):
        raise _Unreadable()
    from dateutil import parser as dateutil_parser  # imported lazily: CLI start-up time

    zone = now.tzinfo
    assert zone is not None
    default = now.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0, fold=0)
    for dayfirst in (False, True):
        try:
            parsed = dateutil_parser.parse(cleaned, default=default, dayfirst=dayfirst)
            # dateutil happily builds offsets of a day or more ("0:0-30"), which only fail here.
            return _in_zone(parsed, zone)
        except (ValueError, OverflowError):
            continue
    raise _Unreadable()


def _in_zone(parsed: datetime, zone: tzinfo) -> datetime:
    """Convert an aware result to the user's zone; read a naive one as their wall-clock time."""
    if parsed.tzinfo is not None and parsed.utcoffset() is not None:
        return parsed.astimezone(zone)
    return _localize(parsed.replace(tzinfo=None), zone)


def _localize(wall: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a naive wall-clock time, resolving DST changes predictably.

    Ambiguous times (clocks going back) take the first occurrence (``fold=0``); times skipped
    when clocks go forward are moved forward by the size of the gap (02:30 becomes 03:30), which
    is what the round trip through UTC does with zoneinfo's ``fold=0`` offset.
    """
    aware = wall.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone)
