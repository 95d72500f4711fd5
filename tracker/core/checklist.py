"""The pre-publish checklist: what a clinician confirms before a case goes out.

The default items are the rules clinicians who post cases agree on (see docs/publishing.md and
the articles the product grew from): no identifiers in images or words, no hint of when the
case was seen, no exact age or gender, nothing that rebuilds a face, consent when in doubt, a
disclaimer, the institution's policy, no advice to strangers. Each has one line that says why.
A video goes into a gated stage only with every item ticked and no identifier finding in its
text, or with a written reason for going anyway (an override), which is kept.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.errors import InputError, one_line
from tracker.core.stages import PUBLISHED_STAGE

#: Stages a video enters only with its checklist done (or an override).
GATED_STAGES = ("scheduled", PUBLISHED_STAGE)
#: The item that the identifier lint answers: never ticked by hand.
TEXT_ITEM = "text"
SHORTEST_REASON = 10  # characters: an override says why, not "ok"
LONGEST_REASON = 500  # what the override table keeps
#: An item's key, typed to tick it: a short lowercase word ("all" ticks every item).
ITEM_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,29}")
LONGEST_WHY = 200


@dataclass(frozen=True)
class Item:
    """One thing to confirm: a short key to tick it by, and why it matters."""

    key: str
    why: str


DEFAULT_ITEMS = (
    Item(TEXT_ITEM, "no date, time hint, exact age, record number or name in the words"),
    Item("images", "no name, date or number burned into the images or the video"),
    Item("when", "nothing, in words or on screen, says when the case was seen"),
    Item("age", "no exact age or gender: say toddler, youth, middle-aged or elderly"),
    Item("face", "no images that can be rebuilt into a face"),
    Item("consent", "the patient's consent, whenever in doubt"),
    Item("disclaimer", "a disclaimer: your own view, not medical advice, not your employer's"),
    Item("policy", "your institution's social media policy and templates followed"),
    Item("advice", "no medical advice to a stranger who sent their own scans"),
)


def items_named(names: Sequence[str], items: Sequence[Item] = DEFAULT_ITEMS) -> tuple[str, ...]:
    """The keys of the items ``names`` name (whatever the case; ``all`` for every item one
    ticks by hand), refusing an unknown name with the list of known ones."""
    if not items:
        raise InputError("There is no pre-publish checklist: [checklist] in the config is empty.")
    keys = {item.key for item in items if item.key != TEXT_ITEM}
    chosen: list[str] = []
    for name in names:
        key = name.strip().lower()
        if key == "all":
            chosen.extend(item.key for item in items if item.key in keys)
        elif key == TEXT_ITEM:
            raise InputError(
                f'"{TEXT_ITEM}" is ticked by the identifier check itself: change the words it '
                'flags (see `tracker check REF`), or move with --override "why".'
            )
        elif key in keys:
            chosen.append(key)
        else:
            known = ", ".join(item.key for item in items if item.key in keys)
            raise InputError(f'There is no checklist item "{name}"; the items are {known}, or all.')
    return tuple(dict.fromkeys(chosen))


def check_item(key: str, why: str) -> Item:
    """An item someone adds to the checklist, its key and reason checked."""
    name = key.strip().lower()
    if not ITEM_KEY.fullmatch(name) or name == "all":
        raise InputError(
            f'"{one_line(key)}" cannot be an item\'s key; use a short lowercase word (letters, '
            "digits, -), such as consent."
        )
    reason = one_line(" ".join(why.split()))
    if not reason:
        raise InputError('Say why the item matters, e.g. "signed consent form on file".')
    if len(reason) > LONGEST_WHY:
        raise InputError(f"Say why in at most {LONGEST_WHY} characters (this has {len(reason)}).")
    return Item(name, reason)


def open_items(
    ticked: Sequence[str], text_findings: int, items: Sequence[Item] = DEFAULT_ITEMS
) -> tuple[str, ...]:
    """The keys of the items still open: not ticked, and the text item while the identifier
    check finds anything."""
    done = set(ticked)
    return tuple(
        item.key
        for item in items
        if (text_findings if item.key == TEXT_ITEM else item.key not in done)
    )


def check_reason(reason: str) -> str:
    """An override's reason, refused when it says nothing (invisible and control characters
    do not count) or runs past what the card keeps."""
    cleaned = " ".join(reason.split())
    if len(cleaned) > LONGEST_REASON:
        raise InputError(
            f"A reason is at most {LONGEST_REASON} characters (this one has {len(cleaned)}); "
            "say why in a sentence or two."
        )
    if (
        sum(
            1
            for char in cleaned
            if char.isprintable() and not char.isspace() and unicodedata.category(char) != "Cf"
        )
        < SHORTEST_REASON
    ):
        raise InputError(
            f"Say why in at least {SHORTEST_REASON} characters, e.g. "
            '--override "consent on file, names cropped by hand": the reason is kept on the '
            "card and in the weekly review."
        )
    return cleaned
