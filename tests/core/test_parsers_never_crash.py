"""Whatever is typed, the parsers answer with a value or an ``InputError``, never a crash.

The CLI and the TUI show an ``InputError`` as one line and treat anything else as a bug, so a
``ValueError`` or ``OverflowError`` escaping from odd input would be a traceback on screen.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tracker.core.durations import parse_duration, parse_video_length
from tracker.core.errors import InputError
from tracker.core.when import PLAUSIBLE_AHEAD, PLAUSIBLE_START, parse_day, parse_when

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))

# Lone surrogates, NUL, huge digit strings, emoji, digits of other scripts, Unicode spaces.
_NASTY = [
    "\udcff",
    "\ud800",
    "\x00",
    "9" * 5000,
    "-" + "9" * 5000 + "d",
    "9" * 30 + ":00",
    "🕒",
    "14:00 🙂",
    "\u0661\u0664:\u0660\u0660",  # Arabic-Indic 14:00
    "\u0967\u096a:\u0966\u0966",  # Devanagari 14:00
    "\uff11\uff14:\uff10\uff10",  # full-width 14:00
    "²",
    "\u212a",  # Kelvin sign, which lower-cases to ASCII "k"
    "today\u00a014:00",
    "nov\u300020",
    "\t\n\r\x0b\x0c",
    "3/4/" + "9" * 60,
    "2026-11-20T14:00:00." + "9" * 60,
]
_PIECES = st.sampled_from(
    [
        *_NASTY, "now", "today", "at", "ago", "last", "fri", "nov", "20", "2026", "-", "+", ":",
        "/", ".", ",", "h", "m", "s", "t", "z", "am", "pm", "0", "99", "2026-11-20", "14:00",
    ]
)  # fmt: skip
_ANY_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=60),
    st.lists(_PIECES, max_size=6).map(" ".join),
    st.lists(_PIECES, max_size=6).map("".join),
)


@settings(deadline=None, max_examples=300)
@given(_ANY_TEXT, st.booleans(), st.sampled_from([None, "dmy", "mdy"]), st.booleans())
def test_parse_when_returns_a_time_or_raises_input_error(
    text: str, past: bool, order: str | None, anyway: bool
) -> None:
    try:
        result = parse_when(text, NOW, past=past, date_order=order, anyway=anyway)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert result.tzinfo is NOW.tzinfo
        if not anyway:
            assert result.date() >= PLAUSIBLE_START
            assert result - NOW <= PLAUSIBLE_AHEAD


@settings(deadline=None, max_examples=300)
@given(_ANY_TEXT, st.sampled_from([None, "dmy", "mdy"]), st.booleans())
def test_parse_day_returns_a_day_or_raises_input_error(
    text: str, order: str | None, anyway: bool
) -> None:
    try:
        result = parse_day(text, NOW, date_order=order, anyway=anyway)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(result, date)


@settings(deadline=None, max_examples=300)
@given(_ANY_TEXT)
def test_parse_duration_returns_a_duration_or_raises_input_error(text: str) -> None:
    try:
        result = parse_duration(text)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert timedelta(0) < result <= timedelta(hours=24)


@settings(deadline=None, max_examples=300)
@given(_ANY_TEXT)
@example("3m30s")
def test_parse_video_length_returns_seconds_or_raises_input_error(text: str) -> None:
    try:
        result = parse_video_length(text)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert 1 <= result <= 24 * 60 * 60


def test_each_nasty_string_is_refused_by_every_parser() -> None:
    for text in _NASTY:
        for parse in (
            lambda t: parse_when(t, NOW),
            lambda t: parse_day(t, NOW),
            parse_duration,
            parse_video_length,
        ):
            try:
                parse(text)
            except InputError as error:
                assert "\n" not in str(error)
            else:
                # Unicode spaces are just spaces; everything else in the list is nonsense.
                assert text in ("today\u00a014:00", "nov\u300020"), text
