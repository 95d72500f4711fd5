"""Toggl Track's detailed report (CSV) imported into the time log."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.helpers import snapshot
from tracker.core.errors import InputError
from tracker.services import board, timelog
from tracker.services.imports.toggl import import_toggl

DATA = Path(__file__).parents[1] / "data" / "imports"
HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,"
    "End time,Duration,Tags,Amount ()\n"
)


def entries_of(database, ctx, first: date, days: int):
    start, _ = ctx.day_bounds(first)
    _, end = ctx.day_bounds(first + timedelta(days=days - 1))
    with database.read() as session:
        return timelog.list_entries(session, ctx, start, end)


def test_rows_become_entries_in_the_members_zone(database, ctx):
    result = database.run_write(lambda s: import_toggl(s, ctx, str(DATA / "toggl_detailed.csv")))

    assert [(t.what, t.new, t.already) for t in result.tallies] == [
        ("entries", 4, 0),
        ("videos", 2, 0),
    ]
    listing = entries_of(database, ctx, date(2026, 11, 20), 3)
    assert [
        (ctx.span(e.start_at, e.end_at), e.activity, e.video_title, e.note, e.source)
        for e in listing.entries
    ] == [
        ("Fri 20 Nov 20:00–21:30", "edit", "Unknown case 14", "first cut", "toggl"),
        (
            "Fri 20 Nov 23:00 – Sat 21 Nov 00:30",
            "review",
            "Unknown case 14",
            "tags: night",
            "toggl",
        ),
        ("Sat 21 Nov 10:00–10:45", "comments", None, "answered comments", "toggl"),
        (
            "Sun 22 Nov 19:00–20:00",
            "other",
            "MRI safety",
            'Outline — first draft, "rough"',
            "toggl",
        ),
    ]
    with database.read() as session:
        per_day = timelog.daily_seconds(session, ctx, [date(2026, 11, 20), date(2026, 11, 21)])
    assert per_day == [2.5 * 3600, 1.25 * 3600]


def test_the_same_report_twice_adds_nothing(database, ctx, tmp_path):
    path = str(DATA / "toggl_detailed.csv")
    database.run_write(lambda s: import_toggl(s, ctx, path))
    before = snapshot(database)
    again = database.run_write(lambda s: import_toggl(s, ctx, path))
    assert [(t.new, t.already) for t in again.tallies] == [(0, 4), (0, 0)]
    assert snapshot(database) == before
    # A report of a longer period holds the same rows and some more.
    longer = tmp_path / "longer.csv"
    shutil.copy(path, longer)
    with longer.open("a") as stream:
        stream.write(
            "Ana,ana@example.com,,MRI safety,,,No,2026-11-23,19:00:00,2026-11-23,19:30:00,"
            "00:30:00,,\n"
        )
    more = database.run_write(lambda s: import_toggl(s, ctx, str(longer)))
    assert [(t.new, t.already) for t in more.tallies] == [(1, 4), (0, 1)]


def test_a_teams_report_needs_the_person_named(database, ctx):
    path = str(DATA / "toggl_team.csv")
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_toggl(s, ctx, path))
    assert str(refused.value) == (
        f"{path}:3: this row is Ben's work, the rows before are Ana's; import one person's "
        "with --user NAME"
    )
    result = database.run_write(lambda s: import_toggl(s, ctx, path, user="ANA@example.com"))
    assert result.tallies[0].new == 2
    with database.read() as session:
        (video,) = board.list_videos(session, ctx, include_finished=True, include_archived=True)
    assert video.logged_seconds == 2.5 * 3600


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            "Ana,a@b.c,,P,,,No,2026-11-20,25:00:00,2026-11-20,21:30:00,,,\n",
            ':2: cannot read the start "2026-11-20 25:00:00" as a date and time such as '
            "2026-11-20 14:05:00",
        ),
        (
            "Ana,a@b.c,,P,,,No,20.11.,20:00:00,2026-11-20,21:30:00,,,\n",
            ':2: cannot read the start "20.11. 20:00:00" as a date and time',
        ),
        (
            "Ana,a@b.c,,P,,,No,2026-11-20,20:00:00,2026-11-20,20:00:00,,,\n"
            "Ana,a@b.c,,P,,,No,2026-11-20,20:30:00,2026-11-20,21:00:00,,,\n"
            "Ana,a@b.c,,P,,,No,2026-11-20,20:45:00,2026-11-20,21:15:00,,,\n",
            ":4: this row (Fri 20 Nov 20:45–21:15) overlaps the row at ",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_line(database, ctx, tmp_path, rows, message):
    path = tmp_path / "report.csv"
    path.write_text(HEADER + rows)
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_toggl(s, ctx, str(path)))
    assert str(refused.value).startswith(f"{path}{message}")
    assert snapshot(database) == before


def test_a_csv_of_something_else_is_refused_naming_its_columns(database, ctx, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Date,Hours,What\n2026-11-20,2,edit\n")
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_toggl(s, ctx, str(path)))
    assert str(refused.value) == (
        f"{path} is not a Toggl Track detailed report exported as CSV: it has no Start date or "
        'Start time or End date or End time column (its columns are "Date", "Hours", "What").'
    )


@pytest.mark.parametrize(
    ("user", "report", "message"),
    [
        (
            "nobody",
            "toggl_team.csv",
            '{path} has no rows of "nobody"; its people are Ana (ana@example.com), Ben '
            "(ben@example.com): give --user one of their names or e-mails.",
        ),
        (
            "Ana Lima",
            "toggl_detailed.csv",
            '{path} has no rows of "Ana Lima"; its people are Ana (ana@example.com): give '
            "--user one of their names or e-mails.",
        ),
        ("  ", "toggl_team.csv", "--user is empty; give a person's name or e-mail as the report"),
    ],
)
def test_a_user_the_report_does_not_hold_is_refused_naming_who_it_holds(
    database, ctx, user, report, message
):
    path = str(DATA / report)
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_toggl(s, ctx, path, user=user))
    assert str(refused.value).startswith(message.format(path=path))
    assert snapshot(database) == before


def test_a_user_is_refused_for_a_report_of_no_people(database, ctx, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "Project,Start date,Start time,End date,End time\nP,2026-11-20,20:00,2026-11-20,21:00\n"
    )
    with pytest.raises(InputError, match="has no User or Email column, so it holds one person's"):
        database.run_write(lambda s: import_toggl(s, ctx, str(path), user="ana"))


def test_a_report_saved_as_a_workbook_is_refused_saying_to_export_csv(database, ctx, tmp_path):
    from openpyxl import Workbook

    path = tmp_path / "report.csv"
    Workbook().save(path)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_toggl(s, ctx, str(path)))
    assert str(refused.value) == (
        f"{path} is an Excel workbook (.xlsx), not a Toggl Track detailed report exported as "
        "CSV; export the report again as CSV (Reports, Detailed, Export, CSV)."
    )
