"""Text a person typed, shown as it is: never read as markup, escape sequences neutralised.

A title with ``[/]`` or ``[bold]`` in it must show those characters, not crash a screen or
restyle it; on a shared board another member may have typed it.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from tracker.core.text import terminal_safe


def plain(text: str, *, multiline: bool = False) -> Content:
    """For a Static, a toast or a title: literal text."""
    return Content(terminal_safe(text, multiline=multiline))


def cell(text: str) -> Text:
    """For a DataTable cell, which reads a str as markup."""
    return Text(terminal_safe(text))
