"""The time log screen: a day or a week of entries, totals, and fixing mistakes."""

from __future__ import annotations

from datetime import datetime

from tests.conftest import ZONE
from tracker.services import timelog
from tracker.tui.screens.form import FormScreen
from tracker.tui.screens.time_log import TimeLogScreen

SIZE = (120, 36)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def log(database, ctx, start, end, ref=None, activity="admin"):
    database.run_write(lambda s: timelog.log_entry(s, ctx, ref, start, end, activity=activity))


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_2_shows_todays_entries_with_totals(app, add, database, ctx):
    add("Five signs", stage="edit")
    log(database, ctx, at(25, 7), at(25, 8, 30), ref="1", activity="edit")
    log(database, ctx, at(25, 8, 30), at(25, 9))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert isinstance(app.screen, TimeLogScreen)
        assert app.screen.query_one("#log-entries").row_count == 2
        assert "Total 2h  edit 1h30m, admin 30m" in text(app, "#log-totals")
        assert "Wednesday 25 November 2026" in text(app, "#log-period")


async def test_arrows_step_through_days_and_w_shows_the_week_with_daily_totals(app, database, ctx):
    log(database, ctx, at(23, 20), at(23, 22))
    log(database, ctx, at(25, 7), at(25, 8))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "left")
        assert "Tuesday 24 November" in text(app, "#log-period")
        assert app.screen.query_one("#log-entries").row_count == 0
        await pilot.press("w")
        assert "Week of Mon 23 Nov 2026" in text(app, "#log-period")
        assert app.screen.query_one("#log-entries").row_count == 2
        totals = text(app, "#log-totals")
        assert "Mon 2h" in totals and "Tue 0m" in totals and "Wed 1h" in totals
        await pilot.press("full_stop", "w")
        assert "Wednesday 25 November" in text(app, "#log-period")


async def test_time_is_logged_from_the_log_and_an_inverted_entry_is_refused(app, database, ctx):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-start").value = "9:00"
        form.query_one("#field-end").value = "8:00"
        await pilot.press("ctrl+s")
        assert "must come after the start" in str(form.query_one("#form-error").render())
        form.query_one("#field-end").value = "9:40"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, TimeLogScreen)
        assert app.screen.query_one("#log-entries").row_count == 1
    with database.read() as session:
        listing = timelog.list_entries(session, ctx, *ctx.day_bounds(at(25, 0).date()))
    assert [(e.activity, e.seconds) for e in listing.entries] == [("other", 40 * 60)]


async def test_an_entry_is_deleted_after_confirming(app, database, ctx):
    log(database, ctx, at(25, 7), at(25, 8))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "d", "y")
        assert app.screen.query_one("#log-entries").row_count == 0
        assert "No entries here" in text(app, "#log-totals")
