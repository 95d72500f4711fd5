"""The Series screen: start a series and plan eight weeks of it from the keyboard, and see what
is due and which days were missed."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tracker.services import board, series
from tracker.tui.app import TrackerApp
from tracker.tui.screens.form import FormScreen
from tracker.tui.screens.series import SeriesScreen

SIZE = (80, 24)


def rows(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]


async def test_a_wednesday_friday_series_is_started_and_planned_eight_weeks_ahead(
    app, database, ctx
):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert isinstance(app.screen, SeriesScreen)
        assert "press n to start one" in str(app.screen.query_one("#series-title").render())

        await pilot.press("n")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-name", Input).value = "Unknown case"
        form.query_one("#field-answer_after", Input).value = "48h"
        form.query_one("#field-hashtag", Input).value = "#PedsNeuroUnknown"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert rows(app)[0][:2] == ["Unknown case #PedsNeuroUnknown", "0"]
        days = str(app.screen.query_one("#series-days").render())
        assert days.startswith("Unknown case: every Wed at 09:00, answer 48h later.")

        await pilot.press("enter")
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # eight weeks, as offered
        await pilot.pause()
        assert isinstance(app.screen, SeriesScreen)
        assert rows(app)[0][1:3] == ["8", "Wed 25 Nov 2026: #1"]
        days = str(app.screen.query_one("#series-days").render())
        assert "Wed 02 Dec 2026 case 2 #3, answer #4 planned" in " ".join(days.split())

    with database.read() as session:
        titles = [video.title for video in board.list_videos(session, ctx)]
    assert len(titles) == 16 and "Unknown case #8: answer" in titles


async def test_a_wrong_cadence_is_refused_in_the_form_and_nothing_is_stored(app, database, ctx):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "n")
        form = app.screen
        form.query_one("#field-name", Input).value = "Unknown case"
        form.query_one("#field-every", Input).value = "fortnightly"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "as a cadence" in str(form.query_one("#form-error").render())
    with database.read() as session:
        assert series.list_series(session, ctx) == []


async def test_missed_days_show_in_the_list(app, database, ctx, clock):
    database.run_write(lambda s: series.add_series(s, ctx, "Unknown case", "wed"))
    clock.advance(days=14)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert rows(app)[0][3] == "Wed 25 Nov 2026, Wed 02 Dec 2026"


async def test_the_board_says_when_a_series_missed_a_day_or_has_nothing_planned(
    app, database, ctx, clock
):
    database.run_write(lambda s: series.add_series(s, ctx, "Unknown case", "wed"))
    database.run_write(lambda s: series.plan_series(s, ctx, "Unknown case", 1))
    async with app.run_test(size=SIZE) as pilot:
        line = app.screen.query_one("#series-line")
        assert not line.display, "today's card is on the board, next week is a week away"

    clock.advance(days=7)  # Wednesday 2 Dec: 25 Nov went by unpublished, nothing for today
    later = TrackerApp(database, ctx, watch=False)
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = later.screen.query_one("#series-line")
        assert line.display
        assert str(line.render()) == (
            "5 Series: Unknown case: missed 25 Nov and nothing planned for Wed 02 Dec"
        )
