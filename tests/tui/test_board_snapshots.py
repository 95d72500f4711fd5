"""How the board looks at the sizes people use, on the sample board at a fixed clock.

Update after an intended change of look with:
pytest tests/tui/test_board_snapshots.py --snapshot-update (and look at each SVG first).
"""

from __future__ import annotations

from tracker.services import timelog
from tracker.services.sample import fill_sample
from tracker.tui.app import TrackerApp


def sample_app(database, ctx) -> TrackerApp:
    database.run_write(lambda s: fill_sample(s, ctx))
    database.run_write(lambda s: timelog.start_timer(s, ctx, "7"))
    return TrackerApp(database, ctx, watch=False)


def pressing(app: TrackerApp, *keys: str):
    """Press ``keys`` with no toast in the picture (the check-in reminder comes at its own
    pace)."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        app.clear_notifications()
        await pilot.press(*keys)
        await pilot.pause()
        app.clear_notifications()

    return run_before


def test_every_stage_at_80_by_24_with_compact_cards(snap_compare, database, ctx):
    app = sample_app(database, ctx)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(app, "l", "l", "l"))


def test_full_cards_at_200_by_50(snap_compare, database, ctx):
    app = sample_app(database, ctx)
    assert snap_compare(app, terminal_size=(200, 50), run_before=pressing(app, "l", "j"))


def test_stages_off_screen_are_counted_at_60_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)
    assert snap_compare(app, terminal_size=(60, 24), run_before=pressing(app, *"lllll"))


def test_the_stage_picker_at_80_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(app, "l", "l", "l", "m"))
