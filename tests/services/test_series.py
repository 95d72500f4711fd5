"""Series: planning numbered cards on a rhythm, never twice, and saying which weeks were missed."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.conftest import ZONE, Clock
from tracker.core.errors import ConflictError, InputError, NotFoundError
from tracker.services import board, series
from tracker.services.context import Context


def add_unknown_case(database, ctx, **given):
    options = {"answer_after": "48h", "hashtag": "PedsNeuroUnknown"} | given
    return database.run_write(lambda s: series.add_series(s, ctx, "Unknown case", "wed", **options))


def plan(database, ctx, weeks=8, name="Unknown case"):
    return database.run_write(lambda s: series.plan_series(s, ctx, name, weeks))


def cards(database, ctx):
    with database.read() as session:
        listed = board.list_videos(session, ctx)
    return {video.title: video for video in listed}


def publish_moments(database):
    from sqlmodel import select

    from tracker.db.models import Video

    with database.read() as session:
        rows = session.exec(select(Video.title, Video.publish_at, Video.caption)).all()
    return {title: (moment.astimezone(ZONE), caption) for title, moment, caption in rows}


def test_planning_eight_weeks_makes_numbered_questions_and_their_answers(database, ctx):
    add_unknown_case(database, ctx)
    result = plan(database, ctx)

    made = cards(database, ctx)
    assert len(result.made) == 16
    questions = [made[f"Unknown case #{n}"] for n in range(1, 9)]
    answers = [made[f"Unknown case #{n}: answer"] for n in range(1, 9)]
    # The clock says Wednesday 25 Nov 10:00: today's post is the first.
    assert [q.due_on for q in questions] == [
        date(2026, 11, 25) + timedelta(weeks=i) for i in range(8)
    ]
    assert all(a.due_on.weekday() == 4 for a in answers)  # Fridays
    assert all(v.stage == "idea" and v.series == "Unknown case" for v in questions + answers)
    assert [q.case_number for q in questions] == list(range(1, 9))
    moments = publish_moments(database)
    assert moments["Unknown case #1"] == (
        datetime(2026, 11, 25, 9, 0, tzinfo=ZONE),
        "#PedsNeuroUnknown",
    )


def test_planning_twice_never_duplicates_and_continues_the_count(database, ctx, clock):
    add_unknown_case(database, ctx)
    plan(database, ctx, weeks=4)
    again = plan(database, ctx, weeks=4)
    assert again.made == () and again.already == 4

    clock.advance(days=14)  # planned to 16 Dec; four weeks from 9 Dec reach 30 Dec
    later = plan(database, ctx, weeks=4)
    assert [(title, day.day) for _, title, day in later.made if "answer" not in title] == [
        ("Unknown case #5", 23),
        ("Unknown case #6", 30),
    ]
    assert later.already == 2
    assert len(cards(database, ctx)) == 12


def test_a_card_removed_on_purpose_is_not_planned_again(database, ctx):
    add_unknown_case(database, ctx, answer_after=None)
    plan(database, ctx, weeks=3)
    number = cards(database, ctx)["Unknown case #2"].number
    database.run_write(lambda s: board.remove_video(s, ctx, str(number)))
    assert plan(database, ctx, weeks=3).made == ()


def test_planning_across_a_month_end_and_a_summer_time_change_keeps_the_wall_clock(
    database, settings, ctx
):
    # Berlin leaves summer time on Sunday 25 October 2026, within the plan's second week.
    october = Context(ctx.member_id, settings, ZONE, Clock(datetime(2026, 10, 19, 8, tzinfo=ZONE)))
    database.run_write(
        lambda s: series.add_series(
            s, october, "Unknown case", "wed", answer_after="48h", at="18:30"
        )
    )
    plan(database, october, weeks=3)
    moments = publish_moments(database)
    assert [moments[f"Unknown case #{n}"][0] for n in (1, 2, 3)] == [
        datetime(2026, 10, 21, 18, 30, tzinfo=ZONE),
        datetime(2026, 10, 28, 18, 30, tzinfo=ZONE),
        datetime(2026, 11, 4, 18, 30, tzinfo=ZONE),
    ]
    assert [moments[f"Unknown case #{n}: answer"][0] for n in (1, 2, 3)] == [
        datetime(2026, 10, 23, 18, 30, tzinfo=ZONE),
        datetime(2026, 10, 30, 18, 30, tzinfo=ZONE),
        datetime(2026, 11, 6, 18, 30, tzinfo=ZONE),
    ]
    # In UTC the second question is an hour later than the first: the clocks went back.
    first, second = (moments[f"Unknown case #{n}"][0].utcoffset() for n in (1, 2))
    assert (first.seconds // 3600, second.seconds // 3600) == (2, 1)


def test_every_n_days_counts_from_the_first_post(database, ctx):
    database.run_write(
        lambda s: series.add_series(s, ctx, "Anatomy", "10d", first=date(2026, 11, 30))
    )
    plan(database, ctx, weeks=4, name="anatomy")
    due = sorted(v.due_on for v in cards(database, ctx).values())
    assert due == [date(2026, 11, 30), date(2026, 12, 10), date(2026, 12, 20)]


def test_a_past_week_without_a_published_question_is_missed(database, ctx, clock):
    add_unknown_case(database, ctx, answer_after=None)
    plan(database, ctx, weeks=3)  # 25 Nov, 2 Dec, 9 Dec
    first = cards(database, ctx)["Unknown case #1"].number
    database.run_write(lambda s: board.move_video(s, ctx, str(first), "published"))

    clock.advance(days=21)  # Wednesday 16 Dec: 2 Dec and 9 Dec went by unpublished
    with database.read() as session:
        (view,) = series.list_series(session, ctx)
    assert view.missed == (date(2026, 12, 2), date(2026, 12, 9))
    assert view.next_slot is not None
    assert (view.next_slot.day, view.next_slot.state) == (date(2026, 12, 16), "unplanned")

    with database.read() as session:
        ((name, slots),) = series.series_slots(session, ctx, date(2026, 11, 23), date(2026, 12, 14))
    assert name == "Unknown case"
    assert [(slot.day.day, slot.case_number, slot.state) for slot in slots] == [
        (25, 1, "published"),
        (2, 2, "missed"),
        (9, 3, "missed"),
    ]


def test_weeks_no_card_was_planned_for_are_missed_too(database, ctx, clock):
    add_unknown_case(database, ctx, answer_after=None)
    clock.advance(days=14)  # Wednesday 9 Dec: two Wednesdays passed, nothing planned
    with database.read() as session:
        (view,) = series.list_series(session, ctx)
    assert view.missed == (date(2026, 11, 25), date(2026, 12, 2))


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"every": "fortnightly"}, "as a cadence"),
        ({"every": "0d"}, "as a cadence"),
        ({"answer_after": "-4h"}, "time until the answer"),
        ({"answer_after": "30d"}, "time until the answer"),
        ({"hashtag": "#two words"}, "not a hashtag"),
        ({"at": "9"}, "time of day"),
        ({"name": "   "}, "needs a name"),
        ({"name": "x" * 121}, "keep a series' name"),
    ],
)
def test_a_series_that_cannot_be_read_is_refused_and_nothing_is_stored(
    database, ctx, given, message
):
    options = {"name": "Unknown case", "every": "wed"} | given
    name, every = options.pop("name"), options.pop("every")
    with pytest.raises(InputError, match=message):
        database.run_write(lambda s: series.add_series(s, ctx, name, every, **options))
    with database.read() as session:
        assert series.list_series(session, ctx) == []


def test_names_are_unique_whatever_their_case_and_unknown_ones_are_refused(database, ctx):
    add_unknown_case(database, ctx)
    with pytest.raises(ConflictError, match="exists"):
        database.run_write(lambda s: series.add_series(s, ctx, "UNKNOWN CASE", "fri"))
    with pytest.raises(NotFoundError, match="series ls"):
        plan(database, ctx, name="Known case")
    with pytest.raises(InputError, match="1 to 104 weeks"):
        plan(database, ctx, weeks=0)


def test_the_weekly_review_shows_the_weeks_kept_missed_and_coming(database, ctx, clock):
    from tracker.core.periods import parse_week
    from tracker.services.reports import build_report

    add_unknown_case(database, ctx)
    plan(database, ctx, weeks=3)
    clock.advance(days=7)  # Wednesday 2 Dec: 25 Nov went by unpublished
    with database.read() as session:
        report = build_report(session, ctx, parse_week("2026-W48", 0))
    assert [
        (line.day.day, line.case_number, line.card, line.answer_card, line.state)
        for line in report.series
    ] == [
        (25, 1, 1, 2, "missed"),
        (2, 2, 3, 4, "due"),
        (9, 3, 5, 6, "planned"),
    ]


def test_a_card_moved_a_day_later_still_holds_its_week(database, ctx):
    add_unknown_case(database, ctx, answer_after=None)
    plan(database, ctx, weeks=2)
    second = cards(database, ctx)["Unknown case #2"].number
    database.run_write(
        lambda s: board.edit_video(s, ctx, str(second), {"due_on": date(2026, 12, 3)})
    )
    assert plan(database, ctx, weeks=2).made == ()
    with database.read() as session:
        ((_, slots),) = series.series_slots(session, ctx, date(2026, 11, 30), date(2026, 12, 7))
    assert [(slot.day, slot.card) for slot in slots] == [(date(2026, 12, 2), second)]


def test_a_stopped_series_leaves_the_lists_and_its_name_can_start_again(database, ctx):
    add_unknown_case(database, ctx)
    plan(database, ctx, weeks=1)
    database.run_write(lambda s: series.remove_series(s, ctx, "unknown case"))
    with database.read() as session:
        assert series.list_series(session, ctx) == []
    assert len(cards(database, ctx)) == 2, "its cards stay on the board"
    view = database.run_write(lambda s: series.add_series(s, ctx, "Unknown case", "fri"))
    assert (view.cadence, view.last_case) == ("every Fri", 0)


@pytest.mark.parametrize("name", ["\x1b", "\u200b", "Case\x07 one"])
def test_a_name_without_a_letter_or_with_control_characters_is_refused(database, ctx, name):
    with pytest.raises(InputError, match="series"):
        database.run_write(lambda s: series.add_series(s, ctx, name, "wed"))


def test_the_case_counter_stops_at_the_largest_number_there_is(database, ctx):
    from tracker.services.board import LARGEST_NUMBER

    database.run_write(lambda s: series.add_series(s, ctx, "Big", "wed", next_case=LARGEST_NUMBER))
    with pytest.raises(InputError, match="the last there is"):
        plan(database, ctx, weeks=2, name="Big")
    with pytest.raises(InputError, match="from 1 to 2147483647"):
        database.run_write(lambda s: series.add_series(s, ctx, "Bigger", "wed", next_case=0))
