"""The pre-publish checklist of a video: where it stands, and the gate before scheduled and
published (see ``tracker.core.checklist``).

The identifier check reads the video's words; the other items are ticked by hand. A move into
a gated stage with anything open is refused, unless the person writes why they go anyway: the
reason is kept as an override, shown on the card and in the weekly review.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from tracker.core.checklist import (
    GATED_STAGES,
    TEXT_ITEM,
    Item,
    check_reason,
    open_items,
)
from tracker.core.errors import ChecklistOpenError, InputError
from tracker.core.identifiers import Finding, find_identifiers
from tracker.db.models import Member, Override, Post, Video
from tracker.services.checklist import checklist_items
from tracker.services.context import Context

#: The video's words the identifier check reads, in the order they are shown.
TEXT_FIELDS = ("title", "notes", "caption", "alt_text")


@dataclass(frozen=True)
class TextFinding:
    """An identifier the check found in one of the video's fields."""

    field: str
    finding: Finding


@dataclass(frozen=True)
class OverrideView:
    at: datetime
    stage: str
    open_items: tuple[str, ...]
    reason: str
    member: str | None


@dataclass(frozen=True)
class Checklist:
    """Every item with whether it is done, what the identifier check found, and overrides."""

    items: tuple[tuple[Item, bool], ...]
    findings: tuple[TextFinding, ...]
    overrides: tuple[OverrideView, ...]

    @property
    def open(self) -> tuple[str, ...]:
        return tuple(item.key for item, done in self.items if not done)


def text_findings(
    ctx: Context, video: Video, posts: Sequence[tuple[str, str]] = ()
) -> tuple[TextFinding, ...]:
    """What the identifier check finds in the video's words and in its ``posts``' captions
    (preset, caption), each post's as the field ``caption on PRESET``."""
    fields = [(field, getattr(video, field) or "") for field in TEXT_FIELDS]
    fields += [(f"caption on {preset}", caption) for preset, caption in posts]
    return tuple(
        TextFinding(field, finding)
        for field, text in fields
        for finding in identifiers_in(ctx, text)
    )


def identifiers_in(ctx: Context, text: str) -> list[Finding]:
    """The likely identifiers in one text, the member's ``local_words`` included: what the
    lint, the checklist and the TUI's forms all show."""
    return find_identifiers(text, local_words=tuple(ctx.settings.local_words))


def post_captions(
    session: Session, video_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[str, str]]]:
    """The captions of the videos' live posts, by video: (preset, caption), in preset order."""
    found: dict[uuid.UUID, list[tuple[str, str]]] = {}
    if not video_ids:
        return found
    rows = session.exec(
        select(Post.video_id, Post.preset, Post.caption)
        .where(col(Post.video_id).in_(video_ids), col(Post.deleted_at).is_(None))
        .order_by(col(Post.preset))
    ).all()
    for video_id, preset, caption in rows:
        found.setdefault(video_id, []).append((preset, caption))
    return found


def checklist_of(session: Session, ctx: Context, video: Video) -> Checklist:
    items = checklist_items(session, ctx)
    findings = _findings(session, ctx, video)
    still_open = set(open_items(video.checked, len(findings), items))
    return Checklist(
        items=tuple((item, item.key not in still_open) for item in items),
        findings=findings,
        overrides=_overrides(session, video),
    )


def require_checklist(
    session: Session, ctx: Context, video: Video, target: str, override: str | None
) -> None:
    """Refuse a move into a gated stage while items are open, unless ``override`` says why
    (then it is recorded)."""
    if target not in GATED_STAGES:
        if override is not None:
            raise InputError(
                f"--override is for moves into {' or '.join(GATED_STAGES)}, where the "
                "checklist must be done; leave it out here."
            )
        return
    findings = _findings(session, ctx, video)
    still_open = open_items(video.checked, len(findings), checklist_items(session, ctx))
    if not still_open:
        return
    if override is None:
        raise ChecklistOpenError(
            _refusal(video, target, still_open, len(findings)), video.number, target
        )
    session.add(
        Override(
            video_id=video.id,
            member_id=ctx.member_id,
            at=ctx.now(),
            stage=target,
            open_items=list(still_open),
            reason=check_reason(override),
        )
    )


def _findings(session: Session, ctx: Context, video: Video) -> tuple[TextFinding, ...]:
    return text_findings(ctx, video, post_captions(session, [video.id]).get(video.id, []))


def _refusal(video: Video, target: str, still_open: tuple[str, ...], findings: int) -> str:
    ticked = [key for key in still_open if key != TEXT_ITEM]
    parts = []
    if ticked:
        parts.append(f"tick {', '.join(ticked)} (tracker check {video.number} ITEM)")
    if TEXT_ITEM in still_open:
        parts.append(
            f"change the {findings} identifier finding(s) in its words "
            f"(tracker check {video.number} lists them)"
        )
    return (
        f"#{video.number} has its pre-publish checklist open, so it cannot go to {target}: "
        f'{"; ".join(parts)}, or move it anyway with --override "why".'
    )


def _overrides(session: Session, video: Video) -> tuple[OverrideView, ...]:
    rows = session.exec(
        select(Override, Member.name)
        .outerjoin(Member, col(Member.id) == Override.member_id)
        .where(Override.video_id == video.id, col(Override.deleted_at).is_(None))
        .order_by(col(Override.at))
    ).all()
    return tuple(
        OverrideView(row.at, row.stage, tuple(row.open_items), row.reason, name)
        for row, name in rows
    )
