"""Where in the week the hours fall: a grid of weekday × hour of day, in the person's zone.

Splitting a stretch of work into the hours it covers is arithmetic on intervals that SQL does
badly and portably not at all, so it happens here, over one person's work in a bounded period.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, tzinfo

HOURS_IN_DAY = 24
DAYS_IN_WEEK = 7
ONE_HOUR = timedelta(hours=1)


def load_grid(spans: Iterable[tuple[datetime, datetime]], zone: tzinfo) -> list[list[float]]:
    """Hours worked in each [weekday][hour] cell (Monday = 0), summed over all the spans."""
    grid = [[0.0] * HOURS_IN_DAY for _ in range(DAYS_IN_WEEK)]
    for start, end in spans:
        moment = start.astimezone(UTC)
        finish = end.astimezone(UTC)
        while moment < finish:
            local = moment.astimezone(zone)
            hour_end = (local.replace(minute=0, second=0, microsecond=0) + ONE_HOUR).astimezone(UTC)
            step_end = min(hour_end, finish)
            if step_end <= moment:  # a repeated hour at a change of clocks: move on by an hour
                step_end = min(moment + ONE_HOUR, finish)
            grid[local.weekday()][local.hour] += (step_end - moment).total_seconds() / 3600
            moment = step_end
    return grid
