"""Times a clinician can trust: every accepted spelling means one moment, the rest is refused.

The grammar in ``when.py`` replaced a lenient parser that made up times from typos; these
tests pin the spellings it reads, the ones it refuses and the hint each refusal gives.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.core.errors import InputError, UnlikelyDateError
from tracker.core.when import parse_day, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
# A Wednesday morning; 20 November 2026 is a Friday.
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=BERLIN)
TIME_EXAMPLES = "try now, 14:00, yesterday 21:00, last fri 14:00, 2026-11-20 14:00 or -2h."


def at(day: int, hour: int = 0, minute: int = 0, *, month: int = 11, year: int = 2026) -> datetime:
    """A wall-clock time in Berlin (November 2026 unless told)."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def refusal(text: str, **options: object) -> str:
    """The one-line message ``parse_when`` refuses ``text`` with."""
    with pytest.raises(InputError) as caught:
        parse_when(text, NOW, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("14:00", at(25, 14)),
        ("14:00:15", at(25, 14) + timedelta(seconds=15)),
        ("9pm", at(25, 21)),
        ("9:30 am", at(25, 9, 30)),
        ("9 p.m.", at(25, 21)),
        ("today 14:00", at(25, 14)),
        ("yesterday at 21:00", at(24, 21)),
        ("tomorrow 9am", at(26, 9)),
        ("fri", at(20)),
        ("fri 14:00", at(20, 14)),
        ("fri at 9", at(20, 9)),
        ("last fri 2pm", at(20, 14)),
        ("next thu", at(26)),
        ("-2h", at(25, 8)),
        ("+30m", at(25, 10, 30)),
        ("90m ago", at(25, 8, 30)),
        ("-3d", at(22, 10)),
        ("3 days ago", at(22, 10)),
        ("2026-11-20", at(20)),
        ("2026-11-20 14:00", at(20, 14)),
        ("2026-11-20T14:00", at(20, 14)),
        ("2026-11-20 at 2pm", at(20, 14)),
        ("2026-11-20T14:00:00+01:00", at(20, 14)),
        ("2026-11-20T14:00Z", at(20, 15)),
        ("2026-11-20T14:00+0100", at(20, 14)),
        ("2026-11-20T14:00:00.5Z", at(20, 15) + timedelta(milliseconds=500)),
    ],
)
def test_every_documented_form_still_works(text: str, expected: datetime) -> None:
    assert parse_when(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nov 20", at(20)),
        ("20 nov", at(20)),
        ("20 november 2026", at(20)),
        ("nov 20 2026", at(20)),
        ("nov 20, 2026", at(20)),
        ("November 20th", at(20)),
        ("nov. 20", at(20)),
        ("fri 20 nov", at(20)),
        ("Fri, 20 Nov 2026", at(20)),
        ("20 nov 14:00", at(20, 14)),
        ("nov 20 2pm", at(20, 14)),
        ("20 nov 2026 at 9:30", at(20, 9, 30)),
        ("3 march", at(3, month=3)),
        ("sept 1", at(1, month=9)),
        ("1 jan 2027", at(1, month=1, year=2027)),
    ],
)
def test_dates_with_a_month_name_are_read_with_an_optional_time(
    text: str, expected: datetime
) -> None:
    assert parse_when(text, NOW) == expected


def test_a_date_without_a_year_is_in_the_current_year_even_when_it_has_passed() -> None:
    assert parse_when("3 march", NOW, past=False) == at(3, month=3)
    assert parse_day("1 jan", NOW) == date(2026, 1, 1)


@pytest.mark.parametrize("text", ["1,5,5h", "1..5h", ".5", "1.", "5a p", "12:00 pm pm"])
def test_typos_once_read_as_made_up_times_are_refused_with_examples(text: str) -> None:
    assert refusal(text) == f'Cannot read "{text}" as a time: {TIME_EXAMPLES}'


@pytest.mark.parametrize(
    "text",
    [
        "20 nov 14",  # the year 2014 or 14:00?
        "next week",
        "2026-11-20 14:00 +01:00",
        "last fri 20 nov",
        "20.11",  # a decimal, or 20 November?
        "03-04",
        "14:00 yesterday",
        "at 9pm",
        "noon",
        "\u0661\u0664:\u0660\u0660",  # digits of other scripts are not promised
        "\uff11\uff14:\uff10\uff10",
    ],
)
def test_other_unclear_text_is_refused_with_examples(text: str) -> None:
    assert refusal(text).endswith(TIME_EXAMPLES)


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("3/4", "is it 3 April or 4 March? Write 2026-04-03 or 2026-03-04"),
        ("3/4/2026", "is it 3 April or 4 March? Write 2026-04-03 or 2026-03-04"),
        ("3.4.2026", "is it 3 April or 4 March? Write 2026-04-03 or 2026-03-04"),
        ("03-04-2026", "is it 3 April or 4 March? Write 2026-04-03 or 2026-03-04"),
        ("11/12", "is it 11 December or 12 November? Write 2026-12-11 or 2026-11-12"),
        (
            "3/4 14:00",
            "is it 3 April or 4 March? Write 2026-04-03 14:00 or 2026-03-04 14:00",
        ),
    ],
)
def test_day_and_month_order_is_never_guessed(text: str, readings: str) -> None:
    assert refusal(text) == (
        f'Cannot read "{text}" as a date: {readings}, or set date_order in the config.'
    )
    with pytest.raises(InputError, match="set date_order"):
        parse_day(text, NOW)


def test_the_ambiguity_message_matches_the_documented_wording() -> None:
    assert refusal("3/4") == (
        'Cannot read "3/4" as a date: is it 3 April or 4 March? '
        "Write 2026-04-03 or 2026-03-04, or set date_order in the config."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/11", date(2026, 11, 20)),
        ("11/20", date(2026, 11, 20)),
        ("20/11/2026", date(2026, 11, 20)),
        ("11/20/2026", date(2026, 11, 20)),
        ("20.11.2026", date(2026, 11, 20)),
        ("20-11-2026", date(2026, 11, 20)),
        ("3/3", date(2026, 3, 3)),  # both readings are the same day
        ("13/4/2026", date(2026, 4, 13)),
    ],
)
def test_a_numeric_date_with_only_one_real_reading_is_read_that_way(
    text: str, expected: date
) -> None:
    assert parse_day(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("3/4", "dmy", date(2026, 4, 3)),
        ("3/4", "mdy", date(2026, 3, 4)),
        ("3.4.2026", "dmy", date(2026, 4, 3)),
        ("03-04-2026", "mdy", date(2026, 3, 4)),
        ("20/11", "dmy", date(2026, 11, 20)),
        ("11/20", "mdy", date(2026, 11, 20)),
    ],
)
def test_a_date_order_setting_reads_numeric_dates_its_way(
    text: str, order: str, expected: date
) -> None:
    assert parse_day(text, NOW, date_order=order) == expected
    assert parse_when(text, NOW, date_order=order).date() == expected


@pytest.mark.parametrize(
    ("text", "order", "reason"),
    [
        ("20/11", "mdy", "there is no month 20"),
        ("11/20", "dmy", "there is no month 20"),
        ("31/4", "dmy", "April 2026 has no day 31"),
        ("13/13", None, "there is no month 13"),
        ("29/2", None, "February 2026 has no day 29"),
    ],
)
def test_a_numeric_date_that_does_not_exist_is_refused(
    text: str, order: str | None, reason: str
) -> None:
    message = refusal(text, date_order=order)
    assert f"({reason})" in message and message.endswith(TIME_EXAMPLES)


def test_an_unknown_date_order_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        parse_when("3/4", NOW, date_order="ymd")
    with pytest.raises(ValueError):
        parse_day("3/4", NOW, date_order="DMY")


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [("3/4/26", "3/4/2026"), ("20.11.26", "20.11.2026"), ("1/2/95", "1/2/1995")],
)
def test_two_digit_years_are_refused_with_the_four_digit_form(text: str, suggestion: str) -> None:
    assert refusal(text) == (
        f'Cannot read "{text}" as a date: write the year with four digits, e.g. {suggestion}.'
    )


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("20 nov 26", "say 20 nov 2026 for a year"),
        ("nov 20 14", "say nov 20 2014 for a year; nov 20 14:00 or nov 20 at 14 for a time"),
        ("fri 20", "say fri 20:00 or fri at 20 for a time; fri 20 nov for a date"),
        ("2026-11-20 9", "say 2026-11-20 9:00 or 2026-11-20 at 9 for a time"),
        ("9", "say 9:00 or today 9 for a time"),
        ("45", "for minutes ago say -45m or 45m ago"),
    ],
)
def test_a_bare_number_that_could_be_an_hour_a_day_or_a_year_is_refused(
    text: str, hint: str
) -> None:
    assert f"({hint})" in refusal(text)


def test_a_bare_hour_is_read_after_a_day_word_or_at() -> None:
    assert parse_when("today 9", NOW) == at(25, 9)
    assert parse_when("yesterday 21", NOW) == at(24, 21)
    assert parse_when("20 nov at 9", NOW) == at(20, 9)


def test_a_weekday_that_does_not_match_the_date_is_refused() -> None:
    assert "(20 November 2026 is a Friday, not a Thursday; say fri 20 nov or just 20 nov)" in (
        refusal("thu 20 nov")
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31 nov", "November 2026 has no day 31"),
        ("29 feb 2026", "February 2026 has no day 29"),
        ("2026/11/20", "write 2026-11-20"),
        ("2026-1-5", "write 2026-01-05"),
        ("2026-11-20T14:00-30", "an offset goes from -23:59 to +23:59"),
        ("-25h", "for more than 24 hours count days, e.g. -3d"),
    ],
)
def test_near_misses_say_what_is_wrong(text: str, reason: str) -> None:
    message = refusal(text)
    assert f"({reason})" in message and message.endswith(TIME_EXAMPLES)


def test_feb_29_exists_in_leap_years() -> None:
    assert parse_day("29 feb 2028", NOW, anyway=True) == date(2028, 2, 29)
    assert parse_day("29 feb", datetime(2028, 1, 5, tzinfo=BERLIN)) == date(2028, 2, 29)


class TestPlausibleRange:
    """Before 2000 or over a year ahead is readable but most likely a typo: it needs --anyway."""

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("2152-03-01", "2152-03-01 is over a year ahead"),
            ("1 mar 2152", "2152-03-01 is over a year ahead"),
            ("2027-11-27", "2027-11-27 is over a year ahead"),
            ("1999-12-31 23:00", "1999-12-31 is before 2000"),
            ("20 nov 1926", "1926-11-20 is before 2000"),
            ("-10000d", "1999-07-10 is before 2000"),
        ],
    )
    def test_an_unlikely_date_asks_for_confirmation(self, text: str, message: str) -> None:
        for parse in (parse_when, parse_day):
            with pytest.raises(UnlikelyDateError) as caught:
                parse(text, NOW)
            assert caught.value.what == message
            assert str(caught.value) == (f"{message}; surely a typo? If you mean it, add --anyway.")

    def test_the_message_matches_the_documented_wording(self) -> None:
        with pytest.raises(InputError) as caught:
            parse_when("2152-03-01", NOW)
        assert str(caught.value) == (
            "2152-03-01 is over a year ahead; surely a typo? If you mean it, add --anyway."
        )

    def test_anyway_lets_it_through(self) -> None:
        assert parse_when("2152-03-01", NOW, anyway=True) == datetime(2152, 3, 1, tzinfo=BERLIN)
        assert parse_day("1999-12-31", NOW, anyway=True) == date(1999, 12, 31)

    def test_up_to_366_days_ahead_is_fine(self) -> None:
        assert parse_day("2027-11-26", NOW) == date(2027, 11, 26)
        assert parse_day("2000-01-01", NOW) == date(2000, 1, 1)

    @pytest.mark.parametrize("text", ["1850-01-01", "2201-01-01", "9999-12-31 23:59"])
    def test_impossible_years_are_refused_even_anyway(self, text: str) -> None:
        with pytest.raises(InputError, match="give a year from 1900 to 2200") as caught:
            parse_when(text, NOW, anyway=True)
        assert not isinstance(caught.value, UnlikelyDateError)
