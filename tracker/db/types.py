"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC and always handed back time-zone aware.

    PostgreSQL keeps it in a ``timestamptz``; SQLite has no time zones, so it stores naive UTC
    text, which still sorts and compares correctly.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class WordList(TypeDecorator[list[str]]):
    """A short list of lowercase words (tags, platforms) kept as ``,a,b,`` text.

    The framing commas let ``LIKE '%,word,%'`` find one word on either backend without JSON
    operators that differ between them.
    """

    impl = String
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Dialect) -> str:
        words = value or []
        return "," + ",".join(words) + "," if words else ""

    def process_result_value(self, value: str | None, dialect: Dialect) -> list[str]:
        return [word for word in (value or "").split(",") if word]
