"""The line that always shows the running timer (or a break's countdown), today's hours, this
week's, and the most pressing sustainability signal.

The signal goes on a line of its own when one line cannot hold everything: it is never cut
off, however narrow the terminal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import Static

from tracker.core.durations import format_seconds
from tracker.services.views import Status
from tracker.tui.plain import plain

SIGNAL_MARKS = {"alert": "‼", "warn": "⚠"}
GAP = "   "
MIN_DETAIL_CELLS = 8  # a running video's detail shorter than this is left out


class TimerBar(Static):
    """Ticks every second from the last loaded status; no query per tick."""

    def __init__(self) -> None:
        super().__init__(id="timer-bar")
        self.status: Status | None = None
        self.break_until: datetime | None = None
        self._parts = _Parts("", "", False, "", "")

    def show(self, status: Status, now: datetime, break_until: datetime | None = None) -> None:
        self.status = status
        self.tick(now, break_until)

    def tick(self, now: datetime, break_until: datetime | None = None) -> None:
        status = self.status
        if status is None:
            return
        # Differences in UTC: across a change of clocks, wall-clock differences are wrong.
        since_load = _seconds(status.now, now) if status.running else 0.0
        today = format_seconds(status.today_seconds + since_load)
        week = format_seconds(status.week_seconds + since_load)
        self.set_class(status.running is not None, "running")
        on_break = break_until is not None and now < break_until
        self.set_class(on_break, "on-break")
        # What the timer part says, and what it can lose on a narrow terminal: the video's
        # title is shortened, the hint left out.
        detail, shortened = "", True
        if status.running is not None:
            running = status.running
            elapsed = int(running.seconds + since_load)
            clock = f"{elapsed // 3600}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}"
            timer = f"● {clock} {running.activity}"
            if running.video_number:
                detail = f" · #{running.video_number} {running.video_title}"
        elif on_break:
            assert break_until is not None
            left = int(_seconds(now, break_until))
            timer = f"Break: {left // 60}:{left % 60:02d} left"
        elif status.break_until is not None:
            until = status.break_until.astimezone(now.tzinfo)
            timer = f"On a planned break until {until:%a %d %b %H:%M}"
        else:
            timer, detail, shortened = (
                "No timer running",
                " (t starts one on the focused card)",
                False,
            )
        signal = ""
        if status.signals:
            first = status.signals[0]
            more = f" (+{len(status.signals) - 1})" if len(status.signals) > 1 else ""
            signal = f"{SIGNAL_MARKS.get(first.level, '')} {first.message}{more}"
        self._parts = _Parts(timer, detail, shortened, f"Today {today}{GAP}Week {week}", signal)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """Timer and hours on the first line (the timer's detail shortened or left out when
        they do not fit), the signal after them when it fits, else on lines of its own."""
        parts = self._parts
        width = self.content_region.width
        hours = f"{GAP}{parts.hours}"
        main = f"{parts.timer}{parts.detail}{hours}"
        if width and cell_len(main) > width:
            room = width - cell_len(parts.timer) - cell_len(hours)
            detail = ""
            if parts.shortened and room >= MIN_DETAIL_CELLS:
                detail = set_cell_size(parts.detail, room - 1).rstrip() + "…"
            main = f"{parts.timer}{detail}{hours}"
        if not parts.signal:
            self.update(plain(main))
        elif width and cell_len(f"{main}{GAP}{parts.signal}") > width:
            self.update(Content("\n").join([plain(main), plain(parts.signal)]))
        else:
            self.update(plain(f"{main}{GAP}{parts.signal}"))


class _Parts(NamedTuple):
    timer: str
    detail: str  # the running video, or a hint
    shortened: bool  # whether the detail may be cut short (else it is left out whole)
    hours: str
    signal: str


def _seconds(start: datetime, end: datetime) -> float:
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
