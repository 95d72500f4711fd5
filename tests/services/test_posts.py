"""Posts: one recording as several posts, each checked against its platform preset, its caption
read by the identifier check, and counted per platform in the review."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from tracker.core.checklist import DEFAULT_ITEMS
from tracker.core.errors import ChecklistOpenError, ConflictError, InputError, NotFoundError
from tracker.core.periods import parse_week
from tracker.core.presets import Preset
from tracker.services import board, insights, lint, metrics, posts, reports


@pytest.fixture
def video(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 12", stage="review"))
    return "1"


def add(database, ctx, preset, **changes):
    return database.run_write(lambda s: posts.add_post(s, ctx, "1", preset, changes))


def test_one_recording_goes_out_as_a_long_video_a_shorts_cut_and_a_tiktok(database, ctx, video):
    add(database, ctx, "youtube", length_seconds=754, aspect="16:9")
    add(database, ctx, "youtube-shorts", length_seconds=150, aspect="9:16")  # Shorts run to 3 min
    add(database, ctx, "tiktok", length_seconds=58, aspect="9:16", caption="Guess the sign")

    with database.read() as session:
        listed = posts.posts_of(session, ctx, video)
    assert [(p.preset, p.platform, p.over_preset) for p in listed] == [
        ("tiktok", "tiktok", ()),
        ("youtube", "youtube", ()),
        ("youtube-shorts", "youtube", ()),
    ]


@pytest.mark.parametrize(
    ("preset", "changes", "problem"),
    [
        ("youtube-shorts", {"length_seconds": 200}, "3m20s long; youtube-shorts takes up to 3m"),
        ("youtube-shorts", {"aspect": "16:9"}, "16:9 frame; youtube-shorts takes 9:16, 1:1"),
        ("x", {"images": 5}, "5 images; x takes up to 4"),
        ("x", {"caption": "a" * 281}, "caption of 281 characters; x takes up to 280"),
        (
            "instagram-reel",
            {"caption": "#a #b #c #d #e #f"},
            "6 hashtags; instagram-reel takes up to 5",
        ),
        ("youtube", {"images": 3}, "3 images; youtube posts a video, not images"),
    ],
)
def test_a_post_over_its_preset_is_flagged_by_the_lint(
    database, ctx, video, preset, changes, problem
):
    view = add(database, ctx, preset, **changes)
    assert view.over_preset == (problem,)
    with database.read() as session:
        (checked,) = lint.lint_board(session, ctx)
    assert [(f.field, f.rule, f.why) for f in checked.findings] == [
        (f"post {preset}", "preset", problem)
    ]


def test_presets_come_from_the_config(database, ctx, video):
    longer = Preset("youtube-shorts", "youtube", 240, aspects=("9:16",))
    own = replace(ctx, settings=replace(ctx.settings, presets=(longer,)))
    view = database.run_write(
        lambda s: posts.add_post(s, own, "1", "youtube-shorts", {"length_seconds": 200})
    )
    assert view.over_preset == ()
    with pytest.raises(InputError, match='Unknown preset "tiktok"; use one of youtube-shorts'):
        database.run_write(lambda s: posts.add_post(s, own, "1", "tiktok", {}))


def test_a_post_caption_with_an_identifier_keeps_the_checklist_open(database, ctx, video):
    checked = replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))
    database.run_write(lambda s: board.check_video(s, checked, video, ["all"]))
    add(database, checked, "tiktok", caption="43-year-old seen last Tuesday")

    with pytest.raises(ChecklistOpenError, match="2 identifier finding"):
        database.run_write(lambda s: board.move_video(s, checked, video, "scheduled"))

    database.run_write(
        lambda s: posts.edit_post(s, checked, video, "tiktok", {"caption": "An adult, chest pain"})
    )
    database.run_write(lambda s: board.move_video(s, checked, video, "scheduled"))


def test_one_post_per_preset_and_unknown_posts_are_named(database, ctx, video):
    add(database, ctx, "tiktok")
    with pytest.raises(ConflictError, match="already has a tiktok post"):
        add(database, ctx, "tiktok")
    with pytest.raises(NotFoundError, match='no "x" post; its posts are tiktok'):
        database.run_write(lambda s: posts.edit_post(s, ctx, video, "x", {"images": 2}))
    database.run_write(lambda s: posts.remove_post(s, ctx, video, "tiktok"))
    add(database, ctx, "tiktok")  # a removed post leaves room for a new one


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"images": 0}, "1 to 1000 images"),
        ({"length_seconds": 0}, "from 1 up"),
        ({"aspect": "tall"}, "as an aspect ratio"),
        ({"aspect": "0:1"}, "as an aspect ratio"),
        ({"caption": "x" * 20_001}, "at most 20000 characters"),
    ],
)
def test_impossible_values_are_refused(database, ctx, video, changes, message):
    with pytest.raises(InputError, match=message):
        add(database, ctx, "tiktok", **changes)
    with database.read() as session:
        assert posts.posts_of(session, ctx) == []


def test_a_post_cannot_be_published_in_the_future(database, ctx, clock, video):
    add(database, ctx, "tiktok")
    later = clock.current + timedelta(hours=1)
    with pytest.raises(InputError, match="use --at"):
        database.run_write(
            lambda s: posts.edit_post(s, ctx, video, "tiktok", {"published_at": later})
        )


def test_the_review_counts_posts_per_platform_and_metrics_add_up_per_post(
    database, ctx, clock, video
):
    database.run_write(lambda s: board.move_video(s, ctx, video, "published"))
    for preset in ("youtube", "youtube-shorts", "tiktok"):
        add(database, ctx, preset, published_at=clock.current)
    clock.advance(hours=2)
    for preset, views in (("youtube-shorts", 900), ("tiktok", 4000), ("tiktok", 5000)):
        database.run_write(
            lambda s, p=preset, v=views: metrics.record_metrics(
                s, ctx, video, {"views": v}, None, p
            )
        )
        clock.advance(minutes=5)

    with database.read() as session:
        report = reports.build_report(session, ctx, parse_week("2026-W48", 0))
        (engagement,) = insights.engagement(session, ctx, 4)
    assert report.posts_by_platform == {"youtube": 2, "tiktok": 1}
    assert engagement.views == 5900  # the latest count of each post, summed


def test_a_url_longer_than_its_column_is_refused_on_either_database(database, ctx, video):
    long_url = "https://example.com/" + "x" * 500
    with pytest.raises(InputError, match="url is at most 500 characters"):
        add(database, ctx, "tiktok", url=long_url)
    with pytest.raises(InputError, match="url is at most 500 characters"):
        database.run_write(lambda s: board.edit_video(s, ctx, video, {"url": long_url}))


def test_an_empty_category_or_series_clears_it(database, ctx, video):
    database.run_write(
        lambda s: board.edit_video(s, ctx, video, {"category": "clinical", "series": "Quiz"})
    )
    database.run_write(lambda s: board.edit_video(s, ctx, video, {"category": " ", "series": ""}))
    with database.read() as session:
        shown = board.video_detail(session, ctx, video).video
    assert (shown.category, shown.series) == (None, None)
