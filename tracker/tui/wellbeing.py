"""The break-and-prompt flow: timers that respect a break, prompts when a limit is crossed,
the check-in and planning a break. Its own home, so the App only routes keys to it."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from tracker.core.checkin import meaning
from tracker.core.errors import PlannedBreakError, TrackerError
from tracker.core.spans import break_span
from tracker.core.sustainability import ALERT, Signal
from tracker.services import breaks, checkins, timelog
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.screens.prompt import BREAK_MINUTES, SNOOZE_MINUTES, PromptScreen
from tracker.tui.workspace import Workspace

if TYPE_CHECKING:
    from textual.app import App

CHECKIN_LOOKBACK = timedelta(weeks=1)


class Wellbeing:
    """Everything about looking after the person, driven by the app's keys and timers."""

    def __init__(self, app: App[Any], workspace: Workspace) -> None:
        self.app = app
        self.workspace = workspace

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
            if stopped is not None:
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

    def check_prompts(self) -> None:
        """Prompt once for each new crossing: a toast for a warning, a question for an alert."""
        status = self.workspace.status
        if status is None or isinstance(self.app.screen, PromptScreen):
            return
        with self.workspace.read() as session:
            due = breaks.due_prompts(session, self.context, list(status.signals))
        shown_at = self.workspace.now()
        for signal in due:
            if signal.level == ALERT:
                self._alert_outside(signal)
                self.app.push_screen(
                    PromptScreen(signal, self.context.settings.help_line),
                    lambda answer, signal=signal: self._answered(
                        signal, answer or "dismissed", shown_at
                    ),
                )
                return
            self.app.notify(
                f"{signal.message} {self.context.settings.note()}",
                title="A gentle note",
                timeout=12,
                markup=False,
            )
            self._alert_outside(signal)
            self._record(signal, "noted", shown_at)

    def _alert_outside(self, signal: Signal) -> None:
        """The optional extras, off by default: the terminal bell and a desktop notification."""
        settings = self.context.settings
        if settings.prompt_bell:
            self.app.bell()
        if settings.desktop_notifications and shutil.which("notify-send"):
            subprocess.Popen(
                ["notify-send", "tracker", signal.message],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _answered(self, signal: Signal, answer: str, shown_at: datetime) -> None:
        ctx = self.context
        status = self.workspace.status
        if answer in ("stopped", "break") and status and status.running:
            self.workspace.try_change(lambda s: timelog.stop_timer(s, ctx))
        if answer == "break":
            self.workspace.break_until = ctx.now() + timedelta(minutes=BREAK_MINUTES)
            self.app.notify(f"Enjoy the break: back at {self.workspace.break_until:%H:%M}.")
        if answer == "rest_day":
            rest = break_span(ctx.now(), "tomorrow", None)
            self.workspace.try_change(lambda s: breaks.plan_break(s, ctx, *rest, "rest day"))
            self.app.notify("Tomorrow is planned as a rest day.")
        self._record(signal, answer, shown_at)

    def _record(self, signal: Signal, answer: str, shown_at: datetime) -> None:
        snooze = timedelta(minutes=SNOOZE_MINUTES) if answer == "snoozed" else None
        self.workspace.try_change(
            lambda s: breaks.answer_prompt(s, self.context, signal, answer, shown_at, snooze)
        )

    # --- check-in and planned breaks ----------------------------------------------------------

    def remind_checkin(self) -> None:
        """Once per start, when a check-in is due and there is work to look back on."""
        ctx = self.context
        with self.workspace.read() as session:
            due = checkins.checkin_due(session, ctx)
            working = timelog.seconds_logged(session, ctx, ctx.now() - CHECKIN_LOOKBACK, ctx.now())
        if due and working:
            self.app.notify("A check-in is due: press c (two minutes, 13 questions).", timeout=10)

    def checkin(self) -> None:
        items = checkins.instrument()
        fields = [
            Field(f"q{number}", f"{number}. {item.text}", "", "choice", ("", *item.choices))
            for number, item in enumerate(items, start=1)
        ]

        def submit(values: dict[str, Any], _anyway: bool) -> None:
            answers = [
                item.choices.index(values[f"q{n}"]) if values[f"q{n}"] else None
                for n, item in enumerate(items, start=1)
            ]
            view = self.workspace.change(
                lambda s: checkins.record_checkin(s, self.context, answers)
            )
            scores = "  ".join(
                f"{label} {'-' if value is None else f'{value:.0f}'}"
                for label, value in (("personal", view.personal_score), ("work", view.work_score))
            )
            note = self.context.settings.note()
            self.app.notify(
                f"Check-in: {scores}. {meaning(view.highest)} {note}", timeout=20, markup=False
            )

        title = f"Check-in. {checkins.INSTRUCTION} {self.context.settings.note()}"
        self.app.push_screen(FormScreen(title, fields, submit))

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
