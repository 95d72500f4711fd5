"""How typed durations are read and shown: the spellings creators use, and the typos we stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.durations import (
    format_duration,
    format_hours,
    format_video_length,
    parse_duration,
    parse_video_length,
    quote_input,
)
from tracker.core.errors import InputError


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("1h30", 90),
        ("1h30m", 90),
        ("1.5h", 90),
        ("1,5h", 90),
        (".5h", 30),
        ("1:30", 90),
        ("0:45", 45),
        ("2h 15m", 135),
        ("45", 45),
        ("2h", 120),
        ("24h", 24 * 60),
        ("1440", 24 * 60),
    ],
)
def test_the_usual_spellings_of_a_duration_are_understood(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90 min", 90),
        ("90 mins", 90),
        ("1 minute", 1),
        ("30 minutes", 30),
        ("2 hr", 120),
        ("2hrs", 120),
        ("1 hour", 60),
        ("3 hours", 180),
        ("1 hour 30 minutes", 90),
        ("1hr 5min", 65),
    ],
)
def test_units_can_be_written_as_words(text: str, minutes: int) -> None:
    assert parse_duration(text) == timedelta(minutes=minutes)


def test_case_and_surrounding_whitespace_do_not_matter() -> None:
    assert parse_duration("  1H30M\t") == timedelta(minutes=90)
    assert parse_duration(" 2 HOURS ") == timedelta(hours=2)


def test_fractions_of_an_hour_are_rounded_to_the_nearest_minute() -> None:
    assert parse_duration("0.01h") == timedelta(minutes=1)  # 36 seconds
    assert parse_duration("1.1h") == timedelta(minutes=66)


@pytest.mark.parametrize(
    "text", ["banana", "", "   ", "30s", "1h30x", "h", "m", "1:3", "1.5.2h", "1hm", "2h ago"]
)
def test_unreadable_text_is_refused_with_examples_of_what_works(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_duration(text)
    message = str(caught.value)
    assert message.startswith(f'Cannot read "{text}" as a duration')
    assert "90m" in message and "1h30" in message


def test_the_error_for_garbage_matches_the_documented_wording() -> None:
    with pytest.raises(InputError) as caught:
        parse_duration("banana")
    assert str(caught.value) == 'Cannot read "banana" as a duration: try 90m, 1h30, 1.5h or 1:30.'


@pytest.mark.parametrize("text", ["0", "0m", "0h", "0:00", "0.001h"])
def test_a_zero_duration_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is zero"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["-5m", "-1h30", " -2h"])
def test_a_negative_duration_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is negative"):
        parse_duration(text)


@pytest.mark.parametrize("text", ["25h", "24h1m", "24:01", "1441", "230h", "24.5h"])
def test_more_than_a_day_is_refused_as_a_likely_typo(text: str) -> None:
    with pytest.raises(InputError, match="longer than 24h"):
        parse_duration(text)


@pytest.mark.parametrize(("text", "suggestion"), [("1:75", "2h15m"), ("1h75", "2h15m")])
def test_minutes_past_59_after_hours_are_refused_with_a_suggestion(
    text: str, suggestion: str
) -> None:
    with pytest.raises(InputError, match=f"did you mean {suggestion}"):
        parse_duration(text)


def test_a_bare_decimal_number_suggests_hours_instead_of_guessing() -> None:
    with pytest.raises(InputError, match=r"say 1\.5h for hours"):
        parse_duration("1.5")


def test_decimal_hours_cannot_be_mixed_with_minutes() -> None:
    with pytest.raises(InputError, match="either decimal hours"):
        parse_duration("1.5h30")


def test_error_messages_stay_on_one_line_and_short() -> None:
    with pytest.raises(InputError) as caught:
        parse_duration("1h\n\nbanana" + "x" * 200)
    message = str(caught.value)
    assert "\n" not in message
    assert len(message) < 150


def test_quoted_input_escapes_control_characters() -> None:
    assert quote_input("a\nb") == '"a\\nb"'


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(0, "0m"), (1, "1m"), (45, "45m"), (60, "1h"), (90, "1h30m"), (120, "2h"), (1505, "25h5m")],
)
def test_durations_are_shown_in_hours_and_minutes(minutes: int, shown: str) -> None:
    assert format_duration(timedelta(minutes=minutes)) == shown


def test_shown_durations_round_to_the_nearest_minute() -> None:
    assert format_duration(timedelta(minutes=1, seconds=29)) == "1m"
    assert format_duration(timedelta(minutes=1, seconds=30)) == "2m"
    assert format_duration(timedelta(seconds=29, microseconds=999_999)) == "0m"
    assert format_duration(timedelta(minutes=59, seconds=45)) == "1h"


@pytest.mark.parametrize(
    ("delta", "shown"),
    [
        (timedelta(0), "0.0h"),
        (timedelta(minutes=90), "1.5h"),
        (timedelta(minutes=3), "0.1h"),  # 0.05h rounds half up
        (timedelta(minutes=2), "0.0h"),
        (timedelta(hours=10, minutes=6), "10.1h"),
        (timedelta(days=2), "48.0h"),
    ],
)
def test_hours_are_shown_with_one_decimal(delta: timedelta, shown: str) -> None:
    assert format_hours(delta) == shown


def test_formatting_a_negative_duration_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        format_duration(timedelta(minutes=-1))
    with pytest.raises(ValueError):
        format_hours(timedelta(minutes=-1))


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=24 * 60))
def test_every_shown_duration_reads_back_as_the_same_duration(minutes: int) -> None:
    delta = timedelta(minutes=minutes)
    assert parse_duration(format_duration(delta)) == delta


_DURATION_ALPHABET = st.sampled_from([*"0123456789:.,-+ hmrsinouteHM\t\n", "hours", "min"])


@settings(deadline=None)
@given(st.one_of(st.text(), st.lists(_DURATION_ALPHABET, max_size=12).map("".join)))
def test_any_text_is_either_a_sensible_duration_or_an_input_error(text: str) -> None:
    try:
        delta = parse_duration(text)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert timedelta(0) < delta <= timedelta(hours=24)
        assert delta % timedelta(minutes=1) == timedelta(0)


# Video lengths: the "Minutes out" figure, in whole seconds.

_VIDEO_EXAMPLES = "try 59s, 3m30s, 3:30 or 1:02:03."


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("59s", 59),
        ("59 sec", 59),
        ("45 seconds", 45),
        ("1 second", 1),
        ("3m30s", 210),
        ("3m30", 210),
        ("3m 30s", 210),
        ("3 min 30 sec", 210),
        ("3m", 180),
        ("12 min", 720),
        ("12 minutes", 720),
        ("90s", 90),
        ("3:30", 210),
        ("0:59", 59),
        ("90:00", 5400),
        ("1:02:03", 3723),
        ("1h2m3s", 3723),
        ("1h02m03s", 3723),
        ("1h30", 5400),
        ("2 hours", 7200),
        ("24:00:00", 86400),
        (" 3M30S ", 210),
    ],
)
def test_the_usual_spellings_of_a_video_length_are_understood(text: str, seconds: int) -> None:
    assert parse_video_length(text) == seconds


def test_a_bare_number_is_ambiguous_for_a_video_length() -> None:
    with pytest.raises(InputError) as caught:
        parse_video_length("45")
    assert str(caught.value) == (
        'Cannot read "45" as a video length: a bare number is ambiguous, say 45s or 45m; '
        + _VIDEO_EXAMPLES
    )


@pytest.mark.parametrize(
    "text",
    ["", "banana", "3 30", "3s30", "3m30m", "1.5m", "3,5m", "-3m", "1h2m3s4", "3m30x", "1:02:3",
     "3:5", "1:2:3:4", "3m 30 5s", "\u0661\u0662m"],
)  # fmt: skip
def test_unreadable_video_lengths_are_refused_with_examples(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_video_length(text)
    assert str(caught.value) == f"Cannot read {quote_input(text)} as a video length: " + (
        _VIDEO_EXAMPLES
    )


@pytest.mark.parametrize(
    ("text", "suggestion"), [("3m75s", "4m15s"), ("3:75", "4m15s"), ("1:75:00", "2h15m")]
)
def test_seconds_or_minutes_past_59_after_a_larger_unit_suggest_the_sum(
    text: str, suggestion: str
) -> None:
    with pytest.raises(InputError, match=f"go up to 59; did you mean {suggestion}\\?$"):
        parse_video_length(text)


@pytest.mark.parametrize(("text", "reason"), [("0s", "is zero"), ("0:00", "is zero"),
                                              ("25h", "longer than 24h"),
                                              ("24h1s", "longer than 24h")])  # fmt: skip
def test_video_lengths_outside_one_second_to_a_day_are_refused(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        parse_video_length(text)
    assert str(caught.value).endswith(_VIDEO_EXAMPLES)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(1, "1s"), (59, "59s"), (60, "1m"), (61, "1m01s"), (210, "3m30s"), (3600, "1h"),
     (3601, "1h00m01s"), (3660, "1h01m"), (3723, "1h02m03s"), (86400, "24h"), (0, "0s")],
)  # fmt: skip
def test_video_lengths_are_shown_in_hours_minutes_and_seconds(seconds: int, shown: str) -> None:
    assert format_video_length(seconds) == shown


def test_formatting_a_negative_video_length_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        format_video_length(-1)


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=24 * 60 * 60))
def test_every_shown_video_length_reads_back_as_the_same_length(seconds: int) -> None:
    assert parse_video_length(format_video_length(seconds)) == seconds
