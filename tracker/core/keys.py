"""Key names: what a person may write in the ``[keymap]`` table, and how a key is shown.

The names are Textual's (``question_mark``, ``ctrl+p``, ``pageup``), so a checked key can be
handed to the app as it is; this module knows them without importing Textual, so the config
file can be checked by code that must never load the screens. Display names are what a person
sees on the keyboard: ``?``, ``/``, ``Esc``, ``PgUp``, ``Ctrl+P``.
"""

from __future__ import annotations

import re
import string
import unicodedata

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
FUNCTION_KEYS = tuple(f"f{number}" for number in range(1, 25))
NAMED_KEYS = (
    "escape",
    "enter",
    "tab",
    "space",
    "backspace",
    "delete",
    "insert",
    "home",
    "end",
    "pageup",
    "pagedown",
    "up",
    "down",
    "left",
    "right",
    *FUNCTION_KEYS,
)
# What people also call those keys (and what the footer shows), read as the key itself.
ALIASES = {
    "esc": "escape",
    "return": "enter",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
}
DISPLAY = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Del",
    "insert": "Ins",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}
# Unicode names that Textual shortens (solidus is "slash").
_SHORTER = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_FUNCTION_KEY = re.compile(r"f[0-9]{1,2}")


class KeyNameError(ValueError):
    """A key that no keyboard sends by that name; ``str()`` says why, for the person."""


def character_key(char: str) -> str:
    """The key name of one typed character: ``?`` is ``question_mark``, ``a`` stays ``a``."""
    if char.isalnum():
        return char
    if char == "\t":
        return "tab"
    try:
        name = unicodedata.name(char).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return char
    return _SHORTER.get(name, name)


_PUNCTUATION = {character_key(char): char for char in string.punctuation}


def key_character(name: str) -> str | None:
    """The character a key name stands for (``question_mark`` is ``?``), or None."""
    if len(name) == 1:
        return name
    if name in _PUNCTUATION:
        return _PUNCTUATION[name]
    try:
        char = unicodedata.lookup(name.replace("_", " "))
    except KeyError:
        return None
    return char if char.isprintable() and character_key(char) == name else None


def canonical_key(text: str) -> str:
    """One key as Textual names it, from what a person wrote: ``?`` → ``question_mark``,
    ``Ctrl+S`` → ``ctrl+s``, ``shift+h`` → ``H``, ``PgUp`` → ``pageup``."""
    text = text.strip()
    if not text:
        raise KeyNameError("a key is missing (two commas in a row, or nothing at all)")
    if len(text) == 1:
        return _single(text)
    *written_modifiers, name = text.split("+")
    name = name.strip()
    if not name:
        raise KeyNameError(f'"{text}" ends without a key; write "plus" for the + key')
    modifiers = sorted({modifier.strip().lower() for modifier in written_modifiers})
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            raise KeyNameError(
                f'"{modifier}" in "{text}" is not a modifier; use {", ".join(MODIFIERS)}'
            )
    if len(name) == 1:
        key = _single(name)
        if modifiers == ["shift"] and len(key) == 1 and key.isalpha():
            return key.upper()  # terminals send shift+h as H
        if modifiers and len(key) == 1 and key.isalpha():
            key = key.lower()
    else:
        lowered = name.lower()
        key = ALIASES.get(lowered, lowered)
        if key not in NAMED_KEYS and key not in _PUNCTUATION:
            raise KeyNameError(
                f'"{name}" is not a key; use one character, or a name such as escape, enter, '
                "tab, space, up, pagedown, home, f1 or question_mark"
            )
    return "+".join([*modifiers, key])


def canonical_keys(text: str) -> str:
    """A comma-separated list of keys, each made canonical, without repeats: ``"k, up"``."""
    keys: list[str] = []
    for part in text.split(","):
        key = canonical_key(part)
        if key not in keys:
            keys.append(key)
    return ",".join(keys)


def key_display(key: str) -> str:
    """How a key is shown to the person: ``question_mark`` → ``?``, ``ctrl+p`` → ``Ctrl+P``,
    ``pageup`` → ``PgUp``, ``shift+left`` → ``Shift+←``."""
    if len(key) == 1:
        return key
    *modifiers, name = key.split("+")
    shown = DISPLAY.get(name)
    if shown is None:
        function_key = _FUNCTION_KEY.fullmatch(name)
        shown = name.upper() if function_key else key_character(name) or name
        if modifiers and len(shown) == 1 and shown.isalpha():
            shown = shown.upper()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), shown])


def _single(char: str) -> str:
    if char in ALIASES:
        return ALIASES[char]
    if char == ",":
        return "comma"
    if not char.isprintable() and char != "\t":
        raise KeyNameError(f"{char!r} is not a key that can be typed")
    return character_key(char)
