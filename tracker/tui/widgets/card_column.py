"""One column of the board: a stage's cards, drawn line by line.

A card is measured when the column's contents or width change (its lines are cached), and a
running sum of the heights says which card a screen line belongs to, so the column paints only
the lines in view: replacing a column of a thousand cards costs little more than one of ten.

Two layouts. Compact, for narrow columns and short terminals: two lines a card, the number and
title, then the most urgent detail (overdue stays marked with ``!`` and the error colour). Full,
where there is room: the title on up to two lines, then every detail, wrapped rather than cut.
"""

from __future__ import annotations

import textwrap
from bisect import bisect_right
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from tracker.core.durations import format_hours
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.core.text import terminal_safe
from tracker.services.views import VideoView

RULE_LINES = 1
COMPACT_TEXT_LINES = 2
MAX_TITLE_LINES = 2
MAX_DETAIL_LINES = 3
FRAME_TITLE_CELLS = 6  # what a frame keeps of its top edge: corners, blanks, one more each side
SORTED_MARK = " ↓"
LONG_DUE_MIN = 12  # narrower compact cards say ``04 Dec`` rather than ``due 04 Dec``
FINISHED_STAGES = (PUBLISHED_STAGE, DROPPED_STAGE)
SEPARATOR = " · "
# How a piece of a card is drawn: a component class of the column (styled in board.tcss).
PLAIN, NUMBER, DETAIL, OVERDUE, DUE_TODAY, TIMING, PLATFORM, ARCHIVED = (
    "card-column--text",
    "card-column--number",
    "card-column--detail",
    "card-column--overdue",
    "card-column--due-today",
    "card-column--timing",
    "card-column--platform",
    "card-column--archived",
)
Piece = tuple[str, str]
Line = tuple[Piece, ...]


class CardColumn(ScrollView, can_focus=True):
    """A stage's cards; keeps the highlighted card when its contents are replaced."""

    COMPONENT_CLASSES = {
        PLAIN,
        NUMBER,
        DETAIL,
        OVERDUE,
        DUE_TODAY,
        TIMING,
        PLATFORM,
        ARCHIVED,
        "card-column--rule",
        "card-column--cursor",
        "card-column--highlight",
    }
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Card above", show=False, id="card-up"),
        Binding("down,j", "cursor(1)", "Card below", show=False, id="card-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="page-up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="page-down"),
        Binding("home", "edge(0)", "First card", show=False, id="first-card"),
        Binding("end", "edge(-1)", "Last card", show=False, id="last-card"),
        # The board's own ids: one [keymap] entry moves the key for both.
        Binding(
            "left,h", "screen.focus_column(-1)", "Previous column", show=False, id="previous-column"
        ),
        Binding("right,l", "screen.focus_column(1)", "Next column", show=False, id="next-column"),
    ]

    def __init__(self, stage: str, wip_limit: int | None) -> None:
        super().__init__(id=f"column-{stage}", classes="card-column")
        self.stage = stage
        self.wip_limit = wip_limit
        self.cards: list[VideoView] = []
        self.today = date.min
        self.timing: int | None = None
        self.compact = False
        self.light = False  # a top rule instead of a frame: narrow columns keep their cells
        self.sorted_by_due = False
        self.column_width = 0
        self.header: Static | None = None  # the title line of a light column
        self._highlighted: int | None = None
        self._tops: list[int] = [0]  # where each card starts; the last is the total height
        self._text_width = 1  # as measured
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
        self._measure()
        self.highlighted = min(row, len(cards) - 1) if cards else None
        self._update_title()
        self.refresh()

    def set_layout(self, width: int, *, light: bool, compact: bool) -> None:
        """Fill ``width`` cells, framed or ``light``, with ``compact`` or full cards."""
        changed = (width, light, compact) != (self.column_width, self.light, self.compact)
        self.column_width, self.light, self.compact = width, light, compact
        self.set_class(light, "light")
        if changed:
            self._measure()
            self._update_title()
            self.refresh()

    @property
    def text_width(self) -> int:
        """Cells a card's text may use: the column's inside, less a blank before the text and,
        in a frame, one after it (light columns have a gap between them instead)."""
        inside = self.scrollable_content_region.width or self._inside_width()
        return max(1, inside - 1 - (0 if self.light else 1))

    def _inside_width(self) -> int:
        """Before the first layout: the width the screen gave, less the frame."""
        return self.column_width - (0 if self.light else 2)

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

    def card_height(self, row: int) -> int:
        """Lines the card at ``row`` takes, its rule included."""
        return self._tops[row + 1] - self._tops[row]

    def scroll_to_highlight(self) -> None:
        row = self._highlighted
        if row is None or not self.is_mounted or row + 1 >= len(self._tops):
            return
        width = self.scrollable_content_region.width
        region = Region(0, self._tops[row], width, self.card_height(row))
        self.scroll_to_region(region, animate=False, force=True, immediate=True)

    def _measure(self) -> None:
        """Where each card starts: every compact card is the same height, full ones vary
        (measured only once the column has its width: until then they count as compact)."""
        if self.compact or not self.scrollable_content_region.width:
            heights = [COMPACT_TEXT_LINES + RULE_LINES] * len(self.cards)
        else:
            width, today, timing = self.text_width, self.today, self.timing
            heights = [
                len(card_lines(card, width, today, card.number == timing, False)) + RULE_LINES
                for card in self.cards
            ]
        self._tops = list(accumulate(heights, initial=0))
        self._text_width = self.text_width
        self.virtual_size = Size(self.scrollable_content_region.width, self._tops[-1])

    def _update_title(self) -> None:
        count = len(self.cards)
        over = self.wip_limit is not None and count > self.wip_limit
        limit = f"/{self.wip_limit}" if self.wip_limit is not None else ""
        suffix = f" {count}{limit}{SORTED_MARK if self.sorted_by_due else ''}"
        room = self.column_width - (0 if self.light else FRAME_TITLE_CELLS)
        title = _shorten(self.stage, room - len(suffix)) + suffix
        # A frame shows the title in its top edge; a light column on the line above it.
        self.border_title = title
        self.set_class(over, "over-limit")
        if self.header is not None:
            self.header.update(title)
            self.header.set_class(over, "over-limit")

    def set_sorted(self, by_due: bool) -> None:
        self.sorted_by_due = by_due
        self._update_title()

    # --- keys and mouse -----------------------------------------------------------------------

    def action_cursor(self, step: int) -> None:
        if self.cards:
            self.highlighted = (self._highlighted or 0) + step

    def action_page(self, direction: int) -> None:
        """Move by a screenful of cards."""
        if not self.cards:
            return
        row = self._highlighted or 0
        line = self._tops[row] + direction * max(1, self.scrollable_content_region.height)
        self.highlighted = self._row_at(max(0, line)) if line >= 0 else 0

    def action_edge(self, end: int) -> None:
        if self.cards:
            self.highlighted = len(self.cards) - 1 if end else 0

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.cards:
            self.highlighted = self._row_at(offset.y + self.scroll_offset.y)
            self.focus()

    def on_resize(self) -> None:
        self._measure()

    def on_focus(self) -> None:
        if self.header is not None:
            self.header.add_class("focused")

    def on_blur(self) -> None:
        if self.header is not None:
            self.header.remove_class("focused")

    def _row_at(self, line: int) -> int:
        """The card drawn on virtual line ``line`` (the last card below the end)."""
        return min(bisect_right(self._tops, line) - 1, len(self.cards) - 1)

    # --- drawing ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = self.scroll_offset.y + y
        base = self.get_component_rich_style(PLAIN)
        if line >= self._tops[-1] or not self.cards:
            return Strip.blank(width, base)
        row = self._row_at(line)
        offset = line - self._tops[row]
        if offset >= self.card_height(row) - RULE_LINES:
            rule = self.get_component_rich_style("card-column--rule")
            return Strip([Segment("─" * width, rule)], width)
        card = self.cards[row]
        if card.archived:
            base = base + self.get_component_rich_style(ARCHIVED, partial=True)
        if row == self._highlighted:
            marker = "card-column--cursor" if self.has_focus else "card-column--highlight"
            base = base + self.get_component_rich_style(marker)
        timing = card.number == self.timing
        lines = card_lines(card, self._text_width, self.today, timing, self.compact)
        pieces = lines[offset] if offset < len(lines) else ()
        segments = [Segment(" ", base)]
        segments += [Segment(text, self._style(kind, base)) for text, kind in pieces]
        return Strip(segments).adjust_cell_length(width, base)

    def _style(self, kind: str, base: Style) -> Style:
        return base if kind == PLAIN else base + self.get_component_rich_style(kind, partial=True)


class StageColumn(Vertical):
    """A stage's column: the title line (shown when the column is light) above its cards."""

    def __init__(self, stage: str, wip_limit: int | None) -> None:
        super().__init__(id=f"stage-{stage}", classes="stage")
        self.stage = stage
        self.column = CardColumn(stage, wip_limit)
        self.column.header = Static(classes="stage-title")

    def compose(self) -> ComposeResult:
        assert self.column.header is not None
        yield self.column.header
        yield self.column

    def set_layout(self, width: int, *, light: bool, compact: bool) -> None:
        self.styles.width = width
        self.set_class(light, "light")
        self.column.set_layout(width, light=light, compact=compact)


@lru_cache(maxsize=8192)
def card_lines(
    video: VideoView, width: int, today: date, timing: bool, compact: bool = False
) -> tuple[Line, ...]:
    """A card's lines of text (its rule not included).

    Compact: exactly two, the number and title cut with ``…``, then the most urgent details
    that fit. Full: the title on one or two lines, then the details wrapped between pieces on
    up to three lines, so nothing is cut where the column has room.
    """
    marker: Line = (("● ", TIMING),) if timing else ()
    number = f"#{video.number} "
    lead = cell_len(number) + (2 if timing else 0)
    title = terminal_safe(video.title)
    if compact:
        first: Line = (*marker, (number, NUMBER), (_clip(title, width - lead), PLAIN))
        return (first, _compact_details(video, today, width))
    wrapped = textwrap.wrap(title, width, initial_indent="x" * lead) or ["x" * lead]
    title_lines = [wrapped[0][lead:]]
    if len(wrapped) > 1:
        rest = " ".join(wrapped[1:])
        title_lines.append(rest if cell_len(rest) <= width else _clip(rest, width))
    lines: list[Line] = [(*marker, (number, NUMBER), (title_lines[0], PLAIN))]
    lines += [((text, PLAIN),) for text in title_lines[1:MAX_TITLE_LINES]]
    details = _pack(_details(video, today), width)
    return (*lines, *_cut(details, MAX_DETAIL_LINES))


def _compact_details(video: VideoView, today: date, width: int) -> Line:
    """One line: the due state first, then hours and the rest, whole pieces only. The due
    state takes its short form in a narrow column (so that columns side by side read alike),
    or when that lets more pieces in."""
    pieces = _details(video, today)
    if video.due_on is None:
        return _one_line(pieces, width)
    short = [_due(video, today, short=True), *pieces[1:]]
    if width < LONG_DUE_MIN:
        return _one_line(short, width)
    long_line, short_line = _one_line(pieces, width), _one_line(short, width)
    return short_line if len(short_line) > len(long_line) else long_line


def _one_line(pieces: list[Piece], width: int) -> Line:
    """As many whole pieces as fit in ``width``; the first cut short if even it does not."""
    line: list[Piece] = []
    used = 0
    for text, kind in pieces:
        gap = len(SEPARATOR) if line else 0
        if used + gap + cell_len(text) > width:
            break
        if gap:
            line.append((SEPARATOR, DETAIL))
        line.append((text, kind))
        used += gap + cell_len(text)
    if not line and pieces:
        text, kind = pieces[0]
        line.append((_clip(text, width), kind))
    return tuple(line)


def _pack(pieces: list[Piece], width: int) -> list[Line]:
    """Lay details out on lines of ``width``, breaking only between pieces; platforms next to
    each other are joined with commas."""
    lines: list[list[Piece]] = [[]]
    used = 0
    previous = ""
    for text, kind in pieces:
        separator = ", " if kind == PLATFORM == previous else SEPARATOR
        gap = len(separator) if lines[-1] else 0
        if lines[-1] and used + gap + cell_len(text) > width:
            lines.append([])
            used, gap = 0, 0
        if gap:
            lines[-1].append((separator, DETAIL))
        lines[-1].append((text, kind))
        used += gap + cell_len(text)
        previous = kind
    return [tuple(line) for line in lines if line]


def _cut(lines: list[Line], count: int) -> list[Line]:
    """At most ``count`` lines, the last kept one marked when some were left out."""
    kept = lines[:count]
    if len(lines) > count and kept:
        kept[-1] = (*kept[-1], (" …", DETAIL))
    return kept


def _details(video: VideoView, today: date) -> list[Piece]:
    """Due date (overdue stands out), hours logged, assignee, platforms: most urgent first,
    since a narrow card keeps the first."""
    pieces: list[Piece] = []
    if video.due_on:
        pieces.append(_due(video, today))
    pieces.append((format_hours(timedelta(seconds=video.logged_seconds)), DETAIL))
    if video.archived:
        pieces.append(("archived", DETAIL))
    if video.assignee:
        pieces.append((f"@{terminal_safe(video.assignee)}", DETAIL))
    pieces += [(platform, PLATFORM) for platform in video.platforms]
    return pieces


def _due(video: VideoView, today: date, *, short: bool = False) -> Piece:
    """The due date as a card says it: ``overdue 27 Nov`` (short: ``!27 Nov``), ``due today``
    (``today``), ``due 04 Dec`` (``04 Dec``)."""
    assert video.due_on is not None
    day = f"{video.due_on:%d %b}"
    if video.stage not in FINISHED_STAGES:
        if video.due_on < today:
            return (f"!{day}" if short else f"overdue {day}"), OVERDUE
        if video.due_on == today:
            return ("today" if short else "due today"), DUE_TODAY
    return (day if short else f"due {day}"), DETAIL


def _clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending in ``…`` when cut."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    return set_cell_size(text, width - 1).rstrip() + "…"


def _shorten(name: str, room: int) -> str:
    """A stage name in ``room`` cells (its count beside it always shows)."""
    return name if len(name) <= room else _clip(name, max(1, room))
