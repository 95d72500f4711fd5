"""Text a person typed, made safe to put on a terminal.

On a shared board anyone can type a title; an escape sequence in it (``\\x1b]0;...`` retitles a
window, ``\\x1b[2J`` clears the screen) must reach other people's terminals as visible text,
never as a command.
"""

from __future__ import annotations

_KEPT_IN_MULTILINE = "\n\t"


def terminal_safe(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control or otherwise unprintable character written as an escape
    (``\\x1b``, ``\\n``); with ``multiline`` line breaks and tabs are kept as they are."""
    return "".join(
        char if char.isprintable() or (multiline and char in _KEPT_IN_MULTILINE) else _escaped(char)
        for char in text
    )


def _escaped(char: str) -> str:
    return char.encode("unicode_escape", errors="backslashreplace").decode("ascii")
