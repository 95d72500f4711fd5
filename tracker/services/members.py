"""Members: the people who log work. A single-user database has one, made on first run."""

from __future__ import annotations

import uuid

from sqlmodel import Session, select

from tracker.db.models import Member


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
