"""Commands for the pre-publish checklist itself: which one is in force, and a practice's own
kept in the database (`tracker check` ticks a video's items)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import render
from tracker.cli.base import JsonOption, group, state

if TYPE_CHECKING:
    from tracker.services.checklist import ChecklistInForce

checklist_app = group(
    "checklist", "The pre-publish checklist in force; a practice's own, kept in the database."
)
KeyArgument = Annotated[str, typer.Argument(metavar="KEY", help="The item's key, e.g. consent.")]


@checklist_app.command("ls")
def checklist_ls(json: JsonOption = False) -> None:
    """Show the checklist in force and where it comes from (the database or your config)."""
    from tracker.services import checklist

    database, context = state.open(create=False)
    with database.read() as session:
        found = checklist.in_force(session, context)
    if json:
        render.as_json(found)
        return
    _show(found)


@checklist_app.command("add")
def checklist_add(
    key: KeyArgument,
    why: Annotated[str, typer.Argument(metavar="WHY", help="Why it matters, in one line.")],
) -> None:
    """Add an item to the database's checklist, for everyone who uses the database."""
    from tracker.services import checklist

    database, context = state.open()
    _show(database.run_write(lambda s: checklist.add_item(s, context, key, why)))


@checklist_app.command("rm")
def checklist_rm(key: KeyArgument) -> None:
    """Remove an item from the database's checklist (ticks on videos stay, unused)."""
    from tracker.services import checklist

    database, context = state.open()
    _show(database.run_write(lambda s: checklist.remove_item(s, context, key)))


@checklist_app.command("reset")
def checklist_reset() -> None:
    """Drop the database's checklist: each member's config decides again."""
    from tracker.services import checklist

    database, context = state.open()
    _show(database.run_write(lambda s: checklist.reset(s, context)))


def _show(found: ChecklistInForce) -> None:
    if not found.items:
        render.say(
            "No pre-publish checklist: [checklist] in your config is empty, so moves are not gated."
        )
        return
    if found.source == "database":
        render.say("The pre-publish checklist, kept in the database for everyone who uses it:")
    else:
        render.say("The pre-publish checklist from your config ([checklist], or the defaults):")
    render.table(("item", "why"), [(item.key, item.why) for item in found.items], flexible=1)
