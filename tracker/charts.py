"""Charts drawn with plotext, for the command line and the Insights screen.

Imported only where charts are drawn: plotext costs start-up time other commands must not pay.
Each chart is its data (from a service), a drawing onto a plotext figure (the module on the
command line, the widget's own figure in the TUI), a legend, and the same numbers as a table.

The legend is drawn below the plot rather than by plotext: plotext's legend covers the data
and marks which y axis each series uses with stray glyphs (``L``, ``⅃``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from tracker.core.durations import format_seconds, hours_number
from tracker.core.palette import RGB, colour_of
from tracker.services import insights
from tracker.services.context import Context
from tracker.services.timelog import activities

Table = tuple[tuple[str, ...], list[tuple[str, ...]]]
HEIGHT = 22
# The terminal's own background and text colours: plotext's default paints a white box, on
# which the palette's light colours do not read.
TERMINAL_THEME = "clear"
Y_AXES_COLUMNS = 16  # room the tick labels of two y axes and the frame take from the width
DAYS_PER_WEEK = 7

LIMIT_COLOUR = "default"  # the terminal's own text colour: a limit is not a series
PUBLISHED_ROOM = 1.5  # the right axis reaches half again past the most videos of a week
WEEK_BAR_WIDTH = 0.6  # of a week's column: a clear gap between weeks


@dataclass(frozen=True)
class Key:
    """One entry of a legend: the mark drawn, its colour, and what it stands for."""

    mark: str
    colour: RGB | str
    label: str


BAR, DOT, LINE = "█", "●", "─"


@dataclass(frozen=True)
class Chart:
    """One chart: where its data comes from, and how it is drawn, keyed and tabulated. The CLI
    and the Insights screen both go through this, so they can never show different numbers."""

    about: str
    data: Callable[[Session, Context, int], list[Any]]
    draw: Callable[[list[Any], Context, Any, int], None]  # data, context, figure, columns
    keys: Callable[[list[Any], Context], list[Key]]
    table: Callable[[list[Any]], Table]
    empty: Callable[[list[Any]], bool]
    empty_hint: str = "log work and publish, or choose a longer period"


def render_text(chart: Chart, data: list[Any], ctx: Context, width: int) -> str:
    """The chart and its legend as text for the command line, ``width`` columns wide."""
    import plotext as plt

    plt.clear_figure()
    plt.theme(TERMINAL_THEME)  # before drawing: a text takes the canvas colour set when drawn
    plt.plotsize(width, HEIGHT)
    chart.draw(data, ctx, plt, width)
    lines = legend_lines(chart.keys(data, ctx), width)
    legend = [
        "  ".join(plt.colorize(key.mark, key.colour) + " " + key.label for key in line)
        for line in lines
    ]
    return "\n".join([plt.build().rstrip("\n"), *legend])


def legend_lines(keys: Sequence[Key], width: int) -> list[list[Key]]:
    """The keys in rows that fit ``width`` columns, never splitting a mark from its label."""
    rows: list[list[Key]] = []
    used = width
    for key in keys:
        size = len(key.mark) + 1 + len(key.label)
        if rows and used + 2 + size <= width:
            rows[-1].append(key)
            used += 2 + size
        else:
            rows.append([key])
            used = size
    return rows


def _ticks(plt: Any, labels: list[str], width: int, most: int = 12) -> None:
    """Label as many evenly spaced bars as fit ``width`` columns without overlapping (plotext's
    own pick varies from run to run and lets labels run into each other)."""
    longest = max((len(label) for label in labels), default=1)
    fit = max(1, (width - Y_AXES_COLUMNS) // (longest + 2))
    step = max(1, math.ceil(len(labels) / min(most, fit)))
    plt.xticks(list(range(1, len(labels) + 1, step)), labels[::step])
    plt.xlim(0.5, len(labels) + 0.5)


def _axis(
    plt: Any,
    top: float,
    yside: str = "left",
    whole: bool = False,
    most: int = 5,
    room: float = 1.08,
) -> None:
    """Round ticks from 0 to past ``top`` (steps of 1, 2 or 5 times a power of ten), and
    ``room`` above the highest value. ``whole`` keeps an axis of counts to whole numbers: no
    0.33 of a video or a card."""
    top = max(top, 1.0)
    rough = top / most
    power = 10 ** math.floor(math.log10(rough))
    step = next(size * power for size in (1, 2, 5, 10) if size * power >= rough)
    if whole:
        step = max(1, math.ceil(step))
    ticks = [n * step for n in range(math.ceil(top / step) + 1)]
    plt.ylim(0, max(ticks[-1], top) * room, yside=yside)
    plt.yticks(ticks, [f"{tick:g}" for tick in ticks], yside=yside)


def _x_axis(plt: Any, top: float, width: int) -> None:
    """Round ticks along x for a chart lying down, as many as fit ``width`` columns."""
    top = max(top, 1.0)
    most = max(2, min(8, (width - 20) // 8))
    rough = top / most
    power = 10 ** math.floor(math.log10(rough))
    step = next(size * power for size in (1, 2, 5, 10) if size * power >= rough)
    ticks = [n * step for n in range(math.ceil(top / step) + 1)]
    plt.xlim(0, max(ticks[-1], top) * 1.04)
    plt.xticks(ticks, [f"{tick:g}" for tick in ticks])


def _stack(plt: Any, series: list[list[float]], colours: list[RGB], width: float = 0.8) -> None:
    """Stacked bars at x = 1, 2, ...: plotext's own ``stacked_bar`` paints a part of zero as
    blanks over the bars beneath it, so each part is drawn only where it has a value."""
    tops: list[list[float]] = []
    for values in series:
        below = tops[-1] if tops else [0.0] * len(values)
        tops.append([base + value for base, value in zip(below, values, strict=True)])
    for values, top, colour in reversed(list(zip(series, tops, colours, strict=True))):
        shown = [n for n, value in enumerate(values) if value]
        if not shown:
            continue
        # plotext scales a bar's width by the mean gap between the x values it is given.
        spread = (shown[-1] - shown[0]) / (len(shown) - 1) if len(shown) > 1 else 1.0
        plt.bar(
            [n + 1 for n in shown],
            [top[n] for n in shown],
            color=colour,
            width=width / spread,
            reset_ticks=False,
        )


def _limit(plt: Any, value: float, unit: str) -> None:
    """A limit line with its value written on it at the left, so it is never an unnamed line
    (the newest weeks, on the right, are the ones a reader looks at)."""
    plt.hline(value, LIMIT_COLOUR)
    plt.text(f" limit {value:g} {unit} ", 0.5, value, color=LIMIT_COLOUR, alignment="left")


def _labels(weeks: list[insights.WeekEffort]) -> list[str]:
    return [f"{week.start:%d %b}" for week in weeks]


def _weeks_empty(weeks: list[insights.WeekEffort]) -> bool:
    return not any(week.hours or week.published for week in weeks)


def _activities(weeks: list[insights.WeekEffort], ctx: Context) -> list[str]:
    """The activities logged in the period, in the order the board knows them."""
    logged = {name for week in weeks for name in week.hours_by_activity}
    known = [name for name in activities(ctx) if name in logged]
    return known + sorted(logged - set(known))


def _week_limit(ctx: Context) -> float:
    """The weekly limit for video work: the long-hours alert less the day job."""
    thresholds = ctx.settings.thresholds
    return thresholds.week_hours.alert - thresholds.day_job_hours_per_week


def draw_effort(weeks: list[insights.WeekEffort], ctx: Context, plt: Any, width: int) -> None:
    """Stacked hours per week by activity, one dot per week with videos published (on a
    whole-number right axis), and the weekly limit for video work as a labelled line."""
    plt.title("Hours a week (bars) against videos published (dots)")
    labels = _labels(weeks)
    names = _activities(weeks, ctx)
    series = [[week.hours_by_activity.get(name, 0.0) for week in weeks] for name in names]
    _stack(plt, series, [colour_of(name) for name in names], WEEK_BAR_WIDTH)
    _ticks(plt, labels, width)
    limit = _week_limit(ctx)
    _axis(plt, max([week.hours for week in weeks] + [limit]))
    if limit > 0:
        _limit(plt, limit, "h")
    out = [(n + 1, week.published) for n, week in enumerate(weeks) if week.published]
    if out:
        plt.scatter(
            [x for x, _ in out],
            [count for _, count in out],
            yside="right",
            marker=DOT,
            color=colour_of("published"),
        )
    # The dots stay below two thirds of the height, clear of the limit line and its label.
    most = max((week.published for week in weeks), default=0)
    _axis(plt, most, yside="right", whole=True, room=PUBLISHED_ROOM)


def keys_effort(weeks: list[insights.WeekEffort], ctx: Context) -> list[Key]:
    keys = [Key(BAR, colour_of(name), name) for name in _activities(weeks, ctx)]
    keys.append(Key(DOT, colour_of("published"), "videos published (right axis)"))
    limit = _week_limit(ctx)
    if limit > 0:
        keys.append(Key(LINE, LIMIT_COLOUR, f"limit {limit:g} h (alert less day job)"))
    return keys


def table_effort(weeks: list[insights.WeekEffort]) -> Table:
    headers: tuple[str, ...] = (
        "Week of",
        "Hours",
        "Published",
        "Length out",
        "Median h logged per video",
        "By activity",
    )
    rows: list[tuple[str, ...]] = [
        (
            f"{week.start:%a %d %b %Y}",
            hours_number(week.hours),
            str(week.published),
            "-" if week.published_seconds is None else format_seconds(week.published_seconds),
            _number(week.hours_per_video),
            ", ".join(
                f"{name} {hours_number(hours)}"
                for name, hours in sorted(week.hours_by_activity.items())
            ),
        )
        for week in weeks
    ]
    return headers, rows


def draw_hours_per_video(
    weeks: list[insights.WeekEffort], _ctx: Context, plt: Any, width: int
) -> None:
    """The median hours logged per video published each week, and over four weeks."""
    plt.title("Median hours logged per published video")
    labels = _labels(weeks)
    medians = [[week.hours_per_video or 0.0 for week in weeks]]
    _stack(plt, medians, [colour_of("median")], WEEK_BAR_WIDTH)
    _ticks(plt, labels, width)
    points = [
        (n + 1, week.rolling_hours_per_video)
        for n, week in enumerate(weeks)
        if week.rolling_hours_per_video is not None
    ]
    if points:
        plt.plot(
            [x for x, _ in points],
            [y for _, y in points],
            color=colour_of("rolling 4 weeks"),
            marker="hd",
        )
    figures = [(week.hours_per_video, week.rolling_hours_per_video) for week in weeks]
    _axis(plt, max((value or 0.0 for pair in figures for value in pair), default=0.0))


def keys_hours_per_video(_weeks: list[insights.WeekEffort], _ctx: Context) -> list[Key]:
    return [
        Key(BAR, colour_of("median"), "median of the week's videos"),
        Key(LINE, colour_of("rolling 4 weeks"), "median over this and the 3 weeks before"),
    ]


def table_hours_per_video(weeks: list[insights.WeekEffort]) -> Table:
    rows: list[tuple[str, ...]] = [
        (
            f"{week.start:%a %d %b %Y}",
            str(week.published),
            ", ".join(hours_number(hours) for hours in week.video_hours) or "-",
            _number(week.hours_per_video),
            _number(week.rolling_hours_per_video),
        )
        for week in weeks
    ]
    headers: tuple[str, ...] = (
        "Week of",
        "Published",
        "Hours logged on each",
        "Median h per video",
        "Median h, 4 weeks",
    )
    return headers, rows


WHOLE_WAY = "idea → published"  # the row cycle_times adds after the stages
MARK = "◆"
STAGE_BAR_WIDTH = 0.0  # one line of text per bar, so each bar sits on its own label


def _stage_colour(stage: str) -> RGB:
    return colour_of("median") if stage == WHOLE_WAY else colour_of(stage)


def draw_cycle_times(times: list[insights.StageTime], _ctx: Context, plt: Any, width: int) -> None:
    """One bar per stage, lying down so every stage's name fits: the median in the stage's
    colour, and a mark at the 85th percentile."""
    plt.title("Days in each stage: median (bars) and 85th percentile (◆)")
    rows = list(range(len(times), 0, -1))  # the first stage on top
    for row, time in zip(rows, times, strict=True):
        plt.bar(
            [row],
            [time.median_days],
            orientation="horizontal",
            color=_stage_colour(time.stage),
            width=STAGE_BAR_WIDTH,
            reset_ticks=False,
        )
    plt.scatter([time.p85_days for time in times], rows, marker=MARK, color=LIMIT_COLOUR)
    plt.yticks(rows, [time.stage for time in times])
    plt.ylim(0.4, len(times) + 0.6)
    _x_axis(plt, max((time.p85_days for time in times), default=0.0), width)


def keys_cycle_times(times: list[insights.StageTime], _ctx: Context) -> list[Key]:
    return [
        Key(BAR, _stage_colour(times[0].stage) if times else colour_of("median"), "median days"),
        Key(MARK, LIMIT_COLOUR, "85th percentile"),
    ]


def table_cycle_times(times: list[insights.StageTime]) -> Table:
    rows: list[tuple[str, ...]] = [
        (time.stage, str(time.cards), _number(time.median_days), _number(time.p85_days))
        for time in times
    ]
    return ("Stage", "Cards", "Median days", "85th percentile days"), rows


def _flow_stages(flow: list[insights.DayFlow], ctx: Context) -> list[str]:
    return [stage for stage in ctx.settings.stages if any(d.counts.get(stage) for d in flow)]


def draw_flow(flow: list[insights.DayFlow], ctx: Context, plt: Any, width: int) -> None:
    """Cards in each stage on each day, stacked: a band that keeps growing is a bottleneck."""
    plt.title("Cards in each stage, day by day (a growing band is a bottleneck)")
    stages = _flow_stages(flow, ctx)
    labels = [f"{day.day:%d %b}" for day in flow]
    series = [[float(day.counts.get(stage, 0)) for day in flow] for stage in stages]
    _stack(plt, series, [colour_of(stage) for stage in stages], width=1.0)
    _ticks(plt, labels, width, most=8)
    highest = max((sum(day.counts.get(stage, 0) for stage in stages) for day in flow), default=0)
    _axis(plt, highest, whole=True)


def keys_flow(flow: list[insights.DayFlow], ctx: Context) -> list[Key]:
    return [Key(BAR, colour_of(stage), stage) for stage in _flow_stages(flow, ctx)]


def table_flow(flow: list[insights.DayFlow]) -> Table:
    """The counts at the end of each week (and today), to keep the table readable."""
    stages = [stage for stage in flow[-1].counts] if flow else []
    shown = [day for index, day in enumerate(flow) if (len(flow) - 1 - index) % DAYS_PER_WEEK == 0]
    rows = [
        (f"{day.day:%a %d %b %Y}", *(str(day.counts.get(stage, 0)) for stage in stages))
        for day in shown
    ]
    return ("Day", *stages), rows


def draw_engagement(videos: list[insights.Engagement], _ctx: Context, plt: Any, width: int) -> None:
    """Views per hour invested, per published video."""
    plt.title("Views per hour logged on it, per published video")
    labels = [f"#{video.number}" for video in videos]
    plt.bar(
        labels, [video.views_per_hour or 0.0 for video in videos], color=colour_of("views per hour")
    )
    _ticks(plt, labels, width)
    _axis(plt, max((video.views_per_hour or 0.0 for video in videos), default=0.0))


def keys_engagement(_videos: list[insights.Engagement], _ctx: Context) -> list[Key]:
    return [Key(BAR, colour_of("views per hour"), "views per hour logged on the video")]


def table_engagement(videos: list[insights.Engagement]) -> Table:
    rows: list[tuple[str, ...]] = [
        (
            f"#{video.number}",
            f"{video.published_at:%d %b %Y}",
            hours_number(video.hours),
            "-" if video.views is None else str(video.views),
            _number(video.views_per_hour),
            "-" if video.likes is None else str(video.likes),
            _number(video.likes_per_hour),
            video.title,
        )
        for video in videos
    ]
    headers: tuple[str, ...] = (
        "Video",
        "Published",
        "Hours",
        "Views",
        "Views/h",
        "Likes",
        "Likes/h",
        "Title",
    )
    return headers, rows


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _load_title(load: insights.Load) -> str:
    return (
        f"Hours by hour of day over {load.weeks} weeks "
        f"({hours_number(load.late_hours)} of {hours_number(load.total)} h between "
        f"{load.late_from:02d}:00 and {load.late_until:02d}:00)"
    )


def draw_load(loads: list[insights.Load], _ctx: Context, plt: Any, width: int) -> None:
    """Hours by hour of day, one bar per hour stacked by weekday: the late hours stand out
    at the edges."""
    load = loads[0]
    plt.title(_load_title(load))
    hours = [f"{hour:02d}" for hour in range(24)]
    days = _load_days(load)
    _stack(plt, [load.grid[day] for day in days], [colour_of(WEEKDAYS[day]) for day in days])
    _ticks(plt, hours, width)
    _axis(plt, max(sum(load.grid[day][hour] for day in days) for hour in range(24)))


def _load_days(load: insights.Load) -> list[int]:
    return [day for day in range(len(WEEKDAYS)) if any(load.grid[day])]


def keys_load(loads: list[insights.Load], _ctx: Context) -> list[Key]:
    return [Key(BAR, colour_of(WEEKDAYS[day]), WEEKDAYS[day]) for day in _load_days(loads[0])]


def table_load(loads: list[insights.Load]) -> Table:
    load = loads[0]
    rows = [
        (f"{hour:02d}:00", *(_hours(load.grid[day][hour]) for day in range(7)))
        for hour in range(24)
        if any(load.grid[day][hour] for day in range(7))
    ]
    return ("Hour", *WEEKDAYS), rows


def _hours(value: float) -> str:
    return hours_number(value) if value else ""


def _number(value: float | None) -> str:
    """One decimal, rounded half up like every hours figure (``hours_number``); "-" for none."""
    return "-" if value is None else hours_number(value)


CHARTS = {
    "effort-vs-output": Chart(
        "hours a week by activity, against videos published",
        insights.effort_vs_output,
        draw_effort,
        keys_effort,
        table_effort,
        _weeks_empty,
    ),
    "hours-per-video": Chart(
        "median hours logged on each video published, each week and over 4 weeks",
        insights.effort_vs_output,
        draw_hours_per_video,
        keys_hours_per_video,
        table_hours_per_video,
        lambda weeks: not any(week.published for week in weeks),
    ),
    "flow": Chart(
        "cumulative flow: cards in each stage on each day",
        insights.cumulative_flow,
        draw_flow,
        keys_flow,
        table_flow,
        lambda flow: not any(sum(day.counts.values()) for day in flow),
    ),
    "load": Chart(
        "hours by weekday and hour of day: how much falls late at night",
        insights.weekly_load,
        draw_load,
        keys_load,
        table_load,
        lambda loads: not loads[0].total,
    ),
    "engagement": Chart(
        "views (and likes) per hour invested, per published video with metrics",
        insights.engagement,
        draw_engagement,
        keys_engagement,
        table_engagement,
        lambda videos: not videos,
        "no published video has metrics yet: record them with "
        "tracker metrics VIDEO --views N --likes N",
    ),
    "cycle-time": Chart(
        "median and 85th percentile days in each stage, and idea to published",
        insights.cycle_times,
        draw_cycle_times,
        keys_cycle_times,
        table_cycle_times,
        lambda times: not times,
    ),
}
