"""The check-in in the TUI: one question at a time, answered with keys, and one result."""

from __future__ import annotations

import pytest

from tracker.services import breaks, checkins
from tracker.tui.screens.board import BoardScreen
from tracker.tui.screens.checkin import CheckinScreen
from tracker.tui.screens.prompt import PromptScreen

SIZES = ((80, 24), (200, 50))


def shown(app) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


def history(database, ctx) -> list[checkins.CheckInView]:
    with database.read() as session:
        return checkins.checkin_history(session, ctx)


def fits(app) -> bool:
    """The whole page is on the screen, nothing cut off or scrolled away."""
    box = app.screen.query_one("#checkin")
    width, height = app.size
    inside = box.region.right <= width and box.region.bottom <= height
    return inside and box.virtual_size.height <= box.scrollable_content_region.height


@pytest.mark.parametrize("size", SIZES)
async def test_a_check_in_answered_with_keys_skip_and_back(app, database, ctx, size):
    items = checkins.instrument()
    async with app.run_test(size=size) as pilot:
        await pilot.press("c")
        assert isinstance(app.screen, CheckinScreen)
        text = shown(app)
        assert "Our instruction, not part of the inventory" in text
        assert checkins.INSTRUCTION in " ".join(text.split())
        assert "Self-monitoring only" in text and fits(app)

        await pilot.press("enter")
        text = shown(app)
        assert "question 1 of 13" in text and items[0].text in text
        assert "1  Always" in text and "5  Never/almost never" in text
        assert "0 or s skip" in text and "← back" in text
        await pilot.press("2")
        assert "question 2 of 13" in shown(app)
        await pilot.press("backspace")
        assert "question 1 of 13" in shown(app) and "▸ 2  Often" in shown(app), "kept"
        assert "→ keep" in shown(app)
        await pilot.press("1", "1", "s", "1")
        text = shown(app)
        assert "question 5 of 13" in text and items[4].text in text
        await pilot.press("left")
        assert "question 4 of 13" in shown(app) and "▸ 1  Always" in shown(app)
        await pilot.press("right", "1", "1", "0")  # 5, 6 answered; 7 skipped
        text = shown(app)
        assert "question 8 of 13" in text and "To a very high degree" in text
        for item in items[7:]:
            assert " ".join(item.text.split()) in " ".join(shown(app).split())
            assert fits(app), "the whole question and its answers are visible"
            await pilot.press("2")

        text = shown(app)
        assert "Check-in saved" in text
        assert "Personal burnout       100 / 100" in text
        assert "Work-related burnout   67 / 100" in text  # one item is reversed
        assert "High: please consider talking to a professional" in text, "the higher score"
        assert "Self-monitoring only" in text and fits(app)
        assert len(app._notifications) <= 1, "no long toast besides the reminder"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen), "the result was the one message"
    [view] = history(database, ctx)
    assert (view.personal_score, view.work_score) == (100, pytest.approx(66.67, abs=0.01))
    with database.read() as session:
        assert breaks.prompt_history(session, ctx)[1] == {"noted": 1}


@pytest.mark.parametrize("size", SIZES)
async def test_too_few_answers_are_refused_and_the_person_goes_back_to_answer_more(
    app, database, ctx, size
):
    async with app.run_test(size=size) as pilot:
        await pilot.press("c", "enter", "3", "3")
        await pilot.press(*["0"] * 4)  # two of the six personal questions
        await pilot.press(*["3"] * 7)
        text = shown(app)
        assert "Not saved: too few answers" in text
        assert "Answer at least 3 of the 6 personal questions" in text
        assert history(database, ctx) == [], "nothing saved"
        await pilot.press("backspace")
        assert "question 3 of 13" in shown(app), "back at the first question skipped"
        await pilot.press("4")
        await pilot.press(*["right"] * 10)
        assert "Check-in saved" in shown(app)
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)
    [view] = history(database, ctx)
    assert (view.personal_score, view.work_score) == (pytest.approx(41.67, abs=0.01), 50)


@pytest.mark.parametrize("size", SIZES)
async def test_leaving_the_check_in_saves_nothing(app, database, ctx, size):
    async with app.run_test(size=size) as pilot:
        await pilot.press("c", "enter", "1", "1", "1", "escape")
        assert isinstance(app.screen, BoardScreen)
    assert history(database, ctx) == []


async def test_a_high_score_says_so_once_in_the_result(app, database, ctx, clock):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter", *["1"] * 13)
        assert "High: please consider talking to a professional" in shown(app)
        app.check_signals()
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen), "no prompt over the result"
        await pilot.press("enter")
        await pilot.pause()
        app.check_signals()
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen), "and none after it"
        assert "talking to a professional" in str(app.screen.query_one("#timer-bar").render())
