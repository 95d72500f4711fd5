"""Break prompts in the TUI: at the moment a limit is crossed, once, and the answer kept."""

from __future__ import annotations

from tracker.services import breaks, timelog
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.prompt import PromptScreen

SIZE = (120, 36)


def answers(database, ctx) -> dict[str, int]:
    with database.read() as session:
        return breaks.prompt_history(session, ctx)[1]


def running(database, ctx):
    with database.read() as session:
        return timelog.running_timer(session, ctx)


async def test_a_timer_past_the_pause_limit_prompts_once_and_a_break_stops_it(
    app, add, database, ctx, clock
):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        clock.advance(minutes=55)
        app.check_signals()
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen), "a warning is a toast, not a question"
        assert answers(database, ctx) == {"noted": 1}
        clock.advance(minutes=40)
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert "95 minutes without a pause" in str(app.screen.query_one("#prompt-message").render())
        await pilot.press("b")
        assert isinstance(app.screen, BoardScreen)
        assert running(database, ctx) is None
        assert answers(database, ctx) == {"noted": 1, "break": 1}
        clock.advance(minutes=1)
        app.tick()
        assert "Break: 9:00 left" in str(app.screen.query_one("#timer-bar").render())
        app.check_signals()
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen), "never twice for the same crossing"
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmScreen), "starting again during the break asks"
        await pilot.press("n")
        assert running(database, ctx) is None


async def test_snoozing_delays_the_prompt(app, add, database, ctx, clock):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        clock.advance(minutes=91)
        app.check_signals()
        await pilot.pause()
        await pilot.press("z")
        assert answers(database, ctx) == {"snoozed": 1}, "past 90 minutes it is one alert"
        clock.advance(minutes=10)
        app.check_signals()
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)
        clock.advance(minutes=6)
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        assert answers(database, ctx)["dismissed"] == 1
        assert running(database, ctx) is not None, "dismissing leaves the timer running"


async def test_rest_tomorrow_plans_a_break(app, add, database, ctx, clock):
    add("Unknown case 14")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        clock.advance(minutes=95)
        app.check_signals()
        await pilot.pause()
        await pilot.press("r")
    with database.read() as session:
        [planned] = breaks.planned_breaks(session, ctx)
    assert planned.start_at.astimezone(ctx.zone).isoformat() == "2026-11-26T00:00:00+01:00"


async def test_a_check_in_from_the_tui_is_scored_and_kept(app, database, ctx):
    from tracker.services import checkins
    from tracker.tui.screens.form import FormScreen

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        form = app.screen
        assert isinstance(form, FormScreen) and "Self-monitoring only" in form.form_title
        for number, item in enumerate(checkins.instrument(), start=1):
            form.query_one(f"#field-q{number}").value = item.choices[1]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen), "a high score asks at that moment"
        assert "talking to a professional" in str(app.screen.query_one("#prompt-message").render())
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    with database.read() as session:
        [view] = checkins.checkin_history(session, ctx)
    assert (view.personal_score, round(view.work_score)) == (75, 68)


async def test_a_break_planned_from_the_tui_shows_on_the_status_line(app, database, ctx, clock):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        app.screen.query_one("#field-start").value = "now"
        app.screen.query_one("#field-end").value = "fri"
        await pilot.press("ctrl+s")
        # The same rule as `tracker break --to fri`: a day alone lasts through that day.
        assert "On a planned break until Sat 28 Nov 00:00" in str(
            app.screen.query_one("#timer-bar").render()
        )
        await pilot.press("t")
    assert running(database, ctx) is None
