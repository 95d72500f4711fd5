"""The lossless export: every row of every table as JSON, and its restore into an empty database.

The file (described in docs/exports.md) is one JSON object: the format's name and version,
the schema revision, then ``"tables"``, each with its ``"columns"`` and its ``"rows"``, one row
a line, the tables in the order their foreign keys need. Ids, versions, timestamps and
tombstones are all kept, so a restore is row for row what was exported.

Both directions stream. The export reads each table in chunks within one snapshot; the import
decodes one row at a time and knows the line it starts on, inserts in batches inside one
transaction, and turns the first problem into ``FILE:LINE: what is wrong`` with nothing kept.
"""

from __future__ import annotations

import codecs
import json
import math
import os
import re
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    Integer,
    String,
    Table,
    Uuid,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session

from tracker import __version__
from tracker.core.errors import ConflictError, InputError, StorageError, one_line
from tracker.db.database import HEAD_REVISION, Database
from tracker.db.models import DERIVED_TABLES, Member, metadata
from tracker.db.types import UTCDateTime, WordList
from tracker.services.board import LARGEST_NUMBER
from tracker.services.imports import Progress

FORMAT_NAME = "tracker-export"
FORMAT_VERSION = 1
# Parents before children, so every row's references are in place when it is inserted. The
# day totals are left out: they are counted again from the time log at the next write.
TABLES: tuple[Table, ...] = tuple(
    table for table in metadata.sorted_tables if table.name not in DERIVED_TABLES
)
TABLE_ORDER = ", ".join(table.name for table in TABLES)
MEMBER_TABLE: Table = Member.__table__  # type: ignore[attr-defined]
CHUNK_ROWS = 1000
READ_BYTES = 1 << 20
# A row longer than this is not waited for: the JSON around it is broken.
LONGEST_VALUE_CHARS = 16 << 20
REVISION = re.compile(r"^[0-9]{4}$")
SPACE = re.compile(r"[ \t\n\r]*")

"""Told ``(done, total)`` as the work goes on: rows written, or bytes of the file read."""


@dataclass(frozen=True)
class Restored:
    """What an import put in (or, on a dry run, would have): rows per table, in file order,
    and the names of the members it holds."""

    rows: dict[str, int]
    members: tuple[str, ...]
    dry_run: bool


def dump(
    session: Session, stream: TextIO, now: datetime, progress: Progress | None = None
) -> dict[str, int]:
    """Write every row of every table to ``stream``, all from one snapshot of the database;
    returns how many rows each table had."""
    _one_snapshot(session)
    counts = {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in TABLES
    }
    total, done = sum(counts.values()), 0
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "schema_revision": HEAD_REVISION,
        "app_version": __version__,
        "exported_at": now.astimezone(UTC).isoformat(),
    }
    stream.write("{" + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in header.items()))
    stream.write(',\n"tables": {')
    for index, table in enumerate(TABLES):
        columns = json.dumps([column.name for column in table.columns])
        stream.write(f'{"," if index else ""}\n{json.dumps(table.name)}: {{"columns": {columns}, ')
        stream.write('"rows": [')
        separator = "\n"
        query = select(table).order_by(*table.primary_key.columns)
        for chunk in session.execute(query.execution_options(yield_per=CHUNK_ROWS)).partitions():
            for row in chunk:
                stream.write(separator + json.dumps([_plain(v) for v in row], ensure_ascii=False))
                separator = ",\n"
            done += len(chunk)
            if progress is not None:
                progress(done, total)
        stream.write("\n]}")
    stream.write("\n}}\n")
    return counts


def _one_snapshot(session: Session) -> None:
    """Make every query of this session see the same moment. SQLite's read transaction does
    already; PostgreSQL's default (read committed) would let a table read later see rows
    whose parents were read before they existed."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection(
            execution_options={"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        )


def _plain(value: Any) -> Any:
    """A column's value as JSON holds it: ids and moments as text, word lists as lists."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def open_export(path: Path) -> BinaryIO:
    """The export file at ``path``, open for ``restore``; refused in one line if unreadable."""
    try:
        return path.open("rb")
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror}).") from None


def restore(
    database: Database,
    raw: BinaryIO,
    shown: str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Restored:
    """Restore the export in ``raw`` (named ``shown`` in messages) into ``database``, which
    must be empty: a fresh one holds only its own default member, whom the file's members
    replace. All or nothing, in one transaction; ``dry_run`` does all of it, then rolls back."""
    try:
        with database.write() as session:
            restored = _restore(session, _Source(raw, shown, progress), dry_run)
            if dry_run:
                raise _RolledBack(restored)
    except _RolledBack as rolled_back:
        return rolled_back.restored
    except OSError as error:
        raise StorageError(f"{shown}: reading it failed ({error.strerror}).") from None
    return restored


class _RolledBack(Exception):
    """Leaves the transaction of a dry run without committing it."""

    def __init__(self, restored: Restored) -> None:
        super().__init__("dry run")
        self.restored = restored


def _restore(session: Session, source: _Source, dry_run: bool) -> Restored:
    _refuse_unless_empty(session, source.shown)
    session.execute(delete(MEMBER_TABLE))  # the fresh database's own member, if any
    _read_header(source)
    rows, members = _read_tables(session, source)
    while source.take(",}") == ",":  # anything after "tables" is information only
        source.key()
        source.value()
    source.end()
    return Restored(rows, members, dry_run)


def _refuse_unless_empty(session: Session, shown: str) -> None:
    """Refuse a database that holds anything beyond the one member every database makes."""
    held = [
        table.name.replace("_", " ")
        for table in TABLES
        if table is not MEMBER_TABLE
        and session.execute(select(select(table).exists())).scalar_one()
    ]
    members = session.execute(select(func.count()).select_from(MEMBER_TABLE)).scalar_one()
    if members > 1:
        held.insert(0, f"{members} members")
    if held:
        raise ConflictError(
            f"This database already holds data ({', '.join(held)}); an export is restored only "
            f"into an empty one. Give a new file: tracker --db NEW.db import json {shown}"
        )


def _read_header(source: _Source) -> None:
    """Read the keys before ``"tables"`` and check that they name a format this code reads."""
    first = source.peek()
    if first != "{":
        what = "the file is empty" if not first else "it is not a JSON object"
        raise source.error(f"not a tracker export: {what}; make one with tracker export json")
    source.take("{")
    header: dict[str, Any] = {}
    while source.peek() != "}":
        if header:
            source.take(",")
        key = source.key()
        if key == "tables":
            _check_header(source.shown, header)
            source.revision = header["schema_revision"]
            return
        header[key] = source.value()
    _check_header(source.shown, header)
    raise source.error('the export has no "tables"')


def _check_header(shown: str, header: dict[str, Any]) -> None:
    name, version = header.get("format"), header.get("version")
    if name != FORMAT_NAME:
        found = f'its "format" is {_quoted(name)}' if "format" in header else 'no "format"'
        raise InputError(
            f'{shown}: not a tracker export ({found}; an export has "format": "{FORMAT_NAME}"). '
            "Make one with tracker export json."
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f'{shown}: its "version" is {_quoted(version)}, not a number such as 1.')
    if version > FORMAT_VERSION:
        raise InputError(
            f"{shown}: it is version {version} of the export format; this tracker reads up to "
            f"version {FORMAT_VERSION}. Upgrade tracker to import it."
        )
    revision = header.get("schema_revision")
    if not isinstance(revision, str) or not REVISION.match(revision):
        raise InputError(
            f'{shown}: its "schema_revision" is {_quoted(revision)}, not a revision such as '
            f'"{HEAD_REVISION}".'
        )
    if revision > HEAD_REVISION:
        raise InputError(
            f"{shown}: it was exported by a newer tracker (schema {revision}; this one has "
            f"{HEAD_REVISION}). Upgrade tracker to import it."
        )


def _read_tables(session: Session, source: _Source) -> tuple[dict[str, int], tuple[str, ...]]:
    """Read and insert every table, in the order of TABLES; returns the rows of each and the
    names of the members who are not deleted."""
    counts: dict[str, int] = {}
    members: list[str] = []
    source.take("{")
    for index, table in enumerate(TABLES):
        if source.peek() == "}":
            raise source.error(_misplaced(None, table.name, counts))
        if index:
            source.take(",")
        name = source.key()
        if name != table.name:
            raise source.error(_misplaced(name, table.name, counts))
        counts[name] = _read_table(session, source, table, members)
    if source.take(",}") == ",":
        name = source.key()
        raise source.error(_misplaced(name, None, counts))
    return counts, tuple(members)


def _misplaced(name: str | None, expected: str | None, read: dict[str, int]) -> str:
    """Why the table ``name`` (None: the end of the tables) is not the ``expected`` one (None:
    there is none after the last)."""
    names = [table.name for table in TABLES]
    if name is None:
        problem = f'table "{expected}" is missing'
    elif name in read:
        problem = f'table "{name}" comes twice'
    elif name not in names:
        problem = f'table "{name}" is not a tracker table'
    elif expected is not None and names.index(name) > names.index(expected):
        problem = f'table "{expected}" is missing'
    else:
        problem = f'table "{name}" is out of order'
    return f"{problem}: an export holds {TABLE_ORDER}, in that order"


def _read_table(session: Session, source: _Source, table: Table, members: list[str]) -> int:
    """Read one table's columns and rows, inserting them in batches; returns the row count."""
    source.take("{")
    if source.key() != "columns":
        raise source.error(f'table "{table.name}" must begin with its "columns"')
    readers = _readers(source, table, source.value())
    source.take(",")
    if source.key() != "rows":
        raise source.error(f'table "{table.name}" must have its "rows" after its "columns"')
    source.take("[")
    batch: list[tuple[int, dict[str, Any]]] = []
    count = 0
    while source.peek() != "]":
        if count:
            source.take(",")
        count += 1
        row = _row(source, table, readers, source.value(), count)
        batch.append((source.value_line, row))
        if table is MEMBER_TABLE and row["deleted_at"] is None:
            members.append(row["name"])
        if len(batch) == CHUNK_ROWS:
            _insert(session, source, table, batch)
            batch = []
    _insert(session, source, table, batch)
    source.take("]")
    source.take("}")
    return count


Reader = tuple[Column[Any], Callable[[Any], Any]]


def _readers(source: _Source, table: Table, columns: Any) -> list[Reader]:
    """How to read each value of a row, in the file's order of columns, which must be exactly
    the table's columns."""
    if not isinstance(columns, list) or not all(isinstance(name, str) for name in columns):
        raise source.error(f'the "columns" of "{table.name}" must be a list of column names')
    ours = [column.name for column in table.columns]
    # A column added since the file's schema is left empty; any other must be there.
    added = source.revision < HEAD_REVISION
    missing = [
        name
        for name in ours
        if name not in columns and not (added and table.columns[name].nullable)
    ]
    unknown = [name for name in columns if name not in ours]
    problem = None
    if missing:
        problem = f'has no column "{missing[0]}"'
    elif unknown:
        problem = f'has an unknown column "{unknown[0]}"'
    elif len(set(columns)) != len(columns):
        problem = "names a column twice"
    if problem is not None:
        raise source.error(f'table "{table.name}" {problem}; its columns are {", ".join(ours)}')
    return [(table.columns[name], _decoder(table.columns[name])) for name in columns]


def _row(
    source: _Source, table: Table, readers: Sequence[Reader], values: Any, number: int
) -> dict[str, Any]:
    where = f"{table.name} row {number}"
    if not isinstance(values, list) or len(values) != len(readers):
        raise source.value_error(f"{where} must be a list of {len(readers)} values, one a column")
    row: dict[str, Any] = {}
    for (column, decode), value in zip(readers, values, strict=True):
        if value is None and not column.nullable:
            raise source.value_error(f"{where}: {column.name} must have a value, not null")
        try:
            row[column.name] = None if value is None else decode(value)
        except ValueError as error:
            raise source.value_error(f"{where}: {column.name} {error}") from None
    return row


def _insert(
    session: Session, source: _Source, table: Table, batch: list[tuple[int, dict[str, Any]]]
) -> None:
    """Insert a batch; when the database refuses it, find the row it refused and say where.

    Each batch runs in a savepoint, so a refusal can be retried row by row to find the line.
    """
    if not batch:
        return
    try:
        with session.begin_nested():
            session.execute(insert(table), [row for _line, row in batch])
    except (IntegrityError, DataError):
        for line, row in batch:
            try:
                with session.begin_nested():
                    session.execute(insert(table), [row])
            except (IntegrityError, DataError) as error:
                reason = str(error.orig).strip().splitlines()[0]
                raise InputError(
                    f"{source.shown}:{line}: the database refuses this {table.name} row "
                    f"({reason}): a repeated id or number, or a reference to a row not in the file"
                ) from None
        raise  # the batch was refused but none of its rows alone: not the file's fault
    source.report()


def _decoder(column: Column[Any]) -> Callable[[Any], Any]:
    """The function that checks and converts a JSON value for ``column``'s type."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _instant
    if isinstance(kind, WordList):
        return _words
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance  # SQLModel's AutoString is a VARCHAR underneath
    if isinstance(kind, Uuid):
        return _uuid
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        return _integer
    if isinstance(kind, Float):
        return _float
    if isinstance(kind, Date):
        return _day
    if isinstance(kind, String):
        return partial(_text, longest=kind.length)
    raise TypeError(f"no reader for column {column} of type {kind!r}")


def _instant(value: Any) -> datetime:
    example = "an instant with its offset, such as 2026-11-25T09:00:00+00:00"
    if isinstance(value, str):
        with suppress(ValueError):
            moment = datetime.fromisoformat(value)
            if moment.tzinfo is not None:
                return moment.astimezone(UTC)
    return _not(value, example)


def _day(value: Any) -> date:
    if isinstance(value, str):
        with suppress(ValueError):
            return date.fromisoformat(value)
    return _not(value, "a date such as 2026-11-27")


def _uuid(value: Any) -> uuid.UUID:
    if isinstance(value, str):
        with suppress(ValueError):
            return uuid.UUID(value)
    return _not(value, "an id (a UUID)")


def _boolean(value: Any) -> bool:
    return value if isinstance(value, bool) else _not(value, "true or false")


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        return _not(value, "a whole number")
    if not -LARGEST_NUMBER - 1 <= value <= LARGEST_NUMBER:
        raise ValueError(f"is {_quoted(value)}, more than the database stores")
    return value


def _float(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return _not(value, "a number")
    return float(value)


def _words(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(
        isinstance(word, str) and word and "," not in word for word in value
    ):
        return _not(value, 'a list of words such as ["youtube", "tiktok"]')
    return value


def _text(value: Any, longest: int | None) -> str:
    if not isinstance(value, str):
        return _not(value, "text")
    if longest is not None and len(value) > longest:
        raise ValueError(f"is {len(value)} characters long; it holds at most {longest}")
    if "\x00" in value:
        raise ValueError("holds a NUL character, which a database cannot store")
    return value


def _not(value: Any, wanted: str) -> Any:
    raise ValueError(f"is {_quoted(value)}, not {wanted}")


def _quoted(value: Any) -> str:
    """A value as the file has it, cut short for a one-line message."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 40 else shown[:37] + "..."


class _Source:
    """A JSON document read one value at a time, knowing the line it has reached.

    Only the value being read (a row, at most) is decoded at once, so a file of any size is
    read in the memory of its largest row. Any layout of the JSON is accepted; what the
    export writes puts each row on a line of its own.
    """

    def __init__(self, raw: BinaryIO, shown: str, progress: Progress | None) -> None:
        self.shown = shown
        self.revision = HEAD_REVISION  # the schema the file was exported from
        self.line = 1
        self.value_line = 1  # where the last value read began
        self._raw = raw
        self._size = os.fstat(raw.fileno()).st_size
        self._read = 0
        self._progress = progress
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._json = json.JSONDecoder()
        self._text = ""
        self._at = 0
        self._ended = False

    def error(self, problem: str, at: int | None = None) -> InputError:
        """``FILE:LINE: problem``, at the current place or at index ``at`` of the text."""
        line = self.line + (self._text.count("\n", self._at, at) if at is not None else 0)
        return InputError(f"{self.shown}:{line}: {problem}")

    def value_error(self, problem: str) -> InputError:
        """``FILE:LINE: problem`` on the line where the last value read began."""
        return InputError(f"{self.shown}:{self.value_line}: {problem}")

    def report(self) -> None:
        if self._progress is not None:
            self._progress(self._read, self._size)

    def peek(self) -> str:
        """The next character that is not white space; "" at the end of the file."""
        self._skip_space()
        return self._text[self._at : self._at + 1]

    def take(self, expected: str) -> str:
        """Consume the next character, which must be one of ``expected``."""
        found = self.peek()
        if not found or found not in expected:
            wanted = " or ".join(f"'{char}'" for char in expected)
            seen = f"'{one_line(found)}'" if found else "the end of the file"
            raise self.error(f"not valid JSON: expected {wanted}, found {seen}")
        self._at += 1
        return found

    def key(self) -> str:
        """An object's next key, and the colon after it."""
        key = self.value()
        if not isinstance(key, str):
            raise self.error("not valid JSON: a key must be text in double quotes")
        self.take(":")
        return key

    def value(self) -> Any:
        """The next JSON value."""
        self._skip_space()
        self.value_line = self.line
        while True:
            try:
                value, end = self._json.raw_decode(self._text, self._at)
            except json.JSONDecodeError as error:
                if len(self._text) - self._at < LONGEST_VALUE_CHARS and self._more():
                    continue  # the value may only be cut at the end of what was read so far
                raise self.error(f"not valid JSON: {error.msg}", error.pos) from None
            if end == len(self._text) and self._more():
                continue  # a number at the end of what was read may go on
            self.line += self._text.count("\n", self._at, end)
            self._at = end
            return value

    def end(self) -> None:
        if self.peek():
            raise self.error("more text follows the end of the export")

    def _skip_space(self) -> None:
        while True:
            end = SPACE.match(self._text, self._at).end()  # type: ignore[union-attr]
            self.line += self._text.count("\n", self._at, end)
            self._at = end
            if self._at < len(self._text) or not self._more():
                return

    def _more(self) -> bool:
        """Add the next piece of the file to the text not yet used; False at the end."""
        if self._ended:
            return False
        chunk = self._raw.read(READ_BYTES)
        self._ended = not chunk
        self._read += len(chunk)
        try:
            fresh = self._utf8.decode(chunk, final=self._ended)
        except UnicodeDecodeError as error:
            lines = self._text.count("\n", self._at) + chunk[: error.start].count(b"\n")
            raise InputError(
                f"{self.shown}:{self.line + lines}: not UTF-8 text; a tracker export is UTF-8"
            ) from None
        self._text = self._text[self._at :] + fresh
        self._at = 0
        return True
