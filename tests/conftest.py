"""Shared fixtures: real databases (a SQLite file, and a PostgreSQL schema) and a fixed clock."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tracker.config import Settings
from tracker.db.database import Database, open_database
from tracker.db.engine import sqlite_path
from tracker.services.context import Context
from tracker.services.members import add_member

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ZONE = ZoneInfo("Europe/Berlin")
# A Wednesday morning in Berlin; the week (Monday-first) began on 2026-11-23.
START = datetime(2026, 11, 25, 10, 0, tzinfo=ZONE)


class Clock:
    """A clock that moves only when told to."""

    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def __call__(self) -> datetime:
        return self.current.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def _pg_admin_url() -> str | None:
    """A reachable PostgreSQL server, or None (the tests then skip, or fail under CI)."""
    url = os.environ.get("TRACKER_TEST_PG_URL", DEFAULT_PG_URL)
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except Exception as error:
        reason = f"PostgreSQL not reachable at {url} ({type(error).__name__})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must provide one (see .ci/run)")
        pytest.skip(f"{reason}; set TRACKER_TEST_PG_URL to run these tests")
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections work in a fresh, private PostgreSQL schema."""
    admin_url = _pg_admin_url()
    assert admin_url is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """The same test on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file migrated to the head revision, copied for each test that wants a
    database: the migrations themselves are tested in tests/db, once is enough here."""
    path = tmp_path_factory.mktemp("template") / "tracker.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def database(db_url: str, migrated_sqlite: Path) -> Iterator[Database]:
    path = sqlite_path(db_url)
    if path is not None and not path.exists():
        shutil.copyfile(migrated_sqlite, path)
        path.chmod(0o600)
    db = open_database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings() -> Settings:
    """No pre-publish checklist: tests of other things move cards into published freely;
    the checklist's own tests turn it on."""
    return Settings(timezone="Europe/Berlin", member="ana", checklist=())


@pytest.fixture
def ctx(database: Database, settings: Settings, clock: Clock) -> Context:
    member_id = database.run_write(lambda session: add_member(session, "ana"))
    return Context(member_id=member_id, settings=settings, zone=ZONE, clock=clock)


@pytest.fixture
def run(db_url, tmp_path, monkeypatch, capsys):
    """Run `tracker ARGS` in-process against a fresh database; returns (exit code, out, err)."""
    config = tmp_path / "config.toml"
    config.write_text('member = "ana"\ntimezone = "Europe/Berlin"\nchecklist = {}\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    monkeypatch.setenv("TRACKER_DB", db_url)
    clock = Clock()
    from tracker import cli

    monkeypatch.setattr(cli.state, "clock", clock)

    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    invoke.clock = clock  # type: ignore[attr-defined]
    return invoke


@pytest.fixture(autouse=True)
def private_state_folder(tmp_path_factory, monkeypatch):
    """Check records and crash reports go to a folder of each test's own, never the user's."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))
