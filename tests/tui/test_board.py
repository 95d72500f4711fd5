"""The board through Pilot: press the keys a user presses, then check screen and database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.db.database import open_database
from tracker.services import board, timelog
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.form import FormScreen
from tracker.tui.widgets.card_column import CardColumn

SIZE = (120, 36)


def column(app, stage: str) -> CardColumn:
    return app.screen.query_one(f"#column-{stage}", CardColumn)


def numbers(app, stage: str) -> list[int]:
    return [card.number for card in column(app, stage).cards]


def stored(database, ctx, number: int):
    with database.read() as session:
        return board.video_detail(session, ctx, str(number))


async def test_the_board_has_a_column_per_stage_with_counts_and_hides_dropped(app, add):
    add("Five signs", platforms=("youtube",))
    add("Unknown case 14", stage="edit")
    add("Old idea", stage="dropped")
    async with app.run_test(size=SIZE):
        titles = [str(c.border_title) for c in app.screen.query(CardColumn) if c.display]
        assert titles == [
            "idea 1",
            "script 0",
            "record 0",
            "edit 1",
            "review 0",
            "scheduled 0",
            "published 0",
        ]
        assert numbers(app, "edit") == [2]


async def test_a_column_over_its_wip_limit_is_marked(database, ctx, add):
    from dataclasses import replace

    from tracker.tui.app import TrackerApp

    limited = replace(ctx, settings=replace(ctx.settings, wip_limits={"edit": 1}))
    add("One", stage="edit")
    add("Two", stage="edit")
    app = TrackerApp(database, limited, watch=False)
    async with app.run_test(size=SIZE):
        edit = column(app, "edit")
        assert str(edit.border_title) == "edit 2/1" and edit.has_class("over-limit")


async def test_arrows_and_vim_keys_move_focus_between_columns_and_cards(app, add):
    add("First idea")
    add("Second idea")
    add("Scripting", stage="script")
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.focused_column.current.number == 1
        await pilot.press("j")
        assert app.screen.focused_column.current.number == 2
        await pilot.press("l")
        assert app.screen.focused_column.stage == "script"
        await pilot.press("left")
        assert app.screen.focused_column.stage == "idea"


async def test_shift_right_moves_the_card_to_the_next_stage_and_records_it(app, add, database, ctx):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+right")
        assert numbers(app, "script") == [1] and numbers(app, "idea") == []
        assert app.screen.focused_column.stage == "script", "focus follows the card"
        await pilot.press("L")
        assert numbers(app, "record") == [1]
    history = stored(database, ctx, 1).history
    assert [(h.from_stage, h.to_stage) for h in history][1:] == [
        ("idea", "script"),
        ("script", "record"),
    ]


async def test_shift_down_reorders_a_card_within_its_column(app, add, database, ctx):
    add("First")
    add("Second")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+down")
        assert numbers(app, "idea") == [2, 1]
        assert app.screen.focused_column.current.number == 1
    with database.read() as session:
        listed = board.list_videos(session, ctx, stage="idea")
    assert [video.number for video in listed] == [2, 1]


async def test_undo_takes_back_several_board_changes_in_turn(app, add, database, ctx):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+right", "shift+right")
        assert numbers(app, "record") == [1]
        await pilot.press("u")
        assert numbers(app, "script") == [1]
        await pilot.press("u")
        assert numbers(app, "idea") == [1]
        await pilot.press("u")
        assert numbers(app, "idea") == [1]
    assert stored(database, ctx, 1).video.stage == "idea"


async def test_a_new_card_is_made_through_the_form(app, database, ctx):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "n")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Unknown case 16")
        app.screen.query_one("#field-due").value = "fri"
        app.screen.query_one("#field-tags").value = "unknowncase"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, BoardScreen), app.screen.query_one("#form-error").render()
        assert numbers(app, "script") == [1]
    video = stored(database, ctx, 1).video
    assert (video.title, video.stage, video.tags) == ("Unknown case 16", "script", ("unknowncase",))
    assert video.due_on.isoformat() == "2026-11-27"


async def test_a_form_refusal_is_shown_in_place_and_keeps_the_typing(app, database, ctx):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-title").value = "Keep me"
        app.screen.query_one("#field-due").value = "someday"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#form-error").render())
        assert 'Cannot read "someday"' in error
        assert app.screen.query_one("#field-title").value == "Keep me"
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    with database.read() as session:
        assert board.list_videos(session, ctx, include_finished=True) == []


async def test_delete_asks_first_and_undo_brings_the_card_back(app, add, database, ctx):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "n")
        assert numbers(app, "idea") == [1]
        await pilot.press("d", "y")
        assert numbers(app, "idea") == []
        with database.read() as session:
            assert [v.number for v in board.list_videos(session, ctx, deleted=True)] == [1]
        await pilot.press("u")
        assert numbers(app, "idea") == [1]


async def test_t_starts_a_timer_on_the_focused_card_and_stops_it(app, add, database, ctx, clock):
    add("Unknown case 14", stage="edit")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "t")
        with database.read() as session:
            running = timelog.running_timer(session, ctx)
        assert (running.video_number, running.activity) == (1, "edit")
        bar = str(app.screen.query_one("#timer-bar").render())
        assert "0:00:00 edit · #1 Unknown case 14" in bar
        clock.advance(minutes=25)
        app.tick()
        assert "0:25:00" in str(app.screen.query_one("#timer-bar").render())
        await pilot.press("space")
        with database.read() as session:
            assert timelog.running_timer(session, ctx) is None
        assert "No timer running" in str(app.screen.query_one("#timer-bar").render())


async def test_typing_a_filter_narrows_the_board_and_escape_clears_it(app, add):
    add("Unknown case 14", tags=("unknowncase",))
    add("Five signs", platforms=("tiktok",))
    add("Unknown case 15", stage="edit")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"tiktok")
        assert numbers(app, "idea") == [2] and numbers(app, "edit") == []
        app.screen.query_one("#filter").value = "unknown"
        await pilot.pause()
        assert numbers(app, "idea") == [1] and numbers(app, "edit") == [3]
        await pilot.press("escape")
        assert numbers(app, "idea") == [1, 2]


async def test_changes_made_elsewhere_appear_without_losing_focus(app, add, db_url, ctx):
    add("First")
    add("Second")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        other = open_database(db_url)
        other.run_write(lambda s: board.add_video(s, ctx, "From the CLI", stage="idea"))
        other.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
        other.dispose()
        app.check_for_changes()
        await pilot.pause()
        assert numbers(app, "idea") == [2, 3] and numbers(app, "edit") == [1]
        assert app.screen.focused_column.current.number == 2


async def test_enter_opens_the_card_and_escape_comes_back(app, add):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, CardScreen) and app.screen.number == 1
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_every_board_key_is_also_a_command_in_the_palette(app):
    async with app.run_test(size=SIZE):
        titles = {command.title for command in app.get_system_commands(app.screen)}
    assert {"Move left", "Move right", "New", "Delete", "Undo", "Timer", "Filter"} <= titles
    assert {"Move to", "Drop", "Bring back dropped", "Sort by due", "Archive old"} <= titles
    assert {"Board", "Log", "Help"} <= titles


async def test_help_lists_the_keys_of_the_screen(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        text = "\n".join(str(keys.render()) for keys in app.screen.query(".help-keys"))
        for action in ("Move right", "Move to", "Drop", "Bring back dropped", "Sort by due"):
            assert action in text, action
        assert "Archive old" in text and "Show archived" in text
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_a_bug_leaves_a_one_line_message_and_a_saved_report(app, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(BoardScreen, "action_new_card", broken)
    with pytest.raises(RuntimeError, match="boom"):  # Pilot re-raises what the app caught
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("n")
    assert app.return_code == 70
    reports = list((tmp_path / "state").rglob("crash-*.txt"))
    assert len(reports) == 1 and "RuntimeError" in reports[0].read_text()


async def test_a_database_that_goes_away_shows_a_banner_and_keeps_an_open_form(
    app, add, database, tmp_path
):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-title").value = "Half typed"
        moved = tmp_path / "elsewhere.db"
        database.path.rename(moved)
        app.check_for_changes()
        await pilot.pause()
        board_screen = app.screen_stack[-2]
        banner = board_screen.query_one("#banner")
        assert banner.has_class("visible") and "moved or deleted" in str(banner.render())
        assert app.screen.query_one("#field-title").value == "Half typed"
        moved.rename(database.path)
        app.check_for_changes()
        await pilot.pause()
        assert not banner.has_class("visible")


async def test_an_empty_board_says_how_to_begin_and_the_hint_goes_with_the_first_card(app):
    async with app.run_test(size=SIZE) as pilot:
        hint = app.screen.query_one("#empty-hint")
        assert hint.display and "Press n" in str(hint.render())
        await pilot.press("n", *"First idea", "ctrl+s")
        assert not hint.display


# --- direct actions on the focused card, at the smallest and a large size ----------------------

BOTH_SIZES = pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])


def moves(database, ctx, number: int) -> list[tuple[str | None, str]]:
    return [(h.from_stage, h.to_stage) for h in stored(database, ctx, number).history]


async def focus_card(app, pilot, stage: str, number: int) -> None:
    """Put the focus on card ``number`` of ``stage``, as arrow keys would."""
    stages = [c.stage for c in app.screen.columns]
    await pilot.press(*["l"] * stages.index(stage))
    assert app.screen.focused_column.stage == stage
    while app.screen.focused_column.current.number != number:
        await pilot.press("j")


@BOTH_SIZES
async def test_m_then_a_number_moves_the_card_straight_to_that_stage(app, add, database, ctx, size):
    add("Five signs")
    async with app.run_test(size=size) as pilot:
        await pilot.press("m")
        picker = app.screen
        choices = str(picker.query_one("#picker-choices").render())
        assert "1 idea" in choices and "7 published" in choices and "8 dropped" in choices
        await pilot.press("5")
        assert numbers(app, "review") == [1] and numbers(app, "idea") == []
        assert app.screen.focused_column.stage == "review", "focus follows the card"
        await pilot.press("u")
        assert numbers(app, "idea") == [1]
    assert moves(database, ctx, 1) == [(None, "idea"), ("idea", "review"), ("review", "idea")]


@BOTH_SIZES
async def test_m_then_a_letter_moves_and_escape_cancels(app, add, database, ctx, size):
    add("Five signs", stage="script")
    async with app.run_test(size=size) as pilot:
        await focus_card(app, pilot, "script", 1)
        await pilot.press("m", "escape")
        assert isinstance(app.screen, BoardScreen) and numbers(app, "script") == [1]
        await pilot.press("m", "c")  # s is script's: scheduled's letter is c
        assert numbers(app, "scheduled") == [1]
        await pilot.press("m", "v")  # r is record's: review's letter is v
        assert numbers(app, "review") == [1]
        await pilot.press("m", "v")
        assert numbers(app, "review") == [1], "the stage it is in: nothing happens"
    assert moves(database, ctx, 1)[1:] == [("script", "scheduled"), ("scheduled", "review")]


@BOTH_SIZES
async def test_drop_is_one_recorded_move_straight_to_dropped(app, add, database, ctx, size):
    add("Five signs", stage="edit")
    add("Keep me", stage="edit")
    async with app.run_test(size=size) as pilot:
        await focus_card(app, pilot, "edit", 1)
        await pilot.press("D")
        assert numbers(app, "edit") == [2] and numbers(app, "dropped") == [1]
        assert app.screen.focused_column.stage == "edit", "the focus stays in the column"
        assert app.screen.focused_column.current.number == 2
    assert moves(database, ctx, 1) == [(None, "edit"), ("edit", "dropped")]


@BOTH_SIZES
async def test_undo_takes_a_drop_back_to_the_same_place(app, add, database, ctx, size):
    add("First", stage="edit")
    add("Second", stage="edit")
    async with app.run_test(size=size) as pilot:
        await focus_card(app, pilot, "edit", 1)
        await pilot.press("D", "u")
        assert numbers(app, "edit") == [1, 2]
    assert stored(database, ctx, 1).video.stage == "edit"


@BOTH_SIZES
async def test_r_brings_a_dropped_card_back_to_the_stage_it_left(app, add, database, ctx, size):
    add("Five signs", stage="review")
    async with app.run_test(size=size) as pilot:
        await focus_card(app, pilot, "review", 1)
        await pilot.press("D", "x")
        assert app.screen.focused_column.stage == "dropped"
        await pilot.press("r")
        assert numbers(app, "review") == [1] and numbers(app, "dropped") == []
        assert app.screen.focused_column.stage == "review", "focus follows the card back"
        await pilot.press("u")
        assert numbers(app, "dropped") == [1]
    assert moves(database, ctx, 1) == [
        (None, "review"),
        ("review", "dropped"),
        ("dropped", "review"),
        ("review", "dropped"),
    ]


async def test_r_on_a_card_that_is_not_dropped_changes_nothing(app, add, database, ctx):
    add("Five signs")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        assert numbers(app, "idea") == [1]
    assert moves(database, ctx, 1) == [(None, "idea")]


def published_weeks_ago(add, clock, titles_and_weeks: list[tuple[str, int]]) -> None:
    """Publish videos the given numbers of weeks before the clock's now (oldest first)."""
    previous = max(weeks for _title, weeks in titles_and_weeks)
    clock.advance(weeks=-previous)
    for title, weeks in sorted(titles_and_weeks, key=lambda item: -item[1]):
        clock.advance(weeks=previous - weeks)
        previous = weeks
        add(title, stage="published")
    clock.advance(weeks=previous)


@BOTH_SIZES
async def test_archive_takes_old_published_cards_off_the_board_but_keeps_them(
    app, add, database, ctx, clock, size
):
    from tracker.services.insights import published_videos

    published_weeks_ago(add, clock, [("Old", 10), ("Older than four", 5), ("Recent", 1)])
    async with app.run_test(size=size) as pilot:
        assert numbers(app, "published") == [1, 2, 3]
        await pilot.press("a")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-age").value == "4w", "four weeks unless told"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, BoardScreen)
        assert numbers(app, "published") == [3]
        await pilot.press("A")
        assert numbers(app, "published") == [1, 2, 3], "A shows the archived ones again"
        assert [card.archived for card in column(app, "published").cards] == [True, True, False]
        await pilot.press("A")
        assert numbers(app, "published") == [3]
    with database.read() as session:
        assert [v.number for v in board.list_videos(session, ctx, include_finished=True)] == [3]
        everything = board.list_videos(session, ctx, include_finished=True, include_archived=True)
        week_ago = ctx.now() - timedelta(weeks=11)
        reported = published_videos(session, ctx, week_ago, ctx.now())
    assert [v.number for v in everything] == [1, 2, 3]
    assert [v.number for v in reported] == [1, 2, 3], "reports still count archived videos"


async def test_undo_puts_archived_cards_back_and_a_bad_age_is_refused_in_the_form(
    app, add, database, ctx, clock
):
    published_weeks_ago(add, clock, [("Old", 10), ("Older", 6)])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        app.screen.query_one("#field-age").value = "soon"
        await pilot.press("ctrl+s")
        assert "Cannot read" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#field-age").value = "20w"
        await pilot.press("ctrl+s")
        assert "No published video" in str(app.screen.query_one("#form-error").render())
        app.screen.query_one("#field-age").value = "8 weeks"
        await pilot.press("ctrl+s")
        assert numbers(app, "published") == [2]
        await pilot.press("u")
        assert numbers(app, "published") == [1, 2]
    with database.read() as session:
        assert not any(v.archived for v in board.list_videos(session, ctx, include_finished=True))


@BOTH_SIZES
async def test_s_sorts_a_column_by_due_date_and_back(app, add, size):
    add("No date", stage="edit")
    add("Later", stage="edit", due_on=date(2026, 12, 10))
    add("Sooner", stage="edit", due_on=date(2026, 11, 27))
    add("Idea", stage="idea", due_on=date(2026, 11, 1))
    async with app.run_test(size=size) as pilot:
        await focus_card(app, pilot, "edit", 1)
        await pilot.press("s")
        assert numbers(app, "edit") == [3, 2, 1], "soonest first, no date last"
        assert str(column(app, "edit").border_title).endswith("↓")
        assert numbers(app, "idea") == [4], "only the focused column"
        assert app.screen.focused_column.current.number == 1, "the highlight stays on its card"
        await pilot.press("shift+down")
        assert numbers(app, "edit") == [3, 2, 1], "no reordering by hand while sorted"
        await pilot.press("s")
        assert numbers(app, "edit") == [1, 2, 3]


async def test_the_overdue_marker_stands_out_on_a_compact_card(app, add):
    add("Unknown case 14", stage="edit", due_on=date(2026, 11, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        edit = column(app, "edit")
        assert edit.compact
        [marker] = [segment for segment in edit.render_line(1) if "20 Nov" in segment.text]
        assert marker.text.startswith("!") and marker.style.bold


async def test_m_then_d_drops_the_card_as_one_move(app, add, database, ctx):
    add("Five signs", stage="record")
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_card(app, pilot, "record", 1)
        await pilot.press("m", "d")
        assert numbers(app, "dropped") == [1] and numbers(app, "record") == []
    assert moves(database, ctx, 1) == [(None, "record"), ("record", "dropped")]
