"""The first board screen, driven through Textual's Pilot."""

from __future__ import annotations

from textual.widgets import Label, OptionList

from tracker.services import board
from tracker.tui.app import TrackerApp


async def test_the_board_shows_a_column_per_stage_with_its_cards(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "Five signs", platforms=("youtube",)))
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown case 14", stage="edit"))
    app = TrackerApp(database, ctx)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = pilot.app.screen
        titles = [str(label.render()) for label in screen.query(".column-title").results(Label)]
        assert titles == [
            "idea (1)",
            "script (0)",
            "record (0)",
            "edit (1)",
            "review (0)",
            "scheduled (0)",
            "published (0)",
        ]
        edit_cards = screen.query_one("#cards-edit", OptionList)
        assert edit_cards.option_count == 1
        assert "#2 Unknown case 14" in str(edit_cards.get_option_at_index(0).prompt)


async def test_refresh_picks_up_a_card_added_elsewhere(database, ctx):
    app = TrackerApp(database, ctx)
    async with app.run_test(size=(120, 30)) as pilot:
        database.run_write(lambda s: board.add_video(s, ctx, "Added from the CLI"))
        await pilot.press("r")
        ideas = pilot.app.screen.query_one("#cards-idea", OptionList)
        assert ideas.option_count == 1
        await pilot.press("q")
    assert app.return_code == 0
