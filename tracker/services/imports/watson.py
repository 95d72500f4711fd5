"""Watson's history: its ``frames`` file, a JSON list of every frame it recorded (given
itself, or the folder that holds it).

The frame Watson is timing right now lives in its ``state`` file, not in ``frames``: it comes
in with the first import after ``watson stop``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path, PurePath

from sqlmodel import Session

from tracker.core.imports import LocatedError, SourceEntry
from tracker.core.imports.jsonstream import array_items
from tracker.core.imports.watson import frame_entry
from tracker.core.stages import PUBLISHED_STAGE
from tracker.services.context import Context
from tracker.services.imports import ImportResult, Progress, SourceFile
from tracker.services.imports.entries import Source, import_entries

WHAT = "Watson's frames file (its folder is WATSON_DIR, by default ~/.config/watson)"


def default_frames() -> Path:
    """Where Watson keeps its frames: ``$WATSON_DIR/frames``, else in click's app folder."""
    folder = os.environ.get("WATSON_DIR")
    if folder:
        return Path(folder) / "frames"
    home = Path.home()
    if sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home)
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return base / "watson" / "frames"


def import_watson(
    session: Session,
    ctx: Context,
    path: Path,
    *,
    shown: str | None = None,
    stage: str = PUBLISHED_STAGE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import the frames not imported before; projects become videos, tags activities. The
    path may be Watson's folder too: the frames file in it is read."""
    named = shown if shown is not None else str(path)
    if _is_folder_of_frames(path):
        path, named = path / "frames", str(PurePath(named, "frames"))
    file = SourceFile(path, WHAT, named)
    size = file.check()
    source = Source("watson", "Watson", "frame", "has the same id as", file.shown)
    return import_entries(
        session, ctx, source, _frames(file, size, progress), stage=stage, dry_run=dry_run
    )


def _is_folder_of_frames(path: Path) -> bool:
    try:
        return path.is_dir() and (path / "frames").is_file()
    except OSError:
        return False  # the check of the path itself says what is wrong


def _frames(file: SourceFile, size: int, progress: Progress | None) -> Iterator[SourceEntry]:
    try:
        for line, item in array_items(file.text(progress, size)):
            yield frame_entry(line, item)
    except LocatedError as error:
        raise file.at(error) from None
