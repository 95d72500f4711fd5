"""How typed points in time are read, always against an explicit ``now``, never the clock."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.errors import InputError
from tracker.core.when import parse_day, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
KOLKATA = ZoneInfo("Asia/Kolkata")
# A Wednesday morning.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)


def at(day: int, hour: int = 0, minute: int = 0, *, month: int = 11) -> datetime:
    """A wall-clock time in Berlin in 2026 (November unless told)."""
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def test_now_means_the_given_moment() -> None:
    assert parse_when("now", NOW) == NOW
    assert parse_when(" NOW ", NOW) == NOW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", at(25)),
        ("today 9:00", at(25, 9)),
        ("today 9", at(25, 9)),
        ("today at 9pm", at(25, 21)),
        ("9:00", at(25, 9)),
        ("21:00", at(25, 21)),
        ("9pm", at(25, 21)),
        ("9:30am", at(25, 9, 30)),
        ("9:30 PM", at(25, 21, 30)),
        ("12am", at(25, 0)),
        ("12pm", at(25, 12)),
        ("23:59:30", at(25, 23, 59) + timedelta(seconds=30)),
    ],
)
def test_a_time_of_day_alone_means_that_time_today(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", at(24)),
        ("yesterday 21:00", at(24, 21)),
        ("Yesterday   9PM", at(24, 21)),
        ("tomorrow 10:00", at(26, 10)),
        ("tomorrow", at(26)),
    ],
)
def test_yesterday_and_tomorrow_are_relative_to_today(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon", at(23)),
        ("monday", at(23)),
        ("fri", at(20)),
        ("Friday 14:00", at(20, 14)),
        ("sun", at(22)),
        ("thu", at(19)),
    ],
)
def test_a_bare_weekday_means_the_most_recent_one_when_logging(
    text: str, expected: datetime
) -> None:
    assert parse_when(text, NOW) == expected


def test_todays_weekday_means_today_when_logging() -> None:
    assert parse_when("wed", NOW) == at(25)
    assert parse_when("wed 9:00", NOW) == at(25, 9)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wed", at(25)),
        ("thu", at(26)),
        ("fri 17:00", at(27, 17)),
        ("mon", at(30)),
        ("tuesday", at(1, month=12)),
    ],
)
def test_a_bare_weekday_means_the_next_one_for_due_dates(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW, past=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("last fri", at(20)),
        ("last fri 14:00", at(20, 14)),
        ("last wed", at(18)),
        ("last tue", at(24)),
        ("next mon", at(30)),
        ("next wed", at(2, month=12)),
        ("next thu 10:00", at(26, 10)),
    ],
)
def test_last_and_next_skip_today(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected
    assert parse_when(text, NOW, past=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20", at(20)),
        ("2026-11-20 14:00", at(20, 14)),
        ("2026-11-20T14:00", at(20, 14)),
        ("2026-11-20t14:00", at(20, 14)),
        ("2026-11-20 2pm", at(20, 14)),
    ],
)
def test_iso_dates_are_read_as_wall_clock_time_in_the_users_zone(
    text: str, expected: datetime
) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-20T14:00:00+01:00", at(20, 14)),
        ("2026-11-20T14:00:00Z", at(20, 15)),
        ("2026-11-20T14:00:00z", at(20, 15)),
        ("2026-11-20T14:00:00-05:00", at(20, 20)),
    ],
)
def test_iso_times_with_an_offset_are_converted_to_the_users_zone(
    text: str, expected: datetime
) -> None:
    result = parse_when(text, NOW)
    assert result == expected
    assert result.tzinfo is BERLIN
    assert (result.hour, result.minute) == (expected.hour, expected.minute)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nov 20", at(20)),
        ("20 nov", at(20)),
        ("Nov 20 14:00", at(20, 14)),
        ("11/20", at(20)),  # only one reading is a real date: month 20 does not exist
        ("20/11", at(20)),
        ("fri 20 nov", at(20)),
        ("20 december", at(20, month=12)),
    ],
)
def test_other_date_styles_are_understood_with_the_year_from_today(
    text: str, expected: datetime
) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-2h", at(25, 8)),
        ("-90m", at(25, 8, 30)),
        ("-1h30", at(25, 8, 30)),
        ("- 15m", at(25, 9, 45)),
        ("+30m", at(25, 10, 30)),
        ("2h ago", at(25, 8)),
        ("90m ago", at(25, 8, 30)),
        ("-3d", at(22, 10)),
        ("3 days ago", at(22, 10)),
        ("1 day ago", at(24, 10)),
        ("+1d", at(26, 10)),
    ],
)
def test_offsets_are_counted_from_now(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


def test_a_clock_with_garbage_around_it_is_an_input_error() -> None:
    # dateutil, the lenient parser used before, read "-30" here as a UTC offset of -30 hours.
    with pytest.raises(InputError):
        parse_when("0:0-30fri", NOW)


def test_importing_the_module_does_not_load_dateutil_so_the_cli_starts_fast() -> None:
    # when.py has its own grammar now; this keeps a lenient fallback from creeping back in.
    code = "import sys, tracker.core.when; sys.exit('dateutil' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_bare_duration_is_refused_with_a_hint_to_say_ago() -> None:
    with pytest.raises(InputError, match=r"say -2h or 2h ago"):
        parse_when("2h", NOW)


@pytest.mark.parametrize(
    "text",
    ["blah", "", "   ", "yesterday blah", "last", "next week", "-30h", "-banana", "2026-02-30"],
)
def test_unreadable_text_is_refused_with_examples_of_what_works(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_when(text, NOW)
    message = str(caught.value)
    assert message.startswith(f'Cannot read "{text}" as a time')
    assert message.endswith(
        "try now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00 or -2h."
    )


def test_the_error_for_garbage_matches_the_documented_wording() -> None:
    with pytest.raises(InputError) as caught:
        parse_when("blah", NOW)
    assert str(caught.value) == (
        'Cannot read "blah" as a time: '
        "try now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00 or -2h."
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("25:00", "hour goes from 0 to 23"),
        ("13pm", "hour goes from 1 to 12"),
        ("9:75", "0 to 59"),
        ("yesterday 24:00", "hour goes from 0 to 23"),
    ],
)
def test_out_of_range_clock_times_say_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_when(text, NOW)


def test_dates_too_far_away_to_represent_are_an_input_error() -> None:
    with pytest.raises(InputError, match="too far away"):
        parse_when("0001-01-01", datetime(2026, 11, 25, tzinfo=KOLKATA))


def test_a_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_when("now", datetime(2026, 11, 25, 10, 0))
    with pytest.raises(ValueError):
        parse_day("today", datetime(2026, 11, 25, 10, 0))


class TestDaylightSaving:
    """Berlin skips 02:00-03:00 on 2026-03-29 and repeats 02:00-03:00 on 2026-10-25."""

    def test_a_time_skipped_by_the_spring_change_moves_forward_by_an_hour(self) -> None:
        now = datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)
        result = parse_when("2:30", now)
        assert result == datetime(2026, 3, 29, 3, 30, tzinfo=BERLIN)
        assert result.utcoffset() == timedelta(hours=2)
        assert parse_when("2026-03-29 02:30", now) == result

    def test_a_time_repeated_by_the_autumn_change_means_the_first_one(self) -> None:
        now = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
        result = parse_when("2:30", now)
        assert (result.hour, result.minute, result.fold) == (2, 30, 0)
        assert result.utcoffset() == timedelta(hours=2)
        assert result.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)

    def test_hour_offsets_count_real_elapsed_time_across_the_change(self) -> None:
        now = datetime(2026, 3, 29, 4, 0, tzinfo=BERLIN)  # 02:00 UTC
        result = parse_when("-2h", now)
        assert result.astimezone(UTC) == datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
        assert (result.hour, result.utcoffset()) == (1, timedelta(hours=1))

    def test_day_offsets_keep_the_wall_clock_time_across_the_change(self) -> None:
        now = datetime(2026, 3, 30, 10, 0, tzinfo=BERLIN)
        result = parse_when("-3d", now)
        assert result == datetime(2026, 3, 27, 10, 0, tzinfo=BERLIN)
        assert result.utcoffset() == timedelta(hours=1)

    def test_an_iso_time_with_an_offset_lands_in_the_right_occurrence(self) -> None:
        now = datetime(2026, 10, 25, 12, 0, tzinfo=BERLIN)
        result = parse_when("2026-10-25T01:30:00Z", now)
        assert (result.hour, result.minute, result.fold) == (2, 30, 1)
        assert result.utcoffset() == timedelta(hours=1)


class TestHalfHourZone:
    """Asia/Kolkata is UTC+05:30 all year."""

    NOW = datetime(2026, 11, 25, 10, 0, tzinfo=KOLKATA)

    def test_wall_clock_times_stay_in_the_users_zone(self) -> None:
        result = parse_when("yesterday 21:00", self.NOW)
        assert result == datetime(2026, 11, 24, 21, 0, tzinfo=KOLKATA)
        assert result.utcoffset() == timedelta(hours=5, minutes=30)
        assert result.tzinfo is KOLKATA

    def test_utc_times_are_converted_with_the_half_hour(self) -> None:
        assert parse_when("2026-11-20T14:00:00Z", self.NOW) == datetime(
            2026, 11, 20, 19, 30, tzinfo=KOLKATA
        )

    def test_a_utc_time_late_in_the_evening_falls_on_the_next_day(self) -> None:
        assert parse_day("2026-11-20T20:00:00Z", self.NOW) == date(2026, 11, 21)

    def test_offsets_keep_the_half_hour(self) -> None:
        assert parse_when("-90m", self.NOW) == datetime(2026, 11, 25, 8, 30, tzinfo=KOLKATA)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 24)),
        ("mon", date(2026, 11, 23)),
        ("wed", date(2026, 11, 25)),
        ("last fri", date(2026, 11, 20)),
        ("next mon", date(2026, 11, 30)),
        ("2026-11-20", date(2026, 11, 20)),
        ("nov 20", date(2026, 11, 20)),
        ("-3d", date(2026, 11, 22)),
        ("1 day ago", date(2026, 11, 24)),
        ("-11h", date(2026, 11, 24)),
    ],
)
def test_a_day_option_keeps_only_the_date(text: str, expected: date) -> None:
    assert parse_day(text, NOW) == expected


def test_an_unreadable_day_gives_day_examples() -> None:
    with pytest.raises(InputError) as caught:
        parse_day("someday", NOW)
    assert str(caught.value) == (
        'Cannot read "someday" as a day: try today, yesterday, mon, last fri, 2026-11-20 or -3d.'
    )


_ZONES = st.sampled_from(
    [BERLIN, KOLKATA, ZoneInfo("America/New_York"), ZoneInfo("Pacific/Chatham"), UTC]
)
_NOWS = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 12, 31)),
    _ZONES,
)
_WORDS = st.sampled_from(
    [
        "now", "today", "yesterday", "tomorrow", "last", "next", "fri", "monday", "at", "ago",
        "nov", "20", "2026-11-20", "T", "14:00", "9pm", "am", "-", "+", "2h", "90m", "3d",
        "days", "/", ":", "Z", "+01:00", " ", "0", "99", "2026-03-29 02:30",
    ]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=40), st.lists(_WORDS, max_size=6).map(" ".join))


@settings(deadline=None)
@given(_TEXTS, _NOWS, st.booleans())
def test_any_text_is_either_an_aware_time_in_the_users_zone_or_an_input_error(
    text: str, now: datetime, past: bool
) -> None:
    try:
        result = parse_when(text, now, past=past)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert result.tzinfo is now.tzinfo
        assert result.utcoffset() is not None


@settings(deadline=None)
@given(_TEXTS, _NOWS)
def test_any_text_is_either_a_day_or_an_input_error(text: str, now: datetime) -> None:
    try:
        result = parse_day(text, now)
    except InputError:
        pass
    else:
        assert isinstance(result, date)
