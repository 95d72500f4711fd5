"""The break-and-prompt flow: timers that respect a break, prompts when a limit is crossed,
the check-in and planning a break. Its own home, so the App only routes keys to it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.core.errors import PlannedBreakError, TrackerError
from tracker.core.spans import break_span
from tracker.core.sustainability import ALERT, WARN, Signal
from tracker.services import breaks, checkins, sustainability, timelog
from tracker.services.context import CLOCK
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.checkin import CheckinScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.screens.prompt import PromptScreen
from tracker.tui.widgets.timer_bar import SIGNAL_MARKS, TimerBar
from tracker.tui.workspace import Workspace

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

CHECKIN_LOOKBACK = timedelta(weeks=1)
PROMPT_RETRY_SECONDS = 2.0  # a prompt waiting for a form or the check-in to close looks again
WARNING_TOAST_SECONDS = 12


class Wellbeing:
    """Everything about looking after the person, driven by the app's keys and timers."""

    def __init__(self, app: App[Any], workspace: Workspace) -> None:
        self.app = app
        self.workspace = workspace
        self.recheck: Callable[[], None] | None = None  # set while the app watches the clock
        self.next_check_at: datetime | None = None
        self._timer: Timer | None = None
        self._retry: Timer | None = None
        self._remind_after_prompt = False

    @property
    def context(self) -> Any:
        return self.workspace.context

    # --- the timer --------------------------------------------------------------------------

    def toggle_timer(self, number: int | None) -> None:
        """Stop the timer running on card ``number`` (or any, with None), else start one there.

        A break taken from a prompt, or one planned ahead, asks once before work starts again.
        """
        status = self.workspace.status
        running = status.running if status else None
        if running is not None and (number is None or running.video_number == number):
            stopped = self.workspace.try_change(lambda s: timelog.stop_timer(s, self.context))
            if stopped is not None and stopped.discarded:
                self.app.notify("Stopped within a minute: nothing was logged.")
            elif stopped is not None:
                self.app.notify(f"Stopped the timer on {running.activity}.", markup=False)
            return
        if number is None:
            self.app.notify("Pick a card to time, then press t.")
            return
        until = self.workspace.break_until
        if until is not None and self.workspace.now() < until:
            self.app.push_screen(
                ConfirmScreen(f"You are on a break until {until:%H:%M}. Start work anyway?"),
                lambda yes: self._start_after_asking(number, bool(yes)),
            )
            return
        self._start(number, during_break=False)

    def _start_after_asking(self, number: int, yes: bool) -> None:
        if yes:
            self.workspace.break_until = None
            self._start(number, during_break=False)

    def _start(self, number: int, *, during_break: bool) -> None:
        ctx = self.context
        try:
            change = self.workspace.change(
                lambda s: timelog.start_timer(s, ctx, str(number), during_break=during_break)
            )
        except PlannedBreakError:
            self.app.push_screen(
                ConfirmScreen("You planned a break for now. Log work anyway?"),
                lambda yes: self._start(number, during_break=True) if yes else None,
            )
            return
        except TrackerError as error:
            self.app.notify(str(error), severity="error", timeout=8, markup=False)
            return
        stopped = "Stopped the previous timer. " if change.stopped else ""
        self.app.notify(f"{stopped}Timing {change.started.activity} on #{number}.", markup=False)

    # --- prompts ------------------------------------------------------------------------------

    def watch(self, recheck: Callable[[], None]) -> None:
        """From now on, call ``recheck`` (reload the status, then ``check_prompts``) at the
        moment time alone next crosses a limit, and when a snooze or a break ends."""
        self.recheck = recheck

    def check_prompts(self) -> None:
        """Speak up once about every new crossing: one question naming them all, alerts first,
        when any is an alert; else one toast naming the warnings. Then schedule the next look
        for the moment time alone would cross the next limit."""
        if self.workspace.status is None:
            return
        try:
            self._hold_pause_line()
            self._prompt()
            self._schedule()
        except TrackerError:
            return  # the database is unavailable: the app says so, and the safety poll retries

    def _prompt(self) -> None:
        status = self.workspace.status
        screen = self.app.screen
        if status is None or isinstance(screen, PromptScreen):
            return
        if not isinstance(screen, DataScreen):
            self._wait_for_main_screen()  # never over a form being typed into, or the check-in
            return
        ctx = self.context
        with self.workspace.read() as session:
            due = breaks.due_prompts(session, ctx, list(status.signals))
            if not due:
                return
            alert = due[0].level == ALERT
            working = status.running is not None or any(s.key == "pause" for s in status.signals)
            answers = breaks.choices(
                session, ctx, due, running=status.running is not None, working=working
            )
        shown_at = self.workspace.now()
        self._alert_outside(due)
        if not alert:
            lines = "\n".join(f"{SIGNAL_MARKS[WARN]} {signal.message}" for signal in due)
            self.app.notify(
                f"{lines}\n{ctx.settings.note()}",
                title="A gentle note",
                timeout=WARNING_TOAST_SECONDS,
                markup=False,
            )
            self._record(due, "noted", shown_at)
            return
        self.app.push_screen(
            PromptScreen(due, answers, ctx.settings.help_line),
            lambda answer: self._answered(due, answer or "dismissed", shown_at),
        )

    def _wait_for_main_screen(self) -> None:
        """Look again shortly, while the app watches the clock (a modal has no event that
        says it closed)."""
        if self.recheck is None or self._retry is not None:
            return

        def retry() -> None:
            self._retry = None
            if self.workspace.status is not None:
                self._prompt()

        self._retry = self.app.set_timer(PROMPT_RETRY_SECONDS, retry)

    def _schedule(self) -> None:
        """Set one timer for the next moment worth a look: a limit crossed by time alone, a
        snooze or a break ending. Only while the app watches the clock."""
        if self.recheck is None:
            return
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.next_check_at = self.next_check()
        if self.next_check_at is None:
            return
        delay = (self.next_check_at - self.workspace.now()).total_seconds()
        self._timer = self.app.set_timer(max(delay, 0.0), self._at_next_check)

    def next_check(self) -> datetime | None:
        """The next moment a look is worth it, from the data as it is now."""
        ctx = self.context
        with self.workspace.read() as session:
            facts = sustainability.gather_facts(session, ctx)
            release = breaks.next_release(session, ctx)
        crossing = breaks.next_crossing(facts, ctx.settings.thresholds)
        now = self.workspace.now()
        moments = (crossing, release, self.workspace.break_until)
        return min((m for m in moments if m is not None and m > now), default=None)

    def _at_next_check(self) -> None:
        self._timer = None
        if self.recheck is not None:
            self.recheck()

    def _hold_pause_line(self) -> None:
        """During a short break the minutes without a pause stand still: the break's countdown
        shows in their place."""
        status, until = self.workspace.status, self.workspace.break_until
        now = self.workspace.now()
        if status is None or until is None or now >= until:
            return
        shown = tuple(breaks.shown_during_break(status.signals))
        if shown == status.signals:
            return
        self.workspace.status = replace(status, signals=shown)
        for screen in self.app.screen_stack:
            for bar in screen.query(TimerBar):
                bar.show(self.workspace.status, now, until)

    def _alert_outside(self, signals: list[Signal]) -> None:
        """The optional extras, off by default: the terminal bell and a desktop notification."""
        settings = self.context.settings
        if settings.prompt_bell:
            self.app.bell()
        if settings.desktop_notifications and shutil.which("notify-send"):
            subprocess.Popen(
                ["notify-send", "tracker", "\n".join(signal.message for signal in signals)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _answered(self, signals: list[Signal], answer: str, shown_at: datetime) -> None:
        ctx = self.context
        running = self.workspace.status is not None and self.workspace.status.running
        until = self._record(signals, answer, shown_at)
        if answer == "break" and until is not None:
            self.workspace.break_until = until
        if answer in ("stopped", "break") and running:
            self.workspace.try_change(lambda s: timelog.stop_timer(s, ctx))
        if answer == "break" and until is not None:
            self.app.notify(f"Enjoy the break: back at {ctx.shown(until, CLOCK)}.")
        elif answer == "rest_day" and until is not None:
            self.app.notify(
                "Tomorrow is planned as a rest day. No more questions about your hours, days "
                f"in a row or nights until {ctx.shown(until)}."
            )
        if self._remind_after_prompt:
            self._remind_after_prompt = False
            self.remind_checkin()
        self.check_prompts()

    def _record(self, signals: list[Signal], answer: str, shown_at: datetime) -> datetime | None:
        return self.workspace.try_change(
            lambda s: breaks.answer_prompt(s, self.context, signals, answer, shown_at),
            hours_changed=False,
        )

    # --- check-in and planned breaks ----------------------------------------------------------

    def remind_checkin(self) -> None:
        """Once per start, when a check-in is due and there is work to look back on."""
        ctx = self.context
        with self.workspace.read() as session:
            due = checkins.checkin_due(session, ctx)
            working = timelog.seconds_logged(session, ctx, ctx.now() - CHECKIN_LOOKBACK, ctx.now())
        if not (due and working):
            return
        if isinstance(self.app.screen, PromptScreen):
            self._remind_after_prompt = True  # one message at a time
            return
        self.app.notify("A check-in is due: press c (two minutes, 13 questions).", timeout=10)

    def checkin(self) -> None:
        """The check-in, one question at a time; its result is its one message."""
        if isinstance(self.app.screen, CheckinScreen):
            return
        ctx = self.context

        def save(answers: list[int | None]) -> checkins.CheckInView:
            view = self.workspace.change(lambda s: checkins.record_checkin(s, ctx, answers))
            # The result view says what the score means: its signal is not asked about again.
            status = self.workspace.status
            shown = [s for s in status.signals if s.key == "checkin"] if status else []
            if shown:
                self._record(shown, "noted", self.workspace.now())
            return view

        screen = CheckinScreen(
            checkins.instrument(), checkins.INSTRUCTION, ctx.settings.note(), save
        )
        self.app.clear_notifications()  # the reminder, and any note, would cover the questions
        self.app.push_screen(screen, lambda _saved: self.check_prompts())

    def plan_break(self) -> None:
        ctx = self.context

        def submit(values: dict[str, Any], anyway: bool) -> None:
            start, end = break_span(
                ctx.now(),
                values["start"] or "tomorrow",
                values["end"] or None,
                **ctx.reading(anyway=anyway),
            )
            planned = self.workspace.change(
                lambda s: breaks.plan_break(s, ctx, start, end, values["note"])
            )
            self.app.notify(
                f"Break planned: {ctx.span(planned.start_at, planned.end_at)}.", markup=False
            )

        fields = [
            Field("start", "From", "tomorrow", placeholder="tomorrow, sat, 2026-12-20"),
            Field("end", "Until", "", placeholder="empty: that one day; or sun, 2027-01-04"),
            Field("note", "Note", "rest day"),
        ]
        self.app.push_screen(FormScreen("Plan a break", fields, submit))
