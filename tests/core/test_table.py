"""Plain text tables for listings."""

from hypothesis import given
from hypothesis import strategies as st

from tracker.core.table import format_table


def test_columns_line_up_under_their_headers():
    text = format_table(("#", "Title"), [("#1", "Five signs"), ("#12", "MRI")], width=80)
    assert text.splitlines() == ["#    Title", "#1   Five signs", "#12  MRI"]


def test_the_title_column_is_shortened_first_to_fit_the_terminal():
    title = "A very long title that would wrap around a narrow terminal"
    text = format_table(("#", "Title", "Stage"), [("#1", title, "edit")], width=40, flexible=1)
    lines = text.splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[1].startswith("#1  A very long title") and "…" in lines[1]
    assert lines[1].endswith("edit")


cells = st.text(alphabet=st.characters(codec="ascii", categories=["L", "N"]), max_size=30)


def test_piped_output_is_never_cut():
    title = "A very long title " * 5
    assert title.strip() in format_table(("Title",), [(title.strip(),)], width=None)


@given(st.lists(st.tuples(cells, cells, cells), max_size=20), st.integers(30, 200))
def test_no_line_is_wider_than_the_terminal_when_it_can_fit(rows, width):
    text = format_table(("a", "b", "c"), rows, width, flexible=1)
    assert all(len(line) <= width for line in text.splitlines())
