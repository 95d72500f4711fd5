"""The Textual app: navigation, global keys, undo, notifications and live refresh.

Screens read through services and write through ``change``; the app keeps the undo stack and
watches the database, so a change made in another terminal shows here within a second or two.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlmodel import Session
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tracker.core.checkin import meaning
from tracker.core.errors import PlannedBreakError, TrackerError
from tracker.core.sustainability import ALERT, Signal
from tracker.core.when import parse_when
from tracker.db.database import Database
from tracker.services import breaks, checkins, timelog
from tracker.services.context import Context
from tracker.services.status import status as current_status
from tracker.services.views import Status
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.screens.help import HelpScreen
from tracker.tui.screens.insights import InsightsScreen
from tracker.tui.screens.prompt import BREAK_MINUTES, SNOOZE_MINUTES, PromptScreen
from tracker.tui.screens.time_log import TimeLogScreen
from tracker.tui.undo import UndoStep
from tracker.tui.widgets.timer_bar import TimerBar

T = TypeVar("T")
WATCH_SECONDS = 1.0
MAX_UNDO_STEPS = 100
CRASH_EXIT_CODE = 70
CHECKIN_LOOKBACK = timedelta(weeks=1)
SIGNAL_SECONDS = 30.0  # a running timer crosses a limit with time alone, not with a change


class TrackerApp(App[None]):
    """``tracker`` with no command: the board, the time log, and what comes later."""

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
        self.database = database
        self.context = context
        self.watch = watch
        self.status: Status | None = None
        self.undo_steps: list[UndoStep] = []
        self._token: object = None
        self.main_screens: dict[str, DataScreen] = {}
        self._storage_trouble = False
        self.break_until: datetime | None = None

    def on_mount(self) -> None:
        self._token = self.database.change_token()
        self.load_status()
        self.main_screens = {name: screen() for name, screen in self.SCREENS_BY_NAME.items()}
        for name, screen in self.main_screens.items():
            self.install_screen(screen, name)
        self.push_screen("board")
        self.call_later(self.remind_checkin)
        if self.watch:
            self.set_interval(WATCH_SECONDS, self.check_for_changes)
            self.set_interval(1.0, self.tick)
            self.set_interval(SIGNAL_SECONDS, self.check_signals)

    # --- reading and writing ----------------------------------------------------------------

    def load_status(self) -> None:
        with self.database.read() as session:
            self.status = current_status(session, self.context)
        now = self.context.now()
        for screen in self.screen_stack:
            for bar in screen.query(TimerBar):
                bar.show(self.status, now, self.break_until)

    def change(
        self,
        work: Callable[[Session], T],
        undo: Callable[[T], UndoStep] | None = None,
        *,
        hours_changed: bool = True,
    ) -> T:
        """Run a change through a service (TrackerError propagates), remember how to undo it.

        ``hours_changed=False`` says the change left logged time alone (a card moved, renamed,
        removed), so screens may skip summing it again.
        """
        result = self.database.run_write(work)
        if undo is not None:
            self.undo_steps.append(undo(result))
            del self.undo_steps[:-MAX_UNDO_STEPS]
        self.data_changed(hours_changed=hours_changed)
        return result

    def try_change(
        self,
        work: Callable[[Session], T],
        undo: Callable[[T], UndoStep] | None = None,
        *,
        hours_changed: bool = True,
    ) -> T | None:
        """``change``, with a refusal shown as a notification instead of raised."""
        try:
            return self.change(work, undo, hours_changed=hours_changed)
        except TrackerError as error:
            self.notify(str(error), severity="error", timeout=8)
            return None

    def action_undo(self) -> None:
        if not self.undo_steps:
            self.notify("Nothing to undo.")
            return
        step = self.undo_steps.pop()
        if self.try_change(step.revert, hours_changed=False) is not None:
            self.notify(f"Undone: {step.label}")

    def data_changed(self, *, hours_changed: bool = True) -> None:
        """Reload everything on screen after a change made here or elsewhere."""
        try:
            self._token = self.database.change_token()
            if hours_changed:
                self.load_status()
                self.call_later(self.check_prompts)
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
            token = self.database.change_token()
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
        now = self.context.now()
        for bar in self.screen.query(TimerBar):
            bar.tick(now, self.break_until)

    # --- timers, breaks and prompts ----------------------------------------------------------

    def toggle_timer(self, number: int | None) -> None:
        """Stop the timer running on card ``number`` (or any, with None), else start one there.

        A break taken from a prompt, or one planned ahead, asks once before work starts again.
        """
        running = self.status.running if self.status else None
        if running is not None and (number is None or running.video_number == number):
            if self.try_change(lambda s: timelog.stop_timer(s, self.context)) is not None:
                self.notify(f"Stopped the timer on {running.activity}.")
            return
        if number is None:
            self.notify("Pick a card to time, then press t.")
            return
        now = self.context.now()
        if self.break_until is not None and now < self.break_until:
            until = f"{self.break_until:%H:%M}"
            self.push_screen(
                ConfirmScreen(f"You are on a break until {until}. Start work anyway?"),
                lambda yes: self._start_after_asking(number, bool(yes)),
            )
            return
        self._start(number, during_break=False)

    def _start_after_asking(self, number: int, yes: bool) -> None:
        if yes:
            self.break_until = None
            self._start(number, during_break=False)

    def _start(self, number: int, *, during_break: bool) -> None:
        try:
            change = self.change(
                lambda s: timelog.start_timer(
                    s, self.context, str(number), during_break=during_break
                )
            )
        except PlannedBreakError:
            self.push_screen(
                ConfirmScreen("You planned a break for now. Log work anyway?"),
                lambda yes: self._start(number, during_break=True) if yes else None,
            )
            return
        except TrackerError as error:
            self.notify(str(error), severity="error", timeout=8)
            return
        stopped = "Stopped the previous timer. " if change.stopped else ""
        self.notify(f"{stopped}Timing {change.started.activity} on #{number}.")

    def check_signals(self) -> None:
        """Reload the signals (time alone moves a running timer past a limit) and prompt."""
        try:
            self.load_status()
        except TrackerError as error:
            self._report_storage(error)
            return
        self.check_prompts()

    def check_prompts(self) -> None:
        """Prompt once for each new crossing: a toast for a warning, a question for an alert."""
        if self.status is None or isinstance(self.screen, PromptScreen):
            return
        with self.database.read() as session:
            due = breaks.due_prompts(session, self.context, list(self.status.signals))
        shown_at = self.context.now()
        for signal in due:
            if signal.level == ALERT:
                self._alert_outside(signal)
                self.push_screen(
                    PromptScreen(signal, self.context.settings.help_line),
                    lambda answer, signal=signal: self._answered(
                        signal, answer or "dismissed", shown_at
                    ),
                )
                return
            self.notify(
                f"{signal.message} {self.context.settings.note()}",
                title="A gentle note",
                timeout=12,
            )
            self._alert_outside(signal)
            self._record(signal, "noted", shown_at)

    def _alert_outside(self, signal: Signal) -> None:
        """The optional extras, off by default: the terminal bell and a desktop notification."""
        settings = self.context.settings
        if settings.prompt_bell:
            self.bell()
        if settings.desktop_notifications and shutil.which("notify-send"):
            subprocess.Popen(
                ["notify-send", "tracker", signal.message],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _answered(self, signal: Signal, answer: str, shown_at: datetime) -> None:
        ctx = self.context
        if answer in ("stopped", "break") and self.status and self.status.running:
            self.try_change(lambda s: timelog.stop_timer(s, ctx))
        if answer == "break":
            self.break_until = ctx.now() + timedelta(minutes=BREAK_MINUTES)
            self.notify(f"Enjoy the break: back at {self.break_until:%H:%M}.")
        if answer == "rest_day":
            tomorrow = ctx.day_start(ctx.now().date() + timedelta(days=1))
            rest = (tomorrow, ctx.day_start(tomorrow.date() + timedelta(days=1)))
            self.try_change(lambda s: breaks.plan_break(s, ctx, *rest, "rest day"))
            self.notify("Tomorrow is planned as a rest day.")
        self._record(signal, answer, shown_at)

    def _record(self, signal: Signal, answer: str, shown_at: datetime) -> None:
        snooze = timedelta(minutes=SNOOZE_MINUTES) if answer == "snoozed" else None
        self.try_change(
            lambda s: breaks.answer_prompt(s, self.context, signal, answer, shown_at, snooze)
        )

    def remind_checkin(self) -> None:
        """Once per start, when a check-in is due and there is work to look back on."""
        with self.database.read() as session:
            due = checkins.checkin_due(session, self.context)
            working = timelog.seconds_logged(
                session, self.context, self.context.now() - CHECKIN_LOOKBACK, self.context.now()
            )
        if due and working:
            self.notify("A check-in is due: press c (two minutes, 13 questions).", timeout=10)

    def action_checkin(self) -> None:
        items = checkins.instrument()
        fields = [
            Field(f"q{number}", f"{number}. {item.text}", "", "choice", ("", *item.choices))
            for number, item in enumerate(items, start=1)
        ]

        def submit(values: dict[str, Any]) -> None:
            answers = [
                item.choices.index(values[f"q{n}"]) if values[f"q{n}"] else None
                for n, item in enumerate(items, start=1)
            ]
            view = self.change(lambda s: checkins.record_checkin(s, self.context, answers))
            scores = "  ".join(
                f"{label} {'-' if value is None else f'{value:.0f}'}"
                for label, value in (("personal", view.personal_score), ("work", view.work_score))
            )
            note = self.context.settings.note()
            self.notify(f"Check-in: {scores}. {meaning(view.highest)} {note}", timeout=20)

        title = f"Check-in: think of the last four weeks. {self.context.settings.note()}"
        self.push_screen(FormScreen(title, fields, submit))

    def action_plan_break(self) -> None:
        ctx = self.context

        def submit(values: dict[str, Any]) -> None:
            start = parse_when(values["start"] or "tomorrow", ctx.now(), past=False)
            end = parse_when(values["end"], ctx.now(), past=False) if values["end"] else None
            end = end or start + timedelta(days=1)
            planned = self.change(lambda s: breaks.plan_break(s, ctx, start, end, values["note"]))
            self.notify(f"Break planned until {ctx.shown(planned.end_at)}.")

        fields = [
            Field("start", "From", "tomorrow", placeholder="tomorrow, sat, 2026-12-20"),
            Field("end", "Until", "", placeholder="empty: one day; or mon, 2027-01-04"),
            Field("note", "Note", "rest day"),
        ]
        self.push_screen(FormScreen("Plan a break", fields, submit))

    # --- navigation ---------------------------------------------------------------------------

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
        owned = [*((screen, b) for b in screen.BINDINGS), *((self, b) for b in self.BINDINGS)]
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
