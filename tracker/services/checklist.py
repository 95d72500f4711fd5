"""Which checklist is in force: the database's own, when it holds one (a practice's, shared by
everyone who uses it), else the config's (the defaults unless ``[checklist]`` says otherwise).

Changing the database's checklist starts from the one in force, so the first item added to a
shared database keeps the others; ``reset`` hands the choice back to each member's config.
Removed items are tombstones, as every row people edit here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from tracker.core.checklist import Item, check_item
from tracker.core.errors import ConflictError, InputError, NotFoundError, one_line
from tracker.db.models import ChecklistItem
from tracker.services.context import Context


@dataclass(frozen=True)
class ChecklistInForce:
    items: tuple[Item, ...]
    source: str  # "database" or "config"


def checklist_items(session: Session, ctx: Context) -> tuple[Item, ...]:
    """The checklist every move into a gated stage asks for."""
    return in_force(session, ctx).items


def in_force(session: Session, ctx: Context) -> ChecklistInForce:
    shared = _shared(session)
    if shared:
        return ChecklistInForce(tuple(Item(row.key, row.why) for row in shared), "database")
    return ChecklistInForce(ctx.settings.checklist, "config")


def add_item(session: Session, ctx: Context, key: str, why: str) -> ChecklistInForce:
    """Add an item to the database's checklist (made from the one in force if it has none)."""
    item = check_item(key, why)
    items = list(in_force(session, ctx).items)
    if any(known.key == item.key for known in items):
        raise ConflictError(
            f'The checklist already has "{item.key}"; `tracker checklist ls` shows it.'
        )
    return _store(session, ctx, [*items, item])


def remove_item(session: Session, ctx: Context, key: str) -> ChecklistInForce:
    name = key.strip().lower()
    items = list(in_force(session, ctx).items)
    if name not in {item.key for item in items}:
        known = ", ".join(item.key for item in items) or "none"
        raise NotFoundError(f'There is no checklist item "{one_line(key)}"; the items are {known}.')
    kept = [item for item in items if item.key != name]
    if not kept:
        raise InputError(
            "A shared checklist keeps at least one item; to hand the choice back to each "
            "member's config, use `tracker checklist reset`."
        )
    return _store(session, ctx, kept)


def reset(session: Session, ctx: Context) -> ChecklistInForce:
    """Drop the database's checklist: each member's config decides again."""
    return _store(session, ctx, [])


def _store(session: Session, ctx: Context, items: list[Item]) -> ChecklistInForce:
    """Make ``items`` the database's checklist, in this order. A key keeps one row for good:
    a removed item is a tombstone, brought back if the key is added again."""
    now = ctx.now()
    rows = {row.key: row for row in session.exec(select(ChecklistItem)).all()}
    for position, item in enumerate(items):
        row = rows.pop(item.key, None)
        if row is None:
            row = ChecklistItem(key=item.key, why=item.why, position=position, created_at=now)
        row.why, row.position, row.deleted_at, row.updated_at = item.why, position, None, now
        session.add(row)
    for row in rows.values():
        if row.deleted_at is None:
            row.deleted_at = row.updated_at = now
    session.flush()
    return in_force(session, ctx)


def _shared(session: Session) -> list[ChecklistItem]:
    return list(
        session.exec(
            select(ChecklistItem)
            .where(col(ChecklistItem.deleted_at).is_(None))
            .order_by(col(ChecklistItem.position))
        ).all()
    )
