"""Opening the screens: `tracker` alone, and `tracker demo`."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated

import typer

from tracker import __version__
from tracker.cli import render
from tracker.cli.base import DbOption, app, state
from tracker.core.errors import InputError

NO_TERMINAL = (
    "tracker needs a terminal to draw the board; use a command such as tracker status, "
    "or tracker demo --keep PATH"
)
UNWOUND_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: DbOption = None,
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    """Run a command, or open the board when none is given."""
    if version:
        render.say(f"tracker {__version__}")
        raise typer.Exit()
    state.db_flag = db
    if ctx.invoked_subcommand is None:
        require_terminal()
        from tracker.tui.app import run_app

        database, context = state.open()
        code = run_app(database, context)
        if code:
            raise typer.Exit(code)


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

    from tracker.db.database import create_private_file
    from tracker.services.sample import fill_sample

    if keep is None:
        require_terminal()
    # The throwaway database goes with its folder however the demo ends: a quit, an error, or a
    # signal (while the board is drawn the app turns SIGTERM, SIGHUP and SIGINT into a quit).
    with signals_unwind(), tempfile.TemporaryDirectory(prefix="tracker-demo-") as folder:
        path = Path(keep).expanduser() if keep is not None else Path(folder) / "sample.db"
        with create_private_file(path, "sample"):
            pass  # a new private file, never through a symlink, for the database to fill
        state.db_flag = str(path)
        try:
            database, context = state.open()
            count = database.run_write(lambda s: fill_sample(s, context))
            if keep is not None:
                render.say(f"Saved a sample board with {count} videos in {render.safe(str(path))}.")
                render.say(f"Look at it with: tracker --db {render.safe(str(path))}")
                return
            from tracker.tui.app import run_app

            code = run_app(database, context, demo=True)
        finally:
            state.close()  # before the folder goes: the database file must be closed first
    if code:
        raise typer.Exit(code)


@contextmanager
def signals_unwind() -> Iterator[None]:
    """SIGTERM and SIGHUP raise SystemExit (exit code 128 + N) instead of killing the process
    where it stands, so every ``finally`` and ``with`` on the way out still runs."""

    def unwind(number: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    previous = {number: signal.signal(number, unwind) for number in UNWOUND_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def require_terminal() -> None:
    """Refuse to draw the board into a file or a pipe: it would be escape codes, not a board.
    Textual draws on stderr, reads keys from stdin, and stdout must stay a terminal too."""
    if not all(stream.isatty() for stream in (sys.stdin, sys.stdout, sys.stderr)):
        raise InputError(NO_TERMINAL)
