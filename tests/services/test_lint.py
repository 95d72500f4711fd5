"""The identifier lint over the board, on SQLite and PostgreSQL: which videos it reads, which
field each finding is in, and that the spans point into that field's text."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event

from tracker.core.errors import AmbiguousError, NotFoundError
from tracker.db.database import Database
from tracker.services import board, lint
from tracker.services.context import Context


def add(database: Database, ctx: Context, title: str, **options: Any) -> int:
    return database.run_write(lambda s: board.add_video(s, ctx, title, **options)).number


def lint_board(database: Database, ctx: Context) -> list[lint.VideoLint]:
    with database.read() as session:
        return lint.lint_board(session, ctx)


def lint_video(database: Database, ctx: Context, ref: str) -> lint.VideoLint:
    with database.read() as session:
        return lint.lint_video(session, ctx, ref)


def test_each_finding_names_its_field_and_a_span_into_that_fields_text(database, ctx):
    title, notes = "A 43-year-old with chest pain", "Seen yesterday, MRN 12345678."
    add(database, ctx, title, notes=notes)
    checked = lint_video(database, ctx, "1")
    assert (checked.number, checked.title, checked.stage) == (1, title, "idea")
    assert [(f.field, f.rule, f.text) for f in checked.findings] == [
        ("title", "age", "43-year-old"),
        ("notes", "relative-time", "yesterday"),
        ("notes", "record-number", "MRN 12345678"),
    ]
    texts = {"title": title, "notes": notes}
    for finding in checked.findings:
        assert texts[finding.field][finding.start : finding.end] == finding.text
        assert finding.why


def test_the_board_lint_reads_only_videos_on_their_way_out(database, ctx, clock):
    dirty = "Seen on 17/11/2026"
    add(database, ctx, f"Published, archived: {dirty}", stage="published")
    clock.advance(days=3)
    database.run_write(lambda s: board.archive_published(s, ctx, timedelta(days=1)))
    add(database, ctx, f"Waiting: {dirty}", stage="edit")
    add(database, ctx, "A clean teaching point", notes="Fleischner 2017 guidelines")
    add(database, ctx, f"Published: {dirty}", stage="published")
    add(database, ctx, f"Dropped: {dirty}", stage="dropped")
    removed = add(database, ctx, f"Removed: {dirty}")
    database.run_write(lambda s: board.remove_video(s, ctx, str(removed)))

    checked = lint_board(database, ctx)

    assert [(video.number, len(video.findings)) for video in checked] == [(2, 1), (3, 0)]
    assert checked[0].findings[0].rule == "date"


def test_a_video_that_is_out_is_linted_when_it_is_named(database, ctx):
    add(database, ctx, "Published: a 43-year-old", stage="published")
    add(database, ctx, "Dropped: a 43-year-old", stage="dropped")
    assert lint_board(database, ctx) == []
    for ref in ("1", "#2"):
        assert [f.rule for f in lint_video(database, ctx, ref).findings] == ["age"]


def test_a_video_is_named_as_everywhere_else_and_a_bad_name_is_refused(database, ctx):
    add(database, ctx, "Chest pain, seen yesterday")
    add(database, ctx, "Chest X-ray basics")
    assert lint_video(database, ctx, "pain").number == 1
    with pytest.raises(NotFoundError):
        lint_video(database, ctx, "99")
    with pytest.raises(AmbiguousError):
        lint_video(database, ctx, "chest")


def test_the_members_local_words_are_flagged(database, ctx):
    add(
        database,
        ctx,
        "Unknown case 12",
        notes="Referred from St  Elsewhere\u2019s to Mercy General",
    )
    # Unlisted, the saint's name is still a likely place; "Mercy" is only a word.
    unlisted = lint_board(database, ctx)[0].findings
    assert [(f.rule, f.text) for f in unlisted] == [("place-name", "St  Elsewhere\u2019s")]
    local = replace(ctx, settings=replace(ctx.settings, local_words=("St Elsewhere's", "mercy")))
    findings = lint_board(database, local)[0].findings
    assert [(f.field, f.rule, f.text) for f in findings] == [
        ("notes", "local-word", "St  Elsewhere\u2019s"),
        ("notes", "local-word", "Mercy"),
    ]


def test_the_caption_and_the_alt_text_are_read_as_the_checklist_reads_them(database, ctx):
    add(database, ctx, "Unknown case 12")
    changes = {"caption": "Seen 17/11/2026", "alt_text": "Axial CT of a 43M"}
    database.run_write(lambda s: board.edit_video(s, ctx, "1", changes))
    for checked in (lint_board(database, ctx)[0], lint_video(database, ctx, "1")):
        assert [(f.field, f.text) for f in checked.findings] == [
            ("caption", "17/11/2026"),
            ("alt_text", "43M"),
        ]


def test_the_board_is_read_in_two_statements_however_many_videos_it_holds(database, ctx):
    for number in range(12):
        add(database, ctx, f"Case {number}: a {40 + number}-year-old", notes="seen last week")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        checked = lint_board(database, ctx)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)
    assert len(checked) == 12 and all(len(video.findings) == 2 for video in checked)
    # The videos, then all their posts: never a statement per video.
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 2


def test_very_long_notes_and_control_characters_are_read_as_they_are(database, ctx):
    notes = "normal findings " * 5_000 + "MRN " + "9" * 20_000
    title = "Chest \x1b[2J pain\x07 on 17/11/2026"
    add(database, ctx, "placeholder", notes=notes)
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"title": title}))
    checked = lint_video(database, ctx, "1")
    stored_title = checked.title
    by_field = {f.field: f for f in checked.findings}
    assert stored_title[by_field["title"].start : by_field["title"].end] == "17/11/2026"
    assert by_field["notes"].rule == "record-number"
    assert by_field["notes"].end == len(notes)


def test_an_evergreen_video_that_names_a_month_or_this_week_is_flagged(database, ctx):
    number = add(database, ctx, "Pneumothorax: November update")
    database.run_write(
        lambda s: board.edit_video(s, ctx, str(number), {"caption": "New this week!"})
    )
    assert lint_video(database, ctx, str(number)).findings == ()  # not evergreen: fine

    database.run_write(lambda s: board.edit_video(s, ctx, str(number), {"evergreen": True}))
    (checked,) = lint_board(database, ctx)
    assert [(f.field, f.rule, f.text) for f in checked.findings] == [
        ("title", "dated", "November"),
        ("caption", "dated", "this week"),
    ]
