"""Insights: the charts of effort against output, with their numbers beside them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from tracker.charts import CHARTS
from tracker.tui.screens.base import DataScreen

PERIODS = (4, 12, 26, 52)


class InsightsScreen(DataScreen):
    """Switch to it with 3; c and w choose the chart and the period."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "Charts of effort against output. Tab (or n) shows the next chart, w the next period "
        "(4, 12, 26 or 52 weeks). The table beside each chart holds its numbers."
    )
    BINDINGS = [
        Binding("tab,n", "next_chart", "Next chart", id="next-chart"),
        Binding("w", "next_period", "Period", id="period"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart_name = next(iter(CHARTS))
        self.weeks = 12
        self.data: list[Any] = []

    def body(self) -> ComposeResult:
        yield Static(id="insights-title")
        with Horizontal(id="insights"):
            yield PlotextPlot(id="insights-plot")
            yield DataTable(id="insights-table", zebra_stripes=True, cursor_type="row")
        yield Static(id="insights-empty")

    def reload(self, *, hours_changed: bool = True) -> None:
        chart = CHARTS[self.chart_name]
        with self.tracker.database.read() as session:
            self.data = chart.data(session, self.tracker.context, self.weeks)
        self.query_one("#insights-title", Static).update(
            f"[b]{self.chart_name}[/]: {chart.about} · last {self.weeks} weeks"
        )
        empty = chart.empty(self.data)
        self.query_one("#insights").display = not empty
        self.query_one("#insights-empty", Static).update(
            f"Nothing to chart from the last {self.weeks} weeks yet: log work and publish, "
            "or press w for a longer period."
            if empty
            else ""
        )
        plot = self.query_one(PlotextPlot)
        plot.plt.clear_figure()
        if not empty:
            chart.draw(self.data, self.tracker.context, plot.plt)
        plot.refresh()
        headers, rows = chart.table(self.data)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_columns(*headers)
        table.add_rows(rows)

    def action_next_chart(self) -> None:
        names = list(CHARTS)
        self.chart_name = names[(names.index(self.chart_name) + 1) % len(names)]
        self.reload()

    def action_next_period(self) -> None:
        self.weeks = PERIODS[(PERIODS.index(self.weeks) + 1) % len(PERIODS)]
        self.reload()
