"""Cells for files that people open in a spreadsheet, safe from formula injection.

A title such as ``=HYPERLINK("http://evil", "click")`` typed on a shared board would run as a
formula in whoever opens the CSV. OWASP's rule: a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return gets a single quote in front, so the spreadsheet shows it as
text. Only text a person typed needs it: numbers we write ourselves (a negative one included)
stay numbers. Every CSV writer (the exports, the report's CSV) goes through here.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"

Cell = str | int | float | None


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: quoted when it could start a formula."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_cell(value: Cell) -> str | int | float:
    """One cell: text neutralised, numbers as they are, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    return value


def spreadsheet_row(values: Iterable[Cell]) -> list[str | int | float]:
    """A row for ``csv.writer``: each value through ``spreadsheet_cell``."""
    return [spreadsheet_cell(value) for value in values]
