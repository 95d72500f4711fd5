"""The lossless JSON export and its restore, on SQLite and PostgreSQL, row for row."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlmodel import col, select

from tests.helpers import snapshot
from tracker.core.errors import ConflictError, InputError
from tracker.core.sustainability import Signal
from tracker.db.database import HEAD_REVISION, Database, open_database
from tracker.db.models import TimeEntry, Video
from tracker.services import archive, board, breaks, checkins, metrics, posts, series, timelog
from tracker.services.context import Context
from tracker.services.members import add_member
from tracker.services.sample import fill_sample


def fill_everything(database: Database, ctx: Context) -> None:
    """A board with every kind of row: videos in every stage (dropped, archived and deleted
    ones too) with their moves, entries by two members (a running timer and a deleted one),
    a planned break, an answered prompt, a check-in and metrics."""
    database.run_write(lambda s: fill_sample(s, ctx))
    ben = database.run_write(lambda s: add_member(s, "ben"))
    now = ctx.now()

    def more(session):
        changes = {
            "notes": 'line one\nline two, ünïcode 🎬 and "quotes"',
            "format": "short",
            "series": "Unknown cases",
            "case_number": 15,
            "category": "clinical",
            "evergreen": True,
            "url": "https://example.com/v/1",
            "actual_seconds": 59,
            "target_seconds": 60,
        }
        board.edit_video(session, ctx, "1", changes)
        board.archive_published(session, ctx, timedelta(days=1))
        board.remove_video(session, ctx, "3")
        board.resolve_video(session, "10").publish_at = now + timedelta(days=1, hours=7)
        timelog.remove_entry(session, ctx, 3)
        as_ben = replace(ctx, member_id=ben)
        start = now - timedelta(hours=2)
        timelog.log_entry(session, as_ben, "2", start, start + timedelta(minutes=50), note="=1+1")
        timelog.start_timer(session, ctx, "4")
        breaks.plan_break(session, ctx, now + timedelta(days=5), now + timedelta(days=8), "trip")
        signal = Signal("day_hours", "warn", 9, 8, "h", None, "9 hours today", "day 2026-11-25")
        breaks.answer_prompt(session, ctx, [signal], "snoozed", now)
        checkins.record_checkin(session, ctx, [0, 1, 2, 3, 4, None] * 2 + [1])
        series.add_series(session, ctx, "Anatomy quiz", "fri", answer_after="2d", hashtag="Q")
        series.plan_series(session, ctx, "Anatomy quiz", 1)
        changes = {"length_seconds": 58, "aspect": "9:16", "caption": "#Q", "published_at": now}
        posts.add_post(session, ctx, "10", "tiktok", changes)
        metrics.record_metrics(session, ctx, "13", {"views": 12}, None)

    database.run_write(more)


def export_text(database: Database, ctx: Context) -> str:
    stream = io.StringIO()
    with database.read() as session:
        archive.dump(session, stream, ctx.now())
    return stream.getvalue()


def restore_text(target: Database, content: str | bytes, path: Path, **options) -> archive.Restored:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    with archive.open_export(path) as raw:
        return archive.restore(target, raw, str(path), **options)


@pytest.fixture
def target(database: Database, tmp_path: Path) -> Iterator[Database]:
    """A second database of the same kind, as a fresh one is: holding only its own member."""
    url = database.engine.url
    if url.get_backend_name() == "sqlite":
        fresh = open_database(f"sqlite:///{tmp_path / 'restored.db'}")
        fresh.run_write(lambda s: add_member(s, "ana"))
        yield fresh
        fresh.dispose()
        return
    # PostgreSQL: a schema of its own, made as tests/conftest.py makes the first one.
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url.difference_update_query(["options"]))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    second = url.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        fresh = open_database(second.render_as_string(hide_password=False))
        fresh.run_write(lambda s: add_member(s, "ana"))
        yield fresh
        fresh.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_a_rich_database_is_restored_row_for_row(database, ctx, target, tmp_path):
    fill_everything(database, ctx)
    restored = restore_text(target, export_text(database, ctx), tmp_path / "all.json")
    assert snapshot(target, derived=False) == snapshot(database, derived=False)
    assert restored.rows["video"] == 16 and restored.rows["checkin"] == 3, "the sample has two"
    assert restored.rows["series"] == 2 and restored.rows["post"] == 4  # the sample has some
    assert set(restored.members) == {"ana", "ben"}
    with target.read() as session:
        running = session.exec(select(TimeEntry).where(col(TimeEntry.end_at).is_(None))).one()
        assert running.deleted_at is None
        deleted = session.exec(select(TimeEntry).where(TimeEntry.number == 3)).one()
        assert deleted.deleted_at is not None
        stages = set(session.exec(select(Video.stage)))
        assert {"idea", "published", "dropped"} <= stages


def test_values_cut_at_every_point_of_a_read_still_restore_exactly(
    database, ctx, target, tmp_path, monkeypatch
):
    """The file is read a piece at a time: a number, a string or an escape cut in two at the
    end of a piece must come out whole."""
    fill_everything(database, ctx)
    monkeypatch.setattr(archive, "READ_BYTES", 7)
    restore_text(target, export_text(database, ctx), tmp_path / "all.json")
    assert snapshot(target, derived=False) == snapshot(database, derived=False)


def test_a_number_cut_at_the_end_of_a_read_is_read_whole(
    small_export, target, tmp_path, monkeypatch
):
    content = small_export.replace('"version": 1', '"version": 12', 1)
    monkeypatch.setattr(archive, "READ_BYTES", content.index('"version": 12') + len('"version": 1'))
    with pytest.raises(InputError, match="it is version 12 of the export format"):
        restore_text(target, content, tmp_path / "a.json")


def test_the_export_is_one_snapshot_written_a_chunk_at_a_time(database, ctx, monkeypatch):
    fill_everything(database, ctx)
    monkeypatch.setattr(archive, "CHUNK_ROWS", 5)
    calls: list[tuple[int, int]] = []
    with database.read() as session:
        counts = archive.dump(session, io.StringIO(), ctx.now(), lambda *done: calls.append(done))
    total = sum(counts.values())
    assert calls[-1] == (total, total) and len(calls) > total // 5
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_an_export_from_before_a_column_was_added_imports_with_that_column_empty(
    database, ctx, target, tmp_path
):
    """Exports made before 0008 have no metric.watch_seconds: they still restore."""
    fill_everything(database, ctx)
    document = json.loads(export_text(database, ctx))
    document["schema_revision"] = "0007"
    metric = document["tables"]["metric"]
    dropped = metric["columns"].index("watch_seconds")
    metric["columns"].pop(dropped)
    for row in metric["rows"]:
        row.pop(dropped)
    restore_text(target, json.dumps(document), tmp_path / "old.json")
    assert snapshot(target, derived=False) == snapshot(database, derived=False)


def test_a_column_missing_from_an_export_of_todays_schema_is_refused(
    database, ctx, target, tmp_path
):
    fill_everything(database, ctx)
    document = json.loads(export_text(database, ctx))
    metric = document["tables"]["metric"]
    dropped = metric["columns"].index("watch_seconds")
    metric["columns"].pop(dropped)
    for row in metric["rows"]:
        row.pop(dropped)
    with pytest.raises(InputError, match='table "metric" has no column "watch_seconds"'):
        restore_text(target, json.dumps(document), tmp_path / "edited.json")


def test_the_file_names_its_format_and_puts_each_row_on_its_own_line(database, ctx):
    fill_everything(database, ctx)
    content = export_text(database, ctx)
    document = json.loads(content)
    assert (document["format"], document["version"], document["schema_revision"]) == (
        "tracker-export",
        1,
        HEAD_REVISION,
    )
    assert list(document["tables"]) == [table.name for table in archive.TABLES]
    assert {"member", "video", "stage_change", "time_entry", "prompt", "pause", "checkin"} < set(
        document["tables"]
    )
    rows = sum(len(table["rows"]) for table in document["tables"].values())
    assert len(content.splitlines()) == 2 + rows + 2 * len(archive.TABLES) + 1


def test_an_export_laid_out_another_way_restores_too(database, ctx, target, tmp_path):
    fill_everything(database, ctx)
    indented = json.dumps(json.loads(export_text(database, ctx)), indent=4)
    restore_text(target, indented, tmp_path / "indented.json")
    assert snapshot(target, derived=False) == snapshot(database, derived=False)


def test_a_dry_run_says_what_it_would_restore_and_changes_nothing(database, ctx, target, tmp_path):
    fill_everything(database, ctx)
    before = snapshot(target)
    restored = restore_text(target, export_text(database, ctx), tmp_path / "a.json", dry_run=True)
    assert restored.dry_run and restored.rows["time_entry"] == 22
    assert snapshot(target) == before


def test_a_database_that_holds_anything_is_refused(database, ctx, target, tmp_path):
    fill_everything(database, ctx)
    content = export_text(database, ctx)
    own = replace(ctx, member_id=target.run_write(lambda s: add_member(s, "ana")))
    target.run_write(lambda s: board.add_video(s, own, "Already here"))
    before = snapshot(target)
    with pytest.raises(ConflictError, match=r"already holds data \(video, stage change\).*--db"):
        restore_text(target, content, tmp_path / "a.json")
    assert snapshot(target) == before


def test_two_members_and_nothing_else_is_not_empty(database, ctx, target, tmp_path):
    content = export_text(database, ctx)
    target.run_write(lambda s: add_member(s, "ben"))
    with pytest.raises(ConflictError, match="2 members"):
        restore_text(target, content, tmp_path / "a.json")


def _lines(content: str) -> list[str]:
    return content.splitlines()


def _line_of(lines: list[str], needle: str) -> int:
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def _replace_line(content: str, number: int, new: str) -> str:
    lines = _lines(content)
    lines[number - 1] = new
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_export(database, ctx) -> str:
    """An export of two videos, a move and an entry: the file the malformed cases start from."""
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14"))
    due = date(2026, 12, 1)
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 15", due_on=due))
    start = ctx.now() - timedelta(hours=3)
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", start, start + timedelta(hours=1)))
    return export_text(database, ctx)


def _swap_value(line: str, old: str, new: str) -> str:
    assert old in line
    return line.replace(old, new, 1)


def _malformed(content: str, case: str) -> tuple[str | bytes, str]:
    """``content`` broken the way ``case`` says, and the start of the expected message."""
    lines = _lines(content)
    video = _line_of(lines, "Unknown case 15")
    entry = _line_of(lines, '"manual"]')
    if case == "bad json":
        broken = _swap_value(lines[video - 1], '"Unknown case 15"', '"Unknown case 15" "x"')
        return _replace_line(content, video, broken), f":{video}: not valid JSON"
    if case == "wrong format":
        return content.replace('"tracker-export"', '"watson"', 1), ": not a tracker export"
    if case == "newer version":
        return content.replace('"version": 1', '"version": 2', 1), ": it is version 2"
    if case == "newer schema":
        newer = f'"{HEAD_REVISION}"', '"0042"'
        return content.replace(*newer, 1), ": it was exported by a newer tracker"
    if case == "missing table":
        start = _line_of(lines, '"metric": {')
        end = start + next(i for i, line in enumerate(lines[start - 1 :]) if line == "]},")
        return "\n".join(lines[: start - 1] + lines[end:]), ': table "metric" is missing'
    if case == "missing column":
        missing = content.replace('"due_on", ', "", 1)
        return missing, f':{_line_of(lines, chr(34) + "video" + chr(34))}: table "video" has no'
    if case == "bad value":
        broken = _swap_value(lines[entry - 1], '"manual"', '"handmade and far too long"')
        return _replace_line(content, entry, broken), f":{entry}: time_entry row 1: source is 25"
    if case == "bad date":
        broken = _swap_value(lines[video - 1], '"2026-12-01"', '"2026-13-01"')
        return _replace_line(content, video, broken), f":{video}: video row"
    if case == "repeated id":
        first = _line_of(lines, "Unknown case 14")
        twin = lines[video - 1].replace(lines[video - 1][:38], lines[first - 1][:38])
        later = max(first, video)  # the second of the two rows is the one refused
        return _replace_line(content, video, twin), f":{later}: the database refuses this video"
    if case == "not utf-8":
        return content.replace("Unknown case 15", "Unknown case \xff").encode("latin-1"), (
            f":{video}: not UTF-8"
        )
    if case == "empty":
        return "", ":1: not a tracker export: the file is empty"
    if case == "text after the end":
        return content + "{}\n", ": more text follows the end of the export"
    raise AssertionError(case)


MALFORMED = (
    "bad json",
    "wrong format",
    "newer version",
    "newer schema",
    "missing table",
    "missing column",
    "bad value",
    "bad date",
    "repeated id",
    "not utf-8",
    "empty",
    "text after the end",
)


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_file_is_named_with_its_line_and_imports_nothing(
    small_export, target, tmp_path, case
):
    content, message = _malformed(small_export, case)
    path = tmp_path / "broken.json"
    before = snapshot(target)
    with pytest.raises(InputError) as refused:
        restore_text(target, content, path)
    assert str(refused.value).startswith(f"{path}"), str(refused.value)
    assert message in str(refused.value), str(refused.value)
    assert "\n" not in str(refused.value)
    assert snapshot(target) == before


@pytest.mark.pg
def test_an_export_of_sqlite_restores_into_postgresql(tmp_path, pg_url, settings, clock):
    from tests.conftest import ZONE

    source = open_database(f"sqlite:///{tmp_path / 'local.db'}")
    member = source.run_write(lambda s: add_member(s, "ana"))
    ctx = Context(member_id=member, settings=settings, zone=ZONE, clock=clock)
    shared = open_database(pg_url)
    try:
        fill_everything(source, ctx)
        restore_text(shared, export_text(source, ctx), tmp_path / "move.json")
        assert snapshot(shared, derived=False) == snapshot(source, derived=False)
    finally:
        source.dispose()
        shared.dispose()
