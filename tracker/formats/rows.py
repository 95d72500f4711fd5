"""The report's sections as rows of text, shared by the Markdown, CSV and HTML writers so the
three never word or round a figure differently."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from tracker.core.durations import format_video_length, hours_number
from tracker.services.reports import Report


@dataclass(frozen=True)
class Section:
    """A titled table of the report."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    empty: str  # what to say instead of an empty table


NONE = "-"  # a figure that cannot be worked out (a median of no videos)
DAYS_SHOWN_UP_TO = 62  # longer periods show their hours by week
WEEKS_SHOWN_UP_TO = 104  # and past two years, by month


def hours(value: float | None) -> str:
    return NONE if value is None else hours_number(value)


def score(value: float | None) -> str:
    return NONE if value is None else f"{value:.0f}"


def is_figure(cell: str) -> bool:
    """A whole or decimal number as the sections write them."""
    return cell.replace(".", "", 1).isdigit()


def numeric(section: Section, column: int) -> bool:
    """A column of figures (or dashes for none): right-aligned in every format."""
    cells = [row[column] for row in section.rows if row[column] != NONE]
    return bool(cells) and all(is_figure(cell) for cell in cells)


def sections(report: Report) -> Iterator[Section]:
    """Every table of the report, in reading order."""
    yield _compared(report)
    yield Section(
        "hours_by_activity",
        "Hours by activity",
        ("Activity", "Hours"),
        [(name, hours(value)) for name, value in report.hours_by_activity.items()],
        "Nothing was logged.",
    )
    yield Section(
        "hours_by_video",
        "Hours by video",
        ("Video", "Hours"),
        [(_video(line.number, line.title), hours(line.hours)) for line in report.hours_by_video],
        "Nothing was logged.",
    )
    categories = dict.fromkeys([*report.hours_by_category, *report.published_by_category])
    yield Section(
        "hours_by_category",
        "Hours by category",
        ("Category", "Hours", "Published"),
        [
            (
                name,
                hours(report.hours_by_category.get(name, 0.0)),
                str(report.published_by_category.get(name, 0)),
            )
            for name in categories
        ],
        "Nothing was logged.",
    )
    yield Section(
        "hours_by_tag",
        "Hours by tag",
        ("Tag", "Hours"),
        [(name, hours(value)) for name, value in report.hours_by_tag.items()],
        "Nothing was logged.",
    )
    unit, spans = hours_over_time(report)
    yield Section(
        "hours_by_day",
        f"Hours by {unit}",
        (unit.capitalize(), "Hours"),
        [(label, hours(value)) for label, value in spans],
        "Nothing was logged.",
    )
    yield Section(
        "published",
        "Published",
        ("Video", "Published", "Length", "Hours logged"),
        [
            (
                _video(video.number, video.title),
                f"{video.published_at:%a %Y-%m-%d}",
                format_video_length(video.length_seconds) if video.length_seconds else "-",
                hours(video.hours),
            )
            for video in report.published
        ],
        "Nothing was published.",
    )
    yield Section(
        "created",
        "New on the board",
        ("Video", "Stage now"),
        [(_video(card.number, card.title), card.stage) for card in report.created],
        "No new cards.",
    )
    yield Section(
        "moved",
        "Moves into each stage",
        ("Stage", "Moves"),
        [(stage, str(count)) for stage, count in report.moved.items()],
        "No card moved.",
    )
    yield Section(
        "posts_by_platform",
        "Posts by platform",
        ("Platform", "Posts"),
        [(name, str(count)) for name, count in report.posts_by_platform.items()],
        "No post went out.",
    )
    yield Section(
        "cycle_times",
        "Cycle times (days)",
        ("Stage", "Cards", "Median", "85th percentile"),
        [
            (line.stage, str(line.cards), f"{line.median_days:.1f}", f"{line.p85_days:.1f}")
            for line in report.cycle_times
        ],
        "No card left a stage.",
    )
    yield Section(
        "signals",
        "Signals raised",
        ("Signal", "Level", "Times", "Answers"),
        [
            (line.key, line.level, str(line.times), _answers(line.answers))
            for line in report.signals
        ],
        "No threshold prompted.",
    )
    yield Section(
        "checkins",
        "Check-ins",
        ("Taken", "Member", "Personal", "Work"),
        [
            (
                f"{line.taken_at:%a %Y-%m-%d %H:%M}",
                line.member,
                score(line.personal_score),
                score(line.work_score),
            )
            for line in report.checkins
        ],
        "No check-in.",
    )
    yield Section(
        "scheduled_next",
        "Scheduled next",
        ("Video", "Stage", "Due", "Publish"),
        [
            (
                _video(card.number, card.title),
                card.stage,
                f"{card.due_on:%a %Y-%m-%d}" if card.due_on else "-",
                f"{card.publish_at:%a %Y-%m-%d %H:%M}" if card.publish_at else "-",
            )
            for card in report.scheduled_next
        ],
        "Nothing is due in the two weeks after.",
    )
    yield Section(
        "overrides",
        "Checklist overrides",
        ("When", "Video", "Into", "Open", "Why"),
        [
            (
                f"{line.at:%a %Y-%m-%d %H:%M}",
                _video(line.number, line.title),
                line.stage,
                ", ".join(line.open_items),
                line.reason,
            )
            for line in report.overrides
        ],
        "Every card went out with its checklist done.",
    )
    yield Section(
        "series",
        "Series",
        ("Series", "Day", "Case", "Card", "Answer", "State"),
        [
            (
                line.series,
                f"{line.day:%a %Y-%m-%d}",
                str(line.case_number or "-"),
                f"#{line.card}" if line.card else "-",
                f"#{line.answer_card}" if line.answer_card else "-",
                line.state,
            )
            for line in report.series
        ],
        "No series posts in the period or the fortnight after.",
    )
    yield Section(
        "wip",
        "Cards in each stage",
        ("Stage", "Cards"),
        [(stage, str(count)) for stage, count in report.wip.items()],
        "The board is empty.",
    )


def _compared(report: Report) -> Section:
    """This period beside the ones before it: hours, output, and check-in scores."""
    return Section(
        "compared",
        "This period and the ones before",
        ("Period", "Hours", "Published", "h/video", "New", "Personal", "Work"),
        [
            (
                line.label,
                hours(line.total_hours),
                str(line.published),
                hours(line.hours_per_video),
                str(line.created),
                score(line.checkin_personal),
                score(line.checkin_work),
            )
            for line in (report.summary, *report.earlier)
        ],
        "",
    )


def hours_over_time(report: Report) -> tuple[str, list[tuple[str, float]]]:
    """The hours by day, or for a long period by week or by month: a table and a chart of
    thousands of days help no one. The JSON keeps every day."""
    days = report.hours_by_day
    span = report.period.end - report.period.first
    if span <= timedelta(days=DAYS_SHOWN_UP_TO):
        return "day", [(f"{line.day:%a %Y-%m-%d}", line.hours) for line in days]
    by_week = span <= timedelta(weeks=WEEKS_SHOWN_UP_TO)
    totals: dict[str, float] = {}
    for line in days:
        year, week, _ = line.day.isocalendar()
        label = f"{year}-W{week:02d}" if by_week else f"{line.day:%Y-%m}"
        totals[label] = totals.get(label, 0.0) + line.hours
    return ("week" if by_week else "month"), list(totals.items())


def _video(number: int | None, title: str) -> str:
    return f"#{number} {title}" if number is not None else title


def _answers(answers: dict[str, int]) -> str:
    return ", ".join(f"{count} {answer}" for answer, count in answers.items())
