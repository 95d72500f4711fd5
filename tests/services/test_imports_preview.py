"""A dry run's preview of time entries shows each one as the real import then stores it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

from tests.conftest import ZONE
from tracker.core.durations import format_seconds
from tracker.core.spans import elapsed
from tracker.services import board, timelog
from tracker.services.imports import ImportResult
from tracker.services.imports.timewarrior import import_timewarrior
from tracker.services.imports.toggl import import_toggl
from tracker.services.imports.watson import import_watson

DAY = date(2026, 11, 20)
Importer = Callable[..., ImportResult]


def _unix(hour: int, minute: int = 0) -> int:
    return int(datetime(2026, 11, 20, hour, minute, tzinfo=ZONE).timestamp())


def _watson(tmp: Path) -> tuple[Importer, Path]:
    frames = [
        [_unix(9), _unix(10), "unknown case 14", "a1", ["night"], 0],
        [_unix(10), _unix(11), "admin", "a2", ["invoices"], 0],
        [_unix(11), _unix(12), "Channel trailer", "a3", ["script"], 0],
    ]
    path = tmp / "frames"
    path.write_text(json.dumps(frames))
    return import_watson, path


def _timewarrior(tmp: Path) -> tuple[Importer, Path]:
    (tmp / "tw" / "data").mkdir(parents=True)
    (tmp / "tw" / "data" / "2026-11.data").write_text(
        'inc 20261120T080000Z - 20261120T090000Z # "Unknown case 14" night\n'
        "inc 20261120T090000Z - 20261120T100000Z # admin # invoices\n"
        'inc 20261120T100000Z - 20261120T110000Z # "Channel trailer" script # first go\n'
    )
    return import_timewarrior, tmp / "tw"


def _toggl(tmp: Path) -> tuple[Importer, str]:
    path = tmp / "report.csv"
    path.write_text(
        "User,Email,Project,Description,Start date,Start time,End date,End time,Tags\n"
        "Ana,a@b.c,unknown case 14,cut,2026-11-20,09:00:00,2026-11-20,10:00:00,night\n"
        "Ana,a@b.c,admin,invoices,2026-11-20,10:00:00,2026-11-20,11:00:00,\n"
        "Ana,a@b.c,,mail,2026-11-20,11:00:00,2026-11-20,11:30:00,comments\n"
        "Ana,a@b.c,Channel trailer,,2026-11-20,11:30:00,2026-11-20,12:00:00,script\n"
    )
    return import_toggl, str(path)


TOOLS = {"watson": _watson, "timewarrior": _timewarrior, "toggl": _toggl}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_the_preview_shows_each_entry_as_the_import_stores_it(database, ctx, tmp_path, tool):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown Case 14", stage="edit"))
    importer, path = TOOLS[tool](tmp_path)

    dry = database.run_write(lambda s: importer(s, ctx, path, dry_run=True))
    database.run_write(lambda s: importer(s, ctx, path))

    start, end = ctx.day_bounds(DAY)
    with database.read() as session:
        entries = timelog.list_entries(session, ctx, start, end).entries
    stored = [
        (
            ctx.span(e.start_at, e.end_at),
            format_seconds(elapsed(e.start_at, e.end_at).total_seconds()),
            e.activity,
            e.video_title or "",
            e.note,
        )
        for e in entries
    ]
    assert [row[1:] for row in dry.preview] == stored
    videos = [row[4] for row in dry.preview]
    # The video as the board names it, no video for admin work, a new video by its project.
    assert videos[:2] == ["Unknown Case 14", ""] and videos[-1] == "Channel trailer"
