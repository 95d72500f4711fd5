"""Choose a stage with one key: its number or its letter, while the choices are on screen."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.tui.plain import plain

MAX_NUMBERED = 9


def stage_keys(stages: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Each stage with its number (1-9) and its letter: the first letter of its name that no
    stage before it took (script s, scheduled c; record r, review v)."""
    taken: set[str] = set()
    keys: list[tuple[str, str, str]] = []
    for index, stage in enumerate(stages, start=1):
        number = str(index) if index <= MAX_NUMBERED else ""
        letter = next((c for c in stage if c.isalpha() and c not in taken), "")
        taken.add(letter)
        keys.append((stage, number, letter))
    return keys


class StagePicker(ModalScreen[str | None]):
    """Dismisses with the chosen stage, or None when Escape cancels."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker-cancel")]

    def __init__(self, question: str, stages: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.question = question
        self.current = current
        self.keys = stage_keys(stages)
        self.by_key = {key: stage for stage, *both in self.keys for key in both if key}

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(plain(self.question), id="picker-question")
            yield Static(self._choices(), id="picker-choices")
            yield Static("its number or its underlined letter · Esc cancels", id="picker-keys")

    def _choices(self) -> Content:
        parts: list[Content] = []
        for stage, number, letter in self.keys:
            at = stage.index(letter) if letter else -1
            name = Content.assemble(
                stage[:at] if at >= 0 else stage,
                *((letter, "bold underline"), stage[at + 1 :]) if at >= 0 else (),
            )
            here = stage == self.current
            choice = Content.assemble((number, "bold"), " " if number else "", name)
            parts.append(choice.stylize("dim") if here else choice)
        return Content("   ").join(parts)

    def on_key(self, event: events.Key) -> None:
        stage = self.by_key.get((event.character or "").lower())
        if stage is not None:
            event.stop()
            event.prevent_default()
            self.dismiss(stage)

    def action_cancel(self) -> None:
        self.dismiss(None)
