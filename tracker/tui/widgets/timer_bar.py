"""The line that always shows the running timer (or a break's countdown), today's hours, this
week's, and the most pressing sustainability signal."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import Static

from tracker.core.durations import format_seconds
from tracker.services.views import Status
from tracker.tui.plain import plain

SIGNAL_MARKS = {"alert": "‼", "warn": "⚠"}


class TimerBar(Static):
    """Ticks every second from the last loaded status; no query per tick."""

    def __init__(self) -> None:
        super().__init__(id="timer-bar")
        self.status: Status | None = None
        self.break_until: datetime | None = None

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
        if status.running is not None:
            running = status.running
            elapsed = int(running.seconds + since_load)
            clock = f"{elapsed // 3600}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}"
            on = f" · #{running.video_number} {running.video_title}" if running.video_number else ""
            timer = f"● {clock} {running.activity}{on}"
        elif on_break:
            assert break_until is not None
            left = int(_seconds(now, break_until))
            timer = f"Break: {left // 60}:{left % 60:02d} left"
        elif status.break_until is not None:
            until = status.break_until.astimezone(now.tzinfo)
            timer = f"On a planned break until {until:%a %d %b %H:%M}"
        else:
            timer = "No timer running (t starts one on the focused card)"
        signal = ""
        if status.signals:
            first = status.signals[0]
            more = f" (+{len(status.signals) - 1})" if len(status.signals) > 1 else ""
            signal = f"   {SIGNAL_MARKS.get(first.level, '')} {first.message}{more}"
        self.update(plain(f"{timer}   Today {today}   Week {week}{signal}"))


def _seconds(start: datetime, end: datetime) -> float:
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
