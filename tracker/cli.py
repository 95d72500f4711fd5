"""The command line: parse, call a service, print. ``tracker`` alone opens the board.

Start-up time matters here, so services, rich and the TUI are imported inside the commands that
need them; ``tracker status`` never loads Textual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker import __version__
from tracker.core.errors import InputError, TrackerError
from tracker.services.context import system_clock

if TYPE_CHECKING:
    from tracker.db.database import Database
    from tracker.services.context import Context
    from tracker.services.views import EntryView

app = typer.Typer(
    name="tracker",
    help="A content board, time log and sustainability check for people who make videos.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
db_app = typer.Typer(help="Where the data lives, backups and schema upgrades.")
config_app = typer.Typer(help="The configuration file.")
entries_app = typer.Typer(
    help="List, edit and remove time entries. Without a subcommand: list today's entries."
)
app.add_typer(db_app, name="db")
app.add_typer(config_app, name="config")
app.add_typer(entries_app, name="entries")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH_OR_URL",
        help="Database file or postgresql:// URL (default: TRACKER_DB, config, data dir).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AnywayOption = Annotated[
    bool, typer.Option("--anyway", help="Log it even inside a break you planned.")
]
FOUR_WEEKS = timedelta(weeks=4)
WhenHelp = "e.g. now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00, -2h"
DueHelp = "e.g. fri, next mon, tomorrow, 2026-12-01"


class State:
    """What the top-level options chose; the database is opened on first use."""

    def __init__(self) -> None:
        self.db_flag: str | None = None
        self.clock: Callable[[], datetime] = system_clock
        self._opened: tuple[Database, Context] | None = None

    def open(self) -> tuple[Database, Context]:
        if self._opened is None:
            from tracker.session import open_workspace

            self._opened = open_workspace(self.db_flag, notice=_notice, clock=self.clock)
        return self._opened

    def close(self) -> None:
        if self._opened is not None:
            self._opened[0].dispose()
        self._opened = None


state = State()


def _notice(message: str) -> None:
    typer.echo(message, err=True)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    """Run a command, or open the board when none is given."""
    if version:
        typer.echo(f"tracker {__version__}")
        raise typer.Exit()
    state.db_flag = db
    if ctx.invoked_subcommand is None:
        from tracker.tui.app import run_app

        database, context = state.open()
        run_app(database, context)


# --- the board -------------------------------------------------------------------------------


@app.command()
def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The video's working title.")],
    stage: Annotated[
        str | None, typer.Option(metavar="STAGE", help="Stage to start in (default: idea).")
    ] = None,
    platform: Annotated[
        list[str] | None,
        typer.Option("--platform", "-p", metavar="PLATFORM", help="A platform; repeat for more."),
    ] = None,
    due: Annotated[str | None, typer.Option(metavar="WHEN", help=f"Due date, {DueHelp}.")] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="A tag; repeat.")
    ] = None,
    notes: Annotated[str, typer.Option(metavar="TEXT", help="Free-form notes.")] = "",
) -> None:
    """Add a video to the board."""
    from tracker.services import board

    database, context = state.open()
    due_on = _due(due, context)
    video = database.run_write(
        lambda s: board.add_video(
            s,
            context,
            title,
            stage=stage,
            platforms=tuple(platform or ()),
            tags=tuple(tag or ()),
            due_on=due_on,
            notes=notes,
        )
    )
    typer.echo(f"Added #{video.number} {video.title} ({video.stage}).")


@app.command("ls")
def list_videos(
    stage: Annotated[str | None, typer.Option(metavar="STAGE", help="Only this stage.")] = None,
    platform: Annotated[
        str | None, typer.Option("--platform", "-p", metavar="PLATFORM", help="Only this.")
    ] = None,
    tag: Annotated[
        str | None, typer.Option("--tag", "-t", metavar="TAG", help="Only with this tag.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", "-a", help="Include published, dropped.")] = False,
    deleted: Annotated[bool, typer.Option("--deleted", help="Only removed videos.")] = False,
    json: JsonOption = False,
) -> None:
    """List the videos on the board (published and dropped ones with --all)."""
    from tracker.services import board

    database, context = state.open()
    with database.read() as session:
        videos = board.list_videos(
            session,
            context,
            stage=stage,
            platform=platform,
            tag=tag,
            include_finished=all_,
            deleted=deleted,
        )
    if json:
        _print_json(videos)
        return
    if not videos:
        filtered = stage or platform or tag or deleted
        typer.echo(
            "No videos match." if filtered else 'No videos yet. Add one: tracker add "A title"'
        )
        return
    from tracker.core.durations import format_hours

    rows = [
        (
            f"#{v.number}",
            v.title,
            v.stage,
            ", ".join(v.platforms),
            _date(v.due_on, context),
            format_hours(timedelta(seconds=v.logged_seconds)),
            " ".join(f"#{t}" for t in v.tags),
        )
        for v in videos
    ]
    _print_table(("#", "Title", "Stage", "Platforms", "Due", "Logged", "Tags"), rows, flexible=1)


@app.command()
def show(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Video number (12, #12) or a piece of its title.")
    ],
    json: JsonOption = False,
) -> None:
    """Show a video: its fields, stage history and hours by activity."""
    from tracker.core.durations import format_seconds
    from tracker.services import board

    database, context = state.open()
    with database.read() as session:
        detail = board.video_detail(session, context, ref)
    if json:
        _print_json(detail)
        return
    video = detail.video
    lines = [
        f"#{video.number} {video.title}",
        f"  stage      {video.stage}",
        f"  platforms  {', '.join(video.platforms) or '-'}",
        f"  due        {_date(video.due_on, context)}",
        f"  tags       {' '.join('#' + t for t in video.tags) or '-'}",
        f"  logged     {format_seconds(video.logged_seconds)}",
    ]
    for label, value in (
        ("format", video.format),
        ("series", video.series),
        ("case", video.case_number),
        ("category", video.category),
        ("url", video.url),
        ("evergreen", "yes" if video.evergreen else None),
    ):
        if value is not None:
            lines.append(f"  {label:<10} {value}")
    if video.notes:
        lines.append(f"  notes      {video.notes}")
    lines.append("History:")
    for change in detail.history:
        origin = f"{change.from_stage} → " if change.from_stage else "created in "
        lines.append(f"  {context.shown(change.at)}  {origin}{change.to_stage}")
    if detail.by_activity:
        lines.append("Hours by activity:")
        for total in detail.by_activity:
            spent = format_seconds(total.seconds)
            lines.append(f"  {total.activity:<10} {spent}")
    typer.echo("\n".join(lines))


@app.command()
def move(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Video number or a piece of its title.")
    ],
    stage: Annotated[str, typer.Argument(metavar="STAGE", help="The stage to move it to.")],
) -> None:
    """Move a video to another stage (the move is recorded)."""
    from tracker.services import board

    database, context = state.open()
    video, origin = database.run_write(lambda s: board.move_video(s, context, ref, stage))
    if origin == video.stage:
        typer.echo(f"#{video.number} {video.title} is already in {video.stage}.")
    else:
        typer.echo(f"Moved #{video.number} {video.title}: {origin} → {video.stage}.")


@app.command()
def edit(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Video number or a piece of its title.")
    ],
    title: Annotated[str | None, typer.Option(metavar="TITLE", help="New title.")] = None,
    platform: Annotated[
        list[str] | None,
        typer.Option("--platform", "-p", metavar="PLATFORM", help="Replace the platforms."),
    ] = None,
    tag: Annotated[
        list[str] | None, typer.Option("--tag", "-t", metavar="TAG", help="Replace the tags.")
    ] = None,
    due: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"Due date ({DueHelp}) or none.")
    ] = None,
    notes: Annotated[str | None, typer.Option(metavar="TEXT", help="Replace the notes.")] = None,
    format_: Annotated[
        str | None, typer.Option("--format", metavar="FORMAT", help="short or long.")
    ] = None,
    series: Annotated[str | None, typer.Option(metavar="NAME", help="Series name.")] = None,
    case: Annotated[
        int | None, typer.Option(metavar="NUMBER", help="Case number in its series.")
    ] = None,
    category: Annotated[
        str | None, typer.Option(metavar="NAME", help="Category, e.g. clinical.")
    ] = None,
    url: Annotated[str | None, typer.Option(metavar="URL", help="Where it was published.")] = None,
    evergreen: Annotated[
        bool | None, typer.Option("--evergreen/--not-evergreen", help="Evergreen topic?")
    ] = None,
) -> None:
    """Change a video's fields; only the options given change."""
    from tracker.services import board

    database, context = state.open()
    changes: dict[str, Any] = {
        name: value
        for name, value in (
            ("title", title),
            ("platforms", platform),
            ("tags", tag),
            ("notes", notes),
            ("format", format_),
            ("series", series),
            ("case_number", case),
            ("category", category),
            ("url", url),
            ("evergreen", evergreen),
        )
        if value is not None
    }
    if due is not None:
        changes["due_on"] = None if due.strip().lower() == "none" else _due(due, context)
    if not changes:
        raise InputError("Nothing to change; give an option such as --title or --due.")
    video = database.run_write(lambda s: board.edit_video(s, context, ref, changes))
    typer.echo(f"Updated #{video.number} {video.title}.")


@app.command("rm")
def remove(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Video number or a piece of its title.")
    ],
) -> None:
    """Remove a video (it can be restored; its logged time is kept)."""
    from tracker.services import board

    database, context = state.open()
    video = database.run_write(lambda s: board.remove_video(s, context, ref))
    typer.echo(f"Removed #{video.number} {video.title}. Undo with: tracker restore {video.number}")


@app.command()
def restore(
    ref: Annotated[
        str, typer.Argument(metavar="VIDEO", help="Number or title of a removed video.")
    ],
) -> None:
    """Bring back a removed video."""
    from tracker.services import board

    database, context = state.open()
    video = database.run_write(lambda s: board.restore_video(s, context, ref))
    typer.echo(f"Restored #{video.number} {video.title} ({video.stage}).")


# --- the time log ------------------------------------------------------------------------------


@app.command()
def start(
    ref: Annotated[
        str | None, typer.Argument(metavar="VIDEO", help="Video to work on (optional).")
    ] = None,
    activity: Annotated[
        str | None,
        typer.Option(metavar="ACTIVITY", help="What kind of work (default: the video's stage)."),
    ] = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When you started, {WhenHelp}.")
    ] = None,
    anyway: AnywayOption = False,
) -> None:
    """Start a timer; a timer already running stops first."""
    from tracker.services import timelog

    database, context = state.open()
    begin = _when(at, context)
    change = database.run_write(
        lambda s: timelog.start_timer(
            s, context, ref, activity=activity, at=begin, during_break=anyway
        )
    )
    if change.stopped is not None:
        typer.echo(f"Stopped {_entry_line(change.stopped, context)}.")
    typer.echo(f"Started {_entry_line(change.started, context)}.")


@app.command()
def stop(
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When you stopped, {WhenHelp}.")
    ] = None,
) -> None:
    """Stop the running timer."""
    from tracker.services import timelog

    database, context = state.open()
    end = _when(at, context)
    entry = database.run_write(lambda s: timelog.stop_timer(s, context, at=end))
    typer.echo(f"Stopped {_entry_line(entry, context)}.")


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
    activity: Annotated[
        str | None, typer.Option(metavar="ACTIVITY", help="Kind of work (default: stage).")
    ] = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help=f"When it started, {WhenHelp}.")
    ] = None,
    from_: Annotated[str | None, typer.Option("--from", metavar="WHEN", help="Start time.")] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="WHEN", help="End time.")] = None,
    note: Annotated[str, typer.Option(metavar="TEXT", help="A note on the entry.")] = "",
    anyway: AnywayOption = False,
) -> None:
    """Log finished work. Without --at/--from/--to it ends now."""
    from tracker.services import timelog

    database, context = state.open()
    ref, start_at, end_at = _span(args or [], at, from_, to, context)
    entry = database.run_write(
        lambda s: timelog.log_entry(
            s, context, ref, start_at, end_at, activity=activity, note=note, during_break=anyway
        )
    )
    typer.echo(f"Logged {_entry_line(entry, context)}.")


@entries_app.callback(invoke_without_command=True)
def entries(
    ctx: typer.Context,
    day: Annotated[
        str | None, typer.Option(metavar="WHEN", help="A day, e.g. today, yesterday, mon.")
    ] = None,
    week: Annotated[
        str | None, typer.Option(metavar="WHEN", help="Any day of the week to list.")
    ] = None,
    json: JsonOption = False,
) -> None:
    """List your time entries for a day (default today) or a week."""
    if ctx.invoked_subcommand is not None:
        return
    from tracker.core.when import parse_day
    from tracker.services import timelog

    database, context = state.open()
    if day and week:
        raise InputError("Give either --day or --week, not both.")
    now = context.now()
    if week:
        bounds = context.week_bounds(parse_day(week, now))
    else:
        bounds = context.day_bounds(parse_day(day, now) if day else now.date())
    with database.read() as session:
        listing = timelog.list_entries(session, context, *bounds)
    if json:
        _print_json(listing)
        return
    _print_entries(listing, context)


@entries_app.command("edit")
def entries_edit(
    number: Annotated[
        str, typer.Argument(metavar="ENTRY", help="Entry number, as `tracker entries` shows it.")
    ],
    start_: Annotated[
        str | None, typer.Option("--start", metavar="WHEN", help=f"New start, {WhenHelp}.")
    ] = None,
    end: Annotated[str | None, typer.Option(metavar="WHEN", help="New end.")] = None,
    duration: Annotated[
        str | None, typer.Option(metavar="DURATION", help="New length, e.g. 1h30 (moves the end).")
    ] = None,
    activity: Annotated[str | None, typer.Option(metavar="ACTIVITY", help="New activity.")] = None,
    video: Annotated[
        str | None, typer.Option(metavar="VIDEO", help="Video number or title, or none.")
    ] = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="New note.")] = None,
) -> None:
    """Change a time entry's times, activity, video or note."""
    from tracker.core.durations import parse_duration
    from tracker.services import timelog

    database, context = state.open()
    entry_number = _entry_number(number)
    changes: dict[str, Any] = {}
    if start_ is not None:
        changes["start_at"] = _when(start_, context)
    if end is not None:
        changes["end_at"] = _when(end, context)
    if duration is not None:
        if end is not None:
            raise InputError("Give either --end or --duration, not both.")
        changes["duration"] = parse_duration(duration)
    if activity is not None:
        changes["activity"] = activity
    if video is not None:
        changes["video"] = None if video.strip().lower() == "none" else video
    if note is not None:
        changes["note"] = note
    if not changes:
        raise InputError("Nothing to change; give --start, --end, --duration, --activity, ...")
    entry = database.run_write(lambda s: timelog.edit_entry(s, context, entry_number, changes))
    typer.echo(f"Updated {_entry_line(entry, context)}.")


@entries_app.command("rm")
def entries_rm(
    number: Annotated[str, typer.Argument(metavar="ENTRY", help="Entry number.")],
) -> None:
    """Remove a time entry."""
    from tracker.services import timelog

    database, context = state.open()
    entry = database.run_write(lambda s: timelog.remove_entry(s, context, _entry_number(number)))
    typer.echo(f"Removed {_entry_line(entry, context)}.")


@app.command()
def status(
    json: JsonOption = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Exit 1 when an alert is active, 2 for a warning only (for prompts)."
        ),
    ] = False,
) -> None:
    """The running timer, today's and this week's hours, videos per stage, and any signals."""
    from tracker.core.sustainability import ALERT
    from tracker.services.status import status as current_status

    database, context = state.open()
    with database.read() as session:
        summary = current_status(session, context)
    if json:
        _print_json(summary)
    else:
        _print_status(summary, context)
        if summary.signals:
            typer.echo(context.settings.note())
    if check and summary.signals:
        alert = any(signal.level == ALERT for signal in summary.signals)
        raise typer.Exit(1 if alert else 2)


def _print_status(summary: Any, context: Context) -> None:
    from tracker.core.durations import format_seconds

    if summary.running is not None:
        typer.echo(f"Running: {_entry_line(summary.running, context)}")
    else:
        typer.echo("No timer running.")
    today, week = format_seconds(summary.today_seconds), format_seconds(summary.week_seconds)
    typer.echo(f"Today: {today}   This week: {week}")
    board = "  ".join(f"{stage} {count}" for stage, count in summary.stage_counts.items())
    typer.echo(f"Board: {board}")
    for signal in summary.signals:
        typer.echo(f"{signal.level.upper():<5}  {signal.message}")


@app.command()
def demo(
    keep: Annotated[
        str | None,
        typer.Option(metavar="PATH", help="Save the sample database at this path instead."),
    ] = None,
) -> None:
    """Open a realistic sample board in a throwaway database; your own data is not touched."""
    import tempfile
    from pathlib import Path

    from tracker.services.sample import fill_sample

    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as folder:
        path = Path(keep).expanduser() if keep else Path(folder) / "sample.db"
        if path.exists():
            raise InputError(f"{path} already exists; choose a new path for the sample.")
        state.db_flag = str(path)
        database, context = state.open()
        count = database.run_write(lambda s: fill_sample(s, context))
        if keep:
            typer.echo(f"Saved a sample board with {count} videos in {path}.")
            typer.echo(f"Look at it with: tracker --db {path}")
            return
        from tracker.tui.app import run_app

        run_app(database, context)
        state.close()


@app.command("break")
def plan_break(
    from_: Annotated[str, typer.Option("--from", metavar="WHEN", help="When it starts.")],
    to: Annotated[
        str, typer.Option("--to", metavar="WHEN", help="When it ends; a day alone means its end.")
    ],
    note: Annotated[str, typer.Option(metavar="TEXT", help="What the break is for.")] = "",
) -> None:
    """Plan a break: a rest day or a longer pause; runs of working days stand still in it."""
    from tracker.services import breaks

    database, context = state.open()
    start, end = _when_ahead(from_, context, end_of_day=False), _when_ahead(to, context, True)
    planned = database.run_write(lambda s: breaks.plan_break(s, context, start, end, note))
    typer.echo(
        f"Planned a break {context.shown(planned.start_at)} – {context.shown(planned.end_at)}."
    )


@app.command("breaks")
def list_breaks(json: JsonOption = False) -> None:
    """Planned breaks, and the break prompts you were shown with what you chose."""
    from tracker.services import breaks

    database, context = state.open()
    with database.read() as session:
        planned = breaks.planned_breaks(session, context)
        prompts, counts = breaks.prompt_history(session, context)
    if json:
        _print_json({"breaks": planned, "prompts": prompts, "answers": counts})
        return
    typer.echo("Planned breaks:" if planned else "No breaks planned. Plan one with: tracker break")
    for item in planned:
        note = f"  {item.note}" if item.note else ""
        typer.echo(f"  {context.shown(item.start_at)} – {context.shown(item.end_at)}{note}")
    if prompts:
        summary = ", ".join(f"{answer} {count}" for answer, count in sorted(counts.items()))
        typer.echo(f"Prompts: {summary}")
        for record in prompts:
            when = context.shown(record.shown_at)
            typer.echo(f"  {when}  {record.level:<5} {record.key:<13} {record.answer}")
        typer.echo(context.settings.note())


def _when_ahead(text: str, context: Context, end_of_day: bool) -> datetime:
    """A time for planning ahead: weekdays mean the coming one; a day with no clock time
    means its start, or with ``end_of_day`` the midnight after it."""
    import re

    from tracker.core.when import parse_when

    moment = parse_when(text, context.now(), past=False)
    if end_of_day and not re.search(r"\d:\d|\d\s*[ap]m|now|(^|\s)[+-]\d|ago", text.lower()):
        return context.day_start(moment.date() + timedelta(days=1))
    return moment


@app.command()
def checkin(
    answers: Annotated[
        str | None,
        typer.Option(
            metavar="LIST",
            help="All answers at once, 1-5 or - to skip, e.g. 2,3,3,4,-,4,... (else asked).",
        ),
    ] = None,
    history: Annotated[bool, typer.Option("--history", help="Show past scores.")] = False,
) -> None:
    """A short self-assessment (Copenhagen Burnout Inventory): self-monitoring, not a diagnosis."""
    from tracker.core.checkin import meaning
    from tracker.services import checkins

    database, context = state.open()
    if history:
        _print_checkin_history(database, context)
        typer.echo(context.settings.note())
        return
    items = checkins.instrument()
    given = _parse_answers(answers, len(items)) if answers else _ask(items)
    view = database.run_write(lambda s: checkins.record_checkin(s, context, given))
    for label, value in (("Personal", view.personal_score), ("Work-related", view.work_score)):
        shown = "-" if value is None else f"{value:.0f}"
        typer.echo(f"{label} burnout score: {shown} / 100. {meaning(value)}")
    typer.echo(context.settings.note())


def _ask(items: Any) -> list[int | None]:
    """Ask each question on the terminal; Enter skips one."""
    given: list[int | None] = []
    typer.echo("Think of the last four weeks. Answer 1-5, or press Enter to skip.")
    for number, item in enumerate(items, start=1):
        choices = "  ".join(f"{i} {label}" for i, label in enumerate(item.choices, start=1))
        typer.echo(f"\n{number}/{len(items)} {item.text}\n   {choices}")
        while True:
            reply = input("> ").strip()
            if not reply:
                given.append(None)
                break
            if reply in ("1", "2", "3", "4", "5"):
                given.append(int(reply) - 1)
                break
            typer.echo("Answer with a number from 1 to 5, or press Enter to skip.")
    return given


def _parse_answers(text: str, count: int) -> list[int | None]:
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != count or not all(part in ("1", "2", "3", "4", "5", "-") for part in parts):
        raise InputError(
            f"Give {count} answers separated by commas, each 1-5 or - to skip "
            "(1 = always / to a very high degree, 5 = never / to a very low degree)."
        )
    return [None if part == "-" else int(part) - 1 for part in parts]


def _print_checkin_history(database: Database, context: Context) -> None:
    from tracker.services import checkins, timelog

    with database.read() as session:
        past = checkins.checkin_history(session, context)
        hours = [
            timelog.seconds_logged(
                session, context, view.taken_at - timedelta(weeks=4), view.taken_at
            )
            / 3600
            for view in past
        ]
    if not past:
        typer.echo("No check-ins yet. Take one with: tracker checkin")
        return
    rows = [
        (
            context.shown(view.taken_at),
            "-" if view.personal_score is None else f"{view.personal_score:.0f}",
            "-" if view.work_score is None else f"{view.work_score:.0f}",
            f"{logged:.1f} h",
        )
        for view, logged in zip(past, hours, strict=True)
    ]
    _print_table(("Taken", "Personal", "Work", "Logged in 4 weeks before"), rows, flexible=0)


@app.command()
def chart(
    name: Annotated[
        str | None, typer.Argument(metavar="NAME", help="Which chart; --list shows them.")
    ] = None,
    weeks: Annotated[
        str, typer.Option(metavar="N", help="How many weeks back (a number, or all).")
    ] = "12",
    member: Annotated[
        str | None, typer.Option(metavar="NAME", help="Whose work, on a shared database.")
    ] = None,
    table: Annotated[bool, typer.Option("--table", help="The numbers instead of a chart.")] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the charts.")] = False,
    json: JsonOption = False,
) -> None:
    """Charts of effort against output, drawn in the terminal."""
    from tracker.charts import CHARTS, render_text
    from tracker.services.members import as_member, weeks_since_first_entry

    if list_ or name is None:
        for chart_name, spec in CHARTS.items():
            typer.echo(f"{chart_name:<18} {spec.about}")
        return
    spec = CHARTS.get(name)
    if spec is None:
        raise InputError(f'Unknown chart "{name}"; `tracker chart --list` shows them.')
    database, context = state.open()
    with database.read() as session:
        if member:
            context = as_member(session, context, member)
        period = _weeks(weeks) or weeks_since_first_entry(session, context)
        data = spec.data(session, context, period)
    if json:
        _print_json(data)
        return
    if spec.empty(data):
        typer.echo(f"Nothing to chart from the last {period} weeks: {spec.empty_hint}.")
        return
    if table:
        headers, rows = spec.table(data)
        _print_table(headers, rows, flexible=len(headers) - 1)
        return
    import shutil

    drawing = render_text(spec, data, context, shutil.get_terminal_size().columns)
    if not sys.stdout.isatty():
        import plotext

        drawing = plotext.uncolorize(drawing)
    typer.echo(drawing)


@app.command()
def metrics(
    ref: Annotated[str, typer.Argument(metavar="VIDEO", help="A published video.")],
    views: Annotated[int | None, typer.Option(metavar="N", help="Views so far.")] = None,
    likes: Annotated[int | None, typer.Option(metavar="N", help="Likes so far.")] = None,
    comments: Annotated[int | None, typer.Option(metavar="N", help="Comments so far.")] = None,
    shares: Annotated[int | None, typer.Option(metavar="N", help="Shares so far.")] = None,
    at: Annotated[
        str | None, typer.Option(metavar="WHEN", help="As of when (default: now).")
    ] = None,
) -> None:
    """Record a published video's views, likes, comments or shares (for the engagement chart)."""
    from tracker.services.metrics import record_metrics

    database, context = state.open()
    counts = {"views": views, "likes": likes, "comments": comments, "shares": shares}
    moment = _when(at, context)
    recorded = database.run_write(lambda s: record_metrics(s, context, ref, counts, moment))
    shown = ", ".join(f"{value} {name}" for name, value in recorded.counts.items())
    typer.echo(f"Recorded {shown} for #{recorded.number} as of {context.shown(recorded.at)}.")


# --- database and config ----------------------------------------------------------------------


@db_app.callback(invoke_without_command=True)
def db_group(ctx: typer.Context) -> None:
    """Where the data lives, backups and schema upgrades."""
    _help_without_subcommand(ctx)


@config_app.callback(invoke_without_command=True)
def config_group(ctx: typer.Context) -> None:
    """The configuration file."""
    _help_without_subcommand(ctx)


def _help_without_subcommand(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@db_app.command("path")
def db_path() -> None:
    """Print where the database is (a file path, or the URL without password)."""
    from sqlalchemy.engine import make_url

    from tracker.db.engine import database_url, sqlite_path
    from tracker.session import database_location

    url = database_url(database_location(state.db_flag))
    path = sqlite_path(url)
    typer.echo(str(path) if path else make_url(url).render_as_string(hide_password=True))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database's schema up to date (opening it does this too)."""
    database, _context = state.open()
    typer.echo(f"The database is up to date: {database.url}")


@db_app.command("backup")
def db_backup(
    path: Annotated[
        str | None, typer.Argument(metavar="PATH", help="Where to write the copy.")
    ] = None,
) -> None:
    """Copy a SQLite database safely, even while tracker is running."""
    from pathlib import Path

    from tracker.core.errors import StorageError
    from tracker.db.database import backup_file

    database, _context = state.open()
    if database.path is None:
        raise StorageError("Back up a PostgreSQL database with pg_dump; this copies SQLite files.")
    target = backup_file(database.path, Path(path).expanduser() if path else None)
    typer.echo(f"Backed up to {target}")


@config_app.command("path")
def config_path_command() -> None:
    """Print where the config file is read from."""
    from tracker.config import config_path

    typer.echo(str(config_path()))


@config_app.command("show")
def config_show() -> None:
    """Print the settings in force (file values over defaults), as a config file would."""
    from dataclasses import fields

    from tracker.config import WEEKDAYS, config_path, load_settings
    from tracker.core.sustainability import Limits

    settings = load_settings()
    path = config_path()
    typer.echo(f"# {path}{'' if path.exists() else ' (not present: all defaults)'}")
    typer.echo(f'timezone = "{settings.zone_name()}"')
    typer.echo(f'member = "{settings.member_name()}"')
    typer.echo(f'week_start = "{WEEKDAYS[settings.week_start]}"')
    typer.echo("stages = [" + ", ".join(f'"{s}"' for s in settings.stages) + "]")
    typer.echo("platforms = [" + ", ".join(f'"{p}"' for p in settings.platforms) + "]")
    if settings.database:
        typer.echo(f'database = "{settings.database}"')
    if settings.help_line:
        typer.echo(f'help_line = "{settings.help_line}"')
    typer.echo(f"prompt_bell = {str(settings.prompt_bell).lower()}")
    typer.echo(f"desktop_notifications = {str(settings.desktop_notifications).lower()}")
    typer.echo("\n[wip_limits]")
    for stage, limit in settings.wip_limits.items():
        typer.echo(f"{stage} = {limit}")
    typer.echo("\n[thresholds]")
    for spec in fields(settings.thresholds):
        value = getattr(settings.thresholds, spec.name)
        if isinstance(value, Limits):
            shown = (
                f"{{ warn = {value.warn:g}, alert = {value.alert:g} }}"
                if value.enabled
                else "false"
            )
        elif isinstance(value, float | int):
            shown = f"{value:g}"
        else:
            shown = f'"{value:%H:%M}"'
        typer.echo(f"{spec.name} = {shown}")


# --- helpers ----------------------------------------------------------------------------------


def _when(text: str | None, context: Context) -> datetime | None:
    if text is None:
        return None
    from tracker.core.when import parse_when

    return parse_when(text, context.now())


def _due(text: str | None, context: Context) -> Any:
    if text is None:
        return None
    from tracker.core.when import parse_when

    return parse_when(text, context.now(), past=False).date()


def _span(
    args: list[str], at: str | None, from_: str | None, to: str | None, context: Context
) -> tuple[str | None, datetime, datetime]:
    """Work out (video, start, end) from `log`'s arguments and options."""
    from tracker.core.durations import parse_duration
    from tracker.core.when import shift

    if at and (from_ or to):
        raise InputError("Give either --at or --from/--to, not both.")
    explicit = from_ is not None and to is not None
    ref, length_text = _video_and_duration(args, explicit)
    length = parse_duration(length_text) if length_text else None
    now = context.now()
    if explicit:
        assert from_ is not None and to is not None
        begin, end = _when(from_, context), _when(to, context)
        assert begin is not None and end is not None
        if length is not None and shift(begin, length) != end:
            raise InputError("The duration does not match --from and --to; give one or the other.")
        return ref, begin, end
    assert length is not None
    if at or from_:
        begin = _when(at or from_, context)
        assert begin is not None
        return ref, begin, shift(begin, length)
    end = _when(to, context) if to else now
    assert end is not None
    return ref, shift(end, -length), end


def _weeks(text: str) -> int | None:
    """A number of weeks from 1 to MOST_WEEKS, or None for `all`."""
    import re

    from tracker.services.members import MOST_WEEKS

    cleaned = text.strip().lower()
    if cleaned == "all":
        return None
    if re.fullmatch("[0-9]{1,4}", cleaned) and 1 <= int(cleaned) <= MOST_WEEKS:
        return int(cleaned)
    raise InputError(f'"{text}" is not a number of weeks; give 1 to {MOST_WEEKS}, or all.')


def _video_and_duration(args: list[str], explicit: bool) -> tuple[str | None, str | None]:
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
        parse_duration(whole)
    except InputError:
        if len(args) == 1 and explicit:
            return args[0], None
        if len(args) == 1:
            raise
        return args[0], " ".join(args[1:])
    return None, whole


def _entry_number(text: str) -> int:
    import re

    cleaned = text.strip().lstrip("#")
    if not re.fullmatch("[0-9]{1,9}", cleaned):
        raise InputError(f'"{text}" is not an entry number; `tracker entries` shows them (e.g. 7).')
    return int(cleaned)


def _entry_line(entry: EntryView, context: Context) -> str:
    from tracker.core.durations import format_seconds

    start_text = context.shown(entry.start_at)
    until = context.shown(entry.end_at, "%H:%M") if entry.end_at else "now"
    video = f" on #{entry.video_number} {entry.video_title}" if entry.video_number else ""
    spent = format_seconds(entry.seconds)
    return f"entry {entry.number}: {entry.activity}{video}, {start_text}–{until} ({spent})"


def _date(value: Any, context: Context) -> str:
    """A date, with its year only when it is not this year's."""
    if not value:
        return "-"
    same_year = value.year == context.now().year
    return value.strftime("%a %d %b" if same_year else "%a %d %b %Y")


def _print_entries(listing: Any, context: Context) -> None:
    from tracker.core.durations import format_seconds

    start_day = context.shown(listing.start, "%a %d %b")
    last_day = context.shown((listing.end - timedelta(seconds=1)), "%a %d %b")
    period = start_day if start_day == last_day else f"{start_day} – {last_day}"
    if not listing.entries:
        typer.echo(f"No entries for {period}. Log one with: tracker log 45m")
        return
    rows = [
        (
            f"{entry.number}",
            context.shown(entry.start_at),
            context.shown(entry.end_at, "%H:%M") if entry.end_at else "running",
            format_seconds(entry.seconds),
            entry.activity,
            f"#{entry.video_number} {entry.video_title}" if entry.video_number else "",
            entry.note,
        )
        for entry in listing.entries
    ]
    headers = ("Entry", "Start", "End", "Time", "Activity", "Video", "Note")
    _print_table(headers, rows, flexible=5)
    by_activity = ", ".join(
        f"{t.activity} {format_seconds(t.seconds)}" for t in listing.by_activity
    )
    total = format_seconds(listing.total_seconds)
    typer.echo(f"Total for {period}: {total} ({by_activity})")


def _print_table(headers: tuple[str, ...], rows: list[tuple[str, ...]], flexible: int) -> None:
    """Print a table cut to the terminal's width; piped output keeps every character."""
    import shutil

    from tracker.core.table import format_table

    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
    typer.echo(format_table(headers, rows, width, flexible=flexible))


def _print_json(value: Any) -> None:
    import json

    from tracker.services.views import to_json

    typer.echo(json.dumps(to_json(value), indent=2, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors become one line on stderr and a non-zero exit, never a traceback."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="tracker", standalone_mode=False)
    except TrackerError as error:
        typer.echo(f"error: {error}", err=True)
        return error.exit_code
    except typer.TyperException as error:  # usage errors: a missing argument, a bad option
        context = getattr(error, "ctx", None)
        where = context.command_path if context else "tracker"
        message = error.format_message().strip().rstrip(".")
        typer.echo(f"error: {message}; see `{where} --help`.", err=True)
        return getattr(error, "exit_code", 2)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Interrupted; nothing was changed by the unfinished command.", err=True)
        return 130
    except Exception:  # a bug, not the user's fault: keep the details, show one line
        from tracker.session import save_crash_report

        path = save_crash_report()
        typer.echo(f"error: tracker hit an unexpected problem; details are in {path}", err=True)
        return 70
    finally:
        state.close()
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
