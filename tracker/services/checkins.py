"""Check-ins: the self-assessment, its scores over time, and when the next one is due."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources

from sqlmodel import Session, col, select

from tracker.core.checkin import Item, Scores, score
from tracker.db.models import CheckIn
from tracker.services.context import Context

SKIPPED = "-"
# Ours, not part of the inventory: its work-related items say "your work", and the people who
# use tracker have two (a day job and their videos); the inventory itself gives no time frame.
INSTRUCTION = (
    "Think of the last four weeks. Where a question says work, think of all your work: your "
    "day job and your videos together."
)


@dataclass(frozen=True)
class CheckInView:
    taken_at: datetime
    personal_score: float | None
    work_score: float | None

    @property
    def highest(self) -> float | None:
        return Scores(self.personal_score, self.work_score).highest


@cache
def instrument() -> tuple[Item, ...]:
    """The questions, read once from the data file shipped with the package."""
    text = resources.files("tracker.data").joinpath("cbi.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    choices = {name: tuple(labels) for name, labels in data["answers"].items()}
    return tuple(
        Item(item["scale"], item["text"], choices[item["answers"]], item.get("reversed", False))
        for item in data["items"]
    )


def record_checkin(session: Session, ctx: Context, answers: list[int | None]) -> CheckInView:
    """Score and keep a check-in; answers are positions in each question's choices."""
    scores = score(instrument(), answers)
    row = CheckIn(
        member_id=ctx.member_id,
        taken_at=ctx.now(),
        personal_score=scores.personal,
        work_score=scores.work,
        answers=",".join(SKIPPED if a is None else str(a + 1) for a in answers),
    )
    session.add(row)
    session.flush()
    return _view(row)


def checkin_history(session: Session, ctx: Context, limit: int = 12) -> list[CheckInView]:
    """The latest check-ins, newest first."""
    rows = session.exec(
        select(CheckIn)
        .where(CheckIn.member_id == ctx.member_id, col(CheckIn.deleted_at).is_(None))
        .order_by(col(CheckIn.taken_at).desc())
        .limit(limit)
    ).all()
    return [_view(row) for row in rows]


def checkin_due(session: Session, ctx: Context) -> bool:
    """Whether it is time for the next check-in (none yet, or the last one long enough ago)."""
    latest = checkin_history(session, ctx, limit=1)
    every = timedelta(days=ctx.settings.thresholds.checkin_every_days)
    return not latest or ctx.now() - latest[0].taken_at >= every


def _view(row: CheckIn) -> CheckInView:
    return CheckInView(row.taken_at, row.personal_score, row.work_score)
