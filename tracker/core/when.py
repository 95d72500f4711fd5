"""Read points in time the way people type them at a terminal.

``--at yesterday 21:00``, ``--due fri``, ``--start -2h`` or ``--day 2026-11-20``: this module turns
such words into time-zone-aware datetimes in the user's zone. It never reads the clock itself;
callers pass ``now`` so the same text always means the same moment in tests and in the app.

The grammar is our own and strict: a logged hour must be the hour the person meant, so text that
is not clearly a time is refused with a hint rather than guessed at, day/month order is never
guessed, and a date that is readable but implausible (a typo'd year) needs confirming.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import TypedDict

from tracker.core.durations import parse_duration, quote_input
from tracker.core.errors import InputError, UnlikelyDateError

__all__ = ["DATE_ORDERS", "Reading", "parse_day", "parse_due", "parse_when"]

#: Values of the ``date_order`` setting: how to read numeric dates such as ``3/4/2026``.
DATE_ORDERS = ("dmy", "mdy")

_TIME_EXAMPLES = "try now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00 or -2h"
_DAY_EXAMPLES = "try today, yesterday, mon, last fri, 2026-11-20 or -3d"

# Years outside these cannot be meant at all; years inside but before PLAUSIBLE_START or more
# than PLAUSIBLE_AHEAD from now are probably typos and need ``anyway``.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
PLAUSIBLE_START = date(2000, 1, 1)
PLAUSIBLE_AHEAD = timedelta(days=366)
# Nothing we read legitimately gets this long; it also keeps huge digit strings from int().
_LONGEST_INPUT = 64

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
# Every way a weekday is typed (monday, mon, tues, thurs...), to its number (0 = Monday).
WEEKDAY_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
_MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _alternatives(words: dict[str, int]) -> str:
    """A regex alternation trying longer words first, so ``thurs`` is not read as ``thu``."""
    return "|".join(sorted(words, key=len, reverse=True))


# Input is lower-cased, its whitespace collapsed to single spaces and checked to be ASCII before
# matching, so \d is 0-9 and a space is " ".
_WEEKDAY = _alternatives(WEEKDAY_NUMBERS)
_MONTH = _alternatives(_MONTHS)
_RELATIVE_WEEKDAY = re.compile(rf"(?:(?P<relation>last|next) )?(?P<weekday>{_WEEKDAY})")
_WEEKDAY_PREFIX = re.compile(rf"(?:(?P<weekday>{_WEEKDAY}),? )?(?P<date>.+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ISO_MOMENT = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[t ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,6}))?)?"
    r"(?P<offset>z|(?P<sign>[+-])(?P<off_hours>\d{2})(?::?(?P<off_minutes>\d{2}))?)?",
    re.ASCII,
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMED_DATE = re.compile(
    rf"(?:(?P<day1>\d{{1,2}}){_ORDINAL} (?P<month1>{_MONTH})\.?"
    rf"|(?P<month2>{_MONTH})\.? (?P<day2>\d{{1,2}}){_ORDINAL})"
    r"(?:,? (?P<year>\d{4}))?",
    re.ASCII,
)
_NUMERIC_DATE = re.compile(
    r"(?P<first>\d{1,4})(?P<sep>[/.-])(?P<second>\d{1,2})(?:(?P=sep)(?P<third>\d{1,4}))?",
    re.ASCII,
)
_CLOCK = re.compile(
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"(?: ?(?P<ampm>am|pm|a\.m\.|p\.m\.))?",
    re.ASCII,
)
_SIGNED_OFFSET = re.compile(r"(?P<sign>[+-]) ?(?P<amount>.+)", re.ASCII)
_AGO = re.compile(r"(?P<amount>.+?) ago", re.ASCII)
_DAYS = re.compile(r"(?P<days>\d{1,5}) ?(?:days|day|d)", re.ASCII)


class _Unreadable(Exception):
    """Internal: the text is not a time we understand; ``reason`` adds a hint when we know one."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


def parse_when(
    text: str,
    now: datetime,
    *,
    past: bool = True,
    date_order: str | None = None,
    anyway: bool = False,
) -> datetime:
    """Read a point in time typed by the user, relative to ``now``, in ``now``'s time zone.

    Accepted: ``now``; a time ``14:00``, ``14:00:15``, ``9pm``, ``9:30 am`` (today); a day
    ``today``/``yesterday``/``tomorrow``, ``[last|next] fri``, ``2026-11-20``, ``nov 20``,
    ``20 nov``, ``20 november 2026``, ``nov 20, 2026``, ``fri 20 nov`` or ``20/11/2026``,
    optionally followed by ``[at] TIME`` (midnight without one); ISO ``2026-11-20T14:00`` with or
    without an offset; offsets ``-2h``, ``+30m``, ``90m ago``, ``-3d``, ``3 days ago``.

    A date without a year is in ``now``'s year, even if that day has passed (keep it simple and
    predictable). ``past=True`` (logging work) makes a bare weekday the most recent such day,
    today included; ``past=False`` (due dates) the next one, today included. A bare hour
    (``9``) is read only after ``today``/``yesterday``/``tomorrow`` or ``at``; elsewhere it could be
    a day or a year. Numeric dates are read day-first or month-first only when ``date_order``
    (``"dmy"``/``"mdy"``) says so or when one reading is not a real date. A wall-clock time that
    occurs twice on a DST change means the first occurrence; one skipped by DST moves forward.

    Raises ``InputError`` with a one-line message giving examples that work, and its subclass
    ``UnlikelyDateError`` for a moment before 2000 or over a year after ``now`` unless
    ``anyway`` is true.
    """
    _require_aware(now)
    _require_date_order(date_order)
    try:
        return _parse(text, now, past=past, date_order=date_order, anyway=anyway)
    except _Unreadable as error:
        raise InputError(_message(text, "a time", error.reason, _TIME_EXAMPLES)) from None


def parse_day(
    text: str, now: datetime, *, date_order: str | None = None, anyway: bool = False
) -> date:
    """Read a calendar day (``today``, ``mon``, ``last fri``, ``2026-11-20``, ``-3d``...).

    The same words as ``parse_when`` with only the date kept, as seen in ``now``'s time zone,
    for options such as ``--day`` and ``--week`` that name a day rather than a moment.
    """
    _require_aware(now)
    _require_date_order(date_order)
    try:
        return _parse(text, now, past=True, date_order=date_order, anyway=anyway).date()
    except _Unreadable as error:
        raise InputError(_message(text, "a day", error.reason, _DAY_EXAMPLES)) from None


class Reading(TypedDict, total=False):
    """How a person's dates are read: their day/month order, and whether they confirmed an
    unlikely date. Passed on as ``**reading`` by the faces that gather it."""

    date_order: str | None
    anyway: bool


def parse_due(
    text: str, now: datetime, *, date_order: str | None = None, anyway: bool = False
) -> date:
    """Read a due date: looking ahead, so a weekday means the coming one (today included)."""
    return parse_when(text, now, past=False, date_order=date_order, anyway=anyway).date()


def shift(moment: datetime, delta: timedelta) -> datetime:
    """``moment`` moved by a real stretch of time, in its own zone.

    Python adds a timedelta to a zoned time by its wall clock, which is an hour off across a
    change of clocks; going through UTC keeps the hours real.
    """
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def _require_aware(now: datetime) -> None:
    """A naive ``now`` is a programming error: every caller knows the user's zone."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be time-zone aware, got {now!r}")


def _require_date_order(date_order: str | None) -> None:
    """A bad ``date_order`` is the config's job to refuse; here it is a programming error."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {DATE_ORDERS} or None, got {date_order!r}")


def _message(text: str, what: str, reason: str, examples: str) -> str:
    detail = f" ({reason})" if reason else ""
    return f"Cannot read {quote_input(text)} as {what}{detail}: {examples}."


def _parse(
    text: str, now: datetime, *, past: bool, date_order: str | None, anyway: bool
) -> datetime:
    cleaned = " ".join(text.lower().split())
    if not cleaned or len(cleaned) > _LONGEST_INPUT or not cleaned.isascii():
        raise _Unreadable()
    reader = _Reader(text, cleaned, now, past=past, date_order=date_order)
    try:
        moment = reader.read()
    except OverflowError:
        raise _Unreadable("that is too far away") from None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise _Unreadable(f"give a year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    if not anyway:
        _check_plausible(moment, now)
    return moment


def _check_plausible(moment: datetime, now: datetime) -> None:
    """Refuse a moment that is readable but most likely a typo (``2152`` for ``2025``)."""
    if moment.date() < PLAUSIBLE_START:
        raise UnlikelyDateError(f"{moment.date().isoformat()} is before {PLAUSIBLE_START.year}")
    if moment - now > PLAUSIBLE_AHEAD:
        raise UnlikelyDateError(f"{moment.date().isoformat()} is over a year ahead")


@dataclass(frozen=True)
class _Day:
    """A day read from text; ``kind`` says what may follow it (a bare hour, a year hint)."""

    value: date
    kind: str  # "word" (today...), "weekday", "named" (nov 20) or "date" (ISO or numeric)


@dataclass(frozen=True)
class _Clock:
    """A time of day as typed, not yet checked for range."""

    hour: int
    minute: int
    second: int
    ampm: str | None
    bare: bool  # just an hour: no minutes and no am/pm


class _Reader:
    """Reads one cleaned text against ``now``; a class only to avoid passing five arguments."""

    def __init__(
        self, text: str, cleaned: str, now: datetime, *, past: bool, date_order: str | None
    ) -> None:
        self.text = text
        self.cleaned = cleaned
        self.now = now
        zone = now.tzinfo
        assert zone is not None  # checked by _require_aware
        self.zone: tzinfo = zone
        self.past = past
        self.date_order = date_order

    def read(self) -> datetime:
        cleaned = self.cleaned
        if cleaned == "now":
            return self.now
        relative = self._relative()
        if relative is not None:
            return relative
        if match := _ISO_MOMENT.fullmatch(cleaned):
            return self._iso_moment(match)
        if clock := _read_clock(cleaned):
            if clock.bare:
                raise _Unreadable(_bare_number_reason(cleaned))
            return self._at(self.now.date(), clock)
        if day := self._day(cleaned):
            return localize(datetime.combine(day.value, time(0)), self.zone)
        tokens = cleaned.split(" ")
        for size in (1, 2):  # "9pm" or "9 pm" at the end
            if len(tokens) <= size:
                break
            head, tail = " ".join(tokens[:-size]), " ".join(tokens[-size:])
            clock = _read_clock(tail)
            if clock is None:
                continue
            after_at = head.endswith(" at")
            if after_at:
                head = head.removesuffix(" at")
            if (day := self._day(head)) is None:
                continue
            if clock.bare and not after_at and day.kind != "word":
                raise _Unreadable(self._bare_hour_reason(head, day, tail))
            return self._at(day.value, clock)
        if _looks_like_duration(cleaned):
            raise _Unreadable(f"for a time in the past say -{cleaned} or {cleaned} ago")
        raise _Unreadable()

    def _at(self, day: date, clock: _Clock) -> datetime:
        return localize(datetime.combine(day, _check_clock(clock)), self.zone)

    def _relative(self) -> datetime | None:
        """``-2h``, ``+30m``, ``90m ago``, ``-3d``, ``3 days ago``; ``None`` if not that shape.

        Hours and minutes count elapsed time (``-2h`` across a DST change is still two hours
        ago); days count calendar days at the same wall-clock time, as people mean "3 days ago".
        """
        if match := _SIGNED_OFFSET.fullmatch(self.cleaned):
            sign = -1 if match["sign"] == "-" else 1
            amount = match["amount"]
        elif match := _AGO.fullmatch(self.cleaned):
            sign = -1
            amount = match["amount"]
        else:
            return None
        if days := _DAYS.fullmatch(amount):
            wall = self.now.replace(tzinfo=None) + sign * timedelta(days=int(days["days"]))
            return localize(wall, self.zone)
        try:
            delta = parse_duration(amount)
        except InputError as error:
            # parse_duration caps lengths at 24h; past that, days say it without a typo risk.
            too_long = "longer than 24h" in str(error)
            reason = "for more than 24 hours count days, e.g. -3d" if too_long else ""
            raise _Unreadable(reason) from None
        return shift(self.now, sign * delta)

    def _iso_moment(self, match: re.Match[str]) -> datetime:
        """``2026-11-20T14:00[:15[.5]]``, with an offset (``Z``, ``+01:00``) or without."""
        day = _iso_date(match["date"])
        clock = _check_clock(
            _Clock(int(match["hour"]), int(match["minute"]), int(match["second"] or 0), None, False)
        )
        fraction = match["fraction"] or ""
        clock = clock.replace(microsecond=int(fraction.ljust(6, "0")) if fraction else 0)
        if not match["offset"]:
            return localize(datetime.combine(day, clock), self.zone)
        offset = timedelta(0)
        if match["sign"]:
            hours, minutes = int(match["off_hours"]), int(match["off_minutes"] or 0)
            if hours > 23 or minutes > 59:
                raise _Unreadable("an offset goes from -23:59 to +23:59")
            offset = (-1 if match["sign"] == "-" else 1) * timedelta(hours=hours, minutes=minutes)
        return datetime.combine(day, clock, tzinfo=timezone(offset)).astimezone(self.zone)

    def _day(self, text: str) -> _Day | None:
        """The day named by ``text``, or ``None`` if it is not shaped like a day at all.

        Raises ``_Unreadable`` (or ``InputError`` with a full message) when it is shaped like a
        day but is not one: ``31 nov``, ``3/4`` with both readings possible, ``thu 20 nov``.
        """
        today = self.now.date()
        if text in _DAY_WORDS:
            return _Day(today + timedelta(days=_DAY_WORDS[text]), "word")
        if match := _RELATIVE_WEEKDAY.fullmatch(text):
            return _Day(
                self._weekday(match["relation"], WEEKDAY_NUMBERS[match["weekday"]]), "weekday"
            )
        match = _WEEKDAY_PREFIX.fullmatch(text)
        assert match is not None  # the prefix is optional and the rest takes anything
        found = self._date(match["date"])
        if found is None:
            return None
        if match["weekday"] is not None:
            _check_weekday(found.value, WEEKDAY_NUMBERS[match["weekday"]], match["date"])
        return found

    def _weekday(self, relation: str | None, weekday: int) -> date:
        """A weekday: ``last`` and ``next`` skip today; a bare one looks back or ahead."""
        today = self.now.date()
        back = (today.weekday() - weekday) % 7
        ahead = (weekday - today.weekday()) % 7
        if relation == "last":
            return today - timedelta(days=back or 7)
        if relation == "next":
            return today + timedelta(days=ahead or 7)
        return today - timedelta(days=back) if self.past else today + timedelta(days=ahead)

    def _date(self, text: str) -> _Day | None:
        """An explicit date: ISO, with a month name, or numeric; ``None`` if none of those."""
        if _ISO_DATE.fullmatch(text):
            return _Day(_iso_date(text), "date")
        if match := _NAMED_DATE.fullmatch(text):
            month = _MONTHS[match["month1"] or match["month2"]]
            day = int(match["day1"] or match["day2"])
            year = int(match["year"]) if match["year"] else self.now.year
            return _Day(_named_date(year, month, day), "named")
        if match := _NUMERIC_DATE.fullmatch(text):
            found = self._numeric_date(match)
            return None if found is None else _Day(found, "date")
        return None

    def _numeric_date(self, match: re.Match[str]) -> date | None:
        """``20/11``, ``3/4/2026``, ``3.4.2026``, ``03-04-2026``: day/month order never guessed."""
        first, separator, second, third = (
            match["first"],
            match["sep"],
            match["second"],
            match["third"],
        )
        if len(first) == 4:  # 2026/11/20: year first is unambiguous, but we have one spelling
            if third is None or len(third) > 2:
                return None
            iso = f"{first}-{int(second):02}-{int(third):02}"
            raise _Unreadable(f"write {iso}")
        if len(first) > 2 or (third is None and separator != "/"):
            return None  # 20.11 looks like a decimal, 03-04 like a range
        if third is None:
            year = self.now.year
        elif len(third) == 4:
            year = int(third)
        elif len(third) <= 2:
            full = _full_year(int(third), self.now.year)
            example = f"{first}{separator}{second}{separator}{full}"
            raise InputError(
                f"Cannot read {quote_input(self.text)} as a date: write the year with four "
                f"digits, e.g. {example}."
            )
        else:
            return None
        a, b = int(first), int(second)
        day_first, month_first = _real_date(year, b, a), _real_date(year, a, b)
        if self.date_order == "dmy" or (self.date_order is None and month_first is None):
            if day_first is None:
                raise _Unreadable(_no_such_date(year, b, a))
            return day_first
        if self.date_order == "mdy" or day_first is None or day_first == month_first:
            if month_first is None:
                raise _Unreadable(_no_such_date(year, a, b))
            return month_first
        assert day_first is not None and month_first is not None  # both real: ask which
        date_text = match[0]
        readings = [
            self.cleaned.replace(date_text, d.isoformat(), 1) for d in (day_first, month_first)
        ]
        raise InputError(
            f"Cannot read {quote_input(self.text)} as a date: is it {a} {_MONTH_NAMES[b - 1]} "
            f"or {b} {_MONTH_NAMES[a - 1]}? Write {readings[0]} or {readings[1]}, "
            "or set date_order in the config."
        )

    def _bare_hour_reason(self, head: str, day: _Day, tail: str) -> str:
        """Why ``fri 20`` or ``nov 20 26`` is refused, with the spellings that would work."""
        number = int(tail)
        hints = []
        if day.kind == "named" and len(tail) == 2:
            hints.append(f"{head} {_full_year(number, self.now.year)} for a year")
        if number <= 23:
            hints.append(f"{head} {number}:00 or {head} at {number} for a time")
        if day.kind == "weekday" and 1 <= number <= 31:
            month = _MONTH_NAMES[self.now.month - 1][:3].lower()
            hints.append(f"{head} {number} {month} for a date")
        return "say " + "; ".join(hints) if hints else ""


def _read_clock(text: str) -> _Clock | None:
    """``9``, ``9:30``, ``21:00:15``, ``9pm``, ``9:30 am`` as typed; ``None`` if not that shape."""
    match = _CLOCK.fullmatch(text)
    if match is None:
        return None
    return _Clock(
        hour=int(match["hour"]),
        minute=int(match["minute"] or 0),
        second=int(match["second"] or 0),
        ampm=match["ampm"],
        bare=match["minute"] is None and match["ampm"] is None,
    )


def _check_clock(clock: _Clock) -> time:
    """The time of day ``clock`` names, or ``_Unreadable`` saying which part is out of range."""
    hour = clock.hour
    if clock.ampm:
        if not 1 <= hour <= 12:
            raise _Unreadable("with am/pm the hour goes from 1 to 12")
        hour = hour % 12 + (12 if clock.ampm.startswith("p") else 0)
    elif hour > 23:
        raise _Unreadable("the hour goes from 0 to 23")
    if clock.minute > 59 or clock.second > 59:
        raise _Unreadable("minutes and seconds go from 0 to 59")
    return time(hour, clock.minute, clock.second)


def _iso_date(text: str) -> date:
    """A ``2026-11-20`` date, refusing one whose month or day is out of range."""
    year, month, day = (int(part) for part in text.split("-"))
    if year == 0:
        raise _Unreadable(f"give a year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    found = _real_date(year, month, day)
    if found is None:
        raise _Unreadable("the month goes from 01 to 12 and the day must exist")
    return found


def _named_date(year: int, month: int, day: int) -> date:
    """A date written with a month name, refusing ``31 nov`` or ``29 feb 2026``."""
    if year == 0:
        raise _Unreadable(f"give a year from {EARLIEST_YEAR} to {LATEST_YEAR}")
    found = _real_date(year, month, day)
    if found is None:
        raise _Unreadable(_no_such_date(year, month, day))
    return found


def _real_date(year: int, month: int, day: int) -> date | None:
    """The date, or ``None`` if there is no such day (month 13, 30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _no_such_date(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    return f"{_MONTH_NAMES[month - 1]} {year} has no day {day}"


def _full_year(two_digits: int, this_year: int) -> int:
    """The year a two-digit year most likely abbreviates: the one nearest to this year."""
    century = this_year // 100 * 100
    candidates = (century - 100 + two_digits, century + two_digits, century + 100 + two_digits)
    return min(candidates, key=lambda year: abs(year - this_year))


def _check_weekday(day: date, weekday: int, date_text: str) -> None:
    """``thu 20 nov`` when the 20th is a Friday is a typo in one of the two: ask which."""
    if day.weekday() != weekday:
        actual = WEEKDAY_NAMES[day.weekday()]
        raise _Unreadable(
            f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year} is a {actual}, "
            f"not a {WEEKDAY_NAMES[weekday]}; say {actual[:3].lower()} {date_text} "
            f"or just {date_text}"
        )


def _bare_number_reason(cleaned: str) -> str:
    """``9`` alone could be 9 o'clock, 9 minutes or the 9th: say which spellings are clear."""
    number = int(cleaned)
    if number <= 23:
        return f"say {number}:00 or today {number} for a time"
    if _looks_like_duration(cleaned):
        return f"for minutes ago say -{number}m or {number}m ago"
    return ""


def _looks_like_duration(cleaned: str) -> bool:
    """``2h`` on its own is a length, not a moment: the person meant ``-2h`` or ``2h ago``."""
    try:
        parse_duration(cleaned)
    except InputError:
        return False
    return True


def localize(wall: datetime, zone: tzinfo) -> datetime:
    """Attach ``zone`` to a naive wall-clock time, resolving DST changes predictably.

    Ambiguous times (clocks going back) take the first occurrence (``fold=0``); times skipped
    when clocks go forward are moved forward by the size of the gap (02:30 becomes 03:30), which
    is what the round trip through UTC does with zoneinfo's ``fold=0`` offset.
    """
    aware = wall.replace(tzinfo=zone, fold=0)
    return aware.astimezone(UTC).astimezone(zone)
