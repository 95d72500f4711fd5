"""How a break prompt and the check-in look at 80x24, the size many terminals open at.

Update after an intended change of look with:
pytest tests/tui/test_prompt_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import datetime

from tests.conftest import ZONE
from tracker.services import board, timelog
from tracker.tui.app import TrackerApp

SIZE = (80, 24)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def test_a_prompt_naming_three_limits(snap_compare, database, ctx, clock):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14", stage="edit"))
    for day in range(13, 25):
        database.run_write(
            lambda s, day=day: timelog.log_entry(s, ctx, None, at(day, 7), at(day, 7, 30))
        )
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    clock.advance(hours=4, minutes=5)
    app = TrackerApp(database, ctx, watch=False)

    async def cross(pilot) -> None:
        app.clear_notifications()
        app.check_signals()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=cross)


def test_a_check_in_question(snap_compare, database, ctx):
    app = TrackerApp(database, ctx, watch=False)
    # to question 11, the longest: its text wraps
    press = ["c", "enter", *["3"] * 10]
    assert snap_compare(app, terminal_size=SIZE, press=press)


def test_the_check_in_result(snap_compare, database, ctx):
    app = TrackerApp(database, ctx, watch=False)
    assert snap_compare(app, terminal_size=SIZE, press=["c", "enter", *["3", "2"] * 6, "4"])
