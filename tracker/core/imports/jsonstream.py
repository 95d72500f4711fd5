"""The items of one big JSON array, read piece by piece with the line each item starts on.

Watson keeps every frame ever recorded in one JSON array; years of history are hundreds of
megabytes. ``json.load`` would hold all of it (and every frame as Python objects) at once, and
would not say on which line a bad frame sits. This reads the text in chunks, decodes one item
at a time with the standard decoder and counts lines as it goes: memory stays that of a chunk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.core.imports import LocatedError

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
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
        while True:
            scanner.next_char()
            yield scanner.line, scanner.value()
            separator = scanner.next_char()
            scanner.pos += 1
            if separator == "]":
                break
            if separator != ",":
                scanner.pos -= 1
                raise LocatedError(
                    scanner.line, f"expected , or ] after an item, found {scanner.found()}"
                )
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

    def value(self) -> Any:
        """Decode the value at ``pos``, reading more text while it may be cut off."""
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                if self._cut_off() and self._fill():
                    continue
                line = self.line + self.text.count("\n", self.pos, error.pos)
                if error.pos >= len(self.text):
                    raise LocatedError(
                        line, "the file ends in the middle of an item (cut off?)"
                    ) from None
                raise LocatedError(line, f"not valid JSON ({error.msg})") from None
            if end == len(self.text) and not self.exhausted and self._fill():
                continue  # a number at the end of a chunk may go on in the next one
            self._advance(end)
            return value

    def _cut_off(self) -> bool:
        """Whether a value that failed to decode may only be cut off by the end of the text
        read so far: the rest of the text is short, and there is more to come. (A broken
        value in the middle of a long text fails with plenty of text after it.)"""
        return not self.exhausted and len(self.text) - self.pos < LONGEST_ITEM

    def found(self) -> str:
        while len(self.text) - self.pos < _QUOTE_LIMIT and self._fill():
            pass
        if self.pos >= len(self.text):
            return "the end of the file"
        piece = self.text[self.pos : self.pos + _QUOTE_LIMIT].split("\n")[0]
        return json.dumps(piece)
