"""Commands for the time log: start, stop, log, and the entries group."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from tracker.cli import render
from tracker.cli.base import (
    WHEN_HELP,
    AnywayOption,
    JsonOption,
    app,
    day,
    only_one,
    state,
    week_of,
    when,
)
from tracker.core.errors import InputError

entries_app = typer.Typer(help="List, edit and remove time entries.")
app.add_typer(entries_app, name="entries")
ActivityOption = Annotated[
    str | None,
    typer.Option(metavar="ACTIVITY", help="What kind of work (default: the video's stage)."),
]


@app.command()
def start(
    ref: Annotated[
        str | None, typer.Argument(metavar="VIDEO", help="Video to work on (optional).")
    ] = None,
    activity: ActivityOption = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When you started, {WHEN_HELP}.")
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Start a timer; a timer already running stops first."""
    from tracker.services import timelog

    database, context = state.open()
    begin = when(at, context, anyway=anyway)
    change = database.run_write(
        lambda s: timelog.start_timer(
            s, context, ref, activity=activity, at=begin, during_break=anyway
        )
    )
    if change.stopped is not None:
        render.say(f"Stopped {render.entry_line(change.stopped, context)}.")
    render.say(f"Started {render.entry_line(change.started, context)}.")


@app.command()
def stop(
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When you stopped, {WHEN_HELP}.")
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Stop the running timer."""
    from tracker.services import timelog

    database, context = state.open()
    end = when(at, context, anyway=anyway)
    entry = database.run_write(lambda s: timelog.stop_timer(s, context, at=end))
    render.say(f"Stopped {render.entry_line(entry, context)}.")


@app.command()
def log(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[VIDEO] DURATION",
            help="[VIDEO] DURATION, e.g. `12 1h30` or `45m` (no video).",
            show_default=False,
        ),
    ] = None,
    activity: ActivityOption = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When it started, {WHEN_HELP}.")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="WHEN", help="Start time.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="WHEN", help="End time.")] = None,
    note: Annotated[str, typer.Option(metavar="TEXT", help="A note on the entry.")] = "",
    anyway: AnywayOption = False,
) -> None:
    """Log finished work. Without --at/--from/--to it ends now."""
    from tracker.core.spans import entry_span
    from tracker.services import timelog

    only_one(at=at, from_=from_)
    only_one(at=at, to=to)
    database, context = state.open()
    ref, length = _video_and_duration(args or [], explicit=from_ is not None and to is not None)
    span = entry_span(
        context.now(),
        start=when(at if at is not None else from_, context, anyway=anyway),
        end=when(to, context, anyway=anyway),
        length=length,
    )
    entry = database.run_write(
        lambda s: timelog.log_entry(
            s, context, ref, *span, activity=activity, note=note, during_break=anyway
        )
    )
    render.say(f"Logged {render.entry_line(entry, context)}.")


def _video_and_duration(args: list[str], explicit: bool) -> tuple[str | None, Any]:
    """Split `log`'s words: all of them may be a duration (`2h 15m`), else the first names
    the video. With --from and --to a lone word names the video when it is a number (`12`)
    or is no duration."""
    from tracker.core.durations import parse_duration
    from tracker.services.board import NUMBER_REF

    if not args:
        if explicit:
            return None, None
        raise InputError("Say how long, e.g. tracker log 12 1h30, or give --from and --to.")
    if explicit and len(args) == 1 and NUMBER_REF.match(args[0]):
        return args[0], None
    whole = " ".join(args)
    try:
        return None, parse_duration(whole)
    except InputError:
        if len(args) == 1 and explicit:
            return args[0], None
        if len(args) == 1:
            raise
    return args[0], parse_duration(" ".join(args[1:]))


@entries_app.callback(invoke_without_command=True)
def entries_list(
    ctx: typer.Context,
    day_: Annotated[
        str | None,
        typer.Option("--day", metavar="WHEN", help="A day, e.g. today, yesterday, mon."),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option(metavar="WEEK", help="A week: its number (2026-W47) or any day in it."),
    ] = None,
    json: JsonOption = False,
) -> None:
    """List your time entries for a day (default today) or a week."""
    from tracker.services import timelog

    if ctx.invoked_subcommand is not None:
        return
    only_one(day=day_, week=week)
    database, context = state.open(create=False)
    if week is not None:
        chosen = week_of(week, context)
        bounds = context.day_start(chosen.first), context.day_start(chosen.end)
    else:
        bounds = context.day_bounds(day(day_, context) if day_ is not None else context.today())
    with database.read() as session:
        listing = timelog.list_entries(session, context, *bounds)
    if json:
        render.as_json(listing)
    else:
        render.entries(listing, context)


@entries_app.command("edit")
def entries_edit(
    number: Annotated[
        str, typer.Argument(metavar="ENTRY", help="Entry number, as `tracker entries` shows it.")
    ],
    start_: Annotated[
        str | None, typer.Option("--start", metavar="WHEN", help=f"New start, {WHEN_HELP}.")
    ] = None,
    end: Annotated[str | None, typer.Option(metavar="WHEN", help="New end.")] = None,
    duration: Annotated[
        str | None, typer.Option(metavar="DURATION", help="New length, e.g. 1h30 (moves the end).")
    ] = None,
    activity: Annotated[str | None, typer.Option(metavar="ACTIVITY", help="New activity.")] = None,
    video: Annotated[
        str | None, typer.Option(metavar="VIDEO", help="Video number or a piece of its title.")
    ] = None,
    no_video: Annotated[
        bool, typer.Option("--no-video", help="Detach the entry from its video.")
    ] = False,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="New note.")] = None,
    anyway: AnywayOption = False,
) -> None:
    """Change a time entry's times, activity, video or note."""
    from tracker.core.durations import parse_duration
    from tracker.services import timelog

    only_one(end=end, duration=duration)
    only_one(video=video, no_video=no_video)
    database, context = state.open()
    entry_number = _entry_number(number)
    changes: dict[str, Any] = {}
    if start_ is not None:
        changes["start_at"] = when(start_, context, anyway=anyway)
    if end is not None:
        changes["end_at"] = when(end, context, anyway=anyway)
    if duration is not None:
        changes["duration"] = parse_duration(duration)
    if activity is not None:
        changes["activity"] = activity
    if video is not None and video.strip().lower() == "none":
        raise InputError("To detach the entry from its video, use --no-video.")
    if video is not None or no_video:
        changes["video"] = video
    if note is not None:
        changes["note"] = note
    if not changes:
        raise InputError("Nothing to change; give --start, --end, --duration, --activity, ...")
    entry = database.run_write(lambda s: timelog.edit_entry(s, context, entry_number, changes))
    render.say(f"Updated {render.entry_line(entry, context)}.")


@entries_app.command("rm")
def entries_rm(
    number: Annotated[str, typer.Argument(metavar="ENTRY", help="Entry number.")],
) -> None:
    """Remove a time entry."""
    from tracker.services import timelog

    database, context = state.open()
    entry = database.run_write(lambda s: timelog.remove_entry(s, context, _entry_number(number)))
    render.say(f"Removed {render.entry_line(entry, context)}.")


def _entry_number(text: str) -> int:
    import re

    cleaned = text.strip().lstrip("#")
    if not re.fullmatch("[0-9]{1,9}", cleaned):
        raise InputError(f'"{text}" is not an entry number; `tracker entries` shows them (e.g. 7).')
    return int(cleaned)
