"""The open app runs the database file's daily full check in the background and says what it
found; a command's open never scans a large file."""

from __future__ import annotations

import pytest
from sqlmodel import select

from tests.conftest import ZONE
from tests.db.test_integrity import build, corrupt_index_key, sqlite_url
from tracker.db import database as database_module
from tracker.db.database import open_database
from tracker.db.models import Member, Video
from tracker.services.context import Context
from tracker.tui.app import TrackerApp


async def test_damage_found_in_the_background_shows_a_banner_and_stops_writes(
    tmp_path, settings, clock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(database_module, "FULL_CHECK_MAX_BYTES", 0)  # too large to scan at open
    path = tmp_path / "tracker.db"
    build(path)
    corrupt_index_key(path)
    database = open_database(sqlite_url(path))
    with database.read() as session:  # not by name: the damaged index holds the name
        member_id = session.execute(select(Member.id)).scalar_one()
    ctx = Context(member_id=member_id, settings=settings, zone=ZONE, clock=clock)
    app = TrackerApp(database, ctx)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            banner = app.screen.query_one("#banner")
            assert banner.has_class("visible") and "is damaged" in str(banner.render())
            assert not database.check_due()
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#field-title").value = "Never written"
            await pilot.press("ctrl+s")
            await pilot.pause()
            with database.read() as session:
                assert session.execute(select(Video)).first() is None
    finally:
        database.dispose()
