"""Charts drawn with plotext, for the command line and the Insights screen.

Imported only where charts are drawn: plotext costs start-up time other commands must not pay.
Each chart is its data (from a service), a drawing onto a plotext figure (the module on the
command line, the widget's own figure in the TUI), and the same numbers as a table.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from tracker.services import insights
from tracker.services.context import Context

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]
ROLLING_WEEKS = 4
HEIGHT = 22


@dataclass(frozen=True)
class Chart:
    about: str
    data: Callable[[Session, Context, int], list[Any]]
    draw: Callable[[list[Any], Context, Any], None]
    table: Callable[[list[Any]], Table]
    empty: Callable[[list[Any]], bool]
    empty_hint: str = "log work and publish, or choose a longer period"


def render_text(chart: Chart, data: list[Any], ctx: Context, width: int) -> str:
    """The chart as text for the command line, ``width`` columns wide."""
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(width, HEIGHT)
    chart.draw(data, ctx, plt)
    return plt.build()


def _ticks(plt: Any, labels: list[str], most: int = 10) -> None:
    """Label at most ``most`` evenly spaced bars: plotext's own pick varies from run to run."""
    step = max(1, math.ceil(len(labels) / most))
    plt.xticks(list(range(1, len(labels) + 1, step)), labels[::step])


def _weeks_empty(weeks: list[insights.WeekEffort]) -> bool:
    return not any(week.hours or week.published for week in weeks)


def draw_effort(weeks: list[insights.WeekEffort], ctx: Context, plt: Any) -> None:
    """Stacked hours per week by activity, videos published on the right axis, and the weekly
    limit for video work (the long-hours alert less the day job) as a line."""
    plt.title("Hours a week (bars) against videos published (dots)")
    labels = [f"{week.start:%d %b}" for week in weeks]
    activities = sorted({name for week in weeks for name in week.hours_by_activity})
    if activities:
        series = [[week.hours_by_activity.get(name, 0.0) for week in weeks] for name in activities]
        plt.stacked_bar(labels, series, labels=activities)
    _ticks(plt, labels)
    positions = list(range(1, len(weeks) + 1))
    published = [week.published for week in weeks]
    plt.plot(positions, published, yside="right", label="published", color="orange")
    thresholds = ctx.settings.thresholds
    limit = thresholds.week_hours.alert - thresholds.day_job_hours_per_week
    if limit > 0:
        plt.hline(limit, "red")


def table_effort(weeks: list[insights.WeekEffort]) -> Table:
    headers = ("Week of", "Hours", "Published", "Minutes out", "Hours per video", "By activity")
    rows = [
        (
            f"{week.start:%a %d %b %Y}",
            f"{week.hours:.1f}",
            str(week.published),
            f"{week.published_minutes:.1f}",
            _number(week.hours_per_video),
            ", ".join(
                f"{name} {hours:.1f}" for name, hours in sorted(week.hours_by_activity.items())
            ),
        )
        for week in weeks
    ]
    return headers, rows


def rolling_hours_per_video(weeks: list[insights.WeekEffort]) -> list[float | None]:
    """Hours per published video over each week and the three before it."""
    result: list[float | None] = []
    for index in range(len(weeks)):
        window = weeks[max(0, index - ROLLING_WEEKS + 1) : index + 1]
        published = sum(week.published for week in window)
        result.append(sum(week.hours for week in window) / published if published else None)
    return result


def draw_hours_per_video(weeks: list[insights.WeekEffort], _ctx: Context, plt: Any) -> None:
    plt.title("Hours per published video: each week (bars), rolling 4 weeks (line)")
    labels = [f"{week.start:%d %b}" for week in weeks]
    plt.bar(labels, [week.hours_per_video or 0.0 for week in weeks], label="that week")
    _ticks(plt, labels)
    rolling = rolling_hours_per_video(weeks)
    points = [(i + 1, value) for i, value in enumerate(rolling) if value is not None]
    if points:
        plt.plot([x for x, _ in points], [y for _, y in points], label="rolling 4 weeks")


def table_hours_per_video(weeks: list[insights.WeekEffort]) -> Table:
    rolling = rolling_hours_per_video(weeks)
    rows = [
        (
            f"{week.start:%a %d %b %Y}",
            f"{week.hours:.1f}",
            str(week.published),
            _number(week.hours_per_video),
            _number(value),
        )
        for week, value in zip(weeks, rolling, strict=True)
    ]
    return ("Week of", "Hours", "Published", "Per video", "Rolling 4 weeks"), rows


def draw_cycle_times(times: list[insights.StageTime], _ctx: Context, plt: Any) -> None:
    plt.title("Days in each stage: median and 85th percentile")
    labels = [time.stage for time in times]
    plt.multiple_bar(
        labels,
        [[time.median_days for time in times], [time.p85_days for time in times]],
        labels=["median", "85th percentile"],
    )
    _ticks(plt, labels)


def table_cycle_times(times: list[insights.StageTime]) -> Table:
    rows = [
        (time.stage, str(time.cards), f"{time.median_days:.1f}", f"{time.p85_days:.1f}")
        for time in times
    ]
    return ("Stage", "Cards", "Median days", "85th percentile days"), rows


def draw_flow(flow: list[insights.DayFlow], ctx: Context, plt: Any) -> None:
    """Cards in each stage on each day, stacked: a band that keeps growing is a bottleneck."""
    plt.title("Cards in each stage, day by day (a growing band is a bottleneck)")
    stages = [stage for stage in ctx.settings.stages if any(d.counts.get(stage) for d in flow)]
    labels = [f"{day.day:%d %b}" for day in flow]
    if stages:
        series = [[day.counts.get(stage, 0) for day in flow] for stage in stages]
        plt.stacked_bar(labels, series, labels=stages, width=1)
        _ticks(plt, labels, most=8)


def table_flow(flow: list[insights.DayFlow]) -> Table:
    """The counts at the end of each week (and today), to keep the table readable."""
    stages = [stage for stage in flow[-1].counts] if flow else []
    shown = [day for index, day in enumerate(flow) if (len(flow) - 1 - index) % 7 == 0]
    rows = [
        (f"{day.day:%a %d %b %Y}", *(str(day.counts.get(stage, 0)) for stage in stages))
        for day in shown
    ]
    return ("Day", *stages), rows


def draw_engagement(videos: list[insights.Engagement], _ctx: Context, plt: Any) -> None:
    """Views per hour invested, per published video."""
    plt.title("Views per hour invested, per published video")
    labels = [f"#{video.number}" for video in videos]
    plt.bar(labels, [video.views_per_hour or 0.0 for video in videos])
    _ticks(plt, labels)


def table_engagement(videos: list[insights.Engagement]) -> Table:
    rows = [
        (
            f"#{video.number}",
            f"{video.published_at:%d %b %Y}",
            f"{video.hours:.1f}",
            "-" if video.views is None else str(video.views),
            _number(video.views_per_hour),
            "-" if video.likes is None else str(video.likes),
            _number(video.likes_per_hour),
            video.title,
        )
        for video in videos
    ]
    headers = ("Video", "Published", "Hours", "Views", "Views/h", "Likes", "Likes/h", "Title")
    return headers, rows


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def draw_load(loads: list[insights.Load], _ctx: Context, plt: Any) -> None:
    """Hours by hour of day, one bar group per hour: the late hours stand out at the edges."""
    load = loads[0]
    plt.title(
        f"Hours by hour of day over {load.weeks} weeks "
        f"({load.late_hours:.1f} of {load.total:.1f} h between "
        f"{load.late_from:02d}:00 and {load.late_until:02d}:00)"
    )
    hours = [f"{hour:02d}" for hour in range(24)]
    series = [load.grid[day] for day in range(7)]
    plt.stacked_bar(hours, series, labels=list(WEEKDAYS))
    _ticks(plt, hours, most=12)


def table_load(loads: list[insights.Load]) -> Table:
    load = loads[0]
    rows = [
        (f"{hour:02d}:00", *(_hours(load.grid[day][hour]) for day in range(7)))
        for hour in range(24)
        if any(load.grid[day][hour] for day in range(7))
    ]
    return ("Hour", *WEEKDAYS), rows


def _hours(value: float) -> str:
    return f"{value:.1f}" if value else ""


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


CHARTS = {
    "effort-vs-output": Chart(
        "hours a week by activity, against videos published",
        insights.effort_vs_output,
        draw_effort,
        table_effort,
        _weeks_empty,
    ),
    "hours-per-video": Chart(
        "hours per published video, each week and over 4 weeks",
        insights.effort_vs_output,
        draw_hours_per_video,
        table_hours_per_video,
        lambda weeks: not any(week.published for week in weeks),
    ),
    "flow": Chart(
        "cumulative flow: cards in each stage on each day",
        insights.cumulative_flow,
        draw_flow,
        table_flow,
        lambda flow: not any(sum(day.counts.values()) for day in flow),
    ),
    "load": Chart(
        "hours by weekday and hour of day: how much falls late at night",
        insights.weekly_load,
        draw_load,
        table_load,
        lambda loads: not loads[0].total,
    ),
    "engagement": Chart(
        "views (and likes) per hour invested, per published video with metrics",
        insights.engagement,
        draw_engagement,
        table_engagement,
        lambda videos: not videos,
        "no published video has metrics yet: record them with "
        "tracker metrics VIDEO --views N --likes N",
    ),
    "cycle-time": Chart(
        "median and 85th percentile days in each stage, and idea to published",
        insights.cycle_times,
        draw_cycle_times,
        table_cycle_times,
        lambda times: not times,
    ),
}
