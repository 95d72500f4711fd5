"""The readers behind the imports: a JSON list read in pieces, Timewarrior's lines, cells."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import START
from tracker.core.errors import InputError
from tracker.core.imports import LocatedError
from tracker.core.imports.cells import count, day, parse_mapping, seconds_of, unit_in, words
from tracker.core.imports.formats import kind_of
from tracker.core.imports.jsonstream import LONGEST_ITEM, array_items
from tracker.core.imports.timewarrior import interval_entry

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=10,
)


def pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)]


@given(
    items=st.lists(JSON_VALUES, max_size=6),
    indent=st.sampled_from([None, 1, 2]),
    size=st.integers(min_value=1, max_value=40),
)
def test_items_and_their_lines_do_not_depend_on_how_the_text_is_cut(items, indent, size):
    dumped = [json.dumps(item, indent=indent) for item in items]
    text = "[\n" + ",\n".join(dumped) + "\n]\n"
    lines = [2 + sum(d.count("\n") + 1 for d in dumped[:index]) for index in range(len(items))]

    assert list(array_items(pieces(text, size))) == list(zip(lines, items, strict=True))


def test_a_list_longer_than_the_text_kept_ahead_is_read_whole_whatever_the_cuts():
    frames = [[n, n + 60, f"p{n % 7}", f"{n:032x}", ["a"] * (n % 3), n] for n in range(3000)]
    text = json.dumps(frames, indent=1)
    assert len(text) > 4 * LONGEST_ITEM
    lines = [1 + text.count("\n", 0, text.index(f'"{n:032x}"')) - 4 for n in range(3000)]

    for size in (997, 1 << 16, 1 << 20):
        assert list(array_items(pieces(text, size))) == list(zip(lines, frames, strict=True))


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("", 1, "expected a JSON list ([...]), found the end of the file"),
        ('\n\n{"a": 1}', 3, 'expected a JSON list ([...]), found "{\\"a\\": 1}"'),
        ("[\n [1, 2],\n [3,\n", 4, "the file ends in the middle of an item (cut off?)"),
        ("[\n [1, 2]\n [3]\n]", 3, 'expected , or ] after an item, found "[3]"'),
        ("[\n [1, 2],\n nope\n]", 3, "not valid JSON (Expecting value)"),
        ("[1]\n\n[2]", 3, 'unexpected "[2]" after the list\'s end'),
    ],
)
def test_broken_json_is_reported_at_its_line(text, line, message):
    for size in (1, 3, 1000):
        with pytest.raises(LocatedError) as refused:
            list(array_items(pieces(text, size)))
        assert (refused.value.line, str(refused.value)) == (line, message)


def test_a_timewarrior_line_is_read_as_timewarrior_writes_it():
    entry = interval_entry(
        7, 'inc 20261101T190000Z - 20261101T200000Z # "a\\"b" it\'s x\\y # "say \\"hi\\" # there"'
    )
    assert entry is not None
    assert (entry.line, entry.source_id) == (7, "20261101T190000Z")
    assert (entry.start, entry.end) == (
        datetime(2026, 11, 1, 19, tzinfo=UTC),
        datetime(2026, 11, 1, 20, tzinfo=UTC),
    )
    assert (entry.tags, entry.note) == (('a"b', "it's", "x\\y"), 'say "hi" # there')
    running = interval_entry(1, "inc 20261101T190000Z # # note without tags")
    assert running is not None and (running.end, running.tags, running.note) == (
        None,
        (),
        "note without tags",
    )
    assert interval_entry(2, "   ") is None


@pytest.mark.parametrize(
    ("specs", "expected"),
    [
        (["title=Case,due=Date"], {"title": "Case", "due": "Date"}),
        (["title = Case name ", "due=Due, date"], {"title": "Case name", "due": "Due, date"}),
        (["Title=Case,Views=Views, total"], {"title": "Case", "views": "Views, total"}),
    ],
)
def test_a_mapping_pairs_fields_with_columns_that_may_hold_commas(specs, expected):
    assert parse_mapping(specs, ("title", "due", "views")) == expected


def test_a_field_given_twice_is_refused():
    with pytest.raises(InputError, match="--map gives title twice"):
        parse_mapping(["title=A", "title=B"], ("title",))


def test_cells_become_values():
    assert words("youtube, tiktok;instagram  x") == ["youtube", "tiktok", "instagram", "x"]
    assert [count(cell, "views") for cell in ("1,234,567", "1200", 1200.0, 7, "", None)] == [
        1234567,
        1200,
        1200,
        7,
        None,
        None,
    ]
    for bad in ("1.5", "12,34", "-3", 2.5, "1" * 30):
        with pytest.raises(InputError, match="is not a whole number"):
            count(bad, "views")
    now = START
    assert day("2026-12-01", now, None, "due") == date(2026, 12, 1)
    assert day("1 Dec 2026", now, None, "due") == date(2026, 12, 1)
    assert day("12/01/2026", now, "mdy", "due") == date(2026, 12, 1)
    assert day(datetime(2026, 12, 1, 18, 0), now, None, "due") == date(2026, 12, 1)
    assert day(" ", now, None, "due") is None


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", "xlsx"),
        (
            b"PK\x03\x04"
            + b"\x00" * 26
            + b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet",
            "ods",
        ),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00notes.txt", "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, "ole"),
        ("Title,Due\n".encode("utf-16"), "utf16"),
        ("Title,Due\n".encode("utf-16-le"), "utf16"),
        ("Title,Due\n".encode("utf-16-be"), "utf16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"%PDF-1.7\n", "pdf"),
        (b"Title,Due\nA,2026-12-01\n", None),
        ("\ufeffTitel;Fällig\n".encode(), None),
        (b"\x00" * 64, None),
        (b"", None),
    ],
)
def test_a_file_is_known_by_its_first_bytes(head, kind):
    assert kind_of(head) == kind


@pytest.mark.parametrize(
    ("name", "seconds"),
    [
        ("Watch time (hours)", 3600),
        ("Watch time (minutes)", 60),
        ("Total play time (s)", 1),
        ("Watch time", None),
        ("Hours or minutes", None),
    ],
)
def test_a_columns_name_may_say_its_unit(name, seconds):
    assert unit_in(name) == seconds


@given(seconds=st.integers(min_value=0, max_value=10**9))
def test_a_clock_reading_of_watch_time_is_its_seconds(seconds):
    hours, rest = divmod(seconds, 3600)
    text = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    assert seconds_of(text, None, "watch time") == seconds


@pytest.mark.parametrize("cell", ["-1", "1e309", "nan", "soon", "1.2.3", "9" * 40])
def test_watch_time_that_is_no_length_is_refused(cell):
    with pytest.raises(InputError, match="is not a length of time"):
        seconds_of(cell, 3600, "watch time")
