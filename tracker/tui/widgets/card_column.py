"""One column of the board: a stage's cards, drawn line by line.

Every card is four lines tall (three of title and details, then a rule), so the column knows where
each card is without measuring it and paints only the lines in view: replacing a column of a
thousand cards costs no more than a column of ten.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tracker.core.durations import format_hours
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.text import terminal_safe
from tracker.services.views import VideoView

CARD_HEIGHT = 4
TEXT_LINES = CARD_HEIGHT - 1
PADDING = 1
FINISHED_STAGES = (PUBLISHED_STAGE, DROPPED_STAGE)
# How a piece of a card is drawn: a component class of the column (styled in board.tcss).
PLAIN, NUMBER, DETAIL, OVERDUE, DUE_TODAY, TIMING = (
    "card-column--text",
    "card-column--number",
    "card-column--detail",
    "card-column--overdue",
    "card-column--due-today",
    "card-column--timing",
)
Line = tuple[tuple[str, str], ...]


class CardColumn(ScrollView, can_focus=True):
    """A stage's cards; keeps the highlighted card when its contents are replaced."""

    COMPONENT_CLASSES = {
        PLAIN,
        NUMBER,
        DETAIL,
        OVERDUE,
        DUE_TODAY,
        TIMING,
        "card-column--rule",
        "card-column--cursor",
        "card-column--highlight",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(0)", "First", show=False),
        Binding("end", "edge(-1)", "Last", show=False),
        Binding("left,h", "screen.focus_column(-1)", "Previous column", show=False),
        Binding("right,l", "screen.focus_column(1)", "Next column", show=False),
    ]

    def __init__(self, stage: str, wip_limit: int | None) -> None:
        super().__init__(id=f"column-{stage}", classes="card-column")
        self.stage = stage
        self.wip_limit = wip_limit
        self.cards: list[VideoView] = []
        self.today = date.min
        self.timing: int | None = None
        self._highlighted: int | None = None
        self.border_title = stage

    # --- contents -----------------------------------------------------------------------------

    def show(
        self, cards: list[VideoView], today: date, timing: int | None, keep: int | None = None
    ) -> None:
        """Replace the cards, keeping ``keep`` (or the current card) highlighted."""
        wanted = keep if keep is not None else self.current_number
        row = self._highlighted or 0
        self.cards, self.today, self.timing = cards, today, timing
        numbers = [card.number for card in cards]
        if wanted in numbers:
            row = numbers.index(wanted)
        self.virtual_size = Size(self.scrollable_content_region.width, len(cards) * CARD_HEIGHT)
        self.highlighted = min(row, len(cards) - 1) if cards else None
        self._update_title()
        self.refresh()

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            row = max(0, min(row, len(self.cards) - 1)) if self.cards else None
        self._highlighted = row
        self.refresh()
        self.scroll_to_highlight()

    @property
    def current(self) -> VideoView | None:
        row = self._highlighted
        return self.cards[row] if row is not None and row < len(self.cards) else None

    @property
    def current_number(self) -> int | None:
        card = self.current
        return card.number if card else None

    def highlight_number(self, number: int) -> bool:
        """Highlight the card ``number`` if this column holds it."""
        for row, card in enumerate(self.cards):
            if card.number == number:
                self.highlighted = row
                return True
        return False

    def scroll_to_highlight(self) -> None:
        if self._highlighted is None or not self.is_mounted:
            return
        region = Region(
            0, self._highlighted * CARD_HEIGHT, self.scrollable_content_region.width, CARD_HEIGHT
        )
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _update_title(self) -> None:
        count = len(self.cards)
        over = self.wip_limit is not None and count > self.wip_limit
        limit = f"/{self.wip_limit}" if self.wip_limit is not None else ""
        self.border_title = f"{self.stage} {count}{limit}"
        self.set_class(over, "over-limit")

    # --- keys and mouse -----------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.cards:
            self.highlighted = (self._highlighted or 0) + step

    def action_page(self, direction: int) -> None:
        per_page = max(1, self.scrollable_content_region.height // CARD_HEIGHT)
        self.action_cursor(direction * per_page)

    def action_edge(self, end: int) -> None:
        if self.cards:
            self.highlighted = len(self.cards) - 1 if end else 0

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.cards:
            self.highlighted = (offset.y + self.scroll_offset.y) // CARD_HEIGHT
            self.focus()

    def on_resize(self) -> None:
        self.virtual_size = Size(
            self.scrollable_content_region.width, len(self.cards) * CARD_HEIGHT
        )

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row, offset = divmod(self.scroll_offset.y + y, CARD_HEIGHT)
        base = self.get_component_rich_style(PLAIN)
        if row >= len(self.cards):
            return Strip.blank(width, base)
        if offset == CARD_HEIGHT - 1:
            rule = self.get_component_rich_style("card-column--rule")
            return Strip([Segment("─" * width, rule)], width)
        card = self.cards[row]
        if row == self._highlighted:
            marker = "card-column--cursor" if self.has_focus else "card-column--highlight"
            base = base + self.get_component_rich_style(marker)
        pieces = card_lines(card, width - 2 * PADDING, self.today, card.number == self.timing)
        segments = [Segment(" " * PADDING, base)]
        segments += [Segment(text, self._style(kind, base)) for text, kind in pieces[offset]]
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, kind: str, base: Style) -> Style:
        return base if kind == PLAIN else base + self.get_component_rich_style(kind, partial=True)


@lru_cache(maxsize=8192)
def card_lines(video: VideoView, width: int, today: date, timing: bool) -> tuple[Line, ...]:
    """A card's three lines: number and title, then its details; a short title leaves the
    details two lines, a long one gets two lines itself."""
    marker = (("● ", TIMING),) if timing else ()
    number = f"#{video.number} "
    first_width = max(1, width - len(number) - (2 if timing else 0))
    shown_title = terminal_safe(video.title)
    title = textwrap.wrap(shown_title, first_width) or [""]
    details = _pack(_details(video, today), width)
    first: Line = (*marker, (number, NUMBER), (title[0], PLAIN))
    if len(title) == 1:
        return (first, *_fill(details, TEXT_LINES - 1))
    rest = " ".join(shown_title.split()[len(title[0].split()) :])
    second = rest if len(rest) <= width else rest[: max(0, width - 1)] + "…"
    return (first, ((second, PLAIN),), *_fill(details, TEXT_LINES - 2))


def _pack(pieces: list[tuple[str, str]], width: int) -> list[Line]:
    """Lay details out on lines of ``width``, breaking only between pieces."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0
    for text, kind in pieces:
        gap = 3 if lines[-1] else 0
        if lines[-1] and used + gap + len(text) > width:
            lines.append([])
            used, gap = 0, 0
        if gap:
            lines[-1].append((" · ", DETAIL))
        lines[-1].append((text, kind))
        used += gap + len(text)
    return [tuple(line) for line in lines]


def _fill(lines: list[Line], count: int) -> list[Line]:
    """Exactly ``count`` lines: blank ones added, the last kept line marked when cut short."""
    kept = lines[:count]
    if len(lines) > count and kept:
        kept[-1] = (*kept[-1], (" …", DETAIL))
    return kept + [()] * (count - len(kept))


def _details(video: VideoView, today: date) -> list[tuple[str, str]]:
    """Due date (overdue stands out), hours logged, assignee, platforms: most urgent first,
    since a narrow column cuts from the end."""
    pieces: list[tuple[str, str]] = []
    if video.due_on:
        pieces.append(_due(video, today))
    pieces.append((format_hours(timedelta(seconds=video.logged_seconds)), DETAIL))
    if video.assignee:
        pieces.append((f"@{terminal_safe(video.assignee)}", DETAIL))
    if video.platforms:
        pieces.append((", ".join(video.platforms), DETAIL))
    return pieces


def _due(video: VideoView, today: date) -> tuple[str, str]:
    assert video.due_on is not None
    if video.stage not in FINISHED_STAGES:
        if video.due_on < today:
            return f"overdue {video.due_on:%d %b}", OVERDUE
        if video.due_on == today:
            return "due today", DUE_TODAY
    return f"due {video.due_on:%d %b}", DETAIL
