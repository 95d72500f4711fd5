"""Who is working, where, and what time it is: what every service call needs to know."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.config import Settings

MOMENT = "%a %d %b %H:%M"


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

    def shown(self, moment: datetime, pattern: str = MOMENT) -> str:
        """An instant as the member reads it: in their zone, ``Wed 25 Nov 14:00`` by default."""
        return moment.astimezone(self.zone).strftime(pattern)

    def day_start(self, day: date) -> datetime:
        """Local midnight at the start of ``day``, as an aware instant."""
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        return self.day_start(day), self.day_start(day + timedelta(days=1))

    def week_bounds(self, day: date) -> tuple[datetime, datetime]:
        """The configured week (Monday-first by default) holding ``day``."""
        first = day - timedelta(days=(day.weekday() - self.settings.week_start) % 7)
        return self.day_start(first), self.day_start(first + timedelta(days=7))
