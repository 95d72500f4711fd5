"""`tracker export json|csv|ics` and `tracker import json`: the data out, and a JSON export back
into an empty database.

An export goes to stdout, or with -o into a new private file written at once (``--force`` to
replace one). On a terminal a long JSON export or import shows a progress bar; the services
only call back with how far they are.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO, TypeVar

import typer

from tracker.cli import render
from tracker.cli.base import only_one, state
from tracker.cli.transfer import export_app, import_app
from tracker.core.errors import InputError

if TYPE_CHECKING:
    pass

T = TypeVar("T")
# Below this many rows (or bytes), the work is over before a bar would be worth drawing.
PROGRESS_FROM_ROWS = 50_000
PROGRESS_FROM_BYTES = 8 << 20
# What a spreadsheet needs to read accents right: Excel takes a CSV without it for ANSI.
CSV_FILE_ENCODING = "utf-8-sig"
TABLE_WORDS = {
    "member": "members",
    "video": "videos",
    "stage_change": "stage changes",
    "time_entry": "time entries",
    "prompt": "prompts",
    "pause": "breaks",
    "checkin": "check-ins",
    "metric": "metrics",
    "override": "checklist overrides",
    "series": "series",
    "post": "posts",
    "checklist_item": "shared checklist items",
}

OutputOption = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to this new file (private, written at once) instead of stdout.",
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the file given with -o if it exists.")
]


@export_app.command("json")
def export_json(output: OutputOption = None, force: ForceOption = False) -> None:
    """Everything, lossless: every row of every table, deleted ones too, as JSON that
    `tracker import json` restores into an empty database."""
    from tracker.services import archive

    target = _target(output, force)
    database, context = state.open(create=False)
    bar = render.progress_bar("Exporting", PROGRESS_FROM_ROWS)
    with database.read() as session, bar as progress:
        counts = _write(
            target, force, lambda stream: archive.dump(session, stream, context.now(), progress)
        )
    _done(target, f"everything ({_counted(counts)})")


@export_app.command("csv")
def export_csv(
    entries: Annotated[
        bool, typer.Option("--entries", help="The time log: one row per entry.")
    ] = False,
    videos: Annotated[
        bool, typer.Option("--videos", help="The board: one row per video, with hours logged.")
    ] = False,
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """A CSV file for spreadsheets, of the time log or of the videos; times in your zone."""
    from tracker.services import exports

    only_one(entries=entries, videos=videos)
    if not (entries or videos):
        raise InputError("Say what to export: --entries (the time log) or --videos (the board).")
    target = _target(output, force)
    database, context = state.open(create=False)
    write = exports.write_entries_csv if entries else exports.write_videos_csv
    with database.read() as session:
        count = _write(
            target, force, lambda stream: write(session, context, stream), CSV_FILE_ENCODING
        )
    _done(target, _many(count, "entry", "entries") if entries else _many(count, "video", "videos"))


@export_app.command("ics")
def export_ics(output: OutputOption = None, force: ForceOption = False) -> None:
    """Due dates and scheduled publish times as an iCalendar file; importing a later export
    into a calendar updates the same events instead of adding copies."""
    from tracker.services import exports

    target = _target(output, force)
    database, _context = state.open(create=False)
    with database.read() as session:
        count = _write(target, force, lambda stream: exports.write_calendar(session, stream))
    _done(target, _many(count, "event", "events"))


@import_app.command("json")
def import_json(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A file made by `tracker export json`.")
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check the file and say what it would restore; change nothing."
        ),
    ] = False,
) -> None:
    """Restore a JSON export into an empty database (a new --db path), all or nothing."""
    from tracker.services import archive

    path = Path(file).expanduser()
    with archive.open_export(path) as raw:
        database, context = state.open()
        with render.progress_bar("Importing", PROGRESS_FROM_BYTES) as progress:
            restored = archive.restore(database, raw, str(path), dry_run=dry_run, progress=progress)
    shown = render.safe(str(path))
    if restored.dry_run:
        render.say(f"Would restore {_counted(restored.rows)} from {shown}; nothing was changed.")
    else:
        render.say(f"Restored {_counted(restored.rows)} from {shown}.")
    name = context.settings.member_name()
    if restored.members and name not in restored.members:
        known = ", ".join(render.safe(member) for member in restored.members)
        render.say(
            f"You are {render.safe(name)} here, who is not among its members ({known}): your "
            "next command adds you as a new member. To carry on as one of them, set member "
            "in the config file (tracker config path)."
        )


def _target(output: str | None, force: bool) -> Path | None:
    """The file asked for, checked before any work starts; None for stdout."""
    if output is None:
        return None
    from tracker.services.exports import check_output

    target = Path(output).expanduser()
    check_output(target, force=force)
    return target


def _write(
    target: Path | None, force: bool, produce: Callable[[TextIO], T], encoding: str = "utf-8"
) -> T:
    if target is None:
        return produce(sys.stdout)
    from tracker.services.exports import write_output

    return write_output(target, produce, force=force, encoding=encoding)


def _done(target: Path | None, what: str) -> None:
    """Say what went into a file; on stdout the export speaks for itself."""
    if target is not None:
        render.say(f"Exported {what} to {render.safe(str(target))}.")


def _many(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


def _counted(counts: dict[str, int]) -> str:
    """``members: 1, videos: 12, ...`` in the order a person reads a board, not the order the
    tables are written in."""
    order = list(TABLE_WORDS)
    ranked = sorted(counts, key=lambda name: order.index(name) if name in order else len(order))
    return ", ".join(f"{TABLE_WORDS.get(name, name)}: {counts[name]}" for name in ranked)
