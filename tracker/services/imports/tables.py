"""Tables from CSV files and Excel workbooks: a header row, then rows of cells with their line.

The first row that holds anything is the header. Rows with nothing in them are skipped (a
spreadsheet often ends in blank rows); a row longer than the header is refused, as it usually
means the file is split on the wrong character. A CSV file may be separated by commas,
semicolons (spreadsheets in many languages) or tabs: the header line decides.
"""

from __future__ import annotations

import csv
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from tracker.core.errors import InputError
from tracker.core.imports.cells import Cell, text_of
from tracker.services.imports import Progress, SourceFile, located

SEPARATORS = (",", ";", "\t")
# What a damaged or foreign file makes the workbook reader raise: a zip that is not one, a
# part that is missing or not XML, values that do not fit.
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
)


@dataclass
class Table:
    """A header and the rows after it, each ``(line, cells)`` padded to the header's width."""

    file: SourceFile
    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]

    def columns(self, mapping: dict[str, str]) -> dict[str, int]:
        """Where each mapped field's column is: exact names first, then ignoring case."""
        lowered = [name.lower() for name in self.header]
        found = {}
        for field, column in mapping.items():
            if column in self.header:
                found[field] = self.header.index(column)
            elif column.lower() in lowered:
                found[field] = lowered.index(column.lower())
            else:
                raise InputError(
                    f'{self.file.shown} has no column "{column}" (for {field}); its columns are '
                    f"{self.names()}."
                )
        return found

    def names(self) -> str:
        return ", ".join(f'"{name}"' for name in self.header if name)


def auto_mapped(table: Table, mapping: dict[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    """``mapping`` completed by the columns named like a field that it does not use already."""
    complete = dict(mapping)
    used = {column.lower() for column in mapping.values()}
    for name in table.header:
        field = name.lower()
        if field in fields and field not in complete and field not in used:
            complete[field] = name
    return complete


def read_csv(file: SourceFile, progress: Progress | None = None) -> Table:
    """The table in a CSV file."""
    size = file.check()
    lines = file.lines(progress, size)
    first = next(lines, None)
    while first is not None and not first[1].strip():
        first = next(lines, None)
    if first is None:
        raise InputError(f"{file.shown} holds only blank lines; nothing was imported.")
    header_line = first[1]
    separator = max(SEPARATORS, key=header_line.count)
    reader = csv.reader((text for _number, text in chain([first], lines)), delimiter=separator)
    skipped = first[0] - 1
    rows = _csv_rows(file, reader, skipped)
    header_at, cells = next(rows)
    header = _header(file, header_at, cells)
    return Table(file, header, _fitted(file, header, rows))


def _csv_rows(file: SourceFile, reader: Any, skipped: int) -> Iterator[tuple[int, list[Cell]]]:
    while True:
        line = reader.line_num + skipped + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise located(file.shown, line, f"not a readable CSV row ({error})") from None
        yield line, list(row)


def read_xlsx(file: SourceFile, sheet: str | None = None) -> Table:
    """The table on a workbook's first sheet (or the named one), read without loading the
    whole workbook; the line of a row is its row number in the sheet."""
    from openpyxl import load_workbook

    file.check()
    try:
        workbook = load_workbook(file.path, read_only=True, data_only=True)
        if sheet is not None and sheet not in workbook.sheetnames:
            names = ", ".join(f'"{name}"' for name in workbook.sheetnames)
            raise InputError(f'{file.shown} has no sheet "{sheet}"; its sheets are {names}.')
        worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
        if not hasattr(worksheet, "reset_dimensions"):
            raise InputError(f'"{worksheet.title}" in {file.shown} is a chart, not rows.')
        worksheet.reset_dimensions()  # a workbook's stated size may be wrong; read every row
        rows = _intact(
            file,
            (
                (number, list(cells))
                for number, cells in enumerate(worksheet.iter_rows(min_row=1, values_only=True), 1)
            ),
        )
        first = next((row for row in rows if any(text_of(cell) for cell in row[1])), None)
    except OSError as error:
        raise InputError(f"Cannot read {file.shown}: {error.strerror or error}.") from None
    except _DAMAGED:
        raise _not_a_workbook(file) from None
    if first is None:
        raise InputError(f"{file.shown} has nothing on its sheet; nothing was imported.")
    header = _header(file, first[0], first[1])
    return Table(file, header, _fitted(file, header, rows))


def _intact(
    file: SourceFile, rows: Iterator[tuple[int, list[Cell]]]
) -> Iterator[tuple[int, list[Cell]]]:
    """The rows of a sheet, which is read (and found damaged) only as they are asked for."""
    try:
        yield from rows
    except _DAMAGED:
        raise _not_a_workbook(file) from None


def _not_a_workbook(file: SourceFile) -> InputError:
    return InputError(
        f"{file.shown} is not an Excel workbook (.xlsx), or it is damaged; save it again as "
        ".xlsx or as CSV."
    )


def _header(file: SourceFile, line: int, names: list[Cell]) -> list[str]:
    header = [text_of(name) for name in names]
    while header and not header[-1]:
        header.pop()
    named = [name.lower() for name in header if name]
    if len(set(named)) != len(named):
        twice = next(name for name in header if name and named.count(name.lower()) > 1)
        raise located(
            file.shown, line, f'the column "{twice}" appears twice; give each column its own name'
        )
    return header


def _fitted(
    file: SourceFile, header: list[str], rows: Iterator[tuple[int, list[Cell]]]
) -> Iterator[tuple[int, list[Cell]]]:
    """The rows that hold anything, as wide as the header."""
    width = len(header)
    for line, cells in rows:
        if not any(text_of(cell) for cell in cells):
            continue
        if any(text_of(cell) for cell in cells[width:]):
            raise located(
                file.shown,
                line,
                f"this row has more cells than the header's {width} columns; "
                "is the file separated by another character?",
            )
        yield line, (cells + [None] * width)[:width]
