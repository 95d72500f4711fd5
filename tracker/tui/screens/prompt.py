"""A break prompt: a limit was just crossed; stop, take a break, snooze, plan a rest day or not."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.core.sustainability import DISCLAIMER, Signal
from tracker.tui.plain import plain

BREAK_MINUTES = 10
SNOOZE_MINUTES = 15


class PromptScreen(ModalScreen[str]):
    """Dismisses with the answer: stopped, break, snoozed, rest_day or dismissed."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("s", "answer('stopped')", "Stop the timer"),
        Binding("b", "answer('break')", f"Take a {BREAK_MINUTES}-minute break"),
        Binding("z", "answer('snoozed')", f"Snooze {SNOOZE_MINUTES} min"),
        Binding("r", "answer('rest_day')", "Rest tomorrow"),
        Binding("escape,d", "answer('dismissed')", "Dismiss"),
    ]

    def __init__(self, signal: Signal, help_line: str = "") -> None:
        super().__init__()
        self.signal = signal
        self.help_line = help_line

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt"):
            title = "About your check-in" if self.signal.key == "checkin" else "Time for a break?"
            yield Static(title, id="prompt-title")
            yield Static(plain(self.signal.message), id="prompt-message")
            yield Static(
                f"s stop the timer · b take a {BREAK_MINUTES}-minute break · "
                f"z snooze {SNOOZE_MINUTES} min · r rest tomorrow · Esc dismiss",
                id="prompt-keys",
            )
            yield Static(plain(f"{DISCLAIMER} {self.help_line}".strip()), id="prompt-note")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
