"""Case spreadsheets (CSV and Excel) imported as videos."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.conftest import ZONE
from tests.helpers import snapshot
from tracker.core.errors import InputError
from tracker.services import board
from tracker.services.imports import SourceFile
from tracker.services.imports.sheets import import_sheet
from tracker.services.imports.tables import read_csv, read_xlsx

DATA = Path(__file__).parents[1] / "data" / "imports"
CASES = DATA / "cases.csv"
MAPPING = {"case": "Case", "due": "Date", "stage": "Status", "published": "Published"}


@pytest.fixture
def dmy(ctx):
    """The member reads 04/12/2026 as 4 December."""
    return replace(ctx, settings=replace(ctx.settings, date_order="dmy"))


def csv_table(path: Path):
    return read_csv(SourceFile(path, "a CSV file", path.name))


def xlsx_table(path: Path, sheet: str | None = None):
    return read_xlsx(SourceFile(path, "a workbook", path.name), sheet)


def import_csv(database, ctx, path=CASES, mapping=MAPPING, **options):
    return database.run_write(lambda s: import_sheet(s, ctx, csv_table(path), mapping, **options))


def all_videos(database, ctx):
    with database.read() as session:
        return board.list_videos(session, ctx, include_finished=True, include_archived=True)


def test_rows_become_videos_with_their_fields(database, dmy):
    result = import_csv(database, dmy)

    assert [(t.what, t.new, t.already) for t in result.tallies] == [("videos", 4, 0)]
    videos = {video.title: video for video in all_videos(database, dmy)}
    published = videos["Unknown case 13"]
    assert (published.stage, published.archived, published.case_number) == ("published", True, 13)
    assert published.published_at == datetime(2026, 11, 10, tzinfo=ZONE)
    assert (published.platforms, published.tags, published.series, published.notes) == (
        ("youtube", "instagram"),
        ("unknowncase",),
        "Unknown cases",
        "answer next week",
    )
    assert (videos["Unknown case 14"].stage, videos["Unknown case 14"].due_on) == (
        "edit",
        date(2026, 11, 27),
    )
    later = videos["Unknown case 15"]
    assert (later.stage, later.due_on, later.tags, later.notes) == (
        "idea",
        date(2026, 12, 4),
        ("unknowncase", "shorts"),
        "two\r\nlines",
    )
    assert [v.number for v in sorted(videos.values(), key=lambda v: v.number)] == [1, 2, 3, 4]
    with database.read() as session:
        history = board.video_detail(session, dmy, "1").history
    assert [(h.to_stage, h.at) for h in history] == [("published", published.published_at)]


def test_the_dry_run_previews_the_rows_and_changes_nothing(database, dmy):
    before = snapshot(database)
    result = import_csv(database, dmy, dry_run=True)
    assert snapshot(database) == before
    assert result.preview_headers[:4] == ("Line", "", "#", "Title")
    assert [row[:5] for row in result.preview] == [
        ("2", "new", "#1", "Unknown case 13", "published"),
        ("3", "new", "#2", "Unknown case 14", "edit"),
        ("5", "new", "#3", "Unknown case 15", "idea"),
        ("7", "new", "#4", "Unknown case 16", "idea"),
    ]
    assert result.notes == (
        "columns: case ← Case, due ← Date, stage ← Status, published ← Published, "
        "title ← Title, platforms ← Platforms, tags ← Tags, series ← Series, notes ← Notes",
    )


def test_the_sheet_again_as_csv_or_xlsx_adds_nothing(database, dmy, tmp_path):
    import_csv(database, dmy)
    before = snapshot(database)
    again = import_csv(database, dmy)
    assert [(t.new, t.already) for t in again.tallies] == [(0, 4)]
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Case", "Date"])
    sheet.append(["Unknown case 14", 14, datetime(2026, 11, 27)])
    sheet.append(["unknown CASE 16", 16, None])
    workbook.save(tmp_path / "cases.xlsx")
    mapping = {"case": "Case", "due": "Date"}
    as_xlsx = database.run_write(
        lambda s: import_sheet(s, dmy, xlsx_table(tmp_path / "cases.xlsx"), mapping)
    )
    assert [(t.new, t.already) for t in as_xlsx.tallies] == [(0, 2)]
    assert snapshot(database) == before


def test_a_key_column_knows_a_row_again_after_its_title_changed(database, ctx, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("Case,Title\n14,Unknown case 14\n")
    import_csv(database, ctx, path, {}, key="Case")
    path.write_text("Case,Title\n14,Unknown case 14: the answer\n15,Unknown case 15\n")
    result = import_csv(database, ctx, path, {}, key="case")
    assert [(t.new, t.already) for t in result.tallies] == [(1, 1)]
    assert [v.title for v in all_videos(database, ctx)] == ["Unknown case 14", "Unknown case 15"]


def test_a_video_already_on_the_board_is_left_as_it_is(database, ctx, tmp_path):
    database.run_write(lambda s: board.add_video(s, ctx, "Unknown Case 14", stage="review"))
    path = tmp_path / "cases.csv"
    path.write_text("Title,Stage\nunknown case 14,idea\n")
    result = import_csv(database, ctx, path, {})
    assert [(t.new, t.already) for t in result.tallies] == [(0, 1)]
    assert [(v.title, v.stage) for v in all_videos(database, ctx)] == [
        ("Unknown Case 14", "review")
    ]


def test_an_excel_sheet_is_read_by_row_number_skipping_blank_rows(database, ctx, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Notes"
    sheet = workbook.create_sheet("Cases")
    sheet.append([])
    sheet.append(["Case", "Title", "Published", "Platforms"])
    sheet.append([13, "Unknown case 13", datetime(2026, 11, 10, 18, 0), "youtube"])
    sheet.append([])
    sheet.append([14, "Unknown case 14", "someday", "youtube"])
    workbook.save(tmp_path / "cases.xlsx")
    with pytest.raises(InputError) as refused:
        database.run_write(
            lambda s: import_sheet(s, ctx, xlsx_table(tmp_path / "cases.xlsx", "Cases"), {})
        )
    assert str(refused.value) == (
        'cases.xlsx:5: the date published "someday" is not a date with its year, such as 2026-12-01'
    )
    sheet.delete_rows(5)
    workbook.save(tmp_path / "cases.xlsx")
    database.run_write(
        lambda s: import_sheet(s, ctx, xlsx_table(tmp_path / "cases.xlsx", "Cases"), {})
    )
    (video,) = all_videos(database, ctx)
    assert (video.title, video.stage, video.published_at) == (
        "Unknown case 13",
        "published",
        datetime(2026, 11, 10, tzinfo=ZONE),
    )


REFUSED = {
    "a date either way round": (
        "Title,Due\nA,04/12/2026\n",
        {},
        'cases.csv:2: the due date "04/12/2026" could be 2026-04-12 or 2026-12-04; write it as '
        "YYYY-MM-DD, or set date_order in the config",
    ),
    "a date without its year": (
        "Title,Due\nA,fri\n",
        {},
        'cases.csv:2: the due date "fri" is not a date with its year, such as 2026-12-01',
    ),
    "an unknown stage": (
        "Title,Stage\nA,done\n",
        {},
        'cases.csv:2: Unknown stage "done"; use one of idea, script, record, edit, review, '
        "scheduled, published, dropped.",
    ),
    "an unknown platform": (
        "Title,Platforms\nA,myspace\n",
        {},
        'cases.csv:2: Unknown platform "myspace"',
    ),
    "a published date on a video in progress": (
        "Title,Stage,Published\nA,edit,2026-11-01\n",
        {},
        "cases.csv:2: it has a date published but is in edit; clear one of them",
    ),
    "a published date still to come": (
        "Title,Published\nA,2026-12-01\n",
        {},
        "cases.csv:2: it was published 2026-12-01, after today",
    ),
    "the same title twice": (
        "Title\nA\nB\n a \n",
        {},
        "cases.csv:4: this row has the same title as row 2; each video can be imported once",
    ),
    "no title": (
        "Title,Due\nA,\n,2026-12-01\n",
        {},
        'cases.csv:3: A video needs a title, such as "Five signs of appendicitis".',
    ),
    "a case that is no number": (
        "Title,Case\nA,fourteen\n",
        {},
        'cases.csv:2: the case number "fourteen" is not a whole number',
    ),
    "a column the file lacks": (
        "Name,Due\nA,\n",
        {"title": "Case"},
        'cases.csv has no column "Case" (for title); its columns are "Name", "Due".',
    ),
    "no column for the title": (
        "Name,Due\nA,\n",
        {},
        "Say which column holds the title, e.g. --map title=Case; the columns of cases.csv are "
        '"Name", "Due".',
    ),
    "a row longer than the header": (
        "Title;Due\nA;2026-12-01;x\n",
        {},
        "cases.csv:2: this row has more cells than the header's 2 columns",
    ),
    "a column named twice": (
        "Title,Due,title\nA,,\n",
        {},
        'cases.csv:1: the column "Title" appears twice; give each column its own name',
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_bad_row_or_mapping_is_refused_and_nothing_comes_in(database, ctx, tmp_path, case):
    text, mapping, message = REFUSED[case]
    path = tmp_path / "cases.csv"
    path.write_text(text)
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        import_csv(database, ctx, path, mapping)
    assert str(refused.value).startswith(message)
    assert snapshot(database) == before


def test_a_column_mapped_to_one_field_is_not_also_taken_for_the_field_it_is_named_like(
    database, ctx, tmp_path
):
    path = tmp_path / "cases.csv"
    path.write_text("Case,Title\nUnknown case 14,working title\n")
    import_csv(database, ctx, path, {"title": "Case", "notes": "title"})
    (video,) = all_videos(database, ctx)
    assert (video.title, video.case_number, video.notes) == (
        "Unknown case 14",
        None,
        "working title",
    )


def test_a_damaged_workbook_is_refused_in_one_line(database, ctx, tmp_path):
    import zipfile

    good = tmp_path / "good.xlsx"
    book = Workbook()
    for number in range(1, 200):
        book.active.append([f"Case {number}", "2026-12-01"])
    book.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data[: len(data) * 2 // 3]  # the sheet breaks off after many rows
            target.writestr(item, data)
    before = snapshot(database)
    with pytest.raises(InputError) as refused:
        database.run_write(lambda s: import_sheet(s, ctx, xlsx_table(damaged), {"title": "Case 1"}))
    assert str(refused.value) == (
        "damaged.xlsx is not an Excel workbook (.xlsx), or it is damaged; save it again as "
        ".xlsx from Excel or LibreOffice, or as CSV for `tracker import csv`."
    )
    assert snapshot(database) == before
