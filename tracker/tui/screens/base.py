"""What every main screen shares: the timer bar on top, the footer below, and reloading."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ActiveBinding, Screen
from textual.widgets import Footer, Header, Static

from tracker.tui.plain import plain
from tracker.tui.widgets.timer_bar import TimerBar
from tracker.tui.workspace import Workspace


class DataScreen(Screen[None]):
    """A screen that shows data from the database and reloads it when it changes."""

    HELP = ""
    FOOTER_FIRST = ("help", "quit")  # binding ids the footer shows first, so they never give way

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active bindings, help and quit first: the footer shows them in this order
        and cuts what does not fit on the right (and Textual moves keys a [keymap] changed to
        the end), so on a narrow terminal the screen's own keys give way, never these two."""
        bindings = super().active_bindings
        first = sorted(
            (key for key, active in bindings.items() if active.binding.id in self.FOOTER_FIRST),
            key=lambda key: self.FOOTER_FIRST.index(bindings[key].binding.id or ""),
        )
        return {key: bindings[key] for key in first} | bindings

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
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        """Show the status as it is now: coming back to a screen must not show it as it was
        when the screen was last in front."""
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
