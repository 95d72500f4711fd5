"""The content board: a column per stage, cards moved with the keyboard, every move recorded."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, Static

from tracker.core.checklist import TEXT_ITEM
from tracker.core.errors import ChecklistOpenError, InputError, TrackerError
from tracker.core.stages import DROPPED_STAGE
from tracker.core.when import parse_due
from tracker.services import board, series
from tracker.services.views import VideoView
from tracker.tui.findings import identifier_check
from tracker.tui.keymap import key_named
from tracker.tui.messages import TimerRequested
from tracker.tui.plain import plain
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.screens.stage_picker import StagePicker
from tracker.tui.undo import (
    undo_archive,
    undo_create,
    undo_delete,
    undo_drop,
    undo_move,
    undo_shift,
    undo_undrop,
)
from tracker.tui.widgets.card_column import CardColumn, StageColumn
from tracker.tui.workspace import Workspace

# The narrowest readable column, its gap included: the seven stages fit in 80 cells. Below
# that, the board shows as many columns as fit around the focused one and says what is off screen.
MIN_COLUMN_WIDTH = 11
FRAMED_MIN_WIDTH = 20  # narrower columns trade their frame for a title rule and a gap
COLUMN_GAP = 1  # between unframed columns
FULL_CARD_MIN_TEXT = 18  # cells of text a card needs for the full layout
FULL_CARD_MIN_HEIGHT = 30  # a shorter terminal gets compact cards, more of them in view
DEFAULT_ARCHIVE_AGE = "4w"
SERIES_MISSED_SHOWN = timedelta(weeks=4)  # how far back a missed posting day is told on the board
SERIES_SOON = timedelta(weeks=1)
EMPTY_BOARD = (
    "Your board is empty. Press n to add a first video idea, "
    "or quit and run `tracker demo` to look around a sample board."
)


class BoardScreen(DataScreen):
    """Home: where a creator lives all day."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    HELP = (
        "The board shows a column per stage. Move between columns with ←/→ (h/l) and between "
        "cards with ↑/↓ (j/k). Shift with an arrow (or H/J/K/L) moves the card itself; every "
        "move between stages is recorded in the card's history. m then a stage's number or "
        "letter moves a card straight there; D drops it (one recorded move) and r brings a "
        "dropped card back to the stage it left. a archives published videos older than a few "
        "weeks (they stay in reports; A shows them), s sorts a column by due date. On a narrow "
        "terminal the line above the columns says how many stages are off screen, and on which "
        "side; the board follows the focus."
    )
    BINDINGS = [
        Binding("left,h", "focus_column(-1)", "Previous column", show=False, id="previous-column"),
        Binding("right,l", "focus_column(1)", "Next column", show=False, id="next-column"),
        Binding(
            "shift+left,H",
            "move_card(-1)",
            "Move left",
            id="move-left",
            group=Binding.Group("Move"),
        ),
        Binding(
            "shift+right,L",
            "move_card(1)",
            "Move right",
            id="move-right",
            group=Binding.Group("Move"),
        ),
        Binding("shift+up,K", "shift_card(-1)", "Move up", show=False, id="move-up"),
        Binding("shift+down,J", "shift_card(1)", "Move down", show=False, id="move-down"),
        Binding("n", "new_card", "New", id="new"),
        Binding("enter,e", "open_card", "Open", id="open"),
        Binding("d", "delete_card", "Delete", id="delete"),
        Binding("u", "app.undo", "Undo", id="undo"),
        Binding("t,space", "toggle_timer", "Timer", id="timer"),
        Binding("slash", "start_filter", "Filter", id="filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
        Binding("x", "toggle_dropped", "Show dropped", show=False, id="dropped"),
        Binding("m", "pick_stage", "Move to", id="move-to"),
        Binding("D", "drop_card", "Drop", id="drop"),
        Binding("r", "undrop_card", "Bring back dropped", show=False, id="undrop"),
        Binding("s", "sort_by_due", "Sort by due", show=False, id="sort-due"),
        Binding("a", "archive_published", "Archive old", show=False, id="archive"),
        Binding("A", "toggle_archived", "Show archived", show=False, id="show-archived"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.videos: list[VideoView] = []
        self.hours: dict[int, float] = {}
        self.filter_text = ""
        self.show_dropped = False
        self.show_archived = False
        self._first = 0  # the first column in view when not all of them fit
        self._in_view = 0  # how many columns are in view
        self._layout: tuple[object, ...] = ()  # what the columns were last fitted to

    def body(self) -> ComposeResult:
        yield Input(placeholder="Filter by title, tag, platform or assignee", id="filter")
        yield Static(EMPTY_BOARD, id="empty-hint")
        yield Static(id="offscreen")
        yield Static(id="series-line")
        with Horizontal(id="columns"):
            for stage in self.workspace.context.settings.all_stages:
                limit = self.workspace.context.settings.wip_limits.get(stage)
                yield StageColumn(stage, limit)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#stage-{DROPPED_STAGE}").display = False
        self.columns[0].focus()

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self, focus: CardColumn | None = None) -> None:
        """Share the width between the columns, down to MIN_COLUMN_WIDTH each. Below that,
        show as many as fit around the focused one (or ``focus``), sliding as little as
        possible, and say how many are off screen on each side. Narrow columns lose their
        frame, short or narrow boards get compact cards."""
        width, height = self.size
        columns = self.columns
        if not width or not columns:
            return
        target = focus or self.focused_column
        index = columns.index(target) if target in columns else 0
        fits = max(1, min(len(columns), width // MIN_COLUMN_WIDTH))
        first = max(0, min(self._first, len(columns) - fits))
        first = min(max(first, index - fits + 1), index)
        layout = (width, height, first, fits, tuple(c.stage for c in columns))
        if layout == self._layout:
            return
        self._layout = layout
        self._first = first
        shown = columns[first : first + fits]
        light = width // fits < FRAMED_MIN_WIDTH
        gap = COLUMN_GAP if light else 0
        base, extra = divmod(width - gap * (fits - 1), fits)
        # The cells left over go to the longest stage names, so that their titles fit whole.
        by_name = sorted(shown, key=lambda column: -len(column.stage))
        wider = {column.stage for column in by_name[:extra]}
        text = base - (1 if light else 3)
        compact = text < FULL_CARD_MIN_TEXT or height < FULL_CARD_MIN_HEIGHT
        self._in_view = fits
        for stage in self.query(StageColumn):
            stage.display = stage.column.display = stage.column in shown
        for place, column in enumerate(shown):
            stage = self.query_one(f"#stage-{column.stage}", StageColumn)
            stage.set_layout(base + (column.stage in wider), light=light, compact=compact)
            stage.styles.margin = (0, 0, 0, gap if place else 0)
        self._say_offscreen(columns[:first], columns[first + fits :])

    def _say_offscreen(self, before: list[CardColumn], after: list[CardColumn]) -> None:
        """The line above the columns: how many stages are off screen on each side (and which,
        when there is room to name them)."""
        line = self.query_one("#offscreen", Static)
        line.display = bool(before or after)
        if not line.display:
            return
        width = self.size.width - 2
        named = _offscreen_text(before, after, width, named=True)
        line.update(named if len(named) <= width else _offscreen_text(before, after, width))

    def on_click(self, event: events.Click) -> None:
        """A click on the off-screen line brings the nearest hidden column on that side."""
        if event.widget is None or event.widget.id != "offscreen":
            return
        left = event.screen_x < self.size.width // 2
        index = self._first - 1 if left else self._first + self._in_view
        columns = self.columns
        if 0 <= index < len(columns):
            self._reveal(columns[index])

    def _reveal(self, column: CardColumn) -> None:
        """Focus ``column``, sliding the board to show it when not all columns fit."""
        self.fit_columns(focus=column)
        column.focus()

    @property
    def columns(self) -> list[CardColumn]:
        """The board's columns in order (dropped only when shown), in view or not."""
        return [
            column
            for column in self.query(CardColumn)
            if column.stage != DROPPED_STAGE or self.show_dropped
        ]

    @property
    def focused_column(self) -> CardColumn:
        focused = self.focused
        if isinstance(focused, CardColumn):
            return focused
        return self.columns[0]

    # --- showing ------------------------------------------------------------------------------

    def reload(self, *, hours_changed: bool = True) -> None:
        """Read the board again; hours are summed again only when logged time changed."""
        ctx = self.workspace.context
        with self.workspace.read() as session:
            videos = board.list_videos(
                session,
                ctx,
                include_finished=True,
                with_hours=hours_changed,
                include_archived=self.show_archived,
            )
        if hours_changed:
            self.hours = {video.number: video.logged_seconds for video in videos}
        else:
            videos = [
                replace(video, logged_seconds=self.hours.get(video.number, 0.0)) for video in videos
            ]
        self.videos = videos
        self._say_series()
        self.redraw()

    def _say_series(self) -> None:
        """One line above the columns when a series needs the person: a posting day in the
        coming week with no card, or one missed in the last four weeks (5 shows them all)."""
        ctx = self.workspace.context
        with self.workspace.read() as session:
            found = series.list_series(session, ctx)
        line = self.query_one("#series-line", Static)
        notes = [note for view in found if (note := _series_note(view, ctx.today()))]
        line.display = bool(notes)
        if notes:
            key = key_named(ctx.settings.keymap, "show-series", "5")
            line.update(plain(f"{key} Series: " + "; ".join(notes)))

    def redraw(self) -> None:
        """Lay the loaded cards out in their columns, filtered, keeping each highlight."""
        ctx = self.workspace.context
        today = ctx.now().date()
        status = self.workspace.status
        timing = status.running.video_number if status and status.running else None
        self.query_one("#empty-hint").display = not self.videos
        shown = [video for video in self.videos if _matches(video, self.filter_text)]
        for column in self.query(CardColumn):
            cards = [video for video in shown if video.stage == column.stage]
            if column.sorted_by_due:
                cards.sort(key=_by_due)
            column.show(cards, today, timing)

    # --- focus --------------------------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        columns = self.columns
        index = columns.index(self.focused_column) if self.focused_column in columns else 0
        target = columns[max(0, min(len(columns) - 1, index + step))]
        row = self.focused_column.highlighted
        self._reveal(target)
        if target.cards and row is not None:
            target.highlighted = row

    def _focus_card(self, number: int) -> None:
        for column in self.columns:
            if column.highlight_number(number):
                self._reveal(column)
                return

    # --- changing cards -----------------------------------------------------------------------

    def action_move_card(self, step: int) -> None:
        column = self.focused_column
        card = column.current
        stages = [c.stage for c in self.columns]
        target = stages.index(column.stage) + step
        if card is None or not 0 <= target < len(stages):
            return
        self._move(card, stages[target])

    def action_shift_card(self, step: int) -> None:
        card = self.focused_column.current
        if card is None:
            return
        if self.focused_column.sorted_by_due:
            self.notify(
                "This column is sorted by due date; press s to see its own order and move "
                "cards up and down in it."
            )
            return
        ctx = self.workspace.context
        number = card.number
        self.workspace.try_change(
            lambda s: board.shift_video(s, ctx, str(number), step, expected_version=card.version),
            lambda result: undo_shift(ctx, result, step),
            hours_changed=False,
        )
        self._focus_card(number)

    def action_new_card(self) -> None:
        ctx = self.workspace.context
        stage = self.focused_column.stage
        video_id = uuid.uuid4()  # one card however often Save is pressed

        def submit(values: dict[str, Any], anyway: bool) -> None:
            reading = ctx.reading(anyway=anyway)
            due = parse_due(values["due"], ctx.now(), **reading) if values["due"] else None
            created = self.workspace.change(
                lambda s: board.add_video(
                    s,
                    ctx,
                    values["title"],
                    stage=values["stage"],
                    platforms=_words(values["platforms"]),
                    tags=_words(values["tags"]),
                    due_on=due,
                    notes=values["notes"],
                    video_id=video_id,
                ),
                lambda video: undo_create(ctx, video),
                hours_changed=False,
            )
            self._focus_card(created.number)

        check = identifier_check(ctx)
        fields = [
            Field("title", "Title", placeholder="Five signs of appendicitis", check=check),
            Field("stage", "Stage", stage, "choice", ctx.settings.stages),
            Field("platforms", "Platforms", hint=f"Any of: {', '.join(ctx.settings.platforms)}"),
            Field("due", "Due", placeholder="fri, 2026-12-01, next mon"),
            Field("tags", "Tags", placeholder="shorts, unknowncase"),
            Field("notes", "Notes", check=check),
        ]
        self.app.push_screen(FormScreen("New video", fields, submit))

    def action_open_card(self) -> None:
        card = self.focused_column.current
        if card is not None:
            self.app.push_screen(CardScreen(self.workspace, card.number))

    def action_delete_card(self) -> None:
        card = self.focused_column.current
        if card is None:
            return
        ctx = self.workspace.context

        def answered(yes: bool | None) -> None:
            if yes:
                self.workspace.try_change(
                    lambda s: board.remove_video(
                        s, ctx, str(card.number), expected_version=card.version
                    ),
                    lambda result: undo_delete(ctx, result),
                    hours_changed=False,
                )

        question = f"Delete #{card.number} {card.title}? Its logged time is kept; u undoes this."
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_toggle_timer(self) -> None:
        """Stop the timer running on this card, else start one here (stopping any other)."""
        card = self.focused_column.current
        self.post_message(TimerRequested(card.number if card else None))

    # --- filtering ----------------------------------------------------------------------------

    def action_start_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.add_class("visible")
        field.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.filter_text = event.value.strip().lower()
            self.redraw()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.columns[0].focus()
            self._focus_first_card()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        field.remove_class("visible")
        self.filter_text = ""
        self.redraw()
        self._focus_first_card()

    def _focus_first_card(self) -> None:
        for column in self.columns:
            if column.cards:
                self._reveal(column)
                return

    def action_toggle_dropped(self) -> None:
        """x: show the dropped column (and go there), or hide it again."""
        self.show_dropped = not self.show_dropped
        dropped = self.query_one(f"#column-{DROPPED_STAGE}", CardColumn)
        if self.show_dropped:
            self._reveal(dropped)
        elif self.focused is dropped:
            self._reveal(self.columns[-1])
        else:
            self.fit_columns()

    # --- direct actions on the focused card ---------------------------------------------------

    def action_pick_stage(self) -> None:
        """m: show the stages with their numbers and letters; the next key moves the card."""
        card = self.focused_column.current
        if card is None:
            return
        stages = self.workspace.context.settings.all_stages

        def chosen(stage: str | None) -> None:
            if stage is not None:
                self._move_to(card, stage)

        question = f"Move #{card.number} {card.title} to:"
        self.app.push_screen(StagePicker(question, stages, card.stage), chosen)

    def _move_to(self, card: VideoView, stage: str) -> None:
        if stage == card.stage:
            self.notify(f"#{card.number} is already in {stage}.")
            return
        if stage == DROPPED_STAGE:
            self._drop(card)
            return
        self._move(card, stage)

    def _move(self, card: VideoView, stage: str) -> None:
        """Move a card (undoably). Into scheduled or published with its checklist open, a
        form asks why it goes anyway: the reason is kept on the card and in the review."""
        try:
            self._change_stage(card, stage, None)
        except ChecklistOpenError:
            self._ask_for_override(card, stage)
            return
        except TrackerError as error:
            self.workspace.on_refusal(str(error))
            return
        self._focus_card(card.number)

    def _change_stage(self, card: VideoView, stage: str, override: str | None) -> None:
        ctx = self.workspace.context
        self.workspace.change(
            lambda s: board.move_video(
                s,
                ctx,
                str(card.number),
                stage,
                expected_version=card.version,
                override=override,
            ),
            lambda result: undo_move(ctx, card, result[0]),
            hours_changed=False,
        )

    def _ask_for_override(self, card: VideoView, stage: str) -> None:
        fields = [
            Field(
                "reason",
                "Go anyway? Say why (kept on the card and in the weekly review)",
                placeholder="e.g. consent on file, names cropped by hand",
                hint=self._what_is_open(card),
            )
        ]

        def submit(values: dict[str, Any], _anyway: bool) -> None:
            self._change_stage(card, stage, values["reason"])

        def done(moved: bool | None) -> None:
            if moved:
                self._focus_card(card.number)

        title = f"#{card.number} to {stage}: its pre-publish checklist is open"
        self.app.push_screen(FormScreen(title, fields, submit), done)

    def _what_is_open(self, card: VideoView) -> str:
        """What the card's checklist still has open, and the keys here that close it (the
        service's refusal speaks of command-line commands)."""
        ctx = self.workspace.context
        keymap = ctx.settings.keymap
        try:
            with self.workspace.read() as session:
                checklist = board.video_detail(session, ctx, str(card.number)).checklist
        except TrackerError:
            checklist = None
        parts = []
        if checklist is not None:
            unticked = [key for key in checklist.open if key != TEXT_ITEM]
            if unticked:
                parts.append(f"{', '.join(unticked)} not ticked")
            if TEXT_ITEM in checklist.open:
                found = len(checklist.findings)
                parts.append(f"{found} likely identifier{'s' if found != 1 else ''} in its words")
        opening = f"Open: {'; '.join(parts)}." if parts else "Its checklist has items open."
        return (
            f"{opening} To finish it instead: {key_named(keymap, 'form-cancel', 'escape')} "
            f"leaves the card where it is, {key_named(keymap, 'open', 'enter')} opens it, "
            f"{key_named(keymap, 'card-checklist', 'k')} ticks items and "
            f"{key_named(keymap, 'edit-card', 'e')} edits the words."
        )

    def action_drop_card(self) -> None:
        """D: straight to dropped, whatever the stage: one recorded move, undoable."""
        card = self.focused_column.current
        if card is not None:
            self._drop(card)

    def _drop(self, card: VideoView) -> None:
        if card.stage == DROPPED_STAGE:
            self.notify(f"#{card.number} is already dropped; r brings it back.")
            return
        ctx = self.workspace.context
        dropped = self.workspace.try_change(
            lambda s: board.drop_video(s, ctx, str(card.number), expected_version=card.version),
            lambda result: undo_drop(ctx, card, result[0]),
            hours_changed=False,
        )
        if dropped is not None:
            hint = "" if self.show_dropped else ", x shows the dropped column"
            self.notify(f"Dropped #{card.number} (was in {dropped[1]}); u undoes it{hint}.")

    def action_undrop_card(self) -> None:
        """r: a dropped card goes back to the stage it was dropped from."""
        card = self.focused_column.current
        if card is None or card.stage != DROPPED_STAGE:
            self.notify("r brings back a dropped card: x shows the dropped column.")
            return
        ctx = self.workspace.context
        back = self.workspace.try_change(
            lambda s: board.undrop_video(s, ctx, str(card.number), expected_version=card.version),
            lambda result: undo_undrop(ctx, card, result[0]),
            hours_changed=False,
        )
        if back is not None:
            self._focus_card(card.number)
            self.notify(f"#{card.number} is back in {back[0].stage}.")

    def action_sort_by_due(self) -> None:
        """s: the focused column by due date (soonest first, none last), or back to its order."""
        column = self.focused_column
        column.set_sorted(not column.sorted_by_due)
        self.redraw()

    def action_archive_published(self) -> None:
        """a: ask how old, then take published videos older than that off the board."""
        ctx = self.workspace.context

        def submit(values: dict[str, Any], _anyway: bool) -> None:
            text = values["age"].strip()
            age = board.parse_age(text)

            def archive(session: Any) -> list[VideoView]:
                archived = board.archive_published(session, ctx, age)
                if not archived:
                    raise InputError(f"No published video on the board is older than {text}.")
                return archived

            archived = self.workspace.change(
                archive, lambda result: undo_archive(ctx, result), hours_changed=False
            )
            count = len(archived)
            self.notify(
                f"Archived {count} published video{'s' if count != 1 else ''}: they stay in "
                "reports; A shows them, u undoes this."
            )

        fields = [
            Field(
                "age",
                "Archive videos published longer ago than",
                DEFAULT_ARCHIVE_AGE,
                hint="weeks or days: 4w, 6 weeks, 30d",
            )
        ]
        self.app.push_screen(FormScreen("Archive published videos", fields, submit))

    def action_toggle_archived(self) -> None:
        """A: show archived videos in the published column again, or hide them."""
        self.show_archived = not self.show_archived
        self.reload(hours_changed=True)
        self.notify("Archived videos shown." if self.show_archived else "Archived videos hidden.")


def _series_note(view: series.SeriesView, today: date) -> str:
    """What the board says of a series: days missed lately, a day soon with no card."""
    recent = [day for day in view.missed if day >= today - SERIES_MISSED_SHOWN]
    parts = [f"missed {', '.join(f'{day:%d %b}' for day in recent)}"] if recent else []
    upcoming = view.next_slot
    if upcoming and upcoming.card is None and upcoming.day < today + SERIES_SOON:
        parts.append(f"nothing planned for {upcoming.day:%a %d %b}")
    return f"{view.name}: {' and '.join(parts)}" if parts else ""


def _matches(video: VideoView, text: str) -> bool:
    if not text:
        return True
    haystack = " ".join(
        [
            video.title.lower(),
            f"#{video.number}",
            *video.tags,
            *video.platforms,
            video.assignee or "",
        ]
    )
    return all(word in haystack for word in text.split())


def _offscreen_text(
    before: list[CardColumn], after: list[CardColumn], width: int, *, named: bool = False
) -> str:
    """``◂ 2 more`` at the left and ``3 more ▸`` at the right of ``width`` cells."""
    left = f"◂ {len(before)} more" if before else ""
    right = f"{len(after)} more ▸" if after else ""
    if named:
        left += f": {', '.join(c.stage for c in before)}" if before else ""
        right = f"{len(after)} more: {', '.join(c.stage for c in after)} ▸" if after else ""
    return left + " " * max(1, width - len(left) - len(right)) + right


def _by_due(video: VideoView) -> tuple[bool, date, float]:
    """Soonest due first, cards without a due date last, each group in board order."""
    return (video.due_on is None, video.due_on or date.max, video.position)


def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in text.replace(",", " ").split() if word)
