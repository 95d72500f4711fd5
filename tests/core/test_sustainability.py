"""Signals from facts at an injected clock, at the edges of every threshold."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.sustainability import (
    ALERT,
    WARN,
    Card,
    Facts,
    Limits,
    ThresholdSettings,
    Work,
    evaluate,
)

BERLIN = ZoneInfo("Europe/Berlin")
DEFAULTS = ThresholdSettings(day_job_hours_per_week=0)
# Wednesday 25 November 2026; the week began on Monday the 23rd.


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def work(start: datetime, minutes: float) -> Work:
    return Work(start, start + timedelta(minutes=minutes))


def signals(facts: Facts, thresholds: ThresholdSettings = DEFAULTS) -> dict[str, tuple[str, float]]:
    return {signal.key: (signal.level, signal.value) for signal in evaluate(facts, thresholds)}


def test_a_light_day_raises_nothing():
    facts = Facts(now=at(25, 21), work=(work(at(25, 19), 60),))
    assert signals(facts) == {}


def test_a_running_timer_warns_at_50_minutes_and_alerts_at_90():
    running = (Work(at(25, 19), None),)
    assert "pause" not in signals(Facts(now=at(25, 19, 49), work=running))
    assert signals(Facts(now=at(25, 19, 50), work=running))["pause"] == (WARN, 50)
    assert signals(Facts(now=at(25, 20, 30), work=running))["pause"] == (ALERT, 90)


def test_back_to_back_entries_count_as_one_session_but_a_real_pause_resets_it():
    joined = (work(at(25, 19), 40), Work(at(25, 19, 43), None))
    assert signals(Facts(now=at(25, 19, 55), work=joined))["pause"][0] == WARN
    paused = (work(at(25, 19), 40), Work(at(25, 19, 50), None))
    assert "pause" not in signals(Facts(now=at(25, 20, 10), work=paused))


def test_the_pause_signal_says_since_when_the_limit_was_crossed():
    [pause] = [s for s in evaluate(Facts(now=at(25, 20), work=(Work(at(25, 19), None),)), DEFAULTS)]
    assert pause.since == at(25, 19, 50)
    assert "60 minutes without a pause" in pause.message


def test_hours_today_warn_at_3_and_alert_at_4_exactly_at_the_limit():
    assert signals(Facts(now=at(25, 23), work=(work(at(25, 19), 179),))) == {}
    assert signals(Facts(now=at(25, 23), work=(work(at(25, 18), 180),)))["day_hours"] == (WARN, 3)
    level, _ = signals(Facts(now=at(25, 23), work=(work(at(25, 18), 240),)))["day_hours"]
    assert level == ALERT


def test_an_entry_across_midnight_counts_only_its_share_of_today():
    facts = Facts(now=at(25, 12), work=(work(at(24, 21), 5 * 60),))  # 21:00 to 02:00
    assert signals(facts).get("day_hours") is None
    heavy = Facts(now=at(25, 12), work=(work(at(24, 20), 8 * 60),))  # 20:00 to 04:00
    assert signals(heavy)["day_hours"] == (ALERT, 4)


def test_the_day_job_counts_towards_the_long_hours_limit():
    job = replace(DEFAULTS, day_job_hours_per_week=50)
    heavy = tuple(work(at(day, 20), 14 * 60 / 5) for day in (23, 24, 25))
    level, value = signals(Facts(now=at(25, 23, 30), work=heavy), job)["week_hours"]
    assert level == ALERT and round(value, 1) == 58.4


def test_a_four_week_mean_over_48_hours_warns():
    job = replace(DEFAULTS, day_job_hours_per_week=45)
    weeks = tuple(work(at(23, 9) - timedelta(weeks=back), 5 * 60) for back in range(4))
    assert signals(Facts(now=at(25, 12), work=weeks), job)["week_hours"] == (WARN, 50)


def test_one_late_night_warns_and_three_in_a_week_alert():
    one = (work(at(24, 22, 30), 30),)
    assert signals(Facts(now=at(25, 9), work=one))["late_night"] == (WARN, 1)
    three = tuple(work(at(day, 23), 30) for day in (20, 22, 24))
    assert signals(Facts(now=at(25, 9), work=three))["late_night"] == (ALERT, 3)


def test_work_ending_at_the_window_edge_is_not_late():
    facts = Facts(now=at(25, 9), work=(work(at(24, 21), 60),))  # ends 22:00 sharp
    assert "late_night" not in signals(facts)


def test_two_short_nights_in_a_row_alert():
    nights = (work(at(23, 23), 45), work(at(24, 23), 45))  # ends 23:45 > 23:30 for 06:30 wake
    assert signals(Facts(now=at(25, 10), work=nights))["short_nights"] == (ALERT, 2)


def test_seven_days_in_a_row_warn_and_a_rest_day_breaks_the_run():
    week = tuple(work(at(day, 20), 30) for day in range(19, 26))
    assert signals(Facts(now=at(25, 21), work=week))["days_in_a_row"] == (WARN, 7)
    rested = tuple(w for w in week if w.start.day != 22)
    assert "days_in_a_row" not in signals(Facts(now=at(25, 21), work=rested))


def test_wip_in_edit_and_review_warns_above_3_and_alerts_above_5():
    def cards(count: int) -> tuple[Card, ...]:
        return tuple(Card(n, f"V{n}", "edit", at(24, 9)) for n in range(count))

    assert "wip" not in signals(Facts(now=at(25, 9), cards=cards(3)))
    assert signals(Facts(now=at(25, 9), cards=cards(4)))["wip"] == (WARN, 4)
    assert signals(Facts(now=at(25, 9), cards=cards(6)))["wip"] == (ALERT, 6)


def test_a_stage_over_its_configured_limit_warns():
    cards = (Card(1, "A", "script", at(24, 9)), Card(2, "B", "script", at(24, 9)))
    facts = Facts(now=at(25, 9), cards=cards, wip_limits={"script": 1})
    assert signals(facts)["wip_script"] == (WARN, 2)


def test_a_card_waiting_in_review_for_two_weeks_warns_naming_it():
    waiting = (Card(7, "Unknown case 14", "review", at(11, 9)),)
    [signal] = evaluate(Facts(now=at(25, 9), cards=waiting), DEFAULTS)
    assert (signal.key, signal.level) == ("card_age", WARN)
    assert "#7 Unknown case 14 has been in review for 14 days" in signal.message


def test_a_switched_off_threshold_stays_silent():
    off = replace(DEFAULTS, day_hours=Limits(3, 4, enabled=False))
    assert "day_hours" not in signals(Facts(now=at(25, 23), work=(work(at(25, 18), 300),)), off)


def test_across_the_autumn_clock_change_hours_are_real_hours():
    # 25 October 2026: clocks go back at 03:00, so 00:00 to 06:00 is seven real hours.
    night = (
        Work(
            datetime(2026, 10, 25, 0, 0, tzinfo=BERLIN), datetime(2026, 10, 25, 6, 0, tzinfo=BERLIN)
        ),
    )
    facts = Facts(now=datetime(2026, 10, 25, 12, tzinfo=BERLIN), work=night)
    assert signals(facts)["day_hours"] == (ALERT, 7)


minutes = st.integers(min_value=10, max_value=240)
starts = st.integers(min_value=0, max_value=14 * 24 * 60)
entries = st.lists(st.tuples(starts, minutes), max_size=12)


def as_work(pairs: list[tuple[int, int]]) -> tuple[Work, ...]:
    base = at(11, 0)
    return tuple(work(base + timedelta(minutes=s), m) for s, m in pairs)


@settings(deadline=None, max_examples=60)
@given(entries, st.randoms())
def test_signals_never_depend_on_the_order_of_entries(pairs, rng):
    shuffled = list(pairs)
    rng.shuffle(shuffled)
    now = at(25, 23)
    assert evaluate(Facts(now, as_work(pairs)), DEFAULTS) == evaluate(
        Facts(now, as_work(shuffled)), DEFAULTS
    )


LOAD_KEYS = ("day_hours", "week_hours", "days_in_a_row", "late_night")
ORDER = {None: 0, WARN: 1, ALERT: 2}


@settings(deadline=None, max_examples=60)
@given(entries, st.tuples(starts, minutes))
def test_adding_work_never_lowers_a_load_signal(pairs, extra):
    now = at(25, 23)
    before = signals(Facts(now, as_work(pairs)))
    after = signals(Facts(now, as_work([*pairs, extra])))
    for key in LOAD_KEYS:
        assert ORDER[after.get(key, (None,))[0]] >= ORDER[before.get(key, (None,))[0]]


def test_a_planned_rest_day_ends_a_run_and_work_logged_inside_a_break_counts():
    every_day = tuple(work(at(day, 20), 30) for day in range(17, 26))
    assert signals(Facts(now=at(25, 21), work=every_day))["days_in_a_row"] == (WARN, 9)
    rested = tuple(w for w in every_day if w.start.day != 21)
    saturday_off = (Work(at(21, 0), at(22, 0)),)
    facts = Facts(now=at(25, 21), work=rested, pauses=saturday_off)
    assert "days_in_a_row" not in signals(facts), "a planned rest day is rest"
    insisted = Facts(now=at(25, 21), work=every_day, pauses=saturday_off)
    assert signals(insisted)["days_in_a_row"] == (WARN, 9), "working through planned rest counts"


def test_an_hour_long_break_does_not_make_thirteen_working_days_twelve():
    thirteen = tuple(work(at(day, 20), 30) for day in range(13, 26))
    hour_off = (Work(at(19, 12), at(19, 13)),)
    facts = Facts(now=at(25, 21), work=thirteen, pauses=hour_off)
    assert signals(facts)["days_in_a_row"] == (ALERT, 13)


def test_each_crossing_has_an_episode_so_it_is_prompted_once():
    running = (Work(at(25, 19), None),)
    first = evaluate(Facts(now=at(25, 19, 55), work=running), DEFAULTS)[0]
    later = evaluate(Facts(now=at(25, 20, 5), work=running), DEFAULTS)[0]
    assert first.episode == later.episode == "session from 2026-11-25 19:00"


def test_more_hours_per_published_video_than_before_warns_then_alerts():
    from tracker.core.sustainability import Published

    before = tuple(Published(at(25, 12) - timedelta(weeks=w), 4.0) for w in (6, 8, 10))
    rising = (Published(at(20, 12), 6.5), Published(at(23, 12), 6.0))
    facts = Facts(now=at(25, 21), published=before + rising)
    assert signals(facts)["hours_per_video"] == (WARN, 56.25)
    doubled = (Published(at(20, 12), 9.0), Published(at(23, 12), 8.0))
    assert signals(Facts(now=at(25, 21), published=before + doubled))["hours_per_video"][0] == ALERT
    steady = (Published(at(20, 12), 4.0), Published(at(23, 12), 4.5))
    assert "hours_per_video" not in signals(Facts(now=at(25, 21), published=before + steady))


def test_a_thin_buffer_warns_and_an_empty_one_with_a_deadline_alerts():
    from tracker.core.sustainability import Published

    weekly = tuple(Published(at(25, 12) - timedelta(weeks=w), 3.0) for w in range(12))
    assert "buffer" not in signals(Facts(now=at(25, 21), published=weekly, ready=2))
    assert signals(Facts(now=at(25, 21), published=weekly, ready=0))["buffer"] == (WARN, 0)
    assert signals(Facts(now=at(25, 21), published=weekly, due_soon=1))["buffer"][0] == ALERT


def test_work_in_the_hour_before_waking_cuts_the_night_short_too():
    early = (work(at(25, 6), 50),)  # 06:00 to 06:50, wake at 06:30
    assert signals(Facts(now=at(25, 12), work=early))["short_nights"] == (WARN, 1)
    after_waking = (work(at(25, 6, 30), 60),)
    assert "short_nights" not in signals(Facts(now=at(25, 12), work=after_waking))
    late = (work(at(24, 23, 0), 45),)
    assert signals(Facts(now=at(25, 12), work=late))["short_nights"] == (WARN, 1)


def test_the_late_night_alert_keeps_one_episode_while_its_nights_last():
    nights = tuple(work(at(day, 23), 30) for day in (20, 22, 24))
    first = [s for s in evaluate(Facts(now=at(25, 9), work=nights), DEFAULTS) if s.level == ALERT]
    later = [s for s in evaluate(Facts(now=at(25, 23), work=nights), DEFAULTS) if s.level == ALERT]
    assert first[0].episode == later[0].episode == "late nights from 2026-11-20"


def test_weeks_begin_on_the_configured_day():
    job = replace(DEFAULTS, day_job_hours_per_week=40)
    sunday = (work(at(22, 8), 15 * 60),)  # Sunday 22 November, 15 h
    monday_weeks = signals(Facts(now=at(25, 12), work=sunday), job)
    sunday_weeks = signals(Facts(now=at(25, 12), work=sunday, week_start=6), job)
    assert "week_hours" not in monday_weeks, "Sunday belongs to last week when weeks start Monday"
    assert sunday_weeks["week_hours"] == (ALERT, 55), "the same week as the status line's"


def test_during_and_just_after_a_planned_break_the_output_signals_rest_but_work_limits_do_not():
    waiting = (Card(7, "Unknown case 14", "review", at(1, 9)),)
    hiatus = (Work(at(2, 0), at(22, 0)),)  # three weeks off, back on Sunday
    heavy_today = (work(at(25, 18), 240),)
    back = Facts(now=at(25, 23), work=heavy_today, cards=waiting, pauses=hiatus)
    found = signals(back)
    assert "card_age" not in found and found["day_hours"] == (ALERT, 4)
    a_week_later = Facts(now=at(2, 12, month=12), cards=waiting, pauses=hiatus)
    assert signals(a_week_later)["card_age"][0] == ALERT


def test_a_late_window_that_starts_after_midnight_leaves_the_day_alone():
    window = replace(DEFAULTS, late_night_start=time(0, 30))
    morning = (work(at(25, 9), 60),)
    assert "late_night" not in signals(Facts(now=at(25, 12), work=morning), window)
    small_hours = (work(at(25, 1), 30),)
    assert signals(Facts(now=at(25, 12), work=small_hours), window)["late_night"][0] == WARN
