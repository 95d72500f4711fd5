"""The weekday × hour grid of worked hours."""

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from tracker.core.load import load_grid

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def test_an_evening_session_fills_its_hours_and_spills_past_midnight():
    grid = load_grid([(at(24, 22, 30), at(25, 1, 15))], BERLIN)  # Tuesday night
    assert grid[1][22] == 0.5 and grid[1][23] == 1.0
    assert grid[2][0] == 1.0 and grid[2][1] == 0.25


def test_hours_fall_in_the_persons_zone_not_utc():
    grid = load_grid([(datetime(2026, 11, 24, 21, tzinfo=ZoneInfo("UTC")), at(24, 23))], BERLIN)
    assert grid[1][22] == 1.0  # 21:00 UTC is 22:00 in Berlin


spans = st.lists(st.tuples(st.integers(0, 60 * 24 * 20), st.integers(1, 60 * 24)), max_size=10)


@given(spans)
def test_the_grid_holds_exactly_the_hours_worked(pairs):
    base = at(1, 0)
    from datetime import timedelta

    work = [(base + timedelta(minutes=s), base + timedelta(minutes=s + m)) for s, m in pairs]
    grid = load_grid(work, BERLIN)
    total = sum(sum(row) for row in grid)
    assert abs(total - sum(m for _, m in pairs) / 60) < 1e-6


def test_a_night_across_the_spring_clock_change_keeps_its_real_hours():
    start = datetime(2026, 3, 29, 0, 0, tzinfo=BERLIN)
    end = datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)  # three real hours: 02:00 never happens
    grid = load_grid([(start, end)], BERLIN)
    assert sum(sum(row) for row in grid) == 3.0
    assert grid[6][2] == 0.0 and grid[6][3] == 1.0
