"""Words that date an evergreen post: months, years, "this week"; and what they must not catch."""

from __future__ import annotations

import pytest

from tracker.core.dated import find_dated_words


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Pneumothorax signs, November update", ["November"]),
        ("Best of 2026: chest X-rays", ["2026"]),
        ("Five fractures to know this week", ["this week"]),
        ("Live Q&A tomorrow, slides from Jan 12", ["tomorrow", "Jan"]),
        ("Recorded 3 May in the reading room", ["May"]),
        ("Next month: MRI physics; SEPTEMBER recap", ["Next month", "SEPTEMBER"]),
    ],
)
def test_dates_in_an_evergreen_title_are_flagged(text, flagged):
    assert [finding.text for finding in find_dated_words(text)] == flagged
    for finding in find_dated_words(text):
        assert text[finding.start : finding.end] == finding.text and finding.rule == "dated"


@pytest.mark.parametrize(
    "text",
    [
        "You may see a double bubble sign",
        "Week 12 of the series: Wednesday's unknown",
        "BI-RADS 4, C5-C6, T2 hyperintense",
        "Dose of 2000 mGy? No: 20,000 views, thank you",
        "A marching band of 1024 slices",
    ],
)
def test_timeless_words_are_left_alone(text):
    assert find_dated_words(text) == []
