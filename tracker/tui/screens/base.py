"""What every main screen shares: the timer bar on top, the footer below, and reloading."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tracker.tui.plain import plain
from tracker.tui.widgets.timer_bar import TimerBar
from tracker.tui.workspace import Workspace


class DataScreen(Screen[None]):
    """A screen that shows data from the database and reloads it when it changes."""

    HELP = ""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="banner")
        yield TimerBar()
        yield from self.body()
        yield Footer()

    def body(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.reload()
        workspace = self.workspace
        if workspace.status is not None:
            self.query_one(TimerBar).show(workspace.status, workspace.now(), workspace.break_until)

    def show_banner(self, message: str | None) -> None:
        """A trouble message across the top (None hides it); the rest stays as it was."""
        banner = self.query_one("#banner", Static)
        banner.update(plain(message or ""))
        banner.set_class(message is not None, "visible")

    def reload(self, *, hours_changed: bool = True) -> None:
        """Read what the screen shows again, keeping focus and selection.

        ``hours_changed`` is False after a change that left logged time alone.
        """
        raise NotImplementedError
