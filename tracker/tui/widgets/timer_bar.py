"""The line that always shows the running timer, today's hours and this week's."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from tracker.core.durations import format_seconds
from tracker.services.views import Status


class TimerBar(Static):
    """Ticks every second from the last loaded status; no query per tick."""

    def __init__(self) -> None:
        super().__init__(id="timer-bar")
        self.status: Status | None = None

    def show(self, status: Status, now: datetime) -> None:
        self.status = status
        self.tick(now)

    def tick(self, now: datetime) -> None:
        status = self.status
        if status is None:
            return
        since_load = (now - status.now).total_seconds() if status.running else 0.0
        today = format_seconds(status.today_seconds + since_load)
        week = format_seconds(status.week_seconds + since_load)
        if status.running is None:
            timer = "No timer running (t starts one on the focused card)"
            self.remove_class("running")
        else:
            running = status.running
            elapsed = int(running.seconds + since_load)
            clock = f"{elapsed // 3600}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}"
            on = f" · #{running.video_number} {running.video_title}" if running.video_number else ""
            timer = f"● {clock} {running.activity}{on}"
            self.add_class("running")
        self.update(f"{timer}   Today {today}   Week {week}")
