"""The pre-publish checklist on screen: a move into scheduled with it open asks why, and the
card ticks its items with the keyboard."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import Checkbox, Footer
from textual.widgets._footer import FooterKey

from tests.tui.test_board import SIZE, numbers
from tests.tui.test_keys import footer_keys
from tracker.core.checklist import DEFAULT_ITEMS
from tracker.services import board
from tracker.tui.app import TrackerApp
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.checklist import ChecklistScreen
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


SMALL = (80, 24)


async def open_checklist(app, pilot) -> ChecklistScreen:
    app.push_screen(CardScreen(app.workspace, 1))
    await pilot.pause()
    await pilot.press("k")
    await pilot.pause()
    assert isinstance(app.screen, ChecklistScreen)
    return app.screen


async def test_the_checklist_form_fits_80_by_24_with_one_line_an_item(review_app):
    async with review_app.run_test(size=SMALL) as pilot:
        form = await open_checklist(review_app, pilot)
        screen_region = form.region
        boxes = list(form.query(Checkbox))
        assert [box.id for box in boxes] == [f"field-{item.key}" for item in DEFAULT_ITEMS[1:]]
        for box in boxes:
            assert box.outer_size.height == 1, box.id
            assert screen_region.contains_region(box.region), box.id
            assert str(box.label).startswith(box.id.removeprefix("field-") + " ")
        assert not form.query(".field-label"), "no label above a box repeating its name"
        panel = form.query_one("#form")
        assert panel.max_scroll_y == 0, "nothing hidden below the fold"
        assert screen_region.contains_region(panel.region)
        for shown in ("#checklist-words", "#checklist-why", "#save", "#cancel"):
            assert screen_region.contains_region(form.query_one(shown).region), shown
        assert str(form.query_one("#checklist-words").render()).split()[0] == "text"
        why = str(form.query_one("#checklist-why").render())
        assert why == f"images: {DEFAULT_ITEMS[1].why}", "the focused item's reason in full"
        await pilot.press("down")
        assert str(form.query_one("#checklist-why").render()).startswith("when: ")


async def test_items_are_ticked_with_arrows_and_space_and_saved_with_ctrl_s(
    review_app, database, checked
):
    async with review_app.run_test(size=SMALL) as pilot:
        await open_checklist(review_app, pilot)
        await pilot.press("space", "down", "down", "space", "ctrl+s")
        assert isinstance(review_app.screen, CardScreen)
    done = {item.key for item, ticked in detail(database, checked).checklist.items if ticked}
    assert done == {"text", "images", "age"}


async def test_the_card_at_80_by_24_shows_k_in_the_footer_and_the_checklist_on_top(review_app):
    async with review_app.run_test(size=SMALL) as pilot:
        review_app.push_screen(CardScreen(review_app.workspace, 1))
        await pilot.pause()
        screen = review_app.screen
        palette = screen.query_one(Footer).query_one(".-command-palette", FooterKey).region
        keys = {description: (key, right) for key, description, right in footer_keys(review_app)}
        assert keys["Checklist"][0] == "k"
        assert keys["Checklist"][1] <= palette.x, "in view, not cut off by the palette's key"
        commands = {
            command.title: command.help for command in review_app.get_system_commands(screen)
        }
        assert commands["Checklist"] == "Key: k", "and in the command palette"
        fields = screen.query_one("#card-fields")
        assert "Checklist  8/9 open: k" in str(fields.render())
        assert screen.region.contains_region(fields.region), "the summary is on screen at once"


async def test_the_override_form_names_what_is_open_and_the_keys_not_commands(
    review_app, database, checked
):
    database.run_write(lambda s: board.edit_video(s, checked, "1", {"caption": "seen yesterday"}))
    database.run_write(lambda s: board.check_video(s, checked, "1", ["images", "when", "age"]))
    async with review_app.run_test(size=SIZE) as pilot:
        await pilot.press(*"llll", "shift+right")
        await pilot.pause()
        form = review_app.screen
        assert isinstance(form, FormScreen)
        text = " ".join(str(hint.render()) for hint in form.query(".field-hint"))
        assert "face, consent, disclaimer, policy, advice not ticked" in text
        assert "1 likely identifier in its words" in text
        assert "Enter opens it, k ticks items and e edits the words" in text
        assert "tracker " not in text and "--override" not in text
