"""Report periods: a week, a month, any range of days, or everything, and the ones before them.

A period is a range of local days ``[first, end)``; the services turn days into instants in
the member's zone. Weeks start on the configured weekday; ``2026-W47`` names the week that
holds the Monday of ISO week 47, so on a Sunday-first setting it begins the day before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tracker.core.errors import InputError
from tracker.core.when import EARLIEST_YEAR, LATEST_YEAR

KINDS = ("week", "month", "days", "all")
_ISO_WEEK = re.compile(r"(?P<year>\d{4})-?W(?P<week>\d{1,2})", re.ASCII | re.IGNORECASE)
_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})", re.ASCII)
WEEK_EXAMPLE = "e.g. 2026-W47"
MONTH_EXAMPLE = "e.g. 2026-11"


@dataclass(frozen=True)
class Period:
    """Local days ``first`` up to (not including) ``end``, and what kind of span they are."""

    kind: str
    first: date
    end: date

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.first).days

    @property
    def label(self) -> str:
        """``2026-W47``, ``2026-11``, or ``2026-11-02 – 2026-11-15``."""
        if self.kind == "week":
            year, week, _ = (
                self.first + timedelta(days=(7 - self.first.weekday()) % 7)
            ).isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return f"{self.first:%Y-%m}"
        if self.days == 1:
            return self.first.isoformat()
        return f"{self.first.isoformat()} – {self.last.isoformat()}"

    def before(self) -> Period:
        """The period of the same kind and length just before this one."""
        if self.kind == "month":
            return replace(self, first=self.first - relativedelta(months=1), end=self.first)
        return replace(self, first=self.first - timedelta(days=self.days), end=self.first)

    def after(self) -> Period:
        """The period of the same kind and length just after this one."""
        if self.kind == "month":
            return replace(self, first=self.end, end=self.end + relativedelta(months=1))
        return replace(self, first=self.end, end=self.end + timedelta(days=self.days))

    def earlier(self, count: int) -> list[Period]:
        """The ``count`` periods before this one, the most recent first."""
        periods: list[Period] = []
        current = self
        for _ in range(count):
            current = current.before()
            periods.append(current)
        return periods


def week_holding(day: date, week_start: int) -> Period:
    """The configured week (0 = Monday) that holds ``day``."""
    first = day - timedelta(days=(day.weekday() - week_start) % 7)
    return Period("week", first, first + timedelta(days=7))


def last_complete_week(today: date, week_start: int) -> Period:
    """The week before the one holding today: the default review."""
    return week_holding(today, week_start).before()


def is_week_number(text: str) -> bool:
    """Whether ``text`` is written as a week number (``2026-W47``), even an impossible one."""
    return _ISO_WEEK.fullmatch(text.strip()) is not None


def parse_week(text: str, week_start: int) -> Period:
    """``2026-W47`` (ISO year and week number) as the configured week holding its Monday."""
    match = _ISO_WEEK.fullmatch(text.strip())
    if match is None:
        raise InputError(f'"{text}" is not a week; give a year and week number, {WEEK_EXAMPLE}.')
    year, week = int(match["year"]), int(match["week"])
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise InputError(
            f"Give a year from {EARLIEST_YEAR} to {LATEST_YEAR} in a week number, {WEEK_EXAMPLE}."
        )
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        weeks = date(year, 12, 28).isocalendar().week
        raise InputError(
            f"{year} has weeks 1 to {weeks}; there is no week {week}, {WEEK_EXAMPLE}."
        ) from None
    return week_holding(monday, week_start)


def parse_month(text: str) -> Period:
    """``2026-11``: the whole calendar month."""
    match = _MONTH.fullmatch(text.strip())
    if match is None or not 1 <= int(match["month"]) <= 12:
        raise InputError(f'"{text}" is not a month; give a year and month, {MONTH_EXAMPLE}.')
    first = date(int(match["year"]), int(match["month"]), 1)
    return Period("month", first, first + relativedelta(months=1))


def days_between(first: date, last: date) -> Period:
    """The days from ``first`` to ``last``, both included."""
    if last < first:
        raise InputError(
            f"The period ends ({last.isoformat()}) before it starts ({first.isoformat()}); "
            "give --from the earlier day."
        )
    return Period("days", first, last + timedelta(days=1))
