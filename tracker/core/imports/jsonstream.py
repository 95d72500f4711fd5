"""The items of one big JSON array, read piece by piece with the line each item starts on.

Watson keeps every frame ever recorded in one JSON array; years of history are hundreds of
megabytes. ``json.load`` would hold all of it (and every frame as Python objects) at once, and
would not say on which line a bad frame sits. This reads the text in chunks, decodes one item
at a time with the standard decoder and counts lines as it goes: memory stays that of a chunk.
An item is at most ``LONGEST_ITEM`` characters: at least that much text is kept ahead of the
next item, so the common case (an item, a comma, the next item) is one decode, one match and
one count of line breaks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.core.imports import LocatedError

_DECODE = json.JSONDecoder().raw_decode
_SPACE = re.compile(r"[ \t\n\r]*")
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
_QUOTE_LIMIT = 20
LONGEST_ITEM = 1 << 16  # characters; a Watson frame is a few hundred


def array_items(chunks: Iterable[str]) -> Iterator[tuple[int, Any]]:
    """Yield ``(line, item)`` for each item of the JSON array that ``chunks`` spell out.

    Raises ``LocatedError`` for text that is not one JSON array (nothing at all, another
    value, a syntax error, text after the closing bracket).
    """
    scanner = _Scanner(iter(chunks))
    if scanner.next_char() != "[":
        raise LocatedError(scanner.line, f"expected a JSON list ([...]), found {scanner.found()}")
    scanner.pos += 1
    if scanner.next_char() == "]":
        scanner.pos += 1
    else:
        yield from scanner.items()
    if scanner.next_char() != "":
        raise LocatedError(scanner.line, f"unexpected {scanner.found()} after the list's end")


class _Scanner:
    """A window on the text: ``text[pos:]`` is unread, ``line`` is the line at ``pos``."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self.text = ""
        self.pos = 0
        self.line = 1
        self.exhausted = False

    def _fill(self) -> bool:
        """Append the next chunk (dropping what was read); False at the end of the text."""
        chunk = next(self._chunks, None)
        if chunk is None:
            self.exhausted = True
            return False
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        return True

    def _advance(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end

    def next_char(self) -> str:
        """Skip white space; the next character, or "" at the end of the text."""
        while True:
            self._advance(_SPACE.match(self.text, self.pos).end())  # type: ignore[union-attr]
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._fill():
                return ""

    def items(self) -> Iterator[tuple[int, Any]]:
        """From the first item (at ``pos``) to past the list's closing bracket."""
        while True:
            if len(self.text) - self.pos < LONGEST_ITEM and not self.exhausted:
                self._top_up()
                self.next_char()
            text, start = self.text, self.pos
            try:
                value, end = _DECODE(text, start)
            except json.JSONDecodeError as error:
                raise self._broken(error) from None
            if end == len(text) and not self.exhausted:
                self._fill()  # a number at the end of the text may go on in the next chunk
                continue
            yield self.line, value
            comma = _COMMA.match(text, end)
            if comma is not None:  # the common case: the next item follows
                self._advance(comma.end())
                continue
            self._advance(end)
            separator = self.next_char()
            self.pos += 1
            if separator == "]":
                return
            if separator != ",":
                self.pos -= 1
                raise LocatedError(
                    self.line, f"expected , or ] after an item, found {self.found()}"
                )
            self.next_char()

    def _top_up(self) -> None:
        """Read on until at least ``LONGEST_ITEM`` characters are ahead, or the text ends."""
        while len(self.text) - self.pos < LONGEST_ITEM and self._fill():
            pass

    def _broken(self, error: json.JSONDecodeError) -> LocatedError:
        line = self.line + self.text.count("\n", self.pos, error.pos)
        if error.pos >= len(self.text):
            return LocatedError(line, "the file ends in the middle of an item (cut off?)")
        return LocatedError(line, f"not valid JSON ({error.msg})")

    def found(self) -> str:
        while len(self.text) - self.pos < _QUOTE_LIMIT and self._fill():
            pass
        if self.pos >= len(self.text):
            return "the end of the file"
        piece = self.text[self.pos : self.pos + _QUOTE_LIMIT].split("\n")[0]
        return json.dumps(piece)
