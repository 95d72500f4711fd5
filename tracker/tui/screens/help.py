"""The help screen: what the current screen is for and every key it answers to."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Markdown

from tracker.core.sustainability import DISCLAIMER

GENERAL = (
    "Keys: 1 board, 2 time log, 3 insights, ? this help, Ctrl+P every command by name, q quit. "
    "Changes made in another terminal appear here within a couple of seconds.\n\n"
    "The line at the top shows the running timer and the most pressing sustainability signal; "
    f"`tracker status` lists them all. {DISCLAIMER}"
)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("escape,question_mark,q,f1", "dismiss", "Close")]

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        self.about = about

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(help_text(self.about))

    def action_dismiss(self, result: Any = None) -> None:  # type: ignore[override]
        self.dismiss()


def help_text(screen: Screen[Any]) -> str:
    """Markdown: the screen's own help, its keys, then the keys every screen has."""
    rows = [
        f"| `{_keys(binding.key)}` | {binding.description} |"
        for binding in screen.BINDINGS
        if isinstance(binding, Binding) and binding.description
    ]
    about = getattr(screen, "HELP", "")
    table = "\n".join(["| Key | Does |", "|---|---|", *rows])
    return f"# Help\n\n{about}\n\n{table}\n\n{GENERAL}\n"


def _keys(spec: str) -> str:
    names = {"question_mark": "?", "full_stop": ".", "slash": "/", "escape": "Esc"}
    return " / ".join(names.get(key, key) for key in spec.split(","))
