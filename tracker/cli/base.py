"""What every command shares: the typer apps, the workspace opened on first use, the options
that several commands take, and the rules that turn their text into values."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.core.errors import InputError
from tracker.services.context import system_clock

if TYPE_CHECKING:
    from tracker.core.periods import Period
    from tracker.db.database import Database
    from tracker.services.context import Context

app = typer.Typer(
    name="tracker",
    help="A content board, time log and sustainability check for people who make videos.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def group(name: str, about: str) -> typer.Typer:
    """A command group (``tracker db ...``) that prints its help when given no subcommand."""
    sub = typer.Typer(help=about)

    @sub.callback(invoke_without_command=True)
    def _show_help(ctx: typer.Context) -> None:
        if ctx.invoked_subcommand is None:
            typer.echo(ctx.get_help())

    _show_help.__doc__ = about
    app.add_typer(sub, name=name)
    return sub


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
    bool,
    typer.Option(
        "--anyway",
        help="Go ahead inside a planned break, or with a date before 2000 or over a year ahead.",
    ),
]
VideoArgument = Annotated[
    str, typer.Argument(metavar="VIDEO", help="Video number (12, #12) or a piece of its title.")
]
WHEN_HELP = "e.g. now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00, -2h"
DUE_HELP = "e.g. fri, next mon, tomorrow, 2026-12-01"
LENGTH_HELP = "e.g. 59s, 3m30s, 12:30"


class Interrupted(BaseException):
    """Ctrl+C while a command runs. ``main`` has SIGINT raise this instead of
    KeyboardInterrupt, which typer turns into a silent exit before anything can be said."""


def raise_interrupted(_signal: int, _frame: object) -> None:
    raise Interrupted


class State:
    """What the top-level options chose; the database is opened on first use."""

    def __init__(self) -> None:
        self.db_flag: str | None = None
        self.clock: Callable[[], datetime] = system_clock
        self._opened: tuple[Database, Context] | None = None

    def open(self, *, create: bool = True) -> tuple[Database, Context]:
        """The database and the member's context; ``create=False`` for commands that only
        read, so a mistyped --db folder is refused rather than made."""
        if self._opened is None:
            from tracker.session import open_workspace

            self._opened = open_workspace(
                self.db_flag, notice=notice, clock=self.clock, create=create
            )
        return self._opened

    def saved_anything(self) -> bool:
        """Whether this command has committed a change."""
        return self._opened is not None and self._opened[0].committed

    def close(self) -> None:
        if self._opened is not None:
            self._opened[0].dispose()
        self._opened = None


state = State()


def notice(message: str) -> None:
    typer.echo(message, err=True)


def only_one(**given: object) -> None:
    """Refuse options that contradict each other: at most one of them may be given."""
    named = [
        f"--{name.rstrip('_').replace('_', '-')}" for name, value in given.items() if _given(value)
    ]
    if len(named) > 1:
        raise InputError(f"Give either {' or '.join(named)}, not both.")


def _given(value: object) -> bool:
    return value is not None and value is not False and value != []


def when(text: str | None, context: Context, *, anyway: bool = False) -> datetime | None:
    """A moment typed by the user, or None when the option was not given."""
    if text is None:
        return None
    from tracker.core.when import parse_when

    return parse_when(text, context.now(), **context.reading(anyway=anyway))


def due(text: str | None, context: Context, *, anyway: bool = False) -> date | None:
    """A due date: weekdays mean the coming one."""
    if text is None:
        return None
    if text.strip().lower() == "none":
        raise InputError("To clear the due date, use --no-due.")
    from tracker.core.when import parse_due

    return parse_due(text, context.now(), **context.reading(anyway=anyway))


def day(text: str, context: Context) -> date:
    """A day to look at; looking is harmless, so far-off days need no --anyway."""
    from tracker.core.when import parse_day

    return parse_day(text, context.now(), **context.reading(anyway=True))


def week_of(text: str, context: Context) -> Period:
    """A week to look at: its number (``2026-W47``) or any day in it (today, 2026-11-20)."""
    from tracker.core.periods import is_week_number, parse_week, week_holding

    if is_week_number(text):
        return parse_week(text, context.settings.week_start)
    spoken = " ".join(text.lower().split())
    if spoken in ("this week", "last week"):
        back = 7 if spoken == "last week" else 0
        return week_holding(context.today() - timedelta(days=back), context.settings.week_start)
    try:
        return week_holding(day(text, context), context.settings.week_start)
    except InputError as error:
        raise InputError(
            f'{str(error).rstrip(".")}. A week is its number (2026-W47), "last week", or any '
            "day in it."
        ) from None


def video_length(text: str | None) -> int | None:
    if text is None:
        return None
    from tracker.core.durations import parse_video_length

    return parse_video_length(text)
