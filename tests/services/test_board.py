"""The board service on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

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
    with pytest.raises(ConflictError, match="after you last saw it"):
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


# --- dropping, bringing back, archiving -------------------------------------------------------


def history(database, ctx, number: int) -> list[tuple[str | None, str]]:
    with database.read() as session:
        detail = board.video_detail(session, ctx, str(number))
    return [(h.from_stage, h.to_stage) for h in detail.history]


def test_dropping_is_one_recorded_move_from_wherever_the_video_is(database, ctx):
    add(database, ctx, "Five signs", stage="review")
    video, origin = database.run_write(lambda s: board.drop_video(s, ctx, "five"))
    assert (video.stage, origin) == ("dropped", "review")
    assert history(database, ctx, 1) == [(None, "review"), ("review", "dropped")]
    assert video.published_at is None, "never walked through published"


def test_dropping_a_dropped_video_is_refused_and_changes_nothing(database, ctx):
    add(database, ctx, "Five signs", stage="dropped")
    before = snapshot(database)
    with pytest.raises(InputError, match="already dropped"):
        database.run_write(lambda s: board.drop_video(s, ctx, "1"))
    assert snapshot(database) == before


def test_a_drop_based_on_a_stale_version_is_refused(database, ctx):
    seen = add(database, ctx, "Five signs")
    database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    with pytest.raises(ConflictError):
        database.run_write(lambda s: board.drop_video(s, ctx, "1", expected_version=seen.version))
    assert listed(database, ctx, stage="edit") == [1]


def test_undrop_goes_back_to_the_stage_the_video_was_dropped_from(database, ctx, clock):
    add(database, ctx, "Five signs", stage="edit")
    database.run_write(lambda s: board.drop_video(s, ctx, "1"))
    clock.advance(days=1)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "script"))
    database.run_write(lambda s: board.drop_video(s, ctx, "1"))
    video, origin = database.run_write(lambda s: board.undrop_video(s, ctx, "1"))
    assert (video.stage, origin) == ("script", "dropped"), "the latest drop counts"
    assert history(database, ctx, 1)[-1] == ("dropped", "script")


def test_undrop_of_a_video_made_dropped_goes_to_the_first_stage(database, ctx):
    add(database, ctx, "Never started", stage="dropped")
    video, _origin = database.run_write(lambda s: board.undrop_video(s, ctx, "1"))
    assert video.stage == "idea"


def test_undrop_of_a_video_that_is_not_dropped_is_refused(database, ctx):
    add(database, ctx, "Five signs", stage="edit")
    with pytest.raises(InputError, match="not dropped"):
        database.run_write(lambda s: board.undrop_video(s, ctx, "1"))


@pytest.mark.parametrize(
    ("text", "days"),
    [("4w", 28), ("4", 28), ("6 weeks", 42), ("1 week", 7), ("30d", 30), ("0w", 0), (" 2W ", 14)],
)
def test_an_age_is_read_in_weeks_or_days(text, days):
    assert board.parse_age(text).days == days


@pytest.mark.parametrize("text", ["", "soon", "-4w", "4 months", "1.5w", "9999w"])
def test_an_age_that_is_not_clearly_meant_is_refused(text):
    with pytest.raises(InputError):
        board.parse_age(text)


def test_archiving_takes_only_old_published_videos_off_the_board(database, ctx, clock):
    add(database, ctx, "Old", stage="published")
    add(database, ctx, "Removed", stage="published")
    database.run_write(lambda s: board.remove_video(s, ctx, "2"))
    add(database, ctx, "Old but unfinished", stage="edit")
    clock.advance(weeks=3)
    add(database, ctx, "Recent", stage="published")
    clock.advance(weeks=2)
    archived = database.run_write(lambda s: board.archive_published(s, ctx, timedelta(weeks=4)))
    assert [video.number for video in archived] == [1]
    assert archived[0].archived and archived[0].version == 2
    assert listed(database, ctx, include_finished=True) == [3, 4]
    assert listed(database, ctx, include_finished=True, include_archived=True) == [3, 1, 4]
    assert listed(database, ctx, stage="published", include_archived=True) == [1, 4]
    again = database.run_write(lambda s: board.archive_published(s, ctx, timedelta(weeks=4)))
    assert again == [], "archiving twice archives nothing more"


def test_an_archived_video_still_counts_in_reports(database, ctx, clock):
    from tracker.services.insights import published_videos

    start = ctx.now()
    add(database, ctx, "Old", stage="published")
    clock.advance(weeks=5)
    database.run_write(lambda s: board.archive_published(s, ctx, timedelta(weeks=4)))
    with database.read() as session:
        reported = published_videos(session, ctx, start - timedelta(days=1), ctx.now())
    assert [video.number for video in reported] == [1]


def test_unarchive_puts_a_video_back_and_refuses_one_that_is_not_archived(database, ctx, clock):
    add(database, ctx, "Old", stage="published")
    clock.advance(weeks=5)
    database.run_write(lambda s: board.archive_published(s, ctx, timedelta(weeks=4)))
    video = database.run_write(lambda s: board.unarchive_video(s, ctx, "old"))
    assert not video.archived and listed(database, ctx, include_finished=True) == [1]
    with pytest.raises(InputError, match="not archived"):
        database.run_write(lambda s: board.unarchive_video(s, ctx, "1"))


def test_an_archived_video_moved_out_of_published_shows_on_the_board_again(database, ctx, clock):
    add(database, ctx, "Old", stage="published")
    clock.advance(weeks=5)
    database.run_write(lambda s: board.archive_published(s, ctx, timedelta(weeks=4)))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    assert listed(database, ctx) == [1]


# --- undoing a move made with a checklist override -------------------------------------------


def _with_checklist(ctx):
    from dataclasses import replace

    from tracker.core.checklist import DEFAULT_ITEMS

    return replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))


def _undo_move(database, ctx, before):
    """What the board's undo does (tracker.tui.undo.undo_move): back where it stood."""
    return database.run_write(
        lambda s: board.move_video(
            s, ctx, str(before.number), before.stage, position=before.position, restore=True
        )
    )


def _overrides_shown(database, ctx, ref="1"):
    from tracker.core.periods import week_holding
    from tracker.services.reports import build_report

    with database.read() as session:
        on_the_card = board.video_detail(session, ctx, ref).checklist.overrides
        in_the_review = build_report(session, ctx, week_holding(ctx.today(), 0)).overrides
    return [o.reason for o in on_the_card], [line.reason for line in in_the_review]


def test_undoing_a_move_made_with_an_override_withdraws_the_override(database, ctx, clock):
    checked = _with_checklist(ctx)
    before = add(database, checked, "Unknown case 12", stage="review")
    reason = "Consent on file, names cropped by hand"
    clock.advance(minutes=5)
    database.run_write(lambda s: board.move_video(s, checked, "1", "published", override=reason))
    assert _overrides_shown(database, checked) == ([reason], [reason])

    clock.advance(minutes=1)
    video, _origin = _undo_move(database, checked, before)

    assert video.stage == "review"
    assert _overrides_shown(database, checked) == ([], [])


def test_undoing_a_move_out_of_published_keeps_the_override_that_put_it_there(database, ctx, clock):
    checked = _with_checklist(ctx)
    add(database, checked, "Unknown case 12", stage="review")
    reason = "Consent on file, names cropped by hand"
    clock.advance(minutes=5)
    published = database.run_write(
        lambda s: board.move_video(s, checked, "1", "published", override=reason)
    )[0]
    clock.advance(minutes=5)
    database.run_write(lambda s: board.move_video(s, checked, "1", "edit"))

    clock.advance(minutes=1)
    video, _origin = _undo_move(database, checked, published)

    assert video.stage == "published"
    assert _overrides_shown(database, checked) == ([reason], [reason])


def test_undoing_a_move_withdraws_only_the_override_that_move_wrote(database, ctx, clock):
    checked = _with_checklist(ctx)
    add(database, checked, "Unknown case 12", stage="review")
    first, second = "Consent on file, first go", "Consent on file, second go"
    clock.advance(minutes=5)
    database.run_write(lambda s: board.move_video(s, checked, "1", "published", override=first))
    clock.advance(minutes=5)
    back = database.run_write(lambda s: board.move_video(s, checked, "1", "review"))[0]
    clock.advance(minutes=5)
    database.run_write(lambda s: board.move_video(s, checked, "1", "published", override=second))
    assert _overrides_shown(database, checked) == ([first, second], [first, second])

    clock.advance(minutes=1)
    _undo_move(database, checked, back)

    assert _overrides_shown(database, checked) == ([first], [first])
