"""The form for adding or fixing a time entry, shared by the card and the time log."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from tracker.core.durations import format_seconds, parse_duration
from tracker.core.errors import InputError
from tracker.core.when import parse_when, shift
from tracker.services import timelog
from tracker.services.views import EntryView
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen

if TYPE_CHECKING:
    from tracker.tui.app import TrackerApp

STAMP = "%Y-%m-%d %H:%M"


class EntryActions:
    """Enter changes the highlighted entry and d deletes it (after asking), wherever a screen
    lists entries in a DataTable; the screen says which entry is highlighted."""

    app: Any

    @property
    def current_entry(self) -> EntryView | None:
        raise NotImplementedError

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        entry = self.current_entry
        if entry is not None:
            self.app.push_screen(entry_form(self.app, entry))

    def action_delete_entry(self) -> None:
        entry = self.current_entry
        if entry is None:
            return
        app, number = self.app, entry.number

        def answered(yes: bool | None) -> None:
            if yes:
                app.try_change(lambda s: timelog.remove_entry(s, app.context, number))

        question = f"Delete entry {number} ({format_seconds(entry.seconds)} {entry.activity})?"
        app.push_screen(ConfirmScreen(question), answered)


def entry_form(app: TrackerApp, entry: EntryView | None, video: str = "") -> FormScreen:
    """A form to add an entry (``entry`` None) or to change one."""
    ctx = app.context
    if entry is None:
        activity = timelog.DEFAULT_ACTIVITY if not video else ""
        fields = _fields(ctx, video, activity, "", "", "")
        title = "Log time"
    else:
        end = ctx.shown(entry.end_at, STAMP) if entry.end_at else ""
        fields = _fields(
            ctx,
            str(entry.video_number or ""),
            entry.activity,
            ctx.shown(entry.start_at, STAMP),
            end,
            entry.note,
        )
        title = f"Entry {entry.number}"

    def submit(values: dict[str, Any]) -> None:
        start, end = _span(values, ctx.now(), running=entry is not None and entry.end_at is None)
        ref = values["video"] or None
        activity = values["activity"] or None
        if entry is None:
            app.change(
                lambda s: timelog.log_entry(
                    s, ctx, ref, start, end, activity=activity, note=values["note"]
                )
            )
            return
        changes: dict[str, Any] = {"start_at": start, "video": ref, "note": values["note"]}
        if end is not None:
            changes["end_at"] = end
        if activity:
            changes["activity"] = activity
        number = entry.number
        app.change(lambda s: timelog.edit_entry(s, ctx, number, changes))

    return FormScreen(title, fields, submit)


def _fields(ctx: Any, video: str, activity: str, start: str, end: str, note: str) -> list[Field]:
    choices = ("", *timelog.activities(ctx))
    return [
        Field("video", "Video", video, placeholder="12, or a piece of its title; empty for none"),
        Field("activity", "Activity", activity, "choice", choices, hint="empty: the video's stage"),
        Field("start", "Start", start, placeholder="14:00, yesterday 21:00, -2h"),
        Field("end", "End", end, placeholder="15:30 (or give a duration)"),
        Field("duration", "Duration", placeholder="1h30, 45m"),
        Field("note", "Note", note),
    ]


def _span(
    values: dict[str, Any], now: datetime, *, running: bool
) -> tuple[datetime, datetime | None]:
    """Start and end from the form: a duration, when given, sets the end; a running timer may
    keep no end."""
    if not values["start"]:
        raise InputError("Say when the work started, e.g. 14:00 or yesterday 21:00.")
    start = parse_when(values["start"], now)
    if values["duration"]:
        return start, shift(start, parse_duration(values["duration"]))
    if values["end"]:
        return start, parse_when(values["end"], now)
    if running:
        return start, None
    raise InputError("Give an end (15:30) or a duration (1h30).")
