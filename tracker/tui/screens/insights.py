"""Insights: the charts of effort against output, with their numbers beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from tracker.charts import CHARTS, Chart, Key, legend_lines
from tracker.core.text import terminal_safe
from tracker.services.context import Context
from tracker.services.members import as_member, member_names, weeks_since_first_entry
from tracker.tui.plain import cell
from tracker.tui.screens.base import DataScreen
from tracker.tui.workspace import Workspace

PERIODS: tuple[int | None, ...] = (4, 12, 26, 52, None)  # None: all weeks with work
# Below this many columns the chart takes the whole width and t swaps it for its table:
# squeezed beside a table, a chart at 80 columns has no room for its labels.
TABLE_BESIDE_FROM_COLUMNS = 120


class ChartPlot(PlotextPlot):
    """A chart drawn at the widget's own size on every paint, its legend below it.

    Drawing at paint time rather than on reload lets the x labels and the legend fit the
    width the chart really has after a resize.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Chart, list[Any], Context] | None = None

    def show(self, chart: Chart, data: list[Any], ctx: Context) -> None:
        self._shown = (chart, data, ctx)
        self.refresh()

    def render(self) -> RenderResult:
        width, height = self.size
        if self._shown is None or width == 0 or height == 0:
            return ""
        chart, data, ctx = self._shown
        legend = legend_lines(chart.keys(data, ctx), width)
        plt = self.plt
        plt.clear_figure()
        plt.theme(self._get_plotext_theme_name(self.app.theme))  # before drawing: text takes
        chart.draw(data, ctx, plt, width)  # the canvas colour of the theme set when drawn
        plot_height = max(1, height - len(legend))
        plt.plotsize(width, plot_height)
        plt._set_size(width, plot_height)  # as PlotextPlot.render does: resizing needs both
        text = Text.from_ansi(plt.build().rstrip("\n"))
        for line in legend:
            text.append("\n")
            text.append_text(_legend_text(line))
        return text


def _legend_text(keys: list[Key]) -> Text:
    """One row of a legend, each mark in its series' colour and the names as plain text."""
    text = Text()
    for index, key in enumerate(keys):
        if index:
            text.append("  ")
        colour = key.colour
        style = Style(color=f"rgb{colour}".replace(" ", "")) if isinstance(colour, tuple) else ""
        text.append(key.mark, style)
        text.append(f" {key.label}")
    return text


class InsightsScreen(DataScreen):
    """Switch to it with 3; Tab and w choose the chart and the period, t the table."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (TABLE_BESIDE_FROM_COLUMNS, "-wide")]
    HELP = (
        "Charts of effort against output. Tab (or n) shows the next chart, w the next period "
        "(4, 12, 26 or 52 weeks, or all), m the next member on a shared database. The table "
        "beside each chart holds its numbers; t hides it, or on a narrow terminal shows it "
        "instead of the chart."
    )
    BINDINGS = [
        Binding("tab,n", "next_chart", "Next chart", id="next-chart"),
        Binding("w", "next_period", "Period", id="period"),
        Binding("m", "next_member", "Member", id="member"),
        Binding("t", "flip_table", "Table", id="table"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.chart_name = next(iter(CHARTS))
        self.period: int | None = 12
        self.member: str | None = None  # None: the person at the keyboard
        self.data: list[Any] = []

    def body(self) -> ComposeResult:
        yield Static(id="insights-title")
        with Horizontal(id="insights"):
            yield ChartPlot(id="insights-plot")
            yield DataTable(id="insights-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="insights-empty")

    def reload(self, *, hours_changed: bool = True) -> None:
        chart = CHARTS[self.chart_name]
        with self.workspace.read() as session:
            ctx = self.workspace.context
            if self.member:
                ctx = as_member(session, ctx, self.member)
            weeks = self.period or weeks_since_first_entry(session, ctx)
            self.data = chart.data(session, ctx, weeks)
        whose = f" · {terminal_safe(self.member)}" if self.member else ""
        title = Text.assemble((self.chart_name, "bold"), f" · last {weeks} weeks")
        title.append(whose)  # a member's name is data, never markup
        title.append(f": {chart.about}")
        self.query_one("#insights-title", Static).update(title)
        empty = chart.empty(self.data)
        self.query_one("#insights").display = not empty
        message = self.query_one("#insights-empty", Static)
        message.display = empty
        message.update(
            f"Nothing to chart from the last {weeks} weeks yet: log work and publish, "
            "or press w for a longer period."
            if empty
            else ""
        )
        self.query_one(ChartPlot).show(chart, self.data, self.workspace.context)
        headers, rows = chart.table(self.data)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*headers)
        table.add_rows([tuple(cell(value) for value in row) for row in rows])  # titles are data

    def action_next_chart(self) -> None:
        names = list(CHARTS)
        self.chart_name = names[(names.index(self.chart_name) + 1) % len(names)]
        self.reload()

    def action_next_period(self) -> None:
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.reload()

    def action_flip_table(self) -> None:
        """Wide: hide or show the table beside the chart. Narrow: the table or the chart."""
        self.toggle_class("flipped")

    def action_next_member(self) -> None:
        """Cycle through the members of a shared database (me first)."""
        with self.workspace.read() as session:
            names = [None, *member_names(session)]
        me = self.workspace.context.settings.member_name()
        names = [name for name in names if name != me]
        if len(names) == 1:
            self.notify("Only you log work in this database.")
            return
        self.member = names[(names.index(self.member) + 1) % len(names)]
        self.reload()
