"""The card detail screen: fields, history, hours, entries, all through the keyboard."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import ZONE
from tracker.services import board, timelog
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.form import FormScreen

SIZE = (120, 40)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


async def open_card(app, pilot, number: int = 1) -> CardScreen:
    app.push_screen(CardScreen(app.workspace, number))
    await pilot.pause()
    assert isinstance(app.screen, CardScreen)
    return app.screen


async def test_the_card_shows_fields_history_hours_and_entries(app, add, database, ctx):
    add("Unknown case 14", platforms=("youtube",), tags=("unknowncase",))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", at(24, 20), at(24, 21, 30)))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_card(app, pilot)
        fields = str(screen.query_one("#card-fields").render())
        assert "#1 Unknown case 14" in fields and "#unknowncase" in fields
        assert "idea → edit" in str(screen.query_one("#card-history").render())
        assert "edit" in str(screen.query_one("#card-hours").render())
        assert "1h30m" in str(screen.query_one("#card-hours").render())
        assert screen.query_one("#card-entries").row_count == 1


async def test_editing_fields_saves_them_and_undo_restores_them(app, add, database, ctx):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("e")
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-title").value = "Unknown case 14: answer"
        app.screen.query_one("#field-case_number").value = "14"
        app.screen.query_one("#field-series").value = "Unknown case"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CardScreen)
        assert "#1 Unknown case 14: answer" in str(app.screen.query_one("#card-fields").render())
        with database.read() as session:
            video = board.resolve_video(session, "1")
            assert (video.title, video.case_number, video.series) == (
                "Unknown case 14: answer",
                14,
                "Unknown case",
            )
        await pilot.press("u")
        with database.read() as session:
            video = board.resolve_video(session, "1")
            assert (video.title, video.case_number, video.series) == ("Unknown case 14", None, None)


async def test_an_edit_refused_by_a_bad_value_keeps_the_form_open(app, add):
    add("Five signs")
    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("e")
        app.screen.query_one("#field-case_number").value = "fourteen"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FormScreen)
        assert "not a case number" in str(app.screen.query_one("#form-error").render())


async def test_logging_time_on_the_card_and_an_overlap_is_refused_in_the_form(
    app, add, database, ctx
):
    add("Five signs", stage="edit")
    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("a")
        app.screen.query_one("#field-start").value = "8:00"
        app.screen.query_one("#field-duration").value = "1h"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CardScreen)
        assert app.screen.query_one("#card-entries").row_count == 1
        await pilot.press("a")
        app.screen.query_one("#field-start").value = "8:30"
        app.screen.query_one("#field-end").value = "9:15"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FormScreen)
        assert "overlaps entry 1" in str(app.screen.query_one("#form-error").render())
        await pilot.press("escape")
    with database.read() as session:
        entries = timelog.video_entries(session, ctx, "1")
    assert [(e.activity, e.seconds) for e in entries] == [("edit", 3600)]


async def test_an_entry_is_fixed_with_enter_and_deleted_with_d(app, add, database, ctx):
    add("Five signs", stage="edit")
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", at(25, 8), at(25, 9)))
    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-duration").value = "45m"
        await pilot.press("ctrl+s")
        with database.read() as session:
            assert timelog.video_entries(session, ctx, "1")[0].seconds == 45 * 60
        await pilot.press("d", "y")
        assert app.screen.query_one("#card-entries").row_count == 0
    with database.read() as session:
        assert timelog.video_entries(session, ctx, "1") == ()


async def test_text_that_looks_like_markup_or_escapes_is_shown_as_typed(app, add, database, ctx):
    add("Case [/] [bold]x \x1b[2J")
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"notes": "[red]x[/red] [/]"}))
    database.run_write(lambda s: timelog.log_entry(s, ctx, "1", at(24, 20), at(24, 21), note="[/]"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_card(app, pilot)
        fields = str(screen.query_one("#card-fields").render())
        assert "Case [/] [bold]x \\x1b[2J" in fields
        assert "[red]x[/red] [/]" in str(screen.query_one("#card-notes").render())
        await pilot.press("escape")
        await pilot.press("d")  # the delete question quotes the title
        assert "[bold]x" in str(app.screen.query_one("Static").render())


async def test_an_unlikely_due_date_is_confirmed_before_it_is_saved(app, add, database):
    from tracker.tui.screens.confirm import ConfirmScreen

    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        await open_card(app, pilot)
        await pilot.press("e")
        app.screen.query_one("#field-due").value = "2152-03-01"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen), "over a year ahead: surely a typo? ask"
        await pilot.press("y")
        assert isinstance(app.screen, CardScreen)
    with database.read() as session:
        assert str(board.resolve_video(session, "1").due_on) == "2152-03-01"
