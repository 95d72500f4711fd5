"""The help screen: what the current screen is for and every key it answers to.

The keys come from Textual's own record of the active bindings (the focused widget's, the
screen's and the app's, after any ``[keymap]`` in the config), so the help can never list a key
that does nothing or miss one that works; they are shown by their names on the keyboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tracker.core.sustainability import DISCLAIMER

GENERAL = (
    "Changes made in another terminal appear here within a couple of seconds. "
    "The line at the top shows the running timer and the most pressing sustainability signal; "
    f"tracker status lists them all. {DISCLAIMER}"
)
THIS_SCREEN = "On this screen"
AT_THE_CURSOR = "Where the cursor is"
EVERYWHERE = "Everywhere"
SECTIONS = (THIS_SCREEN, AT_THE_CURSOR, EVERYWHERE)
KEY_COLUMN_CELLS = 18  # wider key lists wrap their description to the next line


class HelpScreen(ModalScreen[None]):
    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [
        Binding("escape,q", "dismiss", "Close", id="close-help"),
        # The key that opens the help closes it, also after a [keymap] moves it.
        Binding("question_mark,f1", "dismiss", "Close", show=False, id="help"),
    ]

    def __init__(self, about: Screen[Any]) -> None:
        super().__init__()
        self.about = about
        self.sections = key_sections(about)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            about = getattr(self.about, "HELP", "")
            if about:
                yield Static(Content(about), id="help-about")
            for title, rows in self.sections:
                yield Static(Content(title), classes="help-section")
                yield Static(key_table(rows), classes="help-keys")
            yield Static(Content(GENERAL), id="help-general")

    def on_mount(self) -> None:
        box = self.query_one("#help", VerticalScroll)
        box.border_title = Content("Help")
        closing = [
            self.app.get_key_display(active.binding)
            for active in self.active_bindings.values()
            if active.binding.action == "dismiss"
        ]
        box.border_subtitle = Content(f"{' '.join(closing)} close · ↑ ↓ PgUp PgDn scroll")
        box.focus()

    def action_dismiss(self, result: Any = None) -> None:  # type: ignore[override]
        self.dismiss()


def key_sections(screen: Screen[Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key the person can press on ``screen`` now, as (section, [(keys, what it does)]):
    the screen's own keys, the focused widget's, then those that work everywhere. Keys for the
    same thing are listed together (``↑ k``); ours come before those Textual adds (Tab)."""
    app = screen.app
    found: dict[str, dict[str, list[str]]] = {title: {} for title in SECTIONS}
    textual_own: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.system or not binding.description:
            continue
        section = _section(active.node, binding, screen)
        keys = found[section].setdefault(binding.description, [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
        if binding.id is None:
            textual_own.add(binding.description)
    return [
        (
            title,
            [
                (" ".join(keys), description)
                for description, keys in sorted(rows.items(), key=lambda row: row[0] in textual_own)
            ],
        )
        for title, rows in found.items()
        if rows
    ]


def key_table(rows: list[tuple[str, str]]) -> Content:
    """Keys in a column, what they do beside them; a long key list gets a line of its own."""
    lines: list[Content] = []
    for keys, description in rows:
        width = cell_len(keys)
        if width < KEY_COLUMN_CELLS:
            gap = " " * (KEY_COLUMN_CELLS - width)
            lines.append(Content.assemble((keys, "bold"), gap, description))
        else:
            lines.append(Content.assemble((keys, "bold")))
            lines.append(Content.assemble(" " * KEY_COLUMN_CELLS, description))
    return Content("\n").join(lines)


def _section(node: Any, binding: Binding, screen: Screen[Any]) -> str:
    if node is screen.app:
        return EVERYWHERE
    if node is screen:
        return THIS_SCREEN
    return AT_THE_CURSOR
