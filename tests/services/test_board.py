"""The board service on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import snapshot
from tracker.core.errors import AmbiguousError, ConflictError, InputError, NotFoundError
from tracker.services import board


def add(database, ctx, title, **options):
    return database.run_write(lambda s: board.add_video(s, ctx, title, **options))


def listed(database, ctx, **filters):
    with database.read() as session:
        return [v.number for v in board.list_videos(session, ctx, **filters)]


def test_new_videos_get_the_next_number_and_start_in_the_first_stage(database, ctx):
    first = add(database, ctx, "Five signs of appendicitis")
    second = add(database, ctx, "  Unknown   case 12 ", stage="edit", platforms=("YouTube",))
    assert (first.number, first.stage) == (1, "idea")
    assert (second.number, second.title, second.stage) == (2, "Unknown case 12", "edit")
    assert second.platforms == ("youtube",)


def test_adding_records_the_first_stage_in_the_history(database, ctx):
    add(database, ctx, "Chest X-ray basics")
    with database.read() as session:
        detail = board.video_detail(session, ctx, "1")
    assert [(h.from_stage, h.to_stage) for h in detail.history] == [(None, "idea")]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"stage": "posted"}, 'Unknown stage "posted"'),
        ({"platforms": ("myspace",)}, 'Unknown platform "myspace"'),
        ({"tags": ("two words",)}, "not a usable tag"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_added(database, ctx, options, message):
    before = snapshot(database)
    with pytest.raises(InputError, match=message):
        add(database, ctx, "A title", **options)
    assert snapshot(database) == before


def test_an_empty_title_is_refused(database, ctx):
    with pytest.raises(InputError, match="needs a title"):
        add(database, ctx, "   ")


def test_a_video_is_found_by_number_hash_number_or_a_piece_of_its_title(database, ctx):
    add(database, ctx, "Five signs of appendicitis")
    add(database, ctx, "Unknown case 12")
    with database.read() as session:
        assert board.resolve_video(session, "2").title == "Unknown case 12"
        assert board.resolve_video(session, "#1").number == 1
        assert board.resolve_video(session, "APPENDIC").number == 1


def test_an_ambiguous_title_piece_lists_the_candidates(database, ctx):
    add(database, ctx, "Unknown case 12")
    add(database, ctx, "Unknown case 13")
    with database.read() as session, pytest.raises(AmbiguousError) as error:
        board.resolve_video(session, "unknown")
    assert "#1 Unknown case 12" in str(error.value)
    assert "#2 Unknown case 13" in str(error.value)


def test_an_exact_title_wins_over_longer_titles_containing_it(database, ctx):
    add(database, ctx, "MRI")
    add(database, ctx, "MRI safety")
    with database.read() as session:
        assert board.resolve_video(session, "mri").number == 1


def test_unknown_references_say_how_to_find_the_right_one(database, ctx):
    add(database, ctx, "Five signs")
    with database.read() as session:
        with pytest.raises(NotFoundError, match="No video #9"):
            board.resolve_video(session, "9")
        with pytest.raises(NotFoundError, match="tracker ls"):
            board.resolve_video(session, "dermatology")
        with pytest.raises(NotFoundError):
            board.resolve_video(session, "100%")


def test_moving_a_card_records_the_change_and_publishing_stamps_the_date(database, ctx, clock):
    add(database, ctx, "Five signs")
    clock.advance(hours=2)
    video, origin = database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    assert (origin, video.stage) == ("idea", "published")
    assert video.published_at == clock.current
    with database.read() as session:
        history = board.video_detail(session, ctx, "1").history
    assert [(h.from_stage, h.to_stage) for h in history] == [(None, "idea"), ("idea", "published")]
    assert history[-1].at == clock.current


def test_moving_to_an_unknown_stage_changes_nothing(database, ctx):
    add(database, ctx, "Five signs")
    before = snapshot(database)
    with pytest.raises(InputError, match="use one of idea, script"):
        database.run_write(lambda s: board.move_video(s, ctx, "1", "done"))
    assert snapshot(database) == before


def test_a_moved_card_lands_at_the_bottom_of_its_new_column(database, ctx):
    add(database, ctx, "Already editing", stage="edit")
    add(database, ctx, "Next up")
    database.run_write(lambda s: board.move_video(s, ctx, "2", "edit"))
    assert listed(database, ctx, stage="edit") == [1, 2]


def test_listing_hides_finished_videos_unless_asked_and_filters(database, ctx):
    add(database, ctx, "Idea", platforms=("tiktok",), tags=("shorts",))
    add(database, ctx, "Live", stage="published", platforms=("youtube",))
    add(database, ctx, "Dropped", stage="dropped", tags=("#Shorts",))
    assert listed(database, ctx) == [1]
    assert listed(database, ctx, include_finished=True) == [1, 2, 3]
    assert listed(database, ctx, include_finished=True, tag="shorts") == [1, 3]
    assert listed(database, ctx, include_finished=True, platform="youtube") == [2]
    assert listed(database, ctx, stage="published") == [2]


def test_editing_changes_only_the_given_fields(database, ctx):
    add(database, ctx, "Five signs", tags=("shorts",))
    video = database.run_write(
        lambda s: board.edit_video(
            s, ctx, "1", {"title": "Six signs", "due_on": date(2026, 12, 1), "case_number": 7}
        )
    )
    assert (video.title, video.due_on, video.case_number, video.tags) == (
        "Six signs",
        date(2026, 12, 1),
        7,
        ("shorts",),
    )
    assert video.version == 2


def test_an_edit_based_on_a_stale_version_is_refused_not_silently_lost(database, ctx):
    seen = add(database, ctx, "Five signs")
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"title": "Theirs"}))
    before = snapshot(database)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        database.run_write(
            lambda s: board.edit_video(
                s, ctx, "1", {"title": "Mine"}, expected_version=seen.version
            )
        )
    assert snapshot(database) == before


def test_removed_videos_disappear_and_can_be_restored(database, ctx):
    add(database, ctx, "Five signs")
    database.run_write(lambda s: board.remove_video(s, ctx, "1"))
    assert listed(database, ctx, include_finished=True) == []
    assert listed(database, ctx, deleted=True) == [1]
    with pytest.raises(NotFoundError):
        database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    database.run_write(lambda s: board.restore_video(s, ctx, "five"))
    assert listed(database, ctx) == [1]
