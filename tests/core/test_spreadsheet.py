"""Cells a spreadsheet opens as text, never as a formula."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.spreadsheet import FORMULA_STARTS, neutralise, spreadsheet_row


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://example.com","click")', '\'=HYPERLINK("http://example.com","click")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Unknown case 14", "Unknown case 14"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_text_that_could_start_a_formula_gets_a_quote_in_front(typed, written):
    assert neutralise(typed) == written


def test_numbers_we_write_stay_numbers_even_when_negative_and_nothing_is_an_empty_cell():
    assert spreadsheet_row([-1.5, -3, 0, None, "-3"]) == [-1.5, -3, 0, "", "'-3"]


@given(st.text())
def test_no_neutralised_cell_starts_a_formula_and_the_text_is_kept(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)
