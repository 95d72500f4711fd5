"""Messages the screens send up to the app."""

from __future__ import annotations

from textual.message import Message


class TimerRequested(Message):
    """Start or stop the timer on a card (``number``), or stop any timer (None)."""

    def __init__(self, number: int | None) -> None:
        super().__init__()
        self.number = number
