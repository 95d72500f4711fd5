"""The pre-publish checklist: a card goes into scheduled or published only with every item
ticked and no identifier in its words, or with a written reason that is kept."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tracker.core.checklist import DEFAULT_ITEMS
from tracker.core.errors import ChecklistOpenError, InputError
from tracker.services import board


@pytest.fixture
def checked(ctx):
    """The context with the default checklist, as a new user has it."""
    return replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))


@pytest.fixture
def case(database, checked):
    database.run_write(lambda s: board.add_video(s, checked, "Unknown case 12", stage="review"))
    return "1"


def stage_of(database, ctx, ref):
    with database.read() as session:
        return board.video_detail(session, ctx, ref).video.stage


def test_moving_a_card_past_review_asks_for_the_safety_checklist(database, checked, case):
    with pytest.raises(ChecklistOpenError, match="checklist open, so it cannot go to scheduled"):
        database.run_write(lambda s: board.move_video(s, checked, case, "scheduled"))
    assert stage_of(database, checked, case) == "review"

    database.run_write(lambda s: board.check_video(s, checked, case, ["all"]))
    database.run_write(lambda s: board.move_video(s, checked, case, "scheduled"))
    assert stage_of(database, checked, case) == "scheduled"


def test_an_identifier_in_the_caption_keeps_the_checklist_open_until_it_is_gone(
    database, checked, case
):
    database.run_write(lambda s: board.check_video(s, checked, case, ["all"]))
    database.run_write(
        lambda s: board.edit_video(s, checked, case, {"caption": "43-year-old seen last Tuesday"})
    )
    with database.read() as session:
        listed = board.video_detail(session, checked, case).checklist
    assert listed.open == ("text",)
    assert [(f.field, f.finding.rule) for f in listed.findings] == [
        ("caption", "age"),
        ("caption", "relative-time"),
    ]
    with pytest.raises(ChecklistOpenError, match="2 identifier finding"):
        database.run_write(lambda s: board.move_video(s, checked, case, "published"))

    database.run_write(
        lambda s: board.edit_video(
            s, checked, case, {"caption": "Middle-aged, Wednesday's unknown"}
        )
    )
    database.run_write(lambda s: board.move_video(s, checked, case, "published"))
    assert stage_of(database, checked, case) == "published"


def test_an_override_needs_a_real_reason_and_is_kept_with_what_was_open(database, checked, case):
    with pytest.raises(InputError, match="at least 10 characters"):
        database.run_write(lambda s: board.move_video(s, checked, case, "published", override="ok"))
    reason = "Consent on file, names cropped by hand"
    database.run_write(lambda s: board.move_video(s, checked, case, "published", override=reason))

    with database.read() as session:
        [kept] = board.video_detail(session, checked, case).checklist.overrides
    assert (kept.stage, kept.reason, kept.member) == ("published", reason, "ana")
    assert set(kept.open_items) == {item.key for item in DEFAULT_ITEMS} - {"text"}


def test_an_override_outside_the_gated_stages_is_refused(database, checked, case):
    with pytest.raises(InputError, match="--override is for moves into scheduled or published"):
        database.run_write(
            lambda s: board.move_video(s, checked, case, "edit", override="no reason needed")
        )


def test_ticking_names_items_in_any_case_and_refuses_unknown_ones(database, checked, case):
    listed = database.run_write(lambda s: board.check_video(s, checked, case, ["Consent", "AGE"]))
    assert {item.key for item, done in listed.items if done} == {"text", "consent", "age"}
    with pytest.raises(InputError, match='no checklist item "consnet"; the items are images'):
        database.run_write(lambda s: board.check_video(s, checked, case, ["consnet"]))
    with pytest.raises(InputError, match="ticked by the identifier check itself"):
        database.run_write(lambda s: board.check_video(s, checked, case, ["text"]))
    listed = database.run_write(
        lambda s: board.check_video(s, checked, case, ["consent"], undo=True)
    )
    assert {item.key for item, done in listed.items if done} == {"text", "age"}


def test_no_checklist_configured_means_no_gate(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "A tutorial", stage="review"))
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    assert stage_of(database, ctx, "1") == "published"


def test_the_weekly_review_lists_the_overrides_of_its_week(database, checked, case):
    from tracker.core.periods import week_holding
    from tracker.formats import markdown
    from tracker.services.reports import build_report

    reason = "Consent on file, names cropped by hand"
    database.run_write(lambda s: board.move_video(s, checked, case, "published", override=reason))
    this_week = week_holding(checked.today(), 0)
    with database.read() as session:
        report = build_report(session, checked, this_week)
        earlier = build_report(session, checked, this_week.before())
    [line] = report.overrides
    assert (line.number, line.stage, line.reason, line.member) == (1, "published", reason, "ana")
    assert "## Checklist overrides" in markdown.write(report) and reason in markdown.write(report)
    assert earlier.overrides == []


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        ("\u200b" * 12, "at least 10 characters"),  # zero-width spaces say nothing
        ("".join(chr(n) for n in range(1, 15)), "at least 10 characters"),
        ("why " * 200, "at most 500 characters"),
    ],
)
def test_a_reason_that_says_nothing_or_too_much_is_refused(database, checked, case, reason, says):
    with pytest.raises(InputError, match=says):
        database.run_write(
            lambda s: board.move_video(s, checked, case, "published", override=reason)
        )
    assert stage_of(database, checked, case) == "review"


def test_a_reason_with_escape_codes_reaches_the_review_as_text(database, checked, case):
    from tracker.core.periods import week_holding
    from tracker.formats import markdown
    from tracker.services.reports import build_report

    reason = "\x1b[2J\x1b[31mconsent on file"
    database.run_write(lambda s: board.move_video(s, checked, case, "published", override=reason))
    with database.read() as session:
        text = markdown.write(build_report(session, checked, week_holding(checked.today(), 0)))
    assert "\x1b" not in text and "\\x1b\\[2J" in text


def test_a_new_video_cannot_start_in_a_gated_stage(database, checked):
    with pytest.raises(InputError, match="cannot start in published"):
        database.run_write(lambda s: board.add_video(s, checked, "Skip it", stage="published"))


def test_ticking_with_no_checklist_says_there_is_none(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "A tutorial"))
    with pytest.raises(InputError, match=r"no pre-publish checklist: \[checklist\]"):
        database.run_write(lambda s: board.check_video(s, ctx, "1", ["consent"]))


def test_a_caption_is_at_most_20000_characters(database, checked, case):
    with pytest.raises(InputError, match="caption is at most 20000 characters"):
        database.run_write(lambda s: board.edit_video(s, checked, case, {"caption": "x" * 20001}))
