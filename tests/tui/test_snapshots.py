"""How the main screens look, at a fixed size, clock and sample board.

Update after an intended change of look with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from dataclasses import replace

from tracker.core.checklist import DEFAULT_ITEMS
from tracker.services import timelog
from tracker.services.sample import fill_sample
from tracker.tui.app import TrackerApp
from tracker.tui.screens.card import CardScreen


def sample_app(database, ctx) -> TrackerApp:
    database.run_write(lambda s: fill_sample(s, ctx))
    database.run_write(lambda s: timelog.start_timer(s, ctx, "7"))
    return TrackerApp(database, ctx, watch=False)


def test_the_board_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24))


def test_the_board_on_a_wide_terminal(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(200, 50), press=["l", "j"])


def test_the_card_detail(snap_compare, database, ctx):
    app = sample_app(database, ctx)

    async def open_card(pilot) -> None:
        app.push_screen(CardScreen(app.workspace, 8))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_card)


def test_the_time_log_week(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(120, 36), press=["2", "w"])


def test_the_insights_screen(snap_compare, database, ctx):
    app = sample_app(database, ctx)

    async def show_insights(pilot) -> None:
        app.clear_notifications()  # the check-in reminder fades in at its own pace
        await pilot.press("3")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(140, 40), run_before=show_insights)


def test_the_card_detail_at_80_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)

    async def open_card(pilot) -> None:
        app.push_screen(CardScreen(app.workspace, 8))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_card)


def test_the_time_log_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24), press=["2"])


def test_the_new_video_form_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24), press=["n"])


def test_the_entry_form_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24), press=["2", "a"])


def test_the_plan_a_break_form_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24), press=["p"])


def test_the_delete_question_at_80_by_24(snap_compare, database, ctx):
    assert snap_compare(sample_app(database, ctx), terminal_size=(80, 24), press=["d"])


def test_the_review_at_80_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)

    async def show_review(pilot) -> None:
        app.clear_notifications()
        await pilot.press("4")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=show_review)


def test_the_checklist_form_at_80_by_24(snap_compare, database, ctx):
    checked = replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))
    app = sample_app(database, checked)

    async def open_checklist(pilot) -> None:
        app.push_screen(CardScreen(app.workspace, 8))
        await pilot.pause()
        await pilot.press("k", "down")

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_checklist)


def test_the_edit_form_with_findings_in_the_caption_at_80_by_24(snap_compare, database, ctx):
    app = sample_app(database, ctx)

    async def type_a_caption(pilot) -> None:
        app.push_screen(CardScreen(app.workspace, 8))
        await pilot.pause()
        await pilot.press("e")
        app.screen.query_one("#field-caption").focus()
        await pilot.press(*"43-year-old seen last Tuesday")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=type_a_caption)
