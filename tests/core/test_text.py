from hypothesis import given
from hypothesis import strategies as st

from tracker.core.text import terminal_safe


def test_escape_sequences_in_a_title_are_shown_not_obeyed():
    assert terminal_safe("Case 12\x1b]0;pwned\x07") == "Case 12\\x1b]0;pwned\\x07"
    assert terminal_safe("\x1b[2Jclear") == "\\x1b[2Jclear"


def test_notes_may_keep_their_lines_but_nothing_else():
    assert terminal_safe("one\ntwo\x1b[31m", multiline=True) == "one\ntwo\\x1b[31m"
    assert terminal_safe("one\ntwo") == "one\\ntwo"


@given(st.text())
def test_the_result_never_holds_a_control_character(text):
    shown = terminal_safe(text)
    assert all(char.isprintable() for char in shown)
    shown.encode("utf-8")  # lone surrogates come out escaped too
