"""Undo for board changes: each change leaves a step that takes it back through a service.

A step knows the card and the version the change left it at. Undo passes the version this app
last left the card at, so if the card changed since in another terminal or by another member,
the undo is refused with what changed it, rather than overwriting that newer change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlmodel import Session

from tracker.core.errors import ConflictError
from tracker.services import board
from tracker.services.context import Context
from tracker.services.views import VideoView

Revert = Callable[[Session, int], VideoView]


@dataclass(frozen=True)
class UndoStep:
    """How to take back one board change: ``revert`` is given the version to expect."""

    label: str
    number: int
    version: int  # the version the change left the card at
    revert: Revert


def undo_move(ctx: Context, before: VideoView, after: VideoView) -> UndoStep:
    """Put a card back in the stage and place it had (recorded as a move, like any other)."""
    number, stage, position = str(before.number), before.stage, before.position
    return UndoStep(
        f"move of #{number}",
        before.number,
        after.version,
        lambda s, version: board.move_video(
            s, ctx, number, stage, position=position, expected_version=version, restore=True
        )[0],
    )


def undo_shift(ctx: Context, after: VideoView, step: int) -> UndoStep:
    number = str(after.number)
    return UndoStep(
        f"reorder of #{number}",
        after.number,
        after.version,
        lambda s, version: board.shift_video(s, ctx, number, -step, expected_version=version),
    )


def undo_create(ctx: Context, after: VideoView) -> UndoStep:
    number = str(after.number)
    return UndoStep(
        f"new #{number}",
        after.number,
        after.version,
        lambda s, version: _remove_unless_worked_on(s, ctx, number, version),
    )


def _remove_unless_worked_on(s: Session, ctx: Context, number: str, version: int) -> VideoView:
    """Taking back a new card removes it, but not once time has been logged on it: that is
    work, and removing it takes the d key and its question."""
    video = board.video_view(s, ctx, board.resolve_video(s, number))
    if video.logged_seconds > 0:
        raise ConflictError(
            f"#{number} has time logged on it since; delete it with d if you mean it."
        )
    return board.remove_video(s, ctx, number, expected_version=version)


def undo_delete(ctx: Context, after: VideoView) -> UndoStep:
    number = str(after.number)
    return UndoStep(
        f"delete of #{number}",
        after.number,
        after.version,
        lambda s, version: board.restore_video(s, ctx, number, expected_version=version),
    )


def undo_edit(
    ctx: Context,
    before: VideoView,
    after: VideoView,
    changed: list[str],
) -> UndoStep:
    """Restore the fields an edit changed to the values they had before it."""
    number = str(before.number)
    previous = {name: getattr(before, name) for name in changed}
    for name in ("platforms", "tags"):
        if name in previous:
            previous[name] = list(previous[name])
    return UndoStep(
        f"edit of #{number}",
        before.number,
        after.version,
        lambda s, version: board.edit_video(s, ctx, number, previous, expected_version=version),
    )


def undo_drop(ctx: Context, before: VideoView, after: VideoView) -> UndoStep:
    """Take a card out of dropped, back to the stage and place it had."""
    return replace(undo_move(ctx, before, after), label=f"drop of #{before.number}")


def undo_undrop(ctx: Context, before: VideoView, after: VideoView) -> UndoStep:
    """Drop a card again that was brought back, at its old place in dropped."""
    return replace(undo_move(ctx, before, after), label=f"bringing back #{before.number}")


def undo_archive(ctx: Context, archived: list[VideoView]) -> UndoStep:
    """Put back on the board every card one archive took off. The step follows the first
    card's version as any step does; the others must still be as the archive left them."""
    first, *others = archived

    def revert(session: Session, version: int) -> VideoView:
        view = board.unarchive_video(session, ctx, str(first.number), expected_version=version)
        for video in others:
            board.unarchive_video(session, ctx, str(video.number), expected_version=video.version)
        return view

    count = len(archived)
    label = f"archive of {count} video{'s' if count != 1 else ''}"
    return UndoStep(label, first.number, first.version, revert)
