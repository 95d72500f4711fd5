"""`tracker import ...` as a person types it: what it prints, and every kind of bad file
refused on one line with nothing imported.

The command line does the same on either database, so these run on SQLite only; the import
services' own tests run on PostgreSQL too.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import snapshot
from tracker.db.database import open_database

COMMANDS = ("watson", "timewarrior", "toggl", "csv", "xlsx", "metrics")
FRAME = [1795201200, 1795204800, "Unknown case 14", "a1", ["edit", "night"], 1795204800]
TOGGL_HEADER = "User,Email,Project,Description,Start date,Start time,End date,End time,Tags\n"
NOT_UTF8 = bytes(range(128, 256)) * 8


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.db'}"


@pytest.fixture
def cli(run, db_url):
    """The command line on a database that exists, and a way to see all it holds."""
    assert run("db", "upgrade")[0] == 0
    database = open_database(db_url)
    run.snapshot = lambda: snapshot(database)  # type: ignore[attr-defined]
    yield run
    database.dispose()


def workbook(path: Path, *rows: list) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_import_has_help_and_a_dry_run(run, command):
    code, out, _ = run("import", command, "--help")
    assert code == 0 and "--dry-run" in out and "Import" in out


def test_watson_dry_run_then_import_then_import_again(cli, tmp_path, monkeypatch):
    (tmp_path / "watson").mkdir()
    (tmp_path / "watson" / "frames").write_text(json.dumps([FRAME], indent=1))
    monkeypatch.setenv("WATSON_DIR", str(tmp_path / "watson"))
    before = cli.snapshot()
    frames = tmp_path / "watson" / "frames"

    code, out, err = cli("import", "watson", "--dry-run")

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Dry run, nothing was changed. {frames} would bring: entries 1 new, 0 already here; "
        "videos 1 new, 0 already here.",
        "  new videos are published as of their last entry and archived: `tracker ls --all` "
        "lists them",
        "The first rows as they would land:",
        "From      When                    Time  Activity  Video            Note",
        "frames:2  Fri 20 Nov 20:00–21:00  1h    edit      Unknown case 14  tags: night",
    ]
    assert cli.snapshot() == before
    assert cli("import", "watson")[1].startswith(
        f"Imported {frames}: entries 1 new, 0 already here; videos 1 new, 0 already here."
    )
    assert cli("import", "watson", str(frames))[1].startswith(
        f"Imported {frames}: entries 0 new, 1 already here; videos 0 new, 0 already here."
    )
    listed = cli("entries", "--day", "2026-11-20")[1]
    assert "edit      #1 Unknown case 14  tags: night" in listed


def test_a_spreadsheet_preview_shows_the_rows_as_they_would_land(cli, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("Case,Name,Due\n14,Unknown case 14,2026-12-01\n15,Unknown case 15,\n")
    code, out, _ = cli("import", "csv", str(path), "--map", "title=Name,case=Case", "--dry-run")
    assert code == 0
    assert out.splitlines()[1:] == [
        "  columns: title ← Name, case ← Case, due ← Due",
        "The first rows as they would land:",
        "Line       #   Title            Stage  Due         Platforms  Tags  Case",
        "2     new  #1  Unknown case 14  idea   2026-12-01                   14",
        "3     new  #2  Unknown case 15  idea                                15",
    ]
    assert cli("ls")[1].startswith("No videos")
    code, out, _ = cli("import", "csv", str(path), "--map", "title=Name", "--map", "case=Case")
    assert out.startswith(f"Imported {path}: videos 2 new, 0 already here.")


def test_metrics_for_a_published_video(cli, tmp_path):
    cli("add", "Unknown case 13", "--stage", "published")
    cli.clock.advance(hours=2)
    path = workbook(tmp_path / "analytics.xlsx", ["Video title", "Views", "Likes"])
    workbook(path, ["Video title", "Views", "Likes"], ["Unknown case 13", 2400, 170])
    code, out, err = cli(
        "import", "metrics", str(path), "--map", "title=Video title", "--at", "11:00"
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Imported {path}: metrics 1 new, 0 already here.",
        "  as of Wed 25 Nov 11:00",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--map", "title=Case"],
            'error: {path} has no column "Case" (for title); its columns are "Name", "Due".',
        ),
        (
            ["--map", "heading=Name"],
            'error: Unknown field "heading" in --map; the fields are title, due, stage, '
            "platforms, tags, series, case, notes, url, published.",
        ),
        (["--map", "title"], 'error: Cannot read "title" in --map; write FIELD=COLUMN pairs'),
        (["--key", "Id", "--map", "title=Name"], 'error: {path} has no column "Id" (for key)'),
    ],
)
def test_a_mapping_that_does_not_fit_is_one_line_naming_the_columns(cli, tmp_path, args, message):
    path = tmp_path / "cases.csv"
    path.write_text("Name,Due\nA,\n")
    code, out, err = cli("import", "csv", str(path), *args)
    assert code == 2 and out == ""
    assert err.startswith(message.format(path=path)) and err.count("\n") == 1


def _bad_content(command: str, tmp: Path) -> list[str]:
    """A file of the right kind with a broken record in it."""
    if command == "watson":
        (tmp / "frames").write_text('[\n [1795201200, 1795204800, "A", "x", [], 0],\n oops\n]\n')
        return [str(tmp / "frames")]
    if command == "timewarrior":
        return [_timew(tmp, "inc 20261120T190000Z - 20261120T200000Z # a\nhello world\n")]
    if command == "xlsx":
        (tmp / "cases.xlsx").write_text("Title,Due\nA,2026-12-01\n")
        return [str(tmp / "cases.xlsx")]
    text = {
        "toggl": TOGGL_HEADER + "Ana,a@b.c,P,d,2026-11-20,20:00:00,2026-11-20,21:00:00,x,extra\n",
        "csv": "Title;Due\nA;2026-12-01;x\n",
        "metrics": "Title,Views\nUnknown case 13,lots\n",
    }[command]
    (tmp / "file.csv").write_text(text)
    return [str(tmp / "file.csv")]


def _wrong_columns(command: str, tmp: Path) -> list[str]:
    if command == "watson":
        (tmp / "frames").write_text('{"frames": []}\n')
        return [str(tmp / "frames")]
    if command == "timewarrior":
        return [_timew(tmp, "inc 20261120T190000Z + 20261120T200000Z\n")]
    if command == "xlsx":
        return [str(workbook(tmp / "cases.xlsx", ["Name"], ["A"])), "--map", "title=Case"]
    (tmp / "file.csv").write_text("Name,When,Hours\nA,2026-11-20,2\n")
    return [str(tmp / "file.csv"), *(["--map", "title=Case"] if command == "csv" else [])]


def _bad_dates(command: str, tmp: Path) -> list[str]:
    if command == "watson":
        (tmp / "frames").write_text('[\n ["monday", 1795204800, "A", "x", [], 0]\n]\n')
        return [str(tmp / "frames")]
    if command == "timewarrior":
        return [_timew(tmp, "inc 20261340T190000Z - 20261340T200000Z # a\n")]
    if command == "xlsx":
        return [str(workbook(tmp / "cases.xlsx", ["Title", "Due"], ["A", "soon"]))]
    if command == "metrics":
        (tmp / "file.csv").write_text("Title,Views\nA,5\n")
        return [str(tmp / "file.csv"), "--at", "the day after"]
    text = {
        "toggl": TOGGL_HEADER + "Ana,a@b.c,P,d,2026-13-20,20:00:00,2026-11-20,21:00:00,x\n",
        "csv": "Title,Due\nA,soon\n",
    }[command]
    (tmp / "file.csv").write_text(text)
    return [str(tmp / "file.csv")]


def _timew(tmp: Path, text: str | bytes) -> str:
    (tmp / "tw" / "data").mkdir(parents=True, exist_ok=True)
    month = tmp / "tw" / "data" / "2026-11.data"
    month.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(tmp / "tw")


def _file(command: str, tmp: Path, content: bytes) -> list[str]:
    if command == "timewarrior":
        return [_timew(tmp, content)]
    path = tmp / (
        "cases.xlsx" if command == "xlsx" else "frames" if command == "watson" else "f.csv"
    )
    path.write_bytes(content)
    return [path.as_posix(), *(["--map", "title=A"] if command == "metrics" else [])]


def _folder_instead(command: str, tmp: Path) -> list[str]:
    if command == "timewarrior":
        (tmp / "tw").write_text("not a folder\n")
        return [str(tmp / "tw")]
    (tmp / "folder").mkdir()
    return [str(tmp / "folder")]


def _missing(command: str, tmp: Path) -> list[str]:
    return [str(tmp / "nowhere")]


def _unreadable(command: str, tmp: Path) -> list[str]:
    """A path the system refuses to open, whoever runs the test: a link to itself."""
    if command == "timewarrior":
        _timew(tmp, "")
        month = tmp / "tw" / "data" / "2026-11.data"
        month.unlink()
        month.symlink_to(month)
        return [str(tmp / "tw")]
    path = tmp / ("cases.xlsx" if command == "xlsx" else "loop")
    path.symlink_to(path)
    return [str(path)]


MALFORMED = {
    "bad content": _bad_content,
    "wrong columns": _wrong_columns,
    "bad dates": _bad_dates,
    "empty file": lambda command, tmp: _file(command, tmp, b""),
    "binary garbage": lambda command, tmp: _file(command, tmp, NOT_UTF8),
    "a folder instead of a file": _folder_instead,
    "missing file": _missing,
    "unreadable file": _unreadable,
}


@pytest.mark.parametrize("kind", sorted(MALFORMED))
@pytest.mark.parametrize("command", COMMANDS)
def test_a_malformed_file_gets_one_line_and_imports_nothing(cli, tmp_path, command, kind):
    args = MALFORMED[kind](command, tmp_path)
    before = cli.snapshot()

    code, out, err = cli("import", command, *args)

    assert code == 2, err
    assert out == ""
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "unexpected problem" not in err
    assert cli.snapshot() == before


def test_a_large_file_shows_a_progress_bar_on_a_terminal(cli, tmp_path, monkeypatch):
    from contextlib import contextmanager

    from tracker.cli import imports, render

    frames = tmp_path / "frames"
    frames.write_text(json.dumps([FRAME], indent=1))
    drawn: list[tuple[int, int]] = []
    monkeypatch.setattr(imports, "LARGE_FILE_BYTES", 1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    drawing = render.progress_bar

    @contextmanager
    def spied(what, least):
        with drawing(what, least) as bar:
            assert bar is not None, "a bar on a terminal"
            yield _spy(bar, drawn)

    monkeypatch.setattr(render, "progress_bar", spied)

    code, out, err = cli("import", "watson", str(frames))

    assert code == 0 and out.startswith(f"Imported {frames}: entries 1 new")
    assert drawn == [(frames.stat().st_size, frames.stat().st_size)]
    assert "Watson frames" in err


def _spy(draw, calls):
    def spy(done, total):
        calls.append((done, total))
        draw(done, total)

    return spy


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    return path


def _xls(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4)
    return path


def _text(path: Path, text: str = "Title,Due\nA,2026-12-01\n") -> Path:
    path.write_text(text)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _bytes(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


XLSX_WRONG = {
    "a CSV file": (
        lambda tmp: _text(tmp / "cases.csv"),
        "{path} is text (such as CSV), not an Excel workbook (.xlsx); for CSV use "
        "`tracker import csv`.",
    ),
    "a text file": (
        lambda tmp: _text(tmp / "notes.txt", "just some notes\n"),
        "{path} is text (such as CSV), not an Excel workbook (.xlsx); for CSV use "
        "`tracker import csv`.",
    ),
    "an empty file": (
        lambda tmp: _text(tmp / "cases.xlsx", ""),
        "{path} is empty, so nothing was imported; give an Excel workbook (.xlsx).",
    ),
    "a renamed PNG": (
        lambda tmp: _png(tmp / "cases.xlsx"),
        "{path} is a PNG image, not an Excel workbook (.xlsx); give a workbook saved as .xlsx "
        "by Excel or LibreOffice (for CSV use `tracker import csv`).",
    ),
    "an old .xls workbook": (
        lambda tmp: _xls(tmp / "cases.xls"),
        "{path} is an old-format or password-protected Office file (such as an .xls workbook), "
        "not an Excel workbook (.xlsx); open it in Excel or LibreOffice and save it as .xlsx "
        "(with no password).",
    ),
    "a folder": (
        lambda tmp: _folder(tmp / "cases.xlsx"),
        "{path} is a folder; give an Excel workbook (.xlsx).",
    ),
    "a damaged zip": (
        lambda tmp: _bytes(tmp / "cases.xlsx", b"PK\x03\x04xl/" + bytes(range(256))),
        "{path} is not an Excel workbook (.xlsx), or it is damaged; save it again as .xlsx from "
        "Excel or LibreOffice, or as CSV for `tracker import csv`.",
    ),
}


@pytest.mark.parametrize("kind", sorted(XLSX_WRONG))
def test_a_file_that_is_no_workbook_gets_one_line_saying_what_to_give(cli, tmp_path, kind):
    make, message = XLSX_WRONG[kind]
    path = make(tmp_path)
    before = cli.snapshot()

    code, out, err = cli("import", "xlsx", str(path))

    assert (code, out) == (2, "")
    assert err == f"error: {message.format(path=path)}\n"
    assert cli.snapshot() == before


def test_a_workbook_is_read_as_one_whatever_its_name(cli, tmp_path):
    path = workbook(tmp_path / "cases.csv", ["Title"], ["Unknown case 14"])
    code, out, _ = cli("import", "xlsx", str(path))
    assert code == 0 and out.startswith(f"Imported {path}: videos 1 new")


WRONG_KIND = {
    # command: (file, what the message says the file is, what it says to do)
    "csv": ("cases.xlsx", "an Excel workbook (.xlsx)", "for a workbook use `tracker import xlsx`"),
    "toggl": ("report.xlsx", "an Excel workbook (.xlsx)", "export the report again as CSV"),
    "metrics": ("analytics.xls", "an old-format", "save it as .xlsx (with no password) or as CSV"),
    "watson": ("frames", "a PNG image", ""),
    "timewarrior": ("2026-11.data", "a PNG image", ""),
}


@pytest.mark.parametrize("command", sorted(WRONG_KIND))
def test_a_file_of_another_kind_is_named_for_what_it_is(cli, tmp_path, command):
    name, kind, remedy = WRONG_KIND[command]
    if command in ("csv", "toggl"):
        path = workbook(tmp_path / name, ["Title"], ["A"])
    elif command == "metrics":
        path = _xls(tmp_path / name)
    else:
        folder = tmp_path / "tw" / "data" if command == "timewarrior" else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        path = _png(folder / name)
    given = tmp_path / "tw" if command == "timewarrior" else path
    before = cli.snapshot()

    code, out, err = cli("import", command, str(given))

    assert (code, out) == (2, "")
    assert err.startswith(f"error: {given}") and err.count("\n") == 1, err
    assert f"is {kind}" in err and remedy in err and "Traceback" not in err
    assert cli.snapshot() == before


def test_a_csv_in_another_encoding_is_refused_saying_how_to_save_it(cli, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes("Title,Due\nCafé,2026-12-01\n".encode("latin-1"))
    code, out, err = cli("import", "csv", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f'error: {path}:2: this is not UTF-8 text; save it again as "CSV UTF-8" (in Excel: '
        "File, Save As) and import that\n"
    )


def test_watsons_folder_is_read_as_its_frames_file(cli, tmp_path):
    (tmp_path / "watson").mkdir()
    (tmp_path / "watson" / "frames").write_text(json.dumps([FRAME]))
    code, out, _ = cli("import", "watson", str(tmp_path / "watson"))
    assert code == 0 and out.startswith(f"Imported {tmp_path / 'watson' / 'frames'}: entries 1")


def test_timewarriors_data_folder_is_read_as_well_as_the_folder_above(cli, tmp_path):
    data = Path(_timew(tmp_path, "inc 20261120T190000Z - 20261120T200000Z # a\n")) / "data"
    code, out, _ = cli("import", "timewarrior", str(data), "--dry-run")
    assert code == 0 and "entries 1 new" in out and "2026-11.data:1" in out


def test_a_toggl_user_who_has_no_rows_is_refused_naming_those_who_have(cli, tmp_path):
    path = tmp_path / "team.csv"
    path.write_text(
        TOGGL_HEADER
        + "Ana,ana@example.com,P,d,2026-11-20,20:00:00,2026-11-20,21:00:00,\n"
        + "Ben,ben@example.com,P,d,2026-11-20,20:00:00,2026-11-20,21:00:00,\n"
    )
    before = cli.snapshot()
    code, out, err = cli("import", "toggl", str(path), "--user", "nobody")
    assert (code, out) == (2, "")
    assert err == (
        f'error: {path} has no rows of "nobody"; its people are Ana (ana@example.com), Ben '
        "(ben@example.com): give --user one of their names or e-mails.\n"
    )
    assert cli.snapshot() == before


def test_the_toggl_preview_shows_admin_as_work_on_no_video(cli, tmp_path):
    path = tmp_path / "report.csv"
    path.write_text(
        TOGGL_HEADER + "Ana,a@b.c,admin,mail,2026-11-20,20:00:00,2026-11-20,21:00:00,\n"
    )
    code, out, _ = cli("import", "toggl", str(path), "--dry-run")
    assert code == 0
    assert out.splitlines()[-2:] == [
        "From          When                    Time  Activity  Video  Note",
        "report.csv:2  Fri 20 Nov 20:00–21:00  1h    admin            mail",
    ]


def test_youtube_studios_table_imports_with_its_watch_time_and_without_its_total(cli):
    cli("add", "Unknown case 13", "--stage", "published")
    cli("add", "Five signs of appendicitis", "--stage", "published")
    cli.clock.advance(hours=2)
    path = Path(__file__).parent / "data" / "imports" / "youtube_studio_table_data.csv"

    code, out, err = cli("import", "metrics", str(path), "--dry-run")

    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [
        "  as of Wed 25 Nov 12:00",
        "  the total row (line 2), the sum of all the videos, left out",
        "The first rows as they would land:",
        "Line       Video                          Views  Likes  Comments  Shares  Watch time",
        "3     new  #1 Unknown case 13             2400   170    12        5       80.5 h",
        "4     new  #2 Five signs of appendicitis  1700   99     3         1       40.0 h",
    ]


# What each command reads per record, to interrupt it there (as Ctrl+C would) mid-file.
INTERRUPTED_AT = {
    "watson": "tracker.services.imports.watson.frame_entry",
    "timewarrior": "tracker.services.imports.timewarrior.interval_entry",
    "toggl": "tracker.services.imports.tables._fitted",
    "csv": "tracker.services.imports.tables._fitted",
    "xlsx": "tracker.services.imports.tables._fitted",
    "metrics": "tracker.services.imports.tables._fitted",
}


def _two_records(command: str, tmp: Path) -> list[str]:
    """A file of two good records, each on a day of its own."""
    if command == "watson":
        second = [FRAME[0] + 86400, FRAME[1] + 86400, "Unknown case 14", "a2", [], FRAME[5]]
        (tmp / "frames").write_text(json.dumps([FRAME, second]))
        return [str(tmp / "frames")]
    if command == "timewarrior":
        return [
            _timew(
                tmp,
                "inc 20261119T190000Z - 20261119T200000Z # a\n"
                "inc 20261120T190000Z - 20261120T200000Z # b\n",
            )
        ]
    if command == "xlsx":
        return [str(workbook(tmp / "cases.xlsx", ["Title"], ["A"], ["B"]))]
    text = {
        "toggl": TOGGL_HEADER
        + "Ana,a@b.c,P,d,2026-11-19,20:00:00,2026-11-19,21:00:00,\n"
        + "Ana,a@b.c,P,d,2026-11-20,20:00:00,2026-11-20,21:00:00,\n",
        "csv": "Title\nA\nB\n",
        "metrics": "Title,Views\nUnknown case 13,10\nUnknown case 14,20\n",
    }[command]
    (tmp / "file.csv").write_text(text)
    return [str(tmp / "file.csv")]


def _ctrl_c() -> None:
    """What pressing Ctrl+C does: SIGINT to this process, handled as the CLI set it up."""
    os.kill(os.getpid(), signal.SIGINT)


def _interrupted_after_one(function):
    """``function``, interrupted by Ctrl+C when asked for its second record."""
    import inspect

    if inspect.isgeneratorfunction(function):

        def rows(*args, **kwargs):
            for done, row in enumerate(function(*args, **kwargs)):
                if done:
                    _ctrl_c()
                yield row

        return rows
    calls = []

    def record(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            _ctrl_c()
        return function(*args, **kwargs)

    return record


@pytest.mark.parametrize("command", COMMANDS)
def test_ctrl_c_mid_file_rolls_everything_back_and_says_so(cli, tmp_path, monkeypatch, command):
    import importlib

    from tracker.services.imports import chunked, entries, metrics, sheets

    for name in ("Unknown case 13", "Unknown case 14"):
        cli("add", name, "--stage", "published")
    cli.clock.advance(hours=2)
    args = _two_records(command, tmp_path)
    # Rows go in one by one, so the first is in the database when the second is interrupted.
    monkeypatch.setattr(entries, "CHUNK_ROWS", 1)
    for module in (sheets, metrics):
        monkeypatch.setattr(module, "chunked", lambda items: chunked(items, 1))
    where, name = INTERRUPTED_AT[command].rsplit(".", 1)
    module = importlib.import_module(where)
    monkeypatch.setattr(module, name, _interrupted_after_one(getattr(module, name)))
    before = cli.snapshot()

    code, out, err = cli("import", command, *args)

    assert (code, out, err) == (130, "", "Import interrupted: nothing was imported.\n")
    assert cli.snapshot() == before


def test_every_refused_import_exits_as_any_other_user_error(cli, tmp_path):
    """A refused import exits with the code of input the CLI cannot use anywhere else: a bad
    value (InputError) or a usage error; nothing an importer refuses is a crash."""
    from tracker.core.errors import InputError

    usage = cli("import", "csv")[0]
    bad_value = cli("add", "x", "--stage", "nowhere")[0]
    refusals = {}
    for command in COMMANDS:
        for kind, make in MALFORMED.items():
            folder = tmp_path / command / kind.replace(" ", "-")
            folder.mkdir(parents=True)
            refusals[command, kind] = cli("import", command, *make(command, folder))[0]
    report = _text(tmp_path / "report.csv", TOGGL_HEADER).as_posix()
    refusals["toggl", "no such user"] = cli("import", "toggl", report, "--user", "x")[0]
    refusals["metrics", "a sheet of CSV"] = cli("import", "metrics", report, "--sheet", "x")[0]
    refusals["xlsx", "a PNG"] = cli("import", "xlsx", str(_png(tmp_path / "p.xlsx")))[0]

    assert usage == bad_value == InputError.exit_code
    assert set(refusals.values()) == {InputError.exit_code}, refusals
