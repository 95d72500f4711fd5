"""Opening the screens: `tracker` alone, and `tracker demo`."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker import __version__
from tracker.cli import render
from tracker.cli.base import DbOption, app, state


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
        from tracker.tui.app import run_app

        database, context = state.open()
        run_app(database, context)


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

    with tempfile.TemporaryDirectory(prefix="tracker-demo-") as folder:
        path = Path(keep).expanduser() if keep is not None else Path(folder) / "sample.db"
        with create_private_file(path, "sample"):
            pass  # a new private file, never through a symlink, for the database to fill
        state.db_flag = str(path)
        database, context = state.open()
        count = database.run_write(lambda s: fill_sample(s, context))
        if keep is not None:
            render.say(f"Saved a sample board with {count} videos in {render.safe(str(path))}.")
            render.say(f"Look at it with: tracker --db {render.safe(str(path))}")
            return
        from tracker.tui.app import run_app

        try:
            run_app(database, context)
        finally:
            state.close()
