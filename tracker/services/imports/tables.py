"""Tables from CSV files and Excel workbooks: a header row, then rows of cells with their line.

The first row that holds anything is the header. Rows with nothing in them are skipped (a
spreadsheet often ends in blank rows); a row longer than the header is refused, as it usually
means the file is split on the wrong character. A CSV file may be separated by commas,
semicolons (spreadsheets in many languages) or tabs: the header line decides.
"""

from __future__ import annotations

import csv
import errno
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any

from tracker.core.errors import InputError
from tracker.core.imports.cells import Cell, text_of
from tracker.core.imports.formats import ODS, OLE, OTHER, TEXT, UTF16, XLSX, is_zip, kind_of
from tracker.services.imports import DAMAGED, ENCODING, Progress, SourceFile, located

SEPARATORS = (",", ";", "\t")
# What a damaged or foreign file makes the workbook reader raise: a zip that is not one or
# that uses what Python's zip reader cannot (a compression, a password), a part that is
# missing or not XML, values that do not fit.
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    KeyError,
    IndexError,
    ValueError,
    TypeError,
    RuntimeError,
)
_SAVE_AS_CSV = 'save it again as "CSV UTF-8" (in Excel: File, Save As) and import that'
_WORKBOOK_AS_CSV = "save it as CSV UTF-8, or as .xlsx for `tracker import xlsx`"
#: How to put right a file given where a CSV file goes (see ``SourceFile``).
CSV_REMEDIES = {
    XLSX: "for a workbook use `tracker import xlsx`",
    ODS: _WORKBOOK_AS_CSV,
    OLE: _WORKBOOK_AS_CSV,
    UTF16: _SAVE_AS_CSV,
    ENCODING: _SAVE_AS_CSV,
}
#: ... given where an Excel workbook goes.
XLSX_REMEDIES = {
    TEXT: "for CSV use `tracker import csv`",
    ODS: "in LibreOffice, save it as Excel 2007-365 (.xlsx) and import that",
    OLE: "open it in Excel or LibreOffice and save it as .xlsx (with no password)",
    UTF16: "for text saved by Excel, save it as CSV UTF-8 and use `tracker import csv`",
    DAMAGED: "save it again as .xlsx from Excel or LibreOffice, or as CSV for `tracker import csv`",
    OTHER: "give a workbook saved as .xlsx by Excel or LibreOffice (for CSV use "
    "`tracker import csv`)",
}
#: ... given where either goes (a platform's export), read as what its content is.
TABLE_REMEDIES = {
    ODS: "save it as .xlsx or as CSV UTF-8 and import that",
    OLE: "save it as .xlsx (with no password) or as CSV UTF-8 and import that",
    UTF16: _SAVE_AS_CSV,
    ENCODING: _SAVE_AS_CSV,
    DAMAGED: "export it again, as CSV or .xlsx",
}


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


def read_table(
    file: SourceFile, sheet: str | None = None, progress: Progress | None = None
) -> Table:
    """The table in a CSV file or an Excel workbook, whichever the file is (whatever its name
    says); ``sheet`` only for a workbook."""
    file.check()
    if is_zip(kind_of(file.head())):
        return read_xlsx(file, sheet)
    if sheet is not None:
        raise InputError(
            f"{file.shown} is a CSV file, which has no sheets; leave out --sheet, or give the "
            ".xlsx workbook."
        )
    return read_csv(file, progress)


def read_xlsx(file: SourceFile, sheet: str | None = None) -> Table:
    """The table on a workbook's first sheet (or the named one), read without loading the
    whole workbook; the line of a row is its row number in the sheet."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file.check()
    head = file.head()
    kind = kind_of(head)
    if kind == ODS or not is_zip(kind):
        raise file.wrong_kind(kind or (TEXT if _is_text(head) else OTHER))
    try:
        stream = file.path.open("rb")  # not the path: openpyxl refuses names not ending .xlsx
    except OSError as error:
        raise _unreadable(file, error) from None
    closing: list[Any] = [stream]
    try:
        try:
            workbook = load_workbook(stream, read_only=True, data_only=True)
            closing.insert(0, workbook)
            if sheet is not None and sheet not in workbook.sheetnames:
                names = ", ".join(f'"{name}"' for name in workbook.sheetnames)
                raise InputError(f'{file.shown} has no sheet "{sheet}"; its sheets are {names}.')
            worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
            if not hasattr(worksheet, "reset_dimensions"):
                raise InputError(f'"{worksheet.title}" in {file.shown} is a chart, not rows.')
            worksheet.reset_dimensions()  # a workbook's stated size may be wrong; read every row
            cells = worksheet.iter_rows(min_row=1, values_only=True)
            rows = _intact(
                file, ((number, list(row)) for number, row in enumerate(cells, 1)), closing
            )
            first = next((row for row in rows if any(text_of(cell) for cell in row[1])), None)
        except BaseException:
            _close(closing)  # the rows will not be read: close the file now
            raise
    except OSError as error:
        raise _unreadable(file, error) from None
    except (*_DAMAGED, InvalidFileException):
        raise _not_a_workbook(file) from None
    if first is None:
        raise InputError(f"{file.shown} has nothing on its sheet; nothing was imported.")
    header = _header(file, first[0], first[1])
    return Table(file, header, _fitted(file, header, rows))


def _intact(
    file: SourceFile, rows: Iterator[tuple[int, list[Cell]]], closing: list[Any]
) -> Iterator[tuple[int, list[Cell]]]:
    """The rows of a sheet, which is read (and found damaged) only as they are asked for;
    the workbook is closed once they are all read, or the reading stops."""
    try:
        yield from rows
    except OSError as error:
        raise _unreadable(file, error) from None
    except _DAMAGED:
        raise _not_a_workbook(file) from None
    finally:
        _close(closing)


def _unreadable(file: SourceFile, error: OSError) -> InputError:
    """An error of the system while a workbook is read: a seek the zip's damaged directory
    points before the file's start is damage, anything else a file the system cannot read."""
    if error.errno == errno.EINVAL:
        return _not_a_workbook(file)
    return InputError(f"Cannot read {file.shown}: {(error.strerror or str(error)).lower()}.")


def _close(closing: list[Any]) -> None:
    for thing in closing:
        thing.close()


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3  # only a character cut off at the end
    return b"\x00" not in head


def _not_a_workbook(file: SourceFile) -> InputError:
    remedy = file.remedies.get(DAMAGED, XLSX_REMEDIES[DAMAGED])
    return InputError(f"{file.shown} is not an Excel workbook (.xlsx), or it is damaged; {remedy}.")


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
