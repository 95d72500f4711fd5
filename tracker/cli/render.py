"""Everything the command line prints goes through here: tables, JSON, entries, dates, and
text a person typed, which is shown with control characters neutralised (a title holding an
escape sequence must not retitle or clear anyone's terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from tracker.core.text import terminal_safe

if TYPE_CHECKING:
    from tracker.services.context import Context
    from tracker.services.views import EntryView


def say(text: str) -> None:
    typer.echo(text)


def safe(text: str | None) -> str:
    """User text (titles, notes, names), safe to print."""
    return terminal_safe(text or "")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], flexible: int) -> None:
    """Print a table cut to the terminal's width; piped output keeps every character."""
    import shutil

    from tracker.core.table import format_table

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    cleaned = [tuple(safe(cell) for cell in row) for row in rows]
    typer.echo(format_table(headers, cleaned, width, flexible=flexible))


def as_json(value: Any) -> None:
    """Print a view (or a list of them) as indented JSON, safe for a terminal."""
    typer.echo(json_text(value))


def json_text(value: Any) -> str:
    """``value`` as indented JSON in which every character that could act on a terminal or
    hide text (C0 and C1 controls, DEL, bidirectional overrides, line separators, zero-width
    characters: whatever Python does not call printable) is written as a ``\\u`` escape.

    The data is the same for any JSON reader; letters of every script stay as they are, so
    accented names remain readable (``ensure_ascii`` would escape them too).
    """
    import json

    from tracker.services.views import to_json

    text = json.dumps(to_json(value), indent=2, ensure_ascii=False)
    if text.replace("\n", "").isprintable():  # the usual case, checked at C speed
        return text
    # json.dumps has already escaped what JSON must; raw newlines are only its indentation.
    return "".join(
        char if char.isprintable() or char == "\n" else json.dumps(char)[1:-1] for char in text
    )


def day_text(value: date | None, context: Context) -> str:
    """A date, with its year only when it is not this year's."""
    if not value:
        return "-"
    same_year = value.year == context.now().year
    return value.strftime("%a %d %b" if same_year else "%a %d %b %Y")


def video_name(number: int | None, title: str | None) -> str:
    return f"#{number} {safe(title)}" if number is not None else ""


def entry_line(entry: EntryView, context: Context) -> str:
    from tracker.core.durations import format_seconds

    video = f" on {video_name(entry.video_number, entry.video_title)}" if entry.video_number else ""
    span = context.span(entry.start_at, entry.end_at)
    spent = "under a minute: not kept" if entry.discarded else format_seconds(entry.seconds)
    return f"entry {entry.number}: {safe(entry.activity)}{video}, {span} ({spent})"


def entries(listing: Any, context: Context) -> None:
    """A day's or a week's entries with their totals."""
    from datetime import timedelta

    from tracker.core.durations import format_seconds

    start_day = day_text(listing.start.astimezone(context.zone).date(), context)
    last = (listing.end - timedelta(seconds=1)).astimezone(context.zone).date()
    last_day = day_text(last, context)
    period = start_day if start_day == last_day else f"{start_day} – {last_day}"
    if not listing.entries:
        say(f"No entries for {period}. Log one with: tracker log 45m")
        return
    rows = [
        (
            f"{entry.number}",
            context.shown(entry.start_at),
            context.end_shown(entry.start_at, entry.end_at),
            format_seconds(entry.seconds),
            entry.activity,
            video_name(entry.video_number, entry.video_title),
            entry.note,
        )
        for entry in listing.entries
    ]
    headers = ("Entry", "Start", "End", "Time", "Activity", "Video", "Note")
    table(headers, rows, flexible=5)
    by_activity = ", ".join(
        f"{safe(t.activity)} {format_seconds(t.seconds)}" for t in listing.by_activity
    )
    say(f"Total for {period}: {format_seconds(listing.total_seconds)} ({by_activity})")


def status(summary: Any, context: Context) -> None:
    from tracker.core.durations import format_seconds

    if summary.running is not None:
        say(f"Running: {entry_line(summary.running, context)}")
    else:
        say("No timer running.")
    today, week = format_seconds(summary.today_seconds), format_seconds(summary.week_seconds)
    say(f"Today: {today}   This week: {week}")
    board = "  ".join(f"{stage} {count}" for stage, count in summary.stage_counts.items())
    say(f"Board: {board}")
    for signal in summary.signals:
        say(f"{signal.level.upper():<5}  {safe(signal.message)}")
    if summary.signals:
        say(safe(context.settings.note()))


@contextmanager
def progress_bar(what: str, least: int) -> Iterator[Callable[[int, int], None] | None]:
    """A callback ``(done, total)`` for a service that draws a bar on stderr once the work is
    ``least`` or more (rows, bytes), on a terminal only."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    bar = Bar(console=Console(stderr=True), transient=True)
    task = bar.add_task(what, start=False)

    def advance(done: int, total: int) -> None:
        if total >= least and not bar.live.is_started:
            bar.start()
            bar.start_task(task)
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        bar.stop()
