"""The Textual app: navigation, global keys, the command palette, and live refresh.

Screens work through a Workspace (data and changes); the break-and-prompt flow lives in
``wellbeing``. The app watches the database, so a change made in another terminal shows here
within a second or two.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tracker.core.errors import TrackerError
from tracker.db.database import Database
from tracker.services.context import Context
from tracker.tui.messages import TimerRequested
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.insights import InsightsScreen
from tracker.tui.screens.time_log import TimeLogScreen
from tracker.tui.wellbeing import Wellbeing
from tracker.tui.widgets.timer_bar import TimerBar
from tracker.tui.workspace import Workspace

WATCH_SECONDS = 1.0
CRASH_EXIT_CODE = 70
SIGNAL_SECONDS = 30.0  # a running timer crosses a limit with time alone, not with a change


class TrackerApp(App[None]):
    """``tracker`` with no command: the board, the time log and the insights."""

    TITLE = "tracker"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [
        Binding("1", "show('board')", "Board", id="show-board"),
        Binding("2", "show('log')", "Log", id="show-log"),
        Binding("3", "show('insights')", "Insights", id="show-insights"),
        Binding("c", "checkin", "Check-in", id="checkin"),
        Binding("p", "plan_break", "Plan a break", id="plan-break"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
    ]
    SCREENS_BY_NAME = {"board": BoardScreen, "log": TimeLogScreen, "insights": InsightsScreen}

    def __init__(self, database: Database, context: Context, *, watch: bool = True) -> None:
        super().__init__()
        self.workspace = Workspace(database, context)
        self.workspace.on_change = lambda hours: self.data_changed(hours_changed=hours)
        self.workspace.on_refusal = lambda message: self.notify(
            message, severity="error", timeout=8, markup=False
        )
        self.wellbeing = Wellbeing(self, self.workspace)
        self.watching = watch
        self._token: object = None
        self.main_screens: dict[str, DataScreen] = {}
        self._storage_trouble = False

    def on_mount(self) -> None:
        self._token = self.workspace.database.change_token()
        self.load_status()
        self.main_screens = {
            name: screen(self.workspace) for name, screen in self.SCREENS_BY_NAME.items()
        }
        for name, screen in self.main_screens.items():
            self.install_screen(screen, name)
        self.push_screen("board")
        self.call_later(self.wellbeing.remind_checkin)
        if self.watching:
            self.set_interval(WATCH_SECONDS, self.check_for_changes)
            self.set_interval(1.0, self.tick)
            self.set_interval(SIGNAL_SECONDS, self.check_signals)

    # --- reading ------------------------------------------------------------------------------

    def load_status(self) -> None:
        status = self.workspace.load_status()
        now = self.workspace.now()
        for screen in self.screen_stack:
            for bar in screen.query(TimerBar):
                bar.show(status, now, self.workspace.break_until)

    def data_changed(self, *, hours_changed: bool = True) -> None:
        """Reload everything on screen after a change made here or elsewhere."""
        try:
            self._token = self.workspace.database.change_token()
            if hours_changed:
                self.load_status()
                self.call_later(self.wellbeing.check_prompts)
            for screen in {*self.screen_stack, *self.main_screens.values()}:
                if isinstance(screen, DataScreen) and screen.is_mounted:
                    screen.reload(hours_changed=hours_changed)
        except TrackerError as error:
            self._report_storage(error)
            return
        self._clear_storage_trouble()

    def check_for_changes(self) -> None:
        """Poll the cheap change token; reload only when another writer committed."""
        try:
            token = self.workspace.database.change_token()
        except TrackerError as error:
            self._report_storage(error)
            return
        except Exception as error:  # the database went away under us: say so, keep going
            self._report_storage(TrackerError(f"The database cannot be reached: {error}"))
            return
        if token != self._token or self._storage_trouble:
            self.data_changed()

    def _report_storage(self, error: TrackerError) -> None:
        """Say plainly that the database is unavailable; forms keep what was typed."""
        message = f"Database unavailable: {error} Nothing you typed is lost."
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen):
                screen.show_banner(message)
        self._storage_trouble = True

    def _clear_storage_trouble(self) -> None:
        if self._storage_trouble:
            for screen in self.screen_stack:
                if isinstance(screen, DataScreen):
                    screen.show_banner(None)
            self.notify("The database is back.")
        self._storage_trouble = False

    def tick(self) -> None:
        now = self.workspace.now()
        for bar in self.screen.query(TimerBar):
            bar.tick(now, self.workspace.break_until)

    def check_signals(self) -> None:
        """Reload the signals (time alone moves a running timer past a limit) and prompt."""
        try:
            self.load_status()
        except TrackerError as error:
            self._report_storage(error)
            return
        self.wellbeing.check_prompts()

    # --- actions ------------------------------------------------------------------------------

    @on(TimerRequested)
    def toggle_timer(self, message: TimerRequested) -> None:
        self.wellbeing.toggle_timer(message.number)

    def action_undo(self) -> None:
        if not self.workspace.undo_steps:
            self.notify("Nothing to undo.")
            return
        label = self.workspace.undo()
        if label is not None:
            self.notify(f"Undone: {label}")

    def action_checkin(self) -> None:
        self.wellbeing.checkin()

    def action_plan_break(self) -> None:
        self.wellbeing.plan_break()

    def action_show(self, name: str) -> None:
        if self.screen is not self.get_screen(name):
            self.switch_screen(name)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key binding of the app and the current screen is also a palette command."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        owners: list[Screen[Any] | App[Any]] = [screen, self]
        owned = [(owner, binding) for owner in owners for binding in owner.BINDINGS]
        for owner, binding in owned:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.description in seen or binding.action == "quit":
                continue
            seen.add(binding.description)
            key = binding.key.split(",")[0]
            yield SystemCommand(
                binding.description, f"key: {key}", partial(owner.run_action, binding.action)
            )

    def _fatal_error(self) -> None:
        """A bug, not the user's doing: keep the details in a file and leave with one line."""
        from tracker.session import save_crash_report

        path = save_crash_report(self._exception)
        self.exit(
            return_code=CRASH_EXIT_CODE,
            message=f"tracker hit an unexpected problem; details are in {path}",
        )


def run_app(database: Database, context: Context) -> None:
    TrackerApp(database, context).run()
