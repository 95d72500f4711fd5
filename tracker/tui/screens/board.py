"""The content board: a column per stage, cards moved with the keyboard, every move recorded."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll
from textual.widgets import Input, Static

from tracker.core.stages import DROPPED_STAGE
from tracker.core.when import parse_due
from tracker.services import board
from tracker.services.views import VideoView
from tracker.tui.messages import TimerRequested
from tracker.tui.screens.base import DataScreen
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.form import Field, FormScreen
from tracker.tui.undo import undo_create, undo_delete, undo_move, undo_shift
from tracker.tui.widgets.card_column import CardColumn
from tracker.tui.workspace import Workspace

MIN_COLUMN_WIDTH = 26
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
        "move between stages is recorded in the card's history."
    )
    BINDINGS = [
        Binding("left,h", "focus_column(-1)", "Previous column", show=False),
        Binding("right,l", "focus_column(1)", "Next column", show=False),
        Binding("shift+left,H", "move_card(-1)", "Move left", id="move-left"),
        Binding("shift+right,L", "move_card(1)", "Move right", id="move-right"),
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
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.videos: list[VideoView] = []
        self.hours: dict[int, float] = {}
        self.filter_text = ""
        self.show_dropped = False

    def body(self) -> ComposeResult:
        yield Input(placeholder="Filter by title, tag, platform or assignee", id="filter")
        yield Static(EMPTY_BOARD, id="empty-hint")
        with HorizontalScroll(id="columns"):
            for stage in self.workspace.context.settings.all_stages:
                limit = self.workspace.context.settings.wip_limits.get(stage)
                yield CardColumn(stage, limit)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(f"#column-{DROPPED_STAGE}").display = False
        self.columns[0].focus()

    def on_resize(self) -> None:
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the width between the visible columns; narrow terminals scroll sideways."""
        columns = self.columns
        width = max(MIN_COLUMN_WIDTH, self.size.width // max(len(columns), 1))
        for column in columns:
            column.styles.width = width

    @property
    def columns(self) -> list[CardColumn]:
        return [column for column in self.query(CardColumn) if column.display]

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
                session, ctx, include_finished=True, with_hours=hours_changed
            )
        if hours_changed:
            self.hours = {video.number: video.logged_seconds for video in videos}
        else:
            videos = [
                replace(video, logged_seconds=self.hours.get(video.number, 0.0)) for video in videos
            ]
        self.videos = videos
        self.redraw()

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
            column.show(cards, today, timing)

    # --- focus --------------------------------------------------------------------------------

    def action_focus_column(self, step: int) -> None:
        columns = self.columns
        index = columns.index(self.focused_column) if self.focused_column in columns else 0
        target = columns[max(0, min(len(columns) - 1, index + step))]
        row = self.focused_column.highlighted
        target.focus()
        if target.cards and row is not None:
            target.highlighted = row
        target.scroll_visible()

    def _focus_card(self, number: int) -> None:
        for column in self.columns:
            if column.highlight_number(number):
                column.focus()
                column.scroll_visible()
                return

    # --- changing cards -----------------------------------------------------------------------

    def action_move_card(self, step: int) -> None:
        column = self.focused_column
        card = column.current
        stages = [c.stage for c in self.columns]
        target = stages.index(column.stage) + step
        if card is None or not 0 <= target < len(stages):
            return
        ctx = self.workspace.context
        number = card.number
        moved = self.workspace.try_change(
            lambda s: board.move_video(s, ctx, str(number), stages[target]),
            lambda _result: undo_move(ctx, card),
            hours_changed=False,
        )
        if moved is not None:
            self._focus_card(number)

    def action_shift_card(self, step: int) -> None:
        card = self.focused_column.current
        if card is None:
            return
        ctx = self.workspace.context
        number = card.number
        self.workspace.try_change(
            lambda s: board.shift_video(s, ctx, str(number), step),
            lambda _result: undo_shift(ctx, card, step),
            hours_changed=False,
        )
        self._focus_card(number)

    def action_new_card(self) -> None:
        ctx = self.workspace.context
        stage = self.focused_column.stage

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
                ),
                lambda video: undo_create(ctx, video),
                hours_changed=False,
            )
            self._focus_card(created.number)

        fields = [
            Field("title", "Title", placeholder="Five signs of appendicitis"),
            Field("stage", "Stage", stage, "choice", ctx.settings.stages),
            Field("platforms", "Platforms", hint=f"Any of: {', '.join(ctx.settings.platforms)}"),
            Field("due", "Due", placeholder="fri, 2026-12-01, next mon"),
            Field("tags", "Tags", placeholder="shorts, unknowncase"),
            Field("notes", "Notes"),
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
                    lambda s: board.remove_video(s, ctx, str(card.number)),
                    lambda _result: undo_delete(ctx, card),
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
                column.focus()
                return

    def action_toggle_dropped(self) -> None:
        self.show_dropped = not self.show_dropped
        self.query_one(f"#column-{DROPPED_STAGE}").display = self.show_dropped
        self.fit_columns()


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


def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in text.replace(",", " ").split() if word)
