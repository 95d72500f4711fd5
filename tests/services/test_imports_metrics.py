"""A platform's analytics export imported as metrics of the published videos."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError
from tracker.db.models import Metric
from tracker.services import board
from tracker.services.imports import SourceFile
from tracker.services.imports.metrics import import_metrics
from tracker.services.imports.tables import read_csv

DATA = Path(__file__).parents[1] / "data" / "imports"
ANALYTICS = DATA / "analytics.csv"
MAPPING = {"title": "Video title", "comments": "Comments added"}


@pytest.fixture
def published(database, ctx):
    """#1 and #2 published, #2 with a URL; #3 still in edit."""
    for title in ("Unknown case 13", "Five signs of appendicitis", "Unknown case 14"):
        database.run_write(lambda s, title=title: board.add_video(s, ctx, title))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    database.run_write(lambda s: board.move_video(s, ctx, "2", "published"))
    url = "https://youtu.be/def456"
    database.run_write(lambda s: board.edit_video(s, ctx, "2", {"url": url}))
    return database


def import_file(database, ctx, path: Path, mapping=MAPPING, **options):
    table = read_csv(SourceFile(path, "a CSV file", path.name))
    return database.run_write(lambda s: import_metrics(s, ctx, table, mapping, **options))


def stored(database) -> list[tuple]:
    with database.engine.connect() as connection:
        return sorted(
            connection.execute(
                select(Metric.views, Metric.likes, Metric.comments, Metric.shares, Metric.source)
            ).all()
        )


def test_rows_are_matched_by_title_or_url_and_kept_once(published, ctx, tmp_path):
    path = tmp_path / "analytics.csv"
    path.write_text(
        ANALYTICS.read_text().replace(
            "def456,Some other title", "https://youtu.be/def456,Some other title"
        )
    )
    mapping = {**MAPPING, "url": "Content"}
    result = import_file(published, ctx, path, mapping)
    assert [(t.what, t.new, t.already) for t in result.tallies] == [("metrics", 2, 0)]
    assert stored(published) == [(1700, 99, 3, 1, "analytics"), (2400, 170, 12, 5, "analytics")]
    before = snapshot(published)
    again = import_file(published, ctx, path, mapping)
    assert [(t.new, t.already) for t in again.tallies] == [(0, 2)]
    assert snapshot(published) == before


def test_the_moment_of_the_figures_can_be_given(published, ctx, clock, tmp_path):
    clock.advance(days=2)
    moment = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)
    path = tmp_path / "one.csv"
    path.write_text("Title,Views\nUnknown case 13,2400\n")
    import_file(published, ctx, path, {}, at=moment)
    with published.engine.connect() as connection:
        assert connection.execute(select(Metric.at)).scalar_one() == moment


REFUSED = {
    "a title on no video": (
        "Title,Views\nUnknown case 13,10\nNot on the board,5\n",
        {},
        'analytics.csv:3: no video on the board has the title "Not on the board"; add it or '
        "fix the row",
    ),
    "a video not yet published": (
        "Title,Views\nUnknown case 14,10\n",
        {},
        "analytics.csv:2: #3 is not published yet; metrics are for published videos",
    ),
    "a count that is no number": (
        "Title,Views\nUnknown case 13,lots\n",
        {},
        'analytics.csv:2: views "lots" is not a whole number',
    ),
    "a row without counts": (
        "Title,Views\nUnknown case 13,\n",
        {},
        "analytics.csv:2: this row has no counts; fill them in or remove the row",
    ),
    "the same video twice": (
        "Title,Views\nUnknown case 13,10\nunknown case 13,12\n",
        {},
        "analytics.csv:3: #1 has a row already, at row 2",
    ),
    "watch time of no unit": (
        "Title,Views,Watch time\nUnknown case 13,10,5\n",
        {"watch_time": "Watch time"},
        'analytics.csv:2: watch time "5" has no unit; say which with --map '
        "watch_hours=COLUMN (or watch_minutes, watch_seconds)",
    ),
    "watch time that is no length": (
        "Title,Watch time (hours)\nUnknown case 13,a while\n",
        {},
        'analytics.csv:2: watch time "a while" is not a length of time such as 80.5 or 1:02:03',
    ),
    "watch time given twice": (
        "Title,Hours,Minutes\nUnknown case 13,1,60\n",
        {"watch_hours": "Hours", "watch_minutes": "Minutes"},
        "--map gives watch time twice (watch_hours and watch_minutes); give one of them.",
    ),
    "a second total row": (
        "Content,Title,Views\nTotal,,10\nTotal,,10\n",
        {},
        "analytics.csv:3: this row names no video",
    ),
    "nothing naming the video": (
        "Name,Views\nUnknown case 13,10\n",
        {},
        "Say which column names the video",
    ),
    "no counts mapped": (
        "Title,Plays\nUnknown case 13,10\n",
        {},
        "Say which columns hold the counts, e.g. --map views=Views,likes=Likes",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_row_refuses_the_whole_export(published, ctx, tmp_path, case):
    text, mapping, message = REFUSED[case]
    path = tmp_path / "analytics.csv"
    path.write_text(text)
    before = snapshot(published)
    with pytest.raises(InputError) as refused:
        import_file(published, ctx, path, mapping)
    assert str(refused.value).startswith(message)
    assert snapshot(published) == before


def test_figures_from_before_the_video_was_published_are_refused(published, ctx):
    with pytest.raises(InputError, match="give --at a later time"):
        import_file(
            published,
            ctx,
            ANALYTICS,
            MAPPING | {"url": "Content"},
            at=datetime(2026, 11, 1, tzinfo=ZONE),
        )


YOUTUBE_STUDIO = DATA / "youtube_studio_table_data.csv"


def watched(database) -> list[tuple]:
    with database.engine.connect() as connection:
        return sorted(connection.execute(select(Metric.views, Metric.watch_seconds)).all())


def test_youtube_studios_table_needs_no_map_and_its_total_row_is_left_out(published, ctx):
    result = import_file(published, ctx, YOUTUBE_STUDIO, {})

    assert [(t.what, t.new, t.already) for t in result.tallies] == [("metrics", 2, 0)]
    assert result.notes[1] == "the total row (line 2), the sum of all the videos, left out"
    assert stored(published) == [(1700, 99, 3, 1, "analytics"), (2400, 170, 12, 5, "analytics")]
    assert watched(published) == [(1700, 144_000), (2400, 289_800)]
    assert result.preview_headers[-1] == "Watch time"
    assert [row[-1] for row in result.preview] == ["80.5 h", "40.0 h"]
    before = snapshot(published)
    again = import_file(published, ctx, YOUTUBE_STUDIO, {})
    assert [(t.new, t.already) for t in again.tallies] == [(0, 2)]
    assert snapshot(published) == before


def test_a_total_row_titled_total_is_left_out_wherever_it_names_no_video(published, ctx, tmp_path):
    path = tmp_path / "analytics.csv"
    path.write_text("Content,Title,Views\nabc123,Unknown case 13,10\n,Total,10\n")
    result = import_file(published, ctx, path, {})
    assert [(t.new, t.already) for t in result.tallies] == [(1, 0)]
    assert "the total row (line 3)" in result.notes[1]


@pytest.mark.parametrize(
    ("header", "cell", "mapping", "seconds"),
    [
        ("Watch time (hours)", "1.5", {}, 5400),
        ("watch_hours", '"1,234.5"', {}, 4_444_200),
        ("Minutes watched", "90", {"watch_minutes": "Minutes watched"}, 5400),
        ("Watch time (minutes)", "90", {"watch_time": "Watch time (minutes)"}, 5400),
        ("Seconds", "75", {"watch_seconds": "Seconds"}, 75),
        ("Watch time", "1:02:03", {"watch_time": "Watch time"}, 3723),
        ("Watch time", "12:30", {"watch_time": "Watch time"}, 750),
        ("Watch time (hours)", "", {}, None),
    ],
)
def test_watch_time_is_kept_in_seconds_whatever_its_unit(
    published, ctx, tmp_path, header, cell, mapping, seconds
):
    path = tmp_path / "analytics.csv"
    path.write_text(f"Title,Views,{header}\nUnknown case 13,10,{cell}\n")
    import_file(published, ctx, path, mapping)
    assert watched(published) == [(10, seconds)]


def test_watch_time_alone_is_a_figure_worth_keeping(published, ctx, tmp_path):
    path = tmp_path / "analytics.csv"
    path.write_text("Video title,Watch time (hours)\nUnknown case 13,2\n")
    import_file(published, ctx, path, {})
    assert watched(published) == [(None, 7200)]


def test_an_export_without_watch_time_is_known_again_by_the_figures_it_has(
    published, ctx, tmp_path
):
    path = tmp_path / "analytics.csv"
    path.write_text("Title,Views,Watch time (hours)\nUnknown case 13,10,\n")
    import_file(published, ctx, path, {})
    path.write_text("Title,Views\nUnknown case 13,10\n")
    again = import_file(published, ctx, path, {})
    assert [(t.new, t.already) for t in again.tallies] == [(0, 1)]
