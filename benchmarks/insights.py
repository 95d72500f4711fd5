"""How long the numbers behind the charts take to compute, and the Insights screen to paint.

Run: python benchmarks/insights.py
Synthetic SQLite databases (videos spread over the stages, back-to-back 40-minute entries going
back in time); each chart's data for 52 weeks, median of several runs, and the Insights screen
(headless, 200x50) from the key press to the chart and table drawn, printed as a table.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from synthetic import fill, open_as_bench
from textual.widgets import DataTable
from textual_plotext import PlotextPlot

from tracker.charts import CHARTS
from tracker.tui.app import TrackerApp

SIZES = ((2_000, 100_000), (10_000, 1_000_000))
RUNS = 5
WEEKS = 52


def main() -> None:
    print(f"median of {RUNS} runs, {WEEKS} weeks, ms")
    names = list(CHARTS)
    heads = " ".join(f"{name:>17}" for name in [*names, "paint"])
    print(f"{'videos':>7} {'entries':>9} {heads}")
    for videos, entries in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            fill(f"sqlite:///{path}", videos, entries)
            database, context = open_as_bench(path)
            timings = [measure(database, context, CHARTS[name]) for name in names]
            timings.append(asyncio.run(paint(database, context)))
            database.dispose()
        cells = " ".join(f"{ms:>17.0f}" for ms in timings)
        print(f"{videos:>7} {entries:>9} {cells}")


async def paint(database: Any, context: Any) -> float:
    """Milliseconds from pressing 3 to the Insights screen's chart and table drawn."""
    app = TrackerApp(database, context, watch=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        began = time.perf_counter()
        await pilot.press("3")
        screen = app.screen
        screen.query_one(PlotextPlot).render()
        screen.query_one(DataTable).render_lines(screen.query_one(DataTable).region)
        return (time.perf_counter() - began) * 1000


def measure(database: Any, context: Any, chart: Any) -> float:
    """Median milliseconds to compute one chart's data."""
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        with database.read() as session:
            chart.data(session, context, WEEKS)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples) * 1000


if __name__ == "__main__":
    main()
