"""The form for adding or fixing a time entry, shared by the card and the time log."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from textual.widgets import DataTable

from tracker.core.durations import format_seconds, parse_duration
from tracker.core.errors import InputError
from tracker.core.spans import entry_span
from tracker.core.when import parse_when
from tracker.services import timelog
from tracker.services.context import Context
from tracker.services.views import EntryView
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.workspace import Workspace

STAMP = "%Y-%m-%d %H:%M"


class EntryActions:
    """Enter changes the highlighted entry and d deletes it (after asking), wherever a screen
    lists entries in a DataTable; the screen says which entry is highlighted."""

    app: Any
    workspace: Workspace

    @property
    def current_entry(self) -> EntryView | None:
        raise NotImplementedError

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        entry = self.current_entry
        if entry is not None:
            self.app.push_screen(entry_form(self.workspace, entry))

    def action_delete_entry(self) -> None:
        entry = self.current_entry
        if entry is None:
            return
        workspace, number = self.workspace, entry.number

        def answered(yes: bool | None) -> None:
            if yes:
                workspace.try_change(lambda s: timelog.remove_entry(s, workspace.context, number))

        question = f"Delete entry {number} ({format_seconds(entry.seconds)} {entry.activity})?"
        self.app.push_screen(ConfirmScreen(question), answered)


def entry_form(workspace: Workspace, entry: EntryView | None, video: str = "") -> FormScreen:
    """A form to add an entry (``entry`` None) or to change one."""
    ctx = workspace.context
    if entry is None:
        fields = _fields(ctx, video, "", "", "", "")
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
    entry_id = uuid.uuid4()  # one entry however often Save is pressed

    def submit(values: dict[str, Any], anyway: bool) -> None:
        running = entry is not None and entry.end_at is None
        start, end = _span(ctx, values, running=running, anyway=anyway)
        ref = values["video"] or None
        activity = values["activity"] or None
        if entry is None:
            if end is None:
                raise InputError("Give an end (15:30) or a duration (1h30).")
            workspace.change(
                lambda s: timelog.log_entry(
                    s,
                    ctx,
                    ref,
                    start,
                    end,
                    activity=activity,
                    note=values["note"],
                    entry_id=entry_id,
                )
            )
            return
        changes: dict[str, Any] = {"start_at": start, "video": ref, "note": values["note"]}
        if end is not None:
            changes["end_at"] = end
        if activity:
            changes["activity"] = activity
        number = entry.number
        workspace.change(lambda s: timelog.edit_entry(s, ctx, number, changes))

    return FormScreen(title, fields, submit)


def _fields(
    ctx: Context, video: str, activity: str, start: str, end: str, note: str
) -> list[Field]:
    choices = ("", *timelog.activities(ctx))
    return [
        Field("video", "Video", video, placeholder="12, or a piece of its title; empty for none"),
        Field(
            "activity",
            "Activity",
            activity,
            "choice",
            choices,
            hint="(default): the video's stage, or other without a video",
        ),
        Field("start", "Start", start, placeholder="14:00, yesterday 21:00, -2h"),
        Field("end", "End", end, placeholder="15:30 (or give a duration)"),
        Field("duration", "Duration", placeholder="1h30, 45m"),
        Field("note", "Note", note),
    ]


def _span(
    ctx: Context, values: dict[str, Any], *, running: bool, anyway: bool
) -> tuple[datetime, datetime | None]:
    """Start and end from the form, by the same rule as `tracker log`; a running timer may
    keep no end."""
    if not values["start"]:
        raise InputError("Say when the work started, e.g. 14:00 or yesterday 21:00.")
    now = ctx.now()
    reading = ctx.reading(anyway=anyway)
    start = parse_when(values["start"], now, **reading)
    if running and not values["end"] and not values["duration"]:
        return start, None
    return entry_span(
        now,
        start=start,
        # A duration typed into the form replaces the end it was opened with.
        end=parse_when(values["end"], now, **reading)
        if values["end"] and not values["duration"]
        else None,
        length=parse_duration(values["duration"]) if values["duration"] else None,
    )
