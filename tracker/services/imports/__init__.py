"""Bringing history in from other tools and spreadsheets: what every import shares.

The rules every importer follows:

- **All or nothing.** An import runs inside the caller's one write transaction; the first bad
  record raises ``InputError`` as ``FILE:LINE: what is wrong`` and the whole import is rolled
  back.
- **A dry run is the real run, undone.** With ``dry_run`` the import works inside a savepoint
  that is rolled back at the end, so what it reports is exactly what a real run would do.
- **Idempotent.** Every row gets a UUID derived from the source's own id for the record
  (``row_id``), so a second import of the same file finds its rows already here and adds
  nothing: the result says "N new, M already here". A row already here is never changed.
- **Streamed.** Files are read in chunks and rows go in by the chunk, with one query per chunk
  for the ids already present: years of history never sit in memory at once.
- **No screen.** Progress goes to an optional callback; the command line draws the bar.
"""

from __future__ import annotations

import codecs
import hashlib
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Table
from sqlmodel import Session, SQLModel

from tracker.core.errors import InputError
from tracker.core.imports import LocatedError
from tracker.core.imports.formats import HEAD_BYTES, NAMES, OTHER, kind_of

#: The namespace of every imported row's id: ``uuid5(NAMESPACE, "watson:<frame id>")``.
NAMESPACE = uuid.UUID("6f1d3c52-8a0e-4d4b-9a57-3e0c2b7d9f10")
CHUNK_ROWS = 2000  # rows per insert, and ids per "already here?" query
CHUNK_BYTES = 1 << 20
PREVIEW_ROWS = 5
# Remedies of a ``SourceFile`` besides the kinds of file: text in another encoding than UTF-8,
# and a workbook that cannot be read. (``OTHER`` is the remedy of a kind with none of its own.)
ENCODING = "encoding"
DAMAGED = "damaged"

#: ``progress(done, total)``, both in bytes read; the command line turns it into a bar.
Progress = Callable[[int, int], None]
T = TypeVar("T")


@dataclass(frozen=True)
class Tally:
    """How many of one kind of row an import adds, and how many were already here."""

    what: str
    new: int
    already: int


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do).

    ``preview`` holds the first rows as they land, as text under ``preview_headers``;
    ``notes`` say what else a person should know (rows left out, where new videos went).
    """

    path: str
    dry_run: bool
    tallies: tuple[Tally, ...]
    notes: tuple[str, ...] = ()
    preview_headers: tuple[str, ...] = ()
    preview: tuple[tuple[str, ...], ...] = ()


def row_id(*parts: object) -> uuid.UUID:
    """The id of an imported row, from the source's own name for it: the same each time."""
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


def row_ids(*parts: object) -> Callable[[str], uuid.UUID]:
    """``row_id(*parts, last)`` as a function of ``last``, for a million rows: the hash of
    the parts they share is taken once (``uuid5`` is SHA-1 of the namespace and the name)."""
    shared = hashlib.sha1(NAMESPACE.bytes + "".join(f"{part}:" for part in parts).encode())

    def make(last: str) -> uuid.UUID:
        digest = shared.copy()
        digest.update(last.encode())
        return uuid.UUID(bytes=digest.digest()[:16], version=5)

    return make


def table_of(model: type[SQLModel]) -> Table:
    """A model's table, for bulk inserts that skip the ORM's work for each row."""
    return model.metadata.tables[str(model.__tablename__)]


def located(shown: str, line: int, message: str) -> InputError:
    """The one shape of a bad-row error: ``FILE:LINE: what is wrong``."""
    return InputError(f"{shown}:{line}: {message}")


def run_import(session: Session, dry_run: bool, work: Callable[[], ImportResult]) -> ImportResult:
    """Run ``work`` in the caller's transaction; a dry run does all of it, then undoes it."""
    if not dry_run:
        return work()
    savepoint = session.begin_nested()
    try:
        return work()
    finally:
        savepoint.rollback()


def chunked(items: Iterable[T], size: int = CHUNK_ROWS) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class SourceFile:
    """A file to import: checked before reading, read as UTF-8 text in chunks.

    ``shown`` is the name used in messages (the path as the person gave it); ``what`` says
    what the file should be (``Watson's frames file``) for the messages about a wrong path.
    ``remedies`` say how to put a wrong file right, by what it turned out to be: a kind of
    ``tracker.core.imports.formats`` (``xlsx``...), ``ENCODING`` (text that is not UTF-8),
    ``DAMAGED`` (a workbook that cannot be read), ``OTHER`` (any other wrong kind).
    """

    def __init__(
        self,
        path: Path,
        what: str,
        shown: str | None = None,
        *,
        remedies: Mapping[str, str] | None = None,
    ) -> None:
        self.path = path
        self.what = what
        self.shown = shown if shown is not None else str(path)
        self.remedies = remedies or {}

    def check(self, *, empty_ok: bool = False) -> int:
        """The file's size; one-line errors for a missing or unusable path, and for an empty
        file unless ``empty_ok``."""
        try:
            if self.path.is_dir():
                raise InputError(f"{self.shown} is a folder; give {self.what}.")
            size = self.path.stat().st_size
        except FileNotFoundError:
            raise InputError(f"{self.shown} does not exist; give {self.what}.") from None
        except OSError as error:
            raise self._unreadable(error) from None
        if size == 0 and not empty_ok:
            raise InputError(f"{self.shown} is empty, so nothing was imported; give {self.what}.")
        return size

    def head(self) -> bytes:
        """The file's first bytes, enough to tell what kind of file it is."""
        try:
            with self.path.open("rb") as stream:
                return stream.read(HEAD_BYTES)
        except OSError as error:
            raise self._unreadable(error) from None

    def wrong_kind(self, kind: str) -> InputError:
        """The one-line refusal of a file that is ``kind`` (a key of ``formats.NAMES``)."""
        remedy = self.remedies.get(kind, self.remedies.get(OTHER, ""))
        return InputError(
            f"{self.shown} is {NAMES[kind]}, not {self.what}{f'; {remedy}' if remedy else ''}."
        )

    def text(
        self, progress: Progress | None = None, total: int = 0, done: int = 0
    ) -> Iterator[str]:
        """The file's text in chunks (a UTF-8 byte-order mark dropped), reporting bytes read
        through ``progress`` as ``done`` so far of ``total``."""
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        line = 1
        try:
            with self.path.open("rb") as stream:
                first = stream.read(CHUNK_BYTES)
                kind = kind_of(first[:HEAD_BYTES])
                if kind is not None:
                    raise self.wrong_kind(kind)
                rest = iter(lambda: stream.read(CHUNK_BYTES), b"")
                for chunk in chain([first] if first else [], rest):
                    try:
                        text = decoder.decode(chunk)
                    except UnicodeDecodeError as error:
                        at = line + chunk.count(b"\n", 0, max(error.start, 0))
                        raise self._not_text(at) from None
                    line += chunk.count(b"\n")
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total)
                    yield text
                if decoder.decode(b"", final=True):
                    raise self._not_text(line)
        except UnicodeDecodeError:
            raise self._not_text(line) from None
        except OSError as error:
            raise self._unreadable(error) from None

    def lines(
        self, progress: Progress | None = None, total: int = 0, done: int = 0
    ) -> Iterator[tuple[int, str]]:
        """``(number, line)`` for each line of the text, its line break kept (only ``\n``
        ends a line: other separators may sit inside a quoted cell)."""
        number = 0
        rest = ""
        for chunk in self.text(progress, total, done):
            pieces = (rest + chunk).split("\n")
            rest = pieces.pop()
            for piece in pieces:
                number += 1
                yield number, piece + "\n"
        if rest:
            yield number + 1, rest

    def at(self, error: LocatedError) -> InputError:
        """A reader's error with this file's name in front."""
        return located(self.shown, error.line, str(error))

    def _not_text(self, line: int) -> InputError:
        remedy = self.remedies.get(ENCODING, "is it the right file?")
        return located(self.shown, line, f"this is not UTF-8 text; {remedy}")

    def _unreadable(self, error: OSError) -> InputError:
        reason = (error.strerror or type(error).__name__).lower()
        return InputError(f"Cannot read {self.shown}: {reason}.")
