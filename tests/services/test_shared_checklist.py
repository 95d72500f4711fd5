"""A checklist kept in the database: the practice's own, the same for everyone who uses it,
whatever each member's config says."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from tracker.core.checklist import DEFAULT_ITEMS, Item
from tracker.core.errors import ChecklistOpenError, ConflictError, InputError, NotFoundError
from tracker.db.models import ChecklistItem
from tracker.services import board, checklist
from tracker.services.members import add_member


def keys(database, ctx):
    with database.read() as session:
        return [item.key for item in checklist.checklist_items(session, ctx)]


def test_the_databases_checklist_is_everyones_whatever_their_config(database, ctx):
    ana = replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))
    ben_id = database.run_write(lambda s: add_member(s, "ben"))
    ben = replace(ctx, member_id=ben_id, settings=replace(ctx.settings, checklist=()))
    assert keys(database, ben) == []  # ben's config: no gate

    database.run_write(lambda s: checklist.add_item(s, ana, "consent-form", "Signed form on file"))

    assert keys(database, ben) == [*(item.key for item in DEFAULT_ITEMS), "consent-form"]
    with database.read() as session:
        assert checklist.in_force(session, ben).source == "database"
    database.run_write(lambda s: board.add_video(s, ben, "Unknown case 12", stage="review"))
    with pytest.raises(ChecklistOpenError, match="consent-form"):
        database.run_write(lambda s: board.move_video(s, ben, "1", "scheduled"))
    database.run_write(lambda s: board.check_video(s, ben, "1", ["all"]))
    database.run_write(lambda s: board.move_video(s, ben, "1", "scheduled"))


def test_removing_then_adding_an_item_back_keeps_one_row_per_key(database, ctx):
    own = replace(ctx, settings=replace(ctx.settings, checklist=(Item("text", "no words"),)))
    database.run_write(lambda s: checklist.add_item(s, own, "consent", "asked"))
    database.run_write(lambda s: checklist.remove_item(s, own, "consent"))
    assert keys(database, own) == ["text"]
    database.run_write(lambda s: checklist.add_item(s, own, "Consent", "asked again"))
    assert keys(database, own) == ["text", "consent"]
    with database.read() as session:
        rows = session.exec(select(ChecklistItem.key, ChecklistItem.why)).all()
    assert sorted(rows) == [("consent", "asked again"), ("text", "no words")]

    database.run_write(lambda s: checklist.reset(s, own))
    with database.read() as session:
        assert checklist.in_force(session, own).source == "config"


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda s, c: checklist.add_item(s, c, "all", "x"), InputError, "cannot be an item's key"),
        (lambda s, c: checklist.add_item(s, c, "a b", "x"), InputError, "short lowercase word"),
        (lambda s, c: checklist.add_item(s, c, "x", "  "), InputError, "Say why"),
        (lambda s, c: checklist.add_item(s, c, "x", "y" * 201), InputError, "at most 200"),
        (lambda s, c: checklist.add_item(s, c, "consent", "x"), ConflictError, "already has"),
        (lambda s, c: checklist.remove_item(s, c, "nope"), NotFoundError, "the items are text"),
    ],
)
def test_wrong_changes_are_refused_and_nothing_is_stored(database, ctx, change, error, message):
    own = replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))
    with pytest.raises(error, match=message):
        database.run_write(lambda s: change(s, own))
    with database.read() as session:
        assert checklist.in_force(session, own).source == "config"


def test_the_last_item_is_not_removed_but_reset_instead(database, ctx):
    own = replace(ctx, settings=replace(ctx.settings, checklist=(Item("text", "no words"),)))
    with pytest.raises(InputError, match="checklist reset"):
        database.run_write(lambda s: checklist.remove_item(s, own, "text"))
