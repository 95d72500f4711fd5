"""Members: the people who log work. A single-user database has one, made on first run."""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.core.errors import NotFoundError
from tracker.db.models import Member, TimeEntry
from tracker.services.context import Context


def find_member(session: Session, name: str) -> uuid.UUID | None:
    return session.exec(
        select(Member.id).where(Member.name == name, Member.deleted_at.is_(None))  # type: ignore[union-attr]
    ).first()


def add_member(session: Session, name: str) -> uuid.UUID:
    """Create the member ``name`` unless another writer just did."""
    existing = find_member(session, name)
    if existing is not None:
        return existing
    member = Member(name=name)
    session.add(member)
    session.flush()
    return member.id


def member_names(session: Session) -> list[str]:
    """Everyone on this database, by name."""
    return list(
        session.exec(
            select(Member.name).where(Member.deleted_at.is_(None)).order_by(Member.name)  # type: ignore[union-attr]
        )
    )


def as_member(session: Session, ctx: Context, name: str) -> Context:
    """The same context, looking at another member's work (charts on a shared database)."""
    member_id = find_member(session, name)
    if member_id is None:
        known = ", ".join(member_names(session))
        raise NotFoundError(f'No member "{name}" here; members are {known}.')
    return replace(ctx, member_id=member_id)


MOST_WEEKS = 520  # ten years: charts look no further back


def weeks_since_first_entry(session: Session, ctx: Context) -> int:
    """How many weeks back the member's time log reaches (at least one)."""
    first = session.exec(
        select(func.min(TimeEntry.start_at)).where(
            TimeEntry.member_id == ctx.member_id, col(TimeEntry.deleted_at).is_(None)
        )
    ).one()
    if first is None:
        return 1
    first_week = ctx.week_bounds(first.astimezone(ctx.zone).date())[0].date()
    this_week = ctx.week_bounds(ctx.now().date())[0].date()
    return min((this_week - first_week).days // 7 + 1, MOST_WEEKS)
