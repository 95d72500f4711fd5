"""The board at the sizes people use: every stage from 80 columns up, a count of the stages off
screen below that, compact cards where space is short, full ones where it is not, and a status
line that never cuts its signal off."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.services import timelog
from tracker.tui.widgets.card_column import CardColumn, card_lines

STAGES = ("idea", "script", "record", "edit", "review", "scheduled", "published")
SMALL, LARGE, NARROW = (80, 24), (200, 50), (60, 24)
OVERDUE_DAY = date(2026, 11, 20)  # the clock says Wed 25 Nov 2026


def screen_lines(app) -> list[str]:
    """The screen as text, a line per row (as a terminal would show it)."""
    strips = app.screen._compositor.render_strips()
    return ["".join(segment.text for segment in strip) for strip in strips]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def column(app, stage: str) -> CardColumn:
    return app.screen.query_one(f"#column-{stage}", CardColumn)


def in_view(app) -> list[str]:
    return [c.stage for c in app.screen.query(CardColumn) if c.display]


def offscreen(app) -> str:
    line = app.screen.query_one("#offscreen")
    return str(line.render()) if line.display else ""


def busy_board(add) -> None:
    """A card in every stage (and one dropped), titles long enough to be cut."""
    for stage in STAGES:
        add(f"Unknown case about the {stage} stage", stage=stage, platforms=("youtube",))
    add("An idea we gave up", stage="dropped")


async def test_all_seven_stage_titles_are_visible_at_80_by_24(app, add):
    busy_board(add)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        [titles] = [line for line in screen_lines(app) if "idea 1" in line]
        for stage in STAGES:
            assert f"{stage} 1" in titles, titles
        assert in_view(app) == list(STAGES)
        assert offscreen(app) == ""
        assert all(c.compact and c.light for c in app.screen.query(CardColumn) if c.display)


async def test_a_long_count_shortens_the_stage_name_but_keeps_the_count(app, add):
    for n in range(12):
        add(f"Published {n}", stage="published")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        title = str(column(app, "published").border_title)
        assert title.endswith(" 12") and title.startswith("publish")
        assert len(title) <= column(app, "published").column_width


async def test_below_the_minimum_the_board_counts_the_stages_off_screen_and_follows_focus(app, add):
    busy_board(add)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        assert in_view(app) == ["idea", "script", "record", "edit", "review"]
        assert "2 more: scheduled, published ▸" in offscreen(app)
        assert "◂" not in offscreen(app)
        await pilot.press(*"lllll")
        assert app.screen.focused_column.stage == "scheduled"
        assert in_view(app) == ["script", "record", "edit", "review", "scheduled"]
        assert "◂ 1 more: idea" in offscreen(app) and "1 more: published ▸" in offscreen(app)
        await pilot.press("l")
        assert in_view(app)[-1] == "published" and "▸" not in offscreen(app)
        await pilot.press(*"hhhhhh")
        assert in_view(app)[0] == "idea" and app.screen.focused_column.stage == "idea"


async def test_showing_dropped_at_80_columns_leaves_one_stage_off_screen(app, add):
    busy_board(add)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("x")
        assert app.screen.focused_column.stage == "dropped", "x goes to the dropped column"
        assert in_view(app)[-1] == "dropped" and "idea" not in in_view(app)
        assert offscreen(app).startswith("◂ 1 more: idea")
        await pilot.press("x")
        assert in_view(app) == list(STAGES) and offscreen(app) == ""
        assert app.screen.focused_column.stage == "published"


async def test_a_click_on_the_off_screen_line_brings_that_side_into_view(app, add):
    busy_board(add)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        await pilot.click("#offscreen", offset=(NARROW[0] - 4, 0))
        assert app.screen.focused_column.stage == "scheduled"
        assert "scheduled" in in_view(app)


async def test_compact_cards_keep_the_overdue_marker(app, add):
    add("Unknown case 14: chest X-ray", stage="edit", due_on=OVERDUE_DAY)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        edit = column(app, "edit")
        assert edit.compact and edit.card_height(0) == 3, "two lines and a rule"
        first, second = (edit.render_line(y) for y in range(2))
        assert first.text.strip().startswith("#1 Unk") and first.text.strip().endswith("…")
        overdue = [segment for segment in second if segment.text == "!20 Nov"]
        assert overdue and overdue[0].style.bold and overdue[0].style.color is not None
        assert "!20 Nov" in screen_text(app)


async def test_full_cards_at_200_by_50_show_platforms_due_date_and_hours_whole(
    app, add, database, ctx
):
    add(
        "Five signs of appendicitis on ultrasound, explained in a minute",
        stage="edit",
        platforms=("youtube", "tiktok", "instagram"),
        due_on=date(2026, 12, 4),
    )
    start = ctx.now() - timedelta(hours=2)
    database.run_write(
        lambda s: timelog.log_entry(s, ctx, "1", start, start + timedelta(minutes=90))
    )
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        edit = column(app, "edit")
        assert not edit.compact and not edit.light
        text = screen_text(app)
        for piece in ("due 04 Dec", "1.5h", "youtube", "tiktok", "instagram"):
            assert piece in text, piece
        lines = card_lines(edit.cards[0], edit.text_width, edit.today, False)
        assert not any(text == " …" for line in lines[2:] for text, _kind in line)


async def test_a_short_terminal_gets_compact_cards_even_when_wide(app, add):
    add("Five signs", stage="edit", due_on=OVERDUE_DAY)
    async with app.run_test(size=(200, 24)) as pilot:
        await pilot.pause()
        edit = column(app, "edit")
        assert edit.compact and not edit.light
        assert "overdue 20 Nov" in screen_text(app), "the long form where it fits"


@pytest.mark.parametrize("size", [SMALL, NARROW])
async def test_the_signal_takes_lines_of_its_own_rather_than_being_cut_off(
    app, add, database, ctx, clock, size
):
    add("Unknown case 14", stage="edit")
    database.run_write(lambda s: timelog.start_timer(s, ctx, "1"))
    clock.advance(hours=3)
    async with app.run_test(size=size) as pilot:
        app.load_status()
        await pilot.pause()
        bar = app.screen.query_one("#timer-bar")
        status = app.workspace.status
        assert status is not None and status.signals
        message = status.signals[0].message
        lines = screen_lines(app)[1 : 1 + bar.size.height]
        assert "Today" in lines[0] and "Week" in lines[0], "the hours stay on the first line"
        assert bar.size.height >= 2
        shown = " ".join(line.strip() for line in lines[1:])
        assert message in shown, (message, lines)


async def test_the_timer_bar_stays_one_line_when_the_signal_fits(app, add, database, ctx, clock):
    add("Unknown case 14", stage="edit")
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#timer-bar").size.height == 1
