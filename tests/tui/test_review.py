"""The Review screen: the report of a week, a week at a time, written to a file on request."""

from __future__ import annotations

from textual.widgets import Input, Markdown

from tracker.services import timelog
from tracker.services.sample import fill_sample
from tracker.tui.screens.review import ReviewScreen

SIZE = (100, 40)


def heading(app) -> str:
    return str(app.screen.query_one("#review-title").render())


def shown(app) -> str:
    return app.screen.query_one(Markdown).source


async def test_4_shows_last_complete_weeks_review_as_the_report_writes_it(app, database, ctx):
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert isinstance(app.screen, ReviewScreen)
        assert heading(app) == "Review · 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)"
        assert "## This period and the ones before" in shown(app)
        assert "| 2026-W46 |" in shown(app)


async def test_the_arrows_step_by_a_week_and_stop_at_this_one(app, database, ctx):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "left")
        assert heading(app).startswith("Review · 2026-W46")
        await pilot.press("right", "right")
        assert heading(app).startswith("Review · 2026-W48"), "the week holding today"
        await pilot.press("right")
        assert heading(app).startswith("Review · 2026-W48")
        await pilot.press("full_stop")
        assert heading(app).startswith("Review · 2026-W47")


async def test_work_logged_elsewhere_shows_on_the_next_reload(app, database, ctx):
    from datetime import datetime, timedelta

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert "**0.0 h**" in shown(app)
        start = datetime(2026, 11, 17, 9, tzinfo=ctx.zone)
        database.run_write(
            lambda s: timelog.log_entry(s, ctx, None, start, start + timedelta(hours=2))
        )
        app.data_changed()
        await pilot.pause()
        assert "**2.0 h**" in shown(app)


async def test_x_writes_the_review_to_a_file_in_the_format_its_name_ends_in(
    app, database, ctx, tmp_path
):
    database.run_write(lambda s: fill_sample(s, ctx))
    target = tmp_path / "week.html"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "x")
        app.screen.query_one("#field-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert target.read_text().lstrip().lower().startswith("<!doctype html>")


async def test_a_file_name_without_a_known_ending_is_refused_in_the_form(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "x")
        app.screen.query_one("#field-path", Input).value = str(tmp_path / "week.pdf")
        await pilot.press("enter")
        assert "End the file name in .md" in str(app.screen.query_one("#form-error").render())
    assert not (tmp_path / "week.pdf").exists()


async def test_an_existing_file_is_replaced_only_when_replace_is_ticked(app, tmp_path):
    from textual.widgets import Checkbox

    target = tmp_path / "week.md"
    target.write_text("mine")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "x")
        app.screen.query_one("#field-path", Input).value = str(target)
        await pilot.press("enter")
        assert "tick Replace" in str(app.screen.query_one("#form-error").render())
        assert target.read_text() == "mine"
        app.screen.query_one("#field-replace", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_text().startswith("- **0.0 h**") or "# Review" in target.read_text()
