"""One column of the board: a stage's cards in an OptionList, drawn line by line.

OptionList renders only the lines in view, so a column of a thousand cards opens quickly;
a card is an option whose id is the video's number.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tracker.core.durations import format_hours
from tracker.services.views import VideoView

FINISHED_STAGES = ("published", "dropped")


class CardColumn(OptionList):
    """A stage's cards; keeps the highlighted card when its contents are replaced."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        # A scroll view would spend left/right on scrolling; on the board they change column.
        Binding("left,h", "screen.focus_column(-1)", "Previous column", show=False),
        Binding("right,l", "screen.focus_column(1)", "Next column", show=False),
    ]

    def __init__(self, stage: str, wip_limit: int | None) -> None:
        super().__init__(id=f"column-{stage}", classes="card-column")
        self.stage = stage
        self.wip_limit = wip_limit
        self.cards: list[VideoView] = []
        self.border_title = stage

    def show(
        self, cards: list[VideoView], today: date, timing: int | None, keep: int | None = None
    ) -> None:
        """Replace the cards, keeping ``keep`` (or the current card) highlighted."""
        wanted = keep if keep is not None else self.current_number
        index = self.highlighted or 0
        self.cards = cards
        self.clear_options()
        options: list[Option | None] = []
        for card in cards:
            if options:
                options.append(None)  # a thin rule between cards
            options.append(Option(card_prompt(card, today, timing), id=str(card.number)))
        self.add_options(options)
        numbers = [card.number for card in cards]
        if wanted in numbers:
            index = numbers.index(wanted)
        self.highlighted = min(index, len(cards) - 1) if cards else None
        self._update_title(len(cards))

    @property
    def current(self) -> VideoView | None:
        if self.highlighted is None or not self.cards:
            return None
        return self.cards[min(self.highlighted, len(self.cards) - 1)]

    @property
    def current_number(self) -> int | None:
        card = self.current
        return card.number if card else None

    def _update_title(self, count: int) -> None:
        over = self.wip_limit is not None and count > self.wip_limit
        limit = f"/{self.wip_limit}" if self.wip_limit is not None else ""
        self.border_title = f"{self.stage} {count}{limit}"
        self.set_class(over, "over-limit")


def card_prompt(video: VideoView, today: date, timing: int | None) -> Text:
    """A card: number and title, then platforms, due date, hours logged and assignee."""
    text = Text()
    if video.number == timing:
        text.append("● ", style="bold green")
    text.append(f"#{video.number} ", style="bold")
    text.append(video.title)
    details: list[Text] = []
    if video.platforms:
        details.append(Text(", ".join(video.platforms)))
    if video.due_on:
        details.append(_due(video, today))
    details.append(Text(format_hours(timedelta(seconds=video.logged_seconds))))
    if video.assignee:
        details.append(Text(f"@{video.assignee}"))
    line = Text(" · ").join(details)
    line.stylize("dim")
    text.append("\n")
    text.append(line)
    return text


def _due(video: VideoView, today: date) -> Text:
    assert video.due_on is not None
    label = f"due {video.due_on:%d %b}"
    if video.stage in FINISHED_STAGES:
        return Text(label)
    if video.due_on < today:
        return Text(f"overdue {video.due_on:%d %b}", style="bold red")
    if video.due_on == today:
        return Text("due today", style="bold yellow")
    return Text(label)
