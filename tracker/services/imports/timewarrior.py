"""Timewarrior's history: the month files ``data/YYYY-MM.data`` in its database folder (or in
the ``data`` folder given itself).

Timewarrior has only tags, and keeps them sorted (not in the order they were typed). The first
tag that names an activity is the activity, as for every import. The video is the tag that
names a video already on the board (or one this import made), else the first tag that names
no activity; the other tags and the annotation go into the note. So when an interval has
several plain tags, add its video to the board first (``tracker add``) and it is found.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from sqlmodel import Session

from tracker.core.errors import InputError
from tracker.core.imports import LocatedError, SourceEntry
from tracker.core.imports.timewarrior import interval_entry
from tracker.core.stages import PUBLISHED_STAGE
from tracker.services.context import Context
from tracker.services.imports import ImportResult, Progress, SourceFile
from tracker.services.imports.entries import Source, import_entries

MONTH_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.data")
WHAT = "Timewarrior's folder (TIMEWARRIORDB, by default ~/.timewarrior), which holds data/"


def default_folder() -> Path:
    """``$TIMEWARRIORDB``, else ``~/.timewarrior``, else the XDG data folder newer versions use."""
    folder = os.environ.get("TIMEWARRIORDB")
    if folder:
        return Path(folder)
    classic = Path.home() / ".timewarrior"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    modern = data_home / "timewarrior"
    return modern if not classic.exists() and modern.exists() else classic


def import_timewarrior(
    session: Session,
    ctx: Context,
    folder: Path,
    *,
    shown: str | None = None,
    stage: str = PUBLISHED_STAGE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the intervals not imported before, month file by month file."""
    named = shown if shown is not None else str(folder)
    # Timewarrior may leave a month's file empty once its intervals are deleted.
    months = _month_files(folder, named)
    files = [(file, size) for file in months if (size := file.check(empty_ok=True))]
    if not files:
        data = months[0].shown.rsplit("/", 1)[0]
        raise InputError(f"{data} holds no intervals; nothing was imported.")
    source = Source("timew", "Timewarrior", "interval", "starts at the same moment as", named, True)
    intervals = _intervals(files, progress)
    return import_entries(session, ctx, source, intervals, stage=stage, dry_run=dry_run)


def _month_files(folder: Path, shown: str) -> list[SourceFile]:
    data, data_shown = folder / "data", f"{shown}/data"
    try:
        if not folder.is_dir():
            problem = "does not exist" if not folder.exists() else "is a file, not a folder"
            raise InputError(f"{shown} {problem}; give {WHAT}.")
        if not data.exists() and _holds_months(folder):  # given data/ itself
            data, data_shown = folder, shown
        names = sorted(path.name for path in data.iterdir() if MONTH_FILE.fullmatch(path.name))
    except FileNotFoundError:
        raise InputError(f"{shown} has no data folder; give {WHAT}.") from None
    except NotADirectoryError:
        raise InputError(f"{shown}/data is not a folder; give {WHAT}.") from None
    except OSError as error:
        raise InputError(f"Cannot read {shown}: {(error.strerror or 'error').lower()}.") from None
    if not names:
        raise InputError(f"{data_shown} holds no month files (YYYY-MM.data); nothing was imported.")
    return [
        SourceFile(data / name, "a Timewarrior data file", f"{data_shown}/{name}") for name in names
    ]


def _holds_months(folder: Path) -> bool:
    return any(MONTH_FILE.fullmatch(path.name) for path in folder.iterdir())


def _intervals(
    files: list[tuple[SourceFile, int]], progress: Progress | None
) -> Iterator[SourceEntry]:
    total = sum(size for _file, size in files)
    done = 0
    for file, size in files:
        try:
            for number, text in file.lines(progress, total, done):
                entry = interval_entry(number, text)
                if entry is not None:
                    yield entry._replace(file=file.shown)
        except LocatedError as error:
            raise file.at(error) from None
        done += size
