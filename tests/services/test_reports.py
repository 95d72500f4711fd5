"""The weekly review, against figures worked out by hand, on both backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from tests.conftest import ZONE
from tracker.core.errors import InputError
from tracker.core.periods import days_between, parse_month, parse_week
from tracker.core.sustainability import Signal
from tracker.services import board, breaks, checkins, insights, reports, timelog
from tracker.services.members import add_member

W47 = parse_week("2026-W47", 0)  # Mon 16 - Sun 22 Nov 2026


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZONE)


def log(database, ctx, start, end, ref=None, activity="admin"):
    database.run_write(lambda s: timelog.log_entry(s, ctx, ref, start, end, activity=activity))


def build(database, ctx, period=W47, members=None):
    with database.read() as session:
        return reports.build_report(session, ctx, period, members)


@pytest.fixture
def week_of_work(database, ctx, clock):
    """W47: 2 h of editing case 1 (published Fri 20), two hours of admin across Sunday
    midnight (one in W47), a check-in and two answered prompts; W46: 3 h of scripting."""
    clock.current = at(11, 10, 9)
    database.run_write(lambda s: board.add_video(s, ctx, "Case 1", stage="edit"))
    clock.current = at(11, 17, 9)
    database.run_write(
        lambda s: board.add_video(s, ctx, "Case 2", stage="script", due_on=date(2026, 11, 26))
    )
    clock.current = at(11, 20, 18)
    database.run_write(lambda s: board.move_video(s, ctx, "1", "published"))
    database.run_write(lambda s: checkins.record_checkin(s, ctx, [2] * len(checkins.instrument())))
    signal = Signal("week_hours", "warn", 50, 45, "h", None, "", "2026-W47")
    for answer in ("snoozed", "break"):
        database.run_write(
            lambda s, a=answer: breaks.answer_prompt(s, ctx, [signal], a, at(11, 20, 18))
        )
    clock.current = at(11, 25, 10)
    log(database, ctx, at(11, 10, 19), at(11, 10, 22), "2", "script")
    log(database, ctx, at(11, 17, 19), at(11, 17, 21), "1", "edit")
    log(database, ctx, at(11, 22, 23), at(11, 23, 1))


def test_a_week_sums_its_hours_split_at_its_edges(database, ctx, week_of_work):
    report = build(database, ctx)
    assert report.period.label == "2026-W47"
    assert report.total_hours == 3.0
    assert report.hours_by_activity == {"edit": 2.0, "admin": 1.0}
    assert [(line.number, line.hours) for line in report.hours_by_video] == [(1, 2.0), (None, 1.0)]
    days = {line.day.isoformat(): line.hours for line in report.hours_by_day}
    assert len(days) == 7 and days["2026-11-17"] == 2.0 and days["2026-11-22"] == 1.0
    assert sum(days.values()) == report.total_hours


def test_the_four_weeks_before_stand_beside_it(database, ctx, week_of_work):
    report = build(database, ctx)
    assert [line.label for line in report.earlier] == [
        "2026-W46",
        "2026-W45",
        "2026-W44",
        "2026-W43",
    ]
    assert report.earlier[0].total_hours == 3.0
    assert report.earlier[0].hours_by_activity == {"script": 3.0}
    assert (report.summary.total_hours, report.summary.published) == (3.0, 1)


def test_output_cycle_times_and_what_comes_next(database, ctx, week_of_work):
    report = build(database, ctx)
    [published] = report.published
    assert (published.number, published.hours) == (1, 2.0)
    assert report.hours_per_video == 2.0
    assert [card.number for card in report.created] == [2]
    assert report.moved == {"script": 1, "published": 1}
    assert [line.stage for line in report.cycle_times] == ["edit", "idea → published"]
    assert [line.median_days for line in report.cycle_times] == [pytest.approx(10 + 9 / 24)] * 2
    assert [card.number for card in report.scheduled_next] == [2]
    assert report.wip["script"] == 1 and report.wip["edit"] == 0


def test_signals_and_check_ins_of_the_period(database, ctx, week_of_work):
    report = build(database, ctx)
    [signal] = report.signals
    assert (signal.key, signal.level, signal.times) == ("week_hours", "warn", 2)
    assert report.prompt_answers == {"snoozed": 1, "taken": 1}
    [checkin] = report.checkins
    assert checkin.personal_score is not None
    assert report.summary.checkin_personal == checkin.personal_score
    assert report.earlier[0].checkin_personal is None


def test_a_report_never_disagrees_with_the_insights_chart(database, ctx, week_of_work):
    report = build(database, ctx, parse_week("2026-W48", 0))
    with database.read() as session:
        [w47, w48] = insights.effort_vs_output(session, ctx, 2)
    assert report.summary.total_hours == w48.hours
    assert report.earlier[0].total_hours == w47.hours
    assert report.earlier[0].published == w47.published
    assert report.earlier[0].hours_per_video == w47.hours_per_video


def test_any_past_period_works_a_year_back(database, ctx, week_of_work):
    log(database, ctx, at(11, 17, 19, year=2025), at(11, 17, 20, year=2025))
    report = build(database, ctx, parse_week("2025-W47", 0))
    assert (report.total_hours, report.period.first) == (1.0, date(2025, 11, 17))
    assert report.published == [] and report.scheduled_next == []


def test_a_month_and_a_range_of_days(database, ctx, week_of_work):
    assert build(database, ctx, parse_month("2026-11")).total_hours == 7.0
    assert build(database, ctx, parse_month("2026-11")).earlier[0].label == "2026-10"
    days = build(database, ctx, days_between(date(2026, 11, 17), date(2026, 11, 22)))
    assert [line.day.isoformat() for line in days.hours_by_day] == ["2026-11-17", "2026-11-22"]


def test_everything_on_record_starts_at_the_first_entry_or_card(database, ctx, week_of_work):
    with database.read() as session:
        period = reports.everything(session, ctx, (ctx.member_id,))
    assert period.first == date(2026, 11, 10)
    report = build(database, ctx, period)
    assert (report.total_hours, report.earlier) == (7.0, [])


def test_another_members_work_counts_only_when_asked_for(database, ctx, week_of_work):
    ben = replace(ctx, member_id=database.run_write(lambda s: add_member(s, "ben")))
    log(database, ben, at(11, 18, 9), at(11, 18, 13), activity="learning")
    assert build(database, ctx).total_hours == 3.0
    with database.read() as session:
        everyone = reports.member_ids(session, None)
    together = build(database, ctx, members=everyone)
    assert together.total_hours == 7.0
    assert together.members == sorted(together.members) and "ben" in together.members
    assert build(database, ben).hours_by_activity == {"learning": 4.0}


def test_an_empty_period_reports_nothing_and_no_median(database, ctx):
    report = build(database, ctx, parse_week("2026-W10", 0))
    assert (report.total_hours, report.hours_per_video, report.published) == (0, None, [])
    assert all(line.hours == 0 for line in report.hours_by_day)


def test_hours_and_output_group_by_category_and_by_tag(database, ctx, week_of_work):
    database.run_write(
        lambda s: board.edit_video(s, ctx, "1", {"category": "Clinical", "tags": ["ct", "mri"]})
    )
    database.run_write(lambda s: board.edit_video(s, ctx, "2", {"tags": ["ct"]}))
    log(database, ctx, at(11, 18, 19), at(11, 18, 20), "2", "script")

    report = build(database, ctx)

    assert report.hours_by_category == {"clinical": 2.0, "(none)": 2.0}  # 1 h admin, 1 h case 2
    assert report.hours_by_tag == {"ct": 3.0, "mri": 2.0, "(none)": 1.0}
    assert report.published_by_category == {"clinical": 1}


def test_a_category_outside_the_configured_ones_is_refused(database, ctx):
    database.run_write(lambda s: board.add_video(s, ctx, "Case 1"))
    with pytest.raises(InputError, match='Unknown category "gossip"; use one of clinical'):
        database.run_write(lambda s: board.edit_video(s, ctx, "1", {"category": "gossip"}))
