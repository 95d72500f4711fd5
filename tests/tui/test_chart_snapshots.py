"""Every chart on the Insights screen at 80x24 and at 200x50, on the sample board.

Each snapshot was looked at before it was accepted: the chart is legible at 80x24 (the table
gives it the width there), every series has its own colour and a legend entry, limit lines say
their value, and counts have whole-number ticks. Update after an intended change of look with:
pytest tests/tui/test_chart_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest

from tracker.charts import CHARTS
from tracker.services import timelog
from tracker.services.sample import fill_sample
from tracker.tui.app import TrackerApp

NAMES = list(CHARTS)
SIZES = {"80x24": (80, 24), "200x50": (200, 50)}


def sample_app(database, ctx) -> TrackerApp:
    """The sample board with a timer running, as the other snapshots show it."""
    database.run_write(lambda s: fill_sample(s, ctx))
    database.run_write(lambda s: timelog.start_timer(s, ctx, "7"))
    return TrackerApp(database, ctx, watch=False)


def show_chart(app, name: str, *keys: str):
    """Open Insights and press Tab until ``name`` shows (then any further ``keys``)."""

    async def run_before(pilot) -> None:
        await pilot.press("3", *["tab"] * NAMES.index(name), *keys)
        await pilot.pause()
        app.clear_notifications()  # the check-in reminder would cover the chart
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", NAMES)
def test_each_chart(snap_compare, database, ctx, name, size):
    app = sample_app(database, ctx)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=show_chart(app, name))


def test_the_table_in_place_of_the_chart_at_80_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)
    run_before = show_chart(app, "effort-vs-output", "t")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
