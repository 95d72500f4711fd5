"""One video in full: its fields, the words posted with it, stage history, hours by activity,
entries, notes and the pre-publish checklist.

The edit form checks the title, notes, caption and alt text for likely identifiers as the
person types (see ``tracker.tui.findings``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from tracker.core.checklist import TEXT_ITEM
from tracker.core.durations import format_seconds, format_video_length, parse_video_length
from tracker.core.errors import ConflictError, InputError, TrackerError
from tracker.core.when import parse_due
from tracker.services import board, timelog
from tracker.services.context import Context
from tracker.services.views import EntryView, VideoDetail, VideoView
from tracker.tui.findings import identifier_check, quoted
from tracker.tui.keymap import key_named
from tracker.tui.messages import TimerRequested
from tracker.tui.plain import cell, plain
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.checklist import ChecklistScreen
from tracker.tui.screens.entry_form import EntryActions, entry_form
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.undo import undo_edit
from tracker.tui.workspace import Workspace

#: The words posted with a video, edited here and shown on the card (not in VideoView yet).
LONGEST_WORDS_SHOWN = 300  # characters of a caption on the card; the line cuts it to the width


class CardScreen(EntryActions, DataScreen):
    """Opened from the board with Enter or e; Escape goes back."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "A card in full. e edits its fields, caption and alt text (a due date reads like fri or "
        "2026-12-01; likely identifiers in the words show as you type), a adds a time entry, "
        "Enter changes the highlighted entry and d deletes it. k ticks the pre-publish "
        "checklist, which scheduled and published ask for."
    )
    # In the footer's order: what a clinician comes to the card for first, so that Edit and
    # the checklist stay in view on an 80-column terminal.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="back"),
        Binding("e", "edit_card", "Edit", id="edit-card"),
        Binding("k", "checklist", "Checklist", id="card-checklist"),
        Binding("a", "add_entry", "Log time", id="add-entry"),
        Binding("t", "toggle_timer", "Timer", id="card-timer"),
        Binding("d", "delete_entry", "Delete entry", id="delete-entry"),
        Binding("u", "app.undo", "Undo", id="card-undo"),
    ]

    def __init__(self, workspace: Workspace, number: int) -> None:
        super().__init__(workspace)
        self.number = number
        self.detail: VideoDetail | None = None
        self.entries: tuple[EntryView, ...] = ()

    def body(self) -> ComposeResult:
        with VerticalScroll(id="card"):
            with Horizontal(id="card-top"):
                yield Static(id="card-fields")
                with VerticalScroll(id="card-side"):
                    yield Static(id="card-history")
                    yield Static(id="card-hours")
            yield Static(id="card-words")
            yield Static("Time entries", classes="section")
            yield DataTable(id="card-entries", cursor_type="row", zebra_stripes=True)
            yield Static("Notes", classes="section")
            yield Static(id="card-notes")
            yield Static("Pre-publish checklist (an aid, not a guarantee)", classes="section")
            yield Static(id="card-checklist")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Entry", "Start", "End", "Time", "Activity", "Note")
        super().on_mount()
        table.focus(scroll_visible=False)  # the card opens at its top: title and checklist

    def reload(self, *, hours_changed: bool = True) -> None:
        ctx = self.workspace.context
        try:
            with self.workspace.read() as session:
                self.detail = board.video_detail(session, ctx, str(self.number))
                self.entries = timelog.video_entries(session, ctx, str(self.number))
        except TrackerError:  # deleted elsewhere: go back to the board
            if self.is_current:
                self.app.pop_screen()
                self.notify(f"#{self.number} is no longer on the board.")
            return
        self._show()

    def _show(self) -> None:
        assert self.detail is not None
        video = self.detail.video
        checklist_key = self._key("card-checklist", "k")
        self.query_one("#card-fields", Static).update(
            _fields_text(video, self.detail, checklist_key)
        )
        self.query_one("#card-words", Static).update(_words_text(video))
        history = "\n".join(
            f"{self.workspace.context.shown(change.at)}  "
            + (
                f"{change.from_stage} → {change.to_stage}"
                if change.from_stage
                else f"created in {change.to_stage}"
            )
            for change in self.detail.history
        )
        self.query_one("#card-history", Static).update(f"[b]Stage history[/]\n{history}")
        hours = "\n".join(
            f"{total.activity:<10} {format_seconds(total.seconds)}"
            for total in self.detail.by_activity
        )
        self.query_one("#card-hours", Static).update(
            f"[b]Hours by activity[/]\n{hours or 'nothing logged yet'}"
        )
        notes = plain(video.notes, multiline=True) if video.notes else "(no notes: e to add some)"
        self.query_one("#card-notes", Static).update(notes)
        self.query_one("#card-checklist", Static).update(_checklist_text(self.detail))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.entries:
            table.add_row(
                str(entry.number),
                self.workspace.context.shown(entry.start_at),
                self.workspace.context.end_shown(entry.start_at, entry.end_at),
                format_seconds(entry.seconds),
                entry.activity,
                cell(entry.note),
                key=str(entry.number),
            )
        if self.entries:
            table.move_cursor(row=min(row, len(self.entries) - 1))

    @property
    def current_entry(self) -> EntryView | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None:
            return None
        return self.entries[min(table.cursor_row, len(self.entries) - 1)]

    def action_edit_card(self) -> None:
        if self.detail is None:
            return
        ctx = self.workspace.context
        # What the person changed is measured against the card as the form opened it; after a
        # clash those changes (only those) are applied to the newer version on a second Ctrl+S.
        opened = self.detail.video
        shown: dict[str, Any] = {"video": opened}

        def submit(values: dict[str, Any], anyway: bool) -> None:
            before = shown["video"]
            changes = _changes(values, opened, ctx, anyway)
            if not changes:
                return
            try:
                self.workspace.change(
                    lambda s: board.edit_video(
                        s, ctx, str(before.number), changes, expected_version=before.version
                    ),
                    lambda after: undo_edit(ctx, before, after, list(changes)),
                )
            except ConflictError as error:
                with self.workspace.read() as session:
                    shown["video"] = board.video_detail(session, ctx, str(before.number)).video
                raise ConflictError(
                    f"{error} Your text is kept: Ctrl+S applies it to the newer version."
                ) from None

        video = self.detail.video
        fields = _edit_fields(ctx, video)
        note = "Likely identifiers in the words are flagged as you type."
        self.app.push_screen(FormScreen(f"Edit #{video.number}", fields, submit, note=note))

    def action_checklist(self) -> None:
        """k: tick the checklist items in a form (the words' item follows the identifier
        check, so it is shown, not ticked)."""
        if self.detail is None or not self.detail.checklist.items:
            self.notify("There is no pre-publish checklist ([checklist] in the config is empty).")
            return
        ctx = self.workspace.context
        video = self.detail.video
        checklist = self.detail.checklist
        tickable = [(item, done) for item, done in checklist.items if item.key != TEXT_ITEM]
        words = next(
            (
                (item, _words_state(done, len(checklist.findings), self._key("edit-card", "e")))
                for item, done in checklist.items
                if item.key == TEXT_ITEM
            ),
            None,
        )

        def submit(values: dict[str, Any], _anyway: bool) -> None:
            ticked = [key for key, on in values.items() if on]
            cleared = [key for key, on in values.items() if not on]

            def tick(session: Any) -> Any:
                if ticked:
                    board.check_video(
                        session, ctx, str(video.number), ticked, expected_version=video.version
                    )
                if cleared:
                    board.check_video(session, ctx, str(video.number), cleared, undo=True)
                return board.video_detail(session, ctx, str(video.number)).video

            self.workspace.change(tick, hours_changed=False)

        title = f"Pre-publish checklist of #{video.number} {video.title}"
        self.app.push_screen(ChecklistScreen(title, tickable, submit, words))

    def _key(self, binding_id: str, default: str) -> str:
        return key_named(self.workspace.context.settings.keymap, binding_id, default)

    def action_add_entry(self) -> None:
        self.app.push_screen(entry_form(self.workspace, None, str(self.number)))

    def action_toggle_timer(self) -> None:
        self.post_message(TimerRequested(self.number))


def _checklist_text(detail: VideoDetail) -> Content:
    checklist = detail.checklist
    if not checklist.items:
        return plain("(none: [checklist] in the config is empty)")
    lines = [
        f"{'[x]' if done else '[ ]'} {item.key:<11} {item.why}" for item, done in checklist.items
    ]
    shown = [plain(line) for line in lines]
    shown += [
        Content.assemble(
            f"    {found.field}: ", quoted(found.finding.text), f" {found.finding.why}"
        )
        for found in checklist.findings
    ]
    shown += [
        plain(f"Override {override.at:%d %b %H:%M} into {override.stage}: {override.reason}")
        for override in checklist.overrides
    ]
    return Content("\n").join(shown)


def _words_state(done: bool, findings: int, edit_key: str) -> str:
    """Where the words' item stands, as the checklist form says it."""
    if done:
        return "done: no likely identifiers found in the words"
    return (
        f"open: {findings} likely identifier{'s' if findings != 1 else ''}; "
        f"{edit_key} on the card edits the words"
    )


def _checklist_summary(detail: VideoDetail, key: str) -> str:
    """One line near the top of the card, so the checklist is in view on a small terminal."""
    items = detail.checklist.items
    if not items:
        return "-"
    still_open = detail.checklist.open
    if not still_open:
        return f"all {len(items)} done ({key})"
    return f"{len(still_open)}/{len(items)} open: {key}"


def _words_text(video: VideoView) -> Content:
    """Caption and alt text, a line each: line breaks become spaces and a long text is cut (the
    widget cuts it again to the width, with …)."""
    lines = []
    for name, label in (("caption", "Caption"), ("alt_text", "Alt text")):
        text = " ".join(getattr(video, name).split())
        if len(text) > LONGEST_WORDS_SHOWN:
            text = text[: LONGEST_WORDS_SHOWN - 1] + "…"
        lines.append(Content.assemble(f"{label:<10} ", plain(text) if text else "-"))
    return Content("\n").join(lines)


def _fields_text(video: Any, detail: VideoDetail, checklist_key: str) -> Content:
    rows = [
        ("Stage", video.stage),
        ("Checklist", _checklist_summary(detail, checklist_key)),
        ("Platforms", ", ".join(video.platforms) or "-"),
        ("Due", f"{video.due_on:%a %d %b %Y}" if video.due_on else "-"),
        ("Tags", " ".join(f"#{tag}" for tag in video.tags) or "-"),
        ("Logged", format_seconds(video.logged_seconds)),
        ("Length", _length(video.actual_seconds) or "-"),
        ("Target", _length(video.target_seconds) or "-"),
        ("Format", video.format or "-"),
        (
            "Series",
            f"{video.series or '-'}" + (f" #{video.case_number}" if video.case_number else ""),
        ),
        ("Category", video.category or "-"),
        ("Evergreen", "yes" if video.evergreen else "no"),
        ("URL", video.url or "-"),
    ]
    lines = [f"{label:<10} {value}" for label, value in rows]
    heading = plain(f"#{video.number} {video.title}").stylize("bold")
    return Content("\n").join([heading, Content(""), *(plain(line) for line in lines)])


def _edit_fields(ctx: Context, video: VideoView) -> list[Field]:
    check = identifier_check(ctx)
    return [
        Field("title", "Title", video.title, check=check),
        Field(
            "platforms",
            "Platforms",
            ", ".join(video.platforms),
            hint=f"Any of: {', '.join(ctx.settings.platforms)}",
        ),
        Field(
            "due",
            "Due",
            f"{video.due_on:%Y-%m-%d}" if video.due_on else "",
            placeholder="fri, 2026-12-01; empty for none",
        ),
        Field("tags", "Tags", ", ".join(video.tags)),
        Field("notes", "Notes", video.notes, check=check),
        Field(
            "caption",
            "Caption (the words posted with the video)",
            video.caption,
            "lines",
            check=check,
        ),
        Field(
            "alt_text",
            "Alt text (the images described for screen readers)",
            video.alt_text,
            "lines",
            check=check,
        ),
        Field("length", "Length", _length(video.actual_seconds), placeholder="59s, 3m30s, 12:30"),
        Field("target", "Target length", _length(video.target_seconds), placeholder="59s"),
        Field("format", "Format", video.format or "", "choice", ("", "short", "long")),
        Field("series", "Series", video.series or ""),
        Field("case_number", "Case number", video.case_number or ""),
        Field("category", "Category", video.category or "", placeholder="clinical, personal, ..."),
        Field("url", "URL", video.url or ""),
        Field("evergreen", "Evergreen topic", video.evergreen, "flag"),
    ]


def _length(seconds: int | None) -> str:
    return format_video_length(seconds) if seconds is not None else ""


def _changes(
    values: dict[str, Any], before: VideoView, ctx: Context, anyway: bool
) -> dict[str, Any]:
    """The fields whose values differ from ``before``, converted to what the service takes.
    The caption and alt text are kept as typed, line breaks and all."""
    wanted: dict[str, Any] = {
        "title": values["title"],
        "platforms": [w for w in values["platforms"].replace(",", " ").split() if w],
        "tags": [w for w in values["tags"].replace(",", " ").split() if w],
        "due_on": parse_due(values["due"], ctx.now(), **ctx.reading(anyway=anyway))
        if values["due"]
        else None,
        "notes": values["notes"],
        "format": values["format"] or None,
        "series": values["series"] or None,
        "category": values["category"] or None,
        "url": values["url"] or None,
        "evergreen": bool(values["evergreen"]),
        "actual_seconds": parse_video_length(values["length"]) if values["length"] else None,
        "target_seconds": parse_video_length(values["target"]) if values["target"] else None,
        "caption": values["caption"],
        "alt_text": values["alt_text"],
    }
    case = str(values["case_number"]).strip()
    if case and not re.fullmatch("[0-9]{1,9}", case):
        raise InputError(f'"{case}" is not a case number; use a whole number such as 14.')
    wanted["case_number"] = int(case) if case else None
    current = {name: getattr(before, name) for name in wanted}
    current["platforms"] = list(before.platforms)
    current["tags"] = list(before.tags)
    return {name: value for name, value in wanted.items() if value != current[name]}
