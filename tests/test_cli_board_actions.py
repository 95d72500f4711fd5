"""The board's direct actions on the command line: drop, undrop, archive, unarchive."""

from __future__ import annotations

import json


def test_drop_and_undrop_a_video(run):
    run("add", "Five signs", "--stage", "edit")
    code, out, _ = run("drop", "five")
    assert code == 0 and out == (
        "Dropped #1 Five signs (was in edit). Bring it back with: tracker undrop 1\n"
    )
    code, _, err = run("drop", "1")
    assert code != 0 and "already dropped" in err
    assert run("undrop", "1")[1] == "Brought back #1 Five signs to edit.\n"
    code, _, err = run("undrop", "1")
    assert code != 0 and "not dropped" in err
    history = run("show", "1")[1]
    assert "edit → dropped" in history and "dropped → edit" in history


def test_archive_old_published_videos_and_list_them_with_all(run):
    run("add", "Old one", "--stage", "published")
    run.clock.advance(weeks=5)  # type: ignore[attr-defined]
    run("add", "New one", "--stage", "published")
    code, out, _ = run("archive")
    assert code == 0 and out.startswith("Archived 1 published video (#1)")
    assert run("archive", "--older-than", "4w")[1] == (
        "No published video on the board is older than 4w.\n"
    )
    listed = run("ls", "--all")[1]
    assert "published (archived)" in listed and "New one" in listed
    videos = json.loads(run("ls", "--all", "--json")[1])
    assert [(v["number"], v["archived"]) for v in videos] == [(1, True), (2, False)]
    assert run("unarchive", "1")[0] == 0
    assert "archived" not in run("ls", "--all")[1]


def test_a_bad_age_is_refused(run):
    code, _, err = run("archive", "--older-than", "soon")
    assert code == 2 and 'Cannot read "soon" as an age' in err
