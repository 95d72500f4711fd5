"""A break prompt: one question naming every limit just crossed, alerts first, with only the
answers that fit (stop a running timer, a short break when there is work to pause, a rest day
for the daily load, snooze, dismiss)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.core.sustainability import DISCLAIMER, Signal
from tracker.services.breaks import (
    BREAK_MINUTES,
    CHECKIN,
    DAILY_LOAD,
    PAUSE,
    SNOOZE_MINUTES,
    family,
)
from tracker.tui.plain import plain
from tracker.tui.widgets.timer_bar import SIGNAL_MARKS

# Each answer with its key and how the prompt names it, in the order they are offered.
KEYS = {
    "stopped": ("s", "stop the timer"),
    "break": ("b", f"take a {BREAK_MINUTES}-minute break"),
    "snoozed": ("z", f"snooze {SNOOZE_MINUTES} min"),
    "rest_day": ("r", "rest tomorrow"),
    "dismissed": ("Esc", "dismiss"),
}


class PromptScreen(ModalScreen[str]):
    """Dismisses with the answer: stopped, break, snoozed, rest_day or dismissed."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("s", "answer('stopped')", "Stop the timer", id="prompt-stop"),
        Binding("b", "answer('break')", f"Take a {BREAK_MINUTES}-minute break", id="prompt-break"),
        Binding("z", "answer('snoozed')", f"Snooze {SNOOZE_MINUTES} min", id="prompt-snooze"),
        Binding("r", "answer('rest_day')", "Rest tomorrow", id="prompt-rest"),
        Binding("escape,d", "answer('dismissed')", "Dismiss", id="prompt-dismiss"),
    ]

    def __init__(
        self, signals: Sequence[Signal], answers: Sequence[str], help_line: str = ""
    ) -> None:
        super().__init__()
        self.signals = tuple(signals)
        self.answers = tuple(answers)
        self.help_line = help_line

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            yield Static(self._title(), id="prompt-title")
            with VerticalScroll(id="prompt-signals"):
                for signal in self.signals:
                    with Horizontal(classes=f"prompt-signal {signal.level}"):
                        yield Static(SIGNAL_MARKS.get(signal.level, ""), classes="prompt-mark")
                        yield Static(plain(signal.message), classes="prompt-message")
            with Grid(id="prompt-keys"):
                for answer in self.answers:
                    key, label = KEYS[answer]
                    yield Static(f"{key} {label}", classes="prompt-key")
            yield Static(plain(f"{DISCLAIMER} {self.help_line}".strip()), id="prompt-note")

    def _title(self) -> str:
        families = {family(signal.key) for signal in self.signals}
        if families & {PAUSE, DAILY_LOAD}:
            return "Time for a break?"
        if CHECKIN in families:
            return "About your check-in"
        return "About your board"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the answers offered have a key."""
        if action == "answer":
            return parameters[0] in self.answers
        return True

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
