"""Who is working, where, and what time it is: what every service call needs to know."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.config import Settings
from tracker.core.when import Reading

MOMENT = "%a %d %b %H:%M"
MOMENT_WITH_YEAR = "%a %d %b %Y %H:%M"
CLOCK = "%H:%M"


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    """The member acting, their settings and zone, and an injectable clock (tests never sleep)."""

    member_id: uuid.UUID
    settings: Settings
    zone: ZoneInfo
    clock: Callable[[], datetime] = field(default=system_clock)

    def now(self) -> datetime:
        """The current instant in the member's zone."""
        return self.clock().astimezone(self.zone)

    def reading(self, *, anyway: bool = False) -> Reading:
        """How this member's typed dates are read (``parse_when(text, now, **reading)``)."""
        return {"date_order": self.settings.date_order, "anyway": anyway}

    def today(self) -> date:
        return self.now().date()

    def shown(self, moment: datetime, pattern: str | None = None) -> str:
        """An instant as the member reads it, in their zone: ``Wed 25 Nov 14:00``, with the
        year when it is not this year's (``Tue 24 Nov 2026 14:00``)."""
        local = moment.astimezone(self.zone)
        if pattern is None:
            pattern = MOMENT if local.year == self.now().year else MOMENT_WITH_YEAR
        return local.strftime(pattern)

    def end_shown(self, start: datetime, end: datetime | None) -> str:
        """The end of a span: its clock time on the start's day, else its date too; a span
        without an end (a running timer) ends ``now``."""
        if end is None:
            return "now"
        same_day = start.astimezone(self.zone).date() == end.astimezone(self.zone).date()
        return self.shown(end, CLOCK) if same_day else self.shown(end)

    def span(self, start: datetime, end: datetime | None) -> str:
        """``Wed 25 Nov 14:00–15:30``, or ``Sat 28 Nov 00:00 – Mon 30 Nov 00:00``."""
        until = self.end_shown(start, end)
        joiner = " – " if " " in until else "–"  # a whole date on either side gets room
        return f"{self.shown(start)}{joiner}{until}"

    def day_start(self, day: date) -> datetime:
        """Local midnight at the start of ``day``, as an aware instant."""
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.day_start(day), self.day_start(day + timedelta(days=1))

    def week_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The configured week (Monday-first by default) holding ``day``."""
        first = day - timedelta(days=(day.weekday() - self.settings.week_start) % 7)
        return self.day_start(first), self.day_start(first + timedelta(days=7))
