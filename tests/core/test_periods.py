"""Report periods: ISO weeks on any week start, months, ranges, and the periods before them."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.core.errors import InputError
from tracker.core.periods import (
    days_between,
    last_complete_week,
    parse_month,
    parse_week,
    week_holding,
)

MONDAY, SUNDAY = 0, 6


def test_an_iso_week_is_monday_to_sunday_on_the_default_setting():
    week = parse_week("2026-W47", MONDAY)
    assert (week.first, week.last, week.label) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
        "2026-W47",
    )


def test_on_a_sunday_first_setting_the_week_holds_the_iso_weeks_monday_and_keeps_its_name():
    week = parse_week("2026-w47", SUNDAY)
    assert (week.first, week.last) == (date(2026, 11, 15), date(2026, 11, 21))
    assert week.label == "2026-W47"


def test_week_one_can_begin_in_the_year_before():
    assert parse_week("2026-W01", MONDAY).first == date(2025, 12, 29)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2026-W54", "2026 has weeks 1 to 53"),
        ("2025-W53", "2025 has weeks 1 to 52"),
        ("2026-W0", "there is no week 0"),
        ("47", "is not a week"),
        ("2026-11", "is not a week"),
        ("", "is not a week"),
    ],
)
def test_a_week_that_does_not_exist_is_refused_with_an_example(text, says):
    with pytest.raises(InputError, match=says) as refused:
        parse_week(text, MONDAY)
    assert "2026-W47" in str(refused.value)


def test_a_month_runs_to_the_end_of_its_last_day_and_steps_back_by_calendar_months():
    march = parse_month("2024-03")
    assert (march.first, march.last) == (date(2024, 3, 1), date(2024, 3, 31))
    assert [p.label for p in march.earlier(4)] == ["2024-02", "2024-01", "2023-12", "2023-11"]
    assert march.before().last == date(2024, 2, 29), "a leap year's February"


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026", "nov", "2026-11-01"])
def test_a_month_that_does_not_exist_is_refused(text):
    with pytest.raises(InputError, match="2026-11"):
        parse_month(text)


def test_a_range_of_days_includes_both_ends_and_the_one_before_has_the_same_length():
    days = days_between(date(2026, 11, 2), date(2026, 11, 15))
    assert (days.days, days.label) == (14, "2026-11-02 – 2026-11-15")
    before = days.before()
    assert (before.first, before.last) == (date(2026, 10, 19), date(2026, 11, 1))


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(InputError, match=r"ends .* before it starts"):
        days_between(date(2026, 11, 15), date(2026, 11, 2))


def test_the_default_review_is_the_last_complete_week_on_the_configured_start():
    wednesday = date(2026, 12, 2)
    assert last_complete_week(wednesday, MONDAY).first == date(2026, 11, 23)
    assert last_complete_week(wednesday, SUNDAY).first == date(2026, 11, 22)
    assert week_holding(date(2026, 11, 29), SUNDAY).first == date(2026, 11, 29)


def test_the_week_after_and_before_step_by_seven_days():
    week = parse_week("2026-W53", MONDAY)
    assert week.after().label == "2027-W01"
    assert week.before().label == "2026-W52"
