"""The words posted with a video on the card: the caption and alt text are edited in the card's
form, and likely identifiers in the title, notes, caption and alt text show under the field
while the person types."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Static, TextArea

from tests.tui.test_card import SIZE, open_card
from tracker.services import board
from tracker.tui.app import TrackerApp
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.form import FormScreen


async def edit_form(app, pilot) -> FormScreen:
    await open_card(app, pilot)
    await pilot.press("e")
    assert isinstance(app.screen, FormScreen)
    return app.screen


async def type_into(pilot, form: FormScreen, field: str, text: str) -> None:
    form.query_one(f"#field-{field}").focus()
    await pilot.pause()
    await pilot.press(*text)


def findings_under(form: FormScreen, field: str) -> str:
    """What the form shows under ``field`` (empty when the widget is hidden)."""
    shown = form.query_one(f"#check-{field}", Static)
    return str(shown.render()) if shown.display else ""


def stored(database, ctx) -> tuple[str, str]:
    with database.read() as session:
        video = board.resolve_video(session, "1")
        return video.caption, video.alt_text


async def test_typing_an_age_and_a_day_into_the_caption_shows_the_findings_by_rule(app, add):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        assert findings_under(form, "caption") == "", "an empty caption shows nothing"
        await type_into(pilot, form, "caption", "43-year-old seen last Tuesday")
        shown = findings_under(form, "caption")
        assert 'age "43-year-old"' in shown
        assert 'relative-time "last Tuesday"' in shown
        assert "guarantee" not in shown
        assert findings_under(form, "alt_text") == "", "each field shows its own findings"


async def test_fixing_the_words_clears_the_findings_as_the_person_types(app, add):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        typed = "43-year-old seen last Tuesday"
        await type_into(pilot, form, "caption", typed)
        assert "age" in findings_under(form, "caption")
        await pilot.press(*["backspace"] * len(typed))
        await pilot.press(*"A middle-aged patient: what do you see?")
        assert findings_under(form, "caption") == ""
        assert not form.query_one("#check-caption").display


async def test_the_title_and_notes_are_checked_too_from_the_moment_the_form_opens(
    app, add, database, ctx
):
    add("Seen by Dr Okafor")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        assert 'titled-name "Dr Okafor"' in findings_under(form, "title")
        await type_into(pilot, form, "notes", "came in yesterday")
        assert 'relative-time "yesterday"' in findings_under(form, "notes")


async def test_the_configured_local_words_are_flagged_as_the_lint_flags_them(database, ctx, add):
    local = replace(ctx, settings=replace(ctx.settings, local_words=("St Elsewhere",)))
    add("Unknown case 14")
    app = TrackerApp(database, local, watch=False)
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        await type_into(pilot, form, "alt_text", "CT from st elsewhere, no labels")
        assert 'local-word "st elsewhere"' in findings_under(form, "alt_text")


async def test_saving_stores_the_caption_and_alt_text_and_the_card_shows_them(
    app, add, database, ctx
):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        assert isinstance(form.query_one("#field-caption"), TextArea), "several lines"
        await type_into(pilot, form, "caption", "What do you see?")
        await pilot.press("enter")
        await pilot.press(*"Answer on Friday.")
        await type_into(pilot, form, "alt_text", "Axial CT of the chest, no labels")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CardScreen)
        assert stored(database, ctx) == (
            "What do you see?\nAnswer on Friday.",
            "Axial CT of the chest, no labels",
        )
        words = str(app.screen.query_one("#card-words").render())
        assert "Caption    What do you see? Answer on Friday." in words
        assert "Alt text   Axial CT of the chest, no labels" in words
        await pilot.press("u")
        assert stored(database, ctx) == ("", ""), "undo takes the words back too"


async def test_the_form_opens_with_the_stored_words_and_saves_only_what_changed(
    app, add, database, ctx
):
    add("Unknown case 14")
    database.run_write(
        lambda s: board.edit_video(s, ctx, "1", {"caption": "Line one\nline two", "alt_text": "X"})
    )
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        assert form.query_one("#field-caption", TextArea).text == "Line one\nline two"
        await type_into(pilot, form, "alt_text", "-ray of the wrist")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CardScreen)
    assert stored(database, ctx) == ("Line one\nline two", "-ray of the wrist" + "X")


async def test_a_long_caption_is_shortened_on_the_card(app, add, database, ctx):
    add("Unknown case 14")
    long_caption = "Tap to reveal. " * 200
    database.run_write(lambda s: board.edit_video(s, ctx, "1", {"caption": long_caption}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_card(app, pilot)
        words = screen.query_one("#card-words")
        assert words.outer_size.height == 3, "a blank line, then one line for each"
        caption_line = words.render_line(0).text  # its first line of text
        assert caption_line.startswith("Caption    Tap to reveal.")
        assert caption_line.rstrip().endswith("…")


async def test_a_long_pasted_text_shows_the_first_findings_and_counts_the_rest(app, add):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        form = await edit_form(app, pilot)
        form.query_one("#field-caption", TextArea).load_text("Seen yesterday. " * 10)
        await pilot.pause()
        shown = findings_under(form, "caption").splitlines()
        assert len(shown) == 7
        assert shown[-1] == "⚠ and 4 more like these"
