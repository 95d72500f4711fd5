"""No lost update, no double save, nothing that only looks saved."""

from __future__ import annotations

import uuid

import pytest

from tracker.core.errors import ConflictError, StorageError
from tracker.services import board, timelog


def test_a_move_from_a_stale_view_is_refused_naming_what_changed(database, ctx):
    seen = database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14"))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "review"))
    with pytest.raises(ConflictError, match="moved to review by ana"):
        database.run_write(
            lambda s: board.move_video(s, ctx, "1", "edit", expected_version=seen.version)
        )
    with database.read() as session:
        assert board.resolve_video(session, "1").stage == "review"


def test_adding_the_same_video_twice_by_its_id_saves_one(database, ctx):
    video_id = uuid.uuid4()
    for _ in range(2):
        database.run_write(lambda s: board.add_video(s, ctx, "Once", video_id=video_id))
    with database.read() as session:
        assert [v.title for v in board.list_videos(session, ctx)] == ["Once"]


def test_logging_the_same_entry_twice_by_its_id_saves_one(database, ctx, clock):
    entry_id = uuid.uuid4()
    start, end = clock.current.replace(hour=8), clock.current.replace(hour=9)
    for _ in range(2):
        database.run_write(lambda s: timelog.log_entry(s, ctx, None, start, end, entry_id=entry_id))
    with database.read() as session:
        assert len(timelog.list_entries(session, ctx, *ctx.day_bounds(ctx.today())).entries) == 1


def test_a_timer_stopped_within_a_minute_leaves_no_entry(database, ctx, clock):
    database.run_write(lambda s: timelog.start_timer(s, ctx))
    clock.advance(seconds=20)
    stopped = database.run_write(lambda s: timelog.stop_timer(s, ctx))
    assert stopped.discarded
    with database.read() as session:
        assert timelog.list_entries(session, ctx, *ctx.day_bounds(ctx.today())).entries == ()


def test_a_database_file_moved_away_refuses_writes_instead_of_losing_them(tmp_path, ctx, database):
    if database.path is None:
        pytest.skip("a SQLite file")
    database.path.rename(tmp_path / "elsewhere.db")
    with pytest.raises(StorageError, match="moved, deleted or replaced"):
        database.run_write(lambda s: board.add_video(s, ctx, "Lost?"))
