"""What every main screen shares: the timer bar on top, the footer below, and reloading."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from tracker.tui.widgets.timer_bar import TimerBar

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp


class DataScreen(Screen[None]):
    """A screen that shows data from the database and reloads it when it changes."""

    HELP = ""

    @property
    def tracker(self) -> TrackerApp:
        return self.app  # type: ignore[return-value]

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
        if self.tracker.status is not None:
            self.query_one(TimerBar).show(
                self.tracker.status, self.tracker.context.now(), self.tracker.break_until
            )

    def show_banner(self, message: str | None) -> None:
        """A trouble message across the top (None hides it); the rest stays as it was."""
        banner = self.query_one("#banner", Static)
        banner.update(message or "")
        banner.set_class(message is not None, "visible")

    def reload(self, *, hours_changed: bool = True) -> None:
        """Read what the screen shows again, keeping focus and selection.

        ``hours_changed`` is False after a change that left logged time alone.
        """
        raise NotImplementedError
