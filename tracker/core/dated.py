"""Words that date a post: an evergreen video (one meant to be found for years) whose title or
caption names a month, a year or "this week" reads stale the month after. Pure: text in,
findings out, with the same shape as the identifier check's.
"""

from __future__ import annotations

import re

from tracker.core.identifiers import Finding

RULE = "dated"
WHY = "an evergreen post reads stale once this date has passed"
_MONTHS = "january|february|march|april|june|july|august|september|october|november|december"
_SHORT_MONTHS = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_PATTERNS = (
    # Full month names; "May" only beside a day or a year, since "may" is mostly a verb.
    re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE),
    re.compile(r"\bMay\b(?=\s+\d)|(?<=\d\s)May\b|(?<=\d)May\b"),
    re.compile(rf"\b(?:{_SHORT_MONTHS})\.?(?=\s*\d)", re.IGNORECASE),
    # A year of this era standing alone (not part of 20,000 or 1.2026).
    # A unit after it makes it a measure: 2000 mGy, 1990 views.
    re.compile(
        r"(?<![\d,.\-/])\b(?:19[5-9]\d|20\d\d)\b(?![\d,.\-/]\d)"
        r"(?!\s?(?:[mµk]?gy|mg|ml|mm|cm|ms|kg|hz|iu|units?|views|subscribers|cases|patients)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:this|next|last|coming) "
        r"(?:week|weekend|month|year|spring|summer|autumn|fall|winter)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:today|tonight|tomorrow|yesterday)\b", re.IGNORECASE),
)


def find_dated_words(text: str) -> list[Finding]:
    """The spans of ``text`` that tie it to a date, in order, never overlapping."""
    found: list[Finding] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < other.end and other.start < end for other in found):
                continue
            found.append(Finding(RULE, start, end, match.group(), WHY))
    return sorted(found, key=lambda finding: finding.start)
