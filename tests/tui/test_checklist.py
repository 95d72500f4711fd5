"""The pre-publish checklist on screen: a move into scheduled with it open asks why, and the
card ticks its items with the keyboard."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.tui.test_board import SIZE, numbers
from tracker.core.checklist import DEFAULT_ITEMS
from tracker.services import board
from tracker.tui.app import TrackerApp
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.form import FormScreen


@pytest.fixture
def checked(ctx):
    return replace(ctx, settings=replace(ctx.settings, checklist=DEFAULT_ITEMS))


@pytest.fixture
def review_app(database, checked):
    database.run_write(lambda s: board.add_video(s, checked, "Unknown case 12", stage="review"))
    return TrackerApp(database, checked, watch=False)


def detail(database, ctx):
    with database.read() as session:
        return board.video_detail(session, ctx, "1")


async def test_a_move_into_scheduled_with_the_checklist_open_asks_why_and_keeps_it(
    review_app, database, checked
):
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"llll")  # to the review column
        await pilot.press("shift+right")
        await pilot.pause()
        assert isinstance(review_app.screen, FormScreen)
        review_app.screen.query_one("#field-reason").value = "ok"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(review_app.screen, FormScreen), "a reason that says nothing is refused"
        review_app.screen.query_one("#field-reason").value = "Consent on file, names cropped"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert numbers(review_app, "scheduled") == [1]
    [kept] = detail(database, checked).checklist.overrides
    assert (kept.stage, kept.reason) == ("scheduled", "Consent on file, names cropped")


async def test_escape_on_the_question_leaves_the_card_where_it_was(review_app, database, checked):
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"llll", "shift+right")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert numbers(review_app, "review") == [1]
    assert detail(database, checked).checklist.overrides == ()


async def test_k_on_a_card_ticks_the_checklist_and_the_move_then_goes_through(
    review_app, database, checked
):
    async with review_app.run_test(size=SIZE) as pilot:
        review_app.push_screen(CardScreen(review_app.workspace, 1))
        await pilot.pause()
        await pilot.press("k")
        await pilot.pause()
        form = review_app.screen
        assert isinstance(form, FormScreen)
        for item in DEFAULT_ITEMS[1:]:
            form.query_one(f"#field-{item.key}").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[x] consent" in str(review_app.screen.query_one("#card-checklist").render())
    assert detail(database, checked).checklist.open == ()
    database.run_write(lambda s: board.move_video(s, checked, "1", "published"))
