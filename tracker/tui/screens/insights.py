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
from tracker.services.members import as_member, member_names, weeks_since_first_entry
from tracker.tui.screens.base import DataScreen

PERIODS: tuple[int | None, ...] = (4, 12, 26, 52, None)  # None: all weeks with work


class InsightsScreen(DataScreen):
    """Switch to it with 3; c and w choose the chart and the period."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "Charts of effort against output. Tab (or n) shows the next chart, w the next period "
        "(4, 12, 26 or 52 weeks, or all), m the next member on a shared database. The table "
        "beside each chart holds its numbers."
    )
    BINDINGS = [
        Binding("tab,n", "next_chart", "Next chart", id="next-chart"),
        Binding("w", "next_period", "Period", id="period"),
        Binding("m", "next_member", "Member", id="member"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.chart_name = next(iter(CHARTS))
        self.period: int | None = 12
        self.member: str | None = None  # None: the person at the keyboard
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
            ctx = self.tracker.context
            if self.member:
                ctx = as_member(session, ctx, self.member)
            weeks = self.period or weeks_since_first_entry(session, ctx)
            self.data = chart.data(session, ctx, weeks)
        whose = f" · {self.member}" if self.member else ""
        self.query_one("#insights-title", Static).update(
            f"[b]{self.chart_name}[/]: {chart.about} · last {weeks} weeks{whose}"
        )
        empty = chart.empty(self.data)
        self.query_one("#insights").display = not empty
        self.query_one("#insights-empty", Static).update(
            f"Nothing to chart from the last {weeks} weeks yet: log work and publish, "
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
        self.period = PERIODS[(PERIODS.index(self.period) + 1) % len(PERIODS)]
        self.reload()

    def action_next_member(self) -> None:
        """Cycle through the members of a shared database (me first)."""
        with self.tracker.database.read() as session:
            names = [None, *member_names(session)]
        me = self.tracker.context.settings.member_name()
        names = [name for name in names if name != me]
        if len(names) == 1:
            self.notify("Only you log work in this database.")
            return
        self.member = names[(names.index(self.member) + 1) % len(names)]
        self.reload()
