"""Watson's frames imported, checked against Watson's own reports of the same file."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError
from tracker.services import board, timelog
from tracker.services.imports import entries
from tracker.services.imports.watson import default_frames, import_watson

WATSON = Path(sys.executable).parent / "watson"
FIRST_DAY = date(2026, 10, 20)  # the clocks go back in Berlin on Sunday 25 October
LAST_DAY = date(2026, 11, 24)  # the day before the test clock's "now"
PROJECTS = ("Unknown case 14", "Five signs of appendicitis", "Channel trailer", "admin")
TAGS = ("edit", "script", "late", "thumbnails", "review")
TOLERANCE_SECONDS = 0.01  # Watson ends a day at 23:59:59.999999


def frame(start: datetime, minutes: float, project: str, frame_id: str, tags=()) -> list:
    begin = int(start.timestamp())
    return [begin, begin + int(minutes * 60), project, frame_id, list(tags), begin]


def generated_frames() -> list[list]:
    """A month of evenings and late nights, some across midnight, none overlapping."""
    chance = random.Random(16)
    frames = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        moment = datetime(day.year, day.month, day.day, 19, chance.randint(0, 59), tzinfo=ZONE)
        for _ in range(chance.randint(0, 3)):
            minutes = chance.randint(5, 200)
            tags = chance.sample(TAGS, k=chance.randint(0, 2))
            frames.append(
                frame(moment, minutes, chance.choice(PROJECTS), f"{len(frames):032x}", tags)
            )
            moment += timedelta(minutes=minutes + chance.randint(1, 90))
        day += timedelta(days=1)
    return frames


def write_frames(folder: Path, frames: list) -> Path:
    """The frames file as Watson writes it (``json.dump(..., indent=1)``)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "frames"
    path.write_text(json.dumps(frames, indent=1, ensure_ascii=False))
    return path


def watson(folder: Path, *args: str) -> object:
    if not WATSON.exists():
        pytest.fail("td-watson is a test dependency: pip install -e '.[test]'")
    env = {**os.environ, "WATSON_DIR": str(folder), "TZ": "Europe/Berlin"}
    done = subprocess.run(
        [str(WATSON), *args, "--json"], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def watson_history(tmp_path_factory):
    """Generated frames, with Watson's report over all of them and its report of each day."""
    folder = tmp_path_factory.mktemp("watson")
    frames = generated_frames()
    path = write_frames(folder, frames)
    span = ("--from", FIRST_DAY.isoformat(), "--to", LAST_DAY.isoformat())
    whole = watson(folder, "report", *span)
    per_day = watson(folder, "aggregate", *span)
    # `aggregate` is Watson's report run day by day; check it against one plain report.
    sunday = watson(folder, "report", "--from", "2026-10-25", "--to", "2026-10-25")
    (same,) = [day for day in per_day if day["timespan"]["from"].startswith("2026-10-25")]
    assert same["time"] == sunday["time"]
    return path, frames, whole, per_day


def test_hours_per_day_and_per_project_equal_watsons_report(database, ctx, watson_history):
    path, frames, whole, per_day = watson_history
    assert any(f[1] - f[0] > 0 and _crosses_midnight(f) for f in frames)

    result = database.run_write(lambda s: import_watson(s, ctx, path))

    assert result.tallies[0].new == len(frames)
    days = [date.fromisoformat(report["timespan"]["from"][:10]) for report in per_day]
    with database.read() as session:
        ours = timelog.daily_seconds(session, ctx, days)
        videos = board.list_videos(session, ctx, include_finished=True, include_archived=True)
        start, end = ctx.day_start(FIRST_DAY), ctx.day_start(LAST_DAY + timedelta(days=1))
        by_activity = {
            t.activity: t.seconds for t in timelog.seconds_by_activity(session, ctx, start, end)
        }
    for report, seconds in zip(per_day, ours, strict=True):
        assert seconds == pytest.approx(report["time"], abs=TOLERANCE_SECONDS), report["timespan"]
    per_project = {project["name"]: project["time"] for project in whole["projects"]}
    logged = {video.title: video.logged_seconds for video in videos}
    assert set(logged) == set(per_project) - {"admin"}
    for title, seconds in logged.items():
        assert seconds == pytest.approx(per_project[title], abs=TOLERANCE_SECONDS), title
    assert by_activity["admin"] == pytest.approx(per_project["admin"], abs=TOLERANCE_SECONDS)
    assert sum(ours) == pytest.approx(whole["time"], abs=TOLERANCE_SECONDS * len(per_day))


def _crosses_midnight(raw: list) -> bool:
    start, stop = (datetime.fromtimestamp(t, UTC).astimezone(ZONE) for t in raw[:2])
    return start.date() != stop.date()


def test_projects_become_archived_published_videos_and_tags_activities(database, ctx, tmp_path):
    start = datetime(2026, 11, 20, 20, 0, tzinfo=ZONE)
    path = write_frames(
        tmp_path,
        [
            frame(start, 60, "Unknown case 14", "a1", ["script", "late"]),
            frame(start + timedelta(hours=2), 30, "Unknown case 14", "a2", []),
            frame(start + timedelta(hours=3), 20, "admin", "a3", ["edit", "email"]),
        ],
    )
    database.run_write(lambda s: import_watson(s, ctx, path))
    with database.read() as session:
        (video,) = board.list_videos(session, ctx, include_finished=True, include_archived=True)
        listing = timelog.list_entries(session, ctx, *ctx.day_bounds(start.date()))
        detail = board.video_detail(session, ctx, "1")
    assert (video.title, video.stage, video.archived) == ("Unknown case 14", "published", True)
    assert video.published_at == start + timedelta(hours=2, minutes=30)
    assert [(h.to_stage, h.at) for h in detail.history] == [("published", video.published_at)]
    assert [(e.activity, e.video_number, e.note, e.source) for e in listing.entries] == [
        ("script", 1, "tags: late", "watson"),
        ("other", 1, "", "watson"),
        ("admin", None, "tags: edit, email", "watson"),
    ]
    assert [e.number for e in listing.entries] == [1, 2, 3]


def test_a_project_with_a_videos_title_in_another_case_logs_on_that_video(database, ctx, tmp_path):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown Case 14", stage="edit"))
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", *_hour(ctx, days_ago=2)))
    path = write_frames(tmp_path, [frame(_hour(ctx, days_ago=1)[0], 45, "unknown case 14", "b1")])

    result = database.run_write(lambda s: import_watson(s, ctx, path))

    assert [(t.what, t.new, t.already) for t in result.tallies] == [
        ("entries", 1, 0),
        ("videos", 0, 1),
    ]
    with database.read() as session:
        (video,) = board.list_videos(session, ctx, include_finished=True, include_archived=True)
        entries = timelog.video_entries(session, ctx, "1")
    assert video.logged_seconds == 3600 + 45 * 60
    assert [(e.number, e.activity) for e in entries] == [(1, "edit"), (2, "edit")]


def _hour(ctx, days_ago: int) -> tuple[datetime, datetime]:
    start = ctx.now().replace(hour=20, minute=0) - timedelta(days=days_ago)
    return start, start + timedelta(hours=1)


def test_a_second_import_adds_nothing_and_a_dry_run_changes_nothing(database, ctx, tmp_path):
    start = datetime(2026, 11, 20, 20, 0, tzinfo=ZONE)
    path = write_frames(tmp_path, [frame(start, 60, "A", "c1"), frame(start, 0, "A", "c0")])
    before = snapshot(database)

    dry = database.run_write(lambda s: import_watson(s, ctx, path, dry_run=True))

    assert snapshot(database) == before
    real = database.run_write(lambda s: import_watson(s, ctx, path))
    assert (dry.tallies, dry.notes) == (real.tallies, real.notes)
    assert dry.dry_run and not real.dry_run
    assert "1 frame(s) of no length left out" in real.notes
    after = snapshot(database)
    again = database.run_write(lambda s: import_watson(s, ctx, path))
    assert [(t.new, t.already) for t in again.tallies] == [(0, 1), (0, 0)]
    assert snapshot(database) == after
    later = frame(start + timedelta(hours=2), 30, "A", "c2")
    write_frames(tmp_path, [frame(start, 60, "A", "c1"), later])
    more = database.run_write(lambda s: import_watson(s, ctx, path))
    assert [(t.new, t.already) for t in more.tallies] == [(1, 1), (0, 1)]


def test_new_videos_can_go_to_a_stage_in_progress(database, ctx, tmp_path):
    start = datetime(2026, 11, 20, 20, 0, tzinfo=ZONE)
    path = write_frames(tmp_path, [frame(start, 60, "Pilot", "d1")])
    database.run_write(lambda s: import_watson(s, ctx, path, stage="edit"))
    with database.read() as session:
        detail = board.video_detail(session, ctx, "Pilot")
    assert (detail.video.stage, detail.video.archived, detail.video.published_at) == (
        "edit",
        False,
        None,
    )
    assert [(h.to_stage, h.at) for h in detail.history] == [("edit", start)]
    assert [a.activity for a in detail.by_activity] == ["edit"]


REFUSED = {
    "overlapping frames": (
        [[1795201200, 1795204800, "A", "e1", [], 0], [1795203000, 1795206600, "B", "e2", [], 0]],
        "frames:3: this frame (Fri 20 Nov 20:30–21:30) overlaps the frame at frames:2 "
        "(Fri 20 Nov 20:00–21:00)",
    ),
    "a frame inside another": (
        [
            [1795201200, 1795212000, "A", "e1", [], 0],
            [1795202000, 1795203000, "B", "e2", [], 0],
            [1795204000, 1795205000, "B", "e3", [], 0],
        ],
        "frames:3: this frame (Fri 20 Nov 20:13–20:30) overlaps the frame at frames:2",
    ),
    "a frame of 25 hours": (
        [[1795201200, 1795201200 + 25 * 3600, "A", "e1", [], 0]],
        "frames:2: it lasts 25h (Fri 20 Nov 20:00 – Sat 21 Nov 21:00); an entry lasts at most "
        "24h (a timer left running?): shorten or split it in Watson, then import again",
    ),
    "a frame that ends before it starts": (
        [[1795201200, 1795201100, "A", "e1", [], 0]],
        "frames:2: it ends (Fri 20 Nov 19:58) before it starts (Fri 20 Nov 20:00)",
    ),
    "a frame in the future": (
        [[1796201200, 1796204800, "A", "e1", [], 0]],
        "frames:2: it ends in the future (Wed 02 Dec 10:46)",
    ),
    "the same frame id twice": (
        [[1795201200, 1795204800, "A", "e1", [], 0], [1795206600, 1795208400, "A", "e1", [], 0]],
        "frames:3: this frame has the same id as the frame at frames:2",
    ),
    "a frame without a stop": (
        [[1795201200, None, "A", "e1", [], 0]],
        "frames:2: the frame has no stop time",
    ),
    "a frame with a text time": (
        [["2026-11-20", 1795204800, "A", "e1", [], 0]],
        "frames:2: the frame's start is not a Unix time (found '2026-11-20')",
    ),
    "tags that are not a list": (
        [[1795201200, 1795204800, "A", "e1", "edit", 0]],
        "frames:2: the frame's tags (its 5th field) are not a list of words",
    ),
    "a title that is too long": (
        [[1795201200, 1795204800, "A" * 301, "e1", [], 0]],
        "frames:2: the project name will not do as a title: That title is 301 characters",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_frame_is_refused_with_its_line_and_nothing_comes_in(database, ctx, tmp_path, case):
    frames, message = REFUSED[case]
    path = tmp_path / "frames"
    path.write_text("[\n" + ",\n".join(json.dumps(f) for f in frames) + "\n]\n")
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_watson(s, ctx, path, shown="frames"))
    assert str(refused.value).startswith(message)
    assert snapshot(database) == before


def test_a_frame_over_work_already_logged_names_that_entry(database, ctx, tmp_path):
    start = datetime(2026, 11, 20, 20, 0, tzinfo=ZONE)
    database.run_write(lambda s: timelog.log_entry(s, ctx, None, start, start + timedelta(hours=1)))
    path = write_frames(tmp_path, [frame(start + timedelta(minutes=50), 30, "A", "f1")])
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_watson(s, ctx, path, shown="frames"))
    assert str(refused.value) == (
        "frames:2: this frame (Fri 20 Nov 20:50–21:20) overlaps entry 1 (Fri 20 Nov "
        "20:00–21:00), already in tracker; change that one (tracker entries edit 1) or this "
        "one in Watson, then import again"
    )


def test_the_default_frames_file_is_where_watson_keeps_it(monkeypatch, tmp_path):
    monkeypatch.setenv("WATSON_DIR", str(tmp_path))
    assert default_frames() == tmp_path / "frames"
    monkeypatch.delenv("WATSON_DIR")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    if sys.platform.startswith("linux"):
        assert default_frames() == tmp_path / "config" / "watson" / "frames"


def write_lines(folder: Path, frames: list) -> Path:
    """A frames file with one frame a line, so that frame ``n`` (from 0) is on line ``n + 2``."""
    path = folder / "frames"
    path.write_text("[\n" + ",\n".join(json.dumps(f) for f in frames) + "\n]\n")
    return path


def test_a_file_read_in_many_chunks_comes_in_once_whole(database, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(entries, "CHUNK_ROWS", 3)
    start = datetime(2026, 11, 2, 20, 0, tzinfo=ZONE)
    frames = [frame(start + timedelta(hours=n), 30, "A", f"h{n}") for n in range(10)]
    path = write_lines(tmp_path, frames[:7])
    first = database.run_write(lambda s: import_watson(s, ctx, path))
    path = write_lines(tmp_path, frames)
    before = snapshot(database)

    dry = database.run_write(lambda s: import_watson(s, ctx, path, dry_run=True))

    assert snapshot(database) == before
    real = database.run_write(lambda s: import_watson(s, ctx, path))
    again = database.run_write(lambda s: import_watson(s, ctx, path))
    assert [(t.new, t.already) for t in (first.tallies[0], dry.tallies[0], real.tallies[0])] == [
        (7, 0),
        (3, 7),
        (3, 7),
    ]
    assert (again.tallies[0].new, again.tallies[0].already) == (0, 10)
    with database.read() as session:
        listing = timelog.list_entries(session, ctx, start, start + timedelta(days=1))
    assert [e.number for e in listing.entries] == list(range(1, 11))
    later = [frame(start + timedelta(hours=n), 30, "A", f"i{n % 5}") for n in range(12, 18)]
    path = write_lines(tmp_path, later)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_watson(s, ctx, path, shown="frames"))
    assert str(refused.value).startswith(
        "frames:7: this frame has the same id as the frame at frames:2"
    )


def test_work_logged_before_is_found_whatever_the_chunk_or_order(
    database, ctx, tmp_path, monkeypatch
):
    monkeypatch.setattr(entries, "CHUNK_ROWS", 2)
    start = datetime(2026, 11, 20, 8, 0, tzinfo=ZONE)
    logged = (start + timedelta(hours=4, minutes=30), start + timedelta(hours=5))
    database.run_write(lambda s: timelog.log_entry(s, ctx, None, *logged))
    frames = [frame(start + timedelta(hours=n), 45, "A", f"k{n}") for n in range(6)]
    before = snapshot(database)
    for order, line in ((frames, 6), (frames[::-1], 3)):
        path = write_lines(tmp_path, order)
        with pytest.raises(InputError) as refused:
            database.run_write(lambda s, path=path: import_watson(s, ctx, path, shown="frames"))
        assert str(refused.value).startswith(
            f"frames:{line}: this frame (Fri 20 Nov 12:00–12:45) overlaps entry 1 (Fri 20 Nov "
            "12:30–13:00), already in tracker"
        )
        assert snapshot(database) == before
    database.run_write(lambda s: timelog.remove_entry(s, ctx, 1))
    result = database.run_write(
        lambda s: import_watson(s, ctx, write_lines(tmp_path, frames[::-1]))
    )
    assert result.tallies[0].new == 6


def test_frames_after_a_timer_still_running_in_tracker_are_refused(database, ctx, tmp_path):
    started = ctx.now() - timedelta(days=3)
    database.run_write(lambda s: timelog.start_timer(s, ctx, None, at=started))
    path = write_lines(tmp_path, [frame(ctx.now() - timedelta(days=1), 30, "A", "m1")])
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_watson(s, ctx, path, shown="frames"))
    assert str(refused.value).startswith("frames:2: this frame (Tue 24 Nov 10:00–10:30) overlaps")
