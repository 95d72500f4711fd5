"""`tracker lint` as a user types it: one line per finding, the exit code a hook can trust, JSON,
and text that cannot break the terminal or the one-line-per-finding promise."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

AID = "An aid, not a guarantee"
AGE_WHY = "an exact age can identify a patient; say 'in their forties', 'toddler' or 'elderly'"


@pytest.fixture
def cases(run):
    """#1 dirty in its title and notes, #2 clean, #3 dirty and published."""
    run("add", "A 43-year-old with chest pain", "--notes", "Seen yesterday on my night shift")
    run("add", "Five signs of appendicitis", "--notes", "Fleischner 2017 guidelines")
    run("add", "Published: 78/F with a hip fracture", "--stage", "published")
    return run


def set_local_words(words: str) -> None:
    """Put ``local_words`` first in the test's config file, keeping what the fixture wrote."""
    config = Path(os.environ["TRACKER_CONFIG"])
    config.write_text(f"local_words = {words}\n" + config.read_text())


def test_findings_are_listed_one_a_line_by_video_with_a_summary_and_exit_1(cases):
    code, out, err = cases("lint")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[:4] == [
        "#1 A 43-year-old with chest pain (idea)",
        f'#1 title 2-13 age "43-year-old": {AGE_WHY}',
        '#1 notes 5-14 relative-time "yesterday": a hint of when the case was seen can identify '
        "the patient; leave it out",
        '#1 notes 15-32 relative-time "on my night shift": a hint of when the case was seen can '
        "identify the patient; leave it out",
    ]
    assert lines[4] == ""
    assert lines[5].startswith(
        "3 findings in 1 of 2 videos (read: title, notes, caption, alt_text). " + AID
    )
    assert len(lines) == 6, "the clean and the published video are not listed"


def test_a_clean_board_exits_0_with_a_calm_line_that_it_is_only_an_aid(run):
    run("add", "Five signs of appendicitis", "--notes", "Fleischner 2017 guidelines")
    run("add", "Wednesday's unknown: answer on Friday")
    code, out, err = run("lint")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Nothing found in 2 videos (read: title, notes, caption, alt_text). An aid, not a "
        "guarantee: it misses things and cannot see images; check each post yourself before "
        "you publish."
    ]


def test_a_board_with_nothing_waiting_exits_0_and_says_so(run):
    run("add", "Published: a 43-year-old", "--stage", "published")
    code, out, _ = run("lint")
    assert code == 0
    assert out.startswith("No video on the board is waiting to be published")
    assert json.loads(run("lint", "--json")[1]) == []


def test_a_published_video_is_linted_only_when_named(cases):
    assert "#3" not in cases("lint")[1]
    code, out, _ = cases("lint", "3")
    assert code == 1
    assert out.splitlines()[:2] == [
        "#3 Published: 78/F with a hip fracture (published)",
        f'#3 title 11-15 age "78/F": {AGE_WHY}',
    ]
    assert out.splitlines()[-1].startswith(
        "1 finding in #3 (read: title, notes, caption, alt_text). " + AID
    )


def test_one_clean_video_named_by_a_piece_of_its_title_exits_0(cases):
    code, out, _ = cases("lint", "appendicitis")
    assert code == 0
    assert out.startswith("Nothing found in #2 (read: title, notes, caption, alt_text). " + AID)


def test_a_local_word_from_the_config_file_is_found(cases):
    cases("edit", "2", "--notes", "Thanks to the team at Mercy  General and St Elsewhere\u2019s")
    code, out, _ = cases("lint", "2")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[1:-2]] == [
        '#2 notes 41-55 place-name "St Elsewhere\u2019s"'
    ]
    set_local_words('["Mercy General", "St. Elsewhere\'s"]')
    code, out, _ = cases("lint", "2")
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()[1:3]] == [
        '#2 notes 22-36 local-word "Mercy  General"',
        '#2 notes 41-55 local-word "St Elsewhere\u2019s"',
    ]


def test_a_local_words_setting_of_the_wrong_type_is_one_line_and_exits_2(cases):
    set_local_words('"Mercy General"')
    code, out, err = cases("lint")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert ", line 1: local_words: must be a list of words in quotes" in err


def test_json_lists_each_video_checked_with_its_findings(cases):
    code, out, _ = cases("lint", "--json")
    assert code == 1
    checked = json.loads(out)
    assert [(v["number"], v["title"], v["stage"], len(v["findings"])) for v in checked] == [
        (1, "A 43-year-old with chest pain", "idea", 3),
        (2, "Five signs of appendicitis", "idea", 0),
    ]
    assert checked[0]["findings"][0] == {
        "field": "title",
        "rule": "age",
        "start": 2,
        "end": 13,
        "text": "43-year-old",
        "why": AGE_WHY,
    }
    code, out, _ = cases("lint", "2", "--json")
    assert code == 0 and [v["number"] for v in json.loads(out)] == [2]


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("99", "error: No video #99; `tracker ls --all` lists the numbers.\n"),
        ("nothing like it", 'error: No video has "nothing like it" in its title;'),
        ("i", 'error: "i" matches #1 A 43-year-old with chest pain, #2 Five signs of'),
        ("", "error: Name a video by its number (12 or #12) or a piece of its title.\n"),
    ],
)
def test_a_video_that_cannot_be_found_is_one_line_and_exits_2_not_1(cases, ref, message):
    code, out, err = cases("lint", ref)
    assert (code, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_removed_video_is_not_found(cases):
    cases("rm", "1")
    assert cases("lint", "1")[0] == 2


def test_control_characters_in_a_title_are_shown_escaped_never_sent(run):
    run("add", "Chest \x1b]0;pwned\x07 pain on 17/11/2026", "--notes", "MRN\n12345678")
    code, out, _ = run("lint")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    lines = out.splitlines()
    assert lines[0] == "#1 Chest \\x1b]0;pwned\\x07 pain on 17/11/2026 (idea)"
    assert lines[1].startswith('#1 title 25-35 date "17/11/2026": ')
    assert lines[2].startswith('#1 notes 0-12 record-number "MRN\\n12345678": ')


def test_very_long_notes_keep_one_short_line_per_finding(run):
    notes = "x " * 30_000 + "9" * 50_000 + " seen yesterday"
    run("add", "Long notes", "--notes", notes)
    code, out, _ = run("lint")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 5, "a heading, two findings, a blank line, the summary"
    digits = lines[1]
    assert digits.startswith(f'#1 notes 60000-110000 record-number "{"9" * 59}…": ')
    assert len(digits) < 200
    assert lines[2].startswith('#1 notes 110006-110015 relative-time "yesterday"')


def test_lint_has_help(run):
    code, out, _ = run("lint", "--help")
    assert code == 0
    assert "Usage: tracker lint [OPTIONS] [VIDEO]" in out
    words = " ".join(out.split())
    assert "--json" in words and "Exits 1 when anything is found, 0 when nothing is" in words
