"""Break prompts in the TUI: one question naming every limit crossed, at the moment it is
crossed, with the answers that fit, and each answer held for what it answered."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import ZONE
from tracker.services import breaks, timelog
from tracker.tui.app import TrackerApp
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.confirm import ConfirmScreen
from tracker.tui.screens.prompt import PromptScreen

SIZES = ((80, 24), (200, 50))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=ZONE)


def answers(database, ctx) -> dict[str, int]:
    with database.read() as session:
        return breaks.prompt_history(session, ctx)[1]


def running(database, ctx):
    with database.read() as session:
        return timelog.running_timer(session, ctx)


def log(database, ctx, start: datetime, end: datetime, **options) -> None:
    database.run_write(lambda s: timelog.log_entry(s, ctx, None, start, end, **options))


def days_of_work(database, ctx, first: int, last: int) -> None:
    """Half an hour each morning, from the ``first`` to the ``last`` day of November."""
    for day in range(first, last + 1):
        log(database, ctx, at(day, 7), at(day, 7, 30))


def shown(app) -> str:
    """Every line the screen in front shows."""
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


def bar(app) -> str:
    return str(app.screen.query_one("#timer-bar").render())


def prompts(app) -> list[PromptScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, PromptScreen)]


@pytest.mark.parametrize("size", SIZES)
async def test_one_prompt_names_every_limit_crossed_alerts_first(
    app, add, database, ctx, clock, size
):
    add("Unknown case 14")
    days_of_work(database, ctx, 13, 24)  # with today, 13 days in a row
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        clock.advance(hours=4, minutes=5)
        app.check_signals()
        await pilot.pause()
        assert len(prompts(app)) == 1 and isinstance(app.screen, PromptScreen)
        text = shown(app)
        for message in ("245 minutes without a pause", "4.1 h of video work today"):
            assert message in text
        assert "13 days in a row" in text, "the days-in-a-row alert prompts too"
        assert text.count("‼") == 3
        for offered in ("s stop the timer", "b take a 10-minute break", "z snooze 15 min"):
            assert offered in text
        assert "r rest tomorrow" in text and "Esc dismiss" in text
        await pilot.press("z")
        assert isinstance(app.screen, BoardScreen)
        # 12 days in a row were a warning, noted, when the timer started
        assert answers(database, ctx) == {"noted": 1, "snoozed": 3}, "one for each signal"
        app.check_signals()
        await pilot.pause()
        assert not prompts(app), "the snooze holds"


@pytest.mark.parametrize("size", SIZES)
async def test_several_warnings_make_one_toast(app, add, database, ctx, clock, size):
    add("Unknown case 14")
    days_of_work(database, ctx, 19, 24)  # with today, 7 days in a row
    log(database, ctx, at(25, 7), at(25, 9, 10))
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    async with app.run_test(size=size) as pilot:
        app.clear_notifications()
        clock.advance(minutes=55)
        app.check_signals()
        await pilot.pause()
        assert not prompts(app), "warnings are a toast, not a question"
        [toast] = list(app._notifications)
        for message in ("55 minutes without a pause", "3.1 h of video work", "7 days in a row"):
            assert message in str(toast.message)
        assert toast.title == "A gentle note" and "Self-monitoring only" in str(toast.message)
        assert answers(database, ctx) == {"noted": 3}
        app.check_signals()
        await pilot.pause()
        assert len(app._notifications) == 1, "never twice for the same crossing"


@pytest.mark.parametrize("size", SIZES)
async def test_without_a_timer_there_is_no_stop_and_no_break_to_take(
    app, database, ctx, clock, size
):
    days_of_work(database, ctx, 11, 25)  # 15 days in a row, the last this morning
    async with app.run_test(size=size) as pilot:
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        text = shown(app)
        assert "15 days in a row with work logged" in text
        assert "stop the timer" not in text and "-minute break" not in text
        assert "r rest tomorrow" in text and "z snooze" in text and "Esc dismiss" in text
        await pilot.press("s", "b")
        assert isinstance(app.screen, PromptScreen), "keys not offered do nothing"
        assert answers(database, ctx) == {}
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
        assert answers(database, ctx) == {"dismissed": 1}


@pytest.mark.parametrize("size", SIZES)
async def test_a_timer_past_the_pause_limit_prompts_and_a_break_pauses_the_pause_line(
    app, add, database, ctx, clock, size
):
    add("Unknown case 14")
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        clock.advance(minutes=95)
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        assert "95 minutes without a pause" in shown(app)
        assert "r rest tomorrow" not in shown(app), "a rest day does not answer a long session"
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert running(database, ctx) is None
        assert answers(database, ctx) == {"break": 1}
        assert "without a pause" not in bar(app), "the break stands in for the pause line"
        clock.advance(minutes=1)
        app.tick()
        assert "Break: 9:00 left" in bar(app) and "without a pause" not in bar(app)
        app.check_signals()
        await pilot.pause()
        assert not prompts(app) and "without a pause" not in bar(app)
        await pilot.press("t")
        assert isinstance(app.screen, ConfirmScreen), "starting again during the break asks"
        await pilot.press("n")
        assert running(database, ctx) is None
        clock.advance(minutes=10)
        app.check_signals()
        app.tick()
        await pilot.pause()
        assert not prompts(app) and "Break" not in bar(app) and "without a pause" not in bar(app)


@pytest.mark.parametrize("size", SIZES)
async def test_snoozing_holds_for_its_minutes(app, add, database, ctx, clock, size):
    add("Unknown case 14")
    async with app.run_test(size=size) as pilot:
        await pilot.press("t")
        clock.advance(minutes=91)
        app.check_signals()
        await pilot.pause()
        await pilot.press("z")
        assert answers(database, ctx) == {"snoozed": 1}, "past 90 minutes it is one alert"
        clock.advance(minutes=14)
        app.check_signals()
        await pilot.pause()
        assert not prompts(app)
        clock.advance(minutes=2)
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press("escape")
        assert answers(database, ctx)["dismissed"] == 1
        assert running(database, ctx) is not None, "dismissing leaves the timer running"
        clock.advance(minutes=30)
        app.check_signals()
        await pilot.pause()
        assert not prompts(app), "dismissed holds for the session"


@pytest.mark.parametrize("size", SIZES)
async def test_rest_tomorrow_silences_the_daily_load_until_the_day_after_tomorrow(
    app, database, ctx, clock, size
):
    days_of_work(database, ctx, 13, 25)  # 13 days in a row, the last this morning
    async with app.run_test(size=size) as pilot:
        app.check_signals()
        await pilot.pause()
        assert "13 days in a row" in shown(app)
        await pilot.press("r")
        with database.read() as session:
            [planned] = breaks.planned_breaks(session, ctx)
        assert (planned.start_at, planned.end_at) == (at(26, 0), at(27, 0))

        clock.current = at(25, 15)  # four more hours today: a new crossing, the same family
        log(database, ctx, at(25, 10, 5), at(25, 14, 30))
        app.check_signals()
        await pilot.pause()
        assert "video work today" in bar(app) or "(+" in bar(app)
        assert not prompts(app), "no prompt eight minutes (or five hours) later"

        clock.current = at(26, 15)  # work on the rest day anyway: still quiet
        log(database, ctx, at(26, 10), at(26, 14, 30), during_break=True)
        app.check_signals()
        await pilot.pause()
        assert not prompts(app)

        clock.current = at(27, 15)  # the day after tomorrow: the family speaks again
        log(database, ctx, at(27, 10), at(27, 14, 30))
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        text = shown(app)
        assert "4.5 h of video work today" in text and "15 days in a row" in text


@pytest.mark.parametrize("size", SIZES)
async def test_a_board_alert_prompts_with_only_snooze_and_dismiss(
    app, add, database, ctx, clock, size
):
    from tracker.services import board

    add("Unknown case 14")
    database.run_write(lambda s: board.move_video(s, ctx, "1", "edit"))
    clock.advance(days=31)
    async with app.run_test(size=size) as pilot:
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        text = shown(app)
        assert "About your board" in text and "in edit for 31 days" in text
        offered = [str(key.render()) for key in app.screen.query(".prompt-key")]
        assert offered == ["z snooze 15 min", "Esc dismiss"]


async def test_the_prompt_shows_at_the_moment_the_app_opens(database, ctx, clock):
    days_of_work(database, ctx, 11, 25)
    app = TrackerApp(database, ctx, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen), "not thirty seconds later"
        assert "15 days in a row" in shown(app)
        assert not app._notifications, "the check-in reminder waits: one message at a time"
        await pilot.press("escape")
        await pilot.pause()
        assert ["A check-in is due" in str(n.message) for n in app._notifications] == [True]


async def test_the_next_look_is_scheduled_for_the_moment_a_limit_is_crossed(
    add, database, ctx, clock
):
    add("Unknown case 14")
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    app = TrackerApp(database, ctx, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not prompts(app)
        assert app.wellbeing.next_check_at == at(25, 10, 50), "fifty minutes of work"
        clock.advance(minutes=50)
        app.check_signals()
        await pilot.pause()
        assert any("50 minutes without a pause" in str(n.message) for n in app._notifications)
        assert app.wellbeing.next_check_at == at(25, 11, 30), "the alert at ninety"
        await pilot.press("t")  # stopping: no time alone crosses anything now
        await pilot.pause()
        assert app.wellbeing.next_check_at != at(25, 11, 30)


@pytest.mark.parametrize("size", SIZES)
async def test_a_break_planned_from_the_tui_shows_on_the_status_line(
    app, database, ctx, clock, size
):
    async with app.run_test(size=size) as pilot:
        await pilot.press("p")
        app.screen.query_one("#field-start").value = "now"
        app.screen.query_one("#field-end").value = "fri"
        await pilot.press("ctrl+s")
        # The same rule as `tracker break --to fri`: a day alone lasts through that day.
        assert "On a planned break until Sat 28 Nov 00:00" in bar(app)
        await pilot.press("t")
    assert running(database, ctx) is None
