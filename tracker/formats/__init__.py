"""A report written out: Markdown, CSV, JSON or a self-contained HTML page.

The writers take the plain data ``tracker.services.reports`` builds and return text, so the
command line and the Review screen write the very same files.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import PurePath
from typing import TYPE_CHECKING

from tracker.core.errors import InputError

if TYPE_CHECKING:
    from tracker.services.reports import Report

#: Each format and the module whose ``write(report)`` writes it (imported only when used).
FORMATS = {"md": "markdown", "html": "html", "csv": "table", "json": "json"}
SUFFIXES = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}


def writer(format_name: str) -> Callable[[Report], str]:
    """The function that writes a report in ``format_name`` (one of ``FORMATS``)."""
    module = import_module(f"tracker.formats.{FORMATS[format_name]}")
    write: Callable[[Report], str] = module.write
    return write


def format_named(name: str) -> str:
    """A format the person typed, checked."""
    chosen = name.strip().lower()
    if chosen not in FORMATS:
        from tracker.core.text import terminal_safe

        raise InputError(
            f'Unknown format "{terminal_safe(name)}"; use one of {", ".join(FORMATS)}.'
        )
    return chosen


def format_of(path: str) -> str:
    """The format a file name's ending names (``.md``, ``.markdown`` or ``.txt``, ``.html``,
    ``.csv``, ``.json``); any other ending is refused rather than guessed."""
    suffix = PurePath(path).suffix.lower()
    if suffix in (".markdown", ".txt"):
        return "md"
    known = next((name for name, ending in SUFFIXES.items() if ending == suffix), None)
    if known is None:
        raise InputError("End the file name in .md, .html, .csv or .json to choose the format.")
    return known
