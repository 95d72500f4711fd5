"""The Textual app: navigation, global bindings and notifications; screens do the rest."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from tracker.db.database import Database
from tracker.services.context import Context
from tracker.tui.screens.board import BoardScreen


class TrackerApp(App[None]):
    """The board, opened by ``tracker`` with no command."""

    TITLE = "tracker"
    BINDINGS = [Binding("q", "quit", "Quit", id="quit")]

    def __init__(self, database: Database, context: Context) -> None:
        super().__init__()
        self.database = database
        self.context = context

    def on_mount(self) -> None:
        self.push_screen(BoardScreen(self.database, self.context))


def run_app(database: Database, context: Context) -> None:
    TrackerApp(database, context).run()
