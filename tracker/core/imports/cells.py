"""The cells of a spreadsheet or CSV export turned into values, and the ``--map`` option that
says which column holds which field."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from tracker.core.durations import quote_input
from tracker.core.errors import InputError
from tracker.core.when import DATE_ORDERS, parse_day, parse_when

Cell = str | int | float | date | datetime | None
# A comma starts a new pair only where `field=` follows, so a column may hold commas.
_PAIR_SEPARATOR = re.compile(r",(?=\s*[A-Za-z_]+\s*=)")
_WORD_SEPARATOR = re.compile(r"[,;\s]+")
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+(?:\.0+)?", re.ASCII)
_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])", re.ASCII)
_LONGEST_NUMBER_DIGITS = 18
_AMOUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]*\.?[0-9]+", re.ASCII)
_CLOCK = re.compile(r"(?:([0-9]{1,9}):)?([0-9]{1,2}):([0-9]{2})(?:\.[0-9]+)?", re.ASCII)
_SIXTY = 60
_UNIT_WORDS = (
    (re.compile(r"\b(?:hours?|hrs?|h)\b"), 3600),
    (re.compile(r"\b(?:minutes?|mins?|m)\b"), 60),
    (re.compile(r"\b(?:seconds?|secs?|s)\b"), 1),
)


def parse_mapping(specs: list[str], fields: tuple[str, ...]) -> dict[str, str]:
    """``["title=Case,due=Date"]`` (the option may be repeated) as ``{"title": "Case", ...}``."""
    mapping: dict[str, str] = {}
    for spec in specs:
        for pair in _PAIR_SEPARATOR.split(spec):
            field, equals, column = pair.partition("=")
            name = field.strip().lower()
            if not equals or not name or not column.strip():
                raise InputError(
                    f"Cannot read {quote_input(pair)} in --map; write FIELD=COLUMN pairs, "
                    "e.g. --map title=Case,due=Date."
                )
            if name not in fields:
                raise InputError(
                    f'Unknown field "{field.strip()}" in --map; the fields are {", ".join(fields)}.'
                )
            if name in mapping:
                raise InputError(f"--map gives {name} twice; give each field once.")
            mapping[name] = column.strip()
    return mapping


def text_of(cell: Cell) -> str:
    """A cell as trimmed text; an empty cell is ""."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def words(cell: Cell) -> list[str]:
    """``youtube, tiktok`` or ``a; b c`` as a list of words."""
    return [word for word in _WORD_SEPARATOR.split(text_of(cell)) if word]


def count(cell: Cell, what: str) -> int | None:
    """A whole number such as ``1200``, ``1,200`` or ``1200.0``; None for an empty cell."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer():
            return int(cell)
    else:
        text = text_of(cell)
        if not text:
            return None
        if _COUNT.fullmatch(text) and len(text) <= _LONGEST_NUMBER_DIGITS:
            return int(text.replace(",", "").split(".")[0])
    raise InputError(f"{what} {quote_input(text_of(cell))} is not a whole number")


def day(cell: Cell, now: datetime, date_order: str | None, what: str) -> date | None:
    """A calendar day written with its year (``2026-12-01``, ``1 Dec 2026``, ``01/12/2026`` read
    in the member's date order), or a spreadsheet date; None for an empty cell. Words such as
    ``fri`` or ``tomorrow`` are refused: a file means the same thing whenever it is imported."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = text_of(cell)
    if not text:
        return None
    if _YEAR.search(text):
        try:
            return parse_day(text, now, date_order=date_order, anyway=True)
        except InputError:
            if date_order is None:
                _refuse_ambiguous(text, now, what)
    raise InputError(f"{what} {quote_input(text)} is not a date with its year, such as 2026-12-01")


def _refuse_ambiguous(text: str, now: datetime, what: str) -> None:
    """Refuse a date that either order reads, differently (``04/12/2026``)."""
    readings = set()
    for order in DATE_ORDERS:
        with suppress(InputError):
            readings.add(parse_day(text, now, date_order=order, anyway=True))
    if len(readings) > 1:
        first, second = sorted(readings)
        raise InputError(
            f"{what} {quote_input(text)} could be {first.isoformat()} or {second.isoformat()}; "
            "write it as YYYY-MM-DD, or set date_order in the config"
        )


def moment(text: str, now: datetime, date_order: str | None, what: str) -> datetime:
    """A date with its year and a time of day (``2026-11-20 14:05:00``) in ``now``'s zone."""
    if _YEAR.search(text):
        try:
            return parse_when(text, now, date_order=date_order, anyway=True)
        except InputError:
            pass
    raise InputError(
        f"cannot read the {what} {quote_input(text)} as a date and time such as 2026-11-20 14:05:00"
    )


def unit_in(name: str) -> int | None:
    """The seconds in the unit a column's name gives (``Watch time (hours)``: 3600), if any."""
    lowered = name.lower()
    found = {seconds for pattern, seconds in _UNIT_WORDS if pattern.search(lowered)}
    return found.pop() if len(found) == 1 else None


def seconds_of(cell: Cell | time | timedelta, unit: int | None, what: str) -> int | None:
    """A length of time in whole seconds: a number of units of ``unit`` seconds (``80.5`` hours
    when ``unit`` is 3600), or a clock reading such as ``1:02:03``; None for an empty cell.
    A plain number is refused when ``unit`` is None: it could be hours as well as minutes."""
    if isinstance(cell, timedelta):
        return round(cell.total_seconds())
    if isinstance(cell, time):
        return cell.hour * 3600 + cell.minute * 60 + cell.second
    text = text_of(cell)
    if not text:
        return None
    clock = _CLOCK.fullmatch(text)
    if clock is not None:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        if max(minutes, seconds) < _SIXTY:
            return (hours * _SIXTY + minutes) * _SIXTY + seconds
    number = _amount(cell, text)
    if number is None:
        raise InputError(
            f"{what} {quote_input(text)} is not a length of time such as 80.5 or 1:02:03"
        )
    if unit is None:
        raise InputError(
            f"{what} {quote_input(text)} has no unit; say which with --map watch_hours=COLUMN "
            "(or watch_minutes, watch_seconds)"
        )
    return round(number * unit)


def _amount(cell: Cell, text: str) -> Decimal | None:
    """A number of 0 or more (``80.5``, ``1,234.5``); None for text that is no such number."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:
            number = Decimal(repr(cell))
        except InvalidOperation:
            return None
        return number if number.is_finite() and number >= 0 else None
    if len(text) > _LONGEST_NUMBER_DIGITS * 2 or not _AMOUNT.fullmatch(text):
        return None
    return Decimal(text.replace(",", ""))
