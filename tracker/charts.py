"""Charts drawn with plotext, for the command line (and, later, the Insights screen).

Imported only by `tracker chart`: plotext costs start-up time the other commands must not pay.
"""

from __future__ import annotations

from tracker.services.insights import WeekEffort

CHARTS = {"effort-vs-output": "hours a week by activity, against videos published"}


def effort_vs_output(weeks: list[WeekEffort], width: int, limit_hours: float | None) -> str:
    """Stacked hours per week by activity, videos published on the right axis, and the weekly
    limit for video work as a line."""
    import plotext as plt

    labels = [f"{week.start:%d %b}" for week in weeks]
    activities = sorted({name for week in weeks for name in week.hours_by_activity})
    plt.clear_figure()
    plt.plotsize(width, 22)
    plt.title("Hours a week (bars) against videos published (dots)")
    if activities:
        series = [[week.hours_by_activity.get(name, 0.0) for week in weeks] for name in activities]
        plt.stacked_bar(labels, series, labels=activities)
    positions = list(range(1, len(weeks) + 1))
    plt.plot(positions, [week.published for week in weeks], yside="right", label="published")
    if limit_hours:
        plt.hline(limit_hours, "red")
    return plt.build()


def effort_table(weeks: list[WeekEffort]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The same numbers for people who would rather read than look."""
    headers = ("Week of", "Hours", "Published", "Minutes out", "Hours per video", "By activity")
    rows = [
        (
            f"{week.start:%a %d %b %Y}",
            f"{week.hours:.1f}",
            str(week.published),
            f"{week.published_minutes:.1f}",
            "-" if week.hours_per_video is None else f"{week.hours_per_video:.1f}",
            ", ".join(
                f"{name} {hours:.1f}" for name, hours in sorted(week.hours_by_activity.items())
            ),
        )
        for week in weeks
    ]
    return headers, rows
