"""Scoring the check-in as the instrument's authors describe it."""

import pytest

from tracker.core.checkin import Item, meaning, score
from tracker.core.errors import InputError
from tracker.services.checkins import instrument

FREQ = ("Always", "Often", "Sometimes", "Seldom", "Never/almost never")


def test_the_shipped_instrument_has_six_personal_and_seven_work_items_one_reversed():
    items = instrument()
    assert [item.scale for item in items].count("personal") == 6
    assert [item.scale for item in items].count("work") == 7
    assert [item.text for item in items if item.reversed] == [
        "Do you have enough energy for family and friends during leisure time?"
    ]


def test_answers_score_100_to_0_and_a_scale_is_the_mean_of_its_items():
    items = (Item("personal", "a", FREQ), Item("personal", "b", FREQ))
    assert score(items, [0, 4]).personal == 50
    assert score(items, [1, 1]).personal == 75


def test_the_reversed_item_counts_the_other_way():
    items = (Item("work", "energy", FREQ, reversed=True),)
    assert score(items, [0]).work == 0  # always enough energy: no exhaustion
    assert score(items, [4]).work == 100


def test_a_scale_needs_at_least_half_its_items_answered():
    items = (
        *(Item("personal", str(n), FREQ) for n in range(6)),
        *(Item("work", str(n), FREQ) for n in range(7)),
    )
    four_of_seven = [0, 0, 0, 0, None, None, None]
    assert score(items, [0, 0, 0, None, None, None, *four_of_seven]).personal == 100
    with pytest.raises(InputError, match="at least 3 of the 6 personal questions"):
        score(items, [0, 0, None, None, None, None, *four_of_seven])
    with pytest.raises(InputError, match="at least 4 of the 7 work questions"):
        score(items, [0, 0, 0, None, None, None, 0, 0, 0, None, None, None, None])


def test_wrong_answers_are_refused():
    items = (Item("personal", "a", FREQ),)
    with pytest.raises(InputError, match="Give 1 answers"):
        score(items, [0, 1])
    with pytest.raises(InputError, match="out of range"):
        score(items, [7])


def test_scores_are_explained_in_bands_not_diagnoses():
    assert "lightening the load" in meaning(50)
    assert "professional" in meaning(75)
    assert meaning(49.9) == "Below the moderate band."
