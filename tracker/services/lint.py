"""The identifier lint over the board: which words in a video could identify a patient.

Clinicians post teaching cases, and a title or a note that names a date, an age or a hospital
can cost them their licence. The pure checker (:func:`tracker.core.identifiers.find_identifiers`)
reads one text; this module reads the videos' words from the database, runs it over each field
in :data:`LINTED_FIELDS` with the member's ``local_words``, and says which field each finding is
in. It is an aid, not a guarantee: it reads only these words. For a video marked evergreen it
also flags words that date it (a month, a year, "this week"): a warning, not an identifier.

The board's videos are read as plain columns in one statement: only the videos still on their
way to being posted (not published, dropped, archived or removed), never the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from tracker.core.dated import find_dated_words
from tracker.core.stages import DROPPED_STAGE, PUBLISHED_STAGE
from tracker.db.models import Video
from tracker.services.board import resolve_video
from tracker.services.context import Context
from tracker.services.posts import PostView, posts_by_video
from tracker.services.publishing import TEXT_FIELDS, text_findings

#: The video's words the lint reads, in the order its findings are listed: the same the
#: checklist's text item reads (one list, in ``services.publishing``).
LINTED_FIELDS = TEXT_FIELDS
#: What an evergreen video shows the world first: no month, year or "this week" in them.
EVERGREEN_FIELDS = ("title", "caption")
#: Stages whose videos are checked only when named: they are out, or will not go out.
NOT_ON_THE_WAY = (PUBLISHED_STAGE, DROPPED_STAGE)


@dataclass(frozen=True)
class FieldFinding:
    """One likely identifier: ``text`` is ``field[start:end]`` (end not included)."""

    field: str
    rule: str
    start: int
    end: int
    text: str
    why: str


@dataclass(frozen=True)
class VideoLint:
    """A video that was checked and what was found in it (nothing, when it reads clean)."""

    number: int
    title: str
    stage: str
    findings: tuple[FieldFinding, ...]


def lint_video(session: Session, ctx: Context, ref: str) -> VideoLint:
    """Check one video, named as everywhere else (``12``, ``#12`` or a piece of its title),
    whatever its stage: a published one is checked too when it is asked for."""
    video = resolve_video(session, ref)
    return _lint(video, ctx, posts_by_video(session, ctx, [video]).get(video.number, []))


def lint_board(session: Session, ctx: Context) -> list[VideoLint]:
    """Check every video on the board that is not out yet (removed, published, archived and
    dropped ones are left out), in number order; clean ones are listed with no findings."""
    names = dict.fromkeys(("id", "number", "title", "stage", "evergreen", *LINTED_FIELDS))
    rows = session.execute(
        sa_select(*(getattr(Video, name) for name in names))
        .where(col(Video.deleted_at).is_(None), col(Video.stage).not_in(NOT_ON_THE_WAY))
        .order_by(col(Video.number))
    ).all()
    posts = posts_by_video(session, ctx, list(rows))
    return [_lint(row, ctx, posts.get(row.number, [])) for row in rows]


def _lint(video: Any, ctx: Context, posts: list[PostView]) -> VideoLint:
    """The findings in a Video, or in a row holding its number, title, stage and fields, and
    in its posts: likely identifiers, words that date an evergreen video, posts over their
    preset's limits."""
    captions = [(post.preset, post.caption) for post in posts]
    found = [(item.field, item.finding) for item in text_findings(ctx, video, captions)]
    if video.evergreen:
        found += [
            (field, finding)
            for field in EVERGREEN_FIELDS
            for finding in find_dated_words(getattr(video, field) or "")
        ]
    findings = tuple(
        FieldFinding(field, finding.rule, finding.start, finding.end, finding.text, finding.why)
        for field, finding in found
    ) + tuple(
        FieldFinding(f"post {post.preset}", "preset", 0, 0, post.preset, problem)
        for post in posts
        for problem in post.over_preset
    )
    return VideoLint(video.number, video.title, video.stage, findings)
