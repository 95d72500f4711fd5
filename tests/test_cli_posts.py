"""`tracker post add | edit | ls | rm | presets` and `tracker metrics --post`, as typed."""

from __future__ import annotations

import pytest

from tests.helpers import snapshot
from tracker.db.database import open_database


@pytest.fixture
def cli(run):
    run("add", "Unknown case 12")
    return run


def test_a_shorts_cut_over_three_minutes_is_flagged_when_added_and_listed(cli):
    code, out, _ = cli("post", "add", "1", "youtube-shorts", "--length", "3:20", "--aspect", "9:16")
    assert code == 0 and out.splitlines() == [
        "Added the youtube-shorts post of #1 Unknown case 12.",
        "Over its preset: 3m20s long; youtube-shorts takes up to 3m.",
    ]
    code, out, _ = cli("post", "ls")
    assert code == 0 and "3m20s long; youtube-shorts takes up to 3m" in out.splitlines()[1]

    code, out, _ = cli("lint", "1")
    assert code == 1
    assert "#1 post youtube-shorts: over its preset: 3m20s long" in out

    cli("post", "edit", "1", "youtube-shorts", "--length", "2:55")
    assert cli("lint", "1")[0] == 0


def test_the_presets_are_listed_with_their_limits(cli):
    code, out, _ = cli("post", "presets")
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:]}
    assert code == 0
    assert lines["youtube-shorts"] == ["youtube", "3m", "-", "5000", "-", "9:16,", "1:1"]
    assert lines["x"][:4] == ["x", "2m20s", "4", "280"]


def test_metrics_can_be_recorded_for_one_post(cli):
    cli("move", "1", "published")
    cli("post", "add", "1", "tiktok", "--url", "https://example.com/t/1")
    cli("post", "edit", "1", "tiktok", "--published", "now")
    code, out, _ = cli("metrics", "1", "--views", "4000", "--post", "tiktok")
    assert code == 0 and out.startswith("Recorded 4000 views for #1's tiktok post as of")
    code, _, err = cli("metrics", "1", "--views", "1", "--post", "x")
    assert code != 0 and 'no "x" post; its posts are tiktok' in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("post", "add", "1", "myspace"), 'Unknown preset "myspace"'),
        (("post", "add", "1", "instagram-reel", "--length", "ten"), "length"),
        (("post", "add", "1", "instagram-reel", "--aspect", "16/9"), "aspect ratio"),
        (("post", "add", "1", "instagram-reel", "--images", "-1"), "images"),
        (("post", "add", "9", "tiktok"), "No video #9"),
        (("post", "edit", "1", "x", "--images", "2"), 'no "x" post'),
        (("post", "edit", "1", "tiktok"), "Say what to change"),
        (("post", "edit", "1", "tiktok", "--published", "tomorrow"), "use --at"),
        (("post", "rm", "1", "youtube"), 'no "youtube" post'),
    ],
)
def test_wrong_input_is_one_line_and_changes_nothing(cli, db_url, args, message):
    cli("post", "add", "1", "tiktok")
    database = open_database(db_url)
    before = snapshot(database)

    code, out, err = cli(*args)

    assert code != 0 and out == "" and err.count("\n") == 1 and message in err
    assert snapshot(database) == before
    database.dispose()
