"""TUI fixtures: a SQLite file (screens look the same on either backend) and an app on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.services import board
from tracker.tui.app import TrackerApp


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def add(database, ctx):
    """Add a video as a user would elsewhere; returns its number."""

    def adding(title: str, **options) -> int:
        return database.run_write(lambda s: board.add_video(s, ctx, title, **options)).number

    return adding


@pytest.fixture
def app(database, ctx) -> TrackerApp:
    """The app without its background timers: tests drive refreshes and ticks themselves."""
    return TrackerApp(database, ctx, watch=False)
