"""Series: each run of numbered posts with its rhythm, what is due next and which days were
missed; a new series and the planning of its cards, from the keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from tracker.core.errors import InputError
from tracker.core.when import parse_due
from tracker.services import series
from tracker.services.series import SeriesView, Slot
from tracker.tui.plain import cell, plain
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.workspace import Workspace

SLOTS_AHEAD = timedelta(weeks=8)
MISSED_NAMED = 3


class SeriesScreen(DataScreen):
    """Switch to it with 5; n starts a series, Enter plans the highlighted one's cards."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "Each series with its rhythm, its case counter, the next posting day and the days that "
        "went by without a published question (missed). Below: the highlighted series' days "
        "in the next eight weeks. n starts a series; Enter plans its cards weeks ahead, "
        "numbered and due on their days (planning twice never makes a card twice)."
    )
    BINDINGS = [
        Binding("n", "new_series", "New series", id="series-new"),
        # Ahead of the table's own Enter, so an empty table still answers.
        Binding("enter", "plan_series", "Plan", id="series-plan", priority=True),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.found: list[SeriesView] = []

    def body(self) -> ComposeResult:
        yield Static(id="series-title")
        yield DataTable(id="series-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="series-days")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Series", "Cases", "Next", "Missed")
        super().on_mount()

    def reload(self, *, hours_changed: bool = True) -> None:
        ctx = self.workspace.context
        with self.workspace.read() as session:
            self.found = series.list_series(session, ctx)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for view in self.found:
            table.add_row(
                cell(f"{view.name} {view.hashtag}".strip()),
                str(view.last_case),
                cell(_next(view)),
                cell(_missed(view)),
            )
        if self.found:
            table.move_cursor(row=min(row, len(self.found) - 1))
        title = "Series" if self.found else "Series · none yet: press n to start one"
        self.query_one("#series-title", Static).update(title)
        self._show_days()

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_days()

    def _show_days(self) -> None:
        """The highlighted series' posting days from today through eight weeks ahead."""
        chosen = self._chosen()
        days = self.query_one("#series-days", Static)
        if chosen is None:
            days.update("")
            return
        ctx = self.workspace.context
        today = ctx.today()
        with self.workspace.read() as session:
            found = series.slots_of(session, ctx, chosen.name, today, today + SLOTS_AHEAD)
        lines = [_slot_line(slot, today) for slot in found]
        heading = f"{chosen.name}: {chosen.rhythm}. The next eight weeks:"
        days.update(plain("\n".join([heading, *lines]), multiline=True))

    def _chosen(self) -> SeriesView | None:
        table = self.query_one(DataTable)
        if not self.found:
            return None
        return self.found[min(table.cursor_row, len(self.found) - 1)]

    def action_new_series(self) -> None:
        ctx = self.workspace.context

        def submit(values: dict[str, Any], anyway: bool) -> None:
            reading = ctx.reading(anyway=anyway)
            first = parse_due(values["first"], ctx.now(), **reading) if values["first"] else None
            self.workspace.change(
                lambda s: series.add_series(
                    s,
                    ctx,
                    values["name"],
                    values["every"],
                    answer_after=values["answer_after"] or None,
                    hashtag=values["hashtag"],
                    at=values["at"] or "09:00",
                    first=first,
                ),
                hours_changed=False,
            )

        fields = [
            Field("name", "Name", placeholder="Unknown case"),
            Field("every", "Every", "wed", hint="A weekday (wed) or a number of days (14d)"),
            Field("answer_after", "Answer after", placeholder="48h (leave empty for none)"),
            Field("hashtag", "Hashtag", placeholder="#PedsNeuroUnknown"),
            Field("at", "Posts go out at", "09:00"),
            Field("first", "First post", placeholder="empty: the next such day from today"),
        ]
        self.app.push_screen(FormScreen("New series", fields, submit))

    def action_plan_series(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.notify("No series yet: press n to start one.")
            return
        ctx = self.workspace.context

        def submit(values: dict[str, Any], _anyway: bool) -> None:
            weeks = str(values["weeks"]).strip()
            if not weeks.isdigit():
                raise InputError("Say how many weeks ahead, a whole number such as 8.")
            result = self.workspace.change(
                lambda s: series.plan_series(s, ctx, chosen.name, int(weeks)),
                hours_changed=False,
            )
            made = len(result.made)
            self.notify(
                f"Planned {made} card{'s' if made != 1 else ''} for {result.series}"
                + (f"; {result.already} already planned." if result.already else "."),
                markup=False,
            )

        fields = [Field("weeks", "Weeks ahead", "8")]
        note = "Makes the cards of the days with none yet, in the first stage."
        self.app.push_screen(FormScreen(f"Plan {chosen.name}", fields, submit, note))


def _day(day: date) -> str:
    return day.strftime("%a %d %b %Y")


def _next(view: SeriesView) -> str:
    slot = view.next_slot
    if slot is None:
        return "-"
    return f"{_day(slot.day)}: " + (f"#{slot.card}" if slot.card else "not planned")


def _missed(view: SeriesView) -> str:
    if not view.missed:
        return "none"
    named = ", ".join(_day(day) for day in view.missed[-MISSED_NAMED:])
    return f"{len(view.missed)}: {named}" if len(view.missed) > MISSED_NAMED else named


def _slot_line(slot: Slot, today: date) -> str:
    """``  Wed 02 Dec 2026  case 14  #9, answer #7  planned``."""
    if slot.card is None:
        return f"  {_day(slot.day)}  " + (
            "not planned yet" if slot.day >= today else "missed: never planned"
        )
    cards = f"#{slot.card}" + (f", answer #{slot.answer_card}" if slot.answer_card else "")
    return f"  {_day(slot.day)}  case {slot.case_number:<4} {cards:<18} {slot.state}"
