"""Read and write lengths of time the way people type them at a terminal.

Creators log work as ``90m``, ``1h30``, ``1.5h`` or ``1:30``; this module turns those into
``timedelta`` values and back, so the CLI, the TUI and reports all agree on one spelling.
Pure functions only: no clock, no I/O.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from tracker.core.errors import InputError, one_line

__all__ = [
    "MAX_DURATION",
    "MAX_VIDEO_LENGTH",
    "format_duration",
    "format_hours",
    "format_seconds",
    "format_video_length",
    "hours_number",
    "parse_duration",
    "parse_video_length",
    "quote_input",
]

#: A single entry longer than this is almost certainly a typo (``230`` meant as ``2h30``).
MAX_DURATION = timedelta(hours=24)

_EXAMPLES = "try 90m, 1h30, 1.5h or 1:30"
_MINUTE = timedelta(minutes=1)
_MAX_MINUTES = MAX_DURATION // _MINUTE
_QUOTE_LIMIT = 40
# The longest sensible spelling ("23 hours 59 minutes") is far shorter; the cap also keeps
# huge digit strings away from int() and Decimal rounding.
_LONGEST_INPUT = 40

# ASCII digits only: other scripts' digits (which \d matches by default) are not promised.
_CLOCK = re.compile(r"(?P<hours>\d+):(?P<minutes>\d{2})", re.ASCII)
_BARE_MINUTES = re.compile(r"\d+", re.ASCII)
_BARE_DECIMAL = re.compile(r"\d*\.\d+", re.ASCII)
_UNITS = re.compile(
    r"(?:(?P<hours>\d+(?:\.\d+)?|\.\d+)\s*(?:hours|hour|hrs|hr|h))?"
    r"\s*"
    r"(?:(?P<minutes>\d+)\s*(?P<minute_unit>minutes|minute|mins|min|m)?)?",
    re.ASCII,
)


#: The longest video length we accept; past it a figure is a typo (``3:30:00`` for ``3:30``).
MAX_VIDEO_LENGTH = 24 * 60 * 60

_VIDEO_EXAMPLES = "try 59s, 3m30s, 3:30 or 1:02:03"
# A unit-free number that follows another part counts the next smaller unit ("3m30", "1h30").
_VIDEO_UNITS: dict[str, int] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), 3600),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), 1),
}
_VIDEO_PART = re.compile(r"(?P<number>\d{1,5}) ?(?P<unit>[a-z]*) ?", re.ASCII)
_VIDEO_MINUTES_SECONDS = re.compile(r"(?P<minutes>\d{1,4}):(?P<seconds>\d{2})", re.ASCII)
_VIDEO_HOURS_MINUTES_SECONDS = re.compile(
    r"(?P<hours>\d{1,2}):(?P<minutes>\d{2}):(?P<seconds>\d{2})", re.ASCII
)


def quote_input(text: str) -> str:
    """Quote what the user typed for an error message, kept on one short line.

    Control characters and line breaks are escaped so a message never spans lines, and very
    long input is cut so the hint after it stays visible. Shared with ``when.py``.
    """
    shown = one_line(text)
    if len(shown) > _QUOTE_LIMIT:
        shown = shown[: _QUOTE_LIMIT - 1] + "…"
    return f'"{shown}"'


def parse_duration(text: str) -> timedelta:
    """Read a positive duration of at most 24 hours, rounded to the nearest minute.

    Accepted: ``90m``, ``45`` (bare number = minutes), ``2h``, ``1h30``, ``1h30m``, ``2h 15m``,
    ``1.5h`` / ``1,5h``, ``1:30`` (h:mm) and the words min(s), minute(s), hr(s), hour(s).
    Raises ``InputError`` with a one-line message saying how to write it instead.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_duration expects str, got {type(text).__name__}")
    cleaned = text.strip().lower().replace(",", ".")
    if cleaned.startswith("-"):
        raise InputError(
            f"Duration {quote_input(text)} is negative: give how long you worked, {_EXAMPLES}."
        )
    minutes = _read_minutes(text, cleaned)
    if minutes > _MAX_MINUTES:
        raise InputError(
            f"Duration {quote_input(text)} is longer than 24h, surely a typo: {_EXAMPLES}."
        )
    whole = int(minutes.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if whole <= 0:
        raise InputError(f"Duration {quote_input(text)} is zero: give at least 1m, {_EXAMPLES}.")
    return timedelta(minutes=whole)


def _read_minutes(text: str, cleaned: str) -> Decimal:
    """Total minutes in ``cleaned`` (lower-cased, decimal comma replaced), possibly fractional."""
    if len(cleaned) > _LONGEST_INPUT:
        raise InputError(f"Cannot read {quote_input(text)} as a duration: {_EXAMPLES}.")
    if match := _CLOCK.fullmatch(cleaned):
        hours, minutes = int(match["hours"]), int(match["minutes"])
        _check_minutes_after_hours(text, hours, minutes)
        return Decimal(hours * 60 + minutes)
    if _BARE_MINUTES.fullmatch(cleaned):
        return Decimal(cleaned)
    if _BARE_DECIMAL.fullmatch(cleaned):
        raise InputError(
            f"Cannot read {quote_input(text)} as a duration: a bare number counts minutes, "
            f"so say {cleaned}h for hours; {_EXAMPLES}."
        )
    match = _UNITS.fullmatch(cleaned)
    # A bare number was handled above, so here the hours or a minute unit must be present;
    # this also rejects the empty string and lone whitespace.
    if match is None or (match["hours"] is None and match["minute_unit"] is None):
        raise InputError(f"Cannot read {quote_input(text)} as a duration: {_EXAMPLES}.")
    decimal_hours = Decimal(match["hours"] or 0)
    minutes = int(match["minutes"] or 0)
    if match["hours"] is not None and match["minutes"] is not None:
        if decimal_hours != decimal_hours.to_integral_value():
            raise InputError(
                f"Cannot read {quote_input(text)} as a duration: use either decimal hours "
                f"or hours and minutes, {_EXAMPLES}."
            )
        _check_minutes_after_hours(text, int(decimal_hours), minutes)
    return decimal_hours * 60 + minutes


def _check_minutes_after_hours(text: str, hours: int, minutes: int) -> None:
    """Reject ``1h75`` / ``1:75``: after hours, minutes only go up to 59."""
    if minutes <= 59:
        return
    total = hours * 60 + minutes
    if total <= _MAX_MINUTES:
        hint = f"did you mean {format_duration(timedelta(minutes=total))}?"
    else:
        hint = f"{_EXAMPLES}."
    raise InputError(
        f"Cannot read {quote_input(text)} as a duration: minutes after the hours go up to 59; "
        + hint
    )


def format_duration(delta: timedelta) -> str:
    """Show a duration as ``1h30m``, ``45m`` or ``2h``, rounded to the nearest minute.

    The output is what ``parse_duration`` reads back, so it is safe to put in edit forms.
    """
    minutes = _whole_minutes(delta)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours}h{minutes}m"
    if hours:
        return f"{hours}h"
    return f"{minutes}m"


def format_seconds(seconds: float) -> str:
    """``format_duration`` for a number of seconds, as sums from the database come."""
    return format_duration(timedelta(seconds=round(max(seconds, 0))))


def format_hours(delta: timedelta) -> str:
    """Show a duration as decimal hours with one decimal (``1.5h``), the way invoices count."""
    if delta < timedelta(0):
        raise ValueError(f"cannot format a negative duration: {delta!r}")
    return f"{hours_number(delta / timedelta(hours=1))}h"


def hours_number(hours: float) -> str:
    """A number of hours with one decimal, rounded half up (``7.25`` shows ``7.3``).

    Every view that prints hours as a number goes through here, so a card, a chart's table
    and a report never round the same figure two ways.
    """
    return str(Decimal(repr(hours)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _whole_minutes(delta: timedelta) -> int:
    """Round a non-negative duration half up to whole minutes."""
    if delta < timedelta(0):
        raise ValueError(f"cannot format a negative duration: {delta!r}")
    microseconds = delta // timedelta(microseconds=1)
    return (microseconds + 30_000_000) // 60_000_000


def parse_video_length(text: str) -> int:
    """Read how long a published video runs, in whole seconds (1 s to 24 h).

    Accepted: ``59s``, ``59 sec``, ``45 seconds``, ``3m``, ``12 min``, ``3m30s``, ``3m30``,
    ``1h2m3s``, ``1h02m03s``, ``3:30`` (m:ss) and ``1:02:03`` (h:mm:ss). A bare number is
    refused: unlike a work duration, a video runs seconds as often as minutes, so ``45`` could
    be either. Raises ``InputError`` with a one-line message saying how to write it instead.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_video_length expects str, got {type(text).__name__}")
    cleaned = " ".join(text.lower().split())
    if not cleaned or len(cleaned) > _LONGEST_INPUT or not cleaned.isascii():
        raise _video_error(text)
    seconds = _read_video_seconds(text, cleaned)
    if seconds <= 0:
        raise InputError(f"Video length {quote_input(text)} is zero: {_VIDEO_EXAMPLES}.")
    if seconds > MAX_VIDEO_LENGTH:
        raise InputError(
            f"Video length {quote_input(text)} is longer than 24h, surely a typo: "
            f"{_VIDEO_EXAMPLES}."
        )
    return seconds


def format_video_length(seconds: int) -> str:
    """Show a video length as ``59s``, ``3m30s``, ``3m`` or ``1h02m03s``.

    The output is what ``parse_video_length`` reads back (for 1 s to 24 h), so it is safe to put
    in edit forms; minutes and seconds after a larger unit are padded so lengths line up.
    """
    if seconds < 0:
        raise ValueError(f"cannot format a negative video length: {seconds!r}")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        shown = f"{hours}h"
        if minutes or secs:
            shown += f"{minutes:02}m"
        return shown + (f"{secs:02}s" if secs else "")
    if minutes:
        return f"{minutes}m" + (f"{secs:02}s" if secs else "")
    return f"{secs}s"


def _read_video_seconds(text: str, cleaned: str) -> int:
    """Total seconds in ``cleaned`` (lower-cased, spaces collapsed), before the range check."""
    if match := _VIDEO_HOURS_MINUTES_SECONDS.fullmatch(cleaned):
        hours, minutes, seconds = (int(match[name]) for name in ("hours", "minutes", "seconds"))
        return _video_total(text, [hours * 3600, minutes * 60, seconds], [minutes, seconds])
    if match := _VIDEO_MINUTES_SECONDS.fullmatch(cleaned):
        minutes, seconds = int(match["minutes"]), int(match["seconds"])
        return _video_total(text, [minutes * 60, seconds], [seconds])
    parts: list[tuple[int, str]] = []
    position = 0
    while position < len(cleaned):
        match = _VIDEO_PART.match(cleaned, position)
        if match is None:
            raise _video_error(text)
        parts.append((int(match["number"]), match["unit"]))
        position = match.end()
    if len(parts) == 1 and parts[0][1] == "":
        number = parts[0][0]
        raise _video_error(text, f"a bare number is ambiguous, say {number}s or {number}m")
    amounts: list[int] = []
    previous: int | None = None  # the size of the previous part's unit, in seconds
    for index, (number, unit) in enumerate(parts):
        if unit:
            size = _VIDEO_UNITS.get(unit)
        elif previous is not None and previous > 1 and index == len(parts) - 1:
            size = previous // 60  # "3m30" is 3m30s, "1h30" is 1h30m
        else:
            size = None
        if size is None or (previous is not None and size >= previous):
            raise _video_error(text)
        amounts.append(number * size)
        previous = size
    return _video_total(text, amounts, [number for number, _ in parts[1:]])


def _video_total(text: str, amounts: list[int], after_larger: list[int]) -> int:
    """The sum of ``amounts``; refuses ``3m75s`` or ``3:75``, likely typos, with the sum shown."""
    total = sum(amounts)
    if all(number < 60 for number in after_larger):
        return total
    reason = "after hours or minutes, minutes and seconds go up to 59"
    if 0 < total <= MAX_VIDEO_LENGTH:
        raise InputError(
            f"Cannot read {quote_input(text)} as a video length: {reason}; "
            f"did you mean {format_video_length(total)}?"
        )
    raise _video_error(text, reason)


def _video_error(text: str, reason: str = "") -> InputError:
    detail = f": {reason}; " if reason else ": "
    return InputError(
        f"Cannot read {quote_input(text)} as a video length{detail}{_VIDEO_EXAMPLES}."
    )
