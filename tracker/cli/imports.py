"""``tracker import ...``: history from Watson, Timewarrior and Toggl, case spreadsheets, and
platform analytics. Every import is all or nothing, idempotent, and has ``--dry-run``; the
rules are in ``tracker.services.imports`` and docs/imports.md."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import Interrupted, notice, state, when
from tracker.cli.transfer import import_app

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from sqlmodel import Session

    from tracker.db.database import Database
    from tracker.services.imports import ImportResult
    from tracker.services.imports.tables import Table

# Files smaller than this read too quickly for a bar to help.
LARGE_FILE_BYTES = 4 << 20
INTERRUPTED = "Import interrupted: nothing was imported."

DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Show what would be imported, and change nothing."),
]
StageOption = Annotated[
    str,
    typer.Option(
        metavar="STAGE",
        help="Stage of the videos made for new projects (default: published, and archived).",
        show_default=False,
    ),
]
MapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN,...",
        help="Which column holds which field, e.g. title=Case,due=Date (may be repeated); "
        "columns named like a field need none.",
    ),
]
MetricsMapOption = Annotated[
    list[str] | None,
    typer.Option(
        "--map",
        metavar="FIELD=COLUMN,...",
        help='Which column holds which field, e.g. title="Video title",views=Views (may be '
        "repeated); columns named like a field need none.",
    ),
]
SheetOption = Annotated[
    str | None, typer.Option(metavar="NAME", help="The workbook's sheet (default: the first).")
]


@import_app.command("watson")
def watson(
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="PATH",
            help="Watson's frames file (default: $WATSON_DIR/frames or ~/.config/watson/frames).",
            show_default=False,
        ),
    ] = None,
    stage: StageOption = "published",
    dry_run: DryRunOption = False,
) -> None:
    """Import Watson's frames: projects become videos, tags activities."""
    from tracker.services.imports.watson import default_frames, import_watson

    frames = path if path is not None else default_frames()
    database, context = state.open()
    with _all_or_nothing(), render.progress_bar("Watson frames", LARGE_FILE_BYTES) as bar:
        result = database.run_write(
            lambda s: import_watson(
                s, context, frames, shown=str(frames), stage=stage, dry_run=dry_run, progress=bar
            )
        )
    _report(result)


@import_app.command("timewarrior")
def timewarrior(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIR",
            help="Timewarrior's folder, which holds data/ (default: $TIMEWARRIORDB or "
            "~/.timewarrior).",
            show_default=False,
        ),
    ] = None,
    stage: StageOption = "published",
    dry_run: DryRunOption = False,
) -> None:
    """Import Timewarrior's intervals: a tag naming a video on the board (else the first tag
    naming no activity) becomes the video."""
    from tracker.services.imports.timewarrior import default_folder, import_timewarrior

    data = folder if folder is not None else default_folder()
    database, context = state.open()
    with _all_or_nothing(), render.progress_bar("Timewarrior intervals", LARGE_FILE_BYTES) as bar:
        result = database.run_write(
            lambda s: import_timewarrior(
                s, context, data, shown=str(data), stage=stage, dry_run=dry_run, progress=bar
            )
        )
    _report(result)


@import_app.command("toggl")
def toggl(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A Toggl Track detailed report saved as CSV.")
    ],
    user: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Only this person's rows (a name or e-mail)."),
    ] = None,
    stage: StageOption = "published",
    dry_run: DryRunOption = False,
) -> None:
    """Import a Toggl Track detailed report (CSV), read in your time zone."""
    from tracker.services.imports.toggl import import_toggl

    database, context = state.open()
    with _all_or_nothing(), render.progress_bar("Toggl rows", LARGE_FILE_BYTES) as bar:
        result = database.run_write(
            lambda s: import_toggl(
                s, context, file, user=user, stage=stage, dry_run=dry_run, progress=bar
            )
        )
    _report(result)


KeyOption = Annotated[
    str | None,
    typer.Option(
        metavar="COLUMN",
        help="The column that names each row for good, e.g. a case number (default: the title).",
    ),
]


@import_app.command("csv")
def csv(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The spreadsheet saved as CSV.")],
    map_: MapOption = None,
    key: KeyOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Import a case spreadsheet (CSV): each row becomes a video. Fields: title, due, stage,
    platforms, tags, series, case, notes, url, published."""
    _sheet(file, map_, key, dry_run, lambda f: _read_csv(f, "a spreadsheet saved as CSV"))


@import_app.command("xlsx")
def xlsx(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The Excel workbook (.xlsx).")],
    map_: MapOption = None,
    key: KeyOption = None,
    sheet: SheetOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Import a case spreadsheet (Excel .xlsx): each row becomes a video. Fields: title, due,
    stage, platforms, tags, series, case, notes, url, published."""
    _sheet(file, map_, key, dry_run, lambda f: _read_xlsx(f, sheet, "an Excel workbook (.xlsx)"))


@import_app.command("metrics")
def metrics(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="The platform's analytics export (CSV or .xlsx).")
    ],
    map_: MetricsMapOption = None,
    at: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="When the figures were taken (default: now)."),
    ] = None,
    sheet: SheetOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Import views, likes, comments, shares and watch time of published videos, matched by
    URL or title. Fields: title, url, views, likes, comments, shares, and watch time as
    watch_hours, watch_minutes, watch_seconds or watch_time (its unit in the column's name)."""
    from tracker.core.imports.cells import parse_mapping
    from tracker.services.imports import SourceFile
    from tracker.services.imports.metrics import FIELDS, import_metrics
    from tracker.services.imports.tables import TABLE_REMEDIES, read_table

    mapping = parse_mapping(map_ or [], FIELDS)
    database, context = state.open()
    moment = when(at, context)
    what = "a platform's analytics export (CSV or .xlsx)"
    source = SourceFile(Path(file), what, file, remedies=TABLE_REMEDIES)
    result = _write(
        database,
        lambda s: import_metrics(
            s, context, read_table(source, sheet), mapping, at=moment, dry_run=dry_run
        ),
    )
    _report(result)


def _sheet(
    file: str,
    specs: list[str] | None,
    key: str | None,
    dry_run: bool,
    read: Callable[[str], Callable[[], Table]],
) -> None:
    from tracker.core.imports.cells import parse_mapping
    from tracker.services.imports.sheets import FIELDS, import_sheet

    mapping = parse_mapping(specs or [], FIELDS)
    database, context = state.open()
    table = read(file)
    result = _write(
        database, lambda s: import_sheet(s, context, table(), mapping, key=key, dry_run=dry_run)
    )
    _report(result)


def _write(database: Database, work: Callable[[Session], ImportResult]) -> ImportResult:
    with _all_or_nothing():
        return database.run_write(work)


@contextmanager
def _all_or_nothing() -> Iterator[None]:
    """Around an import's write transaction (and its progress bar, which is gone by then):
    Ctrl+C rolls all of it back and says so in one line. What comes after the commit (the
    summary) is outside: an interrupt there finds the import done."""
    try:
        yield
    except (Interrupted, KeyboardInterrupt):
        from tracker.cli import INTERRUPTED_EXIT_CODE  # the code of every interrupted command

        notice(INTERRUPTED)
        raise typer.Exit(INTERRUPTED_EXIT_CODE) from None


def _read_csv(file: str, what: str) -> Callable[[], Table]:
    """A fresh reader each time it is called: a retried write reads the file again."""
    from tracker.services.imports import SourceFile
    from tracker.services.imports.tables import CSV_REMEDIES, read_csv

    return lambda: read_csv(SourceFile(Path(file), what, file, remedies=CSV_REMEDIES))


def _read_xlsx(file: str, sheet: str | None, what: str) -> Callable[[], Table]:
    from tracker.services.imports import SourceFile
    from tracker.services.imports.tables import XLSX_REMEDIES, read_xlsx

    return lambda: read_xlsx(SourceFile(Path(file), what, file, remedies=XLSX_REMEDIES), sheet)


def _report(result: ImportResult) -> None:
    counted = "; ".join(
        f"{tally.what} {tally.new} new, {tally.already} already here" for tally in result.tallies
    )
    where = render.safe(result.path)
    if result.dry_run:
        render.say(f"Dry run, nothing was changed. {where} would bring: {counted}.")
    else:
        render.say(f"Imported {where}: {counted}.")
    for note in result.notes:
        render.say(f"  {render.safe(note)}")
    if result.dry_run and result.preview:
        render.say("The first rows as they would land:")
        widest = max(
            range(len(result.preview_headers)),
            key=lambda column: max(len(row[column]) for row in result.preview),
        )
        render.table(result.preview_headers, result.preview, flexible=widest)
