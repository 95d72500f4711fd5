"""How fast the board opens and answers a move, with thousands of cards and a long time log.

Run: python benchmarks/board_paint.py
Headless (Textual's test driver, 200×50): the time from creating the app to the first board
with every card laid out, and for a move: Shift+→ handled (the write, the reload, the columns
refilled) plus the lines of every visible column drawn again, which is what the compositor
asks of them on the next frame (median of several moves). Pilot's own waiting for the app to
go idle is left out: it measures the test driver, not the app.
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from synthetic import fill, open_as_bench

from tracker.tui.app import TrackerApp
from tracker.tui.screens.board import BoardScreen
from tracker.tui.widgets.card_column import CardColumn

SIZES = ((200, 2_000), (2_000, 20_000), (2_000, 200_000))
MOVES = 9


async def measure(path: Path) -> tuple[float, float]:
    database, context = open_as_bench(path)
    began = time.perf_counter()
    app = TrackerApp(database, context, watch=False)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        first_paint = time.perf_counter() - began
        board = app.screen
        moves = []
        for _ in range(MOVES):
            started = time.perf_counter()
            board.action_move_card(1)
            repaint(board)
            moves.append(time.perf_counter() - started)
            board.action_move_card(-1)
            await pilot.pause()
    database.dispose()
    return first_paint, statistics.median(moves)


def repaint(board: BoardScreen) -> None:
    """Draw every line of every visible column, as the next frame would."""
    for column in board.query(CardColumn):
        if column.display:
            region = column.scrollable_content_region
            for y in range(region.height):
                column.render_line(y)


def main() -> None:
    print("headless 200x50; first paint: app created → board laid out; move: Shift+→ → repainted")
    print(f"{'videos':>7} {'entries':>8} {'first paint ms':>15} {'move ms':>8}")
    for videos, entries in SIZES:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            fill(f"sqlite:///{path}", videos, entries)
            first_paint, move = asyncio.run(measure(path))
        print(f"{videos:>7} {entries:>8} {first_paint * 1000:>15.0f} {move * 1000:>8.0f}")


if __name__ == "__main__":
    main()
