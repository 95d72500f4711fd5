"""The board never loses a change made elsewhere, and never saves one twice."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.services import board, timelog
from tracker.tui.app import TrackerApp
from tracker.tui.screens.card import CardScreen
from tracker.tui.screens.form import FormScreen

SIZES = ((80, 24), (200, 50))
MARKUP = ("[/]", "[bold]", "[red]x[/red]", "[link=x]y", "\x1b[2J", "[@click=app.quit]q[/]")


def stage_of(database, number: int = 1) -> str:
    with database.read() as session:
        return board.resolve_video(session, str(number)).stage


@pytest.mark.parametrize("size", SIZES)
async def test_undo_refuses_when_the_card_changed_elsewhere_since(app, add, database, ctx, size):
    add("Unknown case 14")
    async with app.run_test(size=size) as pilot:
        await pilot.press("shift+right")
        assert stage_of(database) == "script"
        database.run_write(lambda s: board.move_video(s, ctx, "1", "review"))
        await pilot.press("u")
        await pilot.pause()
        assert stage_of(database) == "review", "the newer change elsewhere is kept"
        messages = [str(n.message) for n in app._notifications]
        assert any("refused" in m and "moved to review by ana" in m for m in messages), messages


async def test_an_edit_that_clashes_keeps_the_text_and_applies_it_on_a_second_save(
    app, add, database, ctx
):
    add("Unknown case 14")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(CardScreen(app.workspace, 1))
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-title").value = "Unknown case 14: the answer"
        database.run_write(lambda s: board.edit_video(s, ctx, "1", {"notes": "typed elsewhere"}))
        await pilot.press("ctrl+s")
        assert app.screen is form, "refused, the form stays open with the text"
        assert "Your text is kept" in str(form.query_one("#form-error").render())
        assert form.query_one("#field-title").value == "Unknown case 14: the answer"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, CardScreen)
    with database.read() as session:
        video = board.resolve_video(session, "1")
        assert (video.title, video.notes) == ("Unknown case 14: the answer", "typed elsewhere")


async def test_a_new_card_saved_twice_after_a_failure_is_one_card(app, database, ctx, monkeypatch):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-title").value = "Only once"
        calls = {"n": 0}
        real = app.workspace.database.run_write

        def saved_but_unanswered(work):  # the first save commits, then the line drops
            calls["n"] += 1
            result = real(work)
            if calls["n"] == 1:
                from tracker.core.errors import StorageError

                raise StorageError("The database cannot be reached right now.")
            return result

        monkeypatch.setattr(app.workspace.database, "run_write", saved_but_unanswered)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FormScreen), "the failure is shown, the text kept"
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, FormScreen)
    with database.read() as session:
        assert [v.title for v in board.list_videos(session, ctx)] == ["Only once"]


async def test_a_quick_timer_toggle_leaves_no_zero_minute_entry(app, add, database, ctx):
    add("Unknown case 14")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.press("t")
    with database.read() as session:
        assert timelog.list_entries(session, ctx, *ctx.day_bounds(ctx.today())).entries == ()


async def test_the_log_screen_shows_todays_total_at_once_after_a_change(app, add, database, ctx):
    add("Unknown case 14")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.press("a")
        form = app.screen
        form.query_one("#field-video").value = "1"
        form.query_one("#field-start").value = "8:00"
        form.query_one("#field-duration").value = "45m"
        await pilot.press("ctrl+s")
        assert "Today 45m" in str(app.screen.query_one("#timer-bar").render())
        await pilot.press("1")
        assert "Today 45m" in str(app.screen.query_one("#timer-bar").render())
    with database.read() as session:
        [entry] = timelog.list_entries(session, ctx, *ctx.day_bounds(ctx.today())).entries
        assert entry.activity == "idea", "the activity defaults to the video's stage"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.one_of(st.sampled_from(MARKUP), st.text(min_size=1, max_size=40)))
async def test_whatever_is_typed_into_a_new_card_is_saved_and_shown_as_typed(database, ctx, text):
    app = TrackerApp(database, ctx, watch=False)  # a fresh app for every example
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        form = app.screen
        for name in ("title", "notes"):
            form.query_one(f"#field-{name}").value = f"x {text}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen) or text.strip() == "", "saved"
        assert app.return_code is None, "no crash"
    with database.read() as session:
        titles = [v.title for v in board.list_videos(session, ctx)]
    assert " ".join(f"x {text}".split()) in titles


async def test_the_arrows_step_the_time_log_by_a_day(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.press("left")
        assert "Tuesday 24 November 2026" in str(app.screen.query_one("#log-period").render())
        await pilot.press("right", "right")
        assert "Thursday 26 November 2026" in str(app.screen.query_one("#log-period").render())


async def test_undoing_a_new_card_with_time_logged_on_it_is_refused(app, database, ctx, clock):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-title").value = "Worked on"
        await pilot.press("ctrl+s")
        start = clock.current.replace(hour=8)
        database.run_write(lambda s: timelog.log_entry(s, ctx, "1", start, start.replace(hour=9)))
        await pilot.press("u")
        await pilot.pause()
    with database.read() as session:
        assert [v.title for v in board.list_videos(session, ctx)] == ["Worked on"]


async def test_a_refused_save_shows_why_even_at_the_bottom_of_a_long_form(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        app.screen.query_one("#field-title").value = "A title"
        app.screen.query_one("#field-due").value = "3/4"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = app.screen.query_one("#form-error")
        assert "3 April or 4 March" in str(error.render())
        assert error.region.height > 0 and error.region.y < 24, "scrolled into view"
