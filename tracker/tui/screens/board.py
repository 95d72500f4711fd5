"""The content board: one column per stage, each listing its cards."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, OptionList

from tracker.core.durations import format_hours
from tracker.db.database import Database
from tracker.services import board
from tracker.services.context import Context
from tracker.services.views import VideoView


class BoardScreen(Screen[None]):
    """Columns of cards, one per configured stage (dropped hidden)."""

    CSS_PATH = Path(__file__).with_suffix(".tcss")
    BINDINGS = [Binding("r", "refresh_board", "Refresh", id="refresh")]

    def __init__(self, database: Database, context: Context) -> None:
        super().__init__()
        self.database = database
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="columns"):
            for stage in self.context.settings.stages:
                with Vertical(classes="column", id=f"column-{stage}"):
                    yield Label(stage, classes="column-title")
                    yield OptionList(id=f"cards-{stage}", classes="cards")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_board()

    def action_refresh_board(self) -> None:
        with self.database.read() as session:
            videos = board.list_videos(session, self.context, include_finished=True)
        by_stage: dict[str, list[VideoView]] = {stage: [] for stage in self.context.settings.stages}
        for video in videos:
            if video.stage in by_stage:
                by_stage[video.stage].append(video)
        for stage, cards in by_stage.items():
            self.query_one(f"#column-{stage} .column-title", Label).update(
                f"{stage} ({len(cards)})"
            )
            options = self.query_one(f"#cards-{stage}", OptionList)
            options.clear_options()
            options.add_options([card_text(card) for card in cards])


def card_text(video: VideoView) -> str:
    """A card's text: number, title, then platforms, due date and hours logged."""
    details = [", ".join(video.platforms)] if video.platforms else []
    if video.due_on:
        details.append(f"due {video.due_on:%d %b}")
    details.append(format_hours(timedelta(seconds=video.logged_seconds)))
    return f"#{video.number} {video.title}\n[dim]{' · '.join(details)}[/]"
