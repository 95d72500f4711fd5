"""How the help looks on the board at 80x24: the screen's purpose, then its keys by name.

Update after an intended change of look with:
pytest tests/tui/test_help_snapshot.py --snapshot-update
"""

from __future__ import annotations

from tracker.services.sample import fill_sample
from tracker.tui.app import TrackerApp


def test_the_help_on_the_board_at_80_by_24(snap_compare, database, ctx):
    database.run_write(lambda s: fill_sample(s, ctx))
    app = TrackerApp(database, ctx, watch=False)

    async def open_help(pilot) -> None:
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("question_mark")
        await pilot.pause()
        app.clear_notifications()  # the check-in reminder fades in at its own pace
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)
