"""`tracker checklist ls | add | rm | reset`: the checklist in force and a practice's own."""

from __future__ import annotations

from tests.helpers import snapshot
from tracker.db.database import open_database


def test_an_item_added_to_the_database_gates_the_move_and_reset_hands_back(run):
    run("add", "Unknown case 12", "--stage", "review")
    code, out, _ = run("checklist", "ls")
    assert code == 0 and out == (
        "No pre-publish checklist: [checklist] in your config is empty, so moves are not gated.\n"
    )
    code, out, _ = run("checklist", "add", "consent", "Signed consent form on file")
    assert code == 0 and out.splitlines()[:3] == [
        "The pre-publish checklist, kept in the database for everyone who uses it:",
        "item     why",
        "consent  Signed consent form on file",
    ]
    code, _, err = run("move", "1", "published")
    assert code == 2 and "tick consent" in err

    assert run("checklist", "reset")[0] == 0
    assert run("move", "1", "published")[0] == 0


def test_a_wrong_key_is_one_line_and_changes_nothing(run, db_url):
    run("checklist", "add", "consent", "Signed consent form on file")
    database = open_database(db_url)
    before = snapshot(database)
    for args in (("add", "all", "x"), ("add", "consent", "again"), ("rm", "nope")):
        code, out, err = run("checklist", *args)
        assert code != 0 and out == "" and err.count("\n") == 1
    assert snapshot(database) == before
    database.dispose()
