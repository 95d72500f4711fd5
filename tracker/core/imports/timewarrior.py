"""Timewarrior's data files: one interval a line, ``inc START [- END] [# TAGS [# ANNOTATION]]``.

Times are UTC (``20261101T090000Z``); tags holding spaces or quotes are quoted, ``\\"`` inside.
An interval without an end is the one being tracked now. Timewarrior itself names intervals
only by position (``@1`` is the latest), so an interval's start, which no other interval
shares, is the id that finds it again.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tracker.core.imports import LocatedError, SourceEntry

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(\S+)')
_ESCAPE = re.compile(r"\\(.)")
_MOMENT = "%Y%m%dT%H%M%SZ"
_MOMENT_LENGTH = 16
EXAMPLE = 'inc 20261101T090000Z - 20261101T100000Z # tag "tag two"'


def interval_entry(line: int, text: str) -> SourceEntry | None:
    """The interval on one line of a data file; None for a blank line."""
    tokens = _tokens(text)
    if not tokens:
        return None
    words = [word for word, _quoted in tokens]
    if words[0] != "inc" or tokens[0][1] or len(words) < 2:
        raise LocatedError(line, f"not a Timewarrior interval; expected e.g. {EXAMPLE}")
    start = _moment(line, words[1])
    end = None
    rest = tokens[2:]
    if rest and rest[0] == ("-", False):
        if len(rest) < 2:
            raise LocatedError(line, "the interval has a - but no end time after it")
        end = _moment(line, rest[1][0])
        rest = rest[2:]
    if rest and rest[0] != ("#", False):
        raise LocatedError(line, f"expected # before the tags, found {rest[0][0]!r:.30}")
    tags, annotation = _tags_and_annotation(rest[1:])
    return SourceEntry(line, words[1], start, end, None, tags, annotation)


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Words and quoted strings (unescaped), each with whether it was quoted."""
    tokens = []
    for match in _TOKEN.finditer(text):
        quoted, bare = match.groups()
        tokens.append((_ESCAPE.sub(r"\1", quoted), True) if bare is None else (bare, False))
    return tokens


def _tags_and_annotation(tokens: list[tuple[str, bool]]) -> tuple[tuple[str, ...], str]:
    """The tags up to a second ``#``; the annotation after it, its words joined by spaces."""
    separator = tokens.index(("#", False)) if ("#", False) in tokens else len(tokens)
    tags = tuple(word for word, _quoted in tokens[:separator])
    annotation = " ".join(word for word, _quoted in tokens[separator + 1 :])
    return tags, annotation


def _moment(line: int, text: str) -> datetime:
    try:
        if len(text) != _MOMENT_LENGTH:
            raise ValueError(text)
        return datetime.strptime(text, _MOMENT).replace(tzinfo=UTC)
    except ValueError:
        raise LocatedError(
            line, f"{text!r:.30} is not a Timewarrior time such as 20261101T090000Z"
        ) from None
