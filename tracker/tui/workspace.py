"""What the screens work with: the data, the member's context, and one way to change things.

Screens hold a Workspace instead of reaching into the App, so the App keeps navigation, global
keys and the palette, and a screen can be built and tested with nothing but a workspace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from tracker.core.errors import TrackerError
from tracker.db.database import Database
from tracker.services.context import Context
from tracker.services.status import status as current_status
from tracker.services.views import Status
from tracker.tui.undo import UndoStep

T = TypeVar("T")
MAX_UNDO_STEPS = 100
Notify = Callable[[str], None]
Changed = Callable[[bool], None]


class Workspace:
    """The open database and the member's context; every write goes through ``change``."""

    def __init__(self, database: Database, context: Context) -> None:
        self.database = database
        self.context = context
        self.status: Status | None = None
        self.break_until: datetime | None = None  # a short break taken from a prompt
        self.undo_steps: list[UndoStep] = []
        self.versions: dict[int, int] = {}  # card number: the version this app last left it at
        self.on_change: Changed = lambda _hours_changed: None
        self.on_refusal: Notify = lambda _message: None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.database.read() as session:
            yield session

    def now(self) -> datetime:
        return self.context.now()

    def load_status(self) -> Status:
        with self.read() as session:
            self.status = current_status(session, self.context)
        return self.status

    def change(
        self,
        work: Callable[[Session], T],
        undo: Callable[[T], UndoStep] | None = None,
        *,
        hours_changed: bool = True,
    ) -> T:
        """Run a change through a service (a TrackerError propagates) and remember how to
        undo it. ``hours_changed=False`` says logged time was left alone, so screens may skip
        summing it again."""
        result = self.database.run_write(work)
        if undo is not None:
            step = undo(result)
            self.undo_steps.append(step)
            self.versions[step.number] = step.version
            del self.undo_steps[:-MAX_UNDO_STEPS]
        self.on_change(hours_changed)
        return result

    def try_change(
        self,
        work: Callable[[Session], T],
        undo: Callable[[T], UndoStep] | None = None,
        *,
        hours_changed: bool = True,
    ) -> T | None:
        """``change``, with a refusal shown to the person instead of raised."""
        try:
            return self.change(work, undo, hours_changed=hours_changed)
        except TrackerError as error:
            self.on_refusal(str(error))
            return None

    def undo(self) -> str | None:
        """Take back the latest change; its label, or None when there was nothing to undo or
        the undo was refused."""
        if not self.undo_steps:
            return None
        step = self.undo_steps.pop()
        expected = self.versions.get(step.number, step.version)
        try:
            reverted = self.change(lambda s: step.revert(s, expected), hours_changed=False)
        except TrackerError as error:
            self.on_refusal(f"Undo of the {step.label} refused: {error}")
            return None
        self.versions[step.number] = reverted.version
        return step.label
