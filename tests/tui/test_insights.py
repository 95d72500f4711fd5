"""The Insights screen: a chart, its numbers, and keys for the chart and the period."""

from __future__ import annotations

from textual.widgets import DataTable

from tracker.services.sample import fill_sample
from tracker.tui.screens.insights import InsightsScreen

SIZE = (140, 40)


async def test_3_shows_effort_against_output_with_its_numbers(app, database, ctx):
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert isinstance(app.screen, InsightsScreen)
        assert "effort-vs-output" in str(app.screen.query_one("#insights-title").render())
        table = app.screen.query_one(DataTable)
        assert table.row_count == 12
        await pilot.press("w")
        assert app.screen.query_one(DataTable).row_count == 26
        await pilot.press("n", "n")
        assert "flow" in str(app.screen.query_one("#insights-title").render())
        assert app.screen.query_one(DataTable).row_count == 26, "one row per week"
        await pilot.press("n")
        assert "load" in str(app.screen.query_one("#insights-title").render())
        await pilot.press("n")
        assert "engagement" in str(app.screen.query_one("#insights-title").render())
        assert app.screen.query_one(DataTable).row_count == 3, "the sample's published videos"
        await pilot.press("n")
        assert "cycle-time" in str(app.screen.query_one("#insights-title").render())
        assert app.screen.query_one(DataTable).row_count == 7


async def test_an_empty_log_gets_an_explanation_not_empty_axes(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert not app.screen.query_one("#insights").display
        assert "Nothing to chart" in str(app.screen.query_one("#insights-empty").render())


async def test_all_weeks_and_another_member_can_be_chosen(app, database, ctx):
    from tracker.services.members import add_member

    database.run_write(lambda s: fill_sample(s, ctx))
    database.run_write(lambda s: add_member(s, "ben"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "w", "w", "w")
        assert "last 5 weeks" in str(app.screen.query_one("#insights-title").render())
        await pilot.press("m")
        title = str(app.screen.query_one("#insights-title").render())
        assert "· ben" in title and "last 1 weeks" in title, "ben has no work of his own"
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[1] == "0.0", "ben's hours, not mine"
