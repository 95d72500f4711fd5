"""The time log: a day's or a week's entries, with totals per day and per activity."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker.core.durations import format_seconds
from tracker.services import timelog
from tracker.services.views import EntryList, EntryView
from tracker.tui.plain import cell
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.entry_form import EntryActions, entry_form
from tracker.tui.workspace import Workspace


class TimeLogScreen(EntryActions, DataScreen):
    """Switch to it with 2; ←/→ move by a day or a week."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "Your entries for a day or a week. ←/→ (h/l) step back and forth, w switches between "
        "day and week, . comes back to today. a logs time, Enter changes the highlighted "
        "entry, d deletes it. An overlapping or inverted entry is refused with the reason."
    )
    BINDINGS = [
        # Priority: the entries table would take ← and → for sideways scrolling otherwise.
        Binding("left,h", "step(-1)", "Earlier", id="earlier", priority=True),
        Binding("right,l", "step(1)", "Later", id="later", priority=True),
        Binding("w", "toggle_week", "Day/week", id="day-week"),
        Binding("full_stop", "today", "Today", id="today"),
        Binding("a", "add_entry", "Log time", id="log-add"),
        Binding("d", "delete_entry", "Delete", id="log-delete"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.day_shown: date | None = None
        self.week = False
        self.listing: EntryList | None = None

    def body(self) -> ComposeResult:
        yield Static(id="log-period")
        yield DataTable(id="log-entries", cursor_type="row", zebra_stripes=True)
        yield Static(id="log-totals")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            "Entry", "Day", "Start", "End", "Time", "Activity", "Video", "Note"
        )
        super().on_mount()

    def reload(self, *, hours_changed: bool = True) -> None:
        ctx = self.workspace.context
        day_shown = self.day_shown or ctx.now().date()
        bounds = ctx.week_bounds(day_shown) if self.week else ctx.day_bounds(day_shown)
        first = bounds[0].date()
        days = [first + timedelta(days=offset) for offset in range(7 if self.week else 1)]
        with self.workspace.read() as session:
            self.listing = timelog.list_entries(session, ctx, *bounds)
            per_day = timelog.daily_seconds(session, ctx, days)
        self._show(days, per_day)

    def _show(self, days: list[date], per_day: list[float]) -> None:
        assert self.listing is not None
        zone = self.workspace.context.zone
        label = f"Week of {days[0]:%a %d %b %Y}" if self.week else f"{days[0]:%A %d %B %Y}"
        self.query_one("#log-period", Static).update(f"[b]{label}[/]")
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.listing.entries:
            start = entry.start_at.astimezone(zone)
            table.add_row(
                str(entry.number),
                f"{start:%a %d}",
                f"{start:%H:%M}",
                self.workspace.context.end_shown(entry.start_at, entry.end_at),
                format_seconds(entry.seconds),
                entry.activity,
                cell(f"#{entry.video_number} {entry.video_title}" if entry.video_number else ""),
                cell(entry.note),
                key=str(entry.number),
            )
        if self.listing.entries:
            table.move_cursor(row=min(row, len(self.listing.entries) - 1))
        by_activity = ", ".join(
            f"{total.activity} {format_seconds(total.seconds)}"
            for total in self.listing.by_activity
        )
        lines = [f"Total {format_seconds(self.listing.total_seconds)}  {by_activity}"]
        if self.week:
            lines.append(
                "   ".join(
                    f"{day:%a} {format_seconds(seconds)}"
                    for day, seconds in zip(days, per_day, strict=True)
                )
            )
        if not self.listing.entries:
            lines.append("No entries here. a logs time.")
        self.query_one("#log-totals", Static).update("\n".join(lines))

    @property
    def current_entry(self) -> EntryView | None:
        table = self.query_one(DataTable)
        if self.listing is None or not self.listing.entries:
            return None
        return self.listing.entries[min(table.cursor_row, len(self.listing.entries) - 1)]

    def action_step(self, direction: int) -> None:
        day_shown = self.day_shown or self.workspace.context.now().date()
        self.day_shown = day_shown + timedelta(days=direction * (7 if self.week else 1))
        self.reload()

    def action_toggle_week(self) -> None:
        self.week = not self.week
        self.reload()

    def action_today(self) -> None:
        self.day_shown = None
        self.reload()

    def action_add_entry(self) -> None:
        self.app.push_screen(entry_form(self.workspace, None))
