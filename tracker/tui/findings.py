"""Likely identifiers as the TUI shows them: under a field while the person types, and on the
card.

The checker is the one the CLI's ``tracker lint`` and the checklist's text item use
(:func:`tracker.services.publishing.identifiers_in`, with the member's ``local_words``); it
is pure and fast, so a form runs it on every change. It flags *likely* identifiers: clean text
says nothing about the images, consent or how rare a case is.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from tracker.core.identifiers import Finding
from tracker.services.context import Context
from tracker.services.publishing import identifiers_in
from tracker.tui.plain import plain
from tracker.tui.screens.form import Check

LONGEST_WORDS_SHOWN = 60  # characters of flagged words; a run of digits can be longer
MOST_FINDINGS_SHOWN = 6  # under one field; the rest are counted


def identifier_check(ctx: Context) -> Check:
    """A form field's check: the findings in its text, one line each (nothing when clean)."""

    def check(text: str) -> Content:
        return findings_text(identifiers_in(ctx, text))

    return check


def findings_text(findings: Sequence[Finding]) -> Content:
    """``⚠ rule "words": why``, a line for each finding (the first few, then how many more:
    a long pasted text must not bury the form)."""
    lines = [
        Content.assemble("⚠ ", (finding.rule, "bold"), " ", quoted(finding.text), ": ", finding.why)
        for finding in findings[:MOST_FINDINGS_SHOWN]
    ]
    more = len(findings) - MOST_FINDINGS_SHOWN
    if more > 0:
        lines.append(Content(f"⚠ and {more} more like these"))
    return Content("\n").join(lines)


def quoted(words: str) -> Content:
    """Flagged words as typed (never read as markup), cut when very long."""
    shown = words if len(words) <= LONGEST_WORDS_SHOWN else words[: LONGEST_WORDS_SHOWN - 1] + "…"
    return Content.assemble('"', plain(shown), '"')
