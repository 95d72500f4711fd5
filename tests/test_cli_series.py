"""`tracker series add | ls | plan`, as a clinician running a weekly unknown case meets them."""

from __future__ import annotations

import pytest

from tests.helpers import snapshot
from tracker.db.database import open_database


def test_eight_weeks_of_a_wednesday_friday_series_in_one_command_then_the_gate_holds(
    run, tmp_path, monkeypatch
):
    config = tmp_path / "checklist.toml"  # the default checklist, as a new user has it
    config.write_text('member = "ana"\ntimezone = "Europe/Berlin"\n')
    monkeypatch.setenv("TRACKER_CONFIG", str(config))
    code, out, _ = run(
        "series", "add", "Unknown case", "--every", "wed", "--answer-after", "48h",
        "--hashtag", "#PedsNeuroUnknown",
    )  # fmt: skip
    assert code == 0 and "every Wed at 09:00, answer 48h later" in out

    code, out, _ = run("series", "plan", "Unknown case", "--weeks", "8")
    assert code == 0 and out.splitlines()[-1] == (
        "Planned 16 cards for Unknown case over the next 8 weeks."
    )
    assert "#15 Unknown case #8, due Wed 13 Jan 2027" in out
    assert "#16 Unknown case #8: answer, due Fri 15 Jan 2027" in out
    assert run("series", "plan", "Unknown case", "--weeks", "8")[1].endswith(
        "Planned 0 cards for Unknown case over the next 8 weeks; 8 already planned.\n"
    )

    run("move", "3", "review")
    run("edit", "3", "--caption", "#PedsNeuroUnknown 43-year-old seen last Tuesday")
    code, _, err = run("move", "3", "published")
    assert code == 2 and "checklist open" in err
    code, out, _ = run("move", "3", "published", "--override", "Consent on file, dates are fake")
    assert code == 0
    assert "Consent on file" in run("show", "3")[1]


def test_the_list_says_what_is_next_and_which_weeks_were_missed(run):
    run("series", "add", "Unknown case", "--every", "wed", "--hashtag", "RadUnknown")
    run("series", "plan", "Unknown case", "--weeks", "2")
    run.clock.advance(days=14)  # two Wednesdays gone by, nothing published

    code, out, _ = run("series", "ls")
    header, line = out.splitlines()
    assert code == 0 and header.split() == [
        "series", "rhythm", "cases", "next", "planned", "to", "missed",
    ]  # fmt: skip
    assert "Unknown case #RadUnknown" in line and "Wed 09 Dec: not planned" in line
    assert line.rstrip().endswith("Wed 25 Nov, Wed 02 Dec")

    code, out, _ = run("series", "ls", "--json")
    assert code == 0 and '"missed": [\n      "2026-11-25",\n      "2026-12-02"\n    ]' in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("series", "add", "Unknown case", "--every", "fortnight"), "as a cadence"),
        (("series", "add", "Unknown case", "--every", "wed", "--answer-after", "2w"), "answer"),
        (("series", "add", "Unknown case", "--every", "wed", "--first", "31 feb"), "31"),
        (("series", "plan", "No such series"), "series ls"),
        (("series", "plan", "Unknown", "--weeks", "500"), "1 to 104 weeks"),
        (("series", "plan", "Unknown", "--weeks", "x"), "--weeks"),
    ],
)
def test_wrong_input_is_one_line_and_changes_nothing(run, db_url, args, message):
    run("series", "add", "Unknown", "--every", "fri")
    database = open_database(db_url)
    before = snapshot(database)

    code, out, err = run(*args)

    assert code != 0 and out == "" and err.count("\n") == 1 and message in err
    assert snapshot(database) == before
    database.dispose()


def test_without_series_the_list_says_how_to_start_one(run):
    run("db", "upgrade")
    assert run("series", "ls")[1] == (
        'No series yet; start one with `tracker series add "Unknown case" --every wed`.\n'
    )
