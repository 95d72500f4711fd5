"""`tracker report`: the periods, the formats, and every wrong option refused in one line."""

from __future__ import annotations

import json

import pytest

from tests.helpers import snapshot


@pytest.fixture
def logged(run):
    """Two videos and an afternoon of work on Mon 16 Nov (week 47); today is Wed 25 Nov."""
    assert run("add", "Unknown case 12", "--stage", "edit")[0] == 0
    assert run("log", "1", "2h", "--at", "2026-11-16 14:00")[0] == 0
    assert run("log", "30m", "--at", "2026-11-16 17:00", "--activity", "admin")[0] == 0
    return run


def test_the_default_is_last_complete_week_in_markdown(logged):
    code, out, err = logged("report")
    assert (code, err) == (0, "")
    assert out.startswith("# Review of 2026-W47 (Mon 16 Nov – Sun 22 Nov 2026)")
    assert "**2.5 h** logged by ana" in out
    assert "| #1 Unknown case 12 | 2.0 |" in out
    assert "Self-monitoring" in out


def test_json_has_a_versioned_schema_with_the_documented_keys(logged):
    code, out, _ = logged("report", "--week", "2026-W47", "--format", "json")
    data = json.loads(out)
    assert code == 0 and (data["schema"], data["version"]) == ("tracker-report", 1)
    documented = {"period", "total_hours", "hours_by_activity", "hours_by_video", "hours_by_day"}
    assert documented | {"published", "signals", "checkins"} <= data.keys()
    assert data["hours_by_activity"] == {"edit": 2.0, "admin": 0.5}
    assert data["period"] == {
        "kind": "week",
        "label": "2026-W47",
        "first": "2026-11-16",
        "end": "2026-11-23",
    }


def test_csv_has_a_row_per_figure(logged):
    code, out, _ = logged("report", "--format", "csv")
    assert code == 0
    assert "hours_by_activity,2026-W47,edit,2.0" in out.splitlines()


def test_a_month_and_days_and_everything(logged):
    assert "2.5 h" in logged("report", "--month", "2026-11")[1]
    assert (
        "# Review of Mon 16 Nov – Tue 17 Nov 2026"
        in logged("report", "--from", "2026-11-16", "--to", "2026-11-17")[1]
    )
    assert "**2.5 h**" in logged("report", "--all")[1]
    assert "**0.0 h**" in logged("report", "--week", "2025-W47")[1]


def test_the_whole_practice_or_one_member(logged):
    assert logged("report", "--all-members")[0] == 0
    code, _, err = logged("report", "--member", "zoe")
    assert code != 0 and err.startswith('error: No member "zoe" here; members are ana')


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--week", "2026-W60"], "2026 has weeks 1 to 53"),
        (["--week", "last"], 'A week is its number (2026-W47), "last week", or any day in it'),
        (["--month", "2026-13"], "is not a month; give a year and month, e.g. 2026-11"),
        (["--week", "2026-W47", "--month", "2026-11"], "Give either --week or --month, not both"),
        (["--all", "--from", "2026-11-01"], "Give either --from or --all, not both"),
        (["--to", "2026-11-01"], "Give --from with --to"),
        (["--from", "2026-11-20", "--to", "2026-11-01"], "before it starts"),
        (["--from", "someday"], "someday"),
        (["--member", "ana", "--all-members"], "Give either --member or --all-members"),
        (["--format", "pdf"], 'Unknown format "pdf"; use one of md, html, csv, json'),
    ],
)
def test_wrong_options_get_one_line_and_change_nothing(logged, db_url, args, says):
    from tracker.db.database import open_database

    database = open_database(db_url)
    before = snapshot(database)
    code, out, err = logged("report", *args)
    assert code != 0 and out == ""
    assert says in err and len(err.strip().splitlines()) == 1
    assert snapshot(database) == before
    database.dispose()


def test_o_writes_the_file_in_the_format_its_name_ends_in_and_never_replaces_unasked(
    logged, tmp_path
):
    target = tmp_path / "week.json"
    code, out, _ = logged("report", "-o", str(target))
    assert code == 0 and out == f"Wrote the review of 2026-W47 to {target}.\n"
    assert json.loads(target.read_text())["total_hours"] == 2.5
    code, _, err = logged("report", "--week", "2026-W46", "-o", str(target))
    assert code != 0 and "already exists; add --force" in err
    assert json.loads(target.read_text())["period"]["label"] == "2026-W47"
    assert logged("report", "--week", "2026-W46", "-o", str(target), "--force")[0] == 0
    assert json.loads(target.read_text())["period"]["label"] == "2026-W46"
    markdown = tmp_path / "week.txt"
    assert logged("report", "-o", str(markdown))[0] == 0
    assert markdown.read_text().startswith("# Review of 2026-W47")


def test_o_into_a_missing_folder_is_refused(logged, tmp_path):
    code, _, err = logged("report", "-o", str(tmp_path / "nowhere" / "week.md"))
    assert code != 0 and "does not exist" in err


def test_the_schema_page_documents_every_key_the_json_has(logged):
    from pathlib import Path

    page = (Path(__file__).parent.parent / "docs" / "report-schema.md").read_text()
    data = json.loads(logged("report", "--format", "json")[1])
    documented = {line.split("`")[1] for line in page.splitlines() if line.startswith("| `")}
    assert documented == set(data), "docs/report-schema.md and the JSON name the same keys"
    assert f"**version {data['version']}**" in page


def test_csv_keeps_figures_as_numbers_and_a_missing_one_empty(logged):
    import csv
    import io

    assert logged("add", "=HYPERLINK(1)", "--stage", "edit")[0] == 0
    assert logged("log", "2", "1h", "--at", "2026-11-17 09:00")[0] == 0
    rows = list(csv.reader(io.StringIO(logged("report", "--format", "csv")[1])))
    videos = [row for row in rows if row[0] == "hours_by_video"]
    assert ["hours_by_video", "2026-W47", "#2 =HYPERLINK(1)", "1.0"] in videos
    compared = [row for row in rows if row[0] == "compared" and row[2] == "2026-W46"]
    assert compared == [["compared", "2026-W47", "2026-W46", "0.0", "0", "", "0", "", ""]]


def test_a_period_across_new_year_names_both_years(logged):
    out = logged("report", "--from", "2025-12-20", "--to", "2026-01-10")[1]
    assert out.startswith("# Review of Sat 20 Dec 2025 – Sat 10 Jan 2026")


def test_a_long_period_shows_its_hours_by_week_or_by_month_and_json_keeps_the_days(logged):
    assert logged("log", "1h", "--at", "2025-06-02 10:00", "--anyway")[0] == 0
    year = logged("report", "--from", "2025-06-01", "--to", "2025-12-31")[1]
    assert "## Hours by week" in year and "| 2025-W23 | 1.0 |" in year
    everything = logged("report", "--from", "2024-01-01", "--to", "2026-11-30")[1]
    assert "## Hours by month" in everything and "| 2025-06 | 1.0 |" in everything
    days = json.loads(logged("report", "--all", "--format", "json")[1])["hours_by_day"]
    assert {"day": "2025-06-02", "hours": 1.0} in days


def test_o_with_an_ending_no_format_has_is_refused(logged, tmp_path):
    code, _, err = logged("report", "-o", str(tmp_path / "week.pdf"))
    assert code != 0 and "End the file name in .md, .html, .csv or .json" in err
    assert not (tmp_path / "week.pdf").exists()


def test_o_never_replaces_a_link_or_a_device_even_with_force(logged, tmp_path):
    target = tmp_path / "kept.md"
    target.write_text("mine")
    (tmp_path / "link.md").symlink_to(target)
    code, _, err = logged("report", "-o", str(tmp_path / "link.md"), "--force")
    assert code != 0 and "is a link or a device, not a file" in err
    assert (tmp_path / "link.md").is_symlink() and target.read_text() == "mine"
    code, _, err = logged("report", "-o", "/dev/null", "--format", "md", "--force")
    assert code != 0 and "is a link or a device" in err


def test_output_that_cannot_be_written_gets_one_line_not_a_crash_report(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "TRACKER_DB": str(tmp_path / "t.db"), "HOME": str(tmp_path)}
    made = [sys.executable, "-m", "tracker", "db", "upgrade"]
    subprocess.run(made, env=env, check=True, capture_output=True)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "report"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "error: Could not write the output: No space left on device.\n"
