"""Undo for board changes: each change leaves a step that takes it back through a service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from tracker.services import board
from tracker.services.context import Context
from tracker.services.views import VideoView


@dataclass(frozen=True)
class UndoStep:
    """How to take back one board change."""

    label: str
    revert: Callable[[Session], Any]


def undo_move(ctx: Context, video: VideoView) -> UndoStep:
    """Put a card back in the stage and place it had (recorded as a move, like any other)."""
    number, stage, position = str(video.number), video.stage, video.position
    return UndoStep(
        f"move of #{number}",
        lambda s: board.move_video(s, ctx, number, stage, position=position),
    )


def undo_shift(ctx: Context, video: VideoView, step: int) -> UndoStep:
    number = str(video.number)
    return UndoStep(f"reorder of #{number}", lambda s: board.shift_video(s, ctx, number, -step))


def undo_create(ctx: Context, video: VideoView) -> UndoStep:
    number = str(video.number)
    return UndoStep(f"new #{number}", lambda s: board.remove_video(s, ctx, number))


def undo_delete(ctx: Context, video: VideoView) -> UndoStep:
    number = str(video.number)
    return UndoStep(f"delete of #{number}", lambda s: board.restore_video(s, ctx, number))


def undo_edit(ctx: Context, before: VideoView, changed: list[str]) -> UndoStep:
    """Restore the fields an edit changed to the values they had before it."""
    number = str(before.number)
    previous = {name: getattr(before, name) for name in changed}
    for name in ("platforms", "tags"):
        if name in previous:
            previous[name] = list(previous[name])
    return UndoStep(f"edit of #{number}", lambda s: board.edit_video(s, ctx, number, previous))
