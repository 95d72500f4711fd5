"""The Insights screen: a chart, its numbers, and keys for the chart and the period."""

from __future__ import annotations

from textual.widgets import DataTable

from tracker.charts import CHARTS
from tracker.services.sample import fill_sample
from tracker.tui.screens.insights import ChartPlot, InsightsScreen

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
        assert str(table.get_row_at(0)[1]) == "0.0", "ben's hours, not mine"


def chart_text(app) -> str:
    return app.screen.query_one(ChartPlot).render().plain


async def test_at_80_columns_the_chart_has_the_width_and_t_shows_the_table_instead(
    app, database, ctx
):
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        plot, table = app.screen.query_one(ChartPlot), app.screen.query_one(DataTable)
        assert (plot.size.width, table.display) == (80, False)
        drawing = chart_text(app)
        assert "limit 15 h" in drawing and "█ comments" in drawing
        assert "videos published (right axis)" in drawing.splitlines()[-1]
        await pilot.press("t")
        assert (plot.display, table.display, table.size.width) == (False, True, 80)
        await pilot.press("t")
        assert (plot.display, table.display) == (True, False)


async def test_on_a_wide_terminal_the_table_sits_beside_the_chart_and_t_hides_it(
    app, database, ctx
):
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("3")
        plot, table = app.screen.query_one(ChartPlot), app.screen.query_one(DataTable)
        assert table.display and plot.size.width + table.size.width == 200
        await pilot.press("t")
        assert not table.display and plot.size.width == 200


async def test_every_chart_draws_its_legend_below_without_axis_glyphs(app, database, ctx):
    """plotext marks which y axis a series uses with L and ⅃ in its own legend; ours has none."""
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        for _ in CHARTS:
            drawing = chart_text(app)
            assert "⅃" not in drawing and " L " not in drawing
            assert not drawing.splitlines()[-1].startswith((" ", "│", "└")), "a legend last"
            await pilot.press("n")


async def test_the_hours_per_video_chart_names_its_definition(app, database, ctx):
    database.run_write(lambda s: fill_sample(s, ctx))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "n")
        assert "Median hours logged per published video" in chart_text(app)
        table = app.screen.query_one(DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        assert headers[2:] == ["Hours logged on each", "Median h per video", "Median h, 4 weeks"]
        row = [str(value) for value in table.get_row_at(table.row_count - 2)]
        assert row[2:] == ["3.8, 2.5", "3.1", "3.1"]


async def test_a_video_title_with_markup_shows_as_typed_in_the_table(app, database, ctx):
    from tracker.services import board
    from tracker.services.metrics import record_metrics

    database.run_write(lambda s: board.add_video(s, ctx, "Ribs [/] and [bold]", stage="published"))
    database.run_write(lambda s: record_metrics(s, ctx, "1", {"views": 10}, None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", *["n"] * list(CHARTS).index("engagement"))
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[-1]) == "Ribs [/] and [bold]"
