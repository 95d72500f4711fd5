"""The Textual app: navigation, global keys, the command palette, and live refresh.

Screens work through a Workspace (data and changes); the break-and-prompt flow lives in
``wellbeing``. The app watches the database, so a change made in another terminal shows here
within a second or two.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tracker.core.errors import TrackerError
from tracker.core.keys import key_display
from tracker.db.database import Database
from tracker.services.context import Context
from tracker.tui.keymap import check_keymap
from tracker.tui.messages import TimerRequested
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.insights import InsightsScreen
from tracker.tui.screens.review import ReviewScreen
from tracker.tui.screens.series import SeriesScreen
from tracker.tui.screens.time_log import TimeLogScreen
from tracker.tui.wellbeing import Wellbeing
from tracker.tui.widgets.timer_bar import TimerBar
from tracker.tui.workspace import Workspace

WATCH_SECONDS = 1.0
CRASH_EXIT_CODE = 70
SIGNAL_SECONDS = 300.0  # a safety poll: a crossing by time alone is scheduled for its moment
INTEGRITY_POLL_SECONDS = 3600.0  # how often to ask whether the daily integrity check is due
DEMO_TITLE = "tracker — DEMO (sample data, not yours)"
# Signals that end the app as q does, so every cleanup runs (the demo's database is removed):
# a kill, a closed terminal, and an interrupt sent from outside (Ctrl+C itself is a key here).
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class TrackerApp(App[None]):
    """``tracker`` with no command: the board, the time log and the insights."""

    TITLE = "tracker"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="help"),  # first in every footer:
        Binding("q", "quit", "Quit", id="quit"),  # see DataScreen.active_bindings
        Binding("1", "show('board')", "Board", id="show-board"),
        Binding("2", "show('log')", "Log", id="show-log"),
        Binding("3", "show('insights')", "Insights", id="show-insights"),
        Binding("4", "show('review')", "Review", id="show-review"),
        Binding("5", "show('series')", "Series", id="show-series"),
        Binding("c", "checkin", "Check-in", id="checkin"),
        Binding("p", "plan_break", "Plan a break", id="plan-break"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="commands"),
    ]
    SCREENS_BY_NAME = {
        "board": BoardScreen,
        "log": TimeLogScreen,
        "insights": InsightsScreen,
        "review": ReviewScreen,
        "series": SeriesScreen,
    }

    def __init__(
        self, database: Database, context: Context, *, watch: bool = True, demo: bool = False
    ) -> None:
        super().__init__()
        keymap = context.settings.keymap
        check_keymap(keymap, context.settings.source)  # a bad [keymap] stops us before drawing
        self.set_keymap(keymap)
        if "commands" in keymap:  # the footer finds the palette's key by this name
            setattr(self, "COMMAND_PALETTE_BINDING", keymap["commands"].split(",")[0])  # noqa: B010
        if demo:
            self.title = DEMO_TITLE
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
        if self.watching:
            self.set_interval(WATCH_SECONDS, self.check_for_changes)
            self.set_interval(1.0, self.tick)
            # Prompts at the moment they are due: at open, after a change, and when time alone
            # crosses a limit (scheduled for that moment); the slow poll is a safety net.
            self.wellbeing.watch(self.check_signals)
            self.call_later(self.wellbeing.check_prompts)
            self.set_interval(SIGNAL_SECONDS, self.check_signals)
            self.call_later(self.check_integrity)
            self.set_interval(INTEGRITY_POLL_SECONDS, self.check_integrity)
        self.call_later(self.wellbeing.remind_checkin)

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

    def check_integrity(self) -> None:
        """The database file's daily full check, in a thread: on a large file it takes seconds."""
        if self.workspace.database.check_due():
            self.run_worker(
                self._run_integrity_check, thread=True, group="integrity", exclusive=True
            )

    def _run_integrity_check(self) -> None:
        try:
            self.workspace.database.check()
        except TrackerError as error:
            self.call_from_thread(self._report_damage, str(error))

    def _report_damage(self, message: str) -> None:
        """A damaged file: say so where it stays visible; writes are refused from now on."""
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen):
                screen.show_banner(message)
        self.notify(message, severity="error", timeout=30, markup=False)

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
            self.notify(f"Undone: {label}", markup=False)

    def action_checkin(self) -> None:
        self.wellbeing.checkin()

    def action_plan_break(self) -> None:
        self.wellbeing.plan_break()

    def action_show(self, name: str) -> None:
        if self.screen is not self.get_screen(name):
            self.switch_screen(name)

    def action_help(self) -> None:
        """The keys of the screen as they are now: its focused widget's, its own and ours."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_key_display(self, binding: Binding) -> str:
        """Keys by the names on the keyboard (``?``, ``Esc``, ``PgUp``, ``Ctrl+P``), the same in
        the footer, the help and the command palette."""
        return binding.key_display or key_display(binding.key)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key of ours active on the screen is also a palette command, shown with the
        keys it has now (a [keymap] in the config may have changed them)."""
        yield from super().get_system_commands(screen)
        keys: dict[str, list[str]] = {}
        found: dict[str, tuple[Any, Binding]] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.id or not binding.description or not active.enabled:
                continue
            if binding.action in ("quit", "app.quit", "command_palette"):
                continue  # Textual lists Quit; the palette is open already
            found.setdefault(binding.description, (active.node, binding))
            keys.setdefault(binding.description, []).append(self.get_key_display(binding))
        for description, (node, binding) in found.items():
            yield SystemCommand(
                description,
                f"Key: {' '.join(keys[description])}",
                partial(node.run_action, binding.action),
            )

    def _fatal_error(self) -> None:
        """A bug, not the user's doing: keep the details in a file and leave with one line."""
        from tracker.session import save_crash_report

        path = save_crash_report(self._exception)
        self.exit(
            return_code=CRASH_EXIT_CODE,
            message=f"tracker hit an unexpected problem; details are in {path}",
        )


def run_app(database: Database, context: Context, *, demo: bool = False) -> int:
    """Draw the app until the person quits; returns the exit code (128 + N after signal N)."""
    app = TrackerApp(database, context, demo=demo)
    with _signals_end(app):
        app.run()
    return app.return_code or 0


@contextmanager
def _signals_end(app: App[Any]) -> Iterator[None]:
    """While the app runs, SIGTERM, SIGHUP and SIGINT end it as q does: the terminal is put back
    and every ``finally`` on the way out runs. A second signal, or one that arrives while
    nothing is drawn, raises SystemExit instead, which unwinds just as surely."""
    previous = {number: signal.getsignal(number) for number in ENDING_SIGNALS}
    asked: list[int] = []

    def end(number: int, _frame: FrameType | None) -> None:
        code = 128 + number
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None or asked:
            raise SystemExit(code)
        asked.append(number)
        loop.call_soon_threadsafe(partial(app.exit, return_code=code))

    for number in ENDING_SIGNALS:
        signal.signal(number, end)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
