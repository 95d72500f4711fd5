"""Scoring the check-in: the personal and work-related scales of the Copenhagen Burnout
Inventory (items in tracker/data/cbi.toml, with their source).

A scale's score is the mean of its answered items, 0-100, given at least half are answered.
It is self-monitoring of exhaustion, not a diagnosis; the 2005 paper sets no official cut-off,
and 50 ("moderate or higher") and 75 ("high") are bands used in later studies.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from tracker.core.errors import InputError

# Answer positions 0..4 (first listed = always / to a very high degree) score these points.
POINTS = (100, 75, 50, 25, 0)
SCALES = ("personal", "work")
MODERATE = 50.0
HIGH = 75.0


@dataclass(frozen=True)
class Item:
    scale: str
    text: str
    choices: tuple[str, ...]
    reversed: bool = False


@dataclass(frozen=True)
class Scores:
    """Each scale's score (None when fewer than half its items were answered)."""

    personal: float | None
    work: float | None

    @property
    def highest(self) -> float | None:
        present = [score for score in (self.personal, self.work) if score is not None]
        return max(present) if present else None


def score(items: tuple[Item, ...], answers: list[int | None]) -> Scores:
    """Score answers given as positions in each item's choices (None: skipped)."""
    if len(answers) != len(items):
        raise InputError(f"Give {len(items)} answers, one per question ({len(answers)} given).")
    by_scale: dict[str, list[float | None]] = {}
    for item, answer in zip(items, answers, strict=True):
        if answer is not None and not 0 <= answer < len(POINTS):
            raise InputError(f"Answer {answer + 1} is out of range; answer 1 to 5, or skip.")
        points = None if answer is None else POINTS[answer]
        if points is not None and item.reversed:
            points = 100 - points
        by_scale.setdefault(item.scale, []).append(points)
    return Scores(*(_scale(name, by_scale[name]) if name in by_scale else None for name in SCALES))


def _scale(name: str, points: list[float | None]) -> float:
    """The mean of the answered items; fewer than half answered is not a score at all, and a
    check-in without a score would hide an earlier one, so it is refused."""
    answered = [value for value in points if value is not None]
    needed = (len(points) + 1) // 2
    if len(answered) < needed:
        raise InputError(
            f"Answer at least {needed} of the {len(points)} {name} questions for a score; "
            "nothing was saved."
        )
    return mean(answered)


def meaning(value: float | None) -> str:
    """What a score suggests, in plain words."""
    if value is None:
        return "Not enough answers for a score."
    if value >= HIGH:
        return "High: please consider talking to a professional or someone you trust."
    if value >= MODERATE:
        return "Moderate or higher: consider lightening the load for a while."
    return "Below the moderate band."
